/**
 * Network travel times on a user's road layer.
 *
 * Graph: every distinct vertex of every LineString (positions equal to 1e-7° are one node) is a node;
 * each consecutive pair of vertices is an undirected edge of haversine length ℓ and the feature's road
 * class c. For mode m the edge costs 60·ℓ_km / speed[c][m] minutes; speed 0 or absent bars the edge
 * (walkers and cyclists are barred from motorways by default). One-way restrictions and turn costs are
 * not modelled.
 *
 * A point is snapped to its nearest node that the mode can use (rbush search in growing boxes), and
 * reaches it along a straight connector at `connectorKmh[m]`. Times come from Dijkstra's algorithm with
 * a binary heap, seeded from the snapped nodes (multi-source: each source starts at its connector
 * time), stopped early at `maxMinutes` or once every destination node is settled.
 *
 * Pairs left at `Infinity` are reported in `unreachable` with a reason (`not_snapped`,
 * `different_component`), never silently; times cut off by `maxMinutes` are counted per mode.
 */
import RBush from "rbush";
import { invalid, parseInput } from "../errors.js";
import { haversineMetresXY } from "../internal/geo.js";
import {
  NetworkTravelOptionsSchema,
  RoadLayerSchema,
  type NetworkTravelOptions,
} from "../schema/travel.js";
import { type Id, TRAVEL_MODES, type TravelMatrix, type TravelMode } from "../domain/index.js";
import { MinHeap } from "../internal/min-heap.js";
import { parseMatrixRequest } from "./parse-points.js";
import type { SyncTravelTimeSource } from "./straight-line.js";
import type { TravelPoint } from "./types.js";

/** Where a point was snapped for one mode: node index (−1 = none within `maxSnapMetres`) and distance. */
export interface NetworkSnap {
  readonly id: Id;
  readonly node: number;
  readonly snapMetres: number;
  /** Component label of the node for this mode (−1 when not snapped). */
  readonly component: number;
}

/** Why a pair has no time. */
export type UnreachableReason = "not_snapped" | "different_component";

/** A pair without a time, and why. */
export interface UnreachablePair {
  readonly originId: Id;
  readonly destinationId: Id;
  readonly mode: TravelMode;
  readonly reason: UnreachableReason;
}

/** A {@link TravelMatrix} from a road network, with its snapping and unreachable pairs reported. */
export interface NetworkTravelMatrix extends TravelMatrix {
  readonly snaps: Readonly<Partial<Record<TravelMode, { origins: NetworkSnap[]; destinations: NetworkSnap[] }>>>;
  readonly unreachable: readonly UnreachablePair[];
  /** Pairs left `Infinity` because the time exceeded `maxMinutes`, per mode. */
  readonly beyondMaxMinutes: Readonly<Partial<Record<TravelMode, number>>>;
}

/** Connected parts of the network for one mode (only edges the mode may use). */
export interface NetworkComponents {
  /** Number of components with at least one usable edge. */
  readonly count: number;
  /** Node counts of those components, largest first. */
  readonly sizes: readonly number[];
}

/** A routable road network ({@link networkTravel}); a synchronous {@link TravelTimeSource}. */
export interface RoadNetwork extends SyncTravelTimeSource {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly components: Readonly<Record<TravelMode, NetworkComponents>>;
  /** Node positions `[lon, lat]`, for drawing. */
  nodeLonLat(node: number): [number, number];
  matrix(origins: readonly TravelPoint[], destinations: readonly TravelPoint[], modes: readonly TravelMode[]): NetworkTravelMatrix;
}

interface ModeGraph {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  degree: Int32Array;
  component: Int32Array;
}

interface NodeItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  i: number;
}

/**
 * Builds a routing graph from a GeoJSON road layer (e.g. OS Open Roads exported to GeoJSON) and returns
 * it as a travel-time source.
 *
 * @param roads - FeatureCollection of LineString/MultiLineString features with a class property.
 * @param options - `classProperty` (default `roadFunction`), `speedsKmh` by class and mode,
 *   `fallbackClass`, `maxMinutes`, `maxSnapMetres` (2000), `connectorKmh`, `transitWaitMinutes` (10).
 * @returns a {@link RoadNetwork}.
 * @throws {LotwiseError} `invalid_input` for an empty layer, a non-line geometry, a bad coordinate, or a
 *   road whose class has no speeds (and no `fallbackClass`); `limit_exceeded` from `matrix` when origins ×
 *   destinations × modes exceeds {@link MAX_MATRIX_CELLS} (5·10⁷ cells, 400 MB).
 * @example
 * ```ts
 * import { networkTravel } from "lotwise";
 * const net = networkTravel({ type: "FeatureCollection", features: [{ type: "Feature",
 *   properties: { roadFunction: "A Road" }, geometry: { type: "LineString", coordinates: [[0, 0], [0, 0.009]] } }] });
 * const m = net.matrix([{ id: "a", lonLat: [0, 0] }], [{ id: "b", lonLat: [0, 0.009] }], ["drive"]);
 * m.minutes.drive![0]; // ≈ 1.2 (1.0 km at 50 km/h)
 * ```
 */
export function networkTravel(roads: unknown, options: NetworkTravelOptions = {}): RoadNetwork {
  const opts = parseInput(NetworkTravelOptionsSchema, options, "options");
  const fc = parseInput(RoadLayerSchema, roads, "roads");
  const classNames = Object.keys(opts.speedsKmh);
  const classIndex = new Map(classNames.map((c, i) => [c, i]));
  if (opts.fallbackClass !== undefined && !classIndex.has(opts.fallbackClass)) {
    invalid(["options", "fallbackClass"], opts.fallbackClass, `not a class in speedsKmh (${classNames.join(", ")})`);
  }

  // Nodes and edges.
  const nodeKey = new Map<string, number>();
  const xs: number[] = [], ys: number[] = [];
  const eu: number[] = [], ev: number[] = [], elen: number[] = [], ecls: number[] = [];
  const nodeOf = (x: number, y: number): number => {
    const key = `${Math.round(x * 1e7)},${Math.round(y * 1e7)}`;
    let n = nodeKey.get(key);
    if (n === undefined) {
      n = xs.length;
      nodeKey.set(key, n);
      xs.push(x);
      ys.push(y);
    }
    return n;
  };
  fc.features.forEach((feature, fi) => {
    const f = feature as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
    if (typeof f !== "object" || f === null || f.type !== "Feature") invalid(["roads", "features", fi, "type"], f?.type, 'expected a GeoJSON "Feature"');
    const geom = f.geometry;
    if (typeof geom !== "object" || geom === null) invalid(["roads", "features", fi, "geometry"], geom, "a road needs a LineString or MultiLineString geometry");
    if (geom.type !== "LineString" && geom.type !== "MultiLineString") {
      invalid(["roads", "features", fi, "geometry", "type"], geom.type, "expected a LineString or MultiLineString road");
    }
    if (!Array.isArray(geom.coordinates) || geom.coordinates.length === 0) invalid(["roads", "features", fi, "geometry", "coordinates"], geom.coordinates, "a road needs coordinates");
    const raw = f.properties?.[opts.classProperty];
    let cls = typeof raw === "string" ? classIndex.get(raw) : undefined;
    if (cls === undefined) {
      if (opts.fallbackClass === undefined) {
        invalid(["roads", "features", fi, "properties", opts.classProperty], raw, `no speeds for this road class; known classes: ${classNames.join(", ")} (or set options.fallbackClass)`);
      }
      cls = classIndex.get(opts.fallbackClass)!;
    }
    const lines = (geom.type === "LineString" ? [geom.coordinates] : geom.coordinates) as unknown[];
    lines.forEach((line, li) => {
      const path: (string | number)[] = geom.type === "LineString" ? ["roads", "features", fi, "geometry", "coordinates"] : ["roads", "features", fi, "geometry", "coordinates", li];
      if (!Array.isArray(line) || line.length < 2) invalid(path, line, "a line needs at least 2 positions");
      let prev = -1;
      line.forEach((p: unknown, k: number) => {
        if (!Array.isArray(p) || p.length < 2) invalid([...path, k], p, "a position must be [lon, lat]");
        const [x, y] = p as unknown[];
        if (typeof x !== "number" || !Number.isFinite(x) || x < -180 || x > 180) invalid([...path, k, 0], x, "longitude must be a finite number in [-180, 180]");
        if (typeof y !== "number" || !Number.isFinite(y) || y < -90 || y > 90) invalid([...path, k, 1], y, "latitude must be a finite number in [-90, 90]");
        const n = nodeOf(x, y);
        if (prev >= 0 && prev !== n) {
          eu.push(prev);
          ev.push(n);
          elen.push(haversineMetresXY(xs[prev]!, ys[prev]!, x, y));
          ecls.push(cls);
        }
        prev = n;
      });
    });
  });
  const nNodes = xs.length, nEdges = eu.length;
  if (nEdges === 0) invalid(["roads", "features"], fc.features.length, "the road layer has no segment of non-zero length");

  const speedOf = (cls: number, m: TravelMode) => opts.speedsKmh[classNames[cls]!]?.[m] ?? 0;
  const graphs = {} as Record<TravelMode, ModeGraph>;
  const components = {} as Record<TravelMode, NetworkComponents>;
  for (const m of TRAVEL_MODES) {
    const g = buildModeGraph(nNodes, eu, ev, elen, ecls, (c) => speedOf(c, m));
    graphs[m] = g;
    const sizes = new Map<number, number>();
    for (let i = 0; i < nNodes; i++) if (g.degree[i]! > 0) sizes.set(g.component[i]!, (sizes.get(g.component[i]!) ?? 0) + 1);
    components[m] = { count: sizes.size, sizes: [...sizes.values()].sort((a, b) => b - a) };
  }

  const tree = new RBush<NodeItem>();
  tree.load(xs.map((x, i) => ({ minX: x, minY: ys[i]!, maxX: x, maxY: ys[i]!, i })));
  const heap = new MinHeap(2 * nEdges + 16);
  const dist = new Float64Array(nNodes).fill(Infinity);
  const touched = new Int32Array(nNodes);

  const snap = (p: TravelPoint, g: ModeGraph): { node: number; metres: number } => {
    const [px, py] = p.lonLat;
    const mPerDegLat = 111195;
    const mPerDegLon = Math.max(1, mPerDegLat * Math.cos((py * Math.PI) / 180));
    let best = -1, bestD = Infinity;
    const searchBox = (r: number) => {
      const dx = r / mPerDegLon, dy = r / mPerDegLat;
      for (const it of tree.search({ minX: px - dx, minY: py - dy, maxX: px + dx, maxY: py + dy })) {
        if (g.degree[it.i]! === 0) continue;
        const d = haversineMetresXY(px, py, it.minX, it.minY);
        if (d < bestD || (d === bestD && it.i < best)) {
          bestD = d;
          best = it.i;
        }
      }
    };
    for (let r = Math.min(50, opts.maxSnapMetres); ; r = Math.min(r * 4, opts.maxSnapMetres)) {
      searchBox(r);
      if (best >= 0 || r >= opts.maxSnapMetres) break;
    }
    // The box found a node; a nearer one may sit just outside the box corner's circle: search once more.
    if (best >= 0) searchBox(bestD * 1.01 + 1);
    if (best < 0 || bestD > opts.maxSnapMetres) return { node: -1, metres: bestD };
    return { node: best, metres: bestD };
  };

  return {
    nodeCount: nNodes,
    edgeCount: nEdges,
    components,
    nodeLonLat: (i) => [xs[i]!, ys[i]!],
    matrix(origins, destinations, modes) {
      const { os, ds, ms } = parseMatrixRequest(origins, destinations, modes);
      const nO = os.length, nD = ds.length;
      const minutes: Partial<Record<TravelMode, Float64Array>> = {};
      const snaps: Partial<Record<TravelMode, { origins: NetworkSnap[]; destinations: NetworkSnap[] }>> = {};
      const unreachable: UnreachablePair[] = [];
      const beyond: Partial<Record<TravelMode, number>> = {};
      const limit = opts.maxMinutes ?? Infinity;
      for (const m of ms) {
        const g = graphs[m];
        const kmh = opts.connectorKmh[m];
        const wait = m === "transit" ? opts.transitWaitMinutes : 0;
        const toSnap = (p: TravelPoint): NetworkSnap => {
          const s = snap(p, g);
          return { id: p.id, node: s.node, snapMetres: s.metres, component: s.node >= 0 ? g.component[s.node]! : -1 };
        };
        const oSnaps = os.map(toSnap), dSnaps = ds.map(toSnap);
        snaps[m] = { origins: oSnaps, destinations: dSnaps };
        const out = new Float64Array(nO * nD).fill(Infinity);
        minutes[m] = out;
        // Destinations grouped by node so a search can stop once all are settled.
        const dNodes = new Int32Array(dSnaps.map((s) => s.node));
        const dConn = new Float64Array(dSnaps.map((s) => (60 * s.snapMetres) / 1000 / kmh));
        const isTarget = new Uint8Array(nNodes);
        let targetCount = 0;
        for (const n of dNodes) if (n >= 0 && isTarget[n] === 0) {
          isTarget[n] = 1;
          targetCount++;
        }
        let cut = 0;
        for (let i = 0; i < nO; i++) {
          const o = oSnaps[i]!;
          if (o.node < 0) {
            for (let j = 0; j < nD; j++) unreachable.push({ originId: o.id, destinationId: dSnaps[j]!.id, mode: m, reason: "not_snapped" });
            continue;
          }
          const start = (60 * o.snapMetres) / 1000 / kmh;
          const nTouched = dijkstra(g, heap, dist, touched, [o.node], [start], limit, isTarget, targetCount);
          const row = i * nD;
          for (let j = 0; j < nD; j++) {
            const dn = dNodes[j]!;
            const d = dSnaps[j]!;
            if (dn < 0) {
              unreachable.push({ originId: o.id, destinationId: d.id, mode: m, reason: "not_snapped" });
              continue;
            }
            if (g.component[dn] !== g.component[o.node]) {
              unreachable.push({ originId: o.id, destinationId: d.id, mode: m, reason: "different_component" });
              continue;
            }
            const t = dist[dn]! + dConn[j]!;
            if (t <= limit) out[row + j] = t + wait;
            else cut++;
          }
          for (let k = 0; k < nTouched; k++) dist[touched[k]!] = Infinity;
        }
        beyond[m] = cut;
      }
      return {
        originIds: os.map((p) => p.id),
        destinationIds: ds.map((p) => p.id),
        modes: [...ms],
        minutes,
        snaps,
        unreachable,
        beyondMaxMinutes: beyond,
      };
    },
  };
}

function buildModeGraph(
  nNodes: number,
  eu: readonly number[],
  ev: readonly number[],
  elen: readonly number[],
  ecls: readonly number[],
  speedOf: (cls: number) => number,
): ModeGraph {
  const nEdges = eu.length;
  const degree = new Int32Array(nNodes);
  const parent = new Int32Array(nNodes);
  for (let i = 0; i < nNodes; i++) parent[i] = i;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const pace = new Float64Array(nEdges); // minutes per metre; 0 = barred
  for (let e = 0; e < nEdges; e++) {
    const s = speedOf(ecls[e]!);
    if (!(s > 0)) continue;
    pace[e] = 60 / (s * 1000);
    degree[eu[e]!]!++;
    degree[ev[e]!]!++;
    const a = find(eu[e]!), b = find(ev[e]!);
    if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
  }
  const offsets = new Int32Array(nNodes + 1);
  for (let i = 0; i < nNodes; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, nNodes);
  const targets = new Int32Array(offsets[nNodes]!);
  const weights = new Float64Array(offsets[nNodes]!);
  for (let e = 0; e < nEdges; e++) {
    if (pace[e] === 0) continue;
    const u = eu[e]!, v = ev[e]!, w = elen[e]! * pace[e]!;
    targets[fill[u]!] = v;
    weights[fill[u]!++] = w;
    targets[fill[v]!] = u;
    weights[fill[v]!++] = w;
  }
  const component = new Int32Array(nNodes);
  for (let i = 0; i < nNodes; i++) component[i] = find(i);
  return { offsets, targets, weights, degree, component };
}

/**
 * Multi-source Dijkstra: each source node starts at its own time. Writes settled times into `dist`
 * (which must be all `Infinity` on entry) and returns how many nodes it touched, listed in `touched`,
 * so the caller can reset them. Stops when the heap top exceeds `limit` or all `targetCount` target
 * nodes are settled. The binary heap lives in `heap` (keys and values; lazy deletion, so it needs room
 * for every relaxation: 2·edges + sources).
 * @internal
 */
export function dijkstra(
  g: { offsets: Int32Array; targets: Int32Array; weights: Float64Array },
  heap: MinHeap,
  dist: Float64Array,
  touched: Int32Array,
  sources: readonly number[],
  startMinutes: readonly number[],
  limit: number,
  isTarget: Uint8Array,
  targetCount: number,
): number {
  let nTouched = 0;
  heap.clear();
  sources.forEach((s, k) => {
    const t = startMinutes[k]!;
    if (t < dist[s]!) {
      if (dist[s] === Infinity) touched[nTouched++] = s;
      dist[s] = t;
      heap.push(t, s);
    }
  });
  const { offsets, targets, weights } = g;
  let settledTargets = 0;
  while (heap.size > 0) {
    const key = heap.peekKey();
    if (key > limit) break;
    const u = heap.pop();
    if (key > dist[u]!) continue; // stale entry
    if (isTarget[u] === 1 && ++settledTargets === targetCount) break;
    for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
      const v = targets[k]!;
      const t = key + weights[k]!;
      if (t < dist[v]!) {
        if (dist[v] === Infinity) touched[nTouched++] = v;
        dist[v] = t;
        heap.push(t, v);
      }
    }
  }
  return nTouched;
}

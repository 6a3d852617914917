/**
 * Building the routing graph of {@link networkTravel} from a GeoJSON road layer.
 *
 * Nodes: every distinct vertex of every line (positions equal to 1e-7° are one node), so ways that are not
 * split at junctions (OSM as exported) still connect wherever they share a coordinate, mid-way vertices
 * included. Segments: each consecutive pair of vertices, with its haversine length and the speeds of its
 * feature per mode and direction (forward = along the vertex order). For each mode, a directed graph in
 * compressed rows holds the segments the mode may use in each direction, weighted in minutes.
 */
import { invalid } from "../errors.js";
import { haversineMetresXY } from "../internal/geo.js";
import type { NetworkTravelSettings } from "../schema/travel.js";
import { osmWaySpeeds, type WaySpeeds } from "./osm-tags.js";
import { TRAVEL_MODES, type TravelMode } from "../domain/index.js";

/** One mode's directed graph; `component` labels weakly connected parts (−1: node unused by the mode). */
export interface ModeGraph {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  readonly component: Int32Array;
  /** Label of the component with the most usable road length (−1 when the mode has no road). */
  readonly mainComponent: number;
  /** Minutes per metre along (`fwd`) and against (`bwd`) each segment; 0 = barred. */
  readonly fwd: Float64Array;
  readonly bwd: Float64Array;
}

/** Why features were left out of the graph, with counts. */
export interface ExcludedWays {
  readonly reason: "no_highway_tag" | "not_a_road" | "unknown_highway";
  /** The `highway` value (empty for `no_highway_tag`). */
  readonly highway: string;
  readonly ways: number;
  /** Indices of the first (up to 10) such features in `roads.features`. */
  readonly firstFeatures: readonly number[];
}

/** A `maxspeed` value that could not be read; those ways use their class speed. */
export interface UnknownMaxspeed {
  readonly value: string;
  readonly ways: number;
  /** `highway` classes of those ways, whose default speeds were used. */
  readonly defaultedTo: readonly string[];
}

/** What building the network found: format read, ways left out, unreadable speed limits. */
export interface RoadNetworkReport {
  readonly format: "osm" | "classes";
  /** Features turned into roads. */
  readonly roads: number;
  readonly excluded: readonly ExcludedWays[];
  readonly unknownMaxspeed: readonly UnknownMaxspeed[];
}

/** The parsed layer: nodes, segments and per-segment speeds. @internal */
export interface RoadSegments {
  readonly xs: number[];
  readonly ys: number[];
  readonly su: Int32Array;
  readonly sv: Int32Array;
  readonly slen: Float64Array;
  /** Per segment index into `profiles`. */
  readonly sprofile: Int32Array;
  readonly profiles: readonly WaySpeeds[];
  readonly report: RoadNetworkReport;
}

type FeatureLike = { type?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };

function resolveFormat(features: readonly unknown[], opts: NetworkTravelSettings): "osm" | "classes" {
  if (opts.format !== "auto") return opts.format;
  const has = (key: string) => features.some((f) => typeof (f as FeatureLike | null)?.properties?.[key] === "string");
  if (has(opts.classProperty)) return "classes";
  if (has("highway")) return "osm";
  features.forEach((f, fi) => featureLines(f as FeatureLike, fi)); // a bad geometry is the first thing to report
  return invalid(
    ["roads", "features"],
    `${features.length} features`,
    `no road class found: no feature has a "highway" tag (OpenStreetMap) or a "${opts.classProperty}" property; set options.format and options.classProperty`,
  );
}

/** Checks one feature's geometry and returns its lines (each a list of [lon, lat]). */
function featureLines(f: FeatureLike, fi: number): { lines: unknown[]; multi: boolean } {
  if (typeof f !== "object" || f === null || f.type !== "Feature") invalid(["roads", "features", fi, "type"], f?.type, 'expected a GeoJSON "Feature"');
  const geom = f.geometry;
  if (typeof geom !== "object" || geom === null) invalid(["roads", "features", fi, "geometry"], geom, "a road needs a LineString or MultiLineString geometry");
  if (geom.type !== "LineString" && geom.type !== "MultiLineString") invalid(["roads", "features", fi, "geometry", "type"], geom.type, "expected a LineString or MultiLineString road");
  if (!Array.isArray(geom.coordinates) || geom.coordinates.length === 0) invalid(["roads", "features", fi, "geometry", "coordinates"], geom.coordinates, "a road needs coordinates");
  const multi = geom.type === "MultiLineString";
  return { lines: (multi ? geom.coordinates : [geom.coordinates]) as unknown[], multi };
}

/** Collects excluded features and unreadable maxspeeds for the report. */
class ReportBuilder {
  private excluded = new Map<string, { reason: ExcludedWays["reason"]; highway: string; ways: number; first: number[] }>();
  private maxspeed = new Map<string, { ways: number; classes: Set<string> }>();
  roads = 0;
  exclude(reason: ExcludedWays["reason"], highway: string, fi: number): void {
    const key = `${reason}\u0000${highway}`;
    const e = this.excluded.get(key) ?? { reason, highway, ways: 0, first: [] };
    e.ways++;
    if (e.first.length < 10) e.first.push(fi);
    this.excluded.set(key, e);
  }
  unknownMaxspeed(value: string, highway: string): void {
    const e = this.maxspeed.get(value) ?? { ways: 0, classes: new Set<string>() };
    e.ways++;
    e.classes.add(highway);
    this.maxspeed.set(value, e);
  }
  build(format: "osm" | "classes"): RoadNetworkReport {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const excluded = [...this.excluded.values()]
      .sort((a, b) => cmp(a.reason, b.reason) || cmp(a.highway, b.highway))
      .map((e) => ({ reason: e.reason, highway: e.highway, ways: e.ways, firstFeatures: e.first }));
    const unknownMaxspeed = [...this.maxspeed.entries()]
      .sort((a, b) => cmp(a[0], b[0]))
      .map(([value, e]) => ({ value, ways: e.ways, defaultedTo: [...e.classes].sort(cmp) }));
    return { format, roads: this.roads, excluded, unknownMaxspeed };
  }
}

/**
 * Node ids by position rounded to 1e-7° (about 1 cm): an open-addressing hash on the two integer
 * coordinates (no string keys: 170k vertices of a county are looked up in ~10 ms).
 */
class NodeTable {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  private kx = new Int32Array(1 << 16);
  private ky = new Int32Array(1 << 16);
  private val = new Int32Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  nodeOf(x: number, y: number): number {
    const ix = Math.round(x * 1e7), iy = Math.round(y * 1e7);
    let h = (Math.imul(ix, 0x9e3779b1) ^ Math.imul(iy, 0x85ebca77)) & this.mask;
    for (;;) {
      const v = this.val[h]!;
      if (v < 0) break;
      if (this.kx[h] === ix && this.ky[h] === iy) return v;
      h = (h + 1) & this.mask;
    }
    const n = this.xs.length;
    this.xs.push(x);
    this.ys.push(y);
    this.kx[h] = ix;
    this.ky[h] = iy;
    this.val[h] = n;
    if (2 * (n + 1) > this.mask) this.grow();
    return n;
  }
  private grow(): void {
    const { kx, ky, val } = this;
    const size = (this.mask + 1) * 2;
    this.kx = new Int32Array(size);
    this.ky = new Int32Array(size);
    this.val = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < val.length; i++) {
      if (val[i]! < 0) continue;
      let h = (Math.imul(kx[i]!, 0x9e3779b1) ^ Math.imul(ky[i]!, 0x85ebca77)) & this.mask;
      while (this.val[h]! >= 0) h = (h + 1) & this.mask;
      this.kx[h] = kx[i]!;
      this.ky[h] = ky[i]!;
      this.val[h] = val[i]!;
    }
  }
}

/** Speeds of one feature under the chosen format, or null when it is left out (and reported). */
function featureSpeeds(
  f: FeatureLike,
  fi: number,
  format: "osm" | "classes",
  opts: NetworkTravelSettings,
  report: ReportBuilder,
): WaySpeeds | null {
  const props = f.properties ?? {};
  if (format === "osm") {
    const hw = props.highway;
    if (typeof hw !== "string" || hw.trim() === "") {
      report.exclude("no_highway_tag", "", fi);
      return null;
    }
    const v = osmWaySpeeds(props, opts.osm);
    if (v.kind === "excluded") {
      report.exclude(v.reason, v.highway, fi);
      return null;
    }
    if (v.unknownMaxspeed !== undefined) report.unknownMaxspeed(v.unknownMaxspeed, hw);
    return v.speeds;
  }
  const raw = props[opts.classProperty];
  let cls = typeof raw === "string" && Object.hasOwn(opts.speedsKmh, raw) ? opts.speedsKmh[raw] : undefined;
  if (cls === undefined) {
    if (opts.fallbackClass === undefined) {
      invalid(["roads", "features", fi, "properties", opts.classProperty], raw, `no speeds for this road class; known classes: ${Object.keys(opts.speedsKmh).join(", ")} (or set options.fallbackClass)`);
    }
    cls = opts.speedsKmh[opts.fallbackClass]!;
  }
  const s = TRAVEL_MODES.map((m) => cls[m] ?? 0) as [number, number, number, number];
  return { fwd: s, bwd: s };
}

/**
 * Parses and checks the road layer into nodes and segments (one pass; coordinates checked by hand since a
 * layer holds 100k+ vertices). Throws `invalid_input` naming the feature at fault. @internal
 */
export function parseRoadSegments(features: readonly unknown[], opts: NetworkTravelSettings): RoadSegments {
  if (opts.fallbackClass !== undefined && !Object.hasOwn(opts.speedsKmh, opts.fallbackClass)) {
    invalid(["options", "fallbackClass"], opts.fallbackClass, `not a class in speedsKmh (${Object.keys(opts.speedsKmh).join(", ")})`);
  }
  const format = resolveFormat(features, opts);
  const report = new ReportBuilder();
  const nodes = new NodeTable();
  const { xs, ys } = nodes;
  const su: number[] = [], sv: number[] = [], slen: number[] = [], sprof: number[] = [];
  const profileKey = new Map<string, number>();
  const profiles: WaySpeeds[] = [];
  const nodeOf = (x: number, y: number) => nodes.nodeOf(x, y);
  features.forEach((feature, fi) => {
    const f = feature as FeatureLike;
    const { lines, multi } = featureLines(f, fi);
    const speeds = featureSpeeds(f, fi, format, opts, report);
    if (speeds === null) return;
    report.roads++;
    const pk = `${speeds.fwd.join(",")}/${speeds.bwd.join(",")}`;
    let prof = profileKey.get(pk);
    if (prof === undefined) {
      prof = profiles.length;
      profileKey.set(pk, prof);
      profiles.push(speeds);
    }
    lines.forEach((line, li) => {
      const path: (string | number)[] = multi ? ["roads", "features", fi, "geometry", "coordinates", li] : ["roads", "features", fi, "geometry", "coordinates"];
      if (!Array.isArray(line) || line.length < 2) invalid(path, line, "a line needs at least 2 positions");
      let prev = -1;
      line.forEach((p: unknown, k: number) => {
        if (!Array.isArray(p) || p.length < 2) invalid([...path, k], p, "a position must be [lon, lat]");
        const [x, y] = p as unknown[];
        if (typeof x !== "number" || !Number.isFinite(x) || x < -180 || x > 180) invalid([...path, k, 0], x, "longitude must be a finite number in [-180, 180]");
        if (typeof y !== "number" || !Number.isFinite(y) || y < -90 || y > 90) invalid([...path, k, 1], y, "latitude must be a finite number in [-90, 90]");
        const n = nodeOf(x, y);
        if (prev >= 0 && prev !== n) {
          su.push(prev);
          sv.push(n);
          slen.push(haversineMetresXY(xs[prev]!, ys[prev]!, x, y));
          sprof.push(prof);
        }
        prev = n;
      });
    });
  });
  if (su.length === 0) {
    const r = report.build(format);
    const why = r.excluded.map((e) => `${e.ways} ${e.reason}${e.highway ? ` (${e.highway})` : ""}`).join(", ");
    invalid(["roads", "features"], `${features.length} features`, `the road layer has no routable segment of non-zero length${why ? `; left out: ${why}` : ""}`);
  }
  return { xs, ys, su: Int32Array.from(su), sv: Int32Array.from(sv), slen: Float64Array.from(slen), sprofile: Int32Array.from(sprof), profiles, report: report.build(format) };
}

/** Connected parts of the network for one mode (weakly connected: one-way streets count both ways). */
export interface NetworkComponents {
  /** Number of components with at least one usable segment. */
  readonly count: number;
  /** Node counts of those components, largest first. */
  readonly sizes: readonly number[];
  /** Usable road length of those components in km, largest first. */
  readonly lengthsKm: readonly number[];
  /** Usable road length of the whole network for this mode, km. */
  readonly totalKm: number;
}

/** Builds one mode's directed graph and its components. @internal */
export function buildModeGraph(seg: RoadSegments, mode: TravelMode): { graph: ModeGraph; components: NetworkComponents } {
  const mi = TRAVEL_MODES.indexOf(mode);
  const nNodes = seg.xs.length, nSeg = seg.su.length;
  const { su, sv, slen } = seg;
  const fwd = new Float64Array(nSeg), bwd = new Float64Array(nSeg);
  const outDeg = new Int32Array(nNodes);
  const parent = new Int32Array(nNodes).map((_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const used = new Uint8Array(nNodes);
  for (let e = 0; e < nSeg; e++) {
    const p = seg.profiles[seg.sprofile[e]!]!;
    const f = p.fwd[mi]!, b = p.bwd[mi]!;
    if (f > 0) { fwd[e] = 60 / (f * 1000); outDeg[su[e]!]!++; }
    if (b > 0) { bwd[e] = 60 / (b * 1000); outDeg[sv[e]!]!++; }
    if (f > 0 || b > 0) {
      used[su[e]!] = 1;
      used[sv[e]!] = 1;
      const x = find(su[e]!), y = find(sv[e]!);
      if (x !== y) parent[x < y ? y : x] = x < y ? x : y;
    }
  }
  const offsets = new Int32Array(nNodes + 1);
  for (let i = 0; i < nNodes; i++) offsets[i + 1] = offsets[i]! + outDeg[i]!;
  const fill = offsets.slice(0, nNodes);
  const targets = new Int32Array(offsets[nNodes]!);
  const weights = new Float64Array(offsets[nNodes]!);
  for (let e = 0; e < nSeg; e++) {
    const u = su[e]!, v = sv[e]!;
    if (fwd[e]! > 0) { targets[fill[u]!] = v; weights[fill[u]!++] = slen[e]! * fwd[e]!; }
    if (bwd[e]! > 0) { targets[fill[v]!] = u; weights[fill[v]!++] = slen[e]! * bwd[e]!; }
  }
  const component = new Int32Array(nNodes);
  const sizes = new Map<number, number>(), lengths = new Map<number, number>();
  for (let i = 0; i < nNodes; i++) {
    component[i] = used[i] === 1 ? find(i) : -1;
    if (used[i] === 1) sizes.set(component[i]!, (sizes.get(component[i]!) ?? 0) + 1);
  }
  let totalKm = 0;
  for (let e = 0; e < nSeg; e++) {
    if (fwd[e] === 0 && bwd[e] === 0) continue;
    const c = component[su[e]!]!;
    lengths.set(c, (lengths.get(c) ?? 0) + slen[e]! / 1000);
    totalKm += slen[e]! / 1000;
  }
  const desc = (a: number, b: number) => b - a;
  let mainComponent = -1, mainKm = -1;
  for (const [c, km] of lengths) if (km > mainKm || (km === mainKm && c < mainComponent)) [mainComponent, mainKm] = [c, km];
  return {
    graph: { offsets, targets, weights, component, mainComponent, fwd, bwd },
    components: { count: sizes.size, sizes: [...sizes.values()].sort(desc), lengthsKm: [...lengths.values()].sort(desc), totalKm },
  };
}

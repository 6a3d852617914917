/**
 * Network travel times on a user's road layer: OpenStreetMap highway data (as exported, ways not split at
 * junctions) or a layer with one class per road (e.g. OS Open Roads `roadFunction`).
 *
 * The graph ({@link parseRoadSegments}): a node at every distinct vertex, so ways connect wherever they share
 * a coordinate; a segment between consecutive vertices with its length and, per mode and direction, its
 * speed (OSM tags read by {@link osmWaySpeeds}: class, `maxspeed`, `oneway`, access). Each mode gets its own
 * directed graph. A point is snapped to the nearest position on a road its mode may use, and times come from
 * Dijkstra's algorithm (see `network-search.ts`). Turn costs and turn restrictions are not modelled.
 *
 * Pairs without a time are reported in `unreachable` with a reason (`not_snapped`, `different_component`,
 * `no_path`), never silently; times above `maxMinutes` (door to door) are counted per mode.
 */
import { invalid, parseInput } from "../errors.js";
import { NetworkTravelOptionsSchema, RoadLayerSchema, type NetworkTravelOptions } from "../schema/travel.js";
import { TRAVEL_MODES, type TravelMatrix, type TravelMode, type SyncTravelTimeSource, type TravelPoint } from "../domain/index.js";
import { MinHeap } from "../internal/min-heap.js";
import { buildModeGraph, parseRoadSegments, type ModeGraph, type NetworkComponents, type RoadNetworkReport } from "./network-graph.js";
import { indexSegments, modeMatrix, snapPoint, type NetworkSnap, type UnreachablePair } from "./network-search.js";
import { parseMatrixRequest } from "./parse-points.js";

export type { ExcludedWays, NetworkComponents, RoadNetworkReport, UnknownMaxspeed } from "./network-graph.js";
export { dijkstra, type NetworkSnap, type UnreachablePair, type UnreachableReason } from "./network-search.js";

/** A {@link TravelMatrix} from a road network, with its snapping and unreachable pairs reported. */
export interface NetworkTravelMatrix extends TravelMatrix {
  readonly snaps: Readonly<Partial<Record<TravelMode, { origins: NetworkSnap[]; destinations: NetworkSnap[] }>>>;
  readonly unreachable: readonly UnreachablePair[];
  /** Pairs left `Infinity` because the door-to-door time exceeded `maxMinutes`, per mode. */
  readonly beyondMaxMinutes: Readonly<Partial<Record<TravelMode, number>>>;
}

/** A routable road network ({@link networkTravel}); a synchronous {@link TravelTimeSource}. */
export interface RoadNetwork extends SyncTravelTimeSource {
  readonly nodeCount: number;
  /** Segments (consecutive vertex pairs) in the graph. */
  readonly edgeCount: number;
  readonly components: Readonly<Record<TravelMode, NetworkComponents>>;
  /** How the layer was read: format, ways left out and why, unreadable `maxspeed` values. */
  readonly report: RoadNetworkReport;
  /** Node positions `[lon, lat]`, for drawing. */
  nodeLonLat(node: number): [number, number];
  matrix(origins: readonly TravelPoint[], destinations: readonly TravelPoint[], modes: readonly TravelMode[]): NetworkTravelMatrix;
}

/**
 * Builds a routing graph from a GeoJSON road layer and returns it as a travel-time source. OpenStreetMap
 * highway GeoJSON (e.g. from `osmium export`, or {@link readOsmPbf} in `lotwise/node`) is read from its tags;
 * a layer with a class property per road uses `speedsKmh`.
 *
 * @param roads - FeatureCollection of LineString/MultiLineString features.
 * @param options - `format` (`auto`), `osm` (tag reading, see {@link OsmProfileSchema}), `classProperty`
 *   (`roadFunction`), `speedsKmh` by class and mode, `fallbackClass`, `maxMinutes`, `maxSnapMetres` (2000),
 *   `connectorKmh`, `transitWaitMinutes` (10, class layers only).
 * @returns a {@link RoadNetwork}; `report` lists ways left out (no `highway` tag, not a road, unknown class)
 *   and unreadable `maxspeed` strings (their ways use the class speed).
 * @throws {LotwiseError} `invalid_input` for an empty layer, a layer with no road class at all (no
 *   `highway` tag and no `classProperty`), a non-line geometry, a bad coordinate, a class without speeds (and
 *   no `fallbackClass`), no routable segment; from `matrix`, `transit` on OSM roads (use
 *   {@link busServiceTravel}); `limit_exceeded` from `matrix` above {@link MAX_MATRIX_CELLS} cells.
 * @example
 * ```ts
 * import { networkTravel } from "lotwise";
 * const net = networkTravel({ type: "FeatureCollection", features: [{ type: "Feature",
 *   properties: { highway: "residential", maxspeed: "20 mph" }, geometry: { type: "LineString", coordinates: [[0, 0], [0, 0.009]] } }] });
 * const m = net.matrix([{ id: "a", lonLat: [0, 0] }], [{ id: "b", lonLat: [0, 0.009] }], ["drive", "walk"]);
 * m.minutes.drive![0]; // = 3.0 (1.0 km at 0.8 × 25 km/h: the residential class speed is below 20 mph = 32.2 km/h)
 * m.minutes.walk![0]; // ≈ 12.5 (1.0 km at 4.8 km/h)
 * ```
 */
export function networkTravel(roads: unknown, options: NetworkTravelOptions = {}): RoadNetwork {
  const opts = parseInput(NetworkTravelOptionsSchema, options, "options");
  const fc = parseInput(RoadLayerSchema, roads, "roads");
  const seg = parseRoadSegments(fc.features, opts);
  const graphs = {} as Record<TravelMode, ModeGraph>;
  const components = {} as Record<TravelMode, NetworkComponents>;
  for (const m of TRAVEL_MODES) {
    const b = buildModeGraph(seg, m);
    graphs[m] = b.graph;
    components[m] = b.components;
  }
  const tree = indexSegments(seg);
  const nNodes = seg.xs.length;
  const scratch = { heap: new MinHeap(2 * seg.su.length + 16), dist: new Float64Array(nNodes).fill(Infinity), touched: new Int32Array(nNodes) };
  const limit = opts.maxMinutes ?? Infinity;
  return {
    nodeCount: nNodes,
    edgeCount: seg.su.length,
    components,
    report: seg.report,
    nodeLonLat: (i) => [seg.xs[i]!, seg.ys[i]!],
    matrix(origins, destinations, modes) {
      const { os, ds, ms } = parseMatrixRequest(origins, destinations, modes);
      if (seg.report.format === "osm" && ms.includes("transit")) {
        invalid(["modes"], ms, "transit is not routed on OpenStreetMap roads (no bus speeds or waits in OSM tags); use busServiceTravel for transit");
      }
      const minutes: Partial<Record<TravelMode, Float64Array>> = {};
      const snaps: Partial<Record<TravelMode, { origins: NetworkSnap[]; destinations: NetworkSnap[] }>> = {};
      const unreachable: UnreachablePair[] = [];
      const beyond: Partial<Record<TravelMode, number>> = {};
      for (const m of ms) {
        const g = graphs[m];
        const oSnaps = os.map((p) => snapPoint(p, g, seg, tree, opts.maxSnapMetres, opts.preferMainComponentMetres));
        const dSnaps = ds.map((p) => snapPoint(p, g, seg, tree, opts.maxSnapMetres, opts.preferMainComponentMetres));
        snaps[m] = { origins: oSnaps, destinations: dSnaps };
        const r = modeMatrix(m, g, seg, scratch, oSnaps, dSnaps, opts.connectorKmh[m], m === "transit" ? opts.transitWaitMinutes : 0, limit);
        minutes[m] = r.minutes;
        for (const u of r.unreachable) unreachable.push(u);
        beyond[m] = r.beyond;
      }
      return { originIds: os.map((p) => p.id), destinationIds: ds.map((p) => p.id), modes: [...ms], minutes, snaps, unreachable, beyondMaxMinutes: beyond };
    },
  };
}

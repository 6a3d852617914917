// Reading OpenStreetMap .osm.pbf files (e.g. a Geofabrik download) into highway GeoJSON for networkTravel.
import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Feature, FeatureCollection, LineString } from "geojson";
import { LotwiseError } from "../errors.js";

/** Way tags kept on each feature: the ones {@link networkTravel} reads, plus names for display. */
export const OSM_HIGHWAY_TAGS: readonly string[] = [
  "highway", "name", "ref", "maxspeed", "oneway", "oneway:bicycle", "junction", "access", "motor_vehicle", "motorcar",
  "vehicle", "foot", "bicycle", "sidewalk", "footway", "cycleway", "service", "area", "surface",
];

/** What {@link readOsmPbf} read, besides the roads. */
export interface OsmPbfSummary {
  readonly nodes: number;
  readonly ways: number;
  /** Highway ways returned as features. */
  readonly highwayWays: number;
  /** Highway ways with a node missing from the file (cut by the extract's edge): kept with the nodes present, or left out below 2. */
  readonly waysWithMissingNodes: number;
  readonly waysDropped: number;
  /** Osmosis replication timestamp of the extract (ISO 8601), when the header has one. */
  readonly timestamp: string | null;
  readonly writingProgram: string | null;
}

interface RawItem {
  type?: string;
  id?: number;
  lat?: number;
  lon?: number;
  refs?: number[];
  tags?: Record<string, string>;
  osmosis_replication_timestamp?: number;
  writingprogram?: string;
}

/** Node coordinates by id: typed arrays while ids arrive ascending (PBF "Sort.Type_then_ID"), a Map otherwise. */
class NodeStore {
  private ids = new Float64Array(1 << 16);
  private lon = new Float64Array(1 << 16);
  private lat = new Float64Array(1 << 16);
  private map: Map<number, number> | null = null;
  n = 0;
  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.lon = grow(this.lon);
      this.lat = grow(this.lat);
    }
    if (this.map === null && this.n > 0 && id <= this.ids[this.n - 1]!) {
      this.map = new Map();
      for (let i = 0; i < this.n; i++) this.map.set(this.ids[i]!, i);
    }
    this.ids[this.n] = id;
    this.lon[this.n] = lon;
    this.lat[this.n] = lat;
    this.map?.set(id, this.n);
    this.n++;
  }
  find(id: number): [number, number] | undefined {
    let i: number | undefined;
    if (this.map !== null) i = this.map.get(id);
    else {
      let lo = 0, hi = this.n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = this.ids[mid]!;
        if (v === id) {
          i = mid;
          break;
        }
        if (v < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return i === undefined ? undefined : [this.lon[i]!, this.lat[i]!];
  }
}

/**
 * Reads an OpenStreetMap `.osm.pbf` file (e.g. a Geofabrik county extract) and returns its highway ways as a
 * GeoJSON FeatureCollection of LineStrings, one feature per way (not split at junctions, as
 * {@link networkTravel} expects), with the tags in {@link OSM_HIGHWAY_TAGS} as properties. Streams the file
 * with `osm-pbf-parser-node` (MIT): memory holds the node coordinates (24 B per node, ~4 MB for a county)
 * and the highway ways, never the whole file.
 *
 * @param path - path of the `.osm.pbf` file.
 * @returns `{ roads, summary }`: the FeatureCollection (ways in file order, ids in `id`) and counts, with
 *   the extract's replication timestamp (cite it with "© OpenStreetMap contributors, ODbL 1.0").
 * @throws {LotwiseError} `io_error` when the file cannot be read or is not a valid PBF; `invalid_input` when
 *   it holds no highway way (e.g. a PBF with no ways at all).
 * @example
 * ```ts
 * import { networkTravel } from "lotwise";
 * import { readOsmPbf } from "lotwise/node";
 * const { roads, summary } = await readOsmPbf("realdata/rutland-latest.osm.pbf");
 * const net = networkTravel(roads); // summary.highwayWays === 6665
 * ```
 */
export async function readOsmPbf(path: string): Promise<{ roads: FeatureCollection<LineString>; summary: OsmPbfSummary }> {
  let mod: typeof import("osm-pbf-parser-node");
  try {
    mod = await import("osm-pbf-parser-node");
  } catch (cause) {
    throw new LotwiseError("io_error", `Cannot load the PBF parser osm-pbf-parser-node: ${(cause as Error).message}`, { cause });
  }
  const nodes = new NodeStore();
  const ways: { id: number; refs: number[]; tags: Record<string, string> }[] = [];
  let nWays = 0, timestamp: string | null = null, writingProgram: string | null = null;
  const sink = new Writable({
    objectMode: true,
    write(batch: RawItem[], _enc, next) {
      for (const it of batch) {
        if (it.type === "node") nodes.add(it.id!, it.lon!, it.lat!);
        else if (it.type === "way") {
          nWays++;
          if (it.tags?.highway !== undefined) ways.push({ id: it.id!, refs: it.refs ?? [], tags: it.tags });
        } else if (it.type === undefined && it.writingprogram !== undefined) {
          writingProgram = it.writingprogram || null;
          const ts = it.osmosis_replication_timestamp;
          timestamp = typeof ts === "number" && ts > 0 ? new Date(ts * 1000).toISOString() : null;
        }
      }
      next();
    },
  });
  const transform = new mod.OSMTransform({ withTags: { node: false, way: [...OSM_HIGHWAY_TAGS], relation: false }, withInfo: false });
  try {
    await pipeline(createReadStream(path), transform, sink);
  } catch (cause) {
    throw new LotwiseError("io_error", `Cannot read ${JSON.stringify(path)} as OpenStreetMap PBF: ${(cause as Error).message}`, { cause });
  }
  const features: Feature<LineString>[] = [];
  let missing = 0, dropped = 0;
  for (const w of ways) {
    const coords: [number, number][] = [];
    for (const r of w.refs) {
      const p = nodes.find(r);
      if (p !== undefined) coords.push(p);
    }
    if (coords.length < w.refs.length) missing++;
    if (coords.length < 2) {
      dropped++;
      continue;
    }
    features.push({ type: "Feature", id: w.id, properties: w.tags, geometry: { type: "LineString", coordinates: coords } });
  }
  if (features.length === 0) {
    const message = `no highway way in ${JSON.stringify(path)} (${nWays} ways, ${nodes.n} nodes): a road network needs ways tagged highway=*`;
    throw new LotwiseError("invalid_input", `Invalid path: ${message}`, { issues: [{ path: ["path"], message, input: path }] });
  }
  return {
    roads: { type: "FeatureCollection", features },
    summary: { nodes: nodes.n, ways: nWays, highwayWays: features.length, waysWithMissingNodes: missing, waysDropped: dropped, timestamp, writingProgram },
  };
}

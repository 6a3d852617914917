/**
 * Point location on boundaries: an rbush of boundary bboxes as the prefilter, then an exact
 * crossing-number point-in-polygon test on packed coordinates (see ./geometry.ts).
 *
 * Deterministic rule for points on edges: polygons are closed (a point exactly on an edge or vertex
 * belongs to the polygon), and when several polygons contain a point — both sides of a shared edge,
 * or a sliver where generalised polygons overlap — the smallest id (code-unit order) wins.
 * With `toleranceMetres > 0`, a point inside no polygon goes to the polygon with the nearest edge if
 * that edge is within the tolerance (ties again to the smallest id).
 */
import RBush from "rbush";
import { invalid, parseInput } from "../errors.js";
import { metresPerDegree } from "../internal/geo.js";
import { LocatePointOptionsSchema, type LocatePointOptions } from "../schema/boundary.js";
import type { BBox, Id, LonLat } from "../domain/index.js";
import { ON_BOUNDARY, OUTSIDE, boxItems, distanceToPackedMetres, packBoundaries, pointInPacked, type BoxItem } from "./geometry.js";
import type { Boundaries } from "./types.js";

/** A point-location index over {@link Boundaries}, built by {@link indexBoundaries}. */
export interface BoundaryIndex {
  /** The indexed boundaries. */
  readonly boundaries: Boundaries;
  /**
   * The id of the boundary containing `point` (`[lon, lat]`), or `null`. Edges and vertices count as
   * inside; where several boundaries contain the point the smallest id wins.
   * @throws {LotwiseError} `invalid_input` for a non-finite point or a bad option.
   */
  locate(point: LonLat, options?: LocatePointOptions): Id | null;
  /**
   * {@link BoundaryIndex.locate} for many points; entry `k` of the result is the id for `points[k]`.
   * @throws {LotwiseError} `invalid_input` naming `points[k]` for a non-finite point.
   */
  locateMany(points: readonly LonLat[], options?: LocatePointOptions): (Id | null)[];
  /** Ids of the boundaries whose bbox intersects `bbox` (`[minX, minY, maxX, maxY]`), sorted. */
  search(bbox: BBox): Id[];
  /** The bbox of all boundaries together. */
  bbox(): BBox;
  /** Distance in metres from `point` to the nearest edge of boundary `id` (0 when on an edge). */
  distanceToEdgeMetres(point: LonLat, id: Id): number;
}

/**
 * Builds a point-location index over boundaries (rbush of bboxes + exact point-in-polygon).
 *
 * @param boundaries - the result of {@link loadBoundaries}.
 * @returns a {@link BoundaryIndex} with `locate`, `locateMany`, `search`, `bbox`, `distanceToEdgeMetres`.
 * @throws {LotwiseError} `invalid_input` if `boundaries` is not a {@link Boundaries} object.
 * @example
 * ```ts
 * import { indexBoundaries, loadBoundaries } from "lotwise";
 * const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52], [x + 1, 52], [x + 1, 53], [x, 53], [x, 52]]] });
 * const b = loadBoundaries({ type: "FeatureCollection", features: [
 *   { type: "Feature", id: "W", properties: {}, geometry: sq(-2) },
 *   { type: "Feature", id: "E", properties: {}, geometry: sq(-1) },
 * ] });
 * const index = indexBoundaries(b);
 * index.locate([-1.5, 52.5]); // "W"
 * index.locate([-1, 52.5]); // "E" (on the shared edge: smallest id)
 * index.locateMany([[-0.5, 52.5], [5, 5]]); // ["E", null]
 * index.locate([0.000005, 52.5], { toleranceMetres: 1 }); // "E" (0.34 m outside)
 * ```
 */
export function indexBoundaries(boundaries: Boundaries): BoundaryIndex {
  checkBoundaries(boundaries, "boundaries");
  const b = boundaries;
  const packed = packBoundaries(b);
  const tree = new RBush<BoxItem>(9).load(boxItems(b));
  const ids = b.ids;
  const query = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

  const locateXY = (px: number, py: number, toleranceMetres: number): number => {
    query.minX = px;
    query.maxX = px;
    query.minY = py;
    query.maxY = py;
    const cands = tree.search(query);
    let best = -1;
    for (let c = 0; c < cands.length; c++) {
      const i = cands[c]!.i;
      if (best !== -1 && i > best) continue; // ids are sorted: a larger index cannot win
      if (pointInPacked(packed[i]!, px, py) !== OUTSIDE) best = i;
    }
    if (best !== -1 || toleranceMetres === 0) return best;
    return nearestWithin(px, py, toleranceMetres);
  };

  const nearestWithin = (px: number, py: number, tol: number): number => {
    const { mx, my } = metresPerDegree(py);
    // 1.001: the search box must not clip a candidate the metre test would accept.
    const dx = (tol / mx) * 1.001, dy = (tol / my) * 1.001;
    const cands = tree.search({ minX: px - dx, minY: py - dy, maxX: px + dx, maxY: py + dy });
    let best = -1;
    let bestD = Infinity;
    for (const c of cands) {
      const d = distanceToPackedMetres(packed[c.i]!, px, py);
      if (d <= tol && (d < bestD || (d === bestD && c.i < best))) {
        best = c.i;
        bestD = d;
      }
    }
    return best;
  };

  const toleranceOf = (options: LocatePointOptions | undefined): number =>
    options === undefined ? 0 : parseInput(LocatePointOptionsSchema, options, "options").toleranceMetres;

  let all: BBox | null = null;

  return {
    boundaries: b,
    locate(point, options) {
      checkPoint(point, ["point"]);
      const i = locateXY(point[0], point[1], toleranceOf(options));
      return i === -1 ? null : ids[i]!;
    },
    locateMany(points, options) {
      if (!Array.isArray(points)) invalid(["points"], points, "expected an array of [lon, lat] points");
      const tol = toleranceOf(options);
      for (let k = 0; k < points.length; k++) checkPoint(points[k], ["points", k]);
      const out = new Array<Id | null>(points.length);
      for (let k = 0; k < points.length; k++) {
        const p = points[k]!;
        const i = locateXY(p[0], p[1], tol);
        out[k] = i === -1 ? null : ids[i]!;
      }
      return out;
    },
    search(bbox) {
      checkBBox(bbox);
      const hits = tree.search({ minX: bbox[0], minY: bbox[1], maxX: bbox[2], maxY: bbox[3] });
      return hits.map((h) => h.i).sort((x, y) => x - y).map((i) => ids[i]!);
    },
    bbox() {
      if (all === null) {
        let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        for (const [a, c, e, d] of b.bboxes) {
          if (a < minX) minX = a;
          if (c < minY) minY = c;
          if (e > maxX) maxX = e;
          if (d > maxY) maxY = d;
        }
        all = [minX, minY, maxX, maxY];
      }
      return [...all];
    },
    distanceToEdgeMetres(point, id) {
      checkPoint(point, ["point"]);
      const i = b.indexById.get(id);
      if (i === undefined) invalid(["id"], id, "no boundary has this id", "unknown_id");
      const g = packed[i]!;
      if (pointInPacked(g, point[0], point[1]) === ON_BOUNDARY) return 0;
      return distanceToPackedMetres(g, point[0], point[1]);
    },
  };
}

/** Cheap structural check that a value came from loadBoundaries (it is trusted beyond that). @internal */
export function checkBoundaries(b: unknown, name: string): asserts b is Boundaries {
  const x = b as Partial<Boundaries> | null | undefined;
  if (
    typeof x !== "object" || x === null || !Array.isArray(x.ids) || !Array.isArray(x.features) ||
    !Array.isArray(x.bboxes) || !(x.indexById instanceof Map) || x.features.length !== x.ids.length
  ) {
    invalid([name], b, "expected the result of loadBoundaries()");
  }
}

function checkPoint(p: unknown, path: (string | number)[]): asserts p is LonLat {
  if (!Array.isArray(p) || p.length < 2) invalid(path, p, "a point must be [lon, lat]");
  const x = p[0] as unknown, y = p[1] as unknown;
  if (typeof x !== "number" || !Number.isFinite(x)) invalid([...path, 0], x, "longitude must be a finite number");
  if (typeof y !== "number" || !Number.isFinite(y)) invalid([...path, 1], y, "latitude must be a finite number");
  // Out-of-range coordinates are almost always swapped axes; answering null would hide that.
  if (y < -90 || y > 90) invalid(path, p, `latitude ${y} is outside [-90, 90]; points are [lon, lat], are the axes swapped?`);
  if (x < -180 || x > 180) invalid(path, p, `longitude ${x} is outside [-180, 180]`);
}

function checkBBox(bbox: unknown): asserts bbox is BBox {
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === "number" && !Number.isNaN(v))) {
    invalid(["bbox"], bbox, "a bbox must be [minX, minY, maxX, maxY] numbers");
  }
  if (bbox[0] > bbox[2] || bbox[1] > bbox[3]) invalid(["bbox"], bbox, "min must not exceed max");
}

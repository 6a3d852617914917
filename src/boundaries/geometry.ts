/**
 * Packed polygon geometry and the tight loops the boundary engine runs on it: exact point-in-polygon
 * (crossing number with holes and MultiPolygons, boundary detected exactly), point-to-boundary
 * distance in metres, and rbush items for boundary bboxes. Internal: not exported from the root.
 *
 * A geometry is packed as one `Float64Array` of interleaved `[x0, y0, x1, y1, …]` holding every ring
 * of every part (each ring closed: last vertex = first), plus `ringStart` offsets (in vertices; length
 * rings + 1). Parity is counted over all rings at once: for a valid (Multi)Polygon, whose holes lie
 * inside their shell and whose parts do not overlap, the even-odd rule over all rings is exactly
 * "inside a shell and not inside one of its holes".
 */
import type { MultiPolygon, Polygon } from "geojson";
import { metresPerDegree } from "../internal/geo.js";
import type { Boundaries } from "./types.js";

/** One boundary's rings, flattened. @internal */
export interface PackedGeometry {
  /** Interleaved lon/lat of every ring, each ring closed. */
  readonly xy: Float64Array;
  /** Vertex offset of ring r is `ringStart[r]`; `ringStart[rings]` = total vertices. */
  readonly ringStart: Int32Array;
  /**
   * Horizontal bands for geometries with many edges: band `k` covers latitudes
   * `[minY + k·bandHeight, minY + (k+1)·bandHeight]` and lists (by start vertex) every edge whose
   * y-range meets it, in `bandEdges[bandStart[k] .. bandStart[k+1])`. Only edges straddling the
   * point's latitude decide a crossing test, and all of them are in the point's band, so the test
   * touches ~8 edges instead of all. `null` for small geometries.
   */
  readonly bands: { minY: number; maxY: number; bandHeight: number; bandStart: Int32Array; bandEdges: Int32Array } | null;
}

/** Geometries with more edges than this get a band index. */
const BAND_MIN_EDGES = 48;
/** Target edges per band. */
const EDGES_PER_BAND = 6;

/** Result of {@link pointInPacked}. @internal */
export const OUTSIDE = 0;
/** @internal */
export const INSIDE = 1;
/** The point lies exactly on an edge or vertex (in floating point). @internal */
export const ON_BOUNDARY = 2;

/** Flattens a Polygon or MultiPolygon into a {@link PackedGeometry}. @internal */
export function packGeometry(g: Polygon | MultiPolygon): PackedGeometry {
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  let nVertices = 0;
  let nRings = 0;
  for (const poly of polygons) {
    for (const ring of poly) {
      nVertices += ring.length;
      nRings++;
    }
  }
  const xy = new Float64Array(nVertices * 2);
  const ringStart = new Int32Array(nRings + 1);
  let v = 0;
  let r = 0;
  for (const poly of polygons) {
    for (const ring of poly) {
      ringStart[r++] = v;
      for (const p of ring) {
        xy[2 * v] = p[0]!;
        xy[2 * v + 1] = p[1]!;
        v++;
      }
    }
  }
  ringStart[r] = v;
  return { xy, ringStart, bands: buildBands(xy, ringStart) };
}

function buildBands(xy: Float64Array, ringStart: Int32Array): PackedGeometry["bands"] {
  const nRings = ringStart.length - 1;
  const nEdges = ringStart[nRings]! - nRings;
  if (nEdges <= BAND_MIN_EDGES) return null;
  let minY = Infinity, maxY = -Infinity;
  for (let k = 1; k < xy.length; k += 2) {
    if (xy[k]! < minY) minY = xy[k]!;
    if (xy[k]! > maxY) maxY = xy[k]!;
  }
  if (!(maxY > minY)) return null;
  const nBands = Math.max(1, Math.ceil(nEdges / EDGES_PER_BAND));
  const bandHeight = (maxY - minY) / nBands;
  const bandOf = (y: number): number => {
    const b = Math.floor((y - minY) / bandHeight);
    return b < 0 ? 0 : b >= nBands ? nBands - 1 : b;
  };
  const counts = new Int32Array(nBands + 1);
  const each = (visit: (band: number, k: number) => void): void => {
    for (let r = 0; r < nRings; r++) {
      const end = ringStart[r + 1]! - 1;
      for (let k = ringStart[r]!; k < end; k++) {
        const y1 = xy[2 * k + 1]!, y2 = xy[2 * k + 3]!;
        const lo = bandOf(y1 < y2 ? y1 : y2), hi = bandOf(y1 < y2 ? y2 : y1);
        for (let band = lo; band <= hi; band++) visit(band, k);
      }
    }
  };
  each((band) => counts[band + 1]!++);
  for (let band = 0; band < nBands; band++) counts[band + 1]! += counts[band]!;
  const bandEdges = new Int32Array(counts[nBands]!);
  const fill = counts.slice(0, nBands);
  each((band, k) => {
    bandEdges[fill[band]!++] = k;
  });
  return { minY, maxY, bandHeight, bandStart: counts, bandEdges };
}

/** Packs every boundary, in id order. @internal */
export function packBoundaries(b: Boundaries): PackedGeometry[] {
  return b.features.map((f) => packGeometry(f.geometry));
}

/**
 * Exact crossing-number test. Uses the sign of a cross product rather than a division, so a point on
 * an edge is reported as {@link ON_BOUNDARY} whenever it is collinear in floating point, and the
 * inside/outside decision for other points never depends on a rounded intersection abscissa.
 * @internal
 */
export function pointInPacked(g: PackedGeometry, px: number, py: number): 0 | 1 | 2 {
  const bands = g.bands;
  if (bands === null) return pointInPackedAll(g, px, py);
  if (py < bands.minY || py > bands.maxY) return OUTSIDE;
  const nBands = bands.bandStart.length - 1;
  let band = Math.floor((py - bands.minY) / bands.bandHeight);
  band = band < 0 ? 0 : band >= nBands ? nBands - 1 : band;
  const xy = g.xy;
  const edges = bands.bandEdges;
  let inside = false;
  for (let e = bands.bandStart[band]!, end = bands.bandStart[band + 1]!; e < end; e++) {
    const k = edges[e]!;
    const c = crossing(xy[2 * k]!, xy[2 * k + 1]!, xy[2 * k + 2]!, xy[2 * k + 3]!, px, py);
    if (c === 2) return ON_BOUNDARY;
    if (c === 1) inside = !inside;
  }
  return inside ? INSIDE : OUTSIDE;
}

/** {@link pointInPacked} over every edge (no band index). @internal */
export function pointInPackedAll(g: PackedGeometry, px: number, py: number): 0 | 1 | 2 {
  const xy = g.xy;
  const rs = g.ringStart;
  let inside = false;
  const nRings = rs.length - 1;
  for (let r = 0; r < nRings; r++) {
    const end = rs[r + 1]! - 1;
    for (let k = rs[r]!; k < end; k++) {
      const c = crossing(xy[2 * k]!, xy[2 * k + 1]!, xy[2 * k + 2]!, xy[2 * k + 3]!, px, py);
      if (c === 2) return ON_BOUNDARY;
      if (c === 1) inside = !inside;
    }
  }
  return inside ? INSIDE : OUTSIDE;
}

/** 1 if the rightward ray from p crosses edge i→j, 2 if p lies on the edge, else 0. */
function crossing(xi: number, yi: number, xj: number, yj: number, px: number, py: number): 0 | 1 | 2 {
  if (yi > py !== yj > py) {
    // Edge straddles the horizontal line through p (half-open in y, so a vertex is counted once).
    // The cross product is taken from the lower end upward, so the two polygons sharing an edge (which
    // run it in opposite directions) compute the identical float: a point is on both or neither, and
    // otherwise on the inside of exactly one. For an upward edge, p is left of it iff cross > 0.
    const cross = yi < yj ? (xj - xi) * (py - yi) - (px - xi) * (yj - yi) : (xi - xj) * (py - yj) - (px - xj) * (yi - yj);
    if (cross === 0) return 2;
    return cross > 0 ? 1 : 0;
  }
  if (yi === py) {
    if (yj === py) return (px >= xi && px <= xj) || (px >= xj && px <= xi) ? 2 : 0; // horizontal edge on the line
    if (xi === px) return 2; // p is vertex i
  }
  return 0;
}

/**
 * Smallest distance in metres from `(px, py)` to any edge of `g`, in a local equirectangular frame
 * centred on the point (error well under 0.1 % at the distances tolerances use). Stops early once a
 * distance ≤ `stopBelow` is found.
 * @internal
 */
export function distanceToPackedMetres(g: PackedGeometry, px: number, py: number, stopBelow = 0): number {
  const { mx, my } = metresPerDegree(py);
  const xy = g.xy;
  const rs = g.ringStart;
  let best2 = Infinity;
  const stop2 = stopBelow * stopBelow;
  const nRings = rs.length - 1;
  for (let r = 0; r < nRings; r++) {
    const end = rs[r + 1]! - 1;
    for (let k = rs[r]!; k < end; k++) {
      const ax = (xy[2 * k]! - px) * mx, ay = (xy[2 * k + 1]! - py) * my;
      const bx = (xy[2 * k + 2]! - px) * mx, by = (xy[2 * k + 3]! - py) * my;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx, ey = ay + t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 < best2) {
        best2 = d2;
        if (best2 <= stop2) return Math.sqrt(best2);
      }
    }
  }
  return Math.sqrt(best2);
}

/** An rbush item for boundary `i` (its index in `Boundaries.ids`). @internal */
export interface BoxItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  i: number;
}

/** rbush items of every boundary bbox, in id order. @internal */
export function boxItems(b: Boundaries): BoxItem[] {
  return b.bboxes.map(([minX, minY, maxX, maxY], i) => ({ minX, minY, maxX, maxY, i }));
}

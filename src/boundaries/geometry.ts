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
}

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
  return { xy, ringStart };
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
  const xy = g.xy;
  const rs = g.ringStart;
  let inside = false;
  const nRings = rs.length - 1;
  for (let r = 0; r < nRings; r++) {
    const end = rs[r + 1]! - 1;
    for (let k = rs[r]!; k < end; k++) {
      const xi = xy[2 * k]!, yi = xy[2 * k + 1]!;
      const xj = xy[2 * k + 2]!, yj = xy[2 * k + 3]!;
      if (yi > py !== yj > py) {
        // Edge straddles the horizontal line through p (half-open in y, so a vertex is counted once).
        const cross = (xj - xi) * (py - yi) - (px - xi) * (yj - yi);
        if (cross === 0) return ON_BOUNDARY;
        if (cross > 0 === yj > yi) inside = !inside;
      } else if (yi === py && yj === py) {
        // Horizontal edge on the line: on it iff px between its ends; never a crossing.
        if ((px >= xi && px <= xj) || (px >= xj && px <= xi)) return ON_BOUNDARY;
      } else if (yi === py && xi === px) {
        return ON_BOUNDARY;
      }
    }
  }
  return inside ? INSIDE : OUTSIDE;
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

// Points far outside the study area: a Leicester agency in a Bradford study, swapped lon/lat, a postcode
// from the wrong file. They are not errors (an agency over the border can serve the edge of a district),
// but a point further out than any home-care round reaches is almost always a data mistake, so it is named.
import { formatGrouped } from "../internal/format.js";
import { haversineMetresXY } from "../internal/geo.js";
import type { BBox, Id, LonLat } from "../domain/index.js";
import { invalid } from "../errors.js";

/**
 * Default margin around the study area, km. 25 km is about what the straight-line estimate drives in 40
 * minutes at its rural speed (50 km/h over a 1.3 detour factor: 25.6 km), the longest drive threshold the
 * demo uses; walking, cycling and transit reach less. A provider further out reaches no area in time.
 */
export const OUTSIDE_MARGIN_KM = 25;

/** A point beyond the margin around the study area. */
export interface OutsidePoint {
  readonly id: Id;
  /** Great-circle distance from the point to the study area's bounding box, km. */
  readonly distanceKm: number;
}

/** The bounding box of the points. @internal */
export function pointsBBox(points: readonly { readonly lonLat: LonLat }[]): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { lonLat: [x, y] } of points) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * The points lying more than `marginKm` outside a bounding box (the distance is to the nearest point of
 * the box, 0 inside it), furthest first, then by id.
 *
 * @param points - points with `id` and `lonLat` (providers, clients, offices).
 * @param bbox - the study area's `[minLon, minLat, maxLon, maxLat]` (e.g. of its areas' points, or of
 *   `Boundaries.bboxes` joined).
 * @param options - `marginKm`: how far outside a point may lie before it is listed. @defaultValue `{ marginKm: 25 }`
 * @returns the points beyond the margin with their distance in km (rounded to 0.1 km).
 * @throws {LotwiseError} `invalid_input` for a negative or non-finite margin, or a malformed bbox.
 * @example
 * ```ts
 * import { pointsOutside } from "lotwise";
 * // Bradford's LSOAs span about [-2.06, 53.72, -1.64, 53.96]; a Leicester office (LE1 1HL) is 125 km south of that box.
 * pointsOutside([{ id: "LE-office", lonLat: [-1.1301, 52.6352] }], [-2.06, 53.72, -1.64, 53.96]);
 * // [{ id: "LE-office", distanceKm: 125.3 }]
 * ```
 */
export function pointsOutside(points: readonly { readonly id: Id; readonly lonLat: LonLat }[], bbox: BBox, options: { readonly marginKm?: number } = {}): OutsidePoint[] {
  const margin = options.marginKm ?? OUTSIDE_MARGIN_KM;
  if (typeof margin !== "number" || !Number.isFinite(margin) || margin < 0) invalid(["options", "marginKm"], margin, "must be a finite number ≥ 0 (km)");
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(Number.isFinite) || bbox[0] > bbox[2] || bbox[1] > bbox[3]) {
    invalid(["bbox"], bbox, "expected [minLon, minLat, maxLon, maxLat] with min ≤ max");
  }
  const out: OutsidePoint[] = [];
  for (const p of points) {
    const [x, y] = p.lonLat;
    const cx = Math.min(Math.max(x, bbox[0]), bbox[2]);
    const cy = Math.min(Math.max(y, bbox[1]), bbox[3]);
    const km = haversineMetresXY(x, y, cx, cy) / 1000;
    if (km > margin) out.push({ id: p.id, distanceKm: Math.round(km * 10) / 10 });
  }
  return out.sort((a, b) => b.distanceKm - a.distanceKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The warning naming providers far outside, with their name and postcode when they have them. @internal */
export function outsideWarning(
  outside: readonly OutsidePoint[],
  providers: readonly { readonly id: Id; readonly name?: string | undefined; readonly postcode?: string | undefined }[],
  areaCount: number,
  marginKm: number,
): string {
  const byId = new Map(providers.map((p) => [p.id, p]));
  const listed = outside.map((o) => {
    const p = byId.get(o.id);
    const label = [p?.name, p?.postcode].filter((s): s is string => s !== undefined && s !== "").join(", ");
    return `${o.id}${label === "" ? "" : ` (${label})`} ${formatGrouped(o.distanceKm, 1)} km`;
  });
  const n = outside.length;
  return (
    `${n} provider${n === 1 ? " is" : "s are"} more than ${formatGrouped(marginKm, 0)} km outside the study area (the bounding box of its ${areaCount} areas): ` +
    `${listed.join("; ")}. Check ${n === 1 ? "its" : "their"} coordinates or postcodes (lon and lat swapped? an office in another county?).`
  );
}

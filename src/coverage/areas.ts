import type { Boundaries } from "../boundaries/types.js";
import { invalid, parseInput } from "../errors.js";
import { AreasFromBoundariesOptionsSchema, type AreasFromBoundariesOptions } from "../schema/coverage.js";
import type { LonLat, Area, UrbanRural } from "../domain/index.js";

/**
 * Turns boundaries into {@link Area} points for travel times: the point is the population-weighted
 * centroid when given in `options.points` (e.g. ONS LSOA PWCs), else the boundary's area centroid; the
 * class is read from a property (`urban_rural` by default, values `Urban`/`Rural` in any case).
 *
 * @param boundaries - from {@link loadBoundaries}.
 * @param options - `urbanRuralProperty` (default `"urban_rural"`), `points` (id → `[lon, lat]`).
 * @returns one area per boundary, in id order.
 * @throws {LotwiseError} `invalid_input` when a boundary's class is missing or not urban/rural, or a
 *   point id is not a boundary id (`unknown_id`).
 * @example
 * ```ts
 * import { areasFromBoundaries, loadBoundaries } from "lotwise";
 * const sq = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
 * const b = loadBoundaries({ type: "FeatureCollection", features: [
 *   { type: "Feature", properties: { code: "A", urban_rural: "Rural" }, geometry: sq } ] }, { idProperty: "code" });
 * areasFromBoundaries(b); // [{ id: "A", lonLat: [-1.15, 52.65], urbanRural: "rural" }]
 * ```
 */
export function areasFromBoundaries(boundaries: Boundaries, options: AreasFromBoundariesOptions = {}): Area[] {
  const opts = parseInput(AreasFromBoundariesOptionsSchema, options, "options");
  const points = opts.points ?? {};
  for (const id of Object.keys(points)) {
    if (!boundaries.indexById.has(id)) invalid(["options", "points", id], points[id], "no boundary has this id", "unknown_id");
  }
  return boundaries.ids.map((id, i) => {
    const raw = boundaries.features[i]!.properties[opts.urbanRuralProperty];
    const v = typeof raw === "string" ? raw.trim().toLowerCase() : raw;
    if (v !== "urban" && v !== "rural") {
      invalid(["boundaries", "features", i, "properties", opts.urbanRuralProperty], raw, `area ${id} needs a class "Urban" or "Rural"`);
    }
    const p = points[id] ?? boundaries.centroids[i]!;
    return { id, lonLat: [p[0], p[1]] as LonLat, urbanRural: v as UrbanRural };
  });
}

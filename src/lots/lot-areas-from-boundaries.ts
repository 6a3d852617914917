import { invalid, parseInput } from "../errors.js";
import { z } from "zod";
import type { Boundaries } from "../boundaries/types.js";
import type { LotArea } from "./types.js";

/** Options for {@link lotAreasFromBoundaries}. */
export const LotAreasFromBoundariesOptionsSchema = z
  .object({
    /** Property (or properties, joined with "|": CCG × district pieces) holding each area's parent. */
    parentProperty: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** Property holding the population (number or numeric string). */
    populationProperty: z.string().min(1).optional(),
    /** Property holding "Urban"/"Rural" (any case) or a boolean (true = urban). */
    urbanProperty: z.string().min(1).optional(),
  })
  .strict();
export type LotAreasFromBoundariesOptions = z.input<typeof LotAreasFromBoundariesOptionsSchema>;

/**
 * Builds {@link LotArea}s from loaded boundaries: id, area-weighted centroid, km², and optionally parent,
 * population and urban class from feature properties.
 *
 * @param boundaries - from `loadBoundaries`.
 * @param options - `parentProperty` (e.g. `"ccg19cd"` or `["ccg19cd", "lad19cd"]`), `populationProperty`, `urbanProperty`.
 * @returns one area per boundary, in id order.
 * @throws {LotwiseError} `invalid_input` naming the feature and property when a value is missing or malformed.
 * @example
 * ```ts
 * import { loadBoundaries, lotAreasFromBoundaries } from "lotwise";
 * const sq = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
 * const b = loadBoundaries({ type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "A", ccg: "E38000051" }, geometry: sq }] }, { idProperty: "code" });
 * lotAreasFromBoundaries(b, { parentProperty: "ccg" })[0].parent; // "E38000051"
 * ```
 */
export function lotAreasFromBoundaries(boundaries: Boundaries, options: LotAreasFromBoundariesOptions = {}): LotArea[] {
  const opts = parseInput(LotAreasFromBoundariesOptionsSchema, options, "options");
  const parentProps = opts.parentProperty === undefined ? [] : typeof opts.parentProperty === "string" ? [opts.parentProperty] : opts.parentProperty;
  return boundaries.ids.map((id, i) => {
    const props = boundaries.features[i]!.properties;
    const path = (p: string) => ["boundaries", "features", i, "properties", p];
    const area: { -readonly [K in keyof LotArea]: LotArea[K] } = { id, lonLat: boundaries.centroids[i]!, areaKm2: boundaries.areasKm2[i]! };
    if (parentProps.length > 0) {
      area.parent = parentProps
        .map((p) => {
          const v = props[p];
          if (typeof v !== "string" && typeof v !== "number") invalid(path(p), v, "every area needs a parent value");
          return String(v);
        })
        .join("|");
    }
    if (opts.populationProperty !== undefined) {
      const v = props[opts.populationProperty];
      const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
      if (!Number.isFinite(x) || x < 0) invalid(path(opts.populationProperty), v, "population must be a number ≥ 0");
      area.population = x;
    }
    if (opts.urbanProperty !== undefined) {
      const v = props[opts.urbanProperty];
      const s = typeof v === "string" ? v.toLowerCase() : v;
      if (s === true || s === "urban") area.urban = true;
      else if (s === false || s === "rural") area.urban = false;
      else invalid(path(opts.urbanProperty), v, 'expected "Urban", "Rural" or a boolean');
    }
    return area;
  });
}

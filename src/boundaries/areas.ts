import { invalid, parseInput } from "../errors.js";
import { AreasFromBoundariesOptionsSchema, type AreasFromBoundariesOptions } from "../schema/boundary.js";
import type { Area, LonLat, UrbanRural } from "../domain/index.js";
import type { Boundaries } from "./types.js";

/**
 * Turns loaded boundaries into {@link Area}s, the one area type travel sources, coverage, lot design and
 * lot metrics all take: id, point, km², and from feature properties the rural-urban class, the parent and
 * the population. The point is the population-weighted centroid when `options.points` gives one (e.g. ONS
 * LSOA PWCs), else the boundary's area-weighted centroid.
 *
 * @param boundaries - from {@link loadBoundaries}.
 * @param options - what to read from the feature properties; see {@link AreasFromBoundariesOptions}.
 * @returns one area per boundary, in id order.
 * @throws {LotwiseError} `invalid_input` naming the feature and property when a class, parent or
 *   population is missing or malformed; `unknown_id` when a `points` id is not a boundary id.
 * @example
 * ```ts
 * import { areasFromBoundaries, loadBoundaries } from "lotwise";
 * const sq = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
 * const b = loadBoundaries({ type: "FeatureCollection", features: [{ type: "Feature",
 *   properties: { code: "A", urban_rural: "Rural", ccg19cd: "E38000051", pop: 1500 }, geometry: sq }] }, { idProperty: "code" });
 * areasFromBoundaries(b); // [{ id: "A", lonLat: [-1.15, 52.65], areaKm2: 75.2…, urbanRural: "rural" }]
 * areasFromBoundaries(b, { parentProperty: "ccg19cd", populationProperty: "pop" })[0].parent; // "E38000051"
 * areasFromBoundaries(b, { urbanRuralProperty: null })[0].urbanRural; // undefined (class not read)
 * ```
 */
export function areasFromBoundaries(boundaries: Boundaries, options: AreasFromBoundariesOptions = {}): Area[] {
  const opts = parseInput(AreasFromBoundariesOptionsSchema, options, "options");
  const points = opts.points ?? {};
  for (const id of Object.keys(points)) {
    if (!boundaries.indexById.has(id)) invalid(["options", "points", id], points[id], "no boundary has this id", "unknown_id");
  }
  const parentProps = opts.parentProperty === undefined ? [] : typeof opts.parentProperty === "string" ? [opts.parentProperty] : opts.parentProperty;
  const classProp = opts.urbanRuralProperty;
  return boundaries.ids.map((id, i) => {
    const props = boundaries.features[i]!.properties;
    const path = (p: string) => ["boundaries", "features", i, "properties", p];
    const p = points[id] ?? boundaries.centroids[i]!;
    const area: { -readonly [K in keyof Area]: Area[K] } = { id, lonLat: [p[0], p[1]] as LonLat, areaKm2: boundaries.areasKm2[i]! };
    if (classProp !== null) {
      const raw = props[classProp];
      area.urbanRural = urbanRuralOf(raw);
      if (area.urbanRural === undefined)
        invalid(path(classProp), raw, `area ${id} needs a class "Urban" or "Rural" (or a boolean, true = urban); set urbanRuralProperty to the property holding it, or null to leave areas unclassified`);
    }
    if (parentProps.length > 0) {
      area.parent = parentProps
        .map((prop) => {
          const v = props[prop];
          if (typeof v !== "string" && typeof v !== "number") invalid(path(prop), v, "every area needs a parent value");
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
    return area;
  });
}

/**
 * The rural-urban class a property value names: `"Urban"`/`"Rural"` in any case (trimmed), or a boolean
 * (true = urban); anything else is `undefined`. @internal
 */
export function urbanRuralOf(raw: unknown): UrbanRural | undefined {
  const v = typeof raw === "string" ? raw.trim().toLowerCase() : raw;
  return v === true || v === "urban" ? "urban" : v === false || v === "rural" ? "rural" : undefined;
}

import { urbanRuralOf } from "../boundaries/areas.js";
import { indexBoundaries } from "../boundaries/spatial-index.js";
import type { Boundaries } from "../boundaries/types.js";
import { invalid, parseInput } from "../errors.js";
import { ProviderListSchema } from "../schema/provider.js";
import { z } from "zod";
import type { Id, LonLat, Provider, UrbanRural } from "../domain/index.js";

/** A provider's base placed in an area: usable as a travel origin (it carries the area's class). */
export interface LocatedProvider {
  readonly id: Id;
  readonly lonLat: LonLat;
  /** The boundary containing the base. */
  readonly areaId: Id;
  /** The containing area's class, when its boundary has one. */
  readonly urbanRural?: UrbanRural | undefined;
}

const OptionsSchema = z.object({ urbanRuralProperty: z.string().min(1).default("urban_rural") }).strict();

/**
 * Finds the boundary containing each provider's base (edges count as inside; see `indexBoundaries`) and
 * takes its rural-urban class, so the base can be a travel origin with the right driving speed.
 *
 * @param providers - providers (or anything with `id`, `lonLat` and the other {@link Provider} fields).
 * @param boundaries - from {@link loadBoundaries}.
 * @param options - `urbanRuralProperty` (default `"urban_rural"`).
 * @returns one entry per provider, in input order.
 * @throws {LotwiseError} `invalid_input` naming `providers[i].lonLat` when a base lies outside every area.
 * @example
 * ```ts
 * import { loadBoundaries, locateProviders } from "lotwise";
 * const sq = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
 * const b = loadBoundaries({ type: "FeatureCollection", features: [
 *   { type: "Feature", properties: { code: "A", urban_rural: "Rural" }, geometry: sq } ] }, { idProperty: "code" });
 * locateProviders([{ id: "P1", lonLat: [-1.15, 52.65], capacityHours: 500, ratePerHour: 22,
 *   staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }], b);
 * // [{ id: "P1", lonLat: [-1.15, 52.65], areaId: "A", urbanRural: "rural" }]
 * ```
 */
export function locateProviders(providers: readonly Provider[], boundaries: Boundaries, options: { urbanRuralProperty?: string } = {}): LocatedProvider[] {
  const opts = parseInput(OptionsSchema, options, "options");
  const ps = parseInput(ProviderListSchema, providers, "providers");
  const index = indexBoundaries(boundaries);
  return ps.map((p, i) => {
    const areaId = index.locate(p.lonLat);
    if (areaId === null) invalid(["providers", i, "lonLat"], p.lonLat, `provider ${p.id} lies outside every area`);
    const raw = boundaries.features[boundaries.indexById.get(areaId)!]!.properties[opts.urbanRuralProperty];
    return { id: p.id, lonLat: [p.lonLat[0], p.lonLat[1]] as LonLat, areaId, urbanRural: urbanRuralOf(raw) };
  });
}

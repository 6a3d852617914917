import { invalid } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { Id, TravelMode } from "../domain/index.js";
import type { Coverage } from "./types.js";

/**
 * For each area of a coverage, the providers whose base is within the threshold of it by any of the
 * given modes: how many providers could serve it, and which (e.g. to shade areas served by fewer than two
 * providers on a map, or list who could take over an area).
 *
 * @param coverage - from {@link computeCoverage}.
 * @param options - `modes`: the modes that count (default every mode the coverage assessed), e.g.
 *   `["drive"]` for "reached by car".
 * @returns area id → provider ids (sorted), for every area of the coverage (an area nobody reaches maps
 *   to `[]`); keys in area id order.
 * @throws {LotwiseError} `invalid_input` for a mode the coverage did not assess.
 * @example
 * ```ts
 * import { computeCoverage, providersReachingAreas, straightLineTravel } from "lotwise";
 * const mix = { drive: 1, walk: 0, cycle: 0, transit: 0 };
 * const providers = [{ id: "P1", lonLat: [0, 0] as [number, number], capacityHours: 100, ratePerHour: 22, staffMix: mix }];
 * const areas = [{ id: "A", lonLat: [0, 0.05] as [number, number], urbanRural: "urban" as const },
 *                { id: "B", lonLat: [0, 0.5] as [number, number], urbanRural: "urban" as const }];
 * const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20 } });
 * providersReachingAreas(cov); // { A: ["P1"], B: [] }
 * ```
 */
export function providersReachingAreas(coverage: Coverage, options: { readonly modes?: readonly TravelMode[] } = {}): Record<Id, Id[]> {
  const modes = options.modes ?? coverage.modes;
  if (!Array.isArray(modes)) invalid(["options", "modes"], modes, "expected a list of travel modes");
  let mask = 0;
  modes.forEach((m, i) => {
    const bit = coverage.modes.indexOf(m);
    if (bit < 0) invalid(["options", "modes", i], m, `the coverage did not assess ${String(m)} (it has ${coverage.modes.join(", ")})`);
    mask |= 1 << bit;
  });
  const lists: Id[][] = coverage.areaIds.map(() => []);
  for (let p = 0; p < coverage.providerIds.length; p++) {
    for (let k = coverage.offsets[p]!; k < coverage.offsets[p + 1]!; k++) {
      if ((coverage.withinMask[k]! & mask) !== 0) lists[coverage.areaIndex[k]!]!.push(coverage.providerIds[p]!);
    }
  }
  const out: Record<Id, Id[]> = Object.create(null) as Record<Id, Id[]>;
  coverage.areaIds
    .map((id, i) => ({ id, i }))
    .sort((a, b) => compareIds(a.id, b.id))
    .forEach(({ id, i }) => (out[id] = lists[i]!.sort(compareIds)));
  return out;
}

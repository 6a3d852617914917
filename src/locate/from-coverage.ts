/**
 * Builds a {@link LocationProblem} from a provider × area {@link Coverage} (areas + providers via
 * `computeCoverage`): areas are the demand points, providers the candidate sites, and the cost is the stored
 * minutes of one mode. Coverage only stores pairs within its largest threshold, so every other pair costs
 * `Infinity` (the provider cannot serve the area). Coverage models are exact as long as their `limit` does not
 * exceed the coverage's threshold for that mode; p-median and p-center then only assign within it.
 */
import type { Coverage } from "../coverage/types.js";
import type { TravelMode } from "../domain/index.js";
import { LotwiseError, invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { LocationFromCoverageOptionsSchema } from "../schema/locate.js";
import type { LocationFromCoverageOptions } from "../schema/locate.js";
import { locationProblem } from "./problem.js";
import type { LocationProblem } from "./types.js";

/**
 * Builds a {@link LocationProblem} from a Coverage: areas as demand points, providers as candidate sites.
 *
 * @param coverage From `computeCoverage({ providers, areas, travel, thresholdMinutes })`.
 * @param options `mode` whose minutes are the cost; `demand` per area id (default 1 each; when given, every
 *   area needs an entry).
 * @returns The problem, sorted by id; pairs the coverage does not store cost `Infinity`.
 * @throws LotwiseError `invalid_input` when the coverage has no minutes for the mode; `unknown_id` for a demand
 *   entry naming no area, or an area without a demand entry.
 * @example
 * ```ts
 * import { computeCoverage, locationProblemFromCoverage, mclp, straightLineTravel } from "lotwise";
 * const providers = [{ id: "P1", lonLat: [-1.13, 52.63] as [number, number], capacityHours: 500, ratePerHour: 22,
 *   staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }];
 * const areas = [{ id: "A", lonLat: [-1.13, 52.64] as [number, number], urbanRural: "urban" as const }];
 * const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20 } });
 * const problem = locationProblemFromCoverage(cov, { mode: "drive", demand: { A: 35 } });
 * (await mclp(problem, { limit: 20, p: 1 })).coveredShare; // 1
 * ```
 */
export function locationProblemFromCoverage(coverage: Coverage, options: LocationFromCoverageOptions): LocationProblem {
  const o = parseInput(LocationFromCoverageOptionsSchema, options, "options");
  const mode = o.mode as TravelMode;
  const minutes = coverage.minutes[mode];
  if (minutes === undefined) invalid(["options", "mode"], o.mode, `the coverage has no minutes for this mode (it has: ${coverage.modes.join(", ") || "none"})`);
  const nA = coverage.areaIds.length;
  const nP = coverage.providerIds.length;
  const cost = new Float64Array(nA * nP).fill(Infinity);
  for (let p = 0; p < nP; p++)
    for (let k = coverage.offsets[p]!; k < coverage.offsets[p + 1]!; k++) cost[coverage.areaIndex[k]! * nP + p] = minutes[k]!;
  let weights: number[] | undefined;
  if (o.demand !== undefined) {
    const dem = o.demand;
    const known = new Set(coverage.areaIds);
    for (const id of Object.keys(dem).sort(compareIds)) if (!known.has(id)) invalid(["options", "demand", id], dem[id], "no such area in the coverage", "unknown_id");
    const missing = coverage.areaIds.filter((id) => dem[id] === undefined);
    if (missing.length > 0)
      throw new LotwiseError(
        "unknown_id",
        `Invalid options.demand: ${missing.length} area(s) have no demand entry, first ${JSON.stringify(missing[0])}. Give every area a weight (0 is allowed).`,
        { issues: missing.map((id) => ({ path: ["options", "demand", id], message: "missing demand entry" })) },
      );
    weights = coverage.areaIds.map((id) => dem[id]!);
  }
  return locationProblem({ demandIds: [...coverage.areaIds], siteIds: [...coverage.providerIds], cost, ...(weights === undefined ? {} : { weights }) });
}

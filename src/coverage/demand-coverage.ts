import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { DemandHoursSchema } from "../schema/coverage.js";
import type { DemandHours, Id, TravelMode } from "../domain/index.js";
import type { Coverage } from "./types.js";
import { z } from "zod";

/** Share of demand reachable by at least one provider, for one group and mode. */
export interface DemandCoverageRow {
  readonly group: Id;
  readonly mode: TravelMode;
  /** Weekly demand hours in the group. */
  readonly demandHours: number;
  /** Hours in areas reached within the mode's threshold by at least one provider. */
  readonly reachableHours: number;
  /** reachableHours / demandHours (0 when the group has no demand). */
  readonly share: number;
}

const GroupsSchema = z.record(z.string(), z.string().min(1)).optional();

/**
 * Share of demand hours in areas that at least one provider reaches within the threshold, per mode and
 * per group of areas (e.g. CCG): Σ_{a ∈ g, ∃p within_pam} d_a / Σ_{a ∈ g} d_a.
 *
 * @param coverage - from {@link computeCoverage}.
 * @param demand - weekly hours for every area of the coverage (no more, no fewer).
 * @param options - `groups`: area id → group id (default: one group `"all"`).
 * @returns rows sorted by group then mode (in `coverage.modes` order).
 * @throws {LotwiseError} `invalid_input` for a coverage area without demand or group, negative demand;
 *   `unknown_id` for a demand or group id that is not a coverage area.
 * @example
 * ```ts
 * import { computeCoverage, demandCoverage, straightLineTravel } from "lotwise";
 * const providers = [{ id: "P1", lonLat: [0, 0] as [number, number], capacityHours: 100, ratePerHour: 22,
 *   staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }];
 * const areas = [{ id: "A", lonLat: [0, 0.009] as [number, number], urbanRural: "urban" as const },  // 1 km: 2.6 min
 *                { id: "B", lonLat: [0, 0.1] as [number, number], urbanRural: "urban" as const }];  // 11 km: 28.9 min
 * const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20 } });
 * demandCoverage(cov, { A: 10, B: 30 });
 * // [{ group: "all", mode: "drive", demandHours: 40, reachableHours: 10, share: 0.25 }]
 * ```
 */
export function demandCoverage(coverage: Coverage, demand: DemandHours, options: { groups?: Readonly<Record<Id, Id>> } = {}): DemandCoverageRow[] {
  const d = parseInput(DemandHoursSchema, demand, "demand");
  const groups = parseInput(GroupsSchema, options.groups, "options.groups");
  const hours = demandVector(coverage.areaIds, d, "demand");
  const nA = coverage.areaIds.length;
  const gOf: Id[] = coverage.areaIds.map((id) => {
    if (!groups) return "all";
    const g = groups[id];
    if (g === undefined) invalid(["options", "groups", id], g, `area ${id} has no group`);
    return g;
  });
  if (groups) {
    const known = new Set(coverage.areaIds);
    for (const id of Object.keys(groups)) if (!known.has(id)) invalid(["options", "groups", id], groups[id], "not an area of the coverage", "unknown_id");
  }
  const reached = coverage.modes.map(() => new Uint8Array(nA));
  for (let k = 0; k < coverage.areaIndex.length; k++) {
    const bits = coverage.withinMask[k]!;
    for (let mi = 0; mi < coverage.modes.length; mi++) if (bits & (1 << mi)) reached[mi]![coverage.areaIndex[k]!] = 1;
  }
  const groupIds = [...new Set(gOf)].sort(compareIds);
  const rows: DemandCoverageRow[] = [];
  for (const g of groupIds) {
    coverage.modes.forEach((mode, mi) => {
      let total = 0, hit = 0;
      for (let a = 0; a < nA; a++) {
        if (gOf[a] !== g) continue;
        total += hours[a]!;
        if (reached[mi]![a] === 1) hit += hours[a]!;
      }
      rows.push({ group: g, mode, demandHours: total, reachableHours: hit, share: total > 0 ? hit / total : 0 });
    });
  }
  return rows;
}

/** Demand per area in `areaIds` order; every area must have an entry and every entry an area. @internal */
export function demandVector(areaIds: readonly Id[], demand: Readonly<Record<Id, number>>, path: string, requireAll = true): Float64Array {
  const out = new Float64Array(areaIds.length);
  const known = new Set(areaIds);
  areaIds.forEach((id, i) => {
    const h = demand[id];
    if (h === undefined) {
      if (requireAll) invalid([path, id], h, `area ${id} has no demand hours (give 0 for none)`);
    } else out[i] = h;
  });
  for (const id of Object.keys(demand)) if (!known.has(id)) invalid([path, id], demand[id], "not an area of the coverage", "unknown_id");
  return out;
}

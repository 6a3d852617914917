/**
 * Walkability of a lot for staff without a car. For lot L with areas a_1..a_k, demand d_i and mode m,
 * over ordered pairs i ≠ j with weight w_ij = d_i · d_j (equal weights when the lot has no demand):
 *   mean_Lm = Σ w_ij t_ij / Σ w_ij
 *   p90_Lm  = the smallest t such that the pairs with t_ij ≤ t carry ≥ 90 % of the weight
 *   within_Lm = p90_Lm ≤ thresholdMinutes
 * i.e. how long a carer based in the lot takes between two visits drawn by demand. A one-area lot has
 * no between-area trips: 0 minutes.
 */
import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { DemandHours, LotPlan, Id, TravelMatrix, TravelMode } from "../domain/index.js";
import { DemandHoursSchema, LotPlanInputSchema, LotWalkabilityOptionsSchema, type LotWalkabilityOptions } from "../schema/coverage.js";
import { indexIn } from "./check-matrix.js";
import { checkTravelMatrix } from "../internal/travel-matrix.js";

/** Demand-weighted between-area times in a lot for one mode. */
export interface ModeWalkability {
  readonly meanMinutes: number;
  readonly p90Minutes: number;
  /** p90Minutes ≤ thresholdMinutes. */
  readonly within: boolean;
}

/** Walkability of one lot. */
export interface LotWalkability {
  readonly lotId: Id;
  readonly byMode: Readonly<Partial<Record<TravelMode, ModeWalkability>>>;
  /** True when at least one assessed mode is within the threshold. */
  readonly nonDrivingOk: boolean;
}

/**
 * Checks whether each lot can be worked without a car: demand-weighted mean and 90th-percentile travel
 * time between the lot's areas, by walking and by cycling (formulas in the module comment).
 *
 * @param lots - the {@link LotPlan}.
 * @param travel - an area × area matrix (origins and destinations include every lot area) with the modes.
 * @param demand - weekly hours for every lot area.
 * @param options - `thresholdMinutes` (20), `modes` (`["walk", "cycle"]`).
 * @returns one row per lot, sorted by lotId.
 * @throws {LotwiseError} `invalid_input` (matrix without a mode, missing demand, negative threshold);
 *   `unknown_id` (a lot area not in the matrix).
 * @example
 * ```ts
 * import { lotWalkability, straightLineTravel } from "lotwise";
 * const areas = [{ id: "A", lonLat: [0, 0] as [number, number] }, { id: "B", lonLat: [0, 0.01] as [number, number] }];
 * const m = straightLineTravel().matrix(areas, areas, ["walk", "cycle"]);
 * lotWalkability({ lots: [{ id: "L", areaIds: ["A", "B"] }] }, m, { A: 1, B: 1 });
 * // [{ lotId: "L", byMode: { walk: { meanMinutes: 17.4, p90Minutes: 17.4, within: true },
 * //   cycle: { meanMinutes: 5.2, p90Minutes: 5.2, within: true } }, nonDrivingOk: true }]
 * ```
 */
export function lotWalkability(lots: LotPlan, travel: TravelMatrix, demand: DemandHours, options: LotWalkabilityOptions = {}): LotWalkability[] {
  const opts = parseInput(LotWalkabilityOptionsSchema, options, "options");
  const plan = parseInput(LotPlanInputSchema, lots, "lots");
  const d = parseInput(DemandHoursSchema, demand, "demand");
  const m = checkTravelMatrix(travel, ["travel"]);
  opts.modes.forEach((mode, i) => {
    if (!m.modes.includes(mode)) invalid(["options", "modes", i], mode, `the travel matrix has no ${mode} times (it has ${m.modes.join(", ")})`);
  });
  const nD = m.destinationIds.length;
  const out: LotWalkability[] = [];
  const sorted = [...plan.lots].sort((a, b) => compareIds(a.id, b.id));
  for (const lot of sorted) {
    const li = plan.lots.indexOf(lot);
    const oi = indexIn(m.originIds, lot.areaIds, ["lots", "lots", li, "areaIds"], "originIds");
    const di = indexIn(m.destinationIds, lot.areaIds, ["lots", "lots", li, "areaIds"], "destinationIds");
    const w = lot.areaIds.map((id) => {
      const h = d[id];
      if (h === undefined) invalid(["demand", id], h, `area ${id} of lot ${lot.id} has no demand hours (give 0 for none)`);
      return h;
    });
    const equal = w.reduce((s, x) => s + x, 0) === 0;
    const byMode: Partial<Record<TravelMode, ModeWalkability>> = {};
    let ok = false;
    for (const mode of opts.modes) {
      const arr = m.minutes[mode]!;
      const k = lot.areaIds.length;
      const times: number[] = [], weights: number[] = [];
      let sw = 0, swt = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          if (i === j) continue;
          const wij = equal ? 1 : w[i]! * w[j]!;
          if (wij === 0) continue;
          const t = arr[oi[i]! * nD + di[j]!]!;
          times.push(t);
          weights.push(wij);
          sw += wij;
          swt += wij * t;
        }
      }
      let mean = 0, p90 = 0;
      if (sw > 0) {
        mean = swt / sw;
        const idx = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
        let cum = 0;
        for (const i of idx) {
          cum += weights[i]!;
          p90 = times[i]!;
          if (cum >= 0.9 * sw - 1e-9 * sw) break;
        }
      }
      const within = p90 <= opts.thresholdMinutes;
      ok ||= within;
      byMode[mode] = { meanMinutes: mean, p90Minutes: p90, within };
    }
    out.push({ lotId: lot.id, byMode, nonDrivingOk: ok });
  }
  return out;
}

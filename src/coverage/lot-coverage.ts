/**
 * Lot coverage. For provider p, lot L with areas A_L and demand d_a, and mode m:
 *   r_pLm = Σ_{a ∈ A_L, t_pam ≤ T_m} d_a / Σ_{a ∈ A_L} d_a
 *   share_pL = Σ_m mix_pm · r_pLm                         (staff-mix blend; feeds allocation eligibility)
 *   nonDrivingShare_pL = Σ_{a ∈ A_L, ∃ m ≠ drive: mix_pm > 0, t_pam ≤ T_m} d_a / Σ_{a ∈ A_L} d_a
 * i.e. nonDrivingShare is the part of the lot's demand the provider's walking, cycling or transit staff
 * (only modes it actually has) can reach at all.
 */
import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { DemandHours, LotPlan, Id, TravelMode } from "../domain/index.js";
import { DemandHoursSchema, LotPlanInputSchema } from "../schema/coverage.js";
import type { Coverage } from "./types.js";

/** Reach of one provider in one lot. */
export interface LotCoverageRow {
  readonly providerId: Id;
  readonly lotId: Id;
  /** Staff-mix-blended share of the lot's demand hours within reach, in [0, 1]. */
  readonly share: number;
  /** Share of the lot's demand hours reachable by the provider's non-driving staff, in [0, 1]. */
  readonly nonDrivingShare: number;
  /** Share reachable per assessed mode (ignoring the mix). */
  readonly byMode: Readonly<Partial<Record<TravelMode, number>>>;
  /** The lot's weekly demand hours. */
  readonly lotDemandHours: number;
}

/**
 * Per provider × lot, the share of the lot's demand hours within reach, blended by the provider's staff
 * mix, and the share its non-driving staff reach alone (formulas in the module comment). Only pairs with
 * a positive share or nonDrivingShare are returned; `{ lotId, providerId, share }` is the allocation
 * eligibility input.
 *
 * @param lots - the {@link LotPlan}; each lot area must be a coverage area, in one lot only.
 * @param coverage - from {@link computeCoverage}.
 * @param demand - weekly hours for every area in the lots (a lot with 0 hours gets share 0).
 * @returns rows sorted by providerId, then lotId.
 * @throws {LotwiseError} `unknown_id` for a lot area not in the coverage; `invalid_input` for an area in
 *   two lots, a lot area with no demand, negative demand.
 * @example
 * ```ts
 * import { computeCoverage, lotCoverage, straightLineTravel } from "lotwise";
 * const providers = [{ id: "P1", lonLat: [0, 0] as [number, number], capacityHours: 100, ratePerHour: 22,
 *   staffMix: { drive: 0.8, walk: 0.2, cycle: 0, transit: 0 } }];
 * const areas = [{ id: "A", lonLat: [0, 0.009] as [number, number], urbanRural: "urban" as const },  // walk 15.6 min
 *                { id: "B", lonLat: [0, 0.05] as [number, number], urbanRural: "urban" as const }];  // drive 14.5, walk 86.8
 * const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20, walk: 20 } });
 * lotCoverage({ lots: [{ id: "L1", areaIds: ["A", "B"] }] }, cov, { A: 10, B: 30 });
 * // [{ providerId: "P1", lotId: "L1", share: 0.85, nonDrivingShare: 0.25, byMode: { drive: 1, walk: 0.25 }, lotDemandHours: 40 }]
 * ```
 */
export function lotCoverage(lots: LotPlan, coverage: Coverage, demand: DemandHours): LotCoverageRow[] {
  const plan = parseInput(LotPlanInputSchema, lots, "lots");
  const d = parseInput(DemandHoursSchema, demand, "demand");
  const areaPos = new Map(coverage.areaIds.map((id, i) => [id, i]));
  const lotOfArea = new Int32Array(coverage.areaIds.length).fill(-1);
  const lotHours = new Float64Array(plan.lots.length);
  const areaHours = new Float64Array(coverage.areaIds.length);
  plan.lots.forEach((lot, li) => {
    lot.areaIds.forEach((id, k) => {
      const a = areaPos.get(id);
      if (a === undefined) invalid(["lots", "lots", li, "areaIds", k], id, "not an area of the coverage", "unknown_id");
      if (lotOfArea[a] !== -1) invalid(["lots", "lots", li, "areaIds", k], id, `area is already in lot ${plan.lots[lotOfArea[a]!]!.id}`);
      const h = d[id];
      if (h === undefined) invalid(["demand", id], h, `area ${id} of lot ${lot.id} has no demand hours (give 0 for none)`);
      lotOfArea[a] = li;
      areaHours[a] = h;
      lotHours[li] = lotHours[li]! + h;
    });
  });
  const modes = coverage.modes;
  const nM = modes.length, nL = plan.lots.length;
  const driveBit = modes.indexOf("drive");
  const acc = new Float64Array(nL * nM);
  const nonDriving = new Float64Array(nL);
  const touched = new Uint8Array(nL);
  const rows: LotCoverageRow[] = [];
  const order = coverage.providerIds.map((id, p) => ({ id, p })).sort((x, y) => compareIds(x.id, y.id));
  const lotOrder = plan.lots.map((l, i) => ({ id: l.id, i })).sort((x, y) => compareIds(x.id, y.id));
  for (const { id: pid, p } of order) {
    const mix = coverage.staffMix[p]!;
    let ndMask = 0;
    modes.forEach((m, mi) => {
      if (mi !== driveBit && mix[m] > 0) ndMask |= 1 << mi;
    });
    acc.fill(0);
    nonDriving.fill(0);
    touched.fill(0);
    for (let k = coverage.offsets[p]!; k < coverage.offsets[p + 1]!; k++) {
      const a = coverage.areaIndex[k]!;
      const li = lotOfArea[a]!;
      if (li < 0) continue; // area not in any lot: nothing to add
      const bits = coverage.withinMask[k]!;
      if (bits === 0) continue;
      const h = areaHours[a]!;
      touched[li] = 1;
      for (let mi = 0; mi < nM; mi++) if (bits & (1 << mi)) acc[li * nM + mi] = acc[li * nM + mi]! + h;
      if (bits & ndMask) nonDriving[li] = nonDriving[li]! + h;
    }
    for (const { id: lid, i: li } of lotOrder) {
      if (touched[li] === 0 || lotHours[li] === 0) continue;
      const total = lotHours[li]!;
      const byMode: Partial<Record<TravelMode, number>> = {};
      let share = 0;
      modes.forEach((m, mi) => {
        const r = acc[li * nM + mi]! / total;
        byMode[m] = r;
        share += mix[m] * r;
      });
      const nd = nonDriving[li]! / total;
      share = Math.min(1, share);
      if (share > 0 || nd > 0) rows.push({ providerId: pid, lotId: lid, share, nonDrivingShare: nd, byMode, lotDemandHours: total });
    }
  }
  return rows;
}

import type { AllocationResult } from "../allocate/types.js";
import type { LotCoverageRow } from "../coverage/lot-coverage.js";
import type { Id, LotPlan, Provider } from "../domain/index.js";
import { invalid } from "../errors.js";
import type { ReportLotRow, ReportProviderRow } from "../schema/report.js";

/** What {@link allocationReportRows} reads besides the allocation. */
export interface AllocationReportParts {
  /** The lots allocated: their area counts and parents go into the lot table. */
  readonly plan: LotPlan;
  /** Lot coverage: the lead's reach of its lot becomes the Covered column (left blank without it). */
  readonly reach?: readonly LotCoverageRow[];
  /** The providers: the Base column (postcode, else name) and the Mode column (driving share of staff). */
  readonly providers?: readonly Provider[];
}

/**
 * An allocation as the lot and provider tables of `renderReport`: per lot its parent, areas, demand, lead,
 * supplementary and contingency providers, assigned and unmet hours, cost and the share of the lot its lead
 * can reach ("Covered"); per provider its base, driving share, capacity, hours and roles.
 *
 * @param allocation - from `allocate`.
 * @param parts - `plan` (required), `reach` and `providers` (optional columns).
 * @returns `{ lots, providers }`, in the allocation's order (sorted by id).
 * @throws {LotwiseError} `unknown_id` when the allocation has a lot that is not in `parts.plan`.
 * @example
 * ```ts
 * import { allocate, allocationReportRows, renderReport } from "lotwise";
 * const plan = { lots: [{ id: "L1", areaIds: ["A", "B"] }] };
 * const allocation = await allocate({ lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
 *   providers: [{ id: "P1", capacityHours: 200, ratePerHour: 20 }, { id: "P2", capacityHours: 200, ratePerHour: 21 }],
 *   eligibility: [{ lotId: "L1", providerId: "P1", share: 1 }, { lotId: "L1", providerId: "P2", share: 1 }] });
 * const rows = allocationReportRows(allocation, { plan });
 * rows.lots[0]; // { lotId: "L1", areaCount: 2, demandHours: 100, leadProviderId: "P1", contingencyProviderId: "P2", ... }
 * renderReport({ title: "Allocation", ...rows });
 * ```
 */
export function allocationReportRows(allocation: AllocationResult, parts: AllocationReportParts): { lots: ReportLotRow[]; providers: ReportProviderRow[] } {
  const lotById = new Map(parts.plan.lots.map((l) => [l.id, l]));
  const reachOf = new Map<string, number>((parts.reach ?? []).map((r) => [`${r.providerId}\u0000${r.lotId}`, r.share]));
  const providerById = new Map<Id, Provider>((parts.providers ?? []).map((p) => [p.id, p]));
  const lots = allocation.lots.map((l, i) => {
    const lot = lotById.get(l.lotId);
    if (lot === undefined) return invalid(["allocation", "lots", i, "lotId"], l.lotId, "this lot is not in parts.plan", "unknown_id");
    const row: ReportLotRow = {
      lotId: l.lotId,
      areaCount: lot.areaIds.length,
      demandHours: l.demandHours,
      supplementaryProviderIds: l.supplementary.map((s) => s.providerId),
      assignedHours: l.deliveredHours,
      unmetHours: l.unmetHours,
      weeklyCost: l.weeklyCost,
    };
    if (lot.parent !== undefined) row.parent = lot.parent;
    if (l.lead !== null) {
      row.leadProviderId = l.lead;
      const share = reachOf.get(`${l.lead}\u0000${l.lotId}`);
      if (share !== undefined) row.coveredShare = Math.min(1, share);
    }
    if (l.contingency !== null) row.contingencyProviderId = l.contingency;
    return row;
  });
  const providers = allocation.providers.map((p) => {
    const base = providerById.get(p.providerId);
    const row: ReportProviderRow = {
      providerId: p.providerId,
      capacityHours: p.capacityHours,
      assignedHours: p.hours,
      leadLots: [...p.leadLots],
      supplementaryLots: p.lots.filter((x) => x.role === "supplementary").map((x) => x.lotId),
      contingencyLots: [...p.contingencyLots],
    };
    if (base !== undefined) {
      const where = base.postcode ?? base.name;
      if (where !== undefined) row.base = where;
      row.mode = `drive ${Math.round(base.staffMix.drive * 100)}%`;
    }
    return row;
  });
  return { lots, providers };
}

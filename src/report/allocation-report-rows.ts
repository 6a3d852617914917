// Internal: the small mappings from allocation and withdrawal results to report and map inputs that the
// demo, the Bradford example and the CLI all need. Not exported from the package root.
import type { AllocationResult, WithdrawalSweepEntry } from "../allocate/types.js";
import { compareIds } from "../internal/sort.js";
import type { ReportWithdrawalRow } from "../schema/report.js";
import type { Id } from "../domain/index.js";

/** Lot id → lead provider id, for `renderMap`'s `leadProviders` (lots without a lead are left out). */
export function leadProvidersOf(allocation: Pick<AllocationResult, "lots">): Record<Id, Id> {
  return Object.fromEntries(allocation.lots.flatMap((l) => (l.lead === null ? [] : [[l.lotId, l.lead]])));
}

/**
 * Withdrawal scenarios as report rows: hours lost, re-placed (lost minus added unmet hours), from last
 * resort, unmet after the withdrawal (whole plan), lots with a new lead, the like-for-like change in the
 * cost of delivered hours, and status.
 */
export function withdrawalReportRows(scenarios: readonly WithdrawalSweepEntry[]): ReportWithdrawalRow[] {
  return scenarios.map((w) => ({
    providerId: w.scenario,
    lostHours: w.lostHours,
    reassignedHours: Math.max(0, w.lostHours - Math.max(0, w.addedUnmetHours)),
    lastResortHours: w.lastResortHours,
    unmetHours: w.unmetHoursAfter,
    newLeadLots: [...w.lotsChangedLead],
    costChange: w.deliveredCostChange,
    status: w.status,
  }));
}

/** The scenario that leaves most hours unmet, then needs most last-resort hours, then loses most hours, then the smallest name. */
export function worstWithdrawal(scenarios: readonly WithdrawalSweepEntry[]): WithdrawalSweepEntry | undefined {
  return [...scenarios].sort((a, b) => b.addedUnmetHours - a.addedUnmetHours || b.lastResortHours - a.lastResortHours || b.lostHours - a.lostHours || compareIds(a.scenario, b.scenario))[0];
}

/**
 * The provider that leads the most lots (then delivers the most hours, then the smallest id): the TLC
 * Homecare case, a lead provider withdrawing before launch. Undefined when no lot has a lead.
 */
export function largestLead(allocation: Pick<AllocationResult, "providers">): Id | undefined {
  const leads = allocation.providers.filter((p) => p.leadLots.length > 0);
  return [...leads].sort((a, b) => b.leadLots.length - a.leadLots.length || b.hours - a.hours || compareIds(a.providerId, b.providerId))[0]?.providerId;
}

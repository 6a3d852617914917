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
 * An N-1 sweep as report rows: hours lost, re-placed (lost minus newly unmet), unmet after the
 * withdrawal (the plan's unmet hours plus the new ones), cost change and status.
 */
export function withdrawalReportRows(sweep: readonly WithdrawalSweepEntry[], planUnmetHours: number): ReportWithdrawalRow[] {
  return sweep.map((w) => ({
    providerId: w.providerId,
    lostHours: w.lostHours,
    reassignedHours: Math.max(0, w.lostHours - w.addedUnmetHours),
    unmetHours: planUnmetHours + w.addedUnmetHours,
    costChange: w.weeklyCostChange,
    status: w.status,
  }));
}

/** The withdrawal that leaves most hours unmet, then loses most hours, then the smallest id. */
export function worstWithdrawal(sweep: readonly WithdrawalSweepEntry[]): WithdrawalSweepEntry | undefined {
  return [...sweep].sort((a, b) => b.addedUnmetHours - a.addedUnmetHours || b.lostHours - a.lostHours || compareIds(a.providerId, b.providerId))[0];
}

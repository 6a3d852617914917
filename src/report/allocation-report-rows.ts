// Internal: the small mappings from allocation and withdrawal results to report and map inputs that the
// demo, the Bradford example and the CLI all need. Not exported from the package root.
import type { AllocationResult, WithdrawalResult, WithdrawalSweepEntry } from "../allocate/types.js";
import { compareIds } from "../internal/sort.js";
import type { ReportRelet, ReportWithdrawalRow } from "../schema/report.js";
import { formatGrouped } from "../internal/format.js";
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

/**
 * One withdrawal, lot by lot, for the report's re-let table: the lots re-let, the new leads, hours from
 * last resort, unmet hours with the reason, and the like-for-like cost of delivered hours per lot.
 */
export function reletReport(result: WithdrawalResult, currency = "£"): ReportRelet {
  const money = (x: number): string => `${x < 0 ? "-" : "+"}${currency}${formatGrouped(Math.abs(x), 0)}`;
  return {
    title: `Withdrawal of ${result.scenario}: lots re-let`,
    note:
      `${result.withdrawn.join(", ")} withdraw${result.withdrawn.length === 1 ? "s" : ""}: ${result.lots.length} lot(s) re-let under the same rules, ` +
      `${result.lotsChangedLead.length} with a new lead or none, ${formatGrouped(result.lastResortHours, 1)} h/week from last resort, ` +
      `${formatGrouped(result.addedUnmetHours, 1)} h/week more unmet, cost of delivered hours ${money(result.deliveredCostChange)}/week. ` +
      "A lot no provider can lead is not let: its hours are unmet, not saved.",
    rows: result.lots.map((l) => ({
      lotId: l.lotId,
      leadBefore: l.leadBefore,
      leadAfter: l.leadAfter,
      lostHours: l.lostHours,
      replacedHours: l.replacedHours.lead + l.replacedHours.supplementary,
      lastResortHours: l.lastResortHours,
      unmetHours: l.unmetHours,
      unmetReason: l.unmetReason,
      costChange: l.deliveredCostChange,
      withoutContingency: l.leadAfter !== null && l.contingencyAfter === null,
    })),
  };
}

/** Summary lines for an N-1-secure plan: the price of security and the worst single withdrawal. */
export function securitySummary(plan: Pick<AllocationResult, "security" | "weeklyCost"> & Partial<Pick<AllocationResult, "status">>, currency = "£"): [string, string][] {
  const s = plan.security;
  if (s === undefined) return [];
  const money = (x: number): string => `${currency}${formatGrouped(x, 0)}`;
  // Only a proven (optimal) search makes the worst case the least worst one.
  const proven = plan.status === undefined || plan.status === "optimal";
  const least = proven ? "the least worst case" : `the search ended with status ${plan.status ?? ""}, not proven; the best plan found`;
  return [
    ["N-1 secure", s.secure ? "yes: every single withdrawal can be re-let with no unmet hours" : `no: ${least} leaves ${formatGrouped(s.worstAddedUnmetHours, 1)} h/week unmet (${s.worstProviderId ?? "–"} withdrawing)`],
    ["Price of security", `${money(s.priceOfSecurityWeekly)}/week (${money(s.priceOfSecurityAnnual)} a year): ${money(plan.weeklyCost)} against ${money(s.plainWeeklyCost)} for the plain plan`],
    ["Worst single withdrawal", s.worstProviderId === null ? "–" : `${s.worstProviderId}: ${formatGrouped(s.scenarios[0]?.addedUnmetHours ?? 0, 1)} h/week unmet, ${formatGrouped(s.scenarios[0]?.lastResortHours ?? 0, 1)} h/week from last resort`],
  ];
}

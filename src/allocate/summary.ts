// The top-level summary of an allocation: how many lots are let, how many are not and why, in one
// sentence a reader cannot take for a success when it is not one. A solve can be "optimal" and still let
// nothing (every lot unlet, every hour unmet at the penalty): the status says the solver proved its answer
// best for the policy, the summary says what that answer is.
import { formatGrouped } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import type { Id } from "../domain/index.js";
import type { SolveStatus } from "../solvers/types.js";
import type { AllocationSummary, LotAllocation, UnmetReason } from "./types.js";

const TOL = 1e-6;

/** Words for each unmet reason, as the summary's headline uses them. */
const REASON_WORDS: Readonly<Record<UnmetReason, string>> = {
  no_eligible_provider: "no provider can reach it",
  no_eligible_lead: "no provider can lead it",
  min_providers: "too few providers can deliver in it",
  no_contingency: "no provider can stand behind the lead as contingency",
  coverage: "the providers that reach it cannot reach all of its hours",
  capacity_exhausted: "providers that reach it are at capacity",
  policy: "the lead, minimum-provider and contingency rules cannot be met together",
};

/**
 * Summarises an allocation's lots: let (with a lead) or not, unmet hours by reason, and a headline.
 * @internal (public through `AllocationResult.summary`)
 */
export function allocationSummary(status: SolveStatus, lots: readonly LotAllocation[], inputLotCount: number): AllocationSummary {
  const unletLots = lots.filter((l) => l.lead === null).map((l) => l.lotId).sort(compareIds);
  const shortLots = lots.filter((l) => l.lead !== null && l.unmetHours > TOL).map((l) => l.lotId).sort(compareIds);
  const demandHours = lots.reduce((s, l) => s + l.demandHours, 0);
  const unmetHours = lots.reduce((s, l) => s + l.unmetHours, 0);
  const byReason = new Map<UnmetReason | "unknown", { lots: Id[]; hours: number }>();
  for (const l of lots) {
    if (l.unmetHours <= TOL) continue;
    const key = l.unmetReason ?? "unknown";
    const entry = byReason.get(key) ?? byReason.set(key, { lots: [], hours: 0 }).get(key)!;
    entry.lots.push(l.lotId);
    entry.hours += l.unmetHours;
  }
  const reasons = [...byReason.entries()]
    .map(([reason, e]) => ({ reason, lots: e.lots.sort(compareIds), hours: Math.round(e.hours * 1e6) / 1e6 }))
    .sort((a, b) => b.hours - a.hours || compareIds(a.reason, b.reason));
  const letCount = lots.length - unletLots.length;
  const outcome: AllocationSummary["outcome"] =
    lots.length === 0 && inputLotCount > 0
      ? "no_plan"
      : lots.length === 0
        ? "all_let"
        : letCount === 0
          ? "none_let"
          : unletLots.length > 0 || shortLots.length > 0
            ? "partly_let"
            : "all_let";
  return {
    outcome,
    let: letCount,
    unlet: lots.length === 0 ? inputLotCount : unletLots.length,
    unletLots,
    shortLots,
    demandHours: Math.round(demandHours * 1e6) / 1e6,
    unmetHours: Math.round(unmetHours * 1e6) / 1e6,
    reasons,
    headline: headline(outcome, status, inputLotCount, letCount, demandHours, unmetHours, reasons),
  };
}

function headline(
  outcome: AllocationSummary["outcome"],
  status: SolveStatus,
  lotCount: number,
  letCount: number,
  demand: number,
  unmet: number,
  reasons: AllocationSummary["reasons"],
): string {
  const h = (x: number): string => `${formatGrouped(x, 1)} h/week`;
  const pct = demand > 0 ? ` (${((100 * unmet) / demand).toFixed(1)}% of ${h(demand)})` : "";
  const why = reasons
    .map((r) => `${r.lots.length === 1 ? `lot ${r.lots[0]}` : `lots ${r.lots.join(", ")}`}: ${r.reason === "unknown" ? "reason not known" : REASON_WORDS[r.reason]}`)
    .join("; ");
  switch (outcome) {
    case "no_plan":
      return `No plan: the solver ended with status ${status} and no solution; none of the ${lotCount} lots is let.`;
    case "all_let":
      return lotCount === 0 ? "No lots to let." : `All ${lotCount} lots let with a lead; no hours unmet.`;
    case "none_let":
      return `No lot can be let: 0 of ${lotCount} lots have a lead and ${h(unmet)} are unmet${pct}. ${why}.${status === "optimal" ? ' The solve is "optimal" only in that nothing better exists under this policy.' : ""}`;
    case "partly_let":
      return `${letCount} of ${lotCount} lots let with a lead; ${h(unmet)} unmet${pct}. ${why}.`;
  }
}

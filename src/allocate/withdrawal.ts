// Provider withdrawal: re-let every lot the leaving providers led, delivered in or stood behind as
// contingency, under the plan's own policy (relet.ts states the formulation), and report each scenario
// honestly: hours lost and re-placed by role, last-resort hours, unmet hours with a reason per lot, leads
// changed, contingencies lost, reserves drawn, and the cost of delivered hours apart from unmet hours.
//
// Scenarios (withdrawalSweep):
//   n-1     every provider alone, in id order;
//   n-2     pairs {p, q}: all N-1 scenarios are re-let first; pairs are ranked by (1) the added unmet
//           hours of p alone + q alone, (2) their last-resort hours likewise, (3) the hours (delivered or
//           reserved) p and q hold in lots where both are active, (4) the hours they deliver together,
//           then by ids; the first maxScenarios pairs are re-let, the rest counted as skipped;
//   groups  named sets (one owner, one district) withdrawing together.
// Entries are ranked worst first: added unmet hours, then last-resort hours, then the like-for-like cost
// of delivered hours, then scenario name.
import { LotwiseError, formatValue, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { WithdrawalOptionsSchema, WithdrawalSweepOptionsSchema } from "../schema/allocation.js";
import type { WithdrawalOptions, WithdrawalSweepOptions } from "../schema/allocation.js";
import type { Id } from "../domain/index.js";
import { assertPlanUnedited } from "./checksum.js";
import { indexPlan, reletScenario } from "./relet.js";
import type { PlanState, ReletOptions } from "./relet.js";
import type { AllocationResult, WithdrawalResult, WithdrawalSweepEntry, WithdrawalSweepResult } from "./types.js";

type ParsedOptions = ReturnType<typeof WithdrawalOptionsSchema.parse>;

function checkPlan(plan: AllocationResult): void {
  if (typeof plan !== "object" || plan === null || typeof plan.input !== "object" || plan.input === null || !Array.isArray(plan.lots) || !Array.isArray(plan.providers)) {
    throw new LotwiseError("invalid_input", "Invalid plan: expected the result of allocate() (with its input).", { issues: [{ path: ["plan"], message: "not an AllocationResult" }] });
  }
  assertPlanUnedited(plan);
  if (plan.lots.length === 0 && plan.input.lots.length > 0) {
    throw new LotwiseError("invalid_input", `Invalid plan.status: ${formatValue(plan.status)}. The plan has no solution to withdraw providers from.`, {
      issues: [{ path: ["plan", "status"], message: "plan without a solution", input: plan.status }],
    });
  }
}

function checkIds(state: PlanState, providerIds: unknown, path: (string | number)[]): Id[] {
  const where = path.join(".");
  if (!Array.isArray(providerIds)) {
    throw new LotwiseError("invalid_input", `Invalid ${where}: ${formatValue(providerIds)}. Expected an array of provider ids.`, { issues: [{ path, message: "expected an array", input: providerIds }] });
  }
  const seen = new Set<Id>();
  providerIds.forEach((id: unknown, i) => {
    if (typeof id !== "string" || !state.provIndex.has(id)) {
      throw new LotwiseError("unknown_id", `Unknown ${where}[${i}]: ${formatValue(id)}. No provider in the plan has this id.`, { issues: [{ path: [...path, i], message: "unknown provider id", input: id }] });
    }
    if (seen.has(id)) {
      throw new LotwiseError("duplicate_id", `Duplicate ${where}[${i}]: ${formatValue(id)}. A provider withdraws once.`, { issues: [{ path: [...path, i], message: "duplicate provider id", input: id }] });
    }
    seen.add(id);
  });
  return [...seen].sort(compareIds);
}

const reletOptions = (o: ParsedOptions): ReletOptions => ({ replan: o.replan, timeLimitSec: o.timeLimitSec, relGap: o.relGap, solver: o.solver, signal: o.signal, onProgress: o.onProgress });

/**
 * Simulates providers withdrawing from a plan and re-lets, under the plan's policy, every lot they led,
 * delivered in or stood behind as contingency: a new lead meeting the lead share, the minimum number of
 * providers, a contingency (not the lead) with its reserve, using only capacity the rest of the plan leaves
 * spare (hours and contingency reserves of untouched lots stay where they are) and the plan's last-resort
 * providers (`input.lastResort`). What cannot be let is unmet, with a reason per lot. The formulation is
 * in the opening comment of `allocate/relet.ts`.
 *
 * @param plan - a result of {@link allocate}, unedited (its checksum must match its contents).
 * @param providerIds - the providers who withdraw together.
 * @param options - `replan` (`"affected"`: only the lots they touch; `"neighbours"`: plus lots sharing a
 *   provider with those; `"all"`: the whole plan), `solver` (default `highsSolver()`), `timeLimitSec` (30),
 *   `relGap` (1e-3), `signal`, `onProgress`.
 * @returns a {@link WithdrawalResult}: status and gap; hours lost, re-placed by role (lead, supplementary,
 *   last resort) and released; unmet hours before/after with their penalty shown apart; the like-for-like cost
 *   change of delivered hours (hours no longer delivered are never a saving); reserves drawn; lots whose
 *   lead changed or that lost their contingency; a record per re-let lot (sorted by id); the plan after.
 * @throws {LotwiseError} `unknown_id` / `duplicate_id` for bad provider ids; `invalid_input` for a plan
 *   without a solution, a plan edited after allocate(), or bad options; `cancelled` when the signal aborts.
 * @example
 * ```ts
 * import { allocate, simulateWithdrawal } from "lotwise";
 * const plan = await allocate({
 *   lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
 *   providers: [
 *     { id: "A", capacityHours: 100, ratePerHour: 20 },
 *     { id: "B", capacityHours: 200, ratePerHour: 25 },
 *     { id: "C", capacityHours: 100, ratePerHour: 22 },
 *   ],
 *   eligibility: [
 *     { lotId: "L1", providerId: "A", share: 1 },
 *     { lotId: "L1", providerId: "B", share: 1 },
 *     { lotId: "L1", providerId: "C", share: 0.5 },
 *   ],
 * });
 * const w = await simulateWithdrawal(plan, ["A"]);
 * w.lots[0].leadBefore; // "A"
 * w.lots[0].leadAfter; // "B": C can reach only 50 h, less than the 60 h lead share
 * w.addedUnmetHours; // 0
 * w.deliveredCostChange; // 390: B leads 66.67 h at 25, C 33.33 h at 22, instead of A 95 h at 20 + C 5 h
 * ```
 */
export async function simulateWithdrawal(plan: AllocationResult, providerIds: readonly Id[], options: WithdrawalOptions = {}): Promise<WithdrawalResult> {
  checkPlan(plan);
  const opts = parseInput(WithdrawalOptionsSchema, options, "options");
  const state = indexPlan(plan);
  const ids = checkIds(state, providerIds, ["providerIds"]);
  return reletScenario(state, ids, ids.join(" + "), reletOptions(opts));
}

/** The sweep entry (summary) of one withdrawal result. @internal */
export function entryOf(r: WithdrawalResult): WithdrawalSweepEntry {
  return {
    scenario: r.scenario,
    withdrawn: r.withdrawn,
    status: r.status,
    lostHours: r.lostHours,
    replacedHours: r.replacedHours,
    lastResortHours: r.lastResortHours,
    unmetHoursAfter: r.unmetHoursAfter,
    addedUnmetHours: r.addedUnmetHours,
    addedUnmetPenaltyWeekly: r.addedUnmetPenaltyWeekly,
    deliveredCostChange: r.deliveredCostChange,
    reservesDrawnHours: r.reservesDrawnHours,
    lotsAffected: r.lots.map((l) => l.lotId),
    lotsChangedLead: r.lotsChangedLead,
    lotsWithoutContingency: r.lotsWithoutContingency,
    lotsVacant: r.lotsVacant,
    unmetLots: r.lots.filter((l) => l.addedUnmetHours > 0).map((l) => ({ lotId: l.lotId, addedUnmetHours: l.addedUnmetHours, reason: l.unmetReason })),
  };
}

/** Worst first: added unmet hours, last-resort hours, cost of delivered hours, then name. @internal */
export function compareScenarios(a: WithdrawalSweepEntry, b: WithdrawalSweepEntry): number {
  return b.addedUnmetHours - a.addedUnmetHours || b.lastResortHours - a.lastResortHours || b.deliveredCostChange - a.deliveredCostChange || compareIds(a.scenario, b.scenario);
}

/**
 * Runs many withdrawal scenarios on one plan, each re-let as {@link simulateWithdrawal} does: every provider
 * alone (N-1), ranked pairs (N-2), or named groups withdrawing together (one owner, one district).
 *
 * @param plan - a result of {@link allocate}, unedited.
 * @param options - as for {@link simulateWithdrawal} (`timeLimitSec` applies per scenario), plus
 *   `scenarios` (`"n-1"` default, `"n-2"`, or `[{ name, providerIds }]`) and `maxScenarios` (N-2 pairs
 *   solved, 50; the selection rule is stated in the result).
 * @returns a {@link WithdrawalSweepResult}: the scenarios solved, worst first (most added unmet hours, then
 *   most last-resort hours, then the largest rise in the cost of delivered hours, then name), how many
 *   were skipped and the rule that chose them.
 * @throws {LotwiseError} as {@link simulateWithdrawal}; for groups, `unknown_id` (an id not in the plan),
 *   `duplicate_id` (an id twice in one group, or two groups with one name), `invalid_input` (bad shape).
 * @example
 * ```ts
 * import { allocate, generateAllocationInstance, withdrawalSweep } from "lotwise";
 * const { input } = generateAllocationInstance({ lots: 6, providers: 10, candidatesPerLot: 5, seed: 3 });
 * const sweep = await withdrawalSweep(await allocate(input));
 * sweep.scenarios.length; // 10
 * sweep.scenarios[0]; // the worst single withdrawal: { scenario: "P02", addedUnmetHours: …, lotsChangedLead: […], … }
 * const pairs = await withdrawalSweep(await allocate(input), { scenarios: "n-2", maxScenarios: 5 });
 * pairs.skipped; // 40 (45 pairs, 5 solved)
 * ```
 */
export async function withdrawalSweep(plan: AllocationResult, options: WithdrawalSweepOptions = {}): Promise<WithdrawalSweepResult> {
  checkPlan(plan);
  const opts = parseInput(WithdrawalSweepOptionsSchema, options, "options");
  const state = indexPlan(plan);
  const ro = reletOptions(opts);
  const ids = [...state.prep.providerIds];
  if (Array.isArray(opts.scenarios)) {
    const names = new Map<string, number>();
    const groups = opts.scenarios.map((g, i) => {
      if (names.has(g.name)) {
        throw new LotwiseError("duplicate_id", `Duplicate options.scenarios[${i}].name: ${formatValue(g.name)} (first at options.scenarios[${names.get(g.name)}]).`, {
          issues: [{ path: ["options", "scenarios", i, "name"], message: "duplicate group name", input: g.name }],
        });
      }
      names.set(g.name, i);
      return { name: g.name, ids: checkIds(state, g.providerIds, ["options", "scenarios", i, "providerIds"]) };
    });
    const scenarios: WithdrawalSweepEntry[] = [];
    for (const g of groups) scenarios.push(entryOf(await reletScenario(state, g.ids, g.name, ro)));
    return { kind: "groups", scenarios: scenarios.sort(compareScenarios), skipped: 0, selection: "every named group, as given" };
  }
  const single: WithdrawalSweepEntry[] = [];
  for (const id of ids) single.push(entryOf(await reletScenario(state, [id], id, ro)));
  if (opts.scenarios === "n-1") return { kind: "n-1", scenarios: single.sort(compareScenarios), skipped: 0, selection: "every provider alone" };

  const pairs = rankPairs(state, single);
  const chosen = pairs.slice(0, opts.maxScenarios);
  const scenarios: WithdrawalSweepEntry[] = [];
  for (const [a, b] of chosen) scenarios.push(entryOf(await reletScenario(state, [a, b], `${a} + ${b}`, ro)));
  return {
    kind: "n-2",
    scenarios: scenarios.sort(compareScenarios),
    skipped: pairs.length - chosen.length,
    selection:
      `${chosen.length} of ${pairs.length} pairs, ranked by the added unmet hours of each provider withdrawing alone (summed), then their last-resort hours (summed), ` +
      "then the hours both hold (delivered or reserved) in lots where both are active, then the hours they deliver together, then ids",
  };
}

/** Every pair of providers, ranked as the module header states. */
function rankPairs(state: PlanState, single: readonly WithdrawalSweepEntry[]): [Id, Id][] {
  const { prep } = state;
  const P = prep.providerIds.length;
  const by = new Map(single.map((s) => [s.scenario, s]));
  const held = new Float64Array(P * P);
  const { pairProv, lotPairStart } = prep;
  for (let l = 0; l < prep.lotIds.length; l++) {
    const act = state.lotActive[l]!;
    const amount = new Map<number, number>();
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) amount.set(pairProv[e]!, state.hours[e]! + state.reserve[e]!);
    for (let i = 0; i < act.length; i++) {
      for (let j = i + 1; j < act.length; j++) {
        const a = act[i]!;
        const b = act[j]!;
        held[a * P + b] = held[a * P + b]! + (amount.get(a) ?? 0) + (amount.get(b) ?? 0);
      }
    }
  }
  const rows: { a: Id; b: Id; k: [number, number, number, number] }[] = [];
  for (let a = 0; a < P; a++) {
    for (let b = a + 1; b < P; b++) {
      const sa = by.get(prep.providerIds[a]!)!;
      const sb = by.get(prep.providerIds[b]!)!;
      rows.push({ a: prep.providerIds[a]!, b: prep.providerIds[b]!, k: [sa.addedUnmetHours + sb.addedUnmetHours, sa.lastResortHours + sb.lastResortHours, held[a * P + b]!, sa.lostHours + sb.lostHours] });
    }
  }
  rows.sort((x, y) => y.k[0] - x.k[0] || y.k[1] - x.k[1] || y.k[2] - x.k[2] || y.k[3] - x.k[3] || compareIds(x.a, y.a) || compareIds(x.b, y.b));
  return rows.map((r) => [r.a, r.b]);
}

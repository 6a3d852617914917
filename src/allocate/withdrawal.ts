// Provider withdrawal: re-place the hours of providers who leave a plan, contingency first.
//
// keepOthers (default): everyone else keeps their hours (fixed); reserves are released.
//   Phase 1, lot by lot in id order: the lot's contingency provider takes
//     t_l = min(lost_l, a_lq·d_l − x_lq, c_q − X_q).
//   Phase 2, an LP over the hours still lost (L' = lots with hours left, e = extra hours):
//     \min \sum_{lp} r_p w_l e_{lp} + \pi \sum_l u_l
//     s.t. \sum_p e_{lp} + u_l = lost_l − t_l  (l ∈ L');  \sum_l e_{lp} ≤ c_p − X_p − t_p  (p);
//          0 ≤ e_{lp} ≤ a_lp·d_l − x_lp − t_lp.
// keepOthers false: allocate() again on the input without the withdrawn providers (same options).
import { LotwiseError, formatValue, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { WithdrawalOptionsSchema } from "../schema/allocation.js";
import type { WithdrawalOptions } from "../schema/allocation.js";
import type { Id } from "../domain/index.js";
import { allocate, defaultSolver } from "./allocate.js";
import { prepareAllocation } from "./prepare.js";
import type { PreparedAllocation } from "./prepare.js";
import { clean } from "./result.js";
import { solveVerified } from "../solvers/verify.js";
import type { SolveOptions, SolveStatus, SparseModel } from "../solvers/types.js";
import type { AllocationResult, WithdrawalLotImpact, WithdrawalResult, WithdrawalSweepEntry } from "./types.js";

type ParsedOptions = ReturnType<typeof WithdrawalOptionsSchema.parse>;

/** Hours per lot and provider in a plan, plus roles. */
interface PlanIndex {
  hours: Map<Id, Map<Id, number>>;
  lead: Map<Id, Id | null>;
  cont: Map<Id, Id | null>;
  unmet: Map<Id, number>;
  provHours: Map<Id, number>;
}

function indexPlan(plan: AllocationResult): PlanIndex {
  const hours = new Map<Id, Map<Id, number>>();
  const lead = new Map<Id, Id | null>();
  const cont = new Map<Id, Id | null>();
  const unmet = new Map<Id, number>();
  const provHours = new Map<Id, number>();
  for (const lot of plan.lots) {
    const m = new Map<Id, number>();
    if (lot.lead !== null && lot.leadHours > 0) m.set(lot.lead, lot.leadHours);
    for (const s of lot.supplementary) m.set(s.providerId, s.hours);
    hours.set(lot.lotId, m);
    lead.set(lot.lotId, lot.lead);
    cont.set(lot.lotId, lot.contingency);
    unmet.set(lot.lotId, lot.unmetHours);
  }
  for (const p of plan.providers) provHours.set(p.providerId, p.hours);
  return { hours, lead, cont, unmet, provHours };
}

function checkPlan(plan: AllocationResult): void {
  if (typeof plan !== "object" || plan === null || typeof plan.input !== "object" || !Array.isArray(plan.lots)) {
    throw new LotwiseError("invalid_input", "Invalid plan: expected the result of allocate() (with its input).", { issues: [{ path: ["plan"], message: "not an AllocationResult" }] });
  }
  if (plan.lots.length === 0 && plan.input.lots.length > 0) {
    throw new LotwiseError("invalid_input", `Invalid plan.status: ${formatValue(plan.status)}. The plan has no solution to withdraw providers from.`, {
      issues: [{ path: ["plan", "status"], message: "plan without a solution", input: plan.status }],
    });
  }
}

function checkIds(plan: AllocationResult, providerIds: readonly Id[]): Id[] {
  if (!Array.isArray(providerIds)) {
    throw new LotwiseError("invalid_input", `Invalid providerIds: ${formatValue(providerIds)}. Expected an array of provider ids.`, { issues: [{ path: ["providerIds"], message: "expected an array", input: providerIds }] });
  }
  const known = new Set(plan.input.providers.map((p) => p.id));
  const seen = new Set<Id>();
  providerIds.forEach((id, i) => {
    if (!known.has(id)) {
      throw new LotwiseError("unknown_id", `Unknown providerIds[${i}]: ${formatValue(id)}. No provider in the plan has this id.`, { issues: [{ path: ["providerIds", i], message: "unknown provider id", input: id }] });
    }
    if (seen.has(id)) {
      throw new LotwiseError("duplicate_id", `Duplicate providerIds[${i}]: ${formatValue(id)}.`, { issues: [{ path: ["providerIds", i], message: "duplicate provider id", input: id }] });
    }
    seen.add(id);
  });
  return [...seen].sort(compareIds);
}

/**
 * Simulates providers withdrawing from a plan: their hours are re-placed with the lot's contingency
 * provider first, then at least cost with anyone eligible who has room; what cannot be placed is unmet.
 * With `keepOthers: true` (default) every other provider keeps its hours; with `false` the whole
 * allocation is re-solved without the withdrawn providers.
 *
 * @param plan - a result of {@link allocate} (it carries its input).
 * @param providerIds - the providers who withdraw.
 * @param options - `keepOthers` (true), `solver` (default `highsSolver()`), `timeLimitSec` (30), `relGap` (1e-3),
 *   `signal`, `onProgress`.
 * @returns a {@link WithdrawalResult}: hours lost, unmet before/after, cost change, and the lots affected
 *   (sorted by id) with who took the hours.
 * @throws {LotwiseError} `unknown_id` / `duplicate_id` for bad provider ids; `invalid_input` for a plan
 *   without a solution or bad options; `cancelled` when the signal aborts.
 * @example
 * ```ts
 * import { allocate, generateAllocationInstance, simulateWithdrawal } from "lotwise";
 * const { input } = generateAllocationInstance({ lots: 6, providers: 10, candidatesPerLot: 5, seed: 3 });
 * const plan = await allocate(input);
 * const w = await simulateWithdrawal(plan, ["P02"]);
 * w.lostHours; // 549.03
 * w.addedUnmetHours; // 154.73
 * w.lotsAffected[0]; // { lotId: "L1", lostHours: 188.63, contingencyHours: 75.9,
 * //   reallocated: [{ providerId: "P04", hours: 75.9 }, { providerId: "P05", hours: 26.6 }], unmetHours: 86.13, ... }
 * ```
 */
export async function simulateWithdrawal(plan: AllocationResult, providerIds: readonly Id[], options: WithdrawalOptions = {}): Promise<WithdrawalResult> {
  checkPlan(plan);
  const ids = checkIds(plan, providerIds);
  const opts = parseInput(WithdrawalOptionsSchema, options, "options");
  if (!opts.keepOthers) return resolveWithout(plan, ids, opts);
  return keepOthers(plan, prepareAllocation(plan.input), indexPlan(plan), ids, opts);
}

async function keepOthers(plan: AllocationResult, prep: PreparedAllocation, idx: PlanIndex, ids: Id[], opts: ParsedOptions): Promise<WithdrawalResult> {
  const W = new Set(ids);
  const { lotIds, providerIds, pairLot, pairProv, pairReach, lotPairStart, rate, weight, capacity, penalty } = prep;
  const pIndex = new Map(providerIds.map((id, i) => [id, i] as const));
  const rem = new Float64Array(providerIds.length);
  providerIds.forEach((id, p) => (rem[p] = W.has(id) ? 0 : Math.max(0, capacity[p]! - (idx.provHours.get(id) ?? 0))));
  const lost = new Float64Array(lotIds.length);
  const affected: number[] = [];
  let lostCost = 0;
  for (let l = 0; l < lotIds.length; l++) {
    const id = lotIds[l]!;
    const m = idx.hours.get(id) ?? new Map<Id, number>();
    for (const w of W) {
      const h = m.get(w) ?? 0;
      lost[l] = lost[l]! + h;
      lostCost += h * rate[pIndex.get(w)!]! * weight[l]!;
    }
    const lead = idx.lead.get(id) ?? null;
    const cont = idx.cont.get(id) ?? null;
    if (lost[l]! > 0 || (lead !== null && W.has(lead)) || (cont !== null && W.has(cont))) affected.push(l);
  }
  // extra[e] = hours re-placed on pair e; phase 1 (contingency) then phase 2 (LP).
  const extra = new Float64Array(pairLot.length);
  const fromCont = new Float64Array(lotIds.length);
  const left = Float64Array.from(lost);
  const pairOf = (l: number, p: number): number => {
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) if (pairProv[e] === p) return e;
    return -1;
  };
  const has = (l: number, p: number): number => idx.hours.get(lotIds[l]!)?.get(providerIds[p]!) ?? 0;
  for (const l of affected) {
    const c = idx.cont.get(lotIds[l]!) ?? null;
    if (c === null || W.has(c) || left[l]! <= 0) continue;
    const q = pIndex.get(c)!;
    const e = pairOf(l, q);
    if (e < 0) continue;
    const t = Math.max(0, Math.min(left[l]!, pairReach[e]! - has(l, q), rem[q]!));
    extra[e] = t;
    rem[q] = rem[q]! - t;
    left[l] = left[l]! - t;
    fromCont[l] = t;
  }
  let status: SolveStatus = "optimal";
  const lpLots = affected.filter((l) => left[l]! > 1e-9);
  const unmetAdded = new Float64Array(lotIds.length);
  if (lpLots.length > 0) {
    // Columns: e per usable pair of the LP lots, then u per LP lot.
    const cols: number[] = [];
    const cost: number[] = [];
    const upper: number[] = [];
    for (const l of lpLots) {
      for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) {
        const p = pairProv[e]!;
        if (W.has(providerIds[p]!)) continue;
        const ub = Math.min(pairReach[e]! - has(l, p) - extra[e]!, rem[p]!);
        if (ub <= 1e-9) continue;
        cols.push(e);
        cost.push(rate[p]! * weight[l]!);
        upper.push(ub);
      }
    }
    const nE = cols.length;
    const nCols = nE + lpLots.length;
    const rowStart: number[] = [0];
    const colIndex: number[] = [];
    const value: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    lpLots.forEach((l, i) => {
      cols.forEach((e, j) => {
        if (pairLot[e] === l) {
          colIndex.push(j);
          value.push(1);
        }
      });
      colIndex.push(nE + i);
      value.push(1);
      rowStart.push(colIndex.length);
      rowLower.push(left[l]!);
      rowUpper.push(left[l]!);
    });
    const byProv = new Map<number, number[]>();
    cols.forEach((e, j) => {
      const p = pairProv[e]!;
      const list = byProv.get(p) ?? [];
      list.push(j);
      byProv.set(p, list);
    });
    for (const p of [...byProv.keys()].sort((a, b) => a - b)) {
      for (const j of byProv.get(p)!) {
        colIndex.push(j);
        value.push(1);
      }
      rowStart.push(colIndex.length);
      rowLower.push(-Infinity);
      rowUpper.push(rem[p]!);
    }
    const model: SparseModel = {
      sense: "min",
      numCols: nCols,
      numRows: rowLower.length,
      cost: Float64Array.from([...cost, ...lpLots.map(() => penalty)]),
      colLower: new Float64Array(nCols),
      colUpper: Float64Array.from([...upper, ...lpLots.map((l) => left[l]!)]),
      integrality: new Uint8Array(nCols),
      rowLower: Float64Array.from(rowLower),
      rowUpper: Float64Array.from(rowUpper),
      rowStart: Int32Array.from(rowStart),
      colIndex: Int32Array.from(colIndex),
      value: Float64Array.from(value),
    };
    const so: SolveOptions = { timeLimitSec: opts.timeLimitSec, wantDuals: false };
    if (opts.signal !== undefined) so.signal = opts.signal;
    if (opts.onProgress !== undefined) so.onProgress = opts.onProgress;
    const res = await solveVerified(opts.solver ?? defaultSolver(), model, so);
    status = res.status;
    if (res.x.length === nCols) {
      cols.forEach((e, j) => (extra[e] = extra[e]! + (res.x[j]! > 1e-9 ? res.x[j]! : 0)));
      lpLots.forEach((l, i) => (unmetAdded[l] = res.x[nE + i]! > 1e-9 ? res.x[nE + i]! : 0));
    } else {
      lpLots.forEach((l) => (unmetAdded[l] = left[l]!));
    }
  }

  let addedCost = 0;
  const lotsAffected: WithdrawalLotImpact[] = [];
  for (const l of affected) {
    const id = lotIds[l]!;
    const reallocated: { providerId: Id; hours: number }[] = [];
    const after = new Map<Id, number>();
    for (const [p, h] of idx.hours.get(id) ?? []) if (!W.has(p)) after.set(p, h);
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) {
      if (extra[e]! <= 1e-9) continue;
      const p = providerIds[pairProv[e]!]!;
      reallocated.push({ providerId: p, hours: clean(extra[e]!) });
      after.set(p, (after.get(p) ?? 0) + extra[e]!);
      addedCost += extra[e]! * rate[pairProv[e]!]! * weight[l]!;
    }
    const leadBefore = idx.lead.get(id) ?? null;
    const contBefore = idx.cont.get(id) ?? null;
    let leadAfter: Id | null = leadBefore !== null && !W.has(leadBefore) ? leadBefore : null;
    if (leadAfter === null) {
      let best = 0;
      for (const [p, h] of [...after].sort((a, b) => compareIds(a[0], b[0]))) {
        if (h > best + 1e-9) {
          best = h;
          leadAfter = p;
        }
      }
    }
    lotsAffected.push({
      lotId: id,
      lostHours: clean(lost[l]!),
      contingencyHours: clean(fromCont[l]!),
      reallocated,
      unmetHours: clean((idx.unmet.get(id) ?? 0) + unmetAdded[l]!),
      addedUnmetHours: clean(unmetAdded[l]!),
      leadBefore,
      leadAfter,
      lostLeadOrContingency: (leadBefore !== null && W.has(leadBefore)) || (contBefore !== null && W.has(contBefore)),
    });
  }
  const added = unmetAdded.reduce((a, b) => a + b, 0);
  const weeklyCostAfter = plan.weeklyCost - lostCost + addedCost;
  return {
    withdrawn: ids,
    keepOthers: true,
    status,
    lostHours: clean(lost.reduce((a, b) => a + b, 0)),
    unmetHoursBefore: plan.unmetHours,
    unmetHoursAfter: clean(plan.unmetHours + added),
    addedUnmetHours: clean(added),
    weeklyCostBefore: plan.weeklyCost,
    weeklyCostAfter: clean(weeklyCostAfter),
    weeklyCostChange: clean(weeklyCostAfter - plan.weeklyCost),
    annualCostChange: clean((weeklyCostAfter - plan.weeklyCost) * prep.policy.weeksPerYear),
    lotsAffected,
  };
}

async function resolveWithout(plan: AllocationResult, ids: Id[], opts: ParsedOptions): Promise<WithdrawalResult> {
  const W = new Set(ids);
  const input = plan.input;
  const next = await allocate(
    {
      lots: input.lots,
      providers: input.providers.filter((p) => !W.has(p.id)),
      eligibility: input.eligibility.filter((e) => !W.has(e.providerId)),
      policy: input.policy,
    },
    {
      formulation: plan.formulation,
      timeLimitSec: opts.timeLimitSec,
      relGap: opts.relGap,
      ...(opts.solver !== undefined ? { solver: opts.solver } : {}),
      ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
      ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
    },
  );
  const before = indexPlan(plan);
  const after = indexPlan(next);
  const lotsAffected: WithdrawalLotImpact[] = [];
  let lostTotal = 0;
  for (const lot of plan.lots) {
    const id = lot.lotId;
    const hb = before.hours.get(id) ?? new Map<Id, number>();
    const ha = after.hours.get(id) ?? new Map<Id, number>();
    let lost = 0;
    for (const w of W) lost += hb.get(w) ?? 0;
    lostTotal += lost;
    const hit = lost > 0 || (lot.lead !== null && W.has(lot.lead)) || (lot.contingency !== null && W.has(lot.contingency));
    if (!hit) continue;
    const reallocated: { providerId: Id; hours: number }[] = [];
    for (const [p, h] of [...ha].sort((a, b) => compareIds(a[0], b[0]))) {
      const d = h - (hb.get(p) ?? 0);
      if (d > 1e-9) reallocated.push({ providerId: p, hours: clean(d) });
    }
    const unmetAfter = after.unmet.get(id) ?? 0;
    const c = lot.contingency;
    lotsAffected.push({
      lotId: id,
      lostHours: clean(lost),
      contingencyHours: clean(c !== null && !W.has(c) ? Math.max(0, (ha.get(c) ?? 0) - (hb.get(c) ?? 0)) : 0),
      reallocated,
      unmetHours: clean(unmetAfter),
      addedUnmetHours: clean(Math.max(0, unmetAfter - lot.unmetHours)),
      leadBefore: lot.lead,
      leadAfter: after.lead.get(id) ?? null,
      lostLeadOrContingency: (lot.lead !== null && W.has(lot.lead)) || (c !== null && W.has(c)),
    });
  }
  return {
    withdrawn: ids,
    keepOthers: false,
    status: next.status,
    lostHours: clean(lostTotal),
    unmetHoursBefore: plan.unmetHours,
    unmetHoursAfter: next.unmetHours,
    addedUnmetHours: clean(Math.max(0, next.unmetHours - plan.unmetHours)),
    weeklyCostBefore: plan.weeklyCost,
    weeklyCostAfter: next.weeklyCost,
    weeklyCostChange: clean(next.weeklyCost - plan.weeklyCost),
    annualCostChange: clean((next.weeklyCost - plan.weeklyCost) * plan.input.policy.weeksPerYear),
    lotsAffected,
    plan: next,
  };
}

/**
 * Every single-provider withdrawal (N−1) from a plan, ranked by the hours it leaves unmet (most first),
 * then by provider id. Each row is a {@link simulateWithdrawal} with the same options.
 *
 * @param plan - a result of {@link allocate}.
 * @param options - as for {@link simulateWithdrawal} (`keepOthers` true by default, which needs one small
 *   LP per provider with hours; `false` re-solves the whole allocation for each provider).
 * @returns one {@link WithdrawalSweepEntry} per provider in the plan's input.
 * @throws {LotwiseError} as {@link simulateWithdrawal}.
 * @example
 * ```ts
 * import { allocate, generateAllocationInstance, withdrawalSweep } from "lotwise";
 * const { input } = generateAllocationInstance({ lots: 6, providers: 10, candidatesPerLot: 5, seed: 3 });
 * const ranked = await withdrawalSweep(await allocate(input));
 * ranked[0]; // { providerId: "P02", lostHours: 549.03, addedUnmetHours: 154.73, weeklyCostChange: -3815.84,
 * //   lotsAffected: ["L1", "L3", "L6"], status: "optimal" }
 * ```
 */
export async function withdrawalSweep(plan: AllocationResult, options: WithdrawalOptions = {}): Promise<WithdrawalSweepEntry[]> {
  checkPlan(plan);
  const opts = parseInput(WithdrawalOptionsSchema, options, "options");
  const prep = opts.keepOthers ? prepareAllocation(plan.input) : undefined;
  const idx = indexPlan(plan);
  const entries: WithdrawalSweepEntry[] = [];
  for (const id of plan.input.providers.map((p) => p.id).sort(compareIds)) {
    const r = prep !== undefined ? await keepOthers(plan, prep, idx, [id], opts) : await resolveWithout(plan, [id], opts);
    entries.push({
      providerId: id,
      lostHours: r.lostHours,
      addedUnmetHours: r.addedUnmetHours,
      weeklyCostChange: r.weeklyCostChange,
      lotsAffected: r.lotsAffected.map((l) => l.lotId),
      status: r.status,
    });
  }
  return entries.sort((a, b) => b.addedUnmetHours - a.addedUnmetHours || compareIds(a.providerId, b.providerId));
}

/**
 * N-1-secure allocation: a plan for which every single-provider withdrawal can be re-let (relet.ts) with no
 * unmet hours, or with the least worst-case unmet hours when that is impossible.
 *
 * A robust two-stage MILP. First stage: the allocation model of model.ts on the plan's input (x, y, z, k,
 * q, s, n; rows (1)-(14), contingency required). For each scenario p (provider p withdraws) with E_p the
 * lots p is eligible for, a recourse copy: the allocation model of the re-letting itself, built by
 * buildAllocationModel on lots E_p, providers P \ {p} plus the last-resort providers, contingency soft
 * (x^p, y^p, z^p, k^p, q^p, s^p, n^p, g^p; rows (1)-(14) in the copy), with no objective of its own, tied to
 * the first stage by
 *   a_lp ∈ {0,1}, y_lp ≤ a_lp, k_lp ≤ a_lp, x_lp ≤ u_lp a_lp,
 *   x_lp ≥ θ (a_lp − y_lp − k_lp)            a_lp = 1 exactly when p is active in l (θ = 0.01 h), so
 *                                             the lots re-let are the lots relet.ts re-lets;
 *   |x^p_lq − x_lq| ≤ u_lq a_lp, |q^p_lq − q_lq| ≤ u_lq a_lp, |y^p_lq − y_lq| ≤ a_lp   ∀ q ≠ p, l ∈ E_p:
 *                                             a lot p is not active in keeps its plan and reserves;
 *   x^p_lr ≤ u_lr a_lp, y^p_lr ≤ a_lp          last-resort hours only in re-let lots;
 *   Σ_{l∉E_p} (x_lq + q_lq) + Σ_{l∈E_p} (x^p_lq + q^p_lq) ≤ c_q                     (the copy's (7))
 *   Σ_{l∉E_p} y_lq + Σ_{l∈E_p} y^p_lq ≤ K_q                                          lead cap in the scenario
 *   U_p ≥ Σ_{l∈E_p} (s^p_l − s_l), W ≥ U_p                                          added unmet hours, worst case
 *   Σ_l s_l ≤ the plain plan's unmet hours                                          serve as much as allocate()
 * min first-stage cost + π Σ s + 100π W + 10π Σ_p U_p: the worst case first, then the unmet hours of the
 * other scenarios, then the cost.
 * Scenarios enter the model by constraint generation (`securityMethod: "scenarios"`, default): solve the
 * plain allocation, re-let every single withdrawal (relet.ts), put the worst scenario that leaves hours
 * unmet into the model, solve, re-check, add the worst scenario that still leaves more unmet hours than
 * the model's W, repeat until none does (each round adds one scenario, so it ends). One scenario a round
 * keeps each master small: on the Leicestershire demo (18 lots, 40 providers) the ten scenarios with unmet
 * hours put in at once gave a 17,325-column MILP still at a 68% gap after 120 s, while one a round
 * proves the least worst case in two rounds (35 s). `"all"` puts every provider's copy in at once. Either way
 * the returned plan is checked by re-letting every single withdrawal, and `security.scenarios` reports
 * what that check found, not what the model promised.
 *
 * Price of security = weekly cost of the secure plan − that of the plain plan, where the plain plan is the
 * cheaper (by cost + π × unmet) of allocate()'s plan and the secure plan (which is also a valid plain plan),
 * so the price is ≥ 0 whatever the gaps. Capacity shadow prices are not computed for a secure plan (null):
 * the LP duals of the plain model do not price the recourse.
 * @module
 */
import { formatForMessage as fmt } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import { nowMs } from "../internal/clock.js";
import type { ResolvedAllocationInput } from "../schema/allocation.js";
import { SparseModelBuilder } from "../solvers/model-builder.js";
import { buildAllocationModel } from "./model.js";
import type { AllocationModel } from "./model.js";
import { prepareAllocation } from "./prepare.js";
import type { PreparedAllocation } from "./prepare.js";
import { indexPlan, reletScenario } from "./relet.js";
import { clean } from "./result.js";
import { assembleResult, defaultSolver, solvePrepared } from "./solve.js";
import type { PipelineOptions, UncheckedResult } from "./solve.js";
import { solveVerified, verifySolution } from "../solvers/verify.js";
import type { SolveOptions, SolveStatus, SparseModel } from "../solvers/types.js";
import type { Id } from "../domain/index.js";
import type { SecurityReport, SecurityScenario, WithdrawalResult } from "./types.js";

const THETA = 0.01;
const TOL = 1e-6;

/** Options of {@link secureAllocation}: allocate()'s, validated. @internal */
export interface SecurityOptions extends PipelineOptions {
  readonly securityMethod: "scenarios" | "all";
}

/**
 * Copies `m` into the builder (columns, then rows, columns offset), adding `extra[r]` terms to row r of
 * `m` as it is copied; returns the column and row offsets.
 */
function copyModel(b: SparseModelBuilder, m: SparseModel, keepCost: boolean, extra?: ReadonlyMap<number, { cols: number[]; vals: number[] }>): { col: number; row: number } {
  const col = b.numCols;
  const row = b.numRows;
  for (let j = 0; j < m.numCols; j++) b.addColumn(keepCost ? m.cost[j]! : 0, m.colLower[j]!, m.colUpper[j]!, m.integrality[j] === 1);
  for (let r = 0; r < m.numRows; r++) {
    const rb = b.row();
    for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) rb.add(m.colIndex[k]! + col, m.value[k]!);
    const x = extra?.get(r);
    if (x !== undefined) x.cols.forEach((c, k) => rb.add(c, x.vals[k]!));
    rb.between(m.rowLower[r]!, m.rowUpper[r]!);
  }
  return { col, row };
}

/** The lots p can be active in: those with a pair of p that can carry hours. */
function lotsOf(prep: PreparedAllocation, p: number): number[] {
  return prep.provPairs[p]!.filter((e) => prep.pairUb[e]! > 0).map((e) => prep.pairLot[e]!);
}

/**
 * The master model: the first stage plus one recourse copy per scenario in `scenarios` (provider indices).
 * @internal
 */
export interface SecurityModel {
  readonly model: SparseModel;
  readonly am0: AllocationModel;
  readonly colW: number;
  /** U_p per block: the scenario's added unmet hours. */
  readonly colU: readonly number[];
  /** a_lp per first-stage pair of a scenario provider (-1 elsewhere). */
  readonly colA: Int32Array;
  /** One recourse copy per scenario: the re-letting's prepared data, its model and its column offset. */
  readonly blocks: readonly { readonly p: number; readonly sp: PreparedAllocation; readonly am: AllocationModel; readonly col: number }[];
}

export function buildSecurityModel(prep: PreparedAllocation, scenarios: readonly number[], maxUnmet: number): SecurityModel {
  const am0 = buildAllocationModel(prep, "milp", "tight");
  const asm = new SparseModelBuilder();
  copyModel(asm, am0.model, true);
  // The plan itself leaves no more hours unmet than the plain plan (security is not bought by not serving).
  const sCols = [...am0.colS].filter((j) => j >= 0);
  if (sCols.length > 0) asm.addRow(sCols, sCols.map(() => 1), -Infinity, maxUnmet + 1e-6 * Math.max(1, maxUnmet));
  const { pairLot, pairProv, pairUb, lotPairStart, lotIds, providerIds, policy } = prep;
  const input = prep.input;
  const colW = asm.addColumn(100 * prep.penalty, 0, Infinity, false);
  const X = (e: number): [number[], number[]] => [[am0.colO[e]!, am0.colH[e]!], [1, 1]];
  const pairAt = (l: number, q: number): number => {
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) if (pairProv[e] === q) return e;
    return -1;
  };
  // a_lp for every pair of a scenario provider.
  const colA = new Int32Array(pairLot.length).fill(-1);
  for (const p of scenarios) {
    for (const e of prep.provPairs[p]!) {
      if (pairUb[e]! <= 0 || colA[e]! >= 0) continue;
      const a = asm.addColumn(0, 0, 1, true);
      colA[e] = a;
      const u = pairUb[e]!;
      if (am0.colY[e]! >= 0) asm.addRow([am0.colY[e]!, a], [1, -1], -Infinity, 0);
      if (am0.colK[e]! >= 0) asm.addRow([am0.colK[e]!, a], [1, -1], -Infinity, 0);
      const [xc, xv] = X(e);
      asm.addRow([...xc, a], [...xv, -u], -Infinity, 0);
      asm.addRow([...xc, a, am0.colY[e]!, am0.colK[e]!], [...xv, -THETA, THETA, THETA], 0, Infinity);
    }
  }
  const lrIds = new Set((input.lastResort?.providers ?? []).map((r) => r.id));
  const provIndex = new Map(providerIds.map((id, i) => [id, i] as const));
  const lotIndex = new Map(lotIds.map((id, i) => [id, i] as const));
  const blocks: { p: number; sp: PreparedAllocation; am: AllocationModel; col: number }[] = [];
  const colsU: number[] = [];
  for (const p of scenarios) {
    const E = [...new Set(lotsOf(prep, p))].sort((a, b) => a - b);
    if (E.length === 0) continue;
    const inE = new Uint8Array(lotIds.length);
    for (const l of E) inE[l] = 1;
    const lotSet = new Set(E.map((l) => lotIds[l]!));
    const pid = providerIds[p]!;
    const sub: ResolvedAllocationInput = {
      lots: input.lots.filter((l) => lotSet.has(l.id)),
      providers: input.providers.filter((q) => q.id !== pid),
      eligibility: input.eligibility.filter((e) => lotSet.has(e.lotId) && e.providerId !== pid),
      policy: { ...policy, unmetPenaltyPerHour: prep.penalty },
      ...(input.lastResort !== undefined ? { lastResort: { providers: input.lastResort.providers, eligibility: input.lastResort.eligibility.filter((e) => lotSet.has(e.lotId)) } } : {}),
    };
    const sp = prepareAllocation(sub, { lastResort: true, noContingencyPenalty: prep.penalty });
    const am = buildAllocationModel(sp, "milp", "tight");
    // Capacity of market providers: first-stage hours and reserves outside E_p join the copy's row (7).
    const extra = new Map<number, { cols: number[]; vals: number[] }>();
    for (let qs = 0; qs < sp.providerIds.length; qs++) {
      const r = am.rowCap[qs]!;
      if (r < 0 || sp.lastResort[qs]) continue;
      const q = provIndex.get(sp.providerIds[qs]!)!;
      const cols: number[] = [];
      for (const e of prep.provPairs[q]!) {
        if (inE[pairLot[e]!]) continue;
        for (const j of [am0.colO[e]!, am0.colH[e]!, am0.colQ[e]!]) if (j >= 0) cols.push(j);
      }
      extra.set(r, { cols, vals: cols.map(() => 1) });
    }
    const off = copyModel(asm, am.model, false, extra);
    blocks.push({ p, sp, am, col: off.col });
    const c = (j: number): number => (j >= 0 ? j + off.col : -1);
    // Lead caps of market providers in the scenario.
    for (let qs = 0; qs < sp.providerIds.length; qs++) {
      if (sp.lastResort[qs]) continue;
      const q = provIndex.get(sp.providerIds[qs]!)!;
      const cols: number[] = [];
      for (const e of prep.provPairs[q]!) if (!inE[pairLot[e]!] && am0.colY[e]! >= 0) cols.push(am0.colY[e]!);
      for (const es of sp.provPairs[qs]!) if (am.colY[es]! >= 0) cols.push(c(am.colY[es]!));
      if (cols.length > prep.leadCap[q]!) asm.addRow(cols, cols.map(() => 1), -Infinity, prep.leadCap[q]!);
    }
    // Linking: a lot p is not active in keeps its first-stage plan; last resort only where p is active.
    for (let es = 0; es < sp.pairLot.length; es++) {
      const l = lotIndex.get(sp.lotIds[sp.pairLot[es]!]!)!;
      const a = colA[pairAt(l, p)]!;
      const qid = sp.providerIds[sp.pairProv[es]!]!;
      const xs = [c(am.colO[es]!), c(am.colH[es]!)];
      if (lrIds.has(qid)) {
        const u = sp.pairUb[es]!;
        asm.addRow([...xs, a], [1, 1, -u], -Infinity, 0);
        if (am.colY[es]! >= 0) asm.addRow([c(am.colY[es]!), a], [1, -1], -Infinity, 0);
        continue;
      }
      const e = pairAt(l, provIndex.get(qid)!);
      const u = Math.max(pairUb[e]!, sp.pairUb[es]!);
      const [xc, xv] = X(e);
      asm.addRow([...xs, ...xc, a], [1, 1, ...xv.map((v) => -v), -u], -Infinity, 0);
      asm.addRow([...xs, ...xc, a], [-1, -1, ...xv, -u], -Infinity, 0);
      const qsCol = c(am.colQ[es]!);
      const qCol = am0.colQ[e]!;
      if (qsCol >= 0 || qCol >= 0) {
        asm.addRow([qsCol, qCol, a], [1, -1, -u], -Infinity, 0);
        asm.addRow([qsCol, qCol, a], [-1, 1, -u], -Infinity, 0);
      }
      const ysCol = c(am.colY[es]!);
      const yCol = am0.colY[e]!;
      if (ysCol >= 0 || yCol >= 0) {
        asm.addRow([ysCol, yCol, a], [1, -1, -1], -Infinity, 0);
        asm.addRow([ysCol, yCol, a], [-1, 1, -1], -Infinity, 0);
      }
    }
    // U_p ≥ Σ_{l∈E_p} (s^p_l − s_l), W ≥ U_p.
    const colU = asm.addColumn(10 * prep.penalty, 0, Infinity, false);
    const cols = [colU];
    const vals = [1];
    for (let ls = 0; ls < sp.lotIds.length; ls++) {
      const l = lotIndex.get(sp.lotIds[ls]!)!;
      cols.push(c(am.colS[ls]!), am0.colS[l]!);
      vals.push(-1, 1);
    }
    asm.addRow(cols, vals, 0, Infinity);
    asm.addRow([colW, colU], [1, -1], 0, Infinity);
    colsU.push(colU);
  }
  return { model: asm.build("min"), am0, colW, colU: colsU, colA, blocks };
}

/**
 * A feasible point of the security model from a plan and its re-lettings: the first stage is the plan
 * (reserves at β × the lead's hours), a_lp marks where p is active, each recourse copy is the plan outside
 * the re-let lots and the re-letting inside them, W the worst added unmet hours. Undefined when the point
 * fails verification (e.g. a provider active with fewer than θ hours).
 * @internal
 */
export function securityWarmStart(prep: PreparedAllocation, sm: SecurityModel, x0: Float64Array, relets: ReadonlyMap<Id, WithdrawalResult>): Float64Array | undefined {
  const { am0, model } = sm;
  const v = new Float64Array(model.numCols);
  v.set(x0.subarray(0, am0.model.numCols));
  const { pairLot, pairProv, lotPairStart, lotIds, providerIds } = prep;
  const beta = prep.policy.contingencyShare;
  const hoursOf = (e: number): number => v[am0.colO[e]!]! + (am0.colH[e]! >= 0 ? v[am0.colH[e]!]! : 0);
  for (let l = 0; l < lotIds.length; l++) {
    let lead = -1;
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) if (am0.colY[e]! >= 0 && v[am0.colY[e]!]! > 0.5) lead = e;
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) {
      const q = am0.colQ[e]!;
      if (q < 0) continue;
      v[q] = am0.colK[e]! >= 0 && v[am0.colK[e]!]! > 0.5 && lead >= 0 ? beta * hoursOf(lead) : 0;
    }
  }
  for (let e = 0; e < pairLot.length; e++) {
    const a = sm.colA[e]!;
    if (a < 0) continue;
    const active = hoursOf(e) > 1e-6 || (am0.colY[e]! >= 0 && v[am0.colY[e]!]! > 0.5) || (am0.colK[e]! >= 0 && v[am0.colK[e]!]! > 0.5);
    v[a] = active ? 1 : 0;
  }
  const lotIndex = new Map(lotIds.map((id, i) => [id, i] as const));
  const provIndex = new Map(providerIds.map((id, i) => [id, i] as const));
  const pairAt = (l: number, q: number): number => {
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) if (pairProv[e] === q) return e;
    return -1;
  };
  let worst = 0;
  for (let b = 0; b < sm.blocks.length; b++) {
    const { p, sp, am, col } = sm.blocks[b]!;
    const w = relets.get(providerIds[p]!);
    if (w === undefined) return undefined;
    const relet = new Set(w.lots.map((x) => x.lotId));
    const after = new Map(w.plan.lots.map((x) => [x.lotId, x] as const));
    let added = 0;
    for (let ls = 0; ls < sp.lotIds.length; ls++) {
      const id = sp.lotIds[ls]!;
      const l = lotIndex.get(id)!;
      const set = (j: number, x: number): void => {
        if (j >= 0) v[j + col] = x;
      };
      if (!relet.has(id)) {
        for (let es = sp.lotPairStart[ls]!; es < sp.lotPairStart[ls + 1]!; es++) {
          const q = provIndex.get(sp.providerIds[sp.pairProv[es]!]!);
          const e = q === undefined ? -1 : pairAt(l, q);
          if (e < 0) continue;
          for (const [js, j] of [
            [am.colO[es]!, am0.colO[e]!],
            [am.colH[es]!, am0.colH[e]!],
            [am.colY[es]!, am0.colY[e]!],
            [am.colZ[es]!, am0.colZ[e]!],
            [am.colK[es]!, am0.colK[e]!],
            [am.colQ[es]!, am0.colQ[e]!],
          ] as const) {
            if (j >= 0) set(js, v[j]!);
          }
        }
        set(am.colS[ls]!, v[am0.colS[l]!]!);
        set(am.colN[ls]!, am0.colN[l]! >= 0 ? v[am0.colN[l]!]! : 0);
        continue;
      }
      const lot = after.get(id)!;
      const hours = new Map<Id, number>();
      if (lot.lead !== null) hours.set(lot.lead, lot.leadHours);
      for (const x of [...lot.supplementary, ...lot.lastResort]) hours.set(x.providerId, (hours.get(x.providerId) ?? 0) + x.hours);
      for (let es = sp.lotPairStart[ls]!; es < sp.lotPairStart[ls + 1]!; es++) {
        const qid = sp.providerIds[sp.pairProv[es]!]!;
        const h = hours.get(qid) ?? 0;
        if (qid === lot.lead) {
          set(am.colH[es]!, h);
          set(am.colY[es]!, 1);
        } else {
          set(am.colO[es]!, h);
          if (!sp.lastResort[sp.pairProv[es]!] && h >= sp.countMin[ls]! - 1e-9) set(am.colZ[es]!, 1);
        }
        if (qid === lot.contingency) {
          set(am.colK[es]!, 1);
          set(am.colQ[es]!, beta * lot.leadHours);
        }
      }
      set(am.colS[ls]!, lot.unmetHours);
      set(am.colN[ls]!, lot.lead === null ? 1 : 0);
      set(am.colG[ls]!, lot.lead !== null && lot.contingency === null ? 1 : 0);
      added += lot.unmetHours - v[am0.colS[l]!]!;
    }
    v[sm.colU[b]!] = Math.max(0, added);
    worst = Math.max(worst, added);
  }
  v[sm.colW] = Math.max(0, worst);
  return verifySolution(model, v).ok ? v : undefined;
}

/** Re-lets every single withdrawal from a plan: the scenarios worst first, and each full result by provider id. @internal */
export async function checkSingleWithdrawals(plan: UncheckedResult, opts: PipelineOptions): Promise<{ scenarios: SecurityScenario[]; results: Map<Id, WithdrawalResult> }> {
  const state = indexPlan(plan);
  const out: SecurityScenario[] = [];
  const results = new Map<Id, WithdrawalResult>();
  for (const id of state.prep.providerIds) {
    const w = await reletScenario(state, [id], id, { replan: "affected", timeLimitSec: opts.timeLimitSec, relGap: opts.relGap, solver: opts.solver, signal: opts.signal });
    results.set(id, w);
    out.push({ providerId: id, lostHours: w.lostHours, addedUnmetHours: Math.max(0, w.addedUnmetHours), lastResortHours: w.lastResortHours, lotsAffected: w.lots.map((l) => l.lotId), status: w.status });
  }
  out.sort((a, b) => b.addedUnmetHours - a.addedUnmetHours || b.lastResortHours - a.lastResortHours || b.lostHours - a.lostHours || compareIds(a.providerId, b.providerId));
  return { scenarios: out, results };
}

/** Scenarios added to the security model per round of constraint generation (the worst ones first). */
const SCENARIOS_PER_ROUND = 1;

const objective = (r: UncheckedResult): number => r.weeklyCost + r.unmetPenaltyPerHour * r.unmetHours;

/**
 * allocate(input, { security: "n-1" }): see the module header.
 * @internal
 */
export async function secureAllocation(prep: PreparedAllocation, opts: SecurityOptions, t0: number): Promise<UncheckedResult> {
  const solver = opts.solver ?? defaultSolver();
  const deadline = t0 + opts.timeLimitSec * 1000;
  const left = (): number => Math.max(0.05, (deadline - nowMs()) / 1000);
  const checkOpts: PipelineOptions = { ...opts, solver, timeLimitSec: Math.min(30, opts.timeLimitSec) };
  const solved = await solvePrepared(prep, { ...opts, solver, shadowPrices: false, timeLimitSec: left() }, t0);
  const plain = solved.result;
  let best = plain;
  let bestX = solved.x;
  const first = plain.lots.length > 0 ? await checkSingleWithdrawals(plain, checkOpts) : { scenarios: [], results: new Map<Id, WithdrawalResult>() };
  let checks = first.scenarios;
  let relets = first.results;
  const worstOf = (s: readonly SecurityScenario[]): number => (s.length > 0 ? s[0]!.addedUnmetHours : 0);
  const inModel = new Set<number>();
  const provIndex = new Map(prep.providerIds.map((id, i) => [id, i] as const));
  let iterations = 0;
  let status: SolveStatus = plain.status;
  let gap = plain.gap;
  let dualBound = plain.dualBound;
  const warnings: string[] = [];
  if (opts.securityMethod === "all") {
    for (let p = 0; p < prep.providerIds.length; p++) if (lotsOf(prep, p).length > 0) inModel.add(p);
  } else {
    for (const s of checks) if (s.addedUnmetHours > TOL && inModel.size < SCENARIOS_PER_ROUND) inModel.add(provIndex.get(s.providerId)!);
  }
  let modelW = 0;
  let modelSize: SecurityReport["modelSize"] = null;
  while (worstOf(checks) > modelW + TOL && inModel.size > 0 && nowMs() < deadline) {
    iterations++;
    const S = [...inModel].sort((a, b) => a - b);
    const sm = buildSecurityModel(prep, S, plain.unmetHours);
    const { model, am0, colW } = sm;
    const so: SolveOptions = { timeLimitSec: left(), relGap: opts.relGap };
    const start = bestX !== undefined && solver.capabilities.warmStart ? securityWarmStart(prep, sm, bestX, relets) : undefined;
    if (start !== undefined) so.warmStart = start;
    if (opts.signal !== undefined) so.signal = opts.signal;
    if (opts.onProgress !== undefined) so.onProgress = opts.onProgress;
    modelSize = { columns: model.numCols, rows: model.numRows, integers: model.integrality.reduce((a, b) => a + b, 0) };
    const res = await solveVerified(solver, model, so);
    if (res.x.length !== model.numCols) {
      warnings.push(`The security model (${S.length} scenario${S.length === 1 ? "" : "s"}) returned no solution (status ${res.status}); the plan is the best one checked so far.`);
      status = res.status === "optimal" ? "error" : res.status;
      break;
    }
    modelW = res.x[colW]!;
    const x0 = res.x.slice(0, am0.model.numCols);
    const cand = assembleResult(prep, am0, x0, null, { status: res.status, res, warnings: [...prep.warnings], solverId: solver.id, timeSec: 0 });
    const { scenarios: candChecks, results } = await checkSingleWithdrawals(cand, checkOpts);
    best = cand;
    bestX = x0;
    checks = candChecks;
    relets = results;
    status = res.status;
    gap = cand.gap;
    dualBound = cand.dualBound;
    let added = 0;
    for (const s of candChecks) {
      const p = provIndex.get(s.providerId)!;
      if (s.addedUnmetHours > modelW + TOL && !inModel.has(p) && added < SCENARIOS_PER_ROUND) {
        inModel.add(p);
        added++;
      }
    }
    if (res.status !== "optimal") break;
    if (added === 0) {
      if (worstOf(candChecks) > modelW + TOL) {
        warnings.push(
          `Re-letting finds ${fmt(worstOf(candChecks))} unmet hours in a scenario the security model covers with ${fmt(modelW)}: the re-letting's own weights (cost, one unmet hour per lot left without a contingency) chose differently.`,
        );
      }
      break;
    }
    if (opts.securityMethod === "all") break;
  }
  if (worstOf(checks) > TOL && nowMs() >= deadline) warnings.push(`Time limit reached before every single withdrawal could be re-let without unmet hours (worst ${checks[0]!.providerId}, ${fmt(checks[0]!.addedUnmetHours)} h).`);
  const plainBest = objective(best) < objective(plain) - 1e-9 ? best : plain;
  const worst = checks[0];
  const security: SecurityReport = {
    kind: "n-1",
    method: opts.securityMethod,
    secure: worstOf(checks) <= TOL,
    worstAddedUnmetHours: worstOf(checks),
    worstProviderId: worst === undefined ? null : worst.providerId,
    priceOfSecurityWeekly: clean(Math.max(0, best.weeklyCost - plainBest.weeklyCost)),
    priceOfSecurityAnnual: clean(Math.max(0, best.weeklyCost - plainBest.weeklyCost) * prep.policy.weeksPerYear),
    plainWeeklyCost: plainBest.weeklyCost,
    plainStatus: plain.status,
    plainUnmetHours: plainBest.unmetHours,
    scenariosInModel: [...inModel].sort((a, b) => a - b).map((p) => prep.providerIds[p]!),
    iterations,
    modelSize,
    scenarios: checks,
  };
  if (!security.secure) {
    warnings.push(
      `The plan is not N-1 secure: withdrawing ${security.worstProviderId} leaves ${fmt(security.worstAddedUnmetHours)} more weekly hours unmet after re-letting (the least worst case found).`,
    );
  }
  return { ...best, status, gap, dualBound, warnings: [...best.warnings, ...warnings], timeSec: (nowMs() - t0) / 1000, security };
}

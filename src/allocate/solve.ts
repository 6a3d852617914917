// The allocation solve pipeline shared by allocate(), withdrawal re-letting and N-1 security: build the
// model (formulation in model.ts), seed a greedy incumbent polished by the LP over its binaries, solve,
// fix the integers and re-solve the LP for capacity shadow prices, and assemble the result. Internal.
import { greedyIncumbent } from "./greedy.js";
import { buildAllocationModel, fixIntegers } from "./model.js";
import type { AllocationModel } from "./model.js";
import type { PreparedAllocation } from "./prepare.js";
import { clean, extractPlan } from "./result.js";
import { highsSolver } from "../solvers/highs.js";
import type { SolveOptions, SolveProgress, SolveResult, SolveStatus, Solver } from "../solvers/types.js";
import { solveVerified, verifySolution } from "../solvers/verify.js";
import { nowMs } from "../internal/clock.js";
import type { AbortSignalLike } from "../domain/index.js";
import type { AllocationResult } from "./types.js";

/** An allocation result before its checksum is added (allocate() adds it; sub-solves need none). @internal */
export type UncheckedResult = Omit<AllocationResult, "checksum" | "summary">;

let sharedSolver: Solver | undefined;
/** The default backend, created on first use (nothing runs at import time). @internal */
export function defaultSolver(): Solver {
  sharedSolver ??= highsSolver();
  return sharedSolver;
}

/** Options of {@link solvePrepared} (allocate's, validated). @internal */
export interface PipelineOptions {
  solver?: Solver | undefined;
  formulation: "milp" | "lp";
  timeLimitSec: number;
  relGap: number;
  warmStart: boolean;
  shadowPrices: boolean;
  signal?: AbortSignalLike | undefined;
  onProgress?: ((p: SolveProgress) => void) | undefined;
}

/**
 * Solves a prepared allocation. The time limit (from `t0`, ms) covers the greedy start and the solve; the
 * shadow-price LP runs after it. Returns the result with the model and solution vector behind it.
 * @internal
 */
export async function solvePrepared(
  prep: PreparedAllocation,
  opts: PipelineOptions,
  t0: number = nowMs(),
): Promise<{ result: UncheckedResult; am: AllocationModel; x: Float64Array | undefined }> {
  const solver = opts.solver ?? defaultSolver();
  // The lp formulation is built with reach bounds (a·d) so its capacity-row duals are the shadow prices.
  const am = buildAllocationModel(prep, opts.formulation, opts.formulation === "lp" ? "reach" : "tight");
  const deadline = t0 + opts.timeLimitSec * 1000;
  const left = (): number => Math.max(0.05, (deadline - nowMs()) / 1000);
  const base: SolveOptions = {};
  if (opts.signal !== undefined) base.signal = opts.signal;

  // Greedy incumbent, hours polished by the LP over its binaries: the warm start, and the fallback plan
  // when the solver stops without a better one. (HiGHS's own root heuristics usually beat it; guiding the
  // greedy by the LP relaxation was measured to cost more time than it saves.)
  let incumbent: Float64Array | undefined;
  let incumbentObj = Infinity;
  if (opts.formulation === "milp" && opts.warmStart && am.model.numCols > 0) {
    const starts = [greedyIncumbent(prep, am)];
    for (const g of starts) {
      if (!verifySolution(am.model, g).ok) continue;
      let best = g;
      const pol = await solveVerified(solver, fixIntegers(am, g), { ...base, timeLimitSec: Math.min(left(), 10), wantDuals: false });
      if (pol.status === "optimal" && pol.x.length === am.model.numCols) {
        const px = withIntegers(am, pol.x, g);
        if (verifySolution(am.model, px).ok && objectiveOf(am, px) <= objectiveOf(am, g)) best = px;
      }
      const obj = objectiveOf(am, best);
      if (obj < incumbentObj) {
        incumbent = best;
        incumbentObj = obj;
      }
    }
  }

  const solveOpts: SolveOptions = { ...base, timeLimitSec: left(), relGap: opts.relGap };
  if (opts.onProgress !== undefined) solveOpts.onProgress = opts.onProgress;
  if (incumbent !== undefined && solver.capabilities.warmStart) solveOpts.warmStart = incumbent;
  if (opts.formulation === "lp") solveOpts.wantDuals = opts.shadowPrices;
  const res = await solveVerified(solver, am.model, solveOpts);

  let status: SolveStatus = res.status;
  let x: Float64Array | undefined = res.x.length === am.model.numCols && am.model.numCols > 0 ? res.x : undefined;
  const warnings = [...prep.warnings];
  if (am.model.numCols === 0) {
    x = new Float64Array(0);
  }
  // The solver may stop (time limit) without an incumbent, or with a worse one than ours.
  if (incumbent !== undefined && (x === undefined || objectiveOf(am, x) > incumbentObj)) {
    x = incumbent;
    if (status === "optimal") status = "feasible";
    if (res.x.length === 0) warnings.push(`The solver returned no solution (status ${res.status}); the plan is the greedy incumbent.`);
  }
  if (res.stats.message !== undefined && status !== "optimal") warnings.push(`Solver: ${res.stats.message}`);

  // Shadow prices: LP duals of the capacity rows (MILP: with the integer decisions fixed).
  let shadow: Float64Array | null = null;
  if (x !== undefined && opts.shadowPrices && solver.capabilities.duals && am.model.numCols > 0) {
    let duals: Float64Array | undefined;
    if (opts.formulation === "lp") duals = res.rowDuals;
    else {
      const fixed = await solveVerified(solver, fixIntegers(buildAllocationModel(prep, "milp", "reach"), x), { ...base, timeLimitSec: Math.max(1, left()), wantDuals: true });
      duals = fixed.rowDuals;
      if (fixed.status === "optimal" && fixed.x.length === am.model.numCols) {
        const fx = withIntegers(am, fixed.x, x);
        if (verifySolution(am.model, fx).ok && objectiveOf(am, fx) < objectiveOf(am, x) - 1e-9) x = fx;
      }
    }
    if (duals !== undefined) {
      shadow = new Float64Array(prep.capacity.length);
      for (let p = 0; p < shadow.length; p++) {
        const r = am.rowCap[p]!;
        shadow[p] = r >= 0 ? Math.abs(duals[r]!) : 0;
      }
    }
  }

  const result = assembleResult(prep, am, x, shadow, {
    status,
    res,
    warnings,
    solverId: solver.id,
    timeSec: (nowMs() - t0) / 1000,
  });
  return { result, am, x };
}

function objectiveOf(am: AllocationModel, x: Float64Array): number {
  let s = am.model.offset ?? 0;
  for (let j = 0; j < am.model.numCols; j++) s += am.model.cost[j]! * x[j]!;
  return s;
}

/** The LP solution with the integer (and n) columns set exactly to the rounded values of `ref`. */
function withIntegers(am: AllocationModel, lpX: Float64Array, ref: Float64Array): Float64Array {
  const out = Float64Array.from(lpX);
  for (let j = 0; j < am.model.numCols; j++) if (am.model.integrality[j] === 1) out[j] = Math.round(ref[j]!);
  for (const j of am.colN) if (j >= 0) out[j] = Math.round(ref[j]!);
  for (const j of am.colG) if (j >= 0) out[j] = Math.round(ref[j]!);
  return out;
}

/** Builds the public result from a solution vector (or none). @internal */
export function assembleResult(
  prep: PreparedAllocation,
  am: AllocationModel,
  x: Float64Array | undefined,
  shadow: Float64Array | null,
  meta: { status: SolveStatus; res: SolveResult; warnings: string[]; solverId: string; timeSec: number },
): UncheckedResult {
  const m = am.model;
  let nnz = 0;
  let ints = 0;
  nnz = m.rowStart[m.numRows] ?? 0;
  for (let j = 0; j < m.numCols; j++) ints += m.integrality[j]!;
  const size = { columns: m.numCols, rows: m.numRows, integers: ints, nonzeros: nnz };
  const weeks = prep.policy.weeksPerYear;
  if (x === undefined) {
    return {
      status: meta.status,
      formulation: am.formulation,
      objective: Number.NaN,
      gap: null,
      dualBound: meta.res.dualBound ?? null,
      weeklyCost: Number.NaN,
      annualCost: Number.NaN,
      unmetHours: Number.NaN,
      unmetPenaltyPerHour: prep.penalty,
      lots: [],
      providers: [],
      warnings: [...meta.warnings, `No plan: the solver returned status ${meta.status} without a solution.`],
      solver: meta.solverId,
      timeSec: meta.timeSec,
      size,
      input: prep.input,
    };
  }
  const plan = extractPlan(prep, am, x, shadow);
  const objective = clean(plan.weeklyCost + prep.penalty * plan.unmetHours);
  const dualBound = meta.res.dualBound !== undefined && Number.isFinite(meta.res.dualBound) ? meta.res.dualBound : null;
  let gap: number | null = null;
  if (meta.status === "optimal" && am.formulation === "lp") gap = 0;
  else if (dualBound !== null) gap = Math.max(0, (objective - dualBound) / Math.max(1, Math.abs(objective)));
  else if (meta.status === "optimal") gap = 0;
  return {
    status: meta.status,
    formulation: am.formulation,
    objective,
    gap: gap === null ? null : clean(gap),
    dualBound: dualBound === null ? null : clean(dualBound),
    weeklyCost: plan.weeklyCost,
    annualCost: clean(plan.weeklyCost * weeks),
    unmetHours: plan.unmetHours,
    unmetPenaltyPerHour: prep.penalty,
    lots: plan.lots,
    providers: plan.providers,
    warnings: [...meta.warnings, ...plan.warnings],
    solver: meta.solverId,
    timeSec: meta.timeSec,
    size,
    input: prep.input,
  };
}

/**
 * Shared solve step for every location model: one solve of the primary objective, then (optionally) a
 * deterministic tie-break solve. @internal
 *
 * Tie-break (lexicographic secondary objective): when the primary solve returns a solution, a second model adds
 * the row "primary objective no worse than the value found" (within 1e-9 relative) and minimises
 * Σ_j (rank_j + 1)·y_j, where rank_j is site j's position in id order. Among plans that are equally good on
 * the primary objective this picks the one using the earliest site ids (least sum of ranks; if two plans tie on
 * that sum too, the solver's deterministic search decides, so the same input still gives the same sites). The
 * second solve starts from the first answer (warm start) and gets the time left. Its answer is kept only when
 * the primary value recomputed from its sites is no worse; otherwise the first answer stands
 * (`stats.tieBreak = "failed"`).
 */
import type { SolveOptions, SolveResult, SolveStatus, Solver, SparseModel } from "../solvers/types.js";
import { withExtraRow } from "../solvers/model-builder.js";
import { nowMs } from "../internal/clock.js";

/** A built location model: the MILP, the y column of each site, and how to score an answer. @internal */
export interface BuiltLocationModel {
  readonly model: SparseModel;
  /** Column of y_j (site j open) for each site j, in site order. */
  readonly siteCols: Int32Array;
  /** Primary objective of a solution vector, recomputed from definitions (not from the solver). */
  evaluate(x: Float64Array): number;
}

/** Solve settings after validation. @internal */
export interface LocationSolveSettings {
  readonly solver: Solver | undefined;
  readonly timeLimitSec: number;
  readonly relGap: number;
  readonly tieBreak: boolean;
  /**
   * Solve the LP relaxation first and stop there when it is integral (then it is a proven MIP optimum with
   * gap 0); otherwise run the MIP. Pays off for formulations whose LP is usually integral (p-median).
   */
  readonly lpFirst?: boolean;
  /** The LP relaxation the caller already solved (with reduced costs): used for the integral shortcut and fixing. */
  readonly lpRelaxation?: SolveResult;
  /** A feasible starting point for the primary MIP (used when the solver accepts warm starts). */
  readonly warmStart?: Float64Array;
}

/** What the shared solve step returns. @internal */
export interface LocationSolveOutcome {
  readonly status: SolveStatus;
  readonly gap: number;
  /** Solution vector (of the tie-break solve when kept), or null without a solution. */
  readonly x: Float64Array | null;
  readonly solverId: string;
  readonly timeSec: number;
  readonly tieBreak: "applied" | "skipped" | "failed";
  readonly message?: string;
  /** True when `accept` rejected the primary answer (the caller refines the model and solves again). */
  readonly rejected?: boolean;
}

/** The given solver, or the default `highsSolver()` (imported lazily so loading lotwise stays cheap). @internal */
export async function resolveSolver(solver: Solver | undefined): Promise<Solver> {
  if (solver !== undefined) return solver;
  const { highsSolver } = await import("../solvers/highs.js");
  return highsSolver();
}

function integral(x: Float64Array, integrality: Uint8Array): boolean {
  for (let j = 0; j < x.length; j++) if (integrality[j] === 1 && Math.abs(x[j]! - Math.round(x[j]!)) > 1e-7) return false;
  return true;
}

/** When `lp` (a solve of model's LP relaxation) is optimal and integral: that answer as a proven MIP optimum. @internal */
export function integralLpResult(model: SparseModel, lp: SolveResult): SolveResult | null {
  if (lp.status !== "optimal" || lp.x.length !== model.numCols || !integral(lp.x, model.integrality)) return null;
  const x = Float64Array.from(lp.x, (v, j) => (model.integrality[j] === 1 ? Math.round(v) : v));
  return { ...lp, x, dualBound: lp.objective, gap: 0, stats: { ...lp.stats, message: "LP relaxation was integral" } };
}

/**
 * Reduced-cost fixing for the tie-break solve, from the LP relaxation `lp` (optimal, with reduced costs d):
 * every solution x of the relaxation costs at least z_LP + |d_j|·|x_j − x_j^LP| (min form), so when the
 * tie-break only admits solutions within `slack` of z_LP, an integer column with |d_j| > slack cannot leave its
 * LP value; with slack 0 (integral LP optimum) neither can a continuous one (complementary slackness). Returns
 * tightened bounds, or null without usable reduced costs.
 */
function fixByReducedCost(model: SparseModel, lp: SolveResult | undefined, slack: number): { colLower: Float64Array; colUpper: Float64Array } | null {
  const d = lp?.colDuals;
  if (lp === undefined || d === undefined || lp.status !== "optimal" || d.length !== model.numCols || lp.x.length !== model.numCols) return null;
  let scale = 1;
  model.cost.forEach((c) => (scale = Math.max(scale, Math.abs(c))));
  const tol = 1e-6 * scale;
  const colLower = Float64Array.from(model.colLower);
  const colUpper = Float64Array.from(model.colUpper);
  for (let j = 0; j < model.numCols; j++) {
    const x = lp.x[j]!;
    const atBound = Math.abs(x - model.colLower[j]!) <= 1e-9 || Math.abs(x - model.colUpper[j]!) <= 1e-9;
    if (!atBound || Math.abs(d[j]!) <= tol) continue;
    if (model.integrality[j] === 1 ? Math.abs(d[j]!) > slack + tol : slack <= tol) colLower[j] = colUpper[j] = Math.round(x * 1e9) / 1e9;
  }
  return { colLower, colUpper };
}

async function solveOnce(
  solver: Solver,
  model: SparseModel,
  o: SolveOptions,
  lpFirst: boolean,
  elapsed: () => number,
): Promise<{ result: SolveResult; lp?: SolveResult }> {
  const limit = o.timeLimitSec ?? 30;
  if (!lpFirst) return { result: await solver.solve(model, o) };
  const lp = await solver.solve({ ...model, integrality: new Uint8Array(model.numCols) }, { timeLimitSec: limit, relGap: 0, wantDuals: true });
  const integralLp = integralLpResult(model, lp);
  if (integralLp !== null) return { result: integralLp, lp };
  return { result: await solver.solve(model, { ...o, timeLimitSec: Math.max(0.1, limit - elapsed()) }), lp };
}

function usable(r: SolveResult, numCols: number): boolean {
  return (r.status === "optimal" || r.status === "feasible" || r.status === "timeLimit") && r.x.length === numCols && r.x.every(Number.isFinite);
}

/**
 * Runs the primary solve and the tie-break solve. `accept`, when given, must hold for an answer to be used:
 * a primary answer it rejects is returned with `rejected: true` (no tie-break); a tie-break answer it rejects is
 * dropped in favour of the primary one. @internal
 */
export async function solveLocation(built: BuiltLocationModel, s: LocationSolveSettings, accept?: (x: Float64Array) => boolean): Promise<LocationSolveOutcome> {
  const solver = await resolveSolver(s.solver);
  const t0 = nowMs();
  const { model } = built;
  const elapsed = (): number => (nowMs() - t0) / 1000;
  let lpRelax = s.lpRelaxation;
  let first: SolveResult;
  const known = lpRelax === undefined ? null : integralLpResult(model, lpRelax);
  if (known !== null) first = known;
  else {
    const o: SolveOptions = { timeLimitSec: s.timeLimitSec, relGap: s.relGap, ...(s.warmStart !== undefined && solver.capabilities.warmStart ? { warmStart: s.warmStart } : {}) };
    const once = await solveOnce(solver, model, o, s.lpFirst === true && lpRelax === undefined, elapsed);
    first = once.result;
    lpRelax ??= once.lp;
  }
  const gap = first.status === "optimal" && s.relGap === 0 ? 0 : (first.gap ?? Number.NaN);
  if (!usable(first, model.numCols)) {
    const out: LocationSolveOutcome = { status: first.status === "timeLimit" ? "timeLimit" : first.status, gap: Number.NaN, x: null, solverId: solver.id, timeSec: elapsed(), tieBreak: "skipped" };
    return first.stats.message === undefined ? out : { ...out, message: first.stats.message };
  }
  const base = { status: first.status, gap, solverId: solver.id };
  if (accept !== undefined && !accept(first.x)) return { ...base, x: first.x, timeSec: elapsed(), tieBreak: "skipped", rejected: true };
  const remaining = s.timeLimitSec - elapsed();
  if (!s.tieBreak || first.status !== "optimal" || remaining < 0.05) return { ...base, x: first.x, timeSec: elapsed(), tieBreak: "skipped" };

  const primary = built.evaluate(first.x);
  let raw = 0;
  model.cost.forEach((c, j) => (raw += c * first.x[j]!));
  const tol = 1e-9 * Math.max(1, Math.abs(raw));
  const constrained = withExtraRow(model, model.cost, model.sense === "max" ? raw - tol : -Infinity, model.sense === "max" ? Infinity : raw + tol);
  const fixed = first.status === "optimal" ? fixByReducedCost(model, lpRelax, Math.abs((lpRelax?.objective ?? Number.NaN) - raw) + tol) : null;
  if (fixed !== null) Object.assign(constrained, fixed);
  const rankCost = new Float64Array(model.numCols);
  built.siteCols.forEach((col, j) => (rankCost[col] = j + 1));
  const t1 = nowMs();
  const { result: second } = await solveOnce(
    solver,
    { ...constrained, sense: "min", cost: rankCost, offset: 0 },
    solver.capabilities.warmStart ? { timeLimitSec: remaining, relGap: 0, warmStart: first.x } : { timeLimitSec: remaining, relGap: 0 },
    s.lpFirst === true,
    () => (nowMs() - t1) / 1000,
  );
  if (usable(second, model.numCols)) {
    const v = built.evaluate(second.x);
    const noWorse = model.sense === "max" ? v >= primary - 1e-9 * Math.max(1, Math.abs(primary)) : v <= primary + 1e-9 * Math.max(1, Math.abs(primary));
    if (noWorse && (accept === undefined || accept(second.x))) return { ...base, x: second.x, timeSec: elapsed(), tieBreak: "applied" };
  }
  return { ...base, x: first.x, timeSec: elapsed(), tieBreak: "failed", message: `tie-break solve ended ${second.status}` };
}

/** Indices of the open sites in a solution vector (y_j > 0.5). @internal */
export function openSites(built: BuiltLocationModel, x: Float64Array): number[] {
  const open: number[] = [];
  built.siteCols.forEach((col, j) => {
    if (x[col]! > 0.5) open.push(j);
  });
  return open;
}

/**
 * Independent re-check of a solver's answer. Backends can be wrong: javascript-lp-solver returns
 * `feasible: true` with fractional "integer" columns after its timeout (see /work/shared/SOLVERS.md §5).
 * So lotwise recomputes everything from `x` alone:
 *
 * - bounds: colLower_j − tol·max(1,|colLower_j|) ≤ x_j ≤ colUpper_j + tol·max(1,|colUpper_j|);
 * - rows: a_i·x within [rowLower_i, rowUpper_i] with the same relative tolerance (default 1e-6);
 * - integrality: |x_j − round(x_j)| ≤ 1e-5 for integer columns;
 * - objective: c·x + offset, which replaces whatever the backend reported.
 *
 * `solveVerified` applies the checks to a result: integer columns of a passing answer are snapped to
 * their integers (kept only if the snapped point passes too); an `optimal`/`feasible` answer that fails becomes
 * `error`, a failing `timeLimit` incumbent is dropped (status stays `timeLimit`, no `x`), each with a
 * message that quotes the worst violation. A wrong plan is never passed on silently.
 */
import { LotwiseError } from "../errors.js";
import type { SolveOptions, SolveResult, Solver, SparseModel, VerifyReport, VerifyTolerances } from "./types.js";

const MAX_ISSUES = 10;

function colName(model: SparseModel, j: number): string {
  const n = model.colNames?.[j];
  return n === undefined ? `column ${j}` : `column ${j} (${n})`;
}

function rowName(model: SparseModel, i: number): string {
  const n = model.rowNames?.[i];
  return n === undefined ? `row ${i}` : `row ${i} (${n})`;
}

/** How far v lies outside [lo, hi], relative to max(1, |violated bound|); infinite bounds never bind. */
function violation(v: number, lo: number, hi: number): number {
  if (v < lo) return (lo - v) / Math.max(1, Math.abs(lo));
  if (v > hi) return (v - hi) / Math.max(1, Math.abs(hi));
  return 0;
}

/**
 * Checks a primal point against a model: column bounds, rows, integrality, and recomputes the objective.
 *
 * @param model - the model that was solved.
 * @param result - a {@link SolveResult} (only `x` is read) or the primal vector itself.
 * @param tol - `feasibility` (default 1e-6, relative to max(1, |bound|)) and `integrality` (default 1e-5).
 * @returns a {@link VerifyReport}; `ok` is false when `x` is missing, has the wrong length, holds a
 *   non-finite value, or violates any check. `issues` names the worst offenders.
 * @throws never: every problem is reported in the result.
 * @example
 * ```ts
 * import { verifySolution } from "lotwise";
 * // max x + y s.t. x + y ≤ 1.5, x, y ∈ {0, 1}
 * const model = {
 *   sense: "max" as const, numCols: 2, numRows: 1,
 *   cost: new Float64Array([1, 1]), colLower: new Float64Array([0, 0]), colUpper: new Float64Array([1, 1]),
 *   integrality: new Uint8Array([1, 1]), rowLower: new Float64Array([-Infinity]), rowUpper: new Float64Array([1.5]),
 *   rowStart: new Int32Array([0, 2]), colIndex: new Int32Array([0, 1]), value: new Float64Array([1, 1]),
 * };
 * const report = verifySolution(model, new Float64Array([1, 0.5]));
 * report.ok; // false
 * report.maxIntegralityViolation; // 0.5
 * ```
 */
export function verifySolution(model: SparseModel, result: Pick<SolveResult, "x"> | Float64Array, tol: VerifyTolerances = {}): VerifyReport {
  const x = result instanceof Float64Array ? result : result.x;
  const feasTol = tol.feasibility ?? 1e-6;
  const intTol = tol.integrality ?? 1e-5;
  const issues: string[] = [];
  const report: VerifyReport = { ok: false, maxRowViolation: 0, maxBoundViolation: 0, maxIntegralityViolation: 0, objective: Number.NaN, issues };
  if (!(x instanceof Float64Array) || x.length !== model.numCols) {
    issues.push(`no usable solution: x has length ${x instanceof Float64Array ? x.length : "none"}, expected ${model.numCols}`);
    return report;
  }
  type Offender = { v: number; text: string };
  const offenders: Offender[] = [];
  let objective = model.offset ?? 0;
  for (let j = 0; j < model.numCols; j++) {
    const v = x[j]!;
    if (!Number.isFinite(v)) {
      offenders.push({ v: Infinity, text: `${colName(model, j)} has the non-finite value ${v}` });
      report.maxBoundViolation = Infinity;
      continue;
    }
    objective += model.cost[j]! * v;
    const lo = model.colLower[j]!;
    const hi = model.colUpper[j]!;
    const viol = violation(v, lo, hi);
    if (viol > report.maxBoundViolation) report.maxBoundViolation = viol;
    if (viol > feasTol) offenders.push({ v: viol, text: `${colName(model, j)} = ${v} is outside its bounds [${lo}, ${hi}]` });
    if (model.integrality[j] === 1) {
      const frac = Math.abs(v - Math.round(v));
      if (frac > report.maxIntegralityViolation) report.maxIntegralityViolation = frac;
      if (frac > intTol) offenders.push({ v: frac, text: `${colName(model, j)} = ${v} should be integer (off by ${frac.toPrecision(3)})` });
    }
  }
  for (let i = 0; i < model.numRows; i++) {
    let act = 0;
    for (let k = model.rowStart[i]!; k < model.rowStart[i + 1]!; k++) act += model.value[k]! * x[model.colIndex[k]!]!;
    const lo = model.rowLower[i]!;
    const hi = model.rowUpper[i]!;
    const viol = Number.isNaN(act) ? Infinity : violation(act, lo, hi);
    if (viol > report.maxRowViolation) report.maxRowViolation = viol;
    if (viol > feasTol) offenders.push({ v: viol, text: `${rowName(model, i)}: activity ${act} is outside [${lo}, ${hi}]` });
  }
  offenders.sort((a, b) => b.v - a.v);
  for (const o of offenders.slice(0, MAX_ISSUES)) issues.push(o.text);
  if (offenders.length > MAX_ISSUES) issues.push(`… and ${offenders.length - MAX_ISSUES} more violations`);
  report.objective = Number.isFinite(objective) ? objective : Number.NaN;
  report.ok = offenders.length === 0;
  return report;
}

/** Relative gap as documented on SolveProgress: |objective − bound| / max(1, |objective|). */
function relativeGap(objective: number, bound: number): number {
  return Math.abs(objective - bound) / Math.max(1, Math.abs(objective));
}

/**
 * Re-checks a backend's result against the model and returns the honest version: verified objective,
 * status downgraded when the answer is wrong, `verification` attached. Used by every lotwise solver.
 * @internal
 */
export function applyVerification(model: SparseModel, result: SolveResult, tol: VerifyTolerances = {}): SolveResult {
  const claimsSolution = result.status === "optimal" || result.status === "feasible" || (result.status === "timeLimit" && result.x.length > 0);
  if (!claimsSolution) {
    // infeasible / unbounded / error / timeLimit without incumbent: nothing to check, no x to pass on.
    return { ...result, x: new Float64Array(0), objective: Number.NaN };
  }
  let report = verifySolution(model, result, tol);
  if (report.ok && report.maxIntegralityViolation > 0) {
    // Snap integer columns to their integers (they are within the integrality tolerance) so callers read
    // exact 0/1 decisions and objectives like 1843 rather than 1843.0000000000005; keep the snapped point
    // only if it still passes every check.
    const snapped = Float64Array.from(result.x);
    for (let j = 0; j < model.numCols; j++) if (model.integrality[j] === 1) snapped[j] = Math.round(snapped[j]!) + 0;
    const again = verifySolution(model, snapped, tol);
    if (again.ok) {
      result = { ...result, x: snapped };
      report = again;
    }
  }
  if (report.ok) {
    const out: SolveResult = { ...result, objective: report.objective, verification: report };
    if (result.dualBound !== undefined && Number.isFinite(result.dualBound)) out.gap = relativeGap(report.objective, result.dualBound);
    if (Number.isFinite(result.objective) && relativeGap(report.objective, result.objective) > 1e-6) {
      out.stats = { ...result.stats, message: `${result.stats.message ? `${result.stats.message}; ` : ""}backend reported objective ${result.objective}, recomputed ${report.objective}` };
    }
    return out;
  }
  const why = `${result.stats.solver} returned status "${result.status}" with a solution that fails lotwise's check: ${report.issues.slice(0, 3).join("; ")}`;
  const { gap: _gap, dualBound, ...rest } = result;
  const base: SolveResult = { ...rest, x: new Float64Array(0), objective: Number.NaN, verification: report, stats: { ...result.stats, message: why } };
  if (dualBound !== undefined) base.dualBound = dualBound;
  if (result.status === "timeLimit") return { ...base, status: "timeLimit", stats: { ...base.stats, message: `${why}. The incumbent was dropped.` } };
  return { ...base, status: "error" };
}

/**
 * Solves with any {@link Solver} and re-checks the answer with {@link verifySolution}. An `optimal` or
 * `feasible` answer that violates a row, a bound or integrality becomes status `error` with a message
 * quoting the violation; a failing `timeLimit` incumbent is dropped. The objective returned is always
 * the one recomputed from `x`. Solvers from `highsSolver()`/`jsLpSolver()` already do this; use it for
 * your own backends.
 *
 * @param solver - any backend implementing {@link Solver}.
 * @param model - the model to solve.
 * @param options - {@link SolveOptions}, plus `tolerances` for the verifier.
 * @returns the verified {@link SolveResult} with `verification` set when there was a point to check.
 * @throws {LotwiseError} `cancelled` when `options.signal` aborts; `solver_error` when the backend throws
 *   something that is not a LotwiseError.
 * @example
 * ```ts
 * import { solveVerified, jsLpSolver } from "lotwise";
 * const model = {
 *   sense: "min" as const, numCols: 1, numRows: 1,
 *   cost: new Float64Array([1]), colLower: new Float64Array([0]), colUpper: new Float64Array([10]),
 *   integrality: new Uint8Array([0]), rowLower: new Float64Array([2]), rowUpper: new Float64Array([Infinity]),
 *   rowStart: new Int32Array([0, 1]), colIndex: new Int32Array([0]), value: new Float64Array([1]),
 * };
 * const r = await solveVerified(jsLpSolver(), model);
 * r.status; // "optimal"
 * r.objective; // 2
 * ```
 */
export async function solveVerified(
  solver: Solver,
  model: SparseModel,
  options: SolveOptions & { tolerances?: VerifyTolerances } = {},
): Promise<SolveResult> {
  const { tolerances, ...solveOptions } = options;
  let result: SolveResult;
  try {
    result = await solver.solve(model, solveOptions);
  } catch (e) {
    if (e instanceof LotwiseError) throw e;
    throw new LotwiseError("solver_error", `Solver "${solver.id}" failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return applyVerification(model, result, tolerances ?? {});
}

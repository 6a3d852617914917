/**
 * Pure-JS backend wrapping `javascript-lp-solver` 1.0.3 (dense tableau simplex + branch and cut,
 * Unlicense). No wasm, so it works anywhere, but it is only fit for small models (SOLVERS.md §3–4:
 * it solved 23/60 of OR-Library gap1–12, and returned 9 WRONG "feasible" answers with fractional
 * integers after its timeout). Every answer therefore goes through lotwise's verifier, which turns such
 * an answer into `error` (or drops the incumbent of a `timeLimit`).
 *
 * Translation of a {@link SparseModel} into its JSON model:
 * - variables `x0..x{n-1}`, objective attribute `_obj` on every variable (so a zero objective still
 *   counts as an attribute), `opType` min/max; the offset is added back by the verifier;
 * - rows `r{i}`: `{ equal }` when lower = upper, else `{ min?, max? }`; free rows are dropped;
 * - column bounds: jsLPSolver variables are ≥ 0 unless "unrestricted". A lower bound ≠ 0 becomes a row
 *   `lb{j}: { min }` (and the column is unrestricted when the lower bound is negative or −∞); a finite
 *   upper bound becomes `ub{j}: { max }`, except integer [0, 1] columns which are declared `binaries`;
 * - `timeout` = timeLimitSec × 1000 ms (honoured in branch and bound only: the root LP cannot be
 *   interrupted); `tolerance` = relGap.
 * Status: `timeLimit` when a MIP's elapsed time reached the timeout (its "infeasible" is then no proof:
 * it said so on the feasible gap1-5); else `feasible: false` → `infeasible`; `bounded: false` →
 * `unbounded`; otherwise `optimal`. No duals (the library does not expose them).
 */
import { LotwiseError, parseInput } from "../errors.js";
import { applyVerification } from "./verify.js";
import { JsLpSolverOptionsSchema, checkSparseModel, parseSolveOptions } from "./schema.js";
import { nowMs } from "../internal/clock.js";
import { throwIfAborted } from "./runtime.js";
import type { SolveOptions, SolveResult, SolveStatus, Solver, SparseModel } from "./types.js";

/** Options of {@link jsLpSolver}. */
export interface JsLpSolverOptions {
  /** Default time limit in seconds for solves that do not pass one (default 30). Branch and bound only. */
  timeLimitSec?: number;
  /** Default relative MIP gap (jsLPSolver `tolerance`) for solves that do not pass one (default 1e-4). */
  relGap?: number;
}

interface JsLpConstraint {
  min?: number;
  max?: number;
  equal?: number;
}
interface JsLpModel {
  optimize: string;
  opType: "min" | "max";
  constraints: Record<string, JsLpConstraint>;
  variables: Record<string, Record<string, number>>;
  ints: Record<string, 1>;
  binaries: Record<string, 1>;
  unrestricted: Record<string, 1>;
  options: { timeout: number; tolerance: number };
}
interface JsLpResult {
  feasible: boolean;
  result: number;
  bounded?: boolean;
  isIntegral?: boolean;
  [variable: string]: number | boolean | undefined;
}
interface JsLpApi {
  Solve(model: JsLpModel): JsLpResult;
}

let api: Promise<JsLpApi> | undefined;

function loadApi(): Promise<JsLpApi> {
  api ??= import("javascript-lp-solver")
    .then((mod) => {
      const m = mod as unknown as { default?: unknown; Solve?: unknown };
      const d = m.default as { Solve?: unknown; default?: { Solve?: unknown } } | undefined;
      if (d !== undefined && typeof d.Solve === "function") return d as JsLpApi;
      if (d?.default !== undefined && typeof d.default.Solve === "function") return d.default as JsLpApi;
      if (typeof m.Solve === "function") return m as unknown as JsLpApi;
      throw new Error("javascript-lp-solver has no Solve export");
    })
    .catch((e: unknown) => {
      api = undefined;
      throw new LotwiseError("solver_error", `Could not load javascript-lp-solver: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
  return api;
}

/** Translates a SparseModel into javascript-lp-solver's JSON model (see module comment). @internal */
export function toJsLpModel(m: SparseModel, timeoutMs: number, tolerance: number): JsLpModel {
  const model: JsLpModel = {
    optimize: "_obj",
    opType: m.sense,
    constraints: {},
    variables: {},
    ints: {},
    binaries: {},
    unrestricted: {},
    options: { timeout: timeoutMs, tolerance },
  };
  const vars: Record<string, number>[] = [];
  for (let j = 0; j < m.numCols; j++) {
    const v: Record<string, number> = { _obj: m.cost[j]! };
    vars.push(v);
    model.variables[`x${j}`] = v;
    const lo = m.colLower[j]!;
    const hi = m.colUpper[j]!;
    const isInt = m.integrality[j] === 1;
    if (lo < 0) model.unrestricted[`x${j}`] = 1;
    if (isInt && lo === 0 && hi === 1) {
      model.binaries[`x${j}`] = 1;
      continue;
    }
    if (isInt) model.ints[`x${j}`] = 1;
    if (lo !== 0 && Number.isFinite(lo)) {
      model.constraints[`lb${j}`] = { min: lo };
      v[`lb${j}`] = 1;
    }
    if (Number.isFinite(hi)) {
      model.constraints[`ub${j}`] = { max: hi };
      v[`ub${j}`] = 1;
    }
  }
  for (let i = 0; i < m.numRows; i++) {
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    let c: JsLpConstraint;
    if (lo === hi) c = { equal: lo };
    else {
      c = {};
      if (Number.isFinite(lo)) c.min = lo;
      if (Number.isFinite(hi)) c.max = hi;
      if (c.min === undefined && c.max === undefined) continue;
    }
    model.constraints[`r${i}`] = c;
    for (let k = m.rowStart[i]!; k < m.rowStart[i + 1]!; k++) vars[m.colIndex[k]!]![`r${i}`] = m.value[k]!;
  }
  return model;
}

/**
 * Creates the pure-JS backend (javascript-lp-solver). Use it for tiny models or where wasm is not
 * allowed; prefer {@link highsSolver} otherwise. Its answers are re-checked: a fractional "integer"
 * solution comes back as status `error` (or `timeLimit` without `x`), never as a plan.
 *
 * @param options - {@link JsLpSolverOptions}: default `timeLimitSec` (30) and `relGap` (1e-4).
 * @returns a {@link Solver} with id `"javascript-lp-solver"` (no duals, no dual bound, no warm start).
 * @throws {LotwiseError} `invalid_input` for bad options or a malformed model; `cancelled` when the
 *   signal has fired before the solve starts (the solve itself is synchronous and cannot be interrupted).
 * @example
 * ```ts
 * import { jsLpSolver } from "lotwise";
 * // min x + y s.t. x + 2y ≥ 3, x, y integer ≥ 0
 * const r = await jsLpSolver().solve({
 *   sense: "min", numCols: 2, numRows: 1,
 *   cost: new Float64Array([1, 1]), colLower: new Float64Array([0, 0]), colUpper: new Float64Array([Infinity, Infinity]),
 *   integrality: new Uint8Array([1, 1]), rowLower: new Float64Array([3]), rowUpper: new Float64Array([Infinity]),
 *   rowStart: new Int32Array([0, 2]), colIndex: new Int32Array([0, 1]), value: new Float64Array([1, 2]),
 * });
 * r.status; // "optimal"
 * r.objective; // 2
 * ```
 */
export function jsLpSolver(options: JsLpSolverOptions = {}): Solver {
  const o = parseInput(JsLpSolverOptionsSchema, options, "options");
  const defaults = { timeLimitSec: o.timeLimitSec ?? 30, relGap: o.relGap ?? 1e-4 };
  return {
    id: "javascript-lp-solver",
    capabilities: { duals: false, dualBound: false, warmStart: false, interrupt: false },
    async solve(model: SparseModel, solveOptions: SolveOptions = {}): Promise<SolveResult> {
      checkSparseModel(model);
      const so = parseSolveOptions(solveOptions, model);
      throwIfAborted(so.signal);
      const lib = await loadApi();
      throwIfAborted(so.signal);
      const timeLimitSec = so.timeLimitSec ?? defaults.timeLimitSec;
      const t0 = nowMs();
      so.onProgress?.({ elapsedSec: 0, message: "start" });
      let raw: JsLpResult;
      try {
        raw = lib.Solve(toJsLpModel(model, Math.max(1, Math.round(timeLimitSec * 1000)), so.relGap ?? defaults.relGap));
      } catch (e) {
        throw new LotwiseError("solver_error", `javascript-lp-solver failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      const timeSec = (nowMs() - t0) / 1000;
      let hasInt = false;
      for (let j = 0; j < model.numCols; j++) if (model.integrality[j] === 1) { hasInt = true; break; }
      let status: SolveStatus;
      const stats: SolveResult["stats"] = { solver: "javascript-lp-solver", timeSec };
      // After its timeout jsLPSolver reports whatever its tableau holds, including `feasible: false` for
      // feasible models (seen on gap1-5): once the clock ran out, nothing it says is a proof.
      const timedOut = hasInt && timeSec >= timeLimitSec * 0.999;
      if (timedOut) status = "timeLimit";
      else if (!raw.feasible) status = "infeasible";
      else if (raw.bounded === false) status = "unbounded";
      else status = "optimal";
      if (hasInt && raw.feasible && raw.isIntegral !== true) stats.message = "javascript-lp-solver did not mark its solution integral";
      const result: SolveResult = { status, x: new Float64Array(0), objective: Number.NaN, stats };
      if (status === "optimal" || (status === "timeLimit" && raw.feasible)) {
        const x = new Float64Array(model.numCols);
        for (let j = 0; j < model.numCols; j++) {
          const v = raw[`x${j}`];
          x[j] = typeof v === "number" ? v : 0;
        }
        result.x = x;
        result.objective = raw.result + (model.offset ?? 0);
      }
      so.onProgress?.({ elapsedSec: timeSec, message: "done" });
      return applyVerification(model, result);
    },
  };
}

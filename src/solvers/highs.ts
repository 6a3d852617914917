/**
 * HiGHS backend (`highs` npm package: HiGHS 1.15 compiled to wasm, MIT), lotwise's default solver.
 *
 * Why this shape (measured in /work/shared/SOLVERS.md):
 * - the wasm runtime is loaded lazily on the first solve (dynamic import, one cached promise per loader
 *   configuration), so importing lotwise stays cheap; bundlers can pass `locateFile`/`wasmBinary`;
 * - models go in through the persistent API as CSR arrays (`createModel({... matrix: {format: "csr"}})`),
 *   never LP text (LP text costs seconds and a GB of memory at 360k columns, and reorders columns);
 * - each model is disposed in `finally`: GC does not free wasm memory;
 * - status mapping: optimal → `optimal`; infeasible → `infeasible`; unbounded → `unbounded`
 *   ("unbounded or infeasible" is re-solved once without presolve to tell them apart); time, iteration
 *   and solution limits → `timeLimit` (with the incumbent when HiGHS has one); anything else → `error`;
 * - cancellation: the signal is checked before loading and before solving, and HiGHS's interrupt
 *   callbacks (simplex and MIP) poll it during the solve, so an abort raised from `onProgress` or another
 *   callback stops a running solve. A solve blocking the main thread cannot see an abort raised elsewhere:
 *   run long solves in a worker (`workerSolver` in `lotwise/node`, `webWorkerSolver` in browsers), which
 *   a signal kills outright;
 * - the first solves pay V8's lazy compilation of the 3.5 MB wasm (0.5–2 s): `warmUp()` pays it early.
 *
 * Every answer is re-checked by lotwise's verifier before it is returned (see verify.ts).
 */
import { LotwiseError, parseInput } from "../errors.js";
import { mulberry32 } from "../internal/rng.js";
import { applyVerification } from "./verify.js";
import { HighsSolverOptionsSchema, checkSparseModel, parseSolveOptions } from "./schema.js";
import { nowMs } from "../internal/clock.js";
import { cancelledError, throwIfAborted } from "./runtime.js";
import type { SolveOptions, SolveProgress, SolveResult, SolveStatus, Solver, SparseModel } from "./types.js";

/** Options of {@link highsSolver}. */
export interface HighsSolverOptions {
  /** Maps the asset name (`"highs.wasm"`) to its URL, for bundlers that do not copy it next to the JS. */
  locateFile?: (file: string) => string;
  /** The wasm bytes themselves (e.g. imported by the bundler), instead of fetching them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** A precompiled `WebAssembly.Module` for `highs.wasm`. */
  wasmModule?: unknown;
  /** Default time limit in seconds for solves that do not pass one (default 30). */
  timeLimitSec?: number;
  /** Default relative MIP gap for solves that do not pass one (default 1e-4). */
  relGap?: number;
  /** Extra raw HiGHS options (snake_case, e.g. `{ mip_heuristic_effort: 0.2 }`), applied last. */
  highsOptions?: Record<string, boolean | number | string>;
}

/** The solver returned by {@link highsSolver}: a {@link Solver} plus an explicit warm-up. */
export interface HighsSolver extends Solver {
  readonly id: "highs";
  /**
   * Loads the wasm runtime and solves a few tiny MIPs so that V8 compiles the hot paths before the first
   * real solve. Safe to call many times; resolves with the milliseconds it took.
   */
  warmUp(): Promise<number>;
  /**
   * Current size of the wasm linear memory in bytes (undefined before the runtime is loaded). It never
   * shrinks: a long-lived app recycles its worker when this grows large (see `recycleAboveMB`).
   */
  memoryBytes(): number | undefined;
}

// Minimal structural view of the parts of `highs` used here (the package's own types mention DOM's
// WebAssembly namespace, which lotwise's browser-neutral core does not load).
interface HighsCallbackEvent {
  readonly data: {
    readonly running_time?: number;
    readonly mip_primal_bound?: number;
    readonly mip_dual_bound?: number;
    readonly objective_function_value?: number;
    readonly mip_node_count?: bigint;
  };
  interrupt?(): void;
}
type HighsCallbacks = Record<number, (event: HighsCallbackEvent) => undefined>;
interface HighsModel {
  readonly options: { set(values: Record<string, boolean | number | string>): unknown };
  readonly info: { get(name: string): number | bigint };
  run(callbacks?: HighsCallbacks): { modelStatus: number };
  setSolution(solution: { colValue: Float64Array }): unknown;
  getSolution(): { colValue: Float64Array; rowValue: Float64Array; colDual: Float64Array; rowDual: Float64Array };
  getObjectiveValue(): number;
  clearSolver(): unknown;
  dispose(): void;
}
interface HighsRuntime {
  readonly memoryBytes: number;
  readonly constants: {
    readonly objectiveSense: { readonly minimize: number; readonly maximize: number };
    readonly callbackType: { readonly simplexInterrupt: number; readonly mipImprovingSolution: number; readonly mipLogging: number; readonly mipInterrupt: number };
  };
  createModel(data: unknown): HighsModel;
}
type HighsLoader = (options?: Record<string, unknown>) => Promise<HighsRuntime>;

// HiGHS model status codes (highs.constants.modelStatus), stable C API values.
const MS = { empty: 6, optimal: 7, infeasible: 8, unboundedOrInfeasible: 9, unbounded: 10, objectiveBound: 11, objectiveTarget: 12, timeLimit: 13, iterationLimit: 14, solutionLimit: 16, interrupted: 17 } as const;
const MS_NAMES: Record<number, string> = {
  0: "not set", 1: "load error", 2: "model error", 3: "presolve error", 4: "solve error", 5: "postsolve error", 6: "empty",
  7: "optimal", 8: "infeasible", 9: "unbounded or infeasible", 10: "unbounded", 11: "objective bound", 12: "objective target",
  13: "time limit", 14: "iteration limit", 15: "unknown", 16: "solution limit", 17: "interrupted",
};

let defaultRuntime: Promise<HighsRuntime> | undefined;

async function importLoader(): Promise<HighsLoader> {
  const mod = (await import("highs")) as unknown as { default?: unknown };
  const d = mod.default as unknown;
  if (typeof d === "function") return d as HighsLoader;
  if (typeof d === "object" && d !== null && typeof (d as { default?: unknown }).default === "function") return (d as { default: HighsLoader }).default;
  if (typeof mod === "function") return mod as unknown as HighsLoader;
  throw new Error("the 'highs' module has no loader function export");
}

function loadRuntime(loaderOptions: Record<string, unknown> | undefined): Promise<HighsRuntime> {
  const create = async (): Promise<HighsRuntime> => {
    try {
      const loader = await importLoader();
      return await loader(loaderOptions);
    } catch (e) {
      throw new LotwiseError(
        "solver_error",
        `Could not load the HiGHS wasm solver: ${e instanceof Error ? e.message : String(e)}. In a bundled browser app pass highsSolver({ locateFile }) or highsSolver({ wasmBinary }).`,
        { cause: e },
      );
    }
  };
  if (loaderOptions !== undefined) return create();
  defaultRuntime ??= create().catch((e: unknown) => {
    defaultRuntime = undefined; // let a later call retry
    throw e;
  });
  return defaultRuntime;
}

function toHighsModel(runtime: HighsRuntime, m: SparseModel, isMip: boolean): unknown {
  const data: Record<string, unknown> = {
    numCols: m.numCols,
    numRows: m.numRows,
    sense: m.sense === "max" ? runtime.constants.objectiveSense.maximize : runtime.constants.objectiveSense.minimize,
    offset: m.offset ?? 0,
    colCost: m.cost,
    colLower: m.colLower,
    colUpper: m.colUpper,
    rowLower: m.rowLower,
    rowUpper: m.rowUpper,
    matrix: { format: "csr", numRows: m.numRows, numCols: m.numCols, starts: m.rowStart, indices: m.colIndex, values: m.value },
  };
  if (isMip) data.integrality = Int32Array.from(m.integrality);
  return data;
}

function relGapOf(incumbent: number, bound: number): number {
  return Math.abs(incumbent - bound) / Math.max(1, Math.abs(incumbent));
}

/** Solves with no rows and no columns, which HiGHS reports as "empty". */
function emptyModelResult(m: SparseModel, timeSec: number): SolveResult {
  for (let i = 0; i < m.numRows; i++) {
    if (m.rowLower[i]! > 0 || m.rowUpper[i]! < 0) {
      return { status: "infeasible", x: new Float64Array(0), objective: Number.NaN, stats: { solver: "highs", timeSec, message: `row ${i} has no columns and excludes 0` } };
    }
  }
  const off = m.offset ?? 0;
  return { status: "optimal", x: new Float64Array(0), objective: off, dualBound: off, gap: 0, stats: { solver: "highs", timeSec } };
}

/** Replaces −0 by 0 in place (HiGHS returns −0 for some zero values; printed output should not show it). */
function clearNegativeZeros(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) if (a[i] === 0) a[i] = 0;
  return a;
}

/** Runs one solve on a loaded runtime. Exported for the worker host. @internal */
export function solveWithHighs(
  runtime: HighsRuntime,
  m: SparseModel,
  opts: Omit<SolveOptions, "timeLimitSec" | "relGap"> & { timeLimitSec: number; relGap: number; highsOptions?: Record<string, boolean | number | string> },
): SolveResult {
  const t0 = nowMs();
  const elapsed = (): number => (nowMs() - t0) / 1000;
  const signal = opts.signal;
  const onProgress = opts.onProgress;
  let isMip = false;
  for (let j = 0; j < m.numCols; j++) if (m.integrality[j] === 1) { isMip = true; break; }
  onProgress?.({ elapsedSec: 0, message: "start" });
  if (m.numCols === 0) {
    const r = emptyModelResult(m, elapsed());
    onProgress?.({ elapsedSec: elapsed(), message: "done" });
    return r;
  }

  const model = runtime.createModel(toHighsModel(runtime, m, isMip));
  try {
    model.options.set({
      output_flag: false,
      time_limit: opts.timeLimitSec,
      mip_rel_gap: opts.relGap,
      ...(opts.highsOptions ?? {}),
    });
    if (opts.warmStart !== undefined) model.setSolution({ colValue: opts.warmStart });

    const ct = runtime.constants.callbackType;
    const callbacks: HighsCallbacks = {};
    let callbackError: unknown;
    let stoppedByUs = false;
    let lastProgressMs = 0;
    const report = (p: SolveProgress): void => {
      if (onProgress === undefined || callbackError !== undefined) return;
      try {
        onProgress(p);
      } catch (e) {
        callbackError = e;
      }
    };
    const mipProgress = (event: HighsCallbackEvent, message: string): void => {
      const d = event.data;
      const p: SolveProgress = { elapsedSec: d.running_time ?? elapsed(), message };
      const inc = d.mip_primal_bound ?? d.objective_function_value;
      if (inc !== undefined && Number.isFinite(inc)) p.incumbent = inc;
      if (d.mip_dual_bound !== undefined && Number.isFinite(d.mip_dual_bound)) p.bound = d.mip_dual_bound;
      if (p.incumbent !== undefined && p.bound !== undefined) p.gap = relGapOf(p.incumbent, p.bound);
      report(p);
    };
    const shouldStop = (): boolean => signal?.aborted === true || callbackError !== undefined;
    if (onProgress !== undefined) {
      callbacks[ct.mipImprovingSolution] = (event) => {
        mipProgress(event, "improved incumbent");
        return undefined;
      };
    }
    if (onProgress !== undefined || signal !== undefined) {
      callbacks[ct.mipInterrupt] = (event) => {
        // Throttled progress: at most every 0.5 s of solver time.
        const ms = nowMs();
        if (onProgress !== undefined && ms - lastProgressMs >= 500) {
          lastProgressMs = ms;
          mipProgress(event, "branch and bound");
        }
        if (shouldStop()) {
          stoppedByUs = true;
          event.interrupt?.();
        }
        return undefined;
      };
      callbacks[ct.simplexInterrupt] = (event) => {
        if (shouldStop()) {
          stoppedByUs = true;
          event.interrupt?.();
        }
        return undefined;
      };
    }
    const hasCallbacks = Object.keys(callbacks).length > 0;
    let status = model.run(hasCallbacks ? callbacks : undefined).modelStatus;
    if (status === MS.unboundedOrInfeasible && !shouldStop()) {
      // Presolve cannot tell the two apart; the simplex on the original model can.
      model.clearSolver();
      model.options.set({ presolve: "off" });
      status = model.run(hasCallbacks ? callbacks : undefined).modelStatus;
    }
    if (callbackError !== undefined) throw callbackError;
    if (signal?.aborted || (stoppedByUs && status === MS.interrupted)) throw cancelledError(signal);

    const timeSec = elapsed();
    const stats: SolveResult["stats"] = { solver: "highs", timeSec };
    if (isMip) {
      const nodes = model.info.get("mip_node_count");
      stats.nodes = Number(nodes);
    }
    const hasPrimal = Number(model.info.get("primal_solution_status")) === 2;
    let mapped: SolveStatus;
    switch (status) {
      case MS.optimal:
        mapped = "optimal";
        break;
      case MS.infeasible:
        mapped = "infeasible";
        break;
      case MS.unbounded:
        mapped = "unbounded";
        break;
      case MS.timeLimit:
      case MS.iterationLimit:
      case MS.solutionLimit:
      case MS.objectiveBound:
      case MS.objectiveTarget:
      case MS.interrupted:
        mapped = "timeLimit";
        break;
      case MS.unboundedOrInfeasible:
        mapped = "error";
        break;
      case MS.empty:
        onProgress?.({ elapsedSec: timeSec, message: "done" });
        return emptyModelResult(m, timeSec);
      default:
        mapped = "error";
    }
    const statusName = MS_NAMES[status] ?? `status ${status}`;
    if (mapped === "error") stats.message = `HiGHS ended with model status "${statusName}"`;
    else if (mapped === "timeLimit") stats.message = `HiGHS stopped: ${statusName}${hasPrimal ? "" : " (no feasible solution found)"}`;

    const result: SolveResult = { status: mapped, x: new Float64Array(0), objective: Number.NaN, stats };
    if ((mapped === "optimal" || mapped === "timeLimit") && hasPrimal) {
      const sol = model.getSolution();
      result.x = clearNegativeZeros(sol.colValue);
      result.objective = model.getObjectiveValue();
      if (isMip) {
        const bound = Number(model.info.get("mip_dual_bound"));
        if (Number.isFinite(bound)) {
          result.dualBound = bound;
          result.gap = relGapOf(result.objective, bound);
        }
      } else if (mapped === "optimal") {
        result.dualBound = result.objective;
        result.gap = 0;
        if (opts.wantDuals !== false && Number(model.info.get("dual_solution_status")) === 2) {
          result.rowDuals = clearNegativeZeros(sol.rowDual);
          result.colDuals = clearNegativeZeros(sol.colDual);
        }
      }
    } else if (mapped === "optimal") {
      result.status = "error";
      stats.message = "HiGHS reported optimal but returned no primal solution";
    }
    const p: SolveProgress = { elapsedSec: timeSec, message: "done" };
    if (Number.isFinite(result.objective)) p.incumbent = result.objective;
    if (result.dualBound !== undefined) p.bound = result.dualBound;
    if (result.gap !== undefined) p.gap = result.gap;
    onProgress?.(p);
    return result;
  } finally {
    model.dispose();
  }
}

// A seeded GAP-like MIP (agents × jobs, capacities at 80% of average load, like OR-Library gap1):
// tight enough that presolve, cuts, heuristics and branch and bound all run, so V8 compiles them.
function warmUpModel(agents: number, jobs: number, seed: number): SparseModel {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const n = agents * jobs;
  const cost = new Float64Array(n);
  const use = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    cost[k] = int(15, 25);
    use[k] = int(5, 25);
  }
  const rows = jobs + agents;
  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(2 * n);
  const value = new Float64Array(2 * n);
  let nz = 0;
  for (let j = 0; j < jobs; j++) {
    for (let a = 0; a < agents; a++) {
      colIndex[nz] = a * jobs + j;
      value[nz++] = 1;
    }
    rowStart[j + 1] = nz;
  }
  const rowLower = new Float64Array(rows).fill(-Infinity);
  const rowUpper = new Float64Array(rows);
  for (let a = 0; a < agents; a++) {
    let load = 0;
    for (let j = 0; j < jobs; j++) {
      colIndex[nz] = a * jobs + j;
      value[nz++] = use[a * jobs + j]!;
      load += use[a * jobs + j]!;
    }
    rowStart[jobs + a + 1] = nz;
    rowUpper[jobs + a] = Math.floor((0.8 * load) / agents);
  }
  for (let j = 0; j < jobs; j++) {
    rowLower[j] = 1;
    rowUpper[j] = 1;
  }
  return {
    sense: "max",
    numCols: n,
    numRows: rows,
    cost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    integrality: new Uint8Array(n).fill(1),
    rowLower,
    rowUpper,
    rowStart,
    colIndex,
    value,
  };
}

/**
 * Creates the default LP/MILP backend, HiGHS compiled to wasm. The wasm is loaded on the first solve (or
 * on `warmUp()`), shared by every `highsSolver()` created without loader options.
 *
 * @param options - {@link HighsSolverOptions}: loader hooks (`locateFile`, `wasmBinary`, `wasmModule`),
 *   defaults for `timeLimitSec` (30) and `relGap` (1e-4), raw `highsOptions`.
 * @returns a {@link HighsSolver}. Its `solve(model, options)` resolves with a verified {@link SolveResult}:
 *   status first; `x`, objective (recomputed from `x`), `dualBound` and `gap` (MIP); `rowDuals`/`colDuals`
 *   (LP, unless `wantDuals: false`); `stats` (`timeSec`, `nodes`).
 * @throws {LotwiseError} `invalid_input` for bad options or a malformed model; `cancelled` when the
 *   signal aborts (before or during the solve); `solver_error` when the wasm cannot be loaded.
 * @example
 * ```ts
 * import { highsSolver } from "lotwise";
 * const solver = highsSolver();
 * // max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6
 * const r = await solver.solve({
 *   sense: "max", numCols: 2, numRows: 2,
 *   cost: new Float64Array([5, 4]), colLower: new Float64Array([0, 0]), colUpper: new Float64Array([Infinity, Infinity]),
 *   integrality: new Uint8Array([0, 0]),
 *   rowLower: new Float64Array([-Infinity, -Infinity]), rowUpper: new Float64Array([24, 6]),
 *   rowStart: new Int32Array([0, 2, 4]), colIndex: new Int32Array([0, 1, 0, 1]), value: new Float64Array([6, 4, 1, 2]),
 * });
 * r.status; // "optimal"
 * r.objective; // 21  (x = 3, y = 1.5)
 * r.rowDuals; // Float64Array [0.75, 0.5]
 * ```
 */
export function highsSolver(options: HighsSolverOptions = {}): HighsSolver {
  const o = parseInput(HighsSolverOptionsSchema, options, "options");
  const loaderOptions: Record<string, unknown> = {};
  if (o.locateFile !== undefined) loaderOptions.locateFile = o.locateFile;
  if (o.wasmBinary !== undefined) loaderOptions.wasmBinary = o.wasmBinary;
  if (o.wasmModule !== undefined) loaderOptions.wasmModule = o.wasmModule;
  const custom = Object.keys(loaderOptions).length > 0;
  let ownRuntime: Promise<HighsRuntime> | undefined;
  let loaded: HighsRuntime | undefined;
  const runtime = async (): Promise<HighsRuntime> => {
    if (!custom) {
      loaded = await loadRuntime(undefined);
      return loaded;
    }
    ownRuntime ??= loadRuntime(loaderOptions).catch((e: unknown) => {
      ownRuntime = undefined;
      throw e;
    });
    loaded = await ownRuntime;
    return loaded;
  };
  const defaults = { timeLimitSec: o.timeLimitSec ?? 30, relGap: o.relGap ?? 1e-4 };

  const solver: HighsSolver = {
    id: "highs",
    capabilities: { duals: true, dualBound: true, warmStart: true, interrupt: true },
    async solve(model: SparseModel, solveOptions: SolveOptions = {}): Promise<SolveResult> {
      checkSparseModel(model);
      const so = parseSolveOptions(solveOptions, model);
      throwIfAborted(so.signal);
      const rt = await runtime();
      throwIfAborted(so.signal);
      const run: Parameters<typeof solveWithHighs>[2] = {
        timeLimitSec: so.timeLimitSec ?? defaults.timeLimitSec,
        relGap: so.relGap ?? defaults.relGap,
      };
      if (so.signal !== undefined) run.signal = so.signal;
      if (so.onProgress !== undefined) run.onProgress = so.onProgress;
      if (so.warmStart !== undefined) run.warmStart = so.warmStart;
      if (so.wantDuals !== undefined) run.wantDuals = so.wantDuals;
      if (o.highsOptions !== undefined) run.highsOptions = o.highsOptions;
      let raw: SolveResult;
      try {
        raw = solveWithHighs(rt, model, run);
      } catch (e) {
        if (e instanceof LotwiseError) throw e;
        throw new LotwiseError("solver_error", `HiGHS failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      return applyVerification(model, raw);
    },
    async warmUp(): Promise<number> {
      const t0 = nowMs();
      const rt = await runtime();
      // LP and MIP solves of growing size: V8 tiers the wasm up on repeated calls. Solved to a loose
      // gap with a time cap, so warm-up stays ~1 s on a quiet machine whatever happens.
      const models = [warmUpModel(3, 8, 1), warmUpModel(5, 15, 2), warmUpModel(8, 24, 3)];
      for (const m of models) {
        if (nowMs() - t0 > 3000) break; // a busy machine: enough has been compiled by now
        solveWithHighs(rt, { ...m, integrality: new Uint8Array(m.numCols) }, { timeLimitSec: 2, relGap: 1e-2 });
        solveWithHighs(rt, m, { timeLimitSec: 2, relGap: 1e-2 });
      }
      return nowMs() - t0;
    },
    memoryBytes(): number | undefined {
      return loaded?.memoryBytes;
    },
  };
  return solver;
}

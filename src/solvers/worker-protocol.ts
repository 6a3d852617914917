// Messages between a solver client (main thread) and a solver worker (Web Worker or worker_threads).
// Everything here is structured-clone safe: plain objects, strings, numbers, typed arrays.
import type { LotwiseErrorCode } from "../errors.js";
import type { SolveProgress, SolveResult, SparseModel } from "./types.js";

/** Settings the worker needs to build its HiGHS solver (no functions: they cannot be posted). */
export interface WorkerSolverSettings {
  /** URL of `highs.wasm` inside the worker (browsers with bundlers); Node finds it by itself. */
  wasmUrl?: string;
  /** Default time limit in seconds (default 30). */
  timeLimitSec?: number;
  /** Default relative MIP gap (default 1e-4). */
  relGap?: number;
  /** Extra raw HiGHS options. */
  highsOptions?: Record<string, boolean | number | string>;
  /**
   * Terminate the worker after a solve that left its wasm memory above this many MB (default 512);
   * the next solve starts a fresh one. wasm memory never shrinks otherwise (SOLVERS.md §5).
   */
  recycleAboveMB?: number;
}

export type WorkerRequest =
  | { type: "init"; settings: WorkerSolverSettings }
  | { type: "warmUp"; id: number }
  | {
      type: "solve";
      id: number;
      model: SparseModel;
      options: { timeLimitSec?: number; relGap?: number; warmStart?: Float64Array; wantDuals?: boolean; progress: boolean };
    };

export type WorkerResponse =
  | { type: "progress"; id: number; progress: SolveProgress }
  | { type: "result"; id: number; result: SolveResult; memoryBytes?: number }
  | { type: "warmedUp"; id: number; ms: number }
  | { type: "error"; id: number; code: LotwiseErrorCode; message: string };

import type { AbortSignalLike } from "../domain/index.js";

/**
 * Solver-neutral sparse (MI)LP: minimise or maximise c·x subject to rowLower ≤ A·x ≤ rowUpper and
 * colLower ≤ x ≤ colUpper, with some columns integer. A is stored row-wise (CSR).
 * Every model builder in lotwise produces one; every {@link Solver} consumes one.
 */
export interface SparseModel {
  /** `"min"` or `"max"`. */
  sense: "min" | "max";
  /** Number of columns (variables). */
  numCols: number;
  /** Number of rows (constraints). */
  numRows: number;
  /** Objective coefficient per column (length numCols). */
  cost: Float64Array;
  /** Constant added to the objective. */
  offset?: number;
  /** Column bounds (use ±Infinity for free). */
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 where the column is integer (binaries are integer columns with bounds [0, 1]). */
  integrality: Uint8Array;
  /** Row bounds (use ±Infinity for one-sided rows). */
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSR: row r has entries `rowStart[r] .. rowStart[r+1]-1` in `colIndex`/`value`. Length numRows + 1. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  value: Float64Array;
  /** Optional names, for messages and debugging only (never required by a backend). */
  colNames?: string[];
  rowNames?: string[];
}

/** Outcome of a solve. `timeLimit` means time ran out: `x` then holds the best incumbent, if any. */
export type SolveStatus = "optimal" | "feasible" | "infeasible" | "unbounded" | "timeLimit" | "error";

/** Progress reported during a solve (at least at start and end; MIP backends also per improvement). */
export interface SolveProgress {
  /** Seconds since the solve began. */
  elapsedSec: number;
  /** Best objective found so far, when there is one. */
  incumbent?: number;
  /** Best proven bound so far, when there is one. */
  bound?: number;
  /** Relative gap |incumbent − bound| / max(1, |incumbent|), when both are known. */
  gap?: number;
  /** Free text (e.g. "presolve", "branch and bound"). */
  message?: string;
}

/** Options every backend understands. */
export interface SolveOptions {
  /** Wall-clock limit in seconds (default 30). */
  timeLimitSec?: number;
  /** Relative MIP gap at which to stop (default 1e-4). Use 0 to ask for proven optimality. */
  relGap?: number;
  /** Cancels the solve; the promise then rejects with `LotwiseError` code `cancelled`. */
  signal?: AbortSignalLike;
  /** Called with progress; must be cheap. */
  onProgress?: (p: SolveProgress) => void;
  /** A feasible starting point (length numCols) for backends that accept warm starts. */
  warmStart?: Float64Array;
  /** When the model is an LP (or after fixing integers), ask for row duals. Default true. */
  wantDuals?: boolean;
}

/** What a backend returns, before lotwise's verifier re-checks it. */
export interface SolveResult {
  status: SolveStatus;
  /** Primal values (length numCols), or empty when there is no solution. */
  x: Float64Array;
  /** Objective value of `x` including the offset (NaN without a solution). */
  objective: number;
  /** Best proven bound (MIP), or the objective for a proven-optimal LP. */
  dualBound?: number;
  /** Relative gap between objective and dualBound. */
  gap?: number;
  /**
   * Row duals (shadow prices), LPs only, when the backend provides them: the change of the optimal
   * objective per unit increase of the row's binding bound, for min and max alike (HiGHS convention).
   */
  rowDuals?: Float64Array;
  /** Column reduced costs, LPs only, when the backend provides them (same sign convention). */
  colDuals?: Float64Array;
  /** Backend name, wall time and free-form counters. */
  stats: { solver: string; timeSec: number; nodes?: number; message?: string };
  /**
   * lotwise's own re-check of `x` (bounds, rows, integrality, objective), present on every result that
   * went through {@link Solver}s built by lotwise or through `solveVerified`.
   */
  verification?: VerifyReport;
}

/** Tolerances used by `verifySolution`. */
export interface VerifyTolerances {
  /** Row and bound violation allowed, relative to max(1, |bound|). Default 1e-6. */
  feasibility?: number;
  /** Distance to the nearest integer allowed for integer columns. Default 1e-5. */
  integrality?: number;
}

/** Outcome of `verifySolution`: every check lotwise runs on a backend's answer. */
export interface VerifyReport {
  /** True when x has the right length, is finite, and every check passed. */
  ok: boolean;
  /** Largest row violation, scaled by max(1, |violated bound|). */
  maxRowViolation: number;
  /** Largest column bound violation, scaled by max(1, |violated bound|). */
  maxBoundViolation: number;
  /** Largest |x_j − round(x_j)| over integer columns. */
  maxIntegralityViolation: number;
  /** c·x + offset recomputed from x (NaN when x is unusable). */
  objective: number;
  /** Plain sentences naming the worst offenders (at most 10), empty when ok. */
  issues: string[];
}

/** A pluggable LP/MILP backend. `highsSolver()` is the default; `jsLpSolver()` is the pure-JS one. */
export interface Solver {
  readonly id: string;
  readonly capabilities: { duals: boolean; dualBound: boolean; warmStart: boolean; interrupt: boolean };
  solve(model: SparseModel, options?: SolveOptions): Promise<SolveResult>;
  /** Optional: pays load and JIT costs ahead of the first real solve; resolves with the milliseconds taken. */
  warmUp?(): Promise<number>;
}

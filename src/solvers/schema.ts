// Edge validation for solver inputs: SolveOptions, backend options, and the SparseModel's structure.
// (Kept beside the solvers; the lead may move the zod schemas to src/schema/solver.ts.)
import { z } from "zod";
import { invalid, parseInput } from "../errors.js";
import type { SolveOptions, SparseModel } from "./types.js";

const signalSchema = z.custom<NonNullable<SolveOptions["signal"]>>(
  (v) => typeof v === "object" && v !== null && typeof (v as { aborted?: unknown }).aborted === "boolean" && typeof (v as { addEventListener?: unknown }).addEventListener === "function",
  "expected an AbortSignal",
);

/** Options every backend understands ({@link SolveOptions}); defaults are applied by each backend. */
export const SolveOptionsSchema = z
  .object({
    timeLimitSec: z.number().positive("must be > 0 seconds").optional(),
    relGap: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").optional(),
    signal: signalSchema.optional(),
    onProgress: z.custom<NonNullable<SolveOptions["onProgress"]>>((v) => typeof v === "function", "expected a function").optional(),
    warmStart: z.instanceof(Float64Array, { error: "expected a Float64Array" }).optional(),
    wantDuals: z.boolean().optional(),
  })
  .strict();

/** Options of `highsSolver()`. */
export const HighsSolverOptionsSchema = z
  .object({
    locateFile: z.custom<(file: string) => string>((v) => typeof v === "function", "expected a function").optional(),
    wasmBinary: z
      .custom<ArrayBuffer | Uint8Array>((v) => v instanceof ArrayBuffer || v instanceof Uint8Array, "expected an ArrayBuffer or Uint8Array")
      .optional(),
    wasmModule: z.unknown().optional(),
    timeLimitSec: z.number().positive("must be > 0 seconds").optional(),
    relGap: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").optional(),
    highsOptions: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).optional(),
  })
  .strict();

/** HiGHS settings sent to a solver worker (`workerSolver`, `webWorkerSolver`). */
export const WorkerSolverSettingsSchema = z.object({
  wasmUrl: z.string().min(1).optional(),
  timeLimitSec: z.number().positive("must be > 0 seconds").optional(),
  relGap: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").optional(),
  highsOptions: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).optional(),
  recycleAboveMB: z.number().min(0, "must be ≥ 0").optional(),
});

/** Options of `jsLpSolver()`. */
export const JsLpSolverOptionsSchema = z
  .object({
    timeLimitSec: z.number().positive("must be > 0 seconds").optional(),
    relGap: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").optional(),
  })
  .strict();

/** Validates solve options once at a backend's edge. @internal */
export function parseSolveOptions(options: unknown, model: SparseModel): z.output<typeof SolveOptionsSchema> {
  const opts = parseInput(SolveOptionsSchema, options ?? {}, "options");
  if (opts.warmStart !== undefined && opts.warmStart.length !== model.numCols) {
    invalid(["options", "warmStart", "length"], opts.warmStart.length, `must equal model.numCols (${model.numCols})`);
  }
  return opts;
}

function checkArray(model: SparseModel, key: keyof SparseModel, ctor: Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor, length: number): void {
  const v = model[key];
  if (!(v instanceof ctor)) invalid(["model", key], v, `expected a ${ctor.name}`);
  if ((v as ArrayLike<number>).length !== length) invalid(["model", key, "length"], (v as ArrayLike<number>).length, `expected ${length}`);
}

/**
 * Checks the structure of a {@link SparseModel} in one O(nnz) pass: array types and lengths, finite costs
 * and coefficients, lower ≤ upper, CSR starts monotone with in-range column indices and no duplicate
 * column in a row. Throws `invalid_input` naming the first field at fault. @internal
 */
export function checkSparseModel(model: unknown): asserts model is SparseModel {
  if (typeof model !== "object" || model === null) invalid(["model"], model, "expected a SparseModel object");
  const m = model as SparseModel;
  if (m.sense !== "min" && m.sense !== "max") invalid(["model", "sense"], m.sense, `must be "min" or "max"`);
  for (const k of ["numCols", "numRows"] as const) {
    if (!Number.isInteger(m[k]) || m[k] < 0 || m[k] > 2 ** 31 - 2) invalid(["model", k], m[k], "must be a non-negative integer");
  }
  if (m.offset !== undefined && !Number.isFinite(m.offset)) invalid(["model", "offset"], m.offset, "must be finite");
  checkArray(m, "cost", Float64Array, m.numCols);
  checkArray(m, "colLower", Float64Array, m.numCols);
  checkArray(m, "colUpper", Float64Array, m.numCols);
  checkArray(m, "integrality", Uint8Array, m.numCols);
  checkArray(m, "rowLower", Float64Array, m.numRows);
  checkArray(m, "rowUpper", Float64Array, m.numRows);
  checkArray(m, "rowStart", Int32Array, m.numRows + 1);
  for (let j = 0; j < m.numCols; j++) {
    if (!Number.isFinite(m.cost[j]!)) invalid(["model", "cost", j], m.cost[j], "objective coefficients must be finite");
    const lo = m.colLower[j]!;
    const hi = m.colUpper[j]!;
    if (Number.isNaN(lo) || lo === Infinity) invalid(["model", "colLower", j], lo, "must be a number < +Infinity");
    if (Number.isNaN(hi) || hi === -Infinity) invalid(["model", "colUpper", j], hi, "must be a number > -Infinity");
    if (lo > hi) invalid(["model", "colLower", j], lo, `exceeds colUpper[${j}] = ${hi}`);
    const t = m.integrality[j]!;
    if (t !== 0 && t !== 1) invalid(["model", "integrality", j], t, "must be 0 (continuous) or 1 (integer)");
  }
  for (let i = 0; i < m.numRows; i++) {
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    if (Number.isNaN(lo) || lo === Infinity) invalid(["model", "rowLower", i], lo, "must be a number < +Infinity");
    if (Number.isNaN(hi) || hi === -Infinity) invalid(["model", "rowUpper", i], hi, "must be a number > -Infinity");
    if (lo > hi) invalid(["model", "rowLower", i], lo, `exceeds rowUpper[${i}] = ${hi}`);
  }
  if (m.rowStart[0] !== 0) invalid(["model", "rowStart", 0], m.rowStart[0], "must be 0");
  const nnz = m.rowStart[m.numRows]!;
  checkArray(m, "colIndex", Int32Array, nnz);
  checkArray(m, "value", Float64Array, nnz);
  const seenInRow = new Int32Array(m.numCols).fill(-1);
  for (let i = 0; i < m.numRows; i++) {
    const a = m.rowStart[i]!;
    const b = m.rowStart[i + 1]!;
    if (b < a) invalid(["model", "rowStart", i + 1], b, `must be ≥ rowStart[${i}] = ${a}`);
    for (let k = a; k < b; k++) {
      const j = m.colIndex[k]!;
      if (j < 0 || j >= m.numCols) invalid(["model", "colIndex", k], j, `must be a column index in [0, ${m.numCols - 1}]`);
      if (seenInRow[j] === i) invalid(["model", "colIndex", k], j, `column ${j} appears twice in row ${i}`);
      seenInRow[j] = i;
      if (!Number.isFinite(m.value[k]!)) invalid(["model", "value", k], m.value[k], "coefficients must be finite");
    }
  }
  if (m.colNames !== undefined && m.colNames.length !== m.numCols) invalid(["model", "colNames", "length"], m.colNames.length, `expected ${m.numCols}`);
  if (m.rowNames !== undefined && m.rowNames.length !== m.numRows) invalid(["model", "rowNames", "length"], m.rowNames.length, `expected ${m.numRows}`);
}

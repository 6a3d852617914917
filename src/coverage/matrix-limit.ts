// Size guard for dense travel matrices (origins × destinations × modes Float64 values).
import { LotwiseError } from "../errors.js";

/**
 * Most cells (origins × destinations × modes) a dense travel matrix may hold: 5·10⁷ Float64 values,
 * 400 MB. Larger requests throw `limit_exceeded` before anything is allocated, rather than exhausting
 * memory (or failing with a bare `RangeError`). Split the origins into batches below the limit.
 *
 * @example
 * ```ts
 * import { MAX_MATRIX_CELLS } from "lotwise";
 * const batch = Math.floor(MAX_MATRIX_CELLS / (921 * 4)); // 13,572 providers per 4-mode batch over 921 areas
 * ```
 */
export const MAX_MATRIX_CELLS = 50_000_000;

/** Throws `limit_exceeded` quoting the size when nO × nD × nModes > {@link MAX_MATRIX_CELLS}. @internal */
export function checkMatrixCells(nO: number, nD: number, nModes: number, path: readonly PropertyKey[]): void {
  const cells = nO * nD * nModes;
  if (cells <= MAX_MATRIX_CELLS) return;
  const message =
    `travel matrix too large: ${nO} origins × ${nD} destinations × ${nModes} mode${nModes === 1 ? "" : "s"} = ${cells} cells ` +
    `(${Math.round((cells * 8) / 1e6)} MB); the limit is ${MAX_MATRIX_CELLS} cells (${(MAX_MATRIX_CELLS * 8) / 1e6} MB). Split the origins into batches.`;
  throw new LotwiseError("limit_exceeded", `Limit exceeded at ${path.map(String).join(".")}: ${message}`, { issues: [{ path: [...path], message, input: cells }] });
}

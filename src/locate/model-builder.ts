/**
 * Grows a {@link SparseModel} column by column and row by row (CSR), the building block every location model
 * shares (the analogue of spopt's `FacilityModelBuilder`). @internal
 */
import type { SparseModel } from "../solvers/types.js";

export class ModelBuilder {
  private readonly cost: number[] = [];
  private readonly colLower: number[] = [];
  private readonly colUpper: number[] = [];
  private readonly integ: number[] = [];
  private readonly rowStart: number[] = [0];
  private readonly colIndex: number[] = [];
  private readonly value: number[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];

  get numCols(): number {
    return this.cost.length;
  }

  get numRows(): number {
    return this.rowLower.length;
  }

  /** Adds a column and returns its index. */
  addCol(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.integ.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  /** Adds `lower ≤ Σ values[k]·x[cols[k]] ≤ upper` (column indices must be distinct). */
  addRow(cols: readonly number[], values: readonly number[], lower: number, upper: number): void {
    for (let k = 0; k < cols.length; k++) {
      this.colIndex.push(cols[k]!);
      this.value.push(values[k]!);
    }
    this.rowStart.push(this.colIndex.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  build(sense: "min" | "max"): SparseModel {
    return {
      sense,
      numCols: this.cost.length,
      numRows: this.rowLower.length,
      cost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.colLower),
      colUpper: Float64Array.from(this.colUpper),
      integrality: Uint8Array.from(this.integ),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStart: Int32Array.from(this.rowStart),
      colIndex: Int32Array.from(this.colIndex),
      value: Float64Array.from(this.value),
    };
  }
}

/** Returns a copy of `model` with one more row `lower ≤ Σ coef·x ≤ upper` over all columns with non-zero `coef`. */
export function withExtraRow(model: SparseModel, coef: Float64Array, lower: number, upper: number): SparseModel {
  const cols: number[] = [];
  const vals: number[] = [];
  coef.forEach((c, j) => {
    if (c !== 0) {
      cols.push(j);
      vals.push(c);
    }
  });
  const nnz = model.colIndex.length;
  const colIndex = new Int32Array(nnz + cols.length);
  colIndex.set(model.colIndex);
  colIndex.set(cols, nnz);
  const value = new Float64Array(nnz + vals.length);
  value.set(model.value);
  value.set(vals, nnz);
  const rowStart = new Int32Array(model.numRows + 2);
  rowStart.set(model.rowStart);
  rowStart[model.numRows + 1] = nnz + cols.length;
  const rowLower = new Float64Array(model.numRows + 1);
  rowLower.set(model.rowLower);
  rowLower[model.numRows] = lower;
  const rowUpper = new Float64Array(model.numRows + 1);
  rowUpper.set(model.rowUpper);
  rowUpper[model.numRows] = upper;
  return { ...model, numRows: model.numRows + 1, rowStart, colIndex, value, rowLower, rowUpper };
}

// Small hand-made models shared by the solver tests (optimum derived by hand in each comment).
import type { SparseModel } from "../../src/solvers/types.js";

/** Builds a SparseModel from dense rows (tests only). */
export function denseModel(spec: {
  sense: "min" | "max";
  cost: number[];
  rows: number[][];
  rowLower: number[];
  rowUpper: number[];
  colLower?: number[];
  colUpper?: number[];
  integer?: boolean[];
  offset?: number;
}): SparseModel {
  const n = spec.cost.length;
  const rowStart = [0];
  const colIndex: number[] = [];
  const value: number[] = [];
  for (const r of spec.rows) {
    r.forEach((v, j) => {
      if (v !== 0) {
        colIndex.push(j);
        value.push(v);
      }
    });
    rowStart.push(colIndex.length);
  }
  const m: SparseModel = {
    sense: spec.sense,
    numCols: n,
    numRows: spec.rows.length,
    cost: Float64Array.from(spec.cost),
    colLower: Float64Array.from(spec.colLower ?? new Array<number>(n).fill(0)),
    colUpper: Float64Array.from(spec.colUpper ?? new Array<number>(n).fill(Infinity)),
    integrality: Uint8Array.from((spec.integer ?? new Array<boolean>(n).fill(false)).map((b) => (b ? 1 : 0))),
    rowLower: Float64Array.from(spec.rowLower),
    rowUpper: Float64Array.from(spec.rowUpper),
    rowStart: Int32Array.from(rowStart),
    colIndex: Int32Array.from(colIndex),
    value: Float64Array.from(value),
  };
  if (spec.offset !== undefined) m.offset = spec.offset;
  return m;
}

/** max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6. Vertex (3, 1.5), objective 21; duals from Bᵀu = c: u = (0.75, 0.5). */
export const maxLp = (): SparseModel =>
  denseModel({ sense: "max", cost: [5, 4], rows: [[6, 4], [1, 2]], rowLower: [-Infinity, -Infinity], rowUpper: [24, 6] });

/** min 2x + 3y s.t. x + y ≥ 4, x + 3y ≥ 6. Vertex (3, 1), objective 9; duals u + v = 2, u + 3v = 3 → (1.5, 0.5). */
export const minLp = (): SparseModel =>
  denseModel({ sense: "min", cost: [2, 3], rows: [[1, 1], [1, 3]], rowLower: [4, 6], rowUpper: [Infinity, Infinity] });

/** Binary knapsack: max 8a + 11b + 6c + 4d s.t. 5a + 7b + 4c + 3d ≤ 14. */
export const KNAPSACK = { values: [8, 11, 6, 4], weights: [5, 7, 4, 3], capacity: 14 };
export const knapsack = (): SparseModel =>
  denseModel({
    sense: "max",
    cost: KNAPSACK.values,
    rows: [KNAPSACK.weights],
    rowLower: [-Infinity],
    rowUpper: [KNAPSACK.capacity],
    colUpper: [1, 1, 1, 1],
    integer: [true, true, true, true],
  });

/** Brute force over all 0/1 vectors: the knapsack optimum, independent of any solver. */
export function knapsackBruteForce(): { value: number; pick: number[] } {
  const { values, weights, capacity } = KNAPSACK;
  let best = { value: -Infinity, pick: [] as number[] };
  for (let mask = 0; mask < 1 << values.length; mask++) {
    const pick = values.map((_, i) => (mask >> i) & 1);
    const w = pick.reduce((s, p, i) => s + p * weights[i]!, 0);
    const v = pick.reduce((s, p, i) => s + p * values[i]!, 0);
    if (w <= capacity && v > best.value) best = { value: v, pick };
  }
  return best;
}

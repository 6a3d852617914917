import { describe, expect, it } from "vitest";
import { BINARY, SparseModelBuilder, fixColumns, relaxIntegrality, withExtraRow } from "../../src/solvers/model-builder.js";
import { checkSparseModel } from "../../src/solvers/schema.js";
import { highsSolver } from "../../src/solvers/highs.js";
import type { SparseModel } from "../../src/solvers/types.js";

/** Row i as { column: coefficient } plus its bounds, read back from the CSR arrays. */
function rowOf(m: SparseModel, i: number): { terms: Record<number, number>; lower: number; upper: number } {
  const terms: Record<number, number> = {};
  for (let k = m.rowStart[i]!; k < m.rowStart[i + 1]!; k++) terms[m.colIndex[k]!] = m.value[k]!;
  return { terms, lower: m.rowLower[i]!, upper: m.rowUpper[i]! };
}

describe("SparseModelBuilder", () => {
  it("addColumns(n, spec) numbers columns in order, applies the defaults and leaves -1 where spec returns null", () => {
    const b = new SparseModelBuilder();
    const x = b.addColumns(4, (k) => (k % 2 === 0 ? { cost: k + 1, upper: 10 } : null));
    const y = b.addColumns(2, () => BINARY);
    expect([...x]).toEqual([0, -1, 1, -1]);
    expect([...y]).toEqual([2, 3]);
    const m = b.build("min");
    expect(m.numCols).toBe(4);
    expect([...m.cost]).toEqual([1, 3, 0, 0]);
    expect([...m.colLower]).toEqual([0, 0, 0, 0]);
    expect([...m.colUpper]).toEqual([10, 10, 1, 1]);
    expect([...m.integrality]).toEqual([0, 0, 1, 1]);
    expect(m.offset).toBeUndefined();
  });

  it("row terms skip absent columns (index < 0) and zero coefficients, and keep the order they were added in", () => {
    const b = new SparseModelBuilder();
    const cols = b.addColumns(3, () => ({}));
    const r = b.row().add(cols[2]!, 2).add(-1, 5).add(cols[0]!, 0).addAll([cols[1]!, -1], 3).between(1, 4);
    expect(r).toBe(0);
    const m = b.build("max");
    expect([...m.rowStart]).toEqual([0, 2]);
    expect([...m.colIndex]).toEqual([2, 1]);
    expect([...m.value]).toEqual([2, 3]);
    expect(rowOf(m, 0)).toEqual({ terms: { 2: 2, 1: 3 }, lower: 1, upper: 4 });
  });

  it("the named rows write the pattern they name", () => {
    const b = new SparseModelBuilder();
    const [x, y, z, s] = b.addColumns(4, () => ({ upper: 1 }));
    b.addLinkRow(x!, y!, 7); // x − 7y ≤ 0
    b.addLinkIfNotRow(x!, y!, 7); // x + 7y ≤ 7
    b.addMinimumIfRow(x!, y!, 3); // x − 3y ≥ 0
    b.addAtMostOneRow([y!, z!]); // y + z ≤ 1
    b.addAssignmentRow([x!, z!]); // x + z = 1
    b.addAssignmentRow([x!, z!], 40, s!); // x + z + s = 40
    b.addCountRow([x!, y!, z!], 2); // = 2
    b.addCountRow([x!, y!], 1, s!); // x + y + s = 1
    b.addCoveringRow([x!, y!]); // ≥ 1
    b.addCoveringRow([x!, y!], 12, s!); // x + y + 12s ≥ 12
    b.addMaximalCoveringRow(z!, [x!, y!], 2); // 2z − x − y ≤ 0
    b.addCapacityRow([x!, z!], [4, 5], 9); // 4x + 5z ≤ 9
    b.addCapacityRow([x!, z!], 2, 9, y!); // 2x + 2z − 9y ≤ 0
    const m = b.build("min");
    const rows = Array.from({ length: m.numRows }, (_, i) => rowOf(m, i));
    expect(rows).toEqual([
      { terms: { 0: 1, 1: -7 }, lower: -Infinity, upper: 0 },
      { terms: { 0: 1, 1: 7 }, lower: -Infinity, upper: 7 },
      { terms: { 0: 1, 1: -3 }, lower: 0, upper: Infinity },
      { terms: { 1: 1, 2: 1 }, lower: -Infinity, upper: 1 },
      { terms: { 0: 1, 2: 1 }, lower: 1, upper: 1 },
      { terms: { 0: 1, 2: 1, 3: 1 }, lower: 40, upper: 40 },
      { terms: { 0: 1, 1: 1, 2: 1 }, lower: 2, upper: 2 },
      { terms: { 0: 1, 1: 1, 3: 1 }, lower: 1, upper: 1 },
      { terms: { 0: 1, 1: 1 }, lower: 1, upper: Infinity },
      { terms: { 0: 1, 1: 1, 3: 12 }, lower: 12, upper: Infinity },
      { terms: { 2: 2, 0: -1, 1: -1 }, lower: -Infinity, upper: 0 },
      { terms: { 0: 4, 2: 5 }, lower: -Infinity, upper: 9 },
      { terms: { 0: 2, 2: 2, 1: -9 }, lower: -Infinity, upper: 0 },
    ]);
    expect(() => checkSparseModel(m)).not.toThrow();
  });

  it("addRange(cols, from, to) adds one slice of a family; fixColumn pins both bounds", () => {
    const b = new SparseModelBuilder();
    const fam = b.addColumns(5, () => ({ upper: 3 }));
    b.row().addRange(fam, 1, 4, -2).atLeast(-5);
    b.fixColumn(fam[0]!, 2);
    const m = b.build("min", 7);
    expect(rowOf(m, 0)).toEqual({ terms: { 1: -2, 2: -2, 3: -2 }, lower: -5, upper: Infinity });
    expect(m.colLower[0]).toBe(2);
    expect(m.colUpper[0]).toBe(2);
    expect(m.offset).toBe(7);
  });

  it("build() returns exact-length copies, so building again after more rows does not change the first model", () => {
    const b = new SparseModelBuilder();
    for (let k = 0; k < 100; k++) b.addColumn(k, 0, 1); // past the initial capacity of 64
    for (let k = 0; k < 99; k++) b.row().add(k).add(k + 1, -1).atMost(0);
    const first = b.build("min");
    b.row().add(0).equals(1);
    const second = b.build("min");
    expect(first.numRows).toBe(99);
    expect(first.rowLower.length).toBe(99);
    expect(first.colIndex.length).toBe(198);
    expect(first.cost[99]).toBe(99);
    expect(second.numRows).toBe(100);
    expect(second.rowStart[100]).toBe(199);
  });

  it("with { names: true } the model carries the given names and r<i>/c<j> for the others", () => {
    const b = new SparseModelBuilder({ names: true });
    b.addColumn(1, 0, 1, false, "x");
    b.addBinary(0);
    b.addAtMostOneRow([0, 1], "one");
    b.addCoveringRow([0]);
    const m = b.build("min");
    expect(m.colNames).toEqual(["x", "c1"]);
    expect(m.rowNames).toEqual(["one", "r1"]);
    expect(new SparseModelBuilder().build("min").colNames).toBeUndefined();
  });

  it("withExtraRow, relaxIntegrality and fixColumns return modified copies and leave the model alone", () => {
    const b = new SparseModelBuilder();
    const [x, y] = [b.addColumn(2, 0, 10), b.addBinary(5)];
    b.addLinkRow(x, y, 10);
    const m = b.build("min");
    const extra = withExtraRow(m, new Float64Array([1, 0]), 3, Infinity);
    expect(extra.numRows).toBe(2);
    expect(rowOf(extra, 1)).toEqual({ terms: { 0: 1 }, lower: 3, upper: Infinity });
    expect(m.numRows).toBe(1);
    expect([...relaxIntegrality(m).integrality]).toEqual([0, 0]);
    expect([...m.integrality]).toEqual([0, 1]);
    const fixed = fixColumns(m, [y, -1], new Float64Array([4, 0.9999]));
    expect([fixed.colLower[1], fixed.colUpper[1]]).toEqual([1, 1]);
    expect([fixed.colLower[0], fixed.colUpper[0]]).toEqual([0, 10]);
    expect([...fixed.integrality]).toEqual([0, 0]);
  });

  it("the p-median of the module example (2 points × 2 sites, p = 1) solves to 3: open site 0, point 1 travels 3", async () => {
    const b = new SparseModelBuilder();
    const y = b.addColumns(2, () => BINARY);
    const d = [[0, 4], [3, 0]];
    for (let i = 0; i < 2; i++) {
      const x = b.addColumns(2, (j) => ({ cost: d[i]![j]!, upper: 1 }));
      b.addAssignmentRow(x);
      for (let j = 0; j < 2; j++) b.addLinkRow(x[j]!, y[j]!, 1);
    }
    b.addCountRow(y, 1);
    const model = b.build("min");
    expect([model.numCols, model.numRows]).toEqual([6, 7]);
    const r = await highsSolver().solve(model);
    expect(r.status).toBe("optimal");
    expect(r.objective).toBe(3);
    expect([r.x[y[0]!], r.x[y[1]!]]).toEqual([1, 0]);
  });
});

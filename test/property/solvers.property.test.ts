import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highsSolver, isLotwiseError, jsLpSolver, verifySolution } from "../../src/index.js";
import type { SparseModel } from "../../src/index.js";

// Property tests for the solver backends: on random small feasible, bounded LPs and MILPs both backends
// answer `optimal`, their points pass verifySolution and their objectives agree; verifySolution never
// throws, whatever point it is given; malformed models give LotwiseError only. Each case is two solves.
export const NUM_RUNS = 40;
export const NUM_RUNS_INVALID = 200;

const highs = highsSolver();
const jslp = jsLpSolver();

/**
 * max/min c·x s.t. A x ≤ b (b ≥ 0, A ≥ 0 so x = 0 is feasible), optionally some rows A x ≥ 1 when a
 * column reaches it, 0 ≤ x ≤ u (finite: bounded). Dense A with zeros dropped, in CSR.
 */
const modelArb = fc
  .record({
    nC: fc.integer({ min: 1, max: 5 }),
    nR: fc.integer({ min: 1, max: 4 }),
    sense: fc.constantFrom<"min" | "max">("min", "max"),
    a: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })), { minLength: 20, maxLength: 20 }),
    b: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }),
    c: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 5, maxLength: 5 }),
    u: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
    int: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ nC, nR, sense, a, b, c, u, int }): SparseModel => {
    const rowStart = [0];
    const colIndex: number[] = [];
    const value: number[] = [];
    for (let r = 0; r < nR; r++) {
      for (let j = 0; j < nC; j++) {
        const v = a[r * 5 + j]!;
        if (v !== 0) {
          colIndex.push(j);
          value.push(v);
        }
      }
      rowStart.push(colIndex.length);
    }
    return {
      sense,
      numCols: nC,
      numRows: nR,
      cost: Float64Array.from(c.slice(0, nC)),
      colLower: new Float64Array(nC),
      colUpper: Float64Array.from(u.slice(0, nC)),
      integrality: Uint8Array.from(int.slice(0, nC).map((x) => (x ? 1 : 0))),
      rowLower: new Float64Array(nR).fill(-Infinity),
      rowUpper: Float64Array.from(b.slice(0, nR)),
      rowStart: Int32Array.from(rowStart),
      colIndex: Int32Array.from(colIndex),
      value: Float64Array.from(value),
    };
  });

/** Brute force over the integer grid when every column is integer (bounds ≤ 6, ≤ 5 columns: ≤ 16,807 points). */
function bruteForce(m: SparseModel): number | null {
  if (!m.integrality.every((x) => x === 1)) return null;
  let best = m.sense === "min" ? Infinity : -Infinity;
  const x = new Array<number>(m.numCols).fill(0);
  const rec = (j: number) => {
    if (j === m.numCols) {
      for (let r = 0; r < m.numRows; r++) {
        let s = 0;
        for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) s += m.value[k]! * x[m.colIndex[k]!]!;
        if (s > m.rowUpper[r]!) return;
      }
      const obj = x.reduce((s, v, i) => s + v * m.cost[i]!, 0);
      best = m.sense === "min" ? Math.min(best, obj) : Math.max(best, obj);
      return;
    }
    for (let v = 0; v <= m.colUpper[j]!; v++) {
      x[j] = v;
      rec(j + 1);
    }
    x[j] = 0;
  };
  rec(0);
  return best;
}

describe("solver properties", () => {
  it("highsSolver and jsLpSolver answer random small MILPs optimally, pass verifySolution, agree, and match brute force when all-integer", async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, async (m) => {
        const h = await highs.solve(m, { relGap: 0 });
        const j = await jslp.solve(m, { relGap: 0 });
        expect(h.status).toBe("optimal");
        expect(j.status).toBe("optimal");
        expect(verifySolution(m, h).ok).toBe(true);
        expect(verifySolution(m, j).ok).toBe(true);
        expect(h.objective).toBeCloseTo(j.objective, 6);
        const bf = bruteForce(m);
        if (bf !== null) expect(h.objective).toBeCloseTo(bf, 6);
      }),
      { numRuns: NUM_RUNS, seed: 71 },
    );
  });

  it("verifySolution(model, any point) never throws, and is ok only for a finite point of the right length within bounds and rows", () => {
    fc.assert(
      fc.property(modelArb, fc.oneof(fc.array(fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double(), fc.constantFrom(Number.NaN, Infinity)), { maxLength: 6 }), fc.constant(null)), (m, xs) => {
        const x = xs === null ? ({} as { x?: Float64Array }) : Float64Array.from(xs);
        const rep = verifySolution(m, x as Float64Array);
        if (!(x instanceof Float64Array) || x.length !== m.numCols || !x.every(Number.isFinite)) {
          expect(rep.ok).toBe(false);
          return;
        }
        let ok = true;
        for (let i = 0; i < m.numCols; i++) {
          if (x[i]! < -1e-6 || x[i]! > m.colUpper[i]! + 1e-6 * Math.max(1, m.colUpper[i]!)) ok = false;
          if (m.integrality[i] === 1 && Math.abs(x[i]! - Math.round(x[i]!)) > 1e-5) ok = false;
        }
        for (let r = 0; r < m.numRows; r++) {
          let s = 0;
          for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) s += m.value[k]! * x[m.colIndex[k]!]!;
          if (s > m.rowUpper[r]! + 1e-6 * Math.max(1, m.rowUpper[r]!)) ok = false;
        }
        expect(rep.ok).toBe(ok);
        if (ok) expect(rep.objective).toBeCloseTo(x.reduce((s, v, i) => s + v * m.cost[i]!, 0), 6);
      }),
      { numRuns: NUM_RUNS_INVALID, seed: 72 },
    );
  });

  it("highsSolver / jsLpSolver .solve(malformed model) reject with LotwiseError only", async () => {
    const corrupt = fc.constantFrom("numCols", "rowStart", "colIndex", "nanCost", "lowerAboveUpper", "sense", "notTyped", "junk");
    await fc.assert(
      fc.asyncProperty(modelArb, corrupt, fc.anything(), async (good, what, junk) => {
        const m: Record<string, unknown> = { ...good };
        if (what === "numCols") m.numCols = good.numCols + 1;
        if (what === "rowStart") m.rowStart = Int32Array.from([0, ...Array.from({ length: good.numRows }, () => 99)]);
        if (what === "colIndex") m.colIndex = Int32Array.from(Array.from(good.colIndex, () => 42));
        if (what === "nanCost") m.cost = Float64Array.from(good.cost, (_, i) => (i === 0 ? Number.NaN : good.cost[i]!));
        if (what === "lowerAboveUpper") m.colLower = Float64Array.from(good.colUpper, (u) => u + 1);
        if (what === "sense") m.sense = "maximise";
        if (what === "notTyped") m.cost = Array.from(good.cost);
        if (what === "junk") m[["cost", "rowLower", "value", "integrality"][good.numCols % 4]!] = junk;
        for (const s of [highs, jslp]) {
          try {
            const r = await s.solve(m as never, { timeLimitSec: 5 });
            // Only a model with an empty column range (lower > upper) may come back, and then as a status.
            expect(what === "lowerAboveUpper" || (what === "colIndex" && good.colIndex.length === 0) || (what === "rowStart" && good.numRows === 0)).toBe(true);
            if (what === "lowerAboveUpper") expect(["infeasible", "error"]).toContain(r.status);
          } catch (e) {
            if (!isLotwiseError(e)) throw e;
            expect(e.message.length).toBeGreaterThan(10);
          }
        }
      }),
      { numRuns: NUM_RUNS_INVALID, seed: 73 },
    );
  });
});

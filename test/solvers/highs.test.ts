import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import type { SolveProgress } from "../../src/solvers/types.js";
import { isLotwiseError } from "../../src/errors.js";
import { gapDataAvailable, gapToSparseModel, readGap } from "../helpers/orlib-gap.js";
import { denseModel, knapsack, knapsackBruteForce, maxLp, minLp } from "./models.js";

const solver = highsSolver();

describe("highsSolver()", () => {
  it("highsSolver().solve(lp) finds the hand-computed LP optimum (3, 1.5) = 21 with row duals (0.75, 0.5) for a max problem", async () => {
    const r = await solver.solve(maxLp());
    expect(r.status).toBe("optimal");
    expect(r.x[0]).toBeCloseTo(3, 9);
    expect(r.x[1]).toBeCloseTo(1.5, 9);
    expect(r.objective).toBeCloseTo(21, 9);
    expect(r.dualBound).toBeCloseTo(21, 9);
    expect(r.gap).toBe(0);
    expect(r.rowDuals?.[0]).toBeCloseTo(0.75, 9);
    expect(r.rowDuals?.[1]).toBeCloseTo(0.5, 9);
    // Both columns are basic, so their reduced costs are 0.
    expect(r.colDuals?.[0]).toBeCloseTo(0, 9);
    expect(r.colDuals?.[1]).toBeCloseTo(0, 9);
    expect(r.verification?.ok).toBe(true);
  });

  it("highsSolver().solve(lp) gives row duals as d(objective)/d(bound) for a min problem: (1.5, 0.5) at (3, 1) = 9", async () => {
    const r = await solver.solve(minLp());
    expect(r.status).toBe("optimal");
    expect(r.x[0]).toBeCloseTo(3, 9);
    expect(r.x[1]).toBeCloseTo(1, 9);
    expect(r.objective).toBeCloseTo(9, 9);
    expect(r.rowDuals?.[0]).toBeCloseTo(1.5, 9);
    expect(r.rowDuals?.[1]).toBeCloseTo(0.5, 9);
    // Definition check: raising row 0's bound by 1 raises the optimum by its dual.
    const bumped = minLp();
    bumped.rowLower[0] = 5;
    const r2 = await solver.solve(bumped);
    expect(r2.status).toBe("optimal");
    expect(r2.objective - r.objective).toBeCloseTo(1.5, 9);
  });

  it("highsSolver().solve(lp, { wantDuals: false }) omits duals", async () => {
    const r = await solver.solve(maxLp(), { wantDuals: false });
    expect(r.status).toBe("optimal");
    expect(r.rowDuals).toBeUndefined();
    expect(r.colDuals).toBeUndefined();
  });

  it("highsSolver().solve(knapsack) returns the brute-force 0/1 optimum, not the LP relaxation's 22", async () => {
    const best = knapsackBruteForce();
    const r = await solver.solve(knapsack(), { relGap: 0 });
    expect(r.status).toBe("optimal");
    expect(r.objective).toBeCloseTo(best.value, 9);
    expect(Array.from(r.x, Math.round)).toEqual(best.pick);
    expect(r.dualBound).toBeCloseTo(best.value, 6);
    expect(r.gap).toBeCloseTo(0, 9);
    expect(r.rowDuals).toBeUndefined();
    expect(typeof r.stats.nodes).toBe("number");
  });

  it("highsSolver().solve adds the model offset to the objective", async () => {
    const m = maxLp();
    m.offset = 100;
    const r = await solver.solve(m);
    expect(r.status).toBe("optimal");
    expect(r.objective).toBeCloseTo(121, 9);
  });

  it("highsSolver().solve reports infeasible for x + y ≤ 1 and x + y ≥ 2, with no x", async () => {
    const m = denseModel({ sense: "min", cost: [1, 1], rows: [[1, 1], [1, 1]], rowLower: [-Infinity, 2], rowUpper: [1, Infinity] });
    const r = await solver.solve(m);
    expect(r.status).toBe("infeasible");
    expect(r.x.length).toBe(0);
    expect(Number.isNaN(r.objective)).toBe(true);
  });

  it("highsSolver().solve reports infeasible for 2x = 1 with x integer (the LP relaxation is feasible)", async () => {
    const m = denseModel({ sense: "min", cost: [1], rows: [[2]], rowLower: [1], rowUpper: [1], colUpper: [10], integer: [true] });
    const r = await solver.solve(m);
    expect(r.status).toBe("infeasible");
  });

  it("highsSolver().solve reports unbounded for max x s.t. x − y ≤ 1", async () => {
    const m = denseModel({ sense: "max", cost: [1, 0], rows: [[1, -1]], rowLower: [-Infinity], rowUpper: [1] });
    const r = await solver.solve(m);
    expect(r.status).toBe("unbounded");
    expect(r.x.length).toBe(0);
  });

  it("highsSolver().solve handles a model with no columns: optimal when every row admits 0, infeasible otherwise", async () => {
    const ok = denseModel({ sense: "min", cost: [], rows: [[]], rowLower: [-1], rowUpper: [1], offset: 4 });
    const r = await solver.solve(ok);
    expect(r.status).toBe("optimal");
    expect(r.objective).toBe(4);
    const bad = denseModel({ sense: "min", cost: [], rows: [[]], rowLower: [1], rowUpper: [2] });
    expect((await solver.solve(bad)).status).toBe("infeasible");
  });

  it("highsSolver().solve accepts a warm start and still proves the optimum", async () => {
    const best = knapsackBruteForce();
    const r = await solver.solve(knapsack(), { warmStart: Float64Array.from([1, 1, 0, 0]), relGap: 0 });
    expect(r.status).toBe("optimal");
    expect(r.objective).toBeCloseTo(best.value, 9);
  });

  it("highsSolver().solve reports start and done progress", async () => {
    const seen: SolveProgress[] = [];
    const r = await solver.solve(knapsack(), { onProgress: (p) => seen.push(p) });
    expect(r.status).toBe("optimal");
    expect(seen[0]?.message).toBe("start");
    expect(seen.at(-1)?.message).toBe("done");
    expect(seen.at(-1)?.incumbent).toBeCloseTo(r.objective, 9);
  });

  it.runIf(gapDataAvailable())("highsSolver().solve(d10100, { timeLimitSec: 3 }) stops at the limit with a verified incumbent and an honest gap", async () => {
    const m = gapToSparseModel(readGap("d10100.txt"), "min");
    const r = await solver.solve(m, { timeLimitSec: 3 });
    expect(r.status).toBe("timeLimit");
    expect(r.x.length).toBe(m.numCols);
    expect(r.verification?.ok).toBe(true);
    // The optimum of d10100 is in [6345, 6348] (source bracket): no incumbent beats 6345, no bound exceeds 6348.
    expect(r.objective).toBeGreaterThanOrEqual(6345 - 1e-6);
    expect(r.dualBound).toBeLessThanOrEqual(6348 + 1e-6);
    expect(r.gap).toBeGreaterThan(1e-4);
    expect(r.stats.timeSec).toBeLessThan(6);
  });

  it("highsSolver().solve rejects with LotwiseError 'cancelled' when the signal is already aborted", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(solver.solve(knapsack(), { signal: ac.signal })).rejects.toMatchObject({ name: "LotwiseError", code: "cancelled" });
  });

  it.runIf(gapDataAvailable())("highsSolver().solve stops a running MIP when the signal aborts from inside a progress callback", async () => {
    const m = gapToSparseModel(readGap("d20200.txt"), "min");
    const ac = new AbortController();
    const t0 = performance.now();
    const err = await solver
      .solve(m, {
        timeLimitSec: 20,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.message === "branch and bound") ac.abort(new Error("user pressed stop"));
        },
      })
      .catch((e: unknown) => e);
    expect(isLotwiseError(err)).toBe(true);
    expect((err as { code: string }).code).toBe("cancelled");
    expect((err as Error).message).toContain("user pressed stop");
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("highsSolver() and solve() reject bad input naming the field and value", async () => {
    expect(() => highsSolver({ timeLimitSec: -5 })).toThrow(/options\.timeLimitSec.*-5/);
    await expect(solver.solve(maxLp(), { relGap: -1 })).rejects.toThrow(/options\.relGap.*-1/);
    await expect(solver.solve(maxLp(), { warmStart: new Float64Array(3) })).rejects.toThrow(/options\.warmStart\.length.*3/);
    const bad = maxLp();
    bad.colIndex[1] = 7;
    await expect(solver.solve(bad)).rejects.toThrow(/model\.colIndex\[1\]: 7/);
    const dup = maxLp();
    dup.colIndex[1] = 0;
    await expect(solver.solve(dup)).rejects.toThrow(/appears twice in row 0/);
    const inverted = maxLp();
    inverted.colLower[0] = 5;
    inverted.colUpper[0] = 1;
    await expect(solver.solve(inverted)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("highsSolver().warmUp() loads the runtime and reports the time it took", async () => {
    const ms = await highsSolver().warmUp();
    expect(ms).toBeGreaterThan(0);
    const r = await solver.solve(maxLp());
    expect(r.status).toBe("optimal");
  });
});

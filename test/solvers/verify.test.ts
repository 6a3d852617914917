import { describe, expect, it } from "vitest";
import type { SolveResult, Solver } from "../../src/solvers/types.js";
import { solveVerified, verifySolution } from "../../src/solvers/verify.js";
import { knapsack, maxLp } from "./models.js";

/** A backend that returns whatever it is told to: lets us fabricate wrong answers. */
function fakeSolver(answer: Partial<SolveResult> & Pick<SolveResult, "status" | "x">): Solver {
  return {
    id: "fake",
    capabilities: { duals: false, dualBound: false, warmStart: false, interrupt: false },
    solve: async () => ({ objective: 999, stats: { solver: "fake", timeSec: 0 }, ...answer }),
  };
}

describe("verifySolution()", () => {
  it("verifySolution(model, x) accepts the true LP optimum and recomputes c·x + offset", () => {
    const m = maxLp();
    m.offset = 2;
    const rep = verifySolution(m, Float64Array.from([3, 1.5]));
    expect(rep.ok).toBe(true);
    expect(rep.objective).toBeCloseTo(5 * 3 + 4 * 1.5 + 2, 12);
    expect(rep.issues).toEqual([]);
  });

  it("verifySolution(model, x) measures a violated row relative to max(1, |bound|)", () => {
    // 6·4 + 4·1.5 = 30 > 24 (6/24 relative) and 4 + 2·1.5 = 7 > 6 (1/6 relative): the worst is row 0.
    const rep = verifySolution(maxLp(), Float64Array.from([4, 1.5]));
    expect(rep.ok).toBe(false);
    expect(rep.maxRowViolation).toBeCloseTo((6 * 4 + 4 * 1.5 - 24) / 24, 12);
    expect(rep.issues.join("\n")).toMatch(/row 0: activity 30 is outside \[-Infinity, 24\]/);
    expect(rep.issues.join("\n")).toMatch(/row 1: activity 7 is outside/);
  });

  it("verifySolution(model, x) flags a fractional integer column and a bound violation", () => {
    const rep = verifySolution(knapsack(), Float64Array.from([1, 0.5, 0, 1.25]));
    expect(rep.ok).toBe(false);
    expect(rep.maxIntegralityViolation).toBeCloseTo(0.5, 12);
    expect(rep.maxBoundViolation).toBeCloseTo(0.25, 12);
    expect(rep.issues.some((s) => s.includes("column 1 = 0.5 should be integer"))).toBe(true);
  });

  it("verifySolution(model, x) tolerates 1e-7 noise but not 1e-4 (default tolerances)", () => {
    expect(verifySolution(knapsack(), Float64Array.from([1e-7, 1 - 1e-7, 1, 1])).ok).toBe(true);
    expect(verifySolution(knapsack(), Float64Array.from([1e-4, 1, 1, 1])).ok).toBe(false);
  });

  it("verifySolution(model, x) reports a missing or short x and NaN values as unusable", () => {
    expect(verifySolution(maxLp(), new Float64Array(0)).ok).toBe(false);
    expect(verifySolution(maxLp(), new Float64Array(1)).issues[0]).toMatch(/length 1, expected 2/);
    const rep = verifySolution(maxLp(), Float64Array.from([Number.NaN, 0]));
    expect(rep.ok).toBe(false);
    expect(rep.issues[0]).toMatch(/non-finite/);
  });
});

describe("solveVerified()", () => {
  it("solveVerified turns an 'optimal' answer with a fractional integer into status 'error' with the violation quoted", async () => {
    const r = await solveVerified(fakeSolver({ status: "optimal", x: Float64Array.from([1, 1, 0.5, 0]) }), knapsack());
    expect(r.status).toBe("error");
    expect(r.x.length).toBe(0);
    expect(Number.isNaN(r.objective)).toBe(true);
    expect(r.stats.message).toMatch(/fake returned status "optimal".*column 2 = 0.5 should be integer/);
    expect(r.verification?.maxIntegralityViolation).toBeCloseTo(0.5, 12);
  });

  it("solveVerified turns a 'feasible' answer that violates a row into 'error'", async () => {
    // a + b + c = 5 + 7 + 4 = 16 > 14.
    const r = await solveVerified(fakeSolver({ status: "feasible", x: Float64Array.from([1, 1, 1, 0]) }), knapsack());
    expect(r.status).toBe("error");
    expect(r.verification?.maxRowViolation).toBeCloseTo(2 / 14, 12);
  });

  it("solveVerified drops a bad 'timeLimit' incumbent but keeps status 'timeLimit'", async () => {
    const r = await solveVerified(fakeSolver({ status: "timeLimit", x: Float64Array.from([0.3, 0, 0, 0]), dualBound: 22 }), knapsack());
    expect(r.status).toBe("timeLimit");
    expect(r.x.length).toBe(0);
    expect(r.stats.message).toMatch(/incumbent was dropped/);
  });

  it("solveVerified replaces a backend's reported objective with the recomputed one and recomputes the gap", async () => {
    // b + c + d = 11 + 6 + 4 = 21; the fake claims 999.
    const r = await solveVerified(fakeSolver({ status: "feasible", x: Float64Array.from([0, 1, 1, 1]), dualBound: 22 }), knapsack());
    expect(r.status).toBe("feasible");
    expect(r.objective).toBe(21);
    expect(r.gap).toBeCloseTo(1 / 21, 12);
    expect(r.stats.message).toMatch(/reported objective 999, recomputed 21/);
  });

  it("solveVerified snaps near-integer values of integer columns and recomputes the objective exactly", async () => {
    // b + c + d = 11 + 6 + 4 = 21, given with 1e-9 noise.
    const r = await solveVerified(fakeSolver({ status: "optimal", x: Float64Array.from([1e-9, 1 - 1e-9, 1 + 1e-9, 0.999999999]) }), knapsack());
    expect(r.status).toBe("optimal");
    expect(Array.from(r.x)).toEqual([0, 1, 1, 1]);
    expect(r.objective).toBe(21);
    expect(r.verification?.maxIntegralityViolation).toBe(0);
  });

  it("solveVerified wraps a backend crash as LotwiseError 'solver_error'", async () => {
    const crashing: Solver = { ...fakeSolver({ status: "optimal", x: new Float64Array(0) }), solve: async () => Promise.reject(new Error("boom")) };
    await expect(solveVerified(crashing, knapsack())).rejects.toMatchObject({ code: "solver_error", message: expect.stringMatching(/boom/) });
  });
});

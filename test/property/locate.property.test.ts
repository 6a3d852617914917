import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backupCoverage, highsSolver, isLotwiseError, locationProblem, lscp, mclp, pCenter, pMedian } from "../../src/index.js";

// Property tests for the location models on random small cost matrices, checked against brute force over
// every site subset: mclp's covered share grows with p and is the best possible; lscp covers every coverable
// point with the fewest sites; pMedian's cost is no more than any p-subset's. Each case is a few HiGHS
// solves, so NUM_RUNS is small. Invalid input gives LotwiseError only.
export const NUM_RUNS = 25;
export const NUM_RUNS_INVALID = 100;

const solver = highsSolver();

interface Instance {
  demandIds: string[];
  siteIds: string[];
  cost: number[][];
  weights: number[];
}

const instanceArb = fc
  .record({
    n: fc.integer({ min: 1, max: 8 }),
    m: fc.integer({ min: 1, max: 5 }),
    cells: fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), { minLength: 40, maxLength: 40 }),
    weights: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), { minLength: 8, maxLength: 8 }),
  })
  .map(({ n, m, cells, weights }): Instance => ({
    demandIds: Array.from({ length: n }, (_, i) => `d${i}`),
    siteIds: Array.from({ length: m }, (_, j) => `s${j}`),
    cost: Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => cells[i * 5 + j]!)),
    weights: weights.slice(0, n),
  }));

/** Every subset of {0..m-1} of size k. */
function subsets(m: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, cur: number[]) => {
    if (cur.length === k) return void out.push([...cur]);
    for (let j = start; j < m; j++) rec(j + 1, [...cur, j]);
  };
  rec(0, []);
  return out;
}

const coveredWeight = (inst: Instance, open: number[], limit: number) => inst.weights.reduce((s, w, i) => s + (open.some((j) => inst.cost[i]![j]! <= limit) ? w : 0), 0);
const medianCost = (inst: Instance, open: number[]) => inst.weights.reduce((s, w, i) => s + w * Math.min(...open.map((j) => inst.cost[i]![j]!)), 0);

describe("location model properties", () => {
  it("mclp(problem, { limit, p }) covers the most weight any p sites can (brute force), and the covered share never falls as p grows", async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, fc.integer({ min: 0, max: 30 }), async (inst, limit) => {
        const problem = locationProblem(inst);
        const W = inst.weights.reduce((a, b) => a + b, 0);
        let prev = -1;
        for (let p = 1; p <= inst.siteIds.length; p++) {
          const r = await mclp(problem, { limit, p, solver });
          expect(r.status).toBe("optimal");
          expect(r.sites.length).toBeLessThanOrEqual(p);
          const best = Math.max(...subsets(inst.siteIds.length, p).map((s) => coveredWeight(inst, s, limit)));
          const open = r.sites.map((id) => inst.siteIds.indexOf(id));
          expect(coveredWeight(inst, open, limit)).toBe(best);
          if (W > 0) expect(r.coveredShare).toBeCloseTo(best / W, 9);
          expect(r.coveredShare).toBeGreaterThanOrEqual(prev - 1e-12);
          prev = r.coveredShare;
        }
      }),
      { numRuns: NUM_RUNS, seed: 61 },
    );
  });

  it("lscp(problem, { limit }) covers every coverable point with weight > 0, using the fewest sites (brute force)", async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, fc.integer({ min: 0, max: 30 }), async (inst, limit) => {
        const r = await lscp(locationProblem(inst), { limit, solver });
        expect(r.status).toBe("optimal");
        const open = r.sites.map((id) => inst.siteIds.indexOf(id));
        const needs = inst.demandIds.map((_, i) => i).filter((i) => inst.weights[i]! > 0 && inst.cost[i]!.some((c) => c <= limit));
        const uncoverable = inst.demandIds.filter((_, i) => inst.weights[i]! > 0 && !inst.cost[i]!.some((c) => c <= limit));
        expect([...r.uncoverable]).toEqual(uncoverable);
        for (const i of needs) expect(open.some((j) => inst.cost[i]![j]! <= limit)).toBe(true);
        // Fewest: no smaller subset covers them all.
        let fewest = 0;
        while (!subsets(inst.siteIds.length, fewest).some((s) => needs.every((i) => s.some((j) => inst.cost[i]![j]! <= limit)))) fewest++;
        expect(r.sites.length).toBe(fewest);
      }),
      { numRuns: NUM_RUNS, seed: 62 },
    );
  });

  it("pMedian(problem, { p }) costs no more than any p sites (brute force over all subsets, plus a random one)", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb.map((inst) => ({ ...inst, cost: inst.cost.map((row) => row.map((c) => (Number.isFinite(c) ? c : 99))) })),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        async (inst, pRaw, shuffle) => {
          const p = Math.min(pRaw, inst.siteIds.length);
          const r = await pMedian(locationProblem(inst), { p, solver });
          expect(r.status).toBe("optimal");
          expect(r.sites.length).toBe(p);
          const open = r.sites.map((id) => inst.siteIds.indexOf(id));
          const mine = medianCost(inst, open);
          expect(r.objective).toBeCloseTo(mine, 9);
          const random = inst.siteIds.map((_, j) => j).sort((a, b) => (shuffle[a]! - shuffle[b]!) || a - b).slice(0, p);
          expect(mine).toBeLessThanOrEqual(medianCost(inst, random) + 1e-9);
          expect(mine).toBe(Math.min(...subsets(inst.siteIds.length, p).map((s) => medianCost(inst, s))));
        },
      ),
      { numRuns: NUM_RUNS, seed: 63 },
    );
  });

  it("pCenter(problem, { p }) has the least worst travel of any p sites (brute force), and objective = maxTravel", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb.map((inst) => ({ ...inst, cost: inst.cost.map((row) => row.map((c) => (Number.isFinite(c) ? c : 99))), weights: inst.weights.map((w) => w + 1) })),
        fc.integer({ min: 1, max: 5 }),
        async (inst, pRaw) => {
          const p = Math.min(pRaw, inst.siteIds.length);
          const r = await pCenter(locationProblem(inst), { p, solver });
          expect(r.status).toBe("optimal");
          const worst = (open: number[]) => Math.max(...inst.cost.map((row) => Math.min(...open.map((j) => row[j]!))));
          const open = r.sites.map((id) => inst.siteIds.indexOf(id));
          expect(r.sites.length).toBeLessThanOrEqual(p);
          expect(worst(open)).toBe(Math.min(...subsets(inst.siteIds.length, p).map(worst)));
          expect(r.objective).toBe(worst(open));
          expect(r.maxTravel).toBe(worst(open));
        },
      ),
      { numRuns: NUM_RUNS, seed: 65 },
    );
  });

  it("backupCoverage(problem, { limit, p }) backs up the most weight any p sites can (within limit of ≥ 2 chosen sites, brute force)", async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 5 }), async (inst, limit, pRaw) => {
        const p = Math.min(pRaw, inst.siteIds.length);
        const r = await backupCoverage(locationProblem(inst), { limit, p, solver });
        expect(r.status).toBe("optimal");
        const backed = (open: number[]) => inst.weights.reduce((s, w, i) => s + (open.filter((j) => inst.cost[i]![j]! <= limit).length >= 2 ? w : 0), 0);
        const open = r.sites.map((id) => inst.siteIds.indexOf(id));
        expect(r.sites.length).toBeLessThanOrEqual(p);
        const best = Math.max(...subsets(inst.siteIds.length, p).map(backed));
        expect(backed(open)).toBe(best);
        expect(r.objective).toBeCloseTo(best, 9);
      }),
      { numRuns: NUM_RUNS, seed: 66 },
    );
  });

  it("locationProblem and every location model reject junk with LotwiseError only", async () => {
    const junkCell = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(Number.NaN, -1, "3", null, undefined, -Infinity));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            demandIds: fc.oneof(fc.constant(["a", "b"]), fc.constant(["a", "a"]), fc.constant([]), fc.anything()),
            siteIds: fc.oneof(fc.constant(["s", "t"]), fc.constant(["s", ""]), fc.anything()),
            cost: fc.oneof(fc.array(fc.array(junkCell, { maxLength: 3 }), { maxLength: 3 }), fc.array(junkCell, { maxLength: 5 }), fc.anything()),
            weights: fc.oneof(fc.constant([1, 1]), fc.constant([1, -1]), fc.constant([Number.NaN, 1]), fc.constant([1])),
          }, { requiredKeys: ["demandIds", "siteIds", "cost"] }),
        ),
        fc.oneof(fc.anything(), fc.record({ p: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.double()), limit: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.double()), required: fc.constantFrom(["s"], ["zz"], ["s", "s"], []) }, { requiredKeys: [] })),
        async (input, options) => {
          let problem: ReturnType<typeof locationProblem> | null = null;
          try {
            problem = locationProblem(input as never);
          } catch (e) {
            if (!isLotwiseError(e)) throw e;
          }
          const target = problem ?? (input as never);
          for (const model of [mclp, lscp, pMedian, pCenter, backupCoverage] as const) {
            try {
              const r = await model(target, { ...(options as object), solver, timeLimitSec: 5 } as never);
              // Accepted: a well-formed answer with one assignment per demand point.
              expect(problem).not.toBeNull();
              expect(r.assignments.length).toBe(problem!.demandIds.length);
            } catch (e) {
              if (!isLotwiseError(e)) throw e;
              expect(e.message.length).toBeGreaterThan(10);
            }
          }
        },
      ),
      { numRuns: NUM_RUNS_INVALID, seed: 64 },
    );
  });
});

// pysal/spopt's San Francisco data (205 tracts × 16 stores, network metres, POP2000): every model against
// brute-force enumeration of store subsets, at spopt's 5,000 m service radius.
import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import { backupCoverage, lscp, mclp } from "../../src/locate/coverage.js";
import { pCenter } from "../../src/locate/p-center.js";
import { pMedian } from "../../src/locate/p-median.js";
import { locationProblem } from "../../src/locate/problem.js";
import type { LocationResult } from "../../src/locate/types.js";
import { bruteBest, centerCost, coveredWeight, medianCost, tieBreakWinners, type BruteResult, type TinyInstance } from "../helpers/locate-brute-force.js";
import { readSf } from "../helpers/spopt-sf.js";

const solver = highsSolver();
const sf = readSf();
// Brute-force helpers index sites by position: sort the stores by id as lotwise does.
const order = sf.storeIds.map((_, j) => j).sort((a, b) => (sf.storeIds[a]! < sf.storeIds[b]! ? -1 : 1));
const inst: TinyInstance = { demandIds: sf.tractIds, siteIds: order.map((j) => sf.storeIds[j]!), cost: sf.cost.map((row) => order.map((j) => row[j]!)), weights: sf.pop };
const problem = locationProblem({ demandIds: sf.tractIds, siteIds: sf.storeIds, cost: sf.cost, weights: sf.pop });
const R = 5000;
const idx = (r: LocationResult): number[] => r.sites.map((s) => inst.siteIds.indexOf(s));

function check(r: LocationResult, brute: BruteResult): void {
  expect(r.status).toBe("optimal");
  expect(r.gap).toBe(0);
  expect(Math.abs(r.objective - brute.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(brute.value)));
  expect(tieBreakWinners(brute.optimal)).toContainEqual(idx(r));
}

describe("location models on spopt's San Francisco stores (205 tracts × 16 stores)", () => {
  it("mclp(problem, { limit: 5000, p: 4 }) covers the most POP2000 of any 4 stores", async () => {
    check(await mclp(problem, { limit: R, p: 4, solver }), bruteBest(16, 4, (s) => coveredWeight(inst, s, R, 1), "max"));
  });

  it("lscp(problem, { limit: 5000 }) uses the fewest stores that cover every tract", async () => {
    const r = await lscp(problem, { limit: R, solver });
    let brute: BruteResult | undefined;
    for (let k = 1; k <= 16 && brute === undefined; k++) {
      const b = bruteBest(16, k, (s) => (coveredWeight(inst, s, R, 1) === sf.pop.reduce((a, c) => a + c, 0) ? k : null), "min");
      if (b.optimal.length > 0) brute = b;
    }
    check(r, brute!);
    expect(r.uncoverable).toEqual([]);
  });

  it("backupCoverage(problem, { limit: 5000, p: 4 }) backs up the most POP2000 of any 4 stores", async () => {
    check(await backupCoverage(problem, { limit: R, p: 4, solver }), bruteBest(16, 4, (s) => coveredWeight(inst, s, R, 2), "max"));
  });

  it("pMedian(problem, { p: 4 }) has the least POP2000-weighted network distance of any 4 stores", async () => {
    check(await pMedian(problem, { p: 4, solver }), bruteBest(16, 4, (s) => medianCost(inst, s), "min"));
  });

  it("pCenter(problem, { p: 4 }) has the least worst network distance of any 4 stores", async () => {
    check(await pCenter(problem, { p: 4, solver }), bruteBest(16, 4, (s) => centerCost(inst, s), "min"));
  });
});

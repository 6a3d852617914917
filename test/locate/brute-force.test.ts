import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import { backupCoverage, lscp, mclp } from "../../src/locate/coverage.js";
import { pCenter } from "../../src/locate/p-center.js";
import { pMedian } from "../../src/locate/p-median.js";
import { locationProblem } from "../../src/locate/problem.js";
import type { LocationResult } from "../../src/locate/types.js";
import {
  bruteBest,
  capacityFeasible,
  centerCost,
  coveredWeight,
  medianCost,
  singleSourceMedian,
  tieBreakWinners,
  tinyInstance,
  uncoverable,
  type BruteResult,
  type TinyInstance,
} from "../helpers/locate-brute-force.js";

const solver = highsSolver();
const SEEDS = [1, 2, 3, 4, 5, 6];
const idx = (inst: TinyInstance, r: LocationResult): number[] => r.sites.map((s) => inst.siteIds.indexOf(s));
const problemOf = (inst: TinyInstance) => locationProblem(inst);

function expectOptimal(inst: TinyInstance, r: LocationResult, brute: BruteResult): void {
  expect(r.status).toBe("optimal");
  expect(r.gap).toBe(0);
  expect(r.objective).toBeCloseTo(brute.value, 9);
  // Tie-break: the chosen set is an optimal set with the least sum of site ranks.
  expect(tieBreakWinners(brute.optimal)).toContainEqual(idx(inst, r));
}

function bruteLscp(inst: TinyInstance, ok: (set: number[]) => boolean): BruteResult | null {
  for (let k = 0; k <= inst.siteIds.length; k++) {
    const b = bruteBest(inst.siteIds.length, k, (set) => (ok(set) ? k : null), "min");
    if (b.optimal.length > 0) return b;
  }
  return null;
}

const coversAll = (inst: TinyInstance, limit: number) => (set: number[]) =>
  inst.demandIds.every((_, i) => inst.weights[i]! <= 0 || uncoverable(inst, limit).includes(i) || set.some((j) => inst.cost[i]![j]! <= limit));

describe("location models against brute-force enumeration of all site subsets", () => {
  it.each(SEEDS)("mclp(problem, { limit, p }) reaches the best covered weight of any p sites (seed %i)", async (seed) => {
    const inst = tinyInstance(seed, 9, 7);
    for (const p of [1, 2, 3]) {
      const r = await mclp(problemOf(inst), { limit: 12, p, solver });
      expectOptimal(inst, r, bruteBest(7, p, (s) => coveredWeight(inst, s, 12, 1), "max"));
      const total = inst.weights.reduce((a, b) => a + b, 0);
      expect(r.coveredShare).toBeCloseTo(r.objective / total, 12);
    }
  });

  it.each(SEEDS)("lscp(problem, { limit }) uses the fewest sites that cover every coverable point, and lists the rest (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 100, 9, 7);
    for (const limit of [8, 15]) {
      const r = await lscp(problemOf(inst), { limit, solver });
      expectOptimal(inst, r, bruteLscp(inst, coversAll(inst, limit))!);
      expect(r.uncoverable).toEqual(uncoverable(inst, limit).map((i) => inst.demandIds[i]));
    }
  });

  it.each(SEEDS)("lscp(problem, { limit, capacities }) matches the smallest subset whose max flow serves all coverable demand (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 200, 8, 6);
    const caps = inst.siteIds.map((_, j) => 8 + ((seed * 7 + j * 5) % 17));
    const limit = 15;
    const capRecord = Object.fromEntries(inst.siteIds.map((s, j) => [s, caps[j]!]));
    const r = await lscp(problemOf(inst), { limit, capacities: capRecord, solver });
    const brute = bruteLscp(inst, (set) => coversAll(inst, limit)(set) && capacityFeasible(inst, set, limit, caps));
    if (brute === null) {
      // Total capacity passes the pre-check, but the covering pattern leaves some demand unservable.
      expect(r.status).toBe("infeasible");
      expect(r.sites).toEqual([]);
      return;
    }
    expectOptimal(inst, r, brute);
    // Shares sum to 1 and each site's served demand stays within its capacity.
    const load = new Map<string, number>();
    for (const a of r.assignments) {
      if (a.shares === undefined) continue;
      expect(a.shares.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 9);
      for (const sh of a.shares) load.set(sh.siteId, (load.get(sh.siteId) ?? 0) + sh.share * a.weight);
    }
    for (const [site, l] of load) expect(l).toBeLessThanOrEqual(capRecord[site]! + 1e-6);
  });

  it.each(SEEDS)("backupCoverage(problem, { limit, p }) maximises the weight within the limit of two or more chosen sites (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 300, 9, 7, 0.05);
    for (const p of [2, 3, 4]) {
      const r = await backupCoverage(problemOf(inst), { limit: 14, p, solver });
      expectOptimal(inst, r, bruteBest(7, p, (s) => coveredWeight(inst, s, 14, 2), "max"));
      const total = inst.weights.reduce((a, b) => a + b, 0);
      expect(r.backedUpShare).toBeCloseTo(r.objective / total, 12);
      expect(r.coveredShare).toBeCloseTo(coveredWeight(inst, idx(inst, r), 14, 1) / total, 12);
    }
  });

  it.each(SEEDS)("pMedian(problem, { p }) reaches the least weighted travel of any p sites (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 400, 9, 7);
    for (const p of [1, 2, 3]) {
      const r = await pMedian(problemOf(inst), { p, solver });
      const brute = bruteBest(7, p, (s) => medianCost(inst, s), "min");
      if (brute.optimal.length === 0) {
        expect(r.status).toBe("infeasible");
        continue;
      }
      expectOptimal(inst, r, brute);
    }
  });

  it.each(SEEDS)("pMedian(problem, { p, required }) keeps the required site and is optimal among sets containing it (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 450, 9, 7, 0);
    const r = await pMedian(problemOf(inst), { p: 2, required: ["s6"], solver });
    expect(r.sites).toContain("s6");
    expectOptimal(inst, r, bruteBest(7, 2, (s) => medianCost(inst, s), "min", [6]));
  });

  it.each(SEEDS)("pMedian(problem, { p, capacities, singleSource }) matches enumeration of every site set and assignment (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 500, 7, 5, 0.1);
    const total = inst.weights.reduce((a, b) => a + b, 0);
    const caps = inst.siteIds.map((_, j) => Math.ceil(total * (0.45 + 0.1 * ((seed + j) % 3))));
    const r = await pMedian(problemOf(inst), { p: 3, capacities: Object.fromEntries(inst.siteIds.map((s, j) => [s, caps[j]!])), singleSource: true, solver });
    const brute = bruteBest(5, 3, (s) => singleSourceMedian(inst, s, caps), "min");
    if (brute.optimal.length === 0) {
      expect(r.status).toBe("infeasible");
      return;
    }
    expectOptimal(inst, r, brute);
    for (const a of r.assignments) if (a.shares !== undefined) expect(a.shares).toHaveLength(1);
  });

  it.each(SEEDS)("pCenter(problem, { p }) reaches the least worst travel of any p sites (seed %i)", async (seed) => {
    const inst = tinyInstance(seed + 600, 9, 7);
    for (const p of [1, 2, 3]) {
      const r = await pCenter(problemOf(inst), { p, solver });
      const brute = bruteBest(7, p, (s) => centerCost(inst, s), "min");
      if (brute.optimal.length === 0) {
        expect(r.status).toBe("infeasible");
        continue;
      }
      expectOptimal(inst, r, brute);
      expect(r.maxTravel).toBe(r.objective);
    }
  });
});

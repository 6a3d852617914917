// Leicestershire County (396 LSOAs, 60+ population as demand), 100 seeded SYNTHETIC providers on real postcode
// centroids, straight-line driving minutes.
import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import { lscp, mclp } from "../../src/locate/coverage.js";
import { computeCoverage } from "../../src/coverage/coverage.js";
import { straightLineTravel } from "../../src/coverage/straight-line.js";
import { locationProblemFromCoverage } from "../../src/locate/from-coverage.js";
import { pMedian } from "../../src/locate/p-median.js";
import { locationProblemFromTravel } from "../../src/locate/problem.js";
import type { LocationProblem } from "../../src/locate/types.js";
import { leicsBed } from "../helpers/leics-locate.js";

const solver = highsSolver();
const bed = leicsBed(100);
const problem = locationProblemFromTravel(bed.matrix, { mode: "drive", demand: bed.demand });
const totalWeight = Object.values(bed.demand).reduce((a, b) => a + b, 0);

/** Covered 60+ population recomputed from the TravelMatrix itself (providers × areas), not from the problem. */
function coveredFromMatrix(sites: readonly string[], limit: number): number {
  const nD = bed.matrix.destinationIds.length;
  const rows = sites.map((s) => bed.matrix.originIds.indexOf(s));
  let covered = 0;
  bed.matrix.destinationIds.forEach((area, d) => {
    if (rows.some((o) => bed.matrix.minutes.drive![o * nD + d]! <= limit)) covered += bed.demand[area]!;
  });
  return covered;
}

function coverableShare(p: LocationProblem, limit: number): number {
  const m = p.siteIds.length;
  let w = 0;
  p.demandIds.forEach((_, i) => {
    for (let j = 0; j < m; j++) if (p.cost[i * m + j]! <= limit) return void (w += p.weights[i]!);
  });
  return w / totalWeight;
}

describe("location models on Leicestershire (396 LSOAs × 100 providers, 20 minutes driving)", () => {
  it("mclp(problem, { limit: 20, p }) for p = 5..30 gives a covered-share curve that never decreases, each proven optimal", async () => {
    const curve: number[] = [];
    for (let p = 5; p <= 30; p++) {
      const r = await mclp(problem, { limit: 20, p, solver });
      expect(r.status).toBe("optimal");
      expect(r.gap).toBe(0);
      expect(r.sites).toHaveLength(p);
      expect(r.objective).toBeCloseTo(coveredFromMatrix(r.sites, 20), 6);
      curve.push(r.coveredShare);
    }
    for (let k = 1; k < curve.length; k++) expect(curve[k]!).toBeGreaterThanOrEqual(curve[k - 1]! - 1e-12);
    expect(curve[0]!).toBeLessThan(curve[curve.length - 1]!);
    expect(curve[curve.length - 1]!).toBeCloseTo(coverableShare(problem, 20), 12);
  });

  it("lscp(problem, { limit }) needs no more sites as the limit grows, and each count is minimal (MCLP with one site fewer falls short)", async () => {
    let previous = Infinity;
    for (const limit of [10, 15, 20, 25, 30]) {
      const r = await lscp(problem, { limit, solver });
      expect(r.status).toBe("optimal");
      expect(r.gap).toBe(0);
      const k = r.sites.length;
      expect(k).toBeLessThanOrEqual(previous);
      previous = k;
      // Every coverable area is covered ...
      expect(r.coveredShare).toBeCloseTo(coverableShare(problem, limit), 12);
      expect(coveredFromMatrix(r.sites, limit) / totalWeight).toBeCloseTo(coverableShare(problem, limit), 12);
      // ... and no k − 1 sites can do it: the best k − 1 sites leave some 60+ population uncovered.
      const fewer = await mclp(problem, { limit, p: k - 1, solver, tieBreak: false });
      expect(fewer.status).toBe("optimal");
      expect(fewer.coveredShare).toBeLessThan(coverableShare(problem, limit) - 1e-12);
    }
  });

  it("mclp and pMedian built from areas + providers via computeCoverage agree with the same models built from the TravelMatrix", async () => {
    const cov = computeCoverage({ providers: bed.providers, areas: bed.areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20, walk: 20, cycle: 20, transit: 20 } });
    const viaCoverage = locationProblemFromCoverage(cov, { mode: "drive", demand: bed.demand });
    const a = await mclp(viaCoverage, { limit: 20, p: 8, solver });
    const b = await mclp(problem, { limit: 20, p: 8, solver });
    expect(a.status).toBe("optimal");
    expect(a.sites).toEqual(b.sites);
    expect(a.objective).toBeCloseTo(b.objective, 9);
    // p-median on the coverage problem may only assign within 20 minutes: never cheaper than the unrestricted one.
    const c = await pMedian(viaCoverage, { p: 12, solver });
    const d = await pMedian(problem, { p: 12, solver });
    expect(c.status).toBe("optimal");
    expect(d.status).toBe("optimal");
    expect(c.objective).toBeGreaterThanOrEqual(d.objective - 1e-6);
    expect(c.maxTravel).toBeLessThanOrEqual(20);
  });
});

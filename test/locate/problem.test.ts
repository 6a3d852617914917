import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import { computeCoverage } from "../../src/coverage/coverage.js";
import { straightLineTravel } from "../../src/coverage/straight-line.js";
import { isLotwiseError, LotwiseError } from "../../src/errors.js";
import { backupCoverage, lscp, mclp } from "../../src/locate/coverage.js";
import { locationProblemFromCoverage } from "../../src/locate/from-coverage.js";
import { pCenter } from "../../src/locate/p-center.js";
import { pMedian } from "../../src/locate/p-median.js";
import { locationProblem, locationProblemFromTravel } from "../../src/locate/problem.js";
import { tinyInstance } from "../helpers/locate-brute-force.js";

const solver = highsSolver();

async function rejects(p: Promise<unknown> | (() => unknown)): Promise<LotwiseError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (isLotwiseError(e)) return e;
    throw e;
  }
  throw new Error("expected a LotwiseError");
}

describe("locationProblem", () => {
  it("locationProblem(input) sorts demand points and sites by id and permutes the matrix to match", () => {
    const p = locationProblem({ demandIds: ["b", "a"], siteIds: ["s2", "s1"], cost: [[1, 2], [3, Infinity]], weights: [5, 7] });
    expect(p.demandIds).toEqual(["a", "b"]);
    expect(p.siteIds).toEqual(["s1", "s2"]);
    // a: (s1 = ∞, s2 = 3); b: (s1 = 2, s2 = 1)
    expect([...p.cost]).toEqual([Infinity, 3, 2, 1]);
    expect([...p.weights]).toEqual([7, 5]);
  });

  it("locationProblem(input) rejects a NaN or negative cost naming the cell", async () => {
    const e = await rejects(() => locationProblem({ demandIds: ["a"], siteIds: ["s1", "s2"], cost: [[1, Number.NaN]] }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("input.cost[0][1]: NaN");
    const f = await rejects(() => locationProblem({ demandIds: ["a"], siteIds: ["s1"], cost: Float64Array.of(-5) }));
    expect(f.message).toContain("input.cost[0]: -5");
  });

  it("locationProblem(input) rejects duplicate ids and a matrix of the wrong shape", async () => {
    expect((await rejects(() => locationProblem({ demandIds: ["a", "a"], siteIds: ["s"], cost: [[1], [2]] }))).code).toBe("duplicate_id");
    const e = await rejects(() => locationProblem({ demandIds: ["a", "b"], siteIds: ["s"], cost: [[1]] }));
    expect(e.message).toContain("input.cost.length: 1");
  });

  it("locationProblemFromTravel(matrix, { mode, demand }) takes areas from the destinations by default and from the origins on request", () => {
    const matrix = { originIds: ["p2", "p1"], destinationIds: ["B", "A"], modes: ["drive" as const], minutes: { drive: Float64Array.of(1, 2, 3, 4) } };
    // p2→B 1, p2→A 2, p1→B 3, p1→A 4
    const byArea = locationProblemFromTravel(matrix, { mode: "drive", demand: { A: 10, B: 20 } });
    expect(byArea.demandIds).toEqual(["A", "B"]);
    expect(byArea.siteIds).toEqual(["p1", "p2"]);
    expect([...byArea.cost]).toEqual([4, 2, 3, 1]);
    expect([...byArea.weights]).toEqual([10, 20]);
    const byOrigin = locationProblemFromTravel(matrix, { mode: "drive", demandSide: "origins" });
    expect(byOrigin.demandIds).toEqual(["p1", "p2"]);
    expect([...byOrigin.cost]).toEqual([4, 3, 2, 1]);
  });

  it("locationProblemFromTravel(...) refuses a missing mode, an unknown demand id and an area without demand", async () => {
    const matrix = { originIds: ["p1"], destinationIds: ["A", "B"], modes: ["drive" as const], minutes: { drive: Float64Array.of(1, 2) } };
    expect((await rejects(() => locationProblemFromTravel(matrix, { mode: "walk" }))).message).toContain("options.mode");
    expect((await rejects(() => locationProblemFromTravel(matrix, { mode: "drive", demand: { A: 1, B: 1, C: 1 } }))).code).toBe("unknown_id");
    const e = await rejects(() => locationProblemFromTravel(matrix, { mode: "drive", demand: { A: 1 } }));
    expect(e.code).toBe("unknown_id");
    expect(e.message).toContain('"B"');
  });

  it("locationProblemFromCoverage(coverage, { mode, demand }) keeps stored minutes and prices unstored pairs at Infinity", () => {
    const providers = [
      { id: "P1", lonLat: [-1.13, 52.63] as [number, number], capacityHours: 500, ratePerHour: 22, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } },
      { id: "P2", lonLat: [-0.5, 52.63] as [number, number], capacityHours: 500, ratePerHour: 22, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } },
    ];
    const areas = [{ id: "A", lonLat: [-1.13, 52.64] as [number, number], urbanRural: "urban" as const }];
    const travel = straightLineTravel();
    const cov = computeCoverage({ providers, areas, travel, thresholdMinutes: { drive: 20 } });
    const p = locationProblemFromCoverage(cov, { mode: "drive", demand: { A: 35 } });
    const direct = travel.matrix(providers, areas, ["drive"]).minutes.drive!;
    expect(p.cost[0]).toBeCloseTo(direct[0]!, 9); // P1 is ~1.1 km away
    expect(p.cost[1]).toBe(Infinity); // P2 is ~43 km away: beyond the stored threshold
    expect([...p.weights]).toEqual([35]);
  });
});

describe("location model checks and reports", () => {
  const problem = locationProblem({ demandIds: ["a", "b", "c"], siteIds: ["s1", "s2"], cost: [[1, 9], [2, 3], [9, 1]], weights: [600, 440, 200] });

  it("lscp(problem, { capacities }) raises a clear error quoting demand and capacity when capacity cannot meet demand", async () => {
    const e = await rejects(lscp(problem, { limit: 10, capacities: { s1: 600, s2: 500 }, solver }));
    expect(e.code).toBe("infeasible_input");
    expect(e.message).toBe("Demand greater than capacity (1240 > 1100).");
  });

  it("pMedian(problem, { p, capacities }) also refuses when the p largest capacities fall short", async () => {
    const e = await rejects(pMedian(problem, { p: 1, capacities: { s1: 1000, s2: 900 }, solver }));
    expect(e.message).toBe("Demand greater than the capacity of the 1 largest sites (1240 > 1000).");
  });

  it("lscp(problem, { limit }) lists the demand points no site can cover instead of returning infeasible", async () => {
    const r = await lscp(problem, { limit: 1.5, solver });
    expect(r.status).toBe("optimal");
    expect(r.uncoverable).toEqual(["b"]); // b's nearest site is 2 away
    expect(r.sites).toEqual(["s1", "s2"]);
    expect(r.coveredShare).toBeCloseTo(800 / 1240, 12);
  });

  it("mclp(problem, { p }) refuses p above the number of sites and unknown required sites", async () => {
    expect((await rejects(mclp(problem, { limit: 5, p: 3, solver }))).message).toContain("options.p: 3");
    expect((await rejects(mclp(problem, { limit: 5, p: 1, required: ["s9"], solver }))).code).toBe("unknown_id");
    expect((await rejects(mclp(problem, { limit: -5, p: 1, solver }))).message).toContain("options.limit: -5");
  });

  it("pMedian(problem, { p }) reports mean and max travel over the demand weights", async () => {
    const r = await pMedian(problem, { p: 1, solver });
    expect(r.status).toBe("optimal");
    // s1: 600·1 + 440·2 + 200·9 = 3280; s2: 600·9 + 440·3 + 200·1 = 6920
    expect(r.sites).toEqual(["s1"]);
    expect(r.objective).toBe(3280);
    expect(r.meanTravel).toBeCloseTo(3280 / 1240, 12);
    expect(r.maxTravel).toBe(9);
    expect(r.assignments.map((a) => a.siteId)).toEqual(["s1", "s1", "s1"]);
  });

  it("pMedian(problem, { p, capacities }) splits a demand point between sites when capacity binds", async () => {
    // p = 2, s1 can serve 700: a (600) on s1; b split 100 on s1 (cost 2) and 340 on s2 (cost 3); c on s2.
    const r = await pMedian(problem, { p: 2, capacities: { s1: 700, s2: 1000 }, solver });
    expect(r.status).toBe("optimal");
    expect(r.objective).toBeCloseTo(600 * 1 + 100 * 2 + 340 * 3 + 200 * 1, 6);
    const b = r.assignments.find((a) => a.demandId === "b")!;
    expect(b.shares!.map((s) => s.siteId)).toEqual(["s1", "s2"]);
    expect(b.shares![0]!.share).toBeCloseTo(100 / 440, 9);
    expect(b.siteId).toBe("s2");
  });

  it("the same data in another order gives the same sites and byte-identical results", async () => {
    const inst = tinyInstance(77, 9, 7, 0);
    const perm = [4, 2, 8, 0, 6, 1, 3, 5, 7];
    const sperm = [6, 3, 0, 5, 1, 4, 2];
    const shuffled = {
      demandIds: perm.map((i) => inst.demandIds[i]!),
      siteIds: sperm.map((j) => inst.siteIds[j]!),
      cost: perm.map((i) => sperm.map((j) => inst.cost[i]![j]!)),
      weights: perm.map((i) => inst.weights[i]!),
    };
    for (const run of [
      (pr: ReturnType<typeof locationProblem>) => mclp(pr, { limit: 10, p: 2, solver }),
      (pr: ReturnType<typeof locationProblem>) => backupCoverage(pr, { limit: 20, p: 3, solver }),
      (pr: ReturnType<typeof locationProblem>) => pCenter(pr, { p: 2, solver }),
      (pr: ReturnType<typeof locationProblem>) => pMedian(pr, { p: 2, solver }),
    ]) {
      const a = await run(locationProblem(inst));
      const b = await run(locationProblem(shuffled));
      expect(a.status).toBe("optimal");
      const strip = (r: typeof a) => JSON.stringify({ ...r, stats: { ...r.stats, timeSec: 0 } });
      expect(strip(b)).toBe(strip(a));
    }
  });
});

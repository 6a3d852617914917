// OR-Library pmed1 and pmed6 (Beasley 1985): shortest paths by Floyd–Warshall, every vertex a client of
// weight 1 and a candidate site; optimal values published by OR-Library.
import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import { pMedian } from "../../src/locate/p-median.js";
import { locationProblem } from "../../src/locate/problem.js";
import { PMED_OPTIMA, pmedIds, readPmed } from "../helpers/orlib-pmed.js";

const solver = highsSolver();

describe("pMedian on OR-Library pmed instances", () => {
  it.each(["pmed1", "pmed2"])("pMedian(problem, { p }) on %s reaches OR-Library's optimal value with a zero gap", async (name) => {
    const inst = readPmed(name);
    const ids = pmedIds(inst.n);
    const r = await pMedian(locationProblem({ demandIds: ids, siteIds: ids, cost: inst.dist }), { p: inst.p, solver });
    expect(r.status).toBe("optimal");
    expect(r.gap).toBe(0);
    expect(r.objective).toBe(PMED_OPTIMA[name]);
    expect(r.sites).toHaveLength(inst.p);
    // Recompute from the shortest-path matrix: every vertex to its nearest chosen vertex.
    const chosen = r.sites.map((s) => ids.indexOf(s));
    let total = 0;
    for (let i = 0; i < inst.n; i++) total += Math.min(...chosen.map((j) => inst.dist[i * inst.n + j]!));
    expect(total).toBe(PMED_OPTIMA[name]);
  });
});

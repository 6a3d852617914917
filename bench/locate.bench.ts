// Location models (issue 9): speed on Leicestershire + Bradford (921 LSOAs × seeded synthetic providers on real
// postcode centroids, straight-line driving minutes), growth with areas and sites, and real peer data:
// spopt's San Francisco stores for every model and OR-Library pmed1–10 for pMedian (checked against the
// published optima). All solves ask for a zero relative gap.
// Run: npx tsx bench/locate.bench.ts [--quick]   Writes bench/results/locate.json.
import { loadavg } from "node:os";
import { highsSolver } from "../src/solvers/highs.js";
import { backupCoverage, lscp, mclp } from "../src/locate/coverage.js";
import { pCenter } from "../src/locate/p-center.js";
import { pMedian } from "../src/locate/p-median.js";
import { locationProblem, locationProblemFromTravel } from "../src/locate/problem.js";
import type { LocationProblem, LocationResult } from "../src/locate/types.js";
import { leicsBed } from "../test/helpers/leics-locate.js";
import { PMED_OPTIMA, pmedIds, readPmed } from "../test/helpers/orlib-pmed.js";
import { readSf } from "../test/helpers/spopt-sf.js";
import { writeResults } from "./util.js";

const quick = process.argv.includes("--quick");
const solver = highsSolver();
const TIME_LIMIT = 60;

function cpuSec(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function timed(run: () => Promise<LocationResult>) {
  const load = loadavg()[0]!;
  const c0 = cpuSec();
  const t0 = performance.now();
  const r = await run();
  return {
    wallSec: Number(((performance.now() - t0) / 1000).toFixed(3)),
    cpuSec: Number((cpuSec() - c0).toFixed(3)),
    loadAverage1m: Number(load.toFixed(2)),
    status: r.status,
    gap: r.gap,
    objective: r.objective,
    coveredShare: Number(r.coveredShare.toFixed(6)),
    meanTravel: Number(r.meanTravel.toFixed(4)),
    maxTravel: Number(r.maxTravel.toFixed(4)),
    tieBreak: r.stats.tieBreak,
    sites: r.sites,
  };
}

/** First `areas` areas (by id) and first `sites` sites (by id) of a problem. */
function subProblem(p: LocationProblem, areas: number, sites: number): LocationProblem {
  const m = p.siteIds.length;
  const cost = new Float64Array(areas * sites);
  for (let i = 0; i < areas; i++) for (let j = 0; j < sites; j++) cost[i * sites + j] = p.cost[i * m + j]!;
  return { demandIds: p.demandIds.slice(0, areas), siteIds: p.siteIds.slice(0, sites), cost, weights: p.weights.slice(0, areas) };
}

const warmMs = await solver.warmUp();

// 1. 921 areas × 100 sites, 20 minutes driving.
const bed = leicsBed(100, 9, "all");
const full = locationProblemFromTravel(bed.matrix, { mode: "drive", demand: bed.demand });
const headline: Record<string, unknown>[] = [];
for (const p of quick ? [10] : [5, 10, 20, 30]) {
  const med = await timed(() => pMedian(full, { p, solver, timeLimitSec: TIME_LIMIT }));
  headline.push({ model: "pMedian", areas: full.demandIds.length, candidateSites: full.siteIds.length, p, ...med, sites: med.sites, targetSec: 10, met: med.status === "optimal" && med.gap === 0 && med.wallSec <= 10 });
  const cov = await timed(() => mclp(full, { limit: 20, p, solver, timeLimitSec: TIME_LIMIT }));
  headline.push({ model: "mclp", limitMinutes: 20, areas: full.demandIds.length, candidateSites: full.siteIds.length, p, ...cov, sites: cov.sites, targetSec: 10, met: cov.status === "optimal" && cov.gap === 0 && cov.wallSec <= 10 });
  console.error(`921×100 p=${p}: pMedian ${med.wallSec}s ${med.status}, mclp ${cov.wallSec}s ${cov.status}`);
}

// 2. Growth with areas and sites (p = 10).
const growth: Record<string, unknown>[] = [];
for (const areas of quick ? [230, 921] : [115, 230, 460, 921])
  for (const sites of quick ? [50, 100] : [25, 50, 100]) {
    const sub = subProblem(full, areas, sites);
    const med = await timed(() => pMedian(sub, { p: 10, solver, timeLimitSec: TIME_LIMIT }));
    const cov = await timed(() => mclp(sub, { limit: 20, p: 10, solver, timeLimitSec: TIME_LIMIT }));
    growth.push({ areas, sites, p: 10, pMedianSec: med.wallSec, pMedianCpuSec: med.cpuSec, pMedianStatus: med.status, mclpSec: cov.wallSec, mclpCpuSec: cov.cpuSec, mclpStatus: cov.status, loadAverage1m: med.loadAverage1m });
    console.error(`growth ${areas}×${sites}: pMedian ${med.wallSec}s, mclp ${cov.wallSec}s`);
  }

// 3. spopt San Francisco: every model at spopt's 5,000 m radius, p = 4.
const sf = readSf();
const sfProblem = locationProblem({ demandIds: sf.tractIds, siteIds: sf.storeIds, cost: sf.cost, weights: sf.pop });
const spopt: Record<string, unknown>[] = [];
for (const [name, run] of [
  ["lscp", () => lscp(sfProblem, { limit: 5000, solver })],
  ["mclp", () => mclp(sfProblem, { limit: 5000, p: 4, solver })],
  ["backupCoverage", () => backupCoverage(sfProblem, { limit: 5000, p: 4, solver })],
  ["pMedian", () => pMedian(sfProblem, { p: 4, solver })],
  ["pCenter", () => pCenter(sfProblem, { p: 4, solver })],
] as const) {
  const r = await timed(run);
  spopt.push({ model: name, serviceRadiusM: 5000, p: name === "lscp" ? null : 4, ...r });
  console.error(`spopt-sf ${name}: ${r.objective} ${r.sites.join(",")} ${r.wallSec}s`);
}

// 4. OR-Library pmed1–10.
const pmed: Record<string, unknown>[] = [];
for (let k = 1; k <= (quick ? 5 : 10); k++) {
  const inst = readPmed(`pmed${k}`);
  const ids = pmedIds(inst.n);
  const r = await timed(() => pMedian(locationProblem({ demandIds: ids, siteIds: ids, cost: inst.dist }), { p: inst.p, solver, timeLimitSec: TIME_LIMIT }));
  const known = PMED_OPTIMA[`pmed${k}`]!;
  pmed.push({ instance: `pmed${k}`, n: inst.n, p: inst.p, knownOptimum: known, ...r, equalsKnown: r.objective === known });
  console.error(`pmed${k}: ${r.objective} (known ${known}) ${r.wallSec}s`);
}

writeResults("locate", {
  note: "Wall seconds on a shared 2-core machine (see loadAverage1m); cpuSec is this process's CPU time. Zero relative gap everywhere. Providers are SYNTHETIC (generateProviders on real postcode centroids).",
  warmUpMs: Math.round(warmMs),
  headline921x100: headline,
  growthP10: growth,
  spoptSf: spopt,
  orlibPmed: pmed,
  targets: {
    pMedianAndMclp921x100Within10s: headline.every((h) => h.met === true),
    pmedAllEqualKnown: pmed.every((r) => r.equalsKnown === true),
  },
});

// Cost of care (issue 17): costOfCare on the 18 Leicestershire County Council lots (396 LSOAs, 20,317 h/week)
// with the straight-line source (target ≤ 100 ms), and on a road network: the OpenStreetMap roads of
// Rutland for Rutland's 23 LSOAs as 3 lots (driving, walking, cycling: OSM has no bus times), with the
// straight-line source as fallback where a probe leaves the extract.
// Run: npx tsx bench/cost.bench.ts   Writes bench/results/cost.json.
import { loadavg } from "node:os";
import { costOfCare } from "../src/cost/cost-of-care.js";
import { straightLineTravel } from "../src/coverage/straight-line.js";
import { designLots } from "../src/lots/design-lots.js";
import { rutlandNetwork } from "../test/helpers/rutland.js";
import { ELR, WL, realSet } from "../test/lots/real-data.js";
import { timeMsAsync, writeResults } from "./util.js";

const REPEATS = 20;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function measure(label: string, run: () => Promise<unknown>, sizes: Record<string, number>, targetMs: number | null) {
  await run(); // warm-up (JIT)
  const times: number[] = [];
  const load = loadavg()[0]!;
  const c0 = cpuMs();
  for (let i = 0; i < REPEATS; i++) times.push((await timeMsAsync(run)).ms);
  const cpu = (cpuMs() - c0) / REPEATS;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const out: Record<string, unknown> = {
    label,
    ...sizes,
    repeats: REPEATS,
    medianMs: Math.round(median * 10) / 10,
    minMs: Math.round(times[0]! * 10) / 10,
    cpuMsPerRun: Math.round(cpu * 10) / 10,
    loadAverage1m: Math.round(load * 100) / 100,
  };
  if (targetMs !== null) out.target = { maxMs: targetMs, met: median <= targetMs };
  console.log(JSON.stringify(out));
  return out;
}

const results: Record<string, unknown>[] = [];
const county = realSet("county");
const plan = designLots(county.areas, county.adjacency, county.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 }, seed: 2019 });
const sl = straightLineTravel();
const probes = county.areas.filter((a) => (county.demand.hours[a.id] ?? 0) > 0).length * 4;
const sizes = { lots: plan.lots.length, areas: county.areas.length, probes, modes: 4 };
results.push(await measure("leicestershire-county-18-lots-straight-line", () => costOfCare(plan, county.areas, county.demand.hours, { travel: sl }), sizes, 100));

// Rutland's roads (realdata/rutland-latest.osm.pbf, 2022-07-20, © OpenStreetMap contributors, ODbL 1.0) with
// networkTravel's OSM defaults; the straight-line source where a probe leaves the extract.
const tBuild = performance.now();
const net = await rutlandNetwork();
const buildMs = performance.now() - tBuild;
const leics = realSet("leics", "none");
const rutlandIds = new Set(leics.rows.filter((r) => r.lad19cd === "E06000017").map((r) => r.lsoa11cd!));
const rutland = leics.areas.filter((a) => rutlandIds.has(a.id));
const rHours = Object.fromEntries(rutland.map((a) => [a.id, leics.demand.hours[a.id] ?? 0]));
const rPlan = designLots(rutland, leics.adjacency, rHours, { lotCount: 3, seed: 2019 });
const opts = { travel: net, fallbackTravel: sl, modes: ["drive", "walk", "cycle"] as ("drive" | "walk" | "cycle")[] };
const first = await costOfCare(rPlan, rutland, rHours, opts);
const bySl = await costOfCare(rPlan, rutland, rHours, { travel: sl });
const r = await measure(
  "rutland-23-lsoas-3-lots-osm-network",
  () => costOfCare(rPlan, rutland, rHours, opts),
  { lots: rPlan.lots.length, areas: rutland.length, probes: rutland.length * 4, modes: 3, networkNodes: net.nodeCount, networkEdges: net.edgeCount },
  null,
);
r.networkBuildMs = Math.round(buildMs);
r.fallbackProbes = first.fallbackProbes;
r.byLot = first.lots.map((l, i) => ({
  lotId: l.lotId,
  hours: l.hours,
  areaKm2: Math.round(l.areaKm2 * 10) / 10,
  driveMinutesPerContactHour: { network: round(l.travelMinutesPerContactHour.drive), straightLine: round(bySl.lots[i]!.travelMinutesPerContactHour.drive) },
  walkMinutesPerContactHour: { network: round(l.travelMinutesPerContactHour.walk), straightLine: round(bySl.lots[i]!.travelMinutesPerContactHour.walk) },
  costPerContactHour: { network: round(l.costPerContactHour), straightLine: round(bySl.lots[i]!.costPerContactHour) },
}));
results.push(r);

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100;
}

writeResults("cost", { command: "npx tsx bench/cost.bench.ts", results });

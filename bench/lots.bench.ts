// Lot design speed and quality: real LSOA sets (396 / 611 / 921) and seeded synthetic grids (2,500 / 10,000 /
// 20,000 cells), full method vs grow-only vs the naive random-growth baseline; on the Leicestershire county
// (issue 18 target 4) the per-CCG distance to lot centre, max/min hours, Polsby–Popper and the trade-off curve
// of distance against balance over weights.compactness and balanceTolerance. Wall and CPU time and the load
// average are recorded with each run (2 shared cores: compare CPU ms when the load is high).
// Run: npx tsx bench/lots.bench.ts
import { straightLineTravel } from "../src/coverage/straight-line.js";
import { designLots } from "../src/lots/design-lots.js";
import { evaluateLots } from "../src/lots/evaluate-lots.js";
import type { AreaAdjacency } from "../src/lots/types.js";
import type { DemandHours, Area } from "../src/domain/index.js";
import type { DesignLotsOptions } from "../src/schema/lots.js";
import { grid } from "../test/lots/grid.js";
import { ELR, LEICS_HOURS, WL, realSet } from "../test/lots/real-data.js";
import { readQuotedCsv } from "../test/lots/real-data.js";
import { loadavg } from "node:os";
import { timeMs, writeResults } from "./util.js";

const COMMAND = "npx tsx bench/lots.bench.ts";
const load = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);
function timeCpu<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t = timeMs(fn);
  const c = process.cpuUsage(c0);
  return { ms: t.ms, cpuMs: (c.user + c.system) / 1000, value: t.value };
}

const METHODS = ["grow-and-improve", "grow", "random-grow"] as const;

function run(label: string, areas: Area[], adjacency: AreaAdjacency, demand: DemandHours, opts: DesignLotsOptions, targetMs: number | null, repeats = 3, methods: readonly (typeof METHODS)[number][] = METHODS) {
  const out: Record<string, unknown> = { label, n: areas.length, loadBefore: load() };
  for (const method of methods) {
    const times: number[] = [];
    const cpu: number[] = [];
    let plan = repeats > 1 ? designLots(areas, adjacency, demand, { ...opts, method }) : null; // warm-up (JIT)
    for (let r = 0; r < repeats; r++) {
      const t = timeCpu(() => designLots(areas, adjacency, demand, { ...opts, method }));
      times.push(t.ms);
      cpu.push(t.cpuMs);
      plan = t.value;
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    if (plan === null) throw new Error("no run");
    const ev = evaluateLots(plan, areas, adjacency, demand, { bridges: plan.bridges });
    out[method] = {
      medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10,
      medianCpuMs: Math.round(cpu[Math.floor(cpu.length / 2)]! * 10) / 10,
      lots: plan.lots.length,
      status: plan.status,
      maxDeviation: Math.round(ev.summary.maxDeviation * 10000) / 10000,
      minHours: ev.summary.minHours,
      maxHours: ev.summary.maxHours,
      meanDistanceKm: Math.round(ev.summary.meanDistanceKm * 1000) / 1000,
      contiguous: ev.summary.contiguous,
      nested: ev.summary.nested,
    };
  }
  const full = out["grow-and-improve"] as { medianMs: number; medianCpuMs: number };
  if (targetMs !== null) out.target = { maxMs: targetMs, metWall: full.medianMs <= targetMs, metCpu: full.medianCpuMs <= targetMs };
  out.loadAfter = load();
  console.log(label, JSON.stringify(out));
  return out;
}

const results: Record<string, unknown>[] = [];

/** Per CCG: demand-weighted mean distance to the lot's demand-weighted centre, max/min hours, mean Polsby–Popper. */
function perParent(s: ReturnType<typeof realSet>, opts: DesignLotsOptions) {
  const t = timeCpu(() => designLots(s.areas, s.adjacency, s.demand.hours, opts));
  const ev = evaluateLots(t.value, s.areas, s.adjacency, s.demand.hours, { boundaries: s.boundaries });
  const out: Record<string, unknown> = { ms: Math.round(t.ms), cpuMs: Math.round(t.cpuMs), status: t.value.status };
  for (const [name, p] of [["east", ELR], ["west", WL]] as const) {
    const ls = ev.lots.filter((l) => l.parent === p);
    const H = ls.reduce((a, l) => a + l.hours, 0);
    const hs = ls.map((l) => l.hours);
    out[name] = {
      parent: p,
      lots: ls.length,
      meanDistanceKm: Math.round((ls.reduce((a, l) => a + l.meanDistanceKm * l.hours, 0) / H) * 1000) / 1000,
      maxOverMinHours: Math.round((Math.max(...hs) / Math.min(...hs)) * 10000) / 10000,
      meanPolsbyPopper: Math.round((ls.reduce((a, l) => a + l.polsbyPopper!, 0) / ls.length) * 1000) / 1000,
    };
  }
  return out;
}

// Issue 18 target 4: the county, default options (seeds 1–3), and the trade-off curve.
{
  const s = realSet("county");
  const lpp = { lotsPerParent: { [ELR]: 8, [WL]: 10 } };
  designLots(s.areas, s.adjacency, s.demand.hours, lpp); // warm-up (JIT)
  const seeds = [1, 2, 3].map((seed) => ({ seed, ...perParent(s, { ...lpp, seed }) }));
  const curve: Record<string, unknown>[] = [];
  for (const balanceTolerance of [0.02, 0.05, 0.1]) {
    for (const compactness of [0.3, 1, 3, 10]) {
      const r = perParent(s, { ...lpp, weights: { compactness }, balanceTolerance });
      curve.push({ compactness, balanceTolerance, ...r });
    }
  }
  const r = {
    label: "leicestershire-county-396-target4",
    n: 396,
    load: load(),
    seeds,
    target: { eastKm: 3.54, westKm: 2.98, maxOverMin: 1.07, maxMs: 2000 },
    reference: {
      note: "issue 18: spopt regionalisers on coordinates (East / West km; their lots are 2-12x apart in hours)",
      ward: [3.22, 2.69],
      skater: [3.14, 2.72],
      azp: [3.54, 2.98],
      previousDesignLots: { eastKm: 4.44, westKm: 3.2, maxOverMin: 1.07, polsbyPopper: [0.185, 0.21] },
    },
    tradeOff: curve,
  };
  console.log(JSON.stringify(r));
  results.push(r);
}

// 396: Leicestershire County Council area, 8 lots in ELR CCG and 10 in West Leicestershire CCG.
{
  const s = realSet("county");
  results.push(run("leicestershire-county-396", s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 } }, 2000));
}
// 611: county + Leicester + Rutland. Hours: the county's rate per person 60+ applied to all 611 (60+ is the
// only age column covering Rutland), so the county keeps about its 20,317 h.
const master = readQuotedCsv("lsoa11_master.csv");
const sum60 = (f: (r: Record<string, string>) => boolean) => master.filter(f).reduce((a, r) => a + Number(r.age_60plus_mid2015), 0);
const rate = LEICS_HOURS / sum60((r) => r.utla_cd === "E10000018");
{
  const s = realSet("leics", "ccg", Math.round(rate * sum60((r) => r.area_set === "leicestershire")));
  results.push(run("leicestershire-611", s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 9, [WL]: 10, E38000097: 10 } }, 2000));
}
// 921: both study areas (6 CCGs), same per-person rate.
{
  const s = realSet("all", "ccg", Math.round(rate * sum60(() => true)));
  results.push(
    run("leicestershire-bradford-921", s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 9, [WL]: 10, E38000097: 10, E38000001: 3, E38000018: 3, E38000019: 12 } }, 2000),
  );
}
// Bradford: hours floor 1,000 h/week and a 90-minute straight-line walking limit (4.8 km/h × 1.3).
{
  const s = realSet("bradford", "ccg");
  const pts = s.areas.map((a) => ({ id: a.id, lonLat: [...a.lonLat] as [number, number] }));
  const matrix = straightLineTravel({ detour: { walk: 1.3 } }).matrix(pts, pts, ["walk"]);
  const opts: DesignLotsOptions = { hoursPerLot: { min: 1000 }, travelLimit: { matrix, mode: "walk", maxMinutes: 90 }, restarts: 20 };
  designLots(s.areas, s.adjacency, s.demand.hours, opts);
  const t = timeMs(() => designLots(s.areas, s.adjacency, s.demand.hours, opts));
  const naive = designLots(s.areas, s.adjacency, s.demand.hours, { ...opts, method: "random-grow" });
  const r = { label: "bradford-310-floor1000-walk90", n: 310, ms: Math.round(t.ms), lots: t.value.lots.length, status: t.value.status, violations: t.value.violations.length, perParent: t.value.parents.map((p) => [p.parent, p.lots]), naive: { lots: naive.lots.length, status: naive.status, violations: naive.violations.length } };
  console.log(JSON.stringify(r));
  results.push(r);
}
// Synthetic grids: ~100 cells per lot, hours uniform 10–99 per cell (seeded).
const gridRows: { n: number; ms: number; cpuMs: number }[] = [];
for (const [rows, cols, k, target] of [[50, 50, 25, null], [100, 100, 100, null], [100, 200, 200, 3000]] as const) {
  const g = grid(rows, cols, { seed: 1 });
  const n = rows * cols;
  const r = run(`grid-${n}`, g.areas, g.adjacency, g.hours, { lotCount: k }, target, n >= 10000 ? 1 : 3, n >= 20000 ? ["grow-and-improve"] : METHODS);
  results.push(r);
  const full = r["grow-and-improve"] as { medianMs: number; medianCpuMs: number };
  gridRows.push({ n, ms: full.medianMs, cpuMs: full.medianCpuMs });
}
// Growth exponent of CPU time with size (grids): t ∝ n^b.
const first = gridRows[0]!, last = gridRows[gridRows.length - 1]!;
const b = Math.log(last.cpuMs / first.cpuMs) / Math.log(last.n / first.n);
results.push({ label: "time-growth", grids: gridRows, exponent: Math.round(b * 100) / 100, note: `CPU t ∝ n^b between ${first.n} and ${last.n} cells (lots scale with n)` });
writeResults("lots", { command: COMMAND, loadAtEnd: load(), runs: results });

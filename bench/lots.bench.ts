// Lot design speed and quality: real LSOA sets (396 / 611 / 921) and seeded synthetic grids (2,500 / 10,000
// cells), full method vs grow-only vs the naive random-growth baseline. Run: npx tsx bench/lots.bench.ts
import { straightLineTravel } from "../src/coverage/straight-line.js";
import { designLots } from "../src/lots/design-lots.js";
import { evaluateLots } from "../src/lots/evaluate-lots.js";
import type { AreaAdjacency, LotArea } from "../src/lots/types.js";
import type { DemandHours } from "../src/domain/index.js";
import type { DesignLotsOptions } from "../src/schema/lots.js";
import { grid } from "../test/lots/grid.js";
import { ELR, LEICS_HOURS, WL, realSet } from "../test/lots/real-data.js";
import { readQuotedCsv } from "../test/lots/real-data.js";
import { timeMs, writeResults } from "./util.js";

const METHODS = ["grow-and-improve", "grow", "random-grow"] as const;

function run(label: string, areas: LotArea[], adjacency: AreaAdjacency, demand: DemandHours, opts: DesignLotsOptions, targetMs: number | null, repeats = 3) {
  const out: Record<string, unknown> = { label, n: areas.length };
  for (const method of METHODS) {
    const times: number[] = [];
    let plan = designLots(areas, adjacency, demand, { ...opts, method }); // warm-up (JIT)
    for (let r = 0; r < repeats; r++) {
      const t = timeMs(() => designLots(areas, adjacency, demand, { ...opts, method }));
      times.push(t.ms);
      plan = t.value;
    }
    times.sort((a, b) => a - b);
    const ev = evaluateLots(plan, areas, adjacency, demand, { bridges: plan.bridges });
    out[method] = {
      medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10,
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
  const full = out["grow-and-improve"] as { medianMs: number };
  if (targetMs !== null) out.target = { maxMs: targetMs, met: full.medianMs < targetMs };
  console.log(label, JSON.stringify(out));
  return out;
}

const results: Record<string, unknown>[] = [];

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
const gridRows: { n: number; ms: number }[] = [];
for (const [side, k, target] of [[50, 25, null], [100, 100, 30000]] as const) {
  const g = grid(side, side, { seed: 1 });
  const r = run(`grid-${side * side}`, g.areas, g.adjacency, g.hours, { lotCount: k }, target, side >= 100 ? 1 : 3);
  results.push(r);
  gridRows.push({ n: side * side, ms: (r["grow-and-improve"] as { medianMs: number }).medianMs });
}
// Growth exponent of time with size (grids): t ∝ n^b.
const b = Math.log(gridRows[1]!.ms / gridRows[0]!.ms) / Math.log(gridRows[1]!.n / gridRows[0]!.n);
results.push({ label: "time-growth", grids: gridRows, exponent: Math.round(b * 100) / 100, note: "t ∝ n^b between 2,500 and 10,000 cells (lots scale with n)" });
writeResults("lots", results);

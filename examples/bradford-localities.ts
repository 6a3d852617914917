// Example: Bradford small locality contracts that carers without a car can work (Bradford's 2018
// re-commissioning: 35,000 home-support hours a week, "contracts covering smaller areas would allow the
// recruitment of staff who did not drive"). Run with `npx tsx examples/bradford-localities.ts` (writes
// out/bradford/) or import runBradford({ outDir }).
//
// Steps: 310 Bradford LSOAs → spread 35,000 h/week by residents aged 60+ → as many locality lots as
// 700–1,400 h/week bounds allow, nested in the 2019 CCGs, with any two areas of a lot at most 40 min
// apart by bike (straight-line estimate) → walkability per lot → synthetic providers whose staff mostly
// walk, cycle or take the bus → coverage → allocation → map and report.
import { join } from "node:path";
import { allocate } from "../src/allocate/allocate.js";
import { boundaryAdjacency } from "../src/boundaries/adjacency.js";
import { areasFromBoundaries } from "../src/boundaries/areas.js";
import { computeCoverage } from "../src/coverage/coverage.js";
import { lotCoverage } from "../src/coverage/lot-coverage.js";
import { straightLineTravel } from "../src/coverage/straight-line.js";
import type { TravelMode, Area } from "../src/domain/index.js";
import { lotWalkability } from "../src/coverage/walkability.js";
import { estimateDemand } from "../src/demand/estimate-demand.js";
import { compareIds } from "../src/internal/sort.js";
import { designLots } from "../src/lots/design-lots.js";
import { writeCsv } from "../src/node/csv.js";
import { writeFileAtomic } from "../src/node/files.js";
import { generateProviders } from "../src/providers/generate.js";
import { renderMap } from "../src/report/render-map.js";
import { renderReport } from "../src/report/render-report.js";
import { formatGrouped } from "../src/internal/format.js";
import type { ReportLotRow } from "../src/schema/report.js";
import { readLsoas, readMaster, readPostcodePoints } from "./demo-leicestershire.js";
import { leadProvidersOf } from "../src/report/allocation-report-rows.js";

const TOTAL_HOURS = 35000;
/** Weekly hours per locality lot (small contracts). */
export const LOT_HOURS = { min: 700, max: 1400 } as const;
/** Longest bike ride between two areas of one lot, minutes (straight-line estimate). */
export const CYCLE_LIMIT_MINUTES = 40;
const THRESHOLDS: Readonly<Record<TravelMode, number>> = { drive: 20, walk: 30, cycle: 25, transit: 40 };

/** What the Bradford example found; also written to summary.json. */
export interface BradfordSummary {
  lsoas: number;
  demand: { totalHours: number; weightColumn: string };
  lots: { count: number; status: string; minHours: number; maxHours: number; maxCycleMinutes: number; walkableLots: number };
  providers: number;
  allocation: { status: string; weeklyCost: number; unmetHours: number; lotsWithLead: number; lotsWithContingency: number };
  files: string[];
}

/**
 * Runs the Bradford locality example and writes its outputs to `outDir`.
 *
 * @param options - `outDir`; `log` for progress lines.
 * @returns the {@link BradfordSummary}.
 * @example
 * ```ts
 * import { runBradford } from "./examples/bradford-localities.js";
 * (await runBradford({ outDir: "out/bradford" })).lsoas; // 310
 * ```
 */
export async function runBradford(options: { outDir: string; log?: (line: string) => void }): Promise<BradfordSummary> {
  const log = options.log ?? (() => {});
  const out = options.outDir;
  const files: string[] = [];

  const lsoas = await readLsoas("lsoa11_bradford.geojson", () => true);
  const master = await readMaster("bradford");
  // Census 2011 65+ is blank for Bradford in this table, so the estimate falls back to 60+ (mid-2015).
  const demand = estimateDemand(master, { totalHours: TOTAL_HOURS, weightBy: ["census2011_age_65plus", "age_60plus_mid2015"], idProperty: "lsoa11cd" });
  log(`Loaded ${lsoas.ids.length} LSOAs; ${TOTAL_HOURS} h/week spread by ${demand.weightColumn}`);

  const adjacency = boundaryAdjacency(lsoas);
  const areas: Area[] = master
    .map((r): Area => ({ id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)], parent: r.ccg19cd!, urbanRural: r.urban_rural === "Urban" ? "urban" : "rural" }))
    .sort((a, b) => compareIds(a.id, b.id));
  const pwc = Object.fromEntries(master.map((r) => [r.lsoa11cd!, [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number]]));
  const points = areasFromBoundaries(lsoas, { points: pwc });
  const areaTravel = straightLineTravel().matrix(points, points, ["walk", "cycle", "transit"]);

  const designed = designLots(areas, adjacency.neighbours, demand.hours, {
    hoursPerLot: { ...LOT_HOURS },
    travelLimit: { matrix: areaTravel, mode: "cycle", maxMinutes: CYCLE_LIMIT_MINUTES },
    seed: 2018,
  });
  // Short lot names: AWC (Airedale, Wharfedale & Craven CCG), BC (Bradford City CCG), BD (Bradford Districts CCG).
  const short: Record<string, string> = { E38000001: "AWC", E38000018: "BC", E38000019: "BD" };
  const plan = { ...designed, lots: designed.lots.map((l) => ({ ...l, id: l.id.replace(/^(E\d+)-/, (m, p: string) => `${short[p] ?? p}-`) })) };
  const walk = lotWalkability(plan, areaTravel, demand.hours, { thresholdMinutes: 30, modes: ["walk", "cycle", "transit"] });
  // Longest bike ride inside any lot, from the matrix directly.
  const idx = new Map(areaTravel.originIds.map((id, i) => [id, i]));
  const n = areaTravel.destinationIds.length;
  let maxWalk = 0;
  for (const lot of plan.lots) {
    for (const a of lot.areaIds) for (const b of lot.areaIds) maxWalk = Math.max(maxWalk, areaTravel.minutes.cycle![idx.get(a)! * n + idx.get(b)!]!);
  }
  const hours = plan.lots.map((l) => l.hours);
  log(`Lots: ${plan.lots.length} localities (${plan.status}), ${Math.min(...hours)}–${Math.max(...hours)} h/week, longest bike ride inside a lot ${maxWalk.toFixed(1)} min`);

  // Providers whose carers mostly do not drive (drive share 0–30 %).
  const postcodes = await readPostcodePoints("bradford", new Set(lsoas.ids));
  const providers = generateProviders({ count: 50, seed: 2018, points: postcodes.map((p) => p.lonLat), driveShare: [0, 0.3], capacityHours: [300, 1500] });
  const coverage = computeCoverage({ providers, areas: points, travel: straightLineTravel(), thresholdMinutes: { ...THRESHOLDS } });
  const reach = lotCoverage(plan, coverage, demand.hours);
  const urban = new Map(points.map((p) => [p.id, p.urbanRural === "urban"]));
  const allocation = await allocate(
    {
      lots: plan.lots.map((l) => ({
        id: l.id,
        urbanHours: l.areaIds.reduce((s, a) => s + (urban.get(a) === true ? (demand.hours[a] ?? 0) : 0), 0),
        ruralHours: l.areaIds.reduce((s, a) => s + (urban.get(a) === true ? 0 : (demand.hours[a] ?? 0)), 0),
      })),
      providers: providers.map((p) => ({ id: p.id, capacityHours: p.capacityHours, ratePerHour: p.ratePerHour })),
      eligibility: reach.filter((r) => r.share > 0).map((r) => ({ lotId: r.lotId, providerId: r.providerId, share: r.share })),
      policy: { ruralWeight: 1.15 },
    },
    // The LP formulation (hours only, lead = largest share afterwards) solves ~40 lots × 50 providers in
    // well under a second and to optimality, so the example stays fast and its output reproducible.
    { formulation: "lp", timeLimitSec: 300 },
  );
  const lotsWithLead = allocation.lots.filter((l) => l.lead !== null).length;
  const lotsWithContingency = allocation.lots.filter((l) => l.contingency !== null).length;
  log(`Allocation: ${allocation.status}, £${formatGrouped(allocation.weeklyCost, 0)}/week, ${formatGrouped(allocation.unmetHours, 1)} unmet h/week, ${lotsWithLead}/${plan.lots.length} lots with a lead`);

  const walkOf = new Map(walk.map((w) => [w.lotId, w]));
  await writeCsv(
    join(out, "lots.csv"),
    plan.lots.map((l) => ({
      lot_id: l.id,
      parent: l.parent ?? "",
      areas: l.areaIds.length,
      hours: l.hours,
      walk_p90_minutes: walkOf.get(l.id)?.byMode.walk?.p90Minutes,
      cycle_p90_minutes: walkOf.get(l.id)?.byMode.cycle?.p90Minutes,
      non_driving_ok: walkOf.get(l.id)?.nonDrivingOk ?? false,
    })),
    { decimals: 2 },
  );
  await writeCsv(join(out, "demand.csv"), lsoas.ids.map((id) => ({ area_id: id, hours: demand.hours[id] ?? 0 })));
  files.push("demand.csv");
  await writeCsv(join(out, "lot-areas.csv"), plan.lots.flatMap((l) => l.areaIds.map((a) => ({ area_id: a, lot_id: l.id, parent: l.parent ?? "" }))).sort((a, b) => compareIds(a.area_id, b.area_id)));
  files.push("lots.csv", "lot-areas.csv");

  const leadProviders = leadProvidersOf(allocation);
  const svg = renderMap(lsoas, plan, {
    title: `Bradford: ${plan.lots.length} locality contracts for carers who do not drive (example)`,
    subtitle: `${lsoas.ids.length} LSOAs, ${formatGrouped(TOTAL_HOURS, 0)} h/week; ${LOT_HOURS.min}–${LOT_HOURS.max} h per lot; any two areas of a lot ≤ ${CYCLE_LIMIT_MINUTES} min by bike`,
    providers: providers.map((p) => ({ id: p.id, lonLat: p.lonLat })),
    leadProviders,
    lotLegend: Object.fromEntries(plan.lots.map((l) => [l.id, `${formatGrouped(l.hours, 0)} h, lead ${leadProviders[l.id] ?? "none"}`])),
  });
  await writeFileAtomic(join(out, "map.svg"), svg);
  const report = renderReport({
    title: "Bradford locality contracts (example)",
    intro: `${lsoas.ids.length} LSOAs in Bradford, ${formatGrouped(TOTAL_HOURS, 0)} hours/week spread by residents aged 60+. Providers are synthetic, with mostly non-driving staff.`,
    summary: [
      ["Lots", `${plan.lots.length} (${plan.status})`],
      ["Walkable lots (p90 ≤ 30 min on foot, by bike or bus)", `${walk.filter((w) => w.nonDrivingOk).length} of ${walk.length}`],
      ["Weekly cost", `£${formatGrouped(allocation.weeklyCost, 0)}`],
      ["Unmet hours", `${formatGrouped(allocation.unmetHours, 1)} h/week`],
    ],
    lots: allocation.lots.map((l) => {
      const lot = plan.lots.find((x) => x.id === l.lotId)!;
      const row: ReportLotRow = { lotId: l.lotId, areaCount: lot.areaIds.length, demandHours: l.demandHours, supplementaryProviderIds: l.supplementary.map((s) => s.providerId), assignedHours: l.deliveredHours, unmetHours: l.unmetHours, weeklyCost: l.weeklyCost };
      if (lot.parent !== undefined) row.parent = lot.parent;
      if (l.lead !== null) row.leadProviderId = l.lead;
      if (l.contingency !== null) row.contingencyProviderId = l.contingency;
      return row;
    }),
    mapSvg: svg,
    notes: [
      "Providers are synthetic; travel times are straight-line estimates.",
      "Allocated with the LP formulation (hours only; the lead is the provider with the most hours afterwards), so a lead may deliver less than the 60% lead share; the notes below list where.", ...plan.violations.map((v) => v.message), ...allocation.warnings],
  });
  await writeFileAtomic(join(out, "report.md"), report.markdown);
  await writeFileAtomic(join(out, "report.html"), report.html);
  files.push("map.svg", "report.md", "report.html", "summary.json");

  const round = (x: number): number => Math.round(x * 100) / 100;
  const summary: BradfordSummary = {
    lsoas: lsoas.ids.length,
    demand: { totalHours: Object.values(demand.hours).reduce((s, h) => s + h, 0), weightColumn: demand.weightColumn },
    lots: { count: plan.lots.length, status: plan.status, minHours: Math.min(...hours), maxHours: Math.max(...hours), maxCycleMinutes: round(maxWalk), walkableLots: walk.filter((w) => w.nonDrivingOk).length },
    providers: providers.length,
    allocation: { status: allocation.status, weeklyCost: round(allocation.weeklyCost), unmetHours: round(allocation.unmetHours), lotsWithLead, lotsWithContingency },
    files: [...files].sort(compareIds),
  };
  await writeFileAtomic(join(out, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = await runBradford({ outDir: "out/bradford", log: (l) => console.log(l) });
  console.log(`Wrote ${summary.files.join(", ")} to out/bradford/`);
}

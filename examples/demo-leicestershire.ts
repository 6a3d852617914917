// Demo: Leicestershire County Council home care ("Help to Live at Home", re-procured 2019) on the embedded
// open data in geodata/. Run with `npm run demo` (writes out/) or import runDemo({ outDir }) in a test.
//
// Steps: load the 396 County Council LSOAs → adjacency → spread 20,317 h/week by population 65+ →
// 18 CCG-aligned lots (8 East Leicestershire & Rutland E38000051, 10 West Leicestershire E38000201) →
// seeded synthetic providers on real postcodes → coverage by mode → lead / supplementary / contingency
// allocation with rural/urban rates → N-1 withdrawal sweep → CSV, GeoJSON, SVG map, Markdown/HTML report.
import { join } from "node:path";
import { z } from "zod";
import { boundaryAdjacency } from "../src/boundaries/adjacency.js";
import { loadBoundaries } from "../src/boundaries/load.js";
import type { Boundaries } from "../src/boundaries/types.js";
import { estimateDemand } from "../src/demand/estimate-demand.js";
import { allocate } from "../src/allocate/allocate.js";
import type { AllocationResult } from "../src/allocate/types.js";
import { withdrawalSweep } from "../src/allocate/withdrawal.js";
import { areasFromBoundaries } from "../src/boundaries/areas.js";
import { computeCoverage } from "../src/coverage/coverage.js";
import { lotCoverage } from "../src/coverage/lot-coverage.js";
import { straightLineTravel } from "../src/coverage/straight-line.js";
import type { Provider, TravelMode, Area } from "../src/domain/index.js";
import { designLots } from "../src/lots/design-lots.js";
import { evaluateLots } from "../src/lots/evaluate-lots.js";
import { lotsToGeoJSON } from "../src/lots/lots-to-geojson.js";
import { generateProviders } from "../src/providers/generate.js";
import { renderMap } from "../src/report/render-map.js";
import { allocationToRows, withdrawalToRows } from "../src/io/rows.js";
import { leadProvidersOf, withdrawalReportRows, worstWithdrawal } from "../src/report/allocation-report-rows.js";
import { compareIds } from "../src/internal/sort.js";
import { readCsv, writeCsv, type CsvRow } from "../src/node/csv.js";
import { readGeoJSON, writeFileAtomic, writeGeoJSON } from "../src/node/files.js";
import { renderReport } from "../src/report/render-report.js";
import { formatGrouped } from "../src/internal/format.js";
import type { ReportInput, ReportLotRow } from "../src/schema/report.js";

const GEODATA = new URL("../geodata/", import.meta.url).pathname;
const COUNTY = "E10000018";
/** Lots per CCG (2019 codes): East Leicestershire & Rutland 8, West Leicestershire 10. */
export const CCG_LOTS: Readonly<Record<string, number>> = { E38000051: 8, E38000201: 10 };
const TOTAL_HOURS = 20317;
/** Travel-time thresholds per staff mode (minutes, straight-line estimates). */
export const THRESHOLDS: Readonly<Record<TravelMode, number>> = { drive: 40, walk: 20, cycle: 20, transit: 45 };

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** Folder the outputs are written to (created). */
  outDir: string;
  /** Number of synthetic providers (default 30). */
  providerCount?: number;
  /** Seed for lot design (default 2019). */
  seed?: number;
  /** Seed for the synthetic providers (default 2019). */
  providerSeed?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** What the demo found; also written to `summary.json`. */
export interface DemoSummary {
  lsoas: number;
  lsoasByCcg: Record<string, number>;
  lsoasByLad: Record<string, number>;
  adjacency: { pairs: number; meanNeighbours: number; components: number; islands: number };
  demand: { totalHours: number; weightColumn: string; minHours: number; maxHours: number };
  lots?: { count: number; byParent: Record<string, number>; status: string; minHours: number; maxHours: number };
  providers?: number;
  allocation?: { status: string; weeklyCost: number; unmetHours: number; lotsWithLead: number; lotsWithContingency: number };
  withdrawal?: { scenarios: number; worstProvider: string; worstAddedUnmetHours: number };
  /** Pipeline steps not run (their engine is not available in this build). */
  missingSteps: string[];
  files: string[];
}

/** Reads postcode centroids `[lon, lat]` whose LSOA (by point in polygon) is in `lsoaIds`, in file order. */
export async function readPostcodePoints(areaSet: string, lsoaIds: ReadonlySet<string>): Promise<{ postcode: string; lonLat: [number, number] }[]> {
  const rows = await readCsv(
    join(GEODATA, "postcode_centroids.csv"),
    z.object({ area_set: z.string(), postcode: z.string(), lat: z.coerce.number(), lon: z.coerce.number(), lsoa11cd_pip: z.string().optional() }),
  );
  return rows.filter((r) => r.area_set === areaSet && r.lsoa11cd_pip !== undefined && lsoaIds.has(r.lsoa11cd_pip)).map((r) => ({ postcode: r.postcode, lonLat: [r.lon, r.lat] }));
}

/** Reads lsoa11_master.csv rows (as strings; blank cells absent) for the given area set. */
export async function readMaster(areaSet: string): Promise<Record<string, string>[]> {
  const rows = await readCsv(join(GEODATA, "lsoa11_master.csv"), z.record(z.string(), z.string().optional()));
  return rows
    .filter((r) => r.area_set === areaSet)
    .map((r) => Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined)));
}

/** Loads the LSOA polygons of one area set, keeping features that pass `keep`. */
export async function readLsoas(file: string, keep: (props: Record<string, unknown>) => boolean): Promise<Boundaries> {
  const fc = (await readGeoJSON(join(GEODATA, file))) as { type: string; features: { properties: Record<string, unknown> }[] };
  return loadBoundaries({ ...fc, features: fc.features.filter((f) => keep(f.properties)) }, { idProperty: "lsoa11cd" });
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort(compareIds)) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Runs the Leicestershire demo end to end and writes its outputs to `outDir`.
 *
 * @param options - `outDir`, `providerCount` (30), `seed` (2019), `log`.
 * @returns the {@link DemoSummary} (also written as summary.json).
 * @example
 * ```ts
 * import { runDemo } from "./examples/demo-leicestershire.js";
 * const s = await runDemo({ outDir: "out" });
 * s.lsoas; // 396
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const t0 = Date.now();
  const log = (line: string): void => options.log?.(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${line}`);
  const out = options.outDir;
  const files: string[] = [];
  const missingSteps: string[] = [];

  // 1. Boundaries: the County Council area only (utla E10000018), 396 LSOAs.
  const lsoas = await readLsoas("lsoa11_leicestershire.geojson", (p) => p.utla_cd === COUNTY);
  const props = lsoas.features.map((f) => f.properties);
  const lsoasByCcg = countBy(props.map((p) => String(p.ccg19cd)));
  const lsoasByLad = countBy(props.map((p) => String(p.lad19cd)));
  log(`Loaded ${lsoas.ids.length} LSOAs: ${Object.entries(lsoasByCcg).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  const adjacency = boundaryAdjacency(lsoas);
  const adjacencyStats = {
    pairs: adjacency.pairCount,
    meanNeighbours: round((2 * adjacency.pairCount) / lsoas.ids.length),
    components: adjacency.components.length,
    islands: adjacency.islands.length,
  };
  log(`Adjacency (rook): ${adjacencyStats.pairs} pairs, ${adjacencyStats.meanNeighbours} neighbours on average, ${adjacencyStats.components} component(s)`);

  // 2. Demand: 20,317 h/week spread by residents aged 65+ (Census 2011), whole hours conserved.
  const master = (await readMaster("leicestershire")).filter((r) => r.utla_cd === COUNTY);
  const demand = estimateDemand(master, { totalHours: TOTAL_HOURS, weightBy: ["census2011_age_65plus", "age_60plus_mid2015"], idProperty: "lsoa11cd" });
  const hoursList = Object.values(demand.hours);
  const demandStats = { totalHours: hoursList.reduce((s, h) => s + h, 0), weightColumn: demand.weightColumn, minHours: Math.min(...hoursList), maxHours: Math.max(...hoursList) };
  log(`Demand: ${demandStats.totalHours} h/week by ${demand.weightColumn} (${demandStats.minHours}–${demandStats.maxHours} h per LSOA)`);

  const demandRows: CsvRow[] = lsoas.ids.map((id) => {
    const p = lsoas.features[lsoas.indexById.get(id)!]!.properties;
    return { area_id: id, hours: demand.hours[id] ?? 0, lsoa11nm: String(p.lsoa11nm), ccg19cd: String(p.ccg19cd), lad19cd: String(p.lad19cd), urban_rural: String(p.urban_rural) };
  });
  await writeCsv(join(out, "demand.csv"), demandRows);
  files.push("demand.csv");

  // 3. Lots: 18 contiguous lots nested in the 2019 CCGs, balanced on hours, compact.
  const areas: Area[] = master
    .map((r): Area => ({ id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)], parent: r.ccg19cd!, urbanRural: r.urban_rural === "Urban" ? "urban" : "rural", population: Number(r.pop_mid2018) }))
    .sort((a, b) => compareIds(a.id, b.id));
  const designed = designLots(areas, adjacency.neighbours, demand.hours, { lotsPerParent: { ...CCG_LOTS }, seed: options.seed ?? 2019 });
  // Short lot names as the council uses them: ELR-01…ELR-08 (East Leicestershire & Rutland), WL-01…WL-10.
  const design = { ...designed, lots: designed.lots.map((l) => ({ ...l, id: l.id.replace(/^E38000051-/, "ELR-").replace(/^E38000201-/, "WL-") })) };
  const lotHours = design.lots.map((l) => l.hours);
  const lotStats = {
    count: design.lots.length,
    byParent: countBy(design.lots.map((l) => l.parent ?? "")),
    status: design.status,
    minHours: Math.min(...lotHours),
    maxHours: Math.max(...lotHours),
  };
  log(`Lots: ${lotStats.count} (${Object.entries(lotStats.byParent).map(([k, v]) => `${v} in ${k}`).join(", ")}), ${lotStats.minHours}–${lotStats.maxHours} h/week each, ${design.status}`);
  const lotOfArea = new Map<string, string>();
  for (const lot of design.lots) for (const a of lot.areaIds) lotOfArea.set(a, lot.id);
  await writeCsv(
    join(out, "lots.csv"),
    design.lots.map((l) => ({ lot_id: l.id, parent: l.parent ?? "", areas: l.areaIds.length, hours: l.hours })),
  );
  await writeCsv(join(out, "lot-areas.csv"), lsoas.ids.map((id) => ({ area_id: id, lot_id: lotOfArea.get(id) ?? "", parent: String(lsoas.features[lsoas.indexById.get(id)!]!.properties.ccg19cd) })));
  files.push("lots.csv", "lot-areas.csv");

  const evaluation = evaluateLots(design, areas, adjacency.neighbours, demand.hours, { boundaries: lsoas });
  await writeGeoJSON(join(out, "lots.geojson"), lotsToGeoJSON(design, lsoas, { evaluation: { lots: evaluation.lots.map((l) => ({ ...l })) } }));
  files.push("lots.geojson");

  // 4. Providers: SYNTHETIC, seeded, on real postcode centroids inside the county.
  const postcodes = await readPostcodePoints("leicestershire", new Set(lsoas.ids));
  const providers: Provider[] = generateProviders({ count: options.providerCount ?? 40, seed: options.providerSeed ?? 2019, points: postcodes.map((p) => p.lonLat) });
  const postcodeAt = new Map(postcodes.map((p) => [`${p.lonLat[0]},${p.lonLat[1]}`, p.postcode]));
  const baseOf = (p: Provider): string => postcodeAt.get(`${p.lonLat[0]},${p.lonLat[1]}`) ?? "";
  log(`Providers: ${providers.length} synthetic, ${providers.reduce((s, p) => s + p.capacityHours, 0)} h/week capacity, on ${postcodes.length} candidate postcodes`);
  await writeCsv(
    join(out, "providers.csv"),
    providers.map((p) => ({ provider_id: p.id, postcode: baseOf(p), lon: p.lonLat[0], lat: p.lonLat[1], capacity_hours: p.capacityHours, rate_per_hour: p.ratePerHour, ...p.staffMix })),
  );
  files.push("providers.csv");

  // 5. Coverage by mode (straight-line times from each base to population-weighted LSOA centroids).
  const pwc = Object.fromEntries(master.map((r) => [r.lsoa11cd!, [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number]]));
  const travelAreas = areasFromBoundaries(lsoas, { points: pwc });
  const coverage = computeCoverage({ providers, areas: travelAreas, travel: straightLineTravel(), thresholdMinutes: { ...THRESHOLDS } });
  const reach = lotCoverage(design, coverage, demand.hours);
  await writeCsv(
    join(out, "coverage.csv"),
    reach.map((r) => ({ provider_id: r.providerId, lot_id: r.lotId, share: r.share, non_driving_share: r.nonDrivingShare, drive: r.byMode.drive, walk: r.byMode.walk, cycle: r.byMode.cycle, transit: r.byMode.transit })),
    { columns: ["provider_id", "lot_id", "share", "non_driving_share", "drive", "walk", "cycle", "transit"], decimals: 4 },
  );
  files.push("coverage.csv");
  // Per area: how many providers reach it by car within the threshold (for the map's hatching).
  const driveBit = 1 << coverage.modes.indexOf("drive");
  const reachers = new Map<string, number>();
  for (let p = 0; p < coverage.providerIds.length; p++) {
    for (let k = coverage.offsets[p]!; k < coverage.offsets[p + 1]!; k++) {
      if ((coverage.withinMask[k]! & driveBit) !== 0) {
        const a = coverage.areaIds[coverage.areaIndex[k]!]!;
        reachers.set(a, (reachers.get(a) ?? 0) + 1);
      }
    }
  }
  const resilientShare = Object.fromEntries(lsoas.ids.map((id) => [id, Math.min(reachers.get(id) ?? 0, 2) / 2]));
  log(`Coverage: ${reach.length} provider × lot pairs within reach; ${lsoas.ids.filter((id) => (reachers.get(id) ?? 0) < 2).length} LSOAs reached by car by fewer than 2 providers in ${THRESHOLDS.drive} min`);

  // 6. Allocation: lead, supplementary and contingency providers per lot; rural hours weighted 1.15.
  const urbanOf = new Map(master.map((r) => [r.lsoa11cd!, r.urban_rural === "Urban"]));
  const allocation: AllocationResult = await allocate(
    {
      lots: design.lots.map((l) => ({
        id: l.id,
        urbanHours: l.areaIds.reduce((s, a) => s + (urbanOf.get(a) === true ? (demand.hours[a] ?? 0) : 0), 0),
        ruralHours: l.areaIds.reduce((s, a) => s + (urbanOf.get(a) === true ? 0 : (demand.hours[a] ?? 0)), 0),
      })),
      providers: providers.map((p) => ({ id: p.id, capacityHours: p.capacityHours, ratePerHour: p.ratePerHour })),
      eligibility: reach.filter((r) => r.share > 0).map((r) => ({ lotId: r.lotId, providerId: r.providerId, share: r.share })),
      policy: { urbanWeight: 1, ruralWeight: 1.15 },
    },
    // A generous limit: the MILP solves to optimality in a few seconds on an idle machine, and only an
    // optimal (not a time-limited) answer is the same on every run.
    { timeLimitSec: 300 },
  );
  const lotsWithLead = allocation.lots.filter((l) => l.lead !== null).length;
  const lotsWithContingency = allocation.lots.filter((l) => l.contingency !== null).length;
  log(`Allocation: ${allocation.status}, £${formatGrouped(allocation.weeklyCost, 0)}/week, ${formatGrouped(allocation.unmetHours, 1)} unmet h/week, ${lotsWithLead}/${allocation.lots.length} lots with a lead, ${lotsWithContingency} with a contingency`);
  const rows = allocationToRows(allocation);
  await writeCsv(join(out, "allocation-lots.csv"), rows.lots, { decimals: 2 });
  await writeCsv(join(out, "allocation-providers.csv"), rows.providers, { decimals: 2 });
  await writeCsv(join(out, "allocation-hours.csv"), rows.hours, { decimals: 2 });
  files.push("allocation-lots.csv", "allocation-providers.csv", "allocation-hours.csv");

  // 7. N-1 withdrawal: each provider leaves in turn; the lots it led, delivered in or stood behind as
  // contingency are re-let under the same policy, on the capacity the other lots leave spare.
  const sweep = (await withdrawalSweep(allocation, { timeLimitSec: 300 })).scenarios;
  const withdrawal = withdrawalReportRows(sweep);
  const worst = worstWithdrawal(sweep);
  log(`Withdrawal sweep: ${sweep.length} scenarios re-let under the policy; worst ${worst?.scenario ?? "–"} leaves ${formatGrouped(worst?.addedUnmetHours ?? 0, 1)} h/week unmet`);
  await writeCsv(
    join(out, "withdrawal.csv"),
    withdrawalToRows(sweep),
    { decimals: 2 },
  );
  files.push("withdrawal.csv");

  const leadProviders = leadProvidersOf(allocation);
  const svg = renderMap(lsoas, design, {
    title: "Leicestershire home care: 18 lots (demo)",
    lotLegend: Object.fromEntries(design.lots.map((l) => [l.id, `${formatGrouped(l.hours, 0)} h/wk, lead ${leadProviders[l.id] ?? "none"}`])),
    subtitle: `${lsoas.ids.length} LSOAs, ${formatGrouped(TOTAL_HOURS, 0)} h/week; 8 lots in East Leicestershire & Rutland CCG, 10 in West Leicestershire CCG; synthetic providers`,
    providers: providers.map((p) => ({ id: p.id, lonLat: p.lonLat })),
    leadProviders,
    coverage: resilientShare,
    coverageLabel: `reached by < 2 providers in ${THRESHOLDS.drive} min drive`,
  });
  await writeFileAtomic(join(out, "map.svg"), svg);
  files.push("map.svg");

  const report: ReportInput = {
    title: "Leicestershire home care: lots, providers and resilience (demo)",
    intro: `Leicestershire County Council area (${lsoas.ids.length} LSOAs), ${formatGrouped(TOTAL_HOURS, 0)} hours/week of home care spread by residents aged 65+. Providers are synthetic.`,
    summary: [
      ["LSOAs", String(lsoas.ids.length)],
      ["Demand", `${formatGrouped(demandStats.totalHours, 0)} h/week`],
      ["Lots", `${design.lots.length} (${design.status})`],
      ["Providers", `${providers.length} synthetic, ${formatGrouped(providers.reduce((s, p) => s + p.capacityHours, 0), 0)} h/week capacity`],
      ["Allocation", `${allocation.status}, ${allocation.lots.filter((l) => l.lead !== null).length} lots with a lead`],
      ["Weekly cost", `£${formatGrouped(allocation.weeklyCost, 0)} (£${formatGrouped(allocation.annualCost, 0)} a year)`],
      ["Unmet hours", `${formatGrouped(allocation.unmetHours, 1)} h/week`],
    ],
    currency: "£",
    lots: allocation.lots.map((l) => {
      const lot = design.lots.find((d) => d.id === l.lotId)!;
      const row: ReportLotRow = {
        lotId: l.lotId,
        areaCount: lot.areaIds.length,
        demandHours: l.demandHours,
        supplementaryProviderIds: l.supplementary.map((s) => s.providerId),
        assignedHours: l.deliveredHours,
        unmetHours: l.unmetHours,
        weeklyCost: l.weeklyCost,
      };
      if (lot.parent !== undefined) row.parent = lot.parent;
      if (l.lead !== null) {
        row.leadProviderId = l.lead;
        // "Covered": the share of the lot's hours the lead's staff can reach, blended by its staff mix.
        const leadReach = reach.find((r) => r.providerId === l.lead && r.lotId === l.lotId);
        if (leadReach !== undefined) row.coveredShare = Math.min(1, leadReach.share);
      }
      if (l.contingency !== null) row.contingencyProviderId = l.contingency;
      return row;
    }),
    providers: allocation.providers.map((p) => {
      const base = providers.find((x) => x.id === p.providerId)!;
      const mix = base.staffMix;
      return {
        providerId: p.providerId,
        base: baseOf(base),
        mode: `drive ${Math.round(mix.drive * 100)}%`,
        capacityHours: p.capacityHours,
        assignedHours: p.hours,
        leadLots: [...p.leadLots],
        supplementaryLots: p.lots.filter((x) => x.role === "supplementary").map((x) => x.lotId),
        contingencyLots: [...p.contingencyLots],
      };
    }),
    withdrawal,
    mapSvg: svg,
    notes: [
      "Providers are synthetic (seeded generator on real postcode centroids); no real care provider is represented.",
      "Covered: the share of a lot's weekly hours that its lead provider's staff can reach within the thresholds, blended by the provider's staff mix.",
      `Travel times are straight-line estimates; thresholds ${Object.entries(THRESHOLDS).map(([m, t]) => `${m} ${t} min`).join(", ")}.`,
      ...allocation.warnings,
      ...(missingSteps.length > 0 ? [`Steps not run in this build: ${missingSteps.join(", ")}.`] : []),
    ],
  };
  const rendered = renderReport(report);
  await writeFileAtomic(join(out, "report.md"), rendered.markdown);
  await writeFileAtomic(join(out, "report.html"), rendered.html);
  files.push("report.md", "report.html");

  files.push("summary.json");
  const summary: DemoSummary = { lsoas: lsoas.ids.length, lsoasByCcg, lsoasByLad, adjacency: adjacencyStats, demand: demandStats, lots: lotStats, providers: providers.length, allocation: { status: allocation.status, weeklyCost: round(allocation.weeklyCost), unmetHours: round(allocation.unmetHours), lotsWithLead, lotsWithContingency },
    withdrawal: { scenarios: sweep.length, worstProvider: worst?.scenario ?? "", worstAddedUnmetHours: round(worst?.addedUnmetHours ?? 0) },
    missingSteps, files: [...files].sort(compareIds) };
  await writeFileAtomic(join(out, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  void writeGeoJSON;
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const summary = await runDemo({ outDir: "out", log: (l) => console.log(l) });
  console.log(`Wrote ${summary.files.length} files to out/ in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.files.join(", ")}`);
  if (summary.missingSteps.length > 0) console.log(`Not yet run: ${summary.missingSteps.join(", ")}`);
}

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
import { designLots } from "../src/lots/design-lots.js";
import type { LotArea } from "../src/lots/types.js";
import { renderMap } from "../src/report/render-map.js";
import { compareIds } from "../src/internal/sort.js";
import { readCsv, writeCsv, type CsvRow } from "../src/node/csv.js";
import { readGeoJSON, writeFileAtomic, writeGeoJSON } from "../src/node/files.js";
import { formatNumber, renderReport } from "../src/report/render-report.js";
import type { ReportInput } from "../src/schema/report.js";

const GEODATA = new URL("../geodata/", import.meta.url).pathname;
const COUNTY = "E10000018";
/** Lots per CCG (2019 codes): East Leicestershire & Rutland 8, West Leicestershire 10. */
export const CCG_LOTS: Readonly<Record<string, number>> = { E38000051: 8, E38000201: 10 };
const TOTAL_HOURS = 20317;

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** Folder the outputs are written to (created). */
  outDir: string;
  /** Number of synthetic providers (default 30). */
  providerCount?: number;
  /** Seed for lot design and providers (default 2019). */
  seed?: number;
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
  const log = options.log ?? (() => {});
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
    return { lsoa11cd: id, lsoa11nm: String(p.lsoa11nm), ccg19cd: String(p.ccg19cd), lad19cd: String(p.lad19cd), urban_rural: String(p.urban_rural), hours: demand.hours[id] ?? 0 };
  });
  await writeCsv(join(out, "demand.csv"), demandRows);
  files.push("demand.csv");

  // 3. Lots: 18 contiguous lots nested in the 2019 CCGs, balanced on hours, compact.
  const areas: LotArea[] = master
    .map((r) => ({ id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)] as const, parent: r.ccg19cd!, urban: r.urban_rural === "Urban", population: Number(r.pop_mid2018) }))
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
  await writeCsv(join(out, "lot-areas.csv"), lsoas.ids.map((id) => ({ area_id: id, lot_id: lotOfArea.get(id) ?? "" })));
  files.push("lots.csv", "lot-areas.csv");

  const svg = renderMap(lsoas, design, {
    title: "Leicestershire home care: 18 lots (demo)",
    lotLegend: Object.fromEntries(design.lots.map((l) => [l.id, `${formatNumber(l.hours, 0)} h/wk, ${l.areaIds.length} LSOAs`])),
    subtitle: `${lsoas.ids.length} LSOAs, ${formatNumber(TOTAL_HOURS, 0)} h/week; 8 lots in East Leicestershire & Rutland CCG, 10 in West Leicestershire CCG`,
  });
  await writeFileAtomic(join(out, "map.svg"), svg);
  files.push("map.svg");

  missingSteps.push("generateProviders", "coverage", "allocate", "withdrawalSweep");

  const report: ReportInput = {
    title: "Leicestershire home care: lots, providers and resilience (demo)",
    intro: `Leicestershire County Council area (${lsoas.ids.length} LSOAs), ${formatNumber(TOTAL_HOURS, 0)} hours/week of home care spread by residents aged 65+. Providers are synthetic.`,
    summary: [
      ["LSOAs", String(lsoas.ids.length)],
      ["Demand", `${demandStats.totalHours} h/week`],
      ["Lots", `${design.lots.length} (${design.status})`],
    ],
    lots: design.lots.map((l) => ({ lotId: l.id, parent: l.parent, areaCount: l.areaIds.length, demandHours: l.hours })),
    mapSvg: svg,
    notes: missingSteps.length > 0 ? [`Steps not run in this build: ${missingSteps.join(", ")}.`] : [],
  };
  const rendered = renderReport(report);
  await writeFileAtomic(join(out, "report.md"), rendered.markdown);
  await writeFileAtomic(join(out, "report.html"), rendered.html);
  files.push("report.md", "report.html");

  files.push("summary.json");
  const summary: DemoSummary = { lsoas: lsoas.ids.length, lsoasByCcg, lsoasByLad, adjacency: adjacencyStats, demand: demandStats, lots: lotStats, missingSteps, files: [...files].sort(compareIds) };
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

// The Rutland straight-line study (issue 16 item 2), shared by its test and bench/rutland-roads.bench.ts:
// network (OpenStreetMap, 2022-07-20) vs straightLineTravel() from every real CQC home-care agency office
// within 20 km of Oakham (2025-09-08) to every Rutland LSOA population-weighted centroid (ONS, 2011 LSOAs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { networkTravel, straightLineTravel, type RoadNetwork, type StraightLineOptions, type UrbanRural } from "../../src/index.js";
import { haversineMetresXY } from "../../src/internal/geo.js";
import { readOsmPbf } from "../../src/node/index.js";
import { readCsvRows, REPO_ROOT, splitCsvLine } from "./geodata.js";

export const STUDY_MODES = ["drive", "walk", "cycle"] as const;
export type StudyMode = (typeof STUDY_MODES)[number];
/** The demo's coverage thresholds, minutes. */
export const DEMO_THRESHOLDS = { drive: 40, walk: 20, cycle: 20, transit: 45 } as const;
/** Oakham market place; offices within 20 km of it are "in and around Rutland". */
export const OAKHAM: [number, number] = [-0.7277, 52.67];

export interface StudyPoint {
  readonly id: string;
  readonly lonLat: [number, number];
  readonly urbanRural?: UrbanRural;
  readonly lad?: string;
}

export const PBF_PATH = join(REPO_ROOT, "realdata", "rutland-latest.osm.pbf");

let cached: Promise<RoadNetwork> | undefined;
/** The Rutland network, built once per process. */
export function rutlandNetwork(): Promise<RoadNetwork> {
  cached ??= readOsmPbf(PBF_PATH).then(({ roads }) => networkTravel(roads));
  return cached;
}

/** The 23 Rutland LSOAs (2011) at their population-weighted centroids, with the ONS urban/rural class. */
export function rutlandAreas(): StudyPoint[] {
  return readCsvRows("lsoa11_master.csv")
    .filter((r) => r.lad19nm === "Rutland")
    .map((r) => ({ id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number], urbanRural: r.urban_rural!.toLowerCase() as UrbanRural }));
}

/** Every CQC home-care agency office (unique postcode) within 20 km of Oakham: 9 in Rutland, 8 in Melton, 1 in Harborough. */
export function rutlandOffices(): StudyPoint[] {
  const lines = readFileSync(join(REPO_ROOT, "realdata", "homecare_agency_postcodes_LLR_Bradford_2025-09-08.csv"), "utf8").trim().split(/\r?\n/);
  return lines
    .slice(1)
    .map(splitCsvLine)
    .map((r) => ({ id: r[0]!, lonLat: [Number(r[2]), Number(r[1])] as [number, number], lad: r[4]! }))
    .filter((p) => haversineMetresXY(p.lonLat[0], p.lonLat[1], OAKHAM[0], OAKHAM[1]) <= 20_000)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export interface RatioStats {
  readonly pairs: number;
  readonly p10: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p90: number;
  readonly mean: number;
}

/** Quantile by linear interpolation between order statistics (R type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q, lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}
export function ratioStats(xs: readonly number[]): RatioStats {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { pairs: s.length, p10: r(quantile(s, 0.1)), p25: r(quantile(s, 0.25)), median: r(quantile(s, 0.5)), p75: r(quantile(s, 0.75)), p90: r(quantile(s, 0.9)), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

export interface StraightLineStudy {
  readonly offices: readonly StudyPoint[];
  readonly areas: readonly StudyPoint[];
  /** Offices the network could not snap (beyond its maxSnapMetres), with the distance to the nearest road. */
  readonly notRouted: readonly { id: string; lad: string; snapMetres: number }[];
  /** network ÷ straight-line minutes, per mode, for all pairs and by the area's urban/rural class. */
  readonly ratios: Record<StudyMode, { all: RatioStats; urban: RatioStats; rural: RatioStats }>;
  /** The fitted preset: medians of the ratios applied to straightLineTravel's defaults, 2 decimals. */
  readonly fitted: StraightLineOptions & { driveUrbanKmh: number; driveRuralKmh: number; detour: { walk: number; cycle: number } };
  /** Minutes per mode: network, straight-line default, straight-line fitted; office-major (offices × areas). */
  readonly minutes: Record<StudyMode, { network: Float64Array; straight: Float64Array; fitted: Float64Array }>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Runs the study. */
export async function straightLineStudy(): Promise<StraightLineStudy> {
  const net = await rutlandNetwork();
  const offices = rutlandOffices(), areas = rutlandAreas();
  const nm = net.matrix(offices, areas, [...STUDY_MODES]);
  const sm = straightLineTravel().matrix(offices, areas, [...STUDY_MODES]);
  const notRouted = nm.snaps.drive!.origins.filter((s) => s.segment < 0).map((s) => ({ id: s.id, lad: offices.find((o) => o.id === s.id)!.lad!, snapMetres: Math.round(s.snapMetres) }));
  const ratioLists = (m: StudyMode) => {
    const all: number[] = [], urban: number[] = [], rural: number[] = [];
    const n = nm.minutes[m]!, s = sm.minutes[m]!;
    for (let i = 0; i < offices.length; i++)
      for (let j = 0; j < areas.length; j++) {
        const k = i * areas.length + j;
        if (!Number.isFinite(n[k]!) || !(s[k]! > 0)) continue;
        const r = n[k]! / s[k]!;
        all.push(r);
        (areas[j]!.urbanRural === "urban" ? urban : rural).push(r);
      }
    return { all, urban, rural };
  };
  const lists = Object.fromEntries(STUDY_MODES.map((m) => [m, ratioLists(m)])) as Record<StudyMode, ReturnType<typeof ratioLists>>;
  const med = (xs: number[]) => ratioStats(xs).median;
  const fitted = {
    driveUrbanKmh: round2(30 / med(lists.drive.urban)),
    driveRuralKmh: round2(50 / med(lists.drive.rural)),
    detour: { walk: round2(Math.max(1, 1.25 * med(lists.walk.all))), cycle: round2(Math.max(1, 1.25 * med(lists.cycle.all))) },
  };
  const fm = straightLineTravel(fitted).matrix(offices, areas, [...STUDY_MODES]);
  const ratios = Object.fromEntries(STUDY_MODES.map((m) => [m, { all: ratioStats(lists[m].all), urban: ratioStats(lists[m].urban), rural: ratioStats(lists[m].rural) }])) as StraightLineStudy["ratios"];
  const minutes = Object.fromEntries(STUDY_MODES.map((m) => [m, { network: nm.minutes[m]!, straight: sm.minutes[m]!, fitted: fm.minutes[m]! }])) as StraightLineStudy["minutes"];
  return { offices, areas, notRouted, ratios, fitted, minutes };
}

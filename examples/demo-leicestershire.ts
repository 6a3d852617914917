// Demo: Leicestershire County Council home care ("Help to Live at Home", re-procured 2019) on the open data in
// geodata/, as one runStudy call. `npm run demo` writes out/; tests import runDemo({ outDir }). 396 County LSOAs →
// 20,317 h/week spread by residents aged 65+ → 18 lots nested in the 2019 CCGs → SYNTHETIC seeded providers on real
// postcodes → straight-line coverage by staff mode → allocation → every provider withdrawing in turn, re-let under
// the same rules → the TLC case (the lead holding most lots withdraws) → the price of an N-1-secure plan.
import { areasFromBoundaries, generateProviders, loadBoundaries, runStudy, straightLineTravel, studySummary, type Provider, type Study, type StudySummary, type TravelMode } from "lotwise";
import { readCsvRecords, readGeoJSON, writeStudy } from "lotwise/node";

const GEODATA = new URL("../geodata/", import.meta.url).pathname;
const COUNTY = "E10000018";
/** Lots per CCG (2019 codes), named as the council does: ELR-01…ELR-08 (East Leicestershire & Rutland), WL-01…WL-10. */
export const CCG_LOTS: Readonly<Record<string, number>> = { E38000051: 8, E38000201: 10 };
const LOT_NAMES = { E38000051: "ELR", E38000201: "WL" };
/** Travel-time thresholds per staff mode (minutes, straight-line estimates). */
export const THRESHOLDS: Readonly<Record<TravelMode, number>> = { drive: 40, walk: 20, cycle: 20, transit: 45 };

/** Options for {@link runDemo}: output folder, provider count (40), seeds (2019), progress lines. */
export interface DemoOptions { outDir: string; providerCount?: number; seed?: number; providerSeed?: number; log?: (line: string) => void }

/** Runs the demo and writes its outputs to `options.outDir`; returns the study, summary.json's content and the file names. */
export async function runDemo(options: DemoOptions): Promise<{ study: Study; summary: StudySummary & { files: string[] }; files: string[] }> {
  const fc = (await readGeoJSON(`${GEODATA}lsoa11_leicestershire.geojson`)) as { features: { properties: Record<string, unknown> }[] };
  const boundaries = loadBoundaries({ ...fc, features: fc.features.filter((f) => f.properties.utla_cd === COUNTY) }, { idProperty: "lsoa11cd" });
  const master = (await readCsvRecords(`${GEODATA}lsoa11_master.csv`)).filter((r) => r.area_set === "leicestershire" && r.utla_cd === COUNTY);
  const pwc = Object.fromEntries(master.map((r) => [r.lsoa11cd!, [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number]]));
  const population = new Map(master.map((r) => [r.lsoa11cd!, Number(r.pop_mid2018)]));
  // Postcode centroids inside the county (by point in polygon), in file order: the candidate provider bases.
  const postcodes = (await readCsvRecords(`${GEODATA}postcode_centroids.csv`))
    .filter((r) => r.area_set === "leicestershire" && boundaries.indexById.has(r.lsoa11cd_pip ?? ""))
    .map((r) => ({ postcode: r.postcode!, lonLat: [Number(r.lon), Number(r.lat)] as [number, number] }));
  const postcodeAt = new Map(postcodes.map((p) => [p.lonLat.join(), p.postcode]));
  const located = (p: Provider): Provider => ({ ...p, postcode: postcodeAt.get(p.lonLat.join())! });
  const seed = options.providerSeed ?? 2019;
  const points = postcodes.map((p) => p.lonLat);
  const providers = generateProviders({ count: options.providerCount ?? 40, seed, points }).map(located);
  // HART, the in-house reablement team, as the last resort: a seeded base, 300 h/week at £30/h, never a lead.
  const hart = { ...located(generateProviders({ count: 1, seed: seed + 1, points, capacityHours: [300, 300], ratePerHour: [30, 30] })[0]!), id: "HART", name: "HART in-house reablement (synthetic)" };
  const study = await runStudy(
    {
      boundaries,
      areas: areasFromBoundaries(boundaries, { parentProperty: "ccg19cd", points: pwc }).map((a) => ({ ...a, population: population.get(a.id)! })),
      demand: { estimate: { rows: master, options: { totalHours: 20317, weightBy: ["census2011_age_65plus", "age_60plus_mid2015"], idProperty: "lsoa11cd" } } },
      lots: { design: { lotsPerParent: { ...CCG_LOTS }, lotIdPrefix: LOT_NAMES, seed: options.seed ?? 2019 } },
      providers,
      travel: straightLineTravel(),
      thresholdMinutes: { ...THRESHOLDS },
      policy: { urbanWeight: 1, ruralWeight: 1.15 },
      lastResort: { providers: [hart] },
    },
    {
      // Generous limits: only an optimal (not a time-limited) answer is the same on every run.
      allocation: { timeLimitSec: 300 },
      withdrawal: { timeLimitSec: 300 },
      relet: { providers: "largest-lead", options: { timeLimitSec: 300 } },
      security: { timeLimitSec: 300 },
      onProgress: (p) => (p.state === "done" ? options.log?.(`[${p.elapsedSec.toFixed(1)} s] ${p.stage}`) : undefined),
    },
  );
  options.log?.(String(study));
  const files = await writeStudy(options.outDir, study, {
    title: "Leicestershire home care: lots, providers and resilience (demo)",
    mapTitle: "Leicestershire home care: 18 lots (demo)",
    subtitle: "396 LSOAs, 20,317 h/week; 8 lots in East Leicestershire & Rutland CCG, 10 in West Leicestershire CCG; synthetic providers",
    intro: "Leicestershire County Council area (396 LSOAs), 20,317 hours/week of home care spread by residents aged 65+. Providers are synthetic.",
    demandProperties: ["lsoa11nm", "ccg19cd", "lad19cd", "urban_rural"],
    notes: [
      "Providers and the HART last-resort team are synthetic (seeded generator on real postcode centroids); no real care provider is represented.",
      "Travel times are straight-line estimates.",
    ],
  });
  return { study, summary: { ...studySummary(study), files }, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files } = await runDemo({ outDir: "out", log: (l) => console.log(l) });
  console.log(`Wrote ${files.length} files to out/: ${files.join(", ")}`);
}

// Example: Bradford small locality contracts that carers without a car can work (Bradford's 2018
// re-commissioning: 35,000 home-support hours a week, "contracts covering smaller areas would allow the
// recruitment of staff who did not drive"). Run with `npx tsx examples/bradford-localities.ts` (writes
// out/bradford/) or import runBradford({ outDir }).
//
// Steps, as one runStudy call: 310 Bradford LSOAs → spread 35,000 h/week by residents aged 60+ → as many
// locality lots as 700–1,400 h/week bounds allow, nested in the 2019 CCGs, with any two areas of a lot at
// most 40 min apart by bike (straight-line estimate) → SYNTHETIC providers whose staff mostly walk, cycle or
// take the bus → coverage → allocation; then walkability per lot.
import { areasFromBoundaries, generateProviders, loadBoundaries, lotWalkability, runStudy, straightLineTravel, type TravelMode } from "lotwise";
import { readCsvRecords, readGeoJSON, writeCsv, writeStudy } from "lotwise/node";

const GEODATA = new URL("../geodata/", import.meta.url).pathname;
const TOTAL_HOURS = 35000;
/** Weekly hours per locality lot (small contracts). */
export const LOT_HOURS = { min: 700, max: 1400 } as const;
/** Longest bike ride between two areas of one lot, minutes (straight-line estimate). */
export const CYCLE_LIMIT_MINUTES = 40;
const THRESHOLDS: Readonly<Record<TravelMode, number>> = { drive: 20, walk: 30, cycle: 25, transit: 40 };

/** What the Bradford example found. */
export interface BradfordSummary {
  lsoas: number;
  demand: { totalHours: number; weightColumn: string };
  lots: { count: number; status: string; minHours: number; maxHours: number; maxCycleMinutes: number; walkableLots: number };
  providers: number;
  allocation: { status: string; outcome: string; weeklyCost: number; unmetHours: number; lotsWithLead: number; lotsWithContingency: number };
  files: string[];
}

/**
 * Runs the Bradford locality example and writes its outputs to `outDir`: the study's tables, map and report
 * (writeStudy) and walkability.csv.
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
  const boundaries = loadBoundaries(await readGeoJSON(`${GEODATA}lsoa11_bradford.geojson`), { idProperty: "lsoa11cd" });
  const master = (await readCsvRecords(`${GEODATA}lsoa11_master.csv`)).filter((r) => r.area_set === "bradford");
  const pwc = Object.fromEntries(master.map((r) => [r.lsoa11cd!, [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number]]));
  const areas = areasFromBoundaries(boundaries, { parentProperty: "ccg19cd", points: pwc });
  const areaTravel = straightLineTravel().matrix(areas, areas, ["walk", "cycle", "transit"]);
  // Providers whose carers mostly do not drive (drive share 0–30 %), on real postcode centroids (SYNTHETIC).
  const points = (await readCsvRecords(`${GEODATA}postcode_centroids.csv`))
    .filter((r) => r.area_set === "bradford" && boundaries.indexById.has(r.lsoa11cd_pip ?? ""))
    .map((r) => [Number(r.lon), Number(r.lat)] as [number, number]);
  const providers = generateProviders({ count: 50, seed: 2018, points, driveShare: [0, 0.3], capacityHours: [300, 1500] });
  const study = await runStudy(
    {
      boundaries,
      areas,
      // Census 2011 65+ is blank for Bradford in this table, so the estimate falls back to 60+ (mid-2015).
      demand: { estimate: { rows: master, options: { totalHours: TOTAL_HOURS, weightBy: ["census2011_age_65plus", "age_60plus_mid2015"], idProperty: "lsoa11cd" } } },
      // Short lot names: AWC (Airedale, Wharfedale & Craven CCG), BC (Bradford City CCG), BD (Bradford Districts CCG).
      lots: {
        design: {
          hoursPerLot: { ...LOT_HOURS },
          travelLimit: { matrix: areaTravel, mode: "cycle", maxMinutes: CYCLE_LIMIT_MINUTES },
          lotIdPrefix: { E38000001: "AWC", E38000018: "BC", E38000019: "BD" },
          seed: 2018,
        },
      },
      providers,
      travel: straightLineTravel(),
      thresholdMinutes: { ...THRESHOLDS },
      policy: { ruralWeight: 1.15 },
    },
    // The LP formulation (hours only, lead = largest share afterwards) solves ~40 lots × 50 providers in
    // well under a second and to optimality, so the example stays fast and its output reproducible.
    { allocation: { formulation: "lp", timeLimitSec: 300 }, withdrawal: false },
  );
  log(String(study));
  const plan = study.design!;
  const walk = lotWalkability(plan, areaTravel, study.demand, { thresholdMinutes: 30, modes: ["walk", "cycle", "transit"] });
  // Longest bike ride inside any lot, from the matrix directly.
  const idx = new Map(areaTravel.originIds.map((id, i) => [id, i]));
  const n = areaTravel.destinationIds.length;
  let maxCycle = 0;
  for (const lot of plan.lots) for (const a of lot.areaIds) for (const b of lot.areaIds) maxCycle = Math.max(maxCycle, areaTravel.minutes.cycle![idx.get(a)! * n + idx.get(b)!]!);

  const files = await writeStudy(options.outDir, study, {
    title: "Bradford locality contracts (example)",
    mapTitle: `Bradford: ${plan.lots.length} locality contracts for carers who do not drive (example)`,
    subtitle: `${boundaries.ids.length} LSOAs, 35,000 h/week; ${LOT_HOURS.min}–${LOT_HOURS.max} h per lot; any two areas of a lot ≤ ${CYCLE_LIMIT_MINUTES} min by bike`,
    intro: `${boundaries.ids.length} LSOAs in Bradford, 35,000 hours/week spread by residents aged 60+. Providers are synthetic, with mostly non-driving staff.`,
    notes: [
      "Providers are synthetic; travel times are straight-line estimates.",
      `Walkable lots (90% of hours within 30 min of each other on foot, by bike or bus): ${walk.filter((w) => w.nonDrivingOk).length} of ${walk.length}.`,
      "Allocated with the LP formulation (hours only; the lead is the provider with the most hours afterwards), so a lead may deliver less than the 60% lead share; the notes below list where.",
    ],
  });
  await writeCsv(
    `${options.outDir}/walkability.csv`,
    walk.map((w) => ({ lot_id: w.lotId, walk_p90_minutes: w.byMode.walk?.p90Minutes, cycle_p90_minutes: w.byMode.cycle?.p90Minutes, transit_p90_minutes: w.byMode.transit?.p90Minutes, non_driving_ok: w.nonDrivingOk })),
    { decimals: 2 },
  );
  const a = study.allocation!;
  const hours = plan.lots.map((l) => l.hours);
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    lsoas: boundaries.ids.length,
    demand: { totalHours: Object.values(study.demand).reduce((s, h) => s + h, 0), weightColumn: study.demandEstimate!.weightColumn },
    lots: { count: plan.lots.length, status: plan.status, minHours: Math.min(...hours), maxHours: Math.max(...hours), maxCycleMinutes: round(maxCycle), walkableLots: walk.filter((w) => w.nonDrivingOk).length },
    providers: providers.length,
    allocation: {
      status: a.status,
      outcome: a.summary.outcome,
      weeklyCost: round(a.weeklyCost),
      unmetHours: round(a.unmetHours),
      lotsWithLead: a.summary.let,
      lotsWithContingency: a.lots.filter((l) => l.contingency !== null).length,
    },
    files: [...files, "walkability.csv"].sort(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = await runBradford({ outDir: "out/bradford", log: (l) => console.log(l) });
  console.log(`Wrote ${summary.files.join(", ")} to out/bradford/`);
}

// The commands of the `lotwise` command line. Each reads its inputs, runs the engines with progress
// lines, collects every output in memory and writes them together at the end.
import { allocate } from "../allocate/allocate.js";
import type { AllocationResult } from "../allocate/types.js";
import { entryOf, simulateWithdrawal, withdrawalSweep } from "../allocate/withdrawal.js";
import { boundaryAdjacency } from "../boundaries/adjacency.js";
import type { Boundaries } from "../boundaries/types.js";
import { areasFromBoundaries } from "../boundaries/areas.js";
import { computeCoverage } from "../coverage/coverage.js";
import { lotCoverage, type LotCoverageRow } from "../coverage/lot-coverage.js";
import { travelMatrixFromRows } from "../coverage/matrix-rows.js";
import { straightLineTravel } from "../coverage/straight-line.js";
import { TRAVEL_MODES, type Provider, type TravelMode, type DemandHours, type LotPlan } from "../domain/index.js";
import { LotwiseError } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { designLots } from "../lots/design-lots.js";
import { evaluateLots } from "../lots/evaluate-lots.js";
import { lotsToGeoJSON } from "../lots/lots-to-geojson.js";
import { renderMap } from "../report/render-map.js";
import { allocationToRows, withdrawalLotsToRows, withdrawalToRows } from "../io/rows.js";
import { leadProvidersOf, withdrawalReportRows, worstWithdrawal } from "../report/allocation-report-rows.js";
import { renderReport } from "../report/render-report.js";
import { formatGrouped } from "../internal/format.js";
import type { ReportLotRow, ReportWithdrawalRow } from "../schema/report.js";
import { OutputSet, type CliIo, UsageError, parseKeyNumbers, parseNumber, required, resolvePath, step } from "./cli-io.js";
import { readDemand, readFilteredBoundaries, readPlan, readProviders } from "./cli-inputs.js";
import { formatCsv, readCsv, type CsvRow } from "./csv.js";
import { z } from "zod";

/** One option of a command. @internal */
export interface CommandOption {
  type: "string" | "boolean";
  multiple?: boolean;
  placeholder?: string;
  help: string;
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** A command of the command line. @internal */
export interface Command {
  name: string;
  summary: string;
  description: string;
  example: string;
  options: Record<string, CommandOption>;
  /** Runs the command; returns the summary printed on stdout. */
  run: (values: Values, io: CliIo) => Promise<string>;
}

const str = (v: Values, k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);
const list = (v: Values, k: string): string[] => (Array.isArray(v[k]) ? (v[k] as string[]) : []);

const BOUNDARY_OPTIONS: Record<string, CommandOption> = {
  boundaries: { type: "string", placeholder: "FILE.geojson", help: "small-area polygons (e.g. LSOAs), WGS84 GeoJSON" },
  "id-property": { type: "string", placeholder: "NAME", help: "feature property holding the area id (default: feature.id)" },
  where: { type: "string", multiple: true, placeholder: "KEY=VALUE", help: "keep only features whose property KEY equals VALUE" },
};
const DEMAND_OPTIONS: Record<string, CommandOption> = {
  demand: { type: "string", placeholder: "FILE.csv", help: "weekly hours per area: columns area_id,hours" },
  "total-hours": { type: "string", placeholder: "N", help: "or: weekly hours to spread over the areas (with --weights, --weight-by)" },
  weights: { type: "string", placeholder: "FILE.csv", help: "table with one row per area holding the weight column" },
  "weight-by": { type: "string", placeholder: "COL[,COL]", help: "weight column(s) in order of preference (e.g. census2011_age_65plus)" },
  "weights-id": { type: "string", placeholder: "COL", help: "area id column of --weights (default lsoa11cd)" },
};
const OUT_OPTION: Record<string, CommandOption> = {
  out: { type: "string", placeholder: "DIR", help: "output folder (default: current folder)" },
  title: { type: "string", placeholder: "TEXT", help: "title of the map and report" },
};
const ALLOCATION_OPTIONS: Record<string, CommandOption> = {
  providers: { type: "string", placeholder: "FILE.csv", help: "provider_id,lon,lat,capacity_hours,rate_per_hour[,drive,walk,cycle,transit]" },
  lots: { type: "string", placeholder: "FILE.csv", help: "lot membership: area_id,lot_id (e.g. lot-areas.csv from `lotwise design`)" },
  travel: { type: "string", placeholder: "FILE.csv", help: "provider→area times origin_id,destination_id,mode,minutes (default: straight-line estimates)" },
  threshold: { type: "string", placeholder: "MIN|MODE=MIN,…", help: "travel-time threshold(s) in minutes (default drive=30,walk=20,cycle=20,transit=40)" },
  "urban-property": { type: "string", placeholder: "NAME", help: "feature property with Urban/Rural (default urban_rural)" },
  "lead-share": { type: "string", placeholder: "X", help: "least share of a lot's hours its lead delivers (default 0.6)" },
  "max-lead-lots": { type: "string", placeholder: "N", help: "most lots one provider may lead (default 2)" },
  "rural-weight": { type: "string", placeholder: "X", help: "rate weight of a rural hour (default 1.15)" },
  "time-limit": { type: "string", placeholder: "SEC", help: "solver time limit in seconds (default 30)" },
};

function csvRows<T>(items: readonly T[], f: (x: T) => CsvRow): CsvRow[] {
  return items.map(f);
}

function parseThresholds(text: string | undefined): Partial<Record<TravelMode, number>> {
  if (text === undefined) return { drive: 30, walk: 20, cycle: 20, transit: 40 };
  if (!text.includes("=")) {
    const n = parseNumber("threshold", text);
    return Object.fromEntries(TRAVEL_MODES.map((m) => [m, n]));
  }
  const kv = parseKeyNumbers("threshold", text);
  for (const k of Object.keys(kv)) {
    if (!(TRAVEL_MODES as readonly string[]).includes(k)) throw new UsageError(`--threshold: unknown mode ${JSON.stringify(k)} (modes: ${TRAVEL_MODES.join(", ")})`);
  }
  return kv as Partial<Record<TravelMode, number>>;
}

async function loadAreasAndDemand(v: Values, io: CliIo): Promise<{ boundaries: Boundaries; demand: DemandHours; demandSource: string }> {
  const boundaries = await step(io, "reading boundaries", () => readFilteredBoundaries(io, required("boundaries", str(v, "boundaries")), str(v, "id-property"), list(v, "where")));
  const { hours, source } = await step(io, "reading demand", () =>
    readDemand(io, { demand: str(v, "demand"), "total-hours": str(v, "total-hours"), weights: str(v, "weights"), "weight-by": str(v, "weight-by"), "weights-id": str(v, "weights-id") }, boundaries.ids),
  );
  return { boundaries, demand: hours, demandSource: source };
}

/** Areas from boundaries with the parent, population and urban class properties given (urban_rural by default when present). */
function lotAreas(v: Values, boundaries: Boundaries) {
  const parentProperty = str(v, "parent-property");
  const populationProperty = str(v, "population-property");
  const urbanRuralProperty = str(v, "urban-property") ?? (boundaries.features.every((f) => typeof f.properties.urban_rural === "string") ? "urban_rural" : null);
  return areasFromBoundaries(boundaries, {
    urbanRuralProperty,
    ...(parentProperty === undefined ? {} : { parentProperty }),
    ...(populationProperty === undefined ? {} : { populationProperty }),
  });
}

const AREA_PROPERTY_OPTIONS: Record<string, CommandOption> = {
  "population-property": { type: "string", placeholder: "NAME", help: "feature property with the population (for metrics)" },
  "urban-property": { type: "string", placeholder: "NAME", help: "feature property with Urban/Rural (default urban_rural when present)" },
};

function membershipRows(plan: LotPlan): CsvRow[] {
  return plan.lots
    .flatMap((l) => l.areaIds.map((a) => ({ area_id: a, lot_id: l.id, parent: l.parent ?? "" })))
    .sort((a, b) => compareIds(a.area_id, b.area_id));
}

const design: Command = {
  name: "design",
  summary: "design contiguous lots nested in parents (e.g. CCGs), balanced on weekly hours",
  description:
    "Partitions the areas into contiguous lots: a number per parent (--lots-per-parent), a total (--lots), or as many\n" +
    "as weekly-hour bounds allow (--min-hours/--max-hours). Writes lots.csv, lot-areas.csv, lots.geojson, map.svg,\n" +
    "report.md and report.html.",
  example:
    "lotwise design --boundaries geodata/lsoa11_leicestershire.geojson --id-property lsoa11cd --where utla_cd=E10000018 " +
    "--total-hours 20317 --weights geodata/lsoa11_master.csv --weight-by census2011_age_65plus --parent-property ccg19cd " +
    "--lots-per-parent E38000051=8,E38000201=10 --out out/",
  options: {
    ...BOUNDARY_OPTIONS,
    ...DEMAND_OPTIONS,
    "parent-property": { type: "string", placeholder: "NAME", help: "feature property the lots nest in (e.g. ccg19cd)" },
    "lots-per-parent": { type: "string", placeholder: "P=N,…", help: "lots per parent, e.g. E38000051=8,E38000201=10" },
    lots: { type: "string", placeholder: "N", help: "or: number of lots (no parent)" },
    "min-hours": { type: "string", placeholder: "H", help: "or: weekly-hours floor per lot (max-p)" },
    "max-hours": { type: "string", placeholder: "H", help: "weekly-hours ceiling per lot (max-p)" },
    seed: { type: "string", placeholder: "N", help: "random seed (default 1); same seed, same lots" },
    ...AREA_PROPERTY_OPTIONS,
    ...OUT_OPTION,
  },
  async run(v, io) {
    const { boundaries, demand, demandSource } = await loadAreasAndDemand(v, io);
    const areas = lotAreas(v, boundaries);
    const adjacency = await step(io, "finding neighbours", () => boundaryAdjacency(boundaries));
    const lpp = str(v, "lots-per-parent");
    const count = str(v, "lots");
    const minH = str(v, "min-hours");
    const maxH = str(v, "max-hours");
    const given = [lpp, count, minH ?? maxH].filter((x) => x !== undefined).length;
    if (given !== 1) throw new UsageError("give exactly one of --lots-per-parent, --lots, or --min-hours/--max-hours");
    const seed = parseNumber("seed", str(v, "seed"), 1);
    const plan = await step(io, "designing lots", () =>
      designLots(areas, adjacency.neighbours, demand, {
        seed,
        ...(lpp !== undefined ? { lotsPerParent: parseKeyNumbers("lots-per-parent", lpp) } : {}),
        ...(count !== undefined ? { lotCount: parseNumber("lots", count) } : {}),
        ...(minH !== undefined || maxH !== undefined
          ? { hoursPerLot: { ...(minH === undefined ? {} : { min: parseNumber("min-hours", minH) }), ...(maxH === undefined ? {} : { max: parseNumber("max-hours", maxH) }) } }
          : {}),
      }),
    );
    const evaluation = await step(io, "evaluating lots", () => evaluateLots(plan, areas, adjacency.neighbours, demand, { bridges: [...plan.bridges] }));
    const geojson = await step(io, "dissolving lot outlines", () => lotsToGeoJSON(plan, boundaries, { evaluation: { lots: evaluation.lots.map((l) => ({ ...l })) } }));
    const title = str(v, "title") ?? `${plan.lots.length} lots`;
    const svg = renderMap(boundaries, plan, {
      title,
      subtitle: `${boundaries.ids.length} areas, ${formatGrouped(Object.values(demand).reduce((s, h) => s + h, 0), 0)} h/week (${demandSource})`,
      lotLegend: Object.fromEntries(plan.lots.map((l) => [l.id, `${formatGrouped(l.hours, 0)} h/wk, ${l.areaIds.length} areas`])),
    });
    const report = renderReport({
      title,
      summary: [
        ["Areas", String(boundaries.ids.length)],
        ["Demand", demandSource],
        ["Lots", `${plan.lots.length} (${plan.status})`],
        ["Hours per lot", `${formatGrouped(evaluation.summary.minHours, 0)}–${formatGrouped(evaluation.summary.maxHours, 0)}`],
        ["Contiguous", evaluation.summary.contiguous ? "yes" : "no"],
      ],
      lots: plan.lots.map((l) => ({ lotId: l.id, ...(l.parent === undefined ? {} : { parent: l.parent }), areaCount: l.areaIds.length, demandHours: l.hours })),
      mapSvg: svg,
      notes: plan.violations.map((x) => x.message),
    });
    const out = new OutputSet(resolvePath(io, str(v, "out") ?? "."));
    const metrics = new Map(evaluation.lots.map((m) => [m.id, m]));
    out.add(
      "lots.csv",
      await formatCsv(
        csvRows(plan.lots, (l) => {
          const m = metrics.get(l.id);
          return { lot_id: l.id, parent: l.parent ?? "", areas: l.areaIds.length, hours: l.hours, mean_distance_km: m?.meanDistanceKm, compactness: m?.compactness, pieces: m?.pieces };
        }),
        { decimals: 3 },
      ),
    );
    out.add("lot-areas.csv", await formatCsv(membershipRows(plan)));
    out.add("lots.geojson", `${JSON.stringify(geojson)}\n`);
    out.add("map.svg", svg);
    out.add("report.md", report.markdown);
    out.add("report.html", report.html);
    await out.commit();
    return `Designed ${plan.lots.length} lots (${plan.status}) from ${boundaries.ids.length} areas: ${formatGrouped(evaluation.summary.minHours, 0)}–${formatGrouped(evaluation.summary.maxHours, 0)} h/week each.\nWrote ${out.names.join(", ")} to ${str(v, "out") ?? "."}`;
  },
};

const evaluate: Command = {
  name: "evaluate",
  summary: "measure an existing lot plan: hours, balance, compactness, contiguity",
  description: "Reads a lot plan (area_id,lot_id CSV) and writes evaluation.csv with one row per lot, and prints any violations.",
  example:
    "lotwise evaluate --boundaries geodata/lsoa11_leicestershire.geojson --id-property lsoa11cd --where utla_cd=E10000018 " +
    "--demand out/demand.csv --lots out/lot-areas.csv --parent-property ccg19cd --out out/",
  options: {
    ...BOUNDARY_OPTIONS,
    ...DEMAND_OPTIONS,
    lots: ALLOCATION_OPTIONS.lots!,
    "parent-property": { type: "string", placeholder: "NAME", help: "feature property the lots should nest in" },
    ...AREA_PROPERTY_OPTIONS,
    out: OUT_OPTION.out!,
  },
  async run(v, io) {
    const { boundaries, demand } = await loadAreasAndDemand(v, io);
    const plan = await readPlan(io, required("lots", str(v, "lots")));
    const areas = lotAreas(v, boundaries);
    const adjacency = await step(io, "finding neighbours", () => boundaryAdjacency(boundaries));
    const ev = await step(io, "evaluating lots", () => evaluateLots(plan, areas, adjacency.neighbours, demand));
    const out = new OutputSet(resolvePath(io, str(v, "out") ?? "."));
    out.add(
      "evaluation.csv",
      await formatCsv(
        csvRows(ev.lots, (m) => ({
          lot_id: m.id,
          parent: m.parent ?? "",
          areas: m.areaCount,
          hours: m.hours,
          population: m.population,
          area_km2: m.areaKm2,
          urban_share: m.urbanShare,
          mean_distance_km: m.meanDistanceKm,
          max_distance_km: m.maxDistanceKm,
          compactness: m.compactness,
          pieces: m.pieces,
        })),
        { decimals: 3 },
      ),
    );
    await out.commit();
    const s = ev.summary;
    const lines = [
      `${s.lotCount} lots, ${formatGrouped(s.hours, 0)} h/week, ${formatGrouped(s.minHours, 0)}–${formatGrouped(s.maxHours, 0)} per lot (largest deviation ${(s.maxDeviation * 100).toFixed(1)}%), contiguous: ${s.contiguous ? "yes" : "no"}, nested: ${s.nested ? "yes" : "no"}.`,
      ...ev.violations.map((x) => `  ! ${x.message}`),
      `Wrote evaluation.csv to ${str(v, "out") ?? "."}`,
    ];
    return lines.join("\n");
  },
};

interface AllocationRun {
  boundaries: Boundaries;
  demand: DemandHours;
  plan: LotPlan;
  providers: Provider[];
  reach: LotCoverageRow[];
  allocation: AllocationResult;
}

async function coverageStep(v: Values, io: CliIo): Promise<Omit<AllocationRun, "allocation">> {
  const { boundaries, demand } = await loadAreasAndDemand(v, io);
  const plan = await readPlan(io, required("lots", str(v, "lots")));
  const providers = await step(io, "reading providers", () => readProviders(io, required("providers", str(v, "providers"))));
  const areas = areasFromBoundaries(boundaries, { urbanRuralProperty: str(v, "urban-property") ?? "urban_rural" });
  const thresholdMinutes = parseThresholds(str(v, "threshold"));
  const travelFile = str(v, "travel");
  const travel =
    travelFile === undefined
      ? straightLineTravel()
      : travelMatrixFromRows(
          await step(io, "reading travel times", () => readCsv(resolvePath(io, travelFile), z.object({ origin_id: z.string(), destination_id: z.string(), mode: z.string(), minutes: z.string() }))),
          { originIds: providers.map((p) => p.id), destinationIds: areas.map((a) => a.id) },
        );
  const coverage = await step(io, "computing coverage", () => computeCoverage({ providers, areas, travel, thresholdMinutes }));
  const reach = lotCoverage(plan, coverage, demand);
  return { boundaries, demand, plan, providers, reach };
}

function coverageRows(reach: readonly LotCoverageRow[]): CsvRow[] {
  return reach.map((r) => ({ provider_id: r.providerId, lot_id: r.lotId, share: r.share, non_driving_share: r.nonDrivingShare, drive: r.byMode.drive, walk: r.byMode.walk, cycle: r.byMode.cycle, transit: r.byMode.transit }));
}
const COVERAGE_COLUMNS = ["provider_id", "lot_id", "share", "non_driving_share", "drive", "walk", "cycle", "transit"];

const coverage: Command = {
  name: "coverage",
  summary: "which providers reach which lots within the travel-time thresholds, by mode",
  description:
    "Travel times from each provider base to each area's centroid per staff mode (straight-line estimates, or --travel\n" +
    "from a routing tool); writes coverage.csv with the\n" +
    "staff-mix-blended share of each lot's hours each provider reaches (the allocation eligibility).",
  example:
    "lotwise coverage --boundaries lsoas.geojson --id-property lsoa11cd --demand demand.csv --lots lot-areas.csv " +
    "--providers providers.csv --threshold drive=30,walk=20,cycle=20,transit=40 --out out/",
  options: { ...BOUNDARY_OPTIONS, ...DEMAND_OPTIONS, providers: ALLOCATION_OPTIONS.providers!, lots: ALLOCATION_OPTIONS.lots!, travel: ALLOCATION_OPTIONS.travel!, threshold: ALLOCATION_OPTIONS.threshold!, "urban-property": ALLOCATION_OPTIONS["urban-property"]!, out: OUT_OPTION.out! },
  async run(v, io) {
    const r = await coverageStep(v, io);
    const out = new OutputSet(resolvePath(io, str(v, "out") ?? "."));
    out.add("coverage.csv", await formatCsv(coverageRows(r.reach), { columns: COVERAGE_COLUMNS, decimals: 4 }));
    await out.commit();
    const lotsReached = new Map<string, number>();
    for (const x of r.reach) if (x.share > 0) lotsReached.set(x.lotId, (lotsReached.get(x.lotId) ?? 0) + 1);
    const thin = r.plan.lots.filter((l) => (lotsReached.get(l.id) ?? 0) < 2).map((l) => l.id);
    return `${r.reach.length} provider × lot pairs within reach for ${r.plan.lots.length} lots and ${r.providers.length} providers.${thin.length > 0 ? ` Lots reached by fewer than 2 providers: ${thin.join(", ")}.` : ""}\nWrote coverage.csv to ${str(v, "out") ?? "."}`;
  },
};

async function allocationStep(v: Values, io: CliIo): Promise<AllocationRun> {
  const r = await coverageStep(v, io);
  const areas = areasFromBoundaries(r.boundaries, { urbanRuralProperty: str(v, "urban-property") ?? "urban_rural" });
  const urban = new Map(areas.map((a) => [a.id, a.urbanRural === "urban"]));
  const policy = {
    ...(str(v, "lead-share") === undefined ? {} : { leadShare: parseNumber("lead-share", str(v, "lead-share")) }),
    ...(str(v, "max-lead-lots") === undefined ? {} : { maxLeadLotsPerProvider: parseNumber("max-lead-lots", str(v, "max-lead-lots")) }),
    ...(str(v, "rural-weight") === undefined ? {} : { ruralWeight: parseNumber("rural-weight", str(v, "rural-weight")) }),
  };
  const allocation = await step(io, "allocating providers (MILP)", () =>
    allocate(
      {
        lots: r.plan.lots.map((l) => ({
          id: l.id,
          urbanHours: l.areaIds.reduce((s, a) => s + (urban.get(a) === true ? (r.demand[a] ?? 0) : 0), 0),
          ruralHours: l.areaIds.reduce((s, a) => s + (urban.get(a) === true ? 0 : (r.demand[a] ?? 0)), 0),
        })),
        providers: r.providers.map((p) => ({ id: p.id, capacityHours: p.capacityHours, ratePerHour: p.ratePerHour })),
        eligibility: r.reach.filter((x) => x.share > 0).map((x) => ({ lotId: x.lotId, providerId: x.providerId, share: x.share })),
        policy,
      },
      { timeLimitSec: parseNumber("time-limit", str(v, "time-limit"), 30) },
    ),
  );
  return { ...r, allocation };
}

async function addAllocationOutputs(out: OutputSet, run: AllocationRun, title: string, withdrawal?: ReportWithdrawalRow[]): Promise<void> {
  const a = run.allocation;
  const rows = allocationToRows(a);
  out.add("allocation-lots.csv", await formatCsv(rows.lots, { decimals: 2 }));
  out.add("allocation-providers.csv", await formatCsv(rows.providers, { decimals: 2 }));
  const leadProviders = leadProvidersOf(a);
  const svg = renderMap(run.boundaries, run.plan, { title, providers: run.providers.map((p) => ({ id: p.id, lonLat: p.lonLat })), leadProviders });
  const areaCount = new Map(run.plan.lots.map((l) => [l.id, l.areaIds.length]));
  const report = renderReport({
    title,
    summary: [
      ["Status", a.status],
      ["Weekly cost", `£${formatGrouped(a.weeklyCost, 0)}`],
      ["Unmet hours", `${formatGrouped(a.unmetHours, 1)} h/week`],
    ],
    lots: a.lots.map((l) => {
      const row: ReportLotRow = {
        lotId: l.lotId,
        areaCount: areaCount.get(l.lotId) ?? 0,
        demandHours: l.demandHours,
        supplementaryProviderIds: l.supplementary.map((s) => s.providerId),
        assignedHours: l.deliveredHours,
        unmetHours: l.unmetHours,
        weeklyCost: l.weeklyCost,
      };
      if (l.lead !== null) row.leadProviderId = l.lead;
      if (l.contingency !== null) row.contingencyProviderId = l.contingency;
      return row;
    }),
    providers: a.providers.map((p) => ({
      providerId: p.providerId,
      capacityHours: p.capacityHours,
      assignedHours: p.hours,
      leadLots: [...p.leadLots],
      supplementaryLots: p.lots.filter((x) => x.role === "supplementary").map((x) => x.lotId),
      contingencyLots: [...p.contingencyLots],
    })),
    ...(withdrawal === undefined ? {} : { withdrawal }),
    mapSvg: svg,
    notes: [...a.warnings],
  });
  out.add("map.svg", svg);
  out.add("report.md", report.markdown);
  out.add("report.html", report.html);
}

const allocateCommand: Command = {
  name: "allocate",
  summary: "choose lead, supplementary and contingency providers per lot at least cost",
  description:
    "Computes coverage (as `lotwise coverage`), then solves the allocation MILP: one lead per lot delivering at least the\n" +
    "lead share, supplementary providers, one contingency provider with spare capacity, rural hours weighted. Writes\n" +
    "allocation-lots.csv, allocation-providers.csv, map.svg, report.md, report.html.",
  example:
    "lotwise allocate --boundaries lsoas.geojson --id-property lsoa11cd --demand demand.csv --lots lot-areas.csv " +
    "--providers providers.csv --rural-weight 1.15 --out out/",
  options: { ...BOUNDARY_OPTIONS, ...DEMAND_OPTIONS, ...ALLOCATION_OPTIONS, ...OUT_OPTION },
  async run(v, io) {
    const run = await allocationStep(v, io);
    const out = new OutputSet(resolvePath(io, str(v, "out") ?? "."));
    await addAllocationOutputs(out, run, str(v, "title") ?? "Provider allocation");
    await out.commit();
    const a = run.allocation;
    const unled = a.lots.filter((l) => l.lead === null).map((l) => l.lotId);
    return [
      `Allocation ${a.status}: £${formatGrouped(a.weeklyCost, 0)}/week, ${formatGrouped(a.unmetHours, 1)} unmet h/week, ${a.lots.length - unled.length}/${a.lots.length} lots with a lead.`,
      ...(unled.length > 0 ? [`  ! no lead for ${unled.join(", ")}`] : []),
      ...a.warnings.map((w) => `  ! ${w}`),
      `Wrote ${out.names.join(", ")} to ${str(v, "out") ?? "."}`,
    ].join("\n");
  },
};

const withdraw: Command = {
  name: "withdraw",
  summary: "what happens when providers withdraw: N-1 sweep, or the named providers at once",
  description:
    "Allocates (as `lotwise allocate`), then re-lets every lot the withdrawn providers led, delivered in or stood\n" +
    "behind as contingency, under the same policy (new lead, minimum providers, contingency with its reserve), using\n" +
    "only capacity the other lots leave spare. Without --provider, every provider is withdrawn in turn (N-1 sweep) and\n" +
    "withdrawal.csv has one row each; with --provider, those providers leave together and withdrawal-lots.csv shows\n" +
    "each re-let lot: leads before and after, hours re-placed, unmet hours with the reason, cost of delivered hours.",
  example:
    "lotwise withdraw --boundaries lsoas.geojson --id-property lsoa11cd --demand demand.csv --lots lot-areas.csv " +
    "--providers providers.csv --out out/",
  options: {
    ...BOUNDARY_OPTIONS,
    ...DEMAND_OPTIONS,
    ...ALLOCATION_OPTIONS,
    provider: { type: "string", multiple: true, placeholder: "ID", help: "withdraw this provider (with others given, all at once)" },
    ...OUT_OPTION,
  },
  async run(v, io) {
    const run = await allocationStep(v, io);
    const a = run.allocation;
    const named = list(v, "provider");
    const known = new Set(a.providers.map((p) => p.providerId));
    for (const p of named) if (!known.has(p)) throw new LotwiseError("unknown_id", `--provider ${JSON.stringify(p)} is not in the providers file`);
    const outDir = str(v, "out") ?? ".";
    const out = new OutputSet(resolvePath(io, outDir));
    const timeLimitSec = parseNumber("time-limit", str(v, "time-limit"), 30);
    if (named.length === 0) {
      const sweep = await step(io, `withdrawing each of ${a.providers.length} providers in turn`, () => withdrawalSweep(a, { timeLimitSec }));
      out.add("withdrawal.csv", await formatCsv(withdrawalToRows(sweep.scenarios), { decimals: 2 }));
      const rows = withdrawalReportRows(sweep.scenarios);
      await addAllocationOutputs(out, run, str(v, "title") ?? "Provider withdrawal (N-1)", rows);
      await out.commit();
      const worst = worstWithdrawal(sweep.scenarios);
      return (
        `${sweep.scenarios.length} withdrawal scenarios, each re-let under the policy; worst: ${worst?.scenario ?? "–"} (${formatGrouped(worst?.lostHours ?? 0, 1)} h lost, ` +
        `${formatGrouped(worst?.addedUnmetHours ?? 0, 1)} h/week left unmet, ${formatGrouped(worst?.lastResortHours ?? 0, 1)} h/week from last resort).\nWrote ${out.names.join(", ")} to ${outDir}`
      );
    }
    const w = await step(io, `withdrawing ${named.join(", ")}`, () => simulateWithdrawal(a, named, { timeLimitSec }));
    out.add("withdrawal-lots.csv", await formatCsv(withdrawalLotsToRows(w), { decimals: 2 }));
    const rows: ReportWithdrawalRow[] = withdrawalReportRows([entryOf(w)]);
    await addAllocationOutputs(out, run, str(v, "title") ?? `Withdrawal of ${named.join(", ")}`, rows);
    await out.commit();
    return (
      `Withdrawing ${named.join(", ")} (${w.status}): ${formatGrouped(w.lostHours, 1)} h/week lost, ${w.lots.length} lot(s) re-let, ${w.lotsChangedLead.length} with a new lead, ` +
      `${formatGrouped(w.addedUnmetHours, 1)} h/week left unmet, ${formatGrouped(w.lastResortHours, 1)} h/week from last resort, ` +
      `cost of delivered hours ${w.deliveredCostChange >= 0 ? "+" : "-"}£${formatGrouped(Math.abs(w.deliveredCostChange), 0)}/week.\nWrote ${out.names.join(", ")} to ${outDir}`
    );
  },
};

/** Commands by name, in help order. @internal */
export const COMMANDS: Readonly<Record<string, Command>> = { design, coverage, allocate: allocateCommand, withdraw, evaluate };

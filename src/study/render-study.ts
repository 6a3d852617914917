// renderStudy: a Study as the map, the report, the lots' GeoJSON and a JSON summary, browser-safe (the web
// app and notebooks use it; writeStudy in lotwise/node adds the CSV tables and writes them all).
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { providersReachingAreas } from "../coverage/area-reach.js";
import type { Id, TravelMode } from "../domain/index.js";
import { invalid } from "../errors.js";
import { formatGrouped } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import { lotsToGeoJSON, type LotFeatureProperties } from "../lots/lots-to-geojson.js";
import { leadProvidersOf, reletReport, securitySummary, withdrawalReportRows, worstWithdrawal } from "../report/allocation-report-rows.js";
import { renderMap } from "../report/render-map.js";
import { renderReport, type RenderedReport } from "../report/render-report.js";
import { allocationReportRows } from "../report/report-rows.js";
import type { ReportInput } from "../schema/report.js";
import type { Study } from "./types.js";

/** Options of {@link renderStudy} (and of `writeStudy`). Every field is optional. */
export interface RenderStudyOptions {
  /** Report title. @defaultValue `"Home-care study"` */
  readonly title?: string;
  /** Map title. @defaultValue `"<n> lots"` */
  readonly mapTitle?: string;
  /** Line under the map title. @defaultValue `"<areas> areas, <hours> h/week"` */
  readonly subtitle?: string;
  /** Paragraph under the report title (what was run, on what data). @defaultValue none */
  readonly intro?: string;
  /** Notes printed first at the end of the report (caveats, data sources). @defaultValue `[]` */
  readonly notes?: readonly string[];
  /** Currency symbol. @defaultValue `"£"` */
  readonly currency?: string;
  /**
   * Map hatching: areas reached by fewer than `minProviders` providers by any of `modes`, darker when
   * fewer; `false` for none.
   * @defaultValue `{ modes: ["drive"], minProviders: 2 }` (every assessed mode when drive was not assessed)
   */
  readonly thinReach?: { readonly modes?: readonly TravelMode[]; readonly minProviders?: number } | false;
  /** Where the Markdown report links the map. @defaultValue `"map.svg"` */
  readonly mapHref?: string;
  /** Data attribution printed on the map and at the foot of the report. @defaultValue the ONS/OS OGL line */
  readonly attribution?: string;
}

/** Key figures of a study as plain JSON (what `writeStudy` writes as summary.json). */
export interface StudySummary {
  readonly areas: number;
  /** Areas per parent (e.g. per CCG); empty when areas have no parent. */
  readonly areasByParent: Readonly<Record<string, number>>;
  readonly adjacency: { readonly pairs: number; readonly meanNeighbours: number; readonly components: number; readonly islands: number };
  readonly demand: { readonly totalHours: number; readonly weightColumn: string | null; readonly minHours: number; readonly maxHours: number };
  readonly lots: { readonly count: number; readonly byParent: Readonly<Record<string, number>>; readonly status: string; readonly minHours: number; readonly maxHours: number; readonly violations: number };
  readonly providers: number;
  readonly allocation?: {
    readonly outcome: string;
    readonly headline: string;
    readonly status: string;
    readonly weeklyCost: number;
    readonly unmetHours: number;
    readonly lotsWithLead: number;
    readonly lotsWithContingency: number;
  };
  readonly withdrawal?: { readonly scenarios: number; readonly worstProvider: string; readonly worstAddedUnmetHours: number; readonly worstLastResortHours: number };
  readonly relet?: {
    readonly withdrawn: readonly Id[];
    readonly lotsReLet: readonly Id[];
    readonly newLeads: Readonly<Record<Id, Id | null>>;
    readonly lastResortHours: number;
    readonly addedUnmetHours: number;
    readonly deliveredCostChange: number;
    readonly status: string;
  };
  readonly security?: { readonly secure: boolean; readonly weeklyCost: number; readonly priceOfSecurityWeekly: number; readonly worstProvider: string | null; readonly worstAddedUnmetHours: number };
  /** Stages that did not run. */
  readonly stagesNotRun: readonly string[];
}

/** What {@link renderStudy} returns. */
export interface RenderedStudy {
  /** The SVG map (`renderMap`). */
  readonly mapSvg: string;
  /** The report input, should you want to change it and call `renderReport` yourself. */
  readonly reportInput: ReportInput;
  readonly report: RenderedReport;
  /** The lots as polygons with their metrics (`lotsToGeoJSON`). */
  readonly geojson: FeatureCollection<Polygon | MultiPolygon, LotFeatureProperties>;
  readonly summary: StudySummary;
}

/** "2 lot(s) re-let: 1 with a new lead (WL-08 → P021), 1 not let (ELR-06)". @internal */
export function reletCounts(r: NonNullable<Study["relet"]>): string {
  const newLead = r.lots.filter((l) => l.leadChanged && l.leadAfter !== null);
  const parts = [`${newLead.length} with a new lead${newLead.length === 0 ? "" : ` (${newLead.map((l) => `${l.lotId} → ${l.leadAfter}`).join(", ")})`}`];
  if (r.lotsVacant.length > 0) parts.push(`${r.lotsVacant.length} not let (${r.lotsVacant.join(", ")})`);
  return `${r.lots.length} lot(s) re-let: ${parts.join(", ")}`;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort(compareIds)) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Weekly hours of each lot: a designed lot's own, else summed from the demand. */
function lotHours(study: Study): Map<Id, number> {
  return new Map(
    study.plan.lots.map((l) => {
      const own = (l as { hours?: unknown }).hours;
      return [l.id, typeof own === "number" ? own : l.areaIds.reduce((s, a) => s + (study.demand[a] ?? 0), 0)];
    }),
  );
}

/**
 * The key figures of a study as plain JSON: areas, adjacency, demand, lots, and each later stage's
 * outcome. Deterministic (no times).
 *
 * @param study - from {@link runStudy}.
 * @returns a {@link StudySummary}.
 * @example
 * ```ts
 * import { studySummary } from "lotwise";
 * studySummary(study).allocation?.outcome; // "all_let"
 * ```
 */
export function studySummary(study: Study): StudySummary {
  const hours = Object.values(study.demand);
  const perLot = [...lotHours(study).values()];
  const a = study.allocation;
  const worst = study.withdrawal === null ? undefined : worstWithdrawal(study.withdrawal.scenarios);
  const r = study.relet;
  const sec = study.security?.security;
  return {
    areas: study.areas.length,
    areasByParent: countBy(study.areas.flatMap((x) => (x.parent === undefined ? [] : [x.parent]))),
    adjacency: {
      pairs: study.adjacency.pairCount,
      meanNeighbours: round((2 * study.adjacency.pairCount) / Math.max(1, study.adjacency.ids.length)),
      components: study.adjacency.components.length,
      islands: study.adjacency.islands.length,
    },
    demand: {
      totalHours: hours.reduce((s, x) => s + x, 0),
      weightColumn: study.demandEstimate?.weightColumn ?? null,
      minHours: hours.length === 0 ? 0 : Math.min(...hours),
      maxHours: hours.length === 0 ? 0 : Math.max(...hours),
    },
    lots: {
      count: study.plan.lots.length,
      byParent: countBy(study.plan.lots.map((l) => l.parent ?? "")),
      status: study.design?.status ?? "given",
      minHours: perLot.length === 0 ? 0 : Math.min(...perLot),
      maxHours: perLot.length === 0 ? 0 : Math.max(...perLot),
      violations: (study.design?.violations.length ?? 0) + (study.design === null ? (study.evaluation?.violations.length ?? 0) : 0),
    },
    providers: study.providers.length,
    ...(a === null
      ? {}
      : {
          allocation: {
            outcome: a.summary.outcome,
            headline: a.summary.headline,
            status: a.status,
            weeklyCost: round(a.weeklyCost),
            unmetHours: round(a.unmetHours),
            lotsWithLead: a.lots.filter((l) => l.lead !== null).length,
            lotsWithContingency: a.lots.filter((l) => l.contingency !== null).length,
          },
        }),
    ...(study.withdrawal === null
      ? {}
      : {
          withdrawal: {
            scenarios: study.withdrawal.scenarios.length,
            worstProvider: worst?.scenario ?? "",
            worstAddedUnmetHours: round(worst?.addedUnmetHours ?? 0),
            worstLastResortHours: round(worst?.lastResortHours ?? 0),
          },
        }),
    ...(r === null
      ? {}
      : {
          relet: {
            withdrawn: [...r.withdrawn],
            lotsReLet: r.lots.map((l) => l.lotId),
            newLeads: Object.fromEntries(r.lots.filter((l) => l.leadChanged).map((l) => [l.lotId, l.leadAfter])),
            lastResortHours: round(r.lastResortHours),
            addedUnmetHours: round(r.addedUnmetHours),
            deliveredCostChange: round(r.deliveredCostChange),
            status: r.status,
          },
        }),
    ...(sec === undefined
      ? {}
      : {
          security: {
            secure: sec.secure,
            weeklyCost: round(study.security!.weeklyCost),
            priceOfSecurityWeekly: round(sec.priceOfSecurityWeekly),
            worstProvider: sec.worstProviderId,
            worstAddedUnmetHours: round(sec.worstAddedUnmetHours),
          },
        }),
    stagesNotRun: study.stages.filter((s) => !s.ran).map((s) => s.stage),
  };
}

/** Area id → share of `minProviders` reached (1 = enough providers), for the map's hatching. */
function thinReachShares(study: Study, opt: RenderStudyOptions["thinReach"]): { shares: Record<Id, number>; label: string } | undefined {
  if (opt === false) return undefined;
  const min = opt?.minProviders ?? 2;
  if (!Number.isInteger(min) || min < 1) invalid(["options", "thinReach", "minProviders"], min, "expected a whole number ≥ 1");
  if (study.coverage === null) return undefined;
  const assessed = study.coverage.modes;
  const modes = opt?.modes ?? (assessed.includes("drive") ? (["drive"] as const) : assessed);
  const reaching = providersReachingAreas(study.coverage, { modes });
  const shares: Record<Id, number> = {};
  for (const id of study.boundaries.ids) shares[id] = Math.min(reaching[id]?.length ?? 0, min) / min;
  const thr = modes.map((m) => `${study.coverage!.thresholdMinutes[m]} min ${m}`).join(" or ");
  return { shares, label: `reached by < ${min} providers in ${thr}` };
}

/**
 * A study as its outputs: the SVG map (lots, provider bases, lead per lot, areas reached by too few
 * providers hatched), the report (led by the allocation's outcome in words, then key figures, lots,
 * providers, the N-1 withdrawal table, the one withdrawal lot by lot, the price of N-1 security, notes), the
 * lots as GeoJSON and the summary. Browser-safe; `writeStudy` writes these with the CSV tables.
 *
 * @param study - from {@link runStudy}.
 * @param options - titles, intro, notes, currency, hatching (see {@link RenderStudyOptions}).
 * @returns a {@link RenderedStudy}.
 * @throws {LotwiseError} `invalid_input` for a bad option (as `renderMap` and `renderReport` check them).
 * @example
 * ```ts
 * import { renderStudy } from "lotwise";
 * const { report, mapSvg } = renderStudy(study, { title: "Leicestershire home care" });
 * report.markdown.startsWith("# Leicestershire home care"); // true
 * ```
 */
export function renderStudy(study: Study, options: RenderStudyOptions = {}): RenderedStudy {
  const cur = options.currency ?? "£";
  const money = (x: number): string => `${cur}${formatGrouped(x, 0)}`;
  const total = Object.values(study.demand).reduce((s, x) => s + x, 0);
  const hoursOf = lotHours(study);
  const a = study.allocation;
  const leads = a === null ? {} : leadProvidersOf(a);
  const thin = thinReachShares(study, options.thinReach);
  const attribution = options.attribution === undefined ? {} : { attribution: options.attribution };
  const mapSvg = renderMap(study.boundaries, study.plan, {
    title: options.mapTitle ?? `${study.plan.lots.length} lots`,
    subtitle: options.subtitle ?? `${study.areas.length} areas, ${formatGrouped(total, 0)} h/week`,
    lotLegend: Object.fromEntries(study.plan.lots.map((l) => [l.id, `${formatGrouped(hoursOf.get(l.id) ?? 0, 0)} h/wk${a === null ? `, ${l.areaIds.length} areas` : `, lead ${leads[l.id] ?? "none"}`}`])),
    providers: study.providers.map((p) => ({ id: p.id, lonLat: p.lonLat })),
    leadProviders: leads,
    ...(thin === undefined ? {} : { coverage: thin.shares, coverageLabel: thin.label }),
    ...attribution,
  });

  const summary: [string, string][] = [];
  if (a !== null) summary.push(["Outcome", a.summary.headline]);
  summary.push(["Areas", String(study.areas.length)], ["Demand", `${formatGrouped(total, 0)} h/week`], ["Lots", `${study.plan.lots.length} (${study.design?.status ?? "given"})`]);
  if (study.providers.length > 0) summary.push(["Providers", `${study.providers.length}, ${formatGrouped(study.providers.reduce((s, p) => s + p.capacityHours, 0), 0)} h/week capacity`]);
  if (a !== null) {
    summary.push(
      ["Allocation", `solver status ${a.status}, ${a.summary.let} of ${a.lots.length} lots with a lead`],
      ["Weekly cost", `${money(a.weeklyCost)} (${money(a.annualCost)} a year)`],
      ["Unmet hours", `${formatGrouped(a.unmetHours, 1)} h/week`],
    );
  }
  const r = study.relet;
  if (r !== null) {
    summary.push([
      `Withdrawal of ${r.withdrawn.join(" + ")}`,
      `${reletCounts(r)}; ${formatGrouped(r.lastResortHours, 1)} h/week from last resort; ` +
        `${formatGrouped(r.addedUnmetHours, 1)} h/week more unmet; cost of delivered hours ${r.deliveredCostChange < 0 ? "-" : "+"}${money(Math.abs(r.deliveredCostChange))}/week`,
    ]);
  }
  const worst = study.withdrawal === null ? undefined : worstWithdrawal(study.withdrawal.scenarios);
  if (worst !== undefined) {
    summary.push(["Worst single withdrawal", `${worst.scenario}: ${formatGrouped(worst.addedUnmetHours, 1)} h/week more unmet, ${formatGrouped(worst.lastResortHours, 1)} h/week from last resort`]);
  }
  if (study.security !== null) summary.push(...securitySummary(study.security, cur).map(([k, v]): [string, string] => [k === "Worst single withdrawal" ? "Worst single withdrawal, N-1-secure plan" : k, v]));

  const rows = a === null ? null : allocationReportRows(a, { plan: study.plan, providers: study.providers, ...(study.reach === null ? {} : { reach: study.reach }) });
  const lots =
    rows?.lots ??
    study.plan.lots.map((l) => ({ lotId: l.id, areaCount: l.areaIds.length, demandHours: hoursOf.get(l.id) ?? 0, ...(l.parent === undefined ? {} : { parent: l.parent }) }));
  const thr = study.coverage === null ? null : Object.entries(study.coverage.thresholdMinutes).map(([m, t]) => `${m} ${t} min`).join(", ");
  const notes = [
    ...(options.notes ?? []),
    ...(rows === null || study.reach === null ? [] : ["Covered: the share of a lot's weekly hours that its lead provider's staff can reach within the thresholds, blended by the provider's staff mix."]),
    ...(thr === null ? [] : [`Reach thresholds: ${thr}.`]),
    ...(study.design?.violations.map((v) => v.message) ?? []),
    ...(study.design === null ? (study.evaluation?.violations.map((v) => v.message) ?? []) : []),
    ...(a?.warnings ?? []),
    ...(r?.warnings.map((w) => `Withdrawal of ${r.withdrawn.join(" + ")}: ${w}`) ?? []),
    ...(study.security?.warnings.map((w) => `N-1-secure plan: ${w}`) ?? []),
  ];
  const reportInput: ReportInput = {
    title: options.title ?? "Home-care study",
    ...(options.intro === undefined ? {} : { intro: options.intro }),
    summary,
    currency: cur,
    lots,
    providers: rows?.providers ?? [],
    ...(study.withdrawal === null ? {} : { withdrawal: withdrawalReportRows(study.withdrawal.scenarios) }),
    ...(r === null ? {} : { relet: reletReport(r, cur) }),
    mapSvg,
    ...(options.mapHref === undefined ? {} : { mapHref: options.mapHref }),
    notes,
    ...attribution,
  };
  const evaluation = study.evaluation === null ? {} : { evaluation: { lots: study.evaluation.lots.map((l) => ({ ...l })) } };
  return { mapSvg, reportInput, report: renderReport(reportInput), geojson: lotsToGeoJSON(study.plan, study.boundaries, evaluation), summary: studySummary(study) };
}

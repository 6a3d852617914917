/**
 * Lot metrics for any plan — a designed one or the plan a council already has — with contiguity and
 * nesting checks.
 *
 * Per lot: hours, population, km², urban share, demand-weighted mean and maximum straight-line distance
 * from each area's point to the lot's demand-weighted centre, a compactness ratio, the number of
 * connected pieces, and per travel mode the demand-weighted mean minutes from the lot's centre area (the
 * area with the least demand-weighted travel to the others) and the longest travel between two areas.
 */
import { invalid, parseInput } from "../errors.js";
import { haversineMetresXY } from "../internal/geo.js";
import { compareIds } from "../internal/sort.js";
import { checkTravelMatrix } from "../internal/travel-matrix.js";
import { EvaluateLotsOptionsSchema, DemandHoursSchema, LotAdjacencyInputSchema, LotAreasSchema, LotPlanSchema, type EvaluateLotsOptions } from "../schema/lots.js";
import { TRAVEL_MODES, type DemandHours, type Id, type LotPlan, type TravelMode } from "../domain/index.js";
import { prepareAreas } from "./prepare-areas.js";
import type { AreaAdjacency, LotArea, LotViolation } from "./types.js";

/** Travel inside one lot for one mode. */
export interface LotTravelMetrics {
  /** The lot's centre area: least demand-weighted travel time to the lot's areas. */
  readonly centreId: Id;
  /** Demand-weighted mean minutes from the centre area to the lot's areas. */
  readonly meanMinutes: number;
  /** Longest travel between two areas of the lot, minutes (either direction). */
  readonly maxMinutes: number;
}

/** Metrics of one lot. */
export interface LotMetrics {
  readonly id: Id;
  /** The lot's parent: its declared parent, else the parent its areas share (absent if none or mixed). */
  readonly parent?: string;
  readonly areaCount: number;
  /** Weekly care hours. */
  readonly hours: number;
  /** Σ population, or null when some area has none. */
  readonly population: number | null;
  /** Σ km², or null when some area has none. */
  readonly areaKm2: number | null;
  /** Urban share of population (of areas when population is missing); null when some area has no class. */
  readonly urbanShare: number | null;
  /** Demand-weighted mean distance (km) from areas' points to the lot's demand-weighted centre. */
  readonly meanDistanceKm: number;
  /** Largest such distance, km. */
  readonly maxDistanceKm: number;
  /**
   * (2/3)·√(areaKm2/π) ÷ meanDistanceKm: the mean distance to the centre of a disc of the same area over the
   * lot's; about 1 for a round lot with even demand, lower for stretched or scattered lots. Null without areas.
   */
  readonly compactness: number | null;
  /** Connected pieces under the adjacency (1 = contiguous). */
  readonly pieces: number;
  /** Per mode in `options.travel`. */
  readonly travel: Readonly<Partial<Record<TravelMode, LotTravelMetrics>>>;
}

/** Result of {@link evaluateLots}. */
export interface LotEvaluation {
  /** One entry per lot, sorted by id. */
  readonly lots: readonly LotMetrics[];
  /** Broken requirements: pieces, mixed parents, unassigned or duplicated areas; sorted by lot id. */
  readonly violations: readonly LotViolation[];
  /** Per parent ("" when lots have none): lots, hours, mean lot hours, largest |hours − mean|/mean. */
  readonly parents: readonly { readonly parent: string; readonly lots: number; readonly hours: number; readonly meanHours: number; readonly maxDeviation: number }[];
  readonly summary: {
    readonly lotCount: number;
    readonly hours: number;
    readonly minHours: number;
    readonly maxHours: number;
    /** Largest deviation of a lot from its parent's mean lot, as a share. */
    readonly maxDeviation: number;
    /** Demand-weighted mean distance to lot centre over all areas, km. */
    readonly meanDistanceKm: number;
    readonly contiguous: boolean;
    readonly nested: boolean;
  };
}

/**
 * Measures a lot plan: hours, population, area, urban share, compactness, travel inside each lot, and
 * contiguity / nesting violations.
 *
 * @param plan - any {@link LotPlan} (e.g. from {@link designLots} or {@link lotPlanFromRows}).
 * @param areas - the areas ({@link LotArea}); parents, when given, are checked for nesting.
 * @param adjacency - neighbours per area id (as for {@link designLots}).
 * @param demand - weekly hours per area; every area needs one.
 * @param options - `travel`: a TravelMatrix between the areas (every mode it holds is reported);
 *   `bridges`: virtual edges from `designLots` to count as adjacency.
 * @returns a {@link LotEvaluation}.
 * @throws {LotwiseError} `invalid_input` for a bad field, `unknown_id` for a plan or matrix naming an
 *   area not in `areas` (or an area of a lot missing from the matrix).
 * @example
 * ```ts
 * import { evaluateLots } from "lotwise";
 * const areas = [
 *   { id: "A", lonLat: [-1, 52.6] as [number, number], parent: "P" },
 *   { id: "B", lonLat: [-0.99, 52.6] as [number, number], parent: "P" },
 *   { id: "C", lonLat: [-0.98, 52.6] as [number, number], parent: "P" },
 * ];
 * const ev = evaluateLots({ lots: [{ id: "L1", areaIds: ["A", "C"] }, { id: "L2", areaIds: ["B"] }] },
 *   areas, { A: ["B"], B: ["A", "C"], C: ["B"] }, { A: 5, B: 5, C: 5 });
 * ev.lots[0].pieces; // 2 (A and C do not touch)
 * ev.violations[0].kind; // "not_contiguous"
 * ```
 */
export function evaluateLots(plan: LotPlan, areas: readonly LotArea[], adjacency: AreaAdjacency, demand: DemandHours, options: EvaluateLotsOptions = {}): LotEvaluation {
  const opts = parseInput(EvaluateLotsOptionsSchema, options, "options");
  const p = parseInput(LotPlanSchema, plan, "plan");
  const areaList = parseInput(LotAreasSchema, areas, "areas") as LotArea[];
  const adj = parseInput(LotAdjacencyInputSchema, adjacency, "adjacency") as AreaAdjacency;
  const dem = parseInput(DemandHoursSchema, demand, "demand");
  const pa = prepareAreas(areaList, adj, dem);
  const n = pa.ids.length;

  const extra = new Map<number, number[]>();
  for (const b of opts.bridges ?? []) {
    const i = pa.index.get(b.from), j = pa.index.get(b.to);
    if (i === undefined || j === undefined) invalid(["options", "bridges"], b, "a bridge names an area not in areas", "unknown_id");
    (extra.get(i) ?? extra.set(i, []).get(i)!).push(j);
    (extra.get(j) ?? extra.set(j, []).get(j)!).push(i);
  }

  const violations: LotViolation[] = [];
  const lotOf = new Int32Array(n).fill(-1);
  const lotsSorted = p.lots.map((l, li) => ({ l, li })).sort((a, b) => compareIds(a.l.id, b.l.id));
  for (const { l, li } of lotsSorted) {
    l.areaIds.forEach((id, ai) => {
      const i = pa.index.get(id);
      if (i === undefined) invalid(["plan", "lots", li, "areaIds", ai], id, "this area is not in areas", "unknown_id");
      if (lotOf[i] !== -1 && lotOf[i] !== li) {
        violations.push({ kind: "duplicate_area", lotId: l.id, areaId: id, message: `area ${id} is in lot ${p.lots[lotOf[i]!]!.id} and in lot ${l.id}` });
      } else lotOf[i] = li;
    });
  }
  for (let i = 0; i < n; i++) {
    if (lotOf[i] === -1) violations.push({ kind: "unassigned_area", areaId: pa.ids[i]!, message: `area ${pa.ids[i]} is in no lot` });
  }

  const travel = opts.travel;
  const modes: TravelMode[] = travel === undefined ? [] : TRAVEL_MODES.filter((m) => travel.minutes[m] !== undefined);
  let oIdx: Map<Id, number> | null = null, dIdx: Map<Id, number> | null = null;
  if (travel !== undefined) {
    checkTravelMatrix(travel, ["options", "travel"]);
    oIdx = new Map(travel.originIds.map((id, i) => [id, i]));
    dIdx = new Map(travel.destinationIds.map((id, i) => [id, i]));
  }

  const mark = new Int32Array(n).fill(-1);
  const metrics: LotMetrics[] = [];
  for (const { l, li } of lotsSorted) {
    const ms = [...new Set(l.areaIds.map((id) => pa.index.get(id)!))].sort((a, b) => a - b);
    const hoursOf = (i: number) => pa.hours[i]!;
    let H = 0;
    for (const i of ms) H += hoursOf(i);
    // demand-weighted centre (uniform weights when the lot has no hours)
    const wOf = (i: number) => (H > 0 ? hoursOf(i) : 1);
    let W = 0, cx = 0, cy = 0;
    for (const i of ms) {
      W += wOf(i);
      cx += wOf(i) * pa.areas[i]!.lonLat[0];
      cy += wOf(i) * pa.areas[i]!.lonLat[1];
    }
    cx /= W || 1;
    cy /= W || 1;
    let meanD = 0, maxD = 0;
    for (const i of ms) {
      const d = haversineMetresXY(pa.areas[i]!.lonLat[0], pa.areas[i]!.lonLat[1], cx, cy) / 1000;
      meanD += (wOf(i) * d) / (W || 1);
      if (d > maxD) maxD = d;
    }
    const sum = (f: (a: LotArea) => number | undefined): number | null => {
      let s = 0;
      for (const i of ms) {
        const v = f(pa.areas[i]!);
        if (v === undefined) return null;
        s += v;
      }
      return s;
    };
    const population = ms.length === 0 ? null : sum((a) => a.population);
    const areaKm2 = ms.length === 0 ? null : sum((a) => a.areaKm2);
    let urbanShare: number | null = null;
    if (ms.length > 0 && ms.every((i) => pa.areas[i]!.urban !== undefined)) {
      const usePop = population !== null && population > 0;
      let u = 0, t = 0;
      for (const i of ms) {
        const w = usePop ? pa.areas[i]!.population! : 1;
        t += w;
        if (pa.areas[i]!.urban) u += w;
      }
      urbanShare = t > 0 ? u / t : null;
    }
    // connected pieces
    let pieces = 0;
    for (const i of ms) mark[i] = li;
    const seen = new Set<number>();
    for (const s of ms) {
      if (seen.has(s)) continue;
      pieces++;
      const stack = [s];
      seen.add(s);
      while (stack.length > 0) {
        const u = stack.pop()!;
        const visit = (v: number) => {
          if (mark[v] === li && !seen.has(v)) {
            seen.add(v);
            stack.push(v);
          }
        };
        for (let q = pa.adjStart[u]!; q < pa.adjStart[u + 1]!; q++) visit(pa.adjList[q]!);
        for (const v of extra.get(u) ?? []) visit(v);
      }
    }
    for (const i of ms) mark[i] = -1;
    if (pieces > 1) {
      violations.push({ kind: "not_contiguous", lotId: l.id, value: pieces, limit: 1, message: `lot ${l.id} is in ${pieces} separate pieces` });
    }
    // nesting
    const parentsIn = [...new Set(ms.map((i) => pa.parent[i]!))].sort(compareIds);
    let parent: string | undefined = l.parent;
    if (pa.hasParents) {
      if (parentsIn.length > 1) {
        violations.push({ kind: "mixed_parents", lotId: l.id, value: parentsIn.length, limit: 1, message: `lot ${l.id} spans parents ${parentsIn.join(", ")}` });
      } else if (l.parent !== undefined && parentsIn.length === 1 && parentsIn[0] !== l.parent) {
        violations.push({ kind: "mixed_parents", lotId: l.id, message: `lot ${l.id} declares parent ${l.parent} but its areas are in ${parentsIn[0]}` });
      }
      if (parent === undefined && parentsIn.length === 1) parent = parentsIn[0]!;
    }
    // travel
    const tr: Partial<Record<TravelMode, LotTravelMetrics>> = {};
    for (const m of modes) {
      const arr = travel!.minutes[m]!;
      const nd = travel!.destinationIds.length;
      const o = ms.map((i) => oIdx!.get(pa.ids[i]!)), d = ms.map((i) => dIdx!.get(pa.ids[i]!));
      const missing = ms.findIndex((_, k) => o[k] === undefined || d[k] === undefined);
      if (missing >= 0) invalid(["options", "travel"], pa.ids[ms[missing]!], `area of lot ${l.id} is missing from the travel matrix`, "unknown_id");
      let bestC = -1, bestMean = Infinity, maxT = 0;
      for (let a = 0; a < ms.length; a++) {
        let s = 0;
        for (let b = 0; b < ms.length; b++) {
          const t = arr[o[a]! * nd + d[b]!]!;
          s += (wOf(ms[b]!) * t) / (W || 1);
          if (a !== b && t > maxT) maxT = t;
        }
        if (s < bestMean) {
          bestMean = s;
          bestC = a;
        }
      }
      if (bestC >= 0) tr[m] = { centreId: pa.ids[ms[bestC]!]!, meanMinutes: bestMean, maxMinutes: maxT };
    }
    const base = {
      id: l.id,
      areaCount: ms.length,
      hours: H,
      population,
      areaKm2,
      urbanShare,
      meanDistanceKm: meanD,
      maxDistanceKm: maxD,
      compactness: areaKm2 !== null && meanD > 0 ? ((2 / 3) * Math.sqrt(areaKm2 / Math.PI)) / meanD : null,
      pieces,
      travel: tr,
    };
    metrics.push(parent === undefined ? base : { ...base, parent });
  }

  // per parent balance
  const byParent = new Map<string, number[]>();
  for (const m of metrics) (byParent.get(m.parent ?? "") ?? byParent.set(m.parent ?? "", []).get(m.parent ?? "")!).push(m.hours);
  const parents = [...byParent.entries()]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([parent, hs]) => {
      const hours = hs.reduce((a, b) => a + b, 0);
      const meanHours = hours / hs.length;
      const maxDeviation = meanHours > 0 ? Math.max(...hs.map((h) => Math.abs(h - meanHours) / meanHours)) : 0;
      return { parent, lots: hs.length, hours, meanHours, maxDeviation };
    });
  const allHours = metrics.map((m) => m.hours);
  const totalH = allHours.reduce((a, b) => a + b, 0);
  violations.sort((a, b) => compareIds(a.lotId ?? "", b.lotId ?? "") || compareIds(a.kind, b.kind) || compareIds(a.areaId ?? "", b.areaId ?? ""));
  return {
    lots: metrics,
    violations,
    parents,
    summary: {
      lotCount: metrics.length,
      hours: totalH,
      minHours: allHours.length > 0 ? Math.min(...allHours) : 0,
      maxHours: allHours.length > 0 ? Math.max(...allHours) : 0,
      maxDeviation: parents.reduce((a, p) => Math.max(a, p.maxDeviation), 0),
      meanDistanceKm: totalH > 0 ? metrics.reduce((a, m) => a + m.meanDistanceKm * m.hours, 0) / totalH : metrics.reduce((a, m) => a + m.meanDistanceKm, 0) / Math.max(1, metrics.length),
      contiguous: !violations.some((v) => v.kind === "not_contiguous"),
      nested: !violations.some((v) => v.kind === "mixed_parents"),
    },
  };
}

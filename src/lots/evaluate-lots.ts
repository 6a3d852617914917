/**
 * Lot metrics for any plan — a designed one or the plan a council already has — with contiguity and
 * nesting checks.
 *
 * Per lot: hours, population, km², urban share, demand-weighted mean and maximum straight-line distance
 * from each area's point to the lot's demand-weighted centre, a compactness ratio, the number of
 * connected pieces, and per travel mode the demand-weighted mean minutes from the lot's centre area (the
 * area with the least demand-weighted travel to the others) and the longest travel between two areas;
 * with boundaries, the Polsby–Popper score of the dissolved lot (see lot-shape.ts).
 */
import { invalid, parseInput } from "../errors.js";
import { haversineMetresXY } from "../internal/geo.js";
import { compareIds } from "../internal/sort.js";
import { checkTravelMatrix } from "../internal/travel-matrix.js";
import { AreaListSchema } from "../schema/area.js";
import { EvaluateLotsOptionsSchema, DemandHoursSchema, LotAdjacencyInputSchema, LotPlanSchema, type EvaluateLotsOptions } from "../schema/lots.js";
import { TRAVEL_MODES, type DemandHours, type Id, type LotPlan, type TravelMatrix, type TravelMode, type Area } from "../domain/index.js";
import type { Boundaries } from "../boundaries/types.js";
import { boundaryEdges, polsbyPopper, type BoundaryEdges } from "./lot-shape.js";
import { prepareAreas, type PreparedAreas } from "./prepare-areas.js";
import type { AreaAdjacency, LotViolation } from "./types.js";

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
  /**
   * Polsby–Popper score 4π·area / perimeter² of the dissolved lot (1 for a disc; LSOA lots typically 0.15–0.35),
   * from `options.boundaries`; null without them.
   */
  readonly polsbyPopper: number | null;
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
    /** Mean Polsby–Popper score over lots (unweighted), null without `options.boundaries`. */
    readonly meanPolsbyPopper: number | null;
    readonly contiguous: boolean;
    readonly nested: boolean;
  };
}

/**
 * Measures a lot plan: hours, population, area, urban share, compactness, travel inside each lot, and
 * contiguity / nesting violations.
 *
 * @param plan - any {@link LotPlan} (e.g. from {@link designLots} or {@link planFromRows}).
 * @param areas - the areas ({@link Area}); parents, when given, are checked for nesting.
 * @param adjacency - neighbours per area id (as for {@link designLots}).
 * @param demand - weekly hours per area; every area needs one.
 * @param options - `travel`: a TravelMatrix between the areas (every mode it holds is reported);
 *   `bridges`: virtual edges from `designLots` to count as adjacency; `boundaries`: the areas' polygons
 *   (from `loadBoundaries`), for each lot's Polsby–Popper score.
 * @returns a {@link LotEvaluation}.
 * @throws {LotwiseError} `invalid_input` for a bad field, `unknown_id` for a plan or matrix naming an
 *   area not in `areas` (or an area of a lot missing from the matrix or from `boundaries`).
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
export function evaluateLots(plan: LotPlan, areas: readonly Area[], adjacency: AreaAdjacency, demand: DemandHours, options: EvaluateLotsOptions = {}): LotEvaluation {
  const opts = parseInput(EvaluateLotsOptionsSchema, options, "options");
  const p = parseInput(LotPlanSchema, plan, "plan");
  const areaList = parseInput(AreaListSchema, areas, "areas") as Area[];
  const adj = parseInput(LotAdjacencyInputSchema, adjacency, "adjacency") as AreaAdjacency;
  const dem = parseInput(DemandHoursSchema, demand, "demand");
  const pa = prepareAreas(areaList, adj, dem);
  const ctx: LotContext = {
    pa,
    extra: bridgeEdges(pa, opts.bridges ?? []),
    travel: travelIndex(opts.travel),
    shapes: opts.boundaries === undefined ? null : { b: opts.boundaries as Boundaries, edges: boundaryEdges(opts.boundaries as Boundaries) },
    mark: new Int32Array(pa.ids.length).fill(-1),
  };
  const { lotsSorted, violations } = assignAreas(pa, p.lots);
  const metrics = lotsSorted.map(({ l, li }) => measureLot(ctx, l, li, violations));
  return summarise(metrics, violations);
}

/** What every lot's measurement needs: the prepared areas, bridge edges, travel lookup, shapes and BFS scratch. */
interface LotContext {
  readonly pa: PreparedAreas;
  readonly extra: ReadonlyMap<number, readonly number[]>;
  readonly travel: TravelIndex | null;
  readonly shapes: { readonly b: Boundaries; readonly edges: BoundaryEdges } | null;
  readonly mark: Int32Array;
}

interface TravelIndex {
  readonly matrix: TravelMatrix;
  readonly modes: readonly TravelMode[];
  readonly oIdx: ReadonlyMap<Id, number>;
  readonly dIdx: ReadonlyMap<Id, number>;
}

type PlanLot = { readonly id: Id; readonly areaIds: readonly Id[]; readonly parent?: string | undefined };

/** Bridges as extra adjacency (both directions). */
function bridgeEdges(pa: PreparedAreas, bridges: readonly { from: Id; to: Id }[]): Map<number, number[]> {
  const extra = new Map<number, number[]>();
  for (const b of bridges) {
    const i = pa.index.get(b.from), j = pa.index.get(b.to);
    if (i === undefined || j === undefined) invalid(["options", "bridges"], b, "a bridge names an area not in areas", "unknown_id");
    (extra.get(i) ?? extra.set(i, []).get(i)!).push(j);
    (extra.get(j) ?? extra.set(j, []).get(j)!).push(i);
  }
  return extra;
}

/** Lots sorted by id; duplicated and unassigned areas reported. */
function assignAreas(pa: PreparedAreas, lots: readonly PlanLot[]): { lotsSorted: { l: PlanLot; li: number }[]; violations: LotViolation[] } {
  const n = pa.ids.length;
  const violations: LotViolation[] = [];
  const lotOf = new Int32Array(n).fill(-1);
  const lotsSorted = lots.map((l, li) => ({ l, li })).sort((a, b) => compareIds(a.l.id, b.l.id));
  for (const { l, li } of lotsSorted) {
    l.areaIds.forEach((id, ai) => {
      const i = pa.index.get(id);
      if (i === undefined) invalid(["plan", "lots", li, "areaIds", ai], id, "this area is not in areas", "unknown_id");
      if (lotOf[i] !== -1 && lotOf[i] !== li) {
        violations.push({ kind: "duplicate_area", lotId: l.id, areaId: id, message: `area ${id} is in lot ${lots[lotOf[i]!]!.id} and in lot ${l.id}` });
      } else lotOf[i] = li;
    });
  }
  for (let i = 0; i < n; i++) {
    if (lotOf[i] === -1) violations.push({ kind: "unassigned_area", areaId: pa.ids[i]!, message: `area ${pa.ids[i]} is in no lot` });
  }
  return { lotsSorted, violations };
}

/** The travel matrix's modes and id indices, after checking its shape. */
function travelIndex(travel: TravelMatrix | undefined): TravelIndex | null {
  if (travel === undefined) return null;
  checkTravelMatrix(travel, ["options", "travel"]);
  const modes = TRAVEL_MODES.filter((m) => travel.minutes[m] !== undefined);
  return { matrix: travel, modes, oIdx: new Map(travel.originIds.map((id, i) => [id, i])), dIdx: new Map(travel.destinationIds.map((id, i) => [id, i])) };
}

/** All metrics of one lot; its contiguity and nesting violations are appended to `violations`. */
function measureLot(ctx: LotContext, l: PlanLot, li: number, violations: LotViolation[]): LotMetrics {
  const { pa } = ctx;
  const ms = [...new Set(l.areaIds.map((id) => pa.index.get(id)!))].sort((a, b) => a - b);
  let H = 0;
  for (const i of ms) H += pa.hours[i]!;
  // demand weights (uniform when the lot has no hours)
  const w = ms.map((i) => (H > 0 ? pa.hours[i]! : 1));
  const { meanD, maxD } = centreDistances(pa, ms, w);
  const population = ms.length === 0 ? null : sumOf(pa, ms, (a) => a.population);
  const areaKm2 = ms.length === 0 ? null : sumOf(pa, ms, (a) => a.areaKm2);
  const pieces = countPieces(ctx, ms, li);
  if (pieces > 1) violations.push({ kind: "not_contiguous", lotId: l.id, value: pieces, limit: 1, message: `lot ${l.id} is in ${pieces} separate pieces` });
  const parent = lotParent(pa, l, ms, violations);
  const base = {
    id: l.id,
    areaCount: ms.length,
    hours: H,
    population,
    areaKm2,
    urbanShare: urbanShareOf(pa, ms, population),
    meanDistanceKm: meanD,
    maxDistanceKm: maxD,
    compactness: areaKm2 !== null && meanD > 0 ? ((2 / 3) * Math.sqrt(areaKm2 / Math.PI)) / meanD : null,
    polsbyPopper: ctx.shapes === null || ms.length === 0 ? null : lotPolsbyPopper(ctx.shapes, pa, l, ms),
    pieces,
    travel: ctx.travel === null ? {} : lotTravel(ctx.travel, pa, l, ms, w),
  };
  return parent === undefined ? base : { ...base, parent };
}

/** Weighted mean and largest distance (km) from the members' points to their weighted centre. */
function centreDistances(pa: PreparedAreas, ms: readonly number[], w: readonly number[]): { meanD: number; maxD: number } {
  let W = 0, cx = 0, cy = 0;
  ms.forEach((i, k) => {
    W += w[k]!;
    cx += w[k]! * pa.areas[i]!.lonLat[0];
    cy += w[k]! * pa.areas[i]!.lonLat[1];
  });
  cx /= W || 1;
  cy /= W || 1;
  let meanD = 0, maxD = 0;
  ms.forEach((i, k) => {
    const d = haversineMetresXY(pa.areas[i]!.lonLat[0], pa.areas[i]!.lonLat[1], cx, cy) / 1000;
    meanD += (w[k]! * d) / (W || 1);
    if (d > maxD) maxD = d;
  });
  return { meanD, maxD };
}

/** Σ of an optional field over the members; null when any member lacks it. */
function sumOf(pa: PreparedAreas, ms: readonly number[], f: (a: Area) => number | undefined): number | null {
  let s = 0;
  for (const i of ms) {
    const v = f(pa.areas[i]!);
    if (v === undefined) return null;
    s += v;
  }
  return s;
}

/** Urban share of population (of areas when population is missing or 0); null when a member has no class. */
function urbanShareOf(pa: PreparedAreas, ms: readonly number[], population: number | null): number | null {
  if (ms.length === 0 || !ms.every((i) => pa.areas[i]!.urbanRural !== undefined)) return null;
  const usePop = population !== null && population > 0;
  let u = 0, t = 0;
  for (const i of ms) {
    const wt = usePop ? pa.areas[i]!.population! : 1;
    t += wt;
    if (pa.areas[i]!.urbanRural === "urban") u += wt;
  }
  return t > 0 ? u / t : null;
}

/** Connected pieces of the lot under the adjacency plus bridges. */
function countPieces(ctx: LotContext, ms: readonly number[], li: number): number {
  const { pa, extra, mark } = ctx;
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
  return pieces;
}

/** The lot's parent (declared, else shared by its areas); mixed or contradicting parents are reported. */
function lotParent(pa: PreparedAreas, l: PlanLot, ms: readonly number[], violations: LotViolation[]): string | undefined {
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
  return parent;
}

/** Polsby–Popper of the lot's dissolved polygons. */
function lotPolsbyPopper(shapes: NonNullable<LotContext["shapes"]>, pa: PreparedAreas, l: PlanLot, ms: readonly number[]): number | null {
  const idx = ms.map((i) => {
    const b = shapes.b.indexById.get(pa.ids[i]!);
    if (b === undefined) invalid(["options", "boundaries"], pa.ids[i], `area of lot ${l.id} has no boundary`, "unknown_id");
    return b;
  });
  return polsbyPopper(shapes.b, shapes.edges, idx);
}

/** Per mode: the centre area (least weighted travel to the others), its weighted mean and the longest travel. */
function lotTravel(t: TravelIndex, pa: PreparedAreas, l: PlanLot, ms: readonly number[], w: readonly number[]): Partial<Record<TravelMode, LotTravelMetrics>> {
  const tr: Partial<Record<TravelMode, LotTravelMetrics>> = {};
  let W = 0;
  for (const x of w) W += x;
  const o = ms.map((i) => t.oIdx.get(pa.ids[i]!)), d = ms.map((i) => t.dIdx.get(pa.ids[i]!));
  const missing = ms.findIndex((_, k) => o[k] === undefined || d[k] === undefined);
  if (missing >= 0 && t.modes.length > 0) invalid(["options", "travel"], pa.ids[ms[missing]!], `area of lot ${l.id} is missing from the travel matrix`, "unknown_id");
  const nd = t.matrix.destinationIds.length;
  for (const m of t.modes) {
    const arr = t.matrix.minutes[m]!;
    let bestC = -1, bestMean = Infinity, maxT = 0;
    for (let a = 0; a < ms.length; a++) {
      let s = 0;
      for (let b = 0; b < ms.length; b++) {
        const x = arr[o[a]! * nd + d[b]!]!;
        s += (w[b]! * x) / (W || 1);
        if (a !== b && x > maxT) maxT = x;
      }
      if (s < bestMean) {
        bestMean = s;
        bestC = a;
      }
    }
    if (bestC >= 0) tr[m] = { centreId: pa.ids[ms[bestC]!]!, meanMinutes: bestMean, maxMinutes: maxT };
  }
  return tr;
}

/** Per-parent balance and the plan summary. */
function summarise(metrics: LotMetrics[], violations: LotViolation[]): LotEvaluation {
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
  const pp = metrics.map((m) => m.polsbyPopper).filter((x): x is number => x !== null);
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
      meanPolsbyPopper: pp.length > 0 && pp.length === metrics.length ? pp.reduce((a, b) => a + b, 0) / pp.length : null,
      contiguous: !violations.some((v) => v.kind === "not_contiguous"),
      nested: !violations.some((v) => v.kind === "mixed_parents"),
    },
  };
}

/**
 * Lot design: partition small areas into contiguous contract lots nested in parents (CCG, district or
 * CCG × district), with balanced weekly hours and compact shapes.
 *
 * Formulation. Areas i with hours h_i and projected points p_i (km); a parent with k lots and target
 * T = Σh / k. Minimise over contiguous partitions
 *
 *   Σ_l w_b·[d_l² + 100·max(0, |d_l| − τ)²]  +  w_c·Σ_l SSE_l / SSE_0  +  w_s·(areas moved from the existing plan) / n
 *
 * with d_l = (H_l − T)/T, τ = `balanceTolerance`, SSE_l = Σ_{i∈l} c_i·|p_i − p̄_l|² the demand-weighted
 * inertia about the lot's demand-weighted centre (c_i = h_i + 5% of the mean, so empty areas still
 * count) and SSE_0 the inertia of the whole parent. With `hoursPerLot` the number of lots p is
 * maximised first (max-p) under H_l ∈ [floor, ceiling] and, with `travelLimit`, a travel diameter
 * (any two areas of a lot at most `maxMinutes` apart); the hours term becomes 0.1·d_l² with T = Σh/p plus
 * a steep penalty outside [floor, ceiling].
 *
 * Algorithm and why. Exact contiguity-constrained partitioning (flow or cut-based MILP) is NP-hard and,
 * in our experience with HiGHS in wasm, stops scaling at a few dozen areas per parent, while real parents
 * have 40–230 LSOAs and the benchmark asks for 10,000 cells. So each parent is solved by (1) seeded
 * region growing — k-means++ seeds, then the lot with the fewest hours takes its nearest free neighbour,
 * or the max-p construction of Duque, Anselin & Rey (2012) for hour bounds — and (2) steepest-descent
 * local search over single-area moves between adjacent lots that keep the donor lot connected (BFS check,
 * skipped for leaf areas) and the receiver within the travel limit. Objective deltas are O(1) from
 * running sums. `restarts` constructions are tried per parent and the best kept; all randomness comes
 * from mulberry32 seeded by (seed, parent, restart), so a seed gives byte-identical plans. No MILP is
 * used: for the sizes in scope the heuristic reaches ±1–3% balance, and a MILP stage would add seconds
 * of wasm start-up for little gain.
 *
 * Islands. Within each parent, parts that share no border (islands, or an adjacency with gaps) are
 * joined by a virtual edge from the smallest part to its nearest area by straight line; these bridges
 * are returned in `bridges` and can be passed to `evaluateLots` so contiguity is judged with them.
 */
import { LotwiseError, invalid, parseInput } from "../errors.js";
import { haversineMetres } from "../internal/geo.js";
import { mulberry32 } from "../internal/rng.js";
import { compareIds } from "../internal/sort.js";
import { AreaListSchema } from "../schema/area.js";
import { LotAdjacencyInputSchema, DemandHoursSchema, DesignLotsOptionsSchema, type DesignLotsOptions } from "../schema/lots.js";
import type { Id, TravelMatrix, TravelMode, DemandHours, LotBridge, Area } from "../domain/index.js";
import { GROW_ITERATIONS, growLots, randomGrowLots } from "./grow-lots.js";
import { improveLots, improveLotsGradually, repairTravel } from "./improve-lots.js";
import { assignEnclaves, maxPLots } from "./max-p-lots.js";
import { PartitionState, type LotGraph, type ObjectiveSettings } from "./partition-state.js";
import { prepareAreas, type PreparedAreas } from "./prepare-areas.js";
import type { AreaAdjacency, DesignedLot, LotDesign, LotViolation } from "./types.js";

/**
 * Designs contiguous lots nested in parents: a fixed number per parent (`lotsPerParent` / `lotCount`)
 * or as many as weekly-hours bounds allow (`hoursPerLot`, max-p), optionally under a travel limit.
 *
 * @param areas - the small areas ({@link Area}: id, point, optional parent / km² / population / urbanRural).
 * @param adjacency - neighbours per area id (e.g. from `boundaryAdjacency`); every area needs an entry.
 * @param demand - weekly hours per area (e.g. `estimateDemand(...).hours`); every area needs one.
 * @param options - see {@link DesignLotsOptions}: `lotsPerParent` | `lotCount` | `hoursPerLot`, `travelLimit`,
 *   `existingPlan`, `weights`, `balanceTolerance`, `seed`, `restarts`, `maxSweeps`, `method`.
 * @returns a {@link LotDesign}: lots sorted by id (`"<parent>-01"`…, or the existing plan's ids), with
 *   `status`, `violations` (limits no plan found could meet), `bridges`, `objective` and per-parent balance.
 * @throws {LotwiseError} `invalid_input` (bad field, area without adjacency entry or demand, mixed parents,
 *   parent with no lot count), `unknown_id` (demand / lot count / existing plan / travel matrix naming an
 *   unknown area or parent, or an area missing from the travel matrix), `infeasible_input` (a parent with
 *   fewer areas than lots asked).
 * @example
 * ```ts
 * import { designLots } from "lotwise";
 * // a 1×4 strip of areas, 2 lots
 * const areas = [0, 1, 2, 3].map((i) => ({ id: `A${i}`, lonLat: [-1 + i * 0.01, 52.6] as [number, number] }));
 * const adjacency = { A0: ["A1"], A1: ["A0", "A2"], A2: ["A1", "A3"], A3: ["A2"] };
 * const plan = designLots(areas, adjacency, { A0: 10, A1: 10, A2: 10, A3: 10 }, { lotCount: 2 });
 * plan.lots.map((l) => l.areaIds); // [["A0", "A1"], ["A2", "A3"]]
 * ```
 */
export function designLots(areas: readonly Area[], adjacency: AreaAdjacency, demand: DemandHours, options: DesignLotsOptions): LotDesign {
  const opts = parseInput(DesignLotsOptionsSchema, options, "options");
  const areaList = parseInput(AreaListSchema, areas, "areas") as Area[];
  const adj = parseInput(LotAdjacencyInputSchema, adjacency, "adjacency") as AreaAdjacency;
  const dem = parseInput(DemandHoursSchema, demand, "demand");
  const pa = prepareAreas(areaList, adj, dem);
  const parents = [...new Set(pa.parent)].sort(compareIds);
  const membersOf = new Map<string, number[]>(parents.map((p) => [p, []]));
  for (let i = 0; i < pa.ids.length; i++) membersOf.get(pa.parent[i]!)!.push(i);
  const countFor = lotCounts(opts, pa, parents, membersOf);
  checkLotIdPrefix(opts, parents);
  const travel = opts.travelLimit === undefined ? null : travelLookup(pa, opts.travelLimit.matrix, opts.travelLimit.mode as TravelMode, opts.travelLimit.maxMinutes);
  // Same-parent graph, then bridges so every parent is one connected piece.
  const { graph, bridges } = buildGraph(pa, membersOf);
  const ctx: DesignContext = { opts, pa, graph, travel, existingLotOf: existingLots(opts, pa) };

  const lots: DesignedLot[] = [];
  const violations: LotViolation[] = [];
  const parentSummary: LotDesign["parents"][number][] = [];
  let objective = 0;
  let moved = 0;
  parents.forEach((p, pIndex) => {
    const members = membersOf.get(p)!;
    const best = designParent(ctx, p, pIndex, members, countFor.get(p));
    objective += best.cost;
    const out = emitParent(ctx, p, members, best);
    lots.push(...out.lots);
    violations.push(...out.violations);
    moved += out.moved;
    parentSummary.push(out.summary);
  });

  lots.sort((a, b) => compareIds(a.id, b.id));
  violations.sort((a, b) => compareIds(a.lotId ?? "", b.lotId ?? "") || compareIds(a.kind, b.kind));
  return {
    lots,
    status: violations.length === 0 ? "feasible" : "best_effort",
    violations,
    bridges,
    objective,
    parents: parentSummary,
    ...(opts.existingPlan !== undefined ? { movedAreas: moved } : {}),
  };
}

type ParsedOptions = ReturnType<typeof DesignLotsOptionsSchema.parse>;
type TravelLimit = ReturnType<typeof travelLookup>;

/** What every parent's design needs. */
interface DesignContext {
  readonly opts: ParsedOptions;
  readonly pa: PreparedAreas;
  readonly graph: LotGraph;
  readonly travel: TravelLimit | null;
  /** Area → lot id in `existingPlan` (empty without one). */
  readonly existingLotOf: ReadonlyMap<number, Id>;
}

/** The best restart of one parent: its state, lot count, objective and (when kept) the existing plan's lot ids. */
interface ParentDesign {
  readonly st: PartitionState;
  readonly count: number;
  readonly cost: number;
  readonly broken: number;
  readonly existingIds: Id[] | null;
}

/** Lots per parent from `lotsPerParent` / `lotCount` (none in max-p mode), checked against the parents present. */
function lotCounts(opts: ParsedOptions, pa: PreparedAreas, parents: readonly string[], membersOf: ReadonlyMap<string, number[]>): Map<string, number> {
  const countFor = new Map<string, number>();
  if (opts.lotsPerParent !== undefined) {
    if (!pa.hasParents) invalid(["options", "lotsPerParent"], opts.lotsPerParent, "areas have no parent: give each area a parent or use options.lotCount");
    for (const key of Object.keys(opts.lotsPerParent).sort(compareIds)) {
      if (!membersOf.has(key)) {
        invalid(["options", "lotsPerParent", key], opts.lotsPerParent[key], `no area has parent "${key}" (parents present: ${parents.join(", ")})`, "unknown_id");
      }
    }
    for (const p of parents) {
      const k = opts.lotsPerParent[p];
      if (k === undefined) invalid(["options", "lotsPerParent", p], undefined, `parent "${p}" has ${membersOf.get(p)!.length} areas but no lot count`);
      countFor.set(p, k);
    }
  } else if (opts.lotCount !== undefined) {
    if (pa.hasParents) invalid(["options", "lotCount"], opts.lotCount, "areas have parents: give options.lotsPerParent keyed by parent value");
    countFor.set("", opts.lotCount);
  }
  for (const [p, k] of countFor) {
    const size = membersOf.get(p)!.length;
    if (size < k) {
      const path = p === "" ? ["options", "lotCount"] : ["options", "lotsPerParent", p];
      invalid(path, k, `${p === "" ? "there are" : `parent "${p}" has`} only ${size} area${size === 1 ? "" : "s"}; each lot needs at least one`, "infeasible_input");
    }
  }
  return countFor;
}

/** `lotIdPrefix` keys must be parents present, and no prefix may equal a parent code that is kept. */
function checkLotIdPrefix(opts: ParsedOptions, parents: readonly string[]): void {
  const prefixes = opts.lotIdPrefix;
  if (prefixes === undefined) return;
  const present = new Set(parents);
  for (const key of Object.keys(prefixes).sort(compareIds)) {
    if (!present.has(key)) invalid(["options", "lotIdPrefix", key], prefixes[key], `no area has parent "${key}" (parents present: ${parents.join(", ")})`, "unknown_id");
  }
  const labels = parents.map((p) => (Object.hasOwn(prefixes, p) ? prefixes[p]! : p === "" ? "LOT" : p));
  labels.forEach((l, i) => {
    if (labels.indexOf(l) !== i) invalid(["options", "lotIdPrefix"], prefixes, `lot ids would repeat: "${l}" names the lots of two parents`);
  });
}

/** Existing plan as area index → lot id; unknown areas rejected. */
function existingLots(opts: ParsedOptions, pa: PreparedAreas): Map<number, Id> {
  const existingLotOf = new Map<number, Id>();
  opts.existingPlan?.lots.forEach((lot, li) => {
    lot.areaIds.forEach((id, ai) => {
      const i = pa.index.get(id);
      if (i === undefined) invalid(["options", "existingPlan", "lots", li, "areaIds", ai], id, "this area is not in areas", "unknown_id");
      existingLotOf.set(i, lot.id);
    });
  });
  return existingLotOf;
}

/** Objective settings of one parent, and the existing plan's lot ids when it has exactly k lots there. */
function parentObjective(ctx: DesignContext, members: readonly number[], k: number | undefined): { obj: ObjectiveSettings; existingIds: Id[] | null; home: Int32Array } {
  const { opts, pa, graph, travel, existingLotOf } = ctx;
  const total = members.reduce((s, i) => s + pa.hours[i]!, 0);
  const bounds = opts.hoursPerLot;
  const home = new Int32Array(pa.ids.length).fill(-1);
  let existingIds: Id[] | null = null;
  if (k !== undefined && existingLotOf.size > 0) {
    const ids = [...new Set(members.map((i) => existingLotOf.get(i)).filter((x): x is Id => x !== undefined))].sort(compareIds);
    if (ids.length === k) {
      existingIds = ids;
      for (const i of members) {
        const e = existingLotOf.get(i);
        if (e !== undefined) home[i] = ids.indexOf(e);
      }
    }
  }
  const obj: ObjectiveSettings = {
    balance: k !== undefined
      ? { kind: "target", target: total / k, tolerance: opts.balanceTolerance }
      : { kind: "bounds", min: bounds?.min ?? 0, max: bounds?.max ?? Infinity, target: 0 },
    wBalance: opts.weights.balance,
    wCompact: opts.weights.compactness,
    sse0: inertia(graph, members),
    wSimilarity: existingIds !== null ? opts.weights.similarity : 0,
    home: existingIds !== null ? home : null,
    parentSize: members.length,
    travel,
  };
  return { obj, existingIds, home };
}

/** Parents smaller than this get only cheap restarts (one growth, direct search); see designParent. */
const DEEP_MIN_AREAS = 40;

/** Runs the restarts of one parent and returns the best: fewest broken limits, then (max-p) most lots, then lowest objective. */
function designParent(ctx: DesignContext, p: string, pIndex: number, members: readonly number[], k: number | undefined): ParentDesign {
  const { opts, pa, graph, travel } = ctx;
  const bounds = opts.hoursPerLot;
  const min = bounds?.min ?? 0, max = bounds?.max ?? Infinity;
  const { obj: baseObj, existingIds, home } = parentObjective(ctx, members, k);
  const total = members.reduce((s, i) => s + pa.hours[i]!, 0);
  let best: ParentDesign | null = null;
  const deep = (r: number): boolean => r % 2 === 0 && members.length >= DEEP_MIN_AREAS;
  const restarts = existingIds !== null || opts.method === "random-grow" ? 1 : (opts.restarts ?? Math.max(2, Math.min(64, Math.ceil(2000 / members.length))));
  for (let r = 0; r < restarts; r++) {
    const rand = mulberry32(hashSeed(opts.seed, pIndex, r));
    const st = new PartitionState(graph, k ?? members.length, baseObj);
    let count: number;
    if (k !== undefined) {
      const lotIdx = Array.from({ length: k }, (_, l) => l);
      if (existingIds !== null) startFromExisting(st, members, home, k);
      else if (opts.method === "random-grow") randomGrowLots(st, members, lotIdx, rand);
      else growLots(st, members, lotIdx, rand, deep(r) ? GROW_ITERATIONS : 1);
      count = k;
    } else {
      count = maxPLots(st, members, min, max, rand);
      st.obj = { ...baseObj, balance: { kind: "bounds", min, max, target: total / count } };
    }
    if (members.some((i) => st.assign[i]! < 0)) {
      throw new LotwiseError("infeasible_input", `Could not assign every area of parent "${p}" to a lot (the adjacency graph is not connected).`);
    }
    const lotIdx = Array.from({ length: count }, (_, l) => l);
    if (opts.method === "grow-and-improve") {
      // Even restarts use Lloyd iterations and the balance continuation, odd ones one growth and the direct
      // search: the former finds more compact lots on real parents, the latter is cheap and safer on tiny
      // parents with lumpy hours, where many restarts matter more than each one's depth (below DEEP_MIN_AREAS
      // areas every restart is of the cheap kind).
      if (k !== undefined && existingIds === null && deep(r)) improveLotsGradually(st, members, opts.maxSweeps, rand);
      else improveLots(st, members, opts.maxSweeps, rand);
      if (k === undefined && travel !== null) {
        repairTravel(st, lotIdx, min, max);
        improveLots(st, members, opts.maxSweeps, rand);
      }
    }
    const cost = st.objective(lotIdx, members);
    const broken = countBroken(st, lotIdx, bounds, travel);
    if (best === null || broken < best.broken || (broken === best.broken && (count > best.count || (count === best.count && cost < best.cost - 1e-12)))) {
      best = { st, count, cost, broken, existingIds };
    }
  }
  return best!;
}

/** Names one parent's lots (the existing plan's ids, else "<parent>-NN" by each lot's first area id) and lists what they break. */
function emitParent(ctx: DesignContext, p: string, members: readonly number[], best: ParentDesign): { lots: DesignedLot[]; violations: LotViolation[]; moved: number; summary: LotDesign["parents"][number] } {
  const { opts, pa, travel, existingLotOf } = ctx;
  const { st, count, existingIds } = best;
  const bounds = opts.hoursPerLot;
  const total = members.reduce((s, i) => s + pa.hours[i]!, 0);
  const label = (opts.lotIdPrefix !== undefined && Object.hasOwn(opts.lotIdPrefix, p) ? opts.lotIdPrefix[p] : undefined) ?? (p === "" ? "LOT" : p);
  const order = Array.from({ length: count }, (_, l) => l).sort((a, b) => Math.min(...st.members[a]!) - Math.min(...st.members[b]!));
  const width = Math.max(2, String(count).length);
  const names = new Array<Id>(count);
  order.forEach((l, rank) => (names[l] = existingIds !== null ? existingIds[l]! : `${label}-${String(rank + 1).padStart(width, "0")}`));
  const lots: DesignedLot[] = [];
  const violations: LotViolation[] = [];
  let maxDev = 0;
  const mean = total / count;
  for (let l = 0; l < count; l++) {
    const areaIds = st.members[l]!.map((i) => pa.ids[i]!).sort(compareIds);
    const hours = st.H[l]!;
    const id = names[l]!;
    lots.push(p === "" ? { id, areaIds, hours } : { id, areaIds, parent: p, hours });
    if (mean > 0) maxDev = Math.max(maxDev, Math.abs(hours - mean) / mean);
    if (bounds?.min !== undefined && hours < bounds.min - 1e-9) {
      violations.push({ kind: "hours_below_floor", lotId: id, value: hours, limit: bounds.min, message: `lot ${id} has ${round2(hours)} hours/week, below the floor of ${bounds.min}` });
    }
    if (bounds?.max !== undefined && hours > bounds.max + 1e-9) {
      violations.push({ kind: "hours_above_ceiling", lotId: id, value: hours, limit: bounds.max, message: `lot ${id} has ${round2(hours)} hours/week, above the ceiling of ${bounds.max}` });
    }
    const d = travel === null ? 0 : st.diameter(l);
    if (travel !== null && d > travel.maxMinutes + 1e-9) {
      violations.push({ kind: "travel_limit", lotId: id, value: d, limit: travel.maxMinutes, message: `lot ${id} spans ${round2(d)} minutes by ${opts.travelLimit!.mode}, above the limit of ${travel.maxMinutes}` });
    }
  }
  let moved = 0;
  if (existingLotOf.size > 0) for (const i of members) if (existingLotOf.get(i) !== names[st.assign[i]!]) moved++;
  return { lots, violations, moved, summary: { parent: p, lots: count, hours: total, meanHours: mean, maxDeviation: maxDev } };
}

/** Lots breaking the floor, ceiling or travel limit. */
function countBroken(st: PartitionState, lots: readonly number[], bounds: { min?: number | undefined; max?: number | undefined } | undefined, travel: { maxMinutes: number } | null): number {
  let broken = 0;
  for (const l of lots) {
    const h = st.H[l]!;
    if ((bounds?.min !== undefined && h < bounds.min - 1e-9) || (bounds?.max !== undefined && h > bounds.max + 1e-9)) broken++;
    else if (travel !== null && st.diameter(l) > travel.maxMinutes + 1e-9) broken++;
  }
  return broken;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function hashSeed(seed: number, parent: number, restart: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(parent + 1, 0xc2b2ae35) ^ Math.imul(restart + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  return h >>> 0;
}

function inertia(g: LotGraph, members: readonly number[]): number {
  let sw = 0, sx = 0, sy = 0, sq = 0;
  for (const i of members) {
    const w = g.cw[i]!;
    sw += w;
    sx += w * g.x[i]!;
    sy += w * g.y[i]!;
    sq += w * (g.x[i]! ** 2 + g.y[i]! ** 2);
  }
  return sw > 0 ? Math.max(0, sq - (sx * sx + sy * sy) / sw) : 0;
}

/** Same-parent adjacency plus bridges joining the parts of each parent (smallest part to its nearest area). */
function buildGraph(pa: PreparedAreas, membersOf: ReadonlyMap<string, number[]>): { graph: LotGraph; bridges: LotBridge[] } {
  const n = pa.ids.length;
  const nbrs: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let p = pa.adjStart[i]!; p < pa.adjStart[i + 1]!; p++) {
      const j = pa.adjList[p]!;
      if (pa.parent[j] === pa.parent[i]) nbrs[i]!.push(j);
    }
  }
  const bridges: LotBridge[] = [];
  const comp = new Int32Array(n).fill(-1);
  for (const members of membersOf.values()) {
    // Label parts; join the smallest part to the nearest area outside it until one part is left.
    for (;;) {
      for (const i of members) comp[i] = -1;
      const parts: number[][] = [];
      for (const s of members) {
        if (comp[s] !== -1) continue;
        const part = [s];
        comp[s] = parts.length;
        for (let h = 0; h < part.length; h++) {
          for (const j of nbrs[part[h]!]!) {
            if (comp[j] === -1) {
              comp[j] = parts.length;
              part.push(j);
            }
          }
        }
        parts.push(part);
      }
      if (parts.length <= 1) break;
      let small = 0;
      parts.forEach((part, k) => {
        if (part.length < parts[small]!.length) small = k;
      });
      let bi = -1, bj = -1, bd = Infinity;
      for (const i of parts[small]!) {
        for (const j of members) {
          if (comp[j] === small) continue;
          const d = (pa.x[i]! - pa.x[j]!) ** 2 + (pa.y[i]! - pa.y[j]!) ** 2;
          if (d < bd) {
            bd = d;
            bi = i;
            bj = j;
          }
        }
      }
      nbrs[bi]!.push(bj);
      nbrs[bj]!.push(bi);
      const [a, b] = compareIds(pa.ids[bi]!, pa.ids[bj]!) < 0 ? [bi, bj] : [bj, bi];
      bridges.push({ from: pa.ids[a]!, to: pa.ids[b]!, distanceKm: haversineMetres([...pa.areas[a]!.lonLat], [...pa.areas[b]!.lonLat]) / 1000 });
    }
  }
  const adjStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) adjStart[i + 1] = adjStart[i]! + nbrs[i]!.length;
  const adjList = new Int32Array(adjStart[n]!);
  for (let i = 0; i < n; i++) adjList.set(nbrs[i]!.sort((a, b) => a - b), adjStart[i]!);
  let meanH = 0;
  for (let i = 0; i < n; i++) meanH += pa.hours[i]! / n;
  const floor = meanH > 0 ? 0.05 * meanH : 1;
  const cw = new Float64Array(n);
  for (let i = 0; i < n; i++) cw[i] = pa.hours[i]! + floor;
  bridges.sort((u, v) => compareIds(u.from, v.from) || compareIds(u.to, v.to));
  return { graph: { n, adjStart, adjList, x: pa.x, y: pa.y, hours: pa.hours, cw }, bridges };
}

/** Minutes between areas a and b (prepared indices) from a TravelMatrix, checked for size and coverage. */
export function travelLookup(pa: PreparedAreas, m: TravelMatrix, mode: TravelMode, maxMinutes: number): { minutes: (a: number, b: number) => number; maxMinutes: number } {
  const arr = m.minutes[mode];
  if (arr === undefined) invalid(["options", "travelLimit", "mode"], mode, `the travel matrix has no "${mode}" times (modes: ${Object.keys(m.minutes).join(", ")})`);
  const nd = m.destinationIds.length;
  if (arr.length !== m.originIds.length * nd) {
    invalid(["options", "travelLimit", "matrix", "minutes", mode], `length ${arr.length}`, `expected originIds.length × destinationIds.length = ${m.originIds.length * nd}`);
  }
  const oIdx = new Map(m.originIds.map((id, i) => [id, i]));
  const dIdx = new Map(m.destinationIds.map((id, i) => [id, i]));
  const n = pa.ids.length;
  const o = new Int32Array(n), d = new Int32Array(n);
  pa.ids.forEach((id, i) => {
    const oi = oIdx.get(id), di = dIdx.get(id);
    if (oi === undefined || di === undefined) {
      invalid(["options", "travelLimit", "matrix", oi === undefined ? "originIds" : "destinationIds"], id, "every area must be both an origin and a destination of the travel matrix", "unknown_id");
    }
    o[i] = oi;
    d[i] = di;
  });
  return { minutes: (a, b) => arr[o[a]! * nd + d[b]!]!, maxMinutes };
}

/** Starts from an existing plan's lots (home index per area): keeps each lot's largest connected piece and fills the rest. */
function startFromExisting(st: PartitionState, members: readonly number[], home: Int32Array, k: number): void {
  for (const i of members) if (home[i]! >= 0) st.add(i, home[i]!);
  const { adjStart, adjList } = st.g;
  for (let l = 0; l < k; l++) {
    const m = [...st.members[l]!];
    const seen = new Set<number>();
    let largest: number[] = [];
    for (const s of m) {
      if (seen.has(s)) continue;
      const part = [s];
      seen.add(s);
      for (let h = 0; h < part.length; h++) {
        const u = part[h]!;
        for (let q = adjStart[u]!; q < adjStart[u + 1]!; q++) {
          const v = adjList[q]!;
          if (st.assign[v] === l && !seen.has(v)) {
            seen.add(v);
            part.push(v);
          }
        }
      }
      if (part.length > largest.length) largest = part;
    }
    const keep = new Set(largest);
    for (const i of m) if (!keep.has(i)) st.remove(i);
  }
  assignEnclaves(st, members, Infinity);
}

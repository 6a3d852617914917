// Brute-force references for the location models: enumerate every site subset and score it from the model's
// definition (no solver, no shared code with src/locate). Only for tiny instances.
import { mulberry32 } from "../../src/internal/rng.js";

export interface TinyInstance {
  demandIds: string[];
  siteIds: string[];
  /** cost[i][j], Infinity = cannot serve */
  cost: number[][];
  weights: number[];
}

/** Random tiny instance: integer costs 1..30 (some Infinity), integer weights 0..9. Ids sort in index order. */
export function tinyInstance(seed: number, n: number, m: number, infProb = 0.15): TinyInstance {
  const r = mulberry32(seed);
  return {
    demandIds: Array.from({ length: n }, (_, i) => `d${i}`),
    siteIds: Array.from({ length: m }, (_, j) => `s${j}`),
    cost: Array.from({ length: n }, () => Array.from({ length: m }, () => (r() < infProb ? Infinity : 1 + Math.floor(r() * 30)))),
    weights: Array.from({ length: n }, () => (r() < 0.1 ? 0 : 1 + Math.floor(r() * 9))),
  };
}

/** All k-subsets of 0..m-1 in lexicographic order. */
export function subsets(m: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let j = start; j < m; j++) rec(j + 1, [...acc, j]);
  };
  rec(0, []);
  return out;
}

export interface BruteResult {
  value: number;
  /** every subset reaching the optimal value */
  optimal: number[][];
}

/** Best subset of size k (or any size when k is undefined: then sets are ranked by score only). */
export function bruteBest(m: number, k: number, score: (set: number[]) => number | null, sense: "min" | "max", required: number[] = []): BruteResult {
  let value = sense === "min" ? Infinity : -Infinity;
  let optimal: number[][] = [];
  for (const set of subsets(m, k)) {
    if (!required.every((j) => set.includes(j))) continue;
    const v = score(set);
    if (v === null) continue;
    if (sense === "min" ? v < value - 1e-9 : v > value + 1e-9) {
      value = v;
      optimal = [set];
    } else if (Math.abs(v - value) <= 1e-9) optimal.push(set);
  }
  return { value, optimal };
}

/** Sum of (index + 1) over a set: the tie-break lotwise documents. */
export const rankSum = (set: number[]): number => set.reduce((s, j) => s + j + 1, 0);

/** The optimal sets with the least rank sum. */
export function tieBreakWinners(optimal: number[][]): number[][] {
  const best = Math.min(...optimal.map(rankSum));
  return optimal.filter((s) => rankSum(s) === best);
}

const covers = (inst: TinyInstance, i: number, j: number, limit: number): boolean => inst.cost[i]![j]! <= limit;

export function coveredWeight(inst: TinyInstance, set: number[], limit: number, times: number): number {
  let s = 0;
  inst.demandIds.forEach((_, i) => {
    const k = set.filter((j) => covers(inst, i, j, limit)).length;
    if (k >= times) s += inst.weights[i]!;
  });
  return s;
}

/** p-median total Σ w_i min_{j∈set} d_ij over points that can reach some site at all; null if one cannot reach the set. */
export function medianCost(inst: TinyInstance, set: number[]): number | null {
  let s = 0;
  for (let i = 0; i < inst.demandIds.length; i++) {
    if (inst.cost[i]!.every((c) => c === Infinity)) continue;
    const d = Math.min(...set.map((j) => inst.cost[i]![j]!));
    if (d === Infinity) return null;
    s += inst.weights[i]! * d;
  }
  return s;
}

/** p-center: worst nearest travel over weight > 0 points that can reach some site; null if one cannot reach the set. */
export function centerCost(inst: TinyInstance, set: number[]): number | null {
  let w = 0;
  for (let i = 0; i < inst.demandIds.length; i++) {
    if (inst.weights[i]! <= 0 || inst.cost[i]!.every((c) => c === Infinity)) continue;
    const d = Math.min(...set.map((j) => inst.cost[i]![j]!));
    if (d === Infinity) return null;
    w = Math.max(w, d);
  }
  return w;
}

/** Demand points with weight > 0 and no site within the limit. */
export function uncoverable(inst: TinyInstance, limit: number): number[] {
  return inst.demandIds.map((_, i) => i).filter((i) => inst.weights[i]! > 0 && inst.siteIds.every((_, j) => !covers(inst, i, j, limit)));
}

/**
 * Max flow (Edmonds–Karp) from demand points to the sites in `set` (edges where the site covers the point,
 * unlimited), sites to sink with capacity caps[j]: true when all the coverable weight can be served.
 */
export function capacityFeasible(inst: TinyInstance, set: number[], limit: number, caps: number[]): boolean {
  const pts = inst.demandIds.map((_, i) => i).filter((i) => inst.weights[i]! > 0 && !uncoverable(inst, limit).includes(i));
  const N = 2 + pts.length + set.length;
  const S = 0;
  const T = N - 1;
  const cap = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  pts.forEach((i, a) => {
    cap[S]![1 + a] = inst.weights[i]!;
    set.forEach((j, b) => {
      if (covers(inst, i, j, limit)) cap[1 + a]![1 + pts.length + b] = Infinity;
    });
  });
  set.forEach((j, b) => (cap[1 + pts.length + b]![T] = caps[j]!));
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(N).fill(-1);
    prev[S] = S;
    const q = [S];
    while (q.length > 0 && prev[T] === -1) {
      const u = q.shift()!;
      for (let v = 0; v < N; v++) if (prev[v] === -1 && cap[u]![v]! > 1e-12) { prev[v] = u; q.push(v); }
    }
    if (prev[T] === -1) break;
    let f = Infinity;
    for (let v = T; v !== S; v = prev[v]!) f = Math.min(f, cap[prev[v]!]![v]!);
    for (let v = T; v !== S; v = prev[v]!) { cap[prev[v]!]![v]! -= f; cap[v]![prev[v]!]! += f; }
    flow += f;
  }
  const need = pts.reduce((s, i) => s + inst.weights[i]!, 0);
  return flow >= need - 1e-9;
}

/** Capacitated p-median with single sourcing: best over every assignment of points to sites of `set`. */
export function singleSourceMedian(inst: TinyInstance, set: number[], caps: number[]): number | null {
  const pts = inst.demandIds.map((_, i) => i).filter((i) => inst.cost[i]!.some((c) => c !== Infinity));
  let best = Infinity;
  const load = new Map<number, number>(set.map((j) => [j, 0]));
  const rec = (k: number, acc: number): void => {
    if (acc >= best) return;
    if (k === pts.length) { best = acc; return; }
    const i = pts[k]!;
    for (const j of set) {
      const d = inst.cost[i]![j]!;
      if (d === Infinity || load.get(j)! + inst.weights[i]! > caps[j]! + 1e-9) continue;
      load.set(j, load.get(j)! + inst.weights[i]!);
      rec(k + 1, acc + inst.weights[i]! * d);
      load.set(j, load.get(j)! - inst.weights[i]!);
    }
  };
  rec(0, 0);
  return best === Infinity ? null : best;
}

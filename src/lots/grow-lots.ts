// Construction heuristics: seeded region growing for a fixed number of lots, and the naive baseline.
import { MinHeap } from "../internal/min-heap.js";
import type { PartitionState } from "./partition-state.js";

/** Seeded shuffle (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** Weighted k-means++ seeds: the first drawn by demand, each next with probability ∝ weight × squared distance to the nearest seed. */
function spreadSeeds(st: PartitionState, members: readonly number[], k: number, rand: () => number): number[] {
  const { x, y, cw } = st.g;
  const m = members.length;
  const d2 = new Float64Array(m).fill(Infinity);
  const taken = new Uint8Array(m);
  const score = (p: number): number => (taken[p] ? 0 : d2[p] === Infinity ? cw[members[p]!]! : cw[members[p]!]! * d2[p]!);
  const seeds: number[] = [];
  while (seeds.length < k) {
    let total = 0;
    for (let p = 0; p < m; p++) total += score(p);
    let pick = -1;
    if (total > 0) {
      let r = rand() * total;
      for (let p = 0; p < m && pick < 0; p++) {
        const sc = score(p);
        r -= sc;
        if (r < 0 && sc > 0) pick = p;
      }
      for (let p = m - 1; p >= 0 && pick < 0; p--) if (score(p) > 0) pick = p; // rounding left r ≥ 0
    }
    if (pick < 0) pick = taken.indexOf(0); // every free point coincides with a seed
    taken[pick] = 1;
    const s = members[pick]!;
    seeds.push(s);
    for (let p = 0; p < m; p++) {
      const i = members[p]!;
      const d = (x[i]! - x[s]!) ** 2 + (y[i]! - y[s]!) ** 2;
      if (d < d2[p]!) d2[p] = d;
    }
  }
  return seeds;
}

/** Lloyd iterations of the growing construction; the objective settles within 5–10 on county data. */
export const GROW_ITERATIONS = 8;

/**
 * Grows `lots` regions at once, then re-grows them from their own centres (Lloyd iterations), keeping the
 * iteration with the lowest objective. Each growth starts from one area per lot (first: weighted k-means++
 * seeds; then: the member nearest the lot's demand-weighted centre) and lets the lot with the fewest hours
 * take its free neighbour nearest its centre. Smallest-first keeps hours balanced and lots contiguous;
 * nearest-to-centre keeps them round, and moving the centres (the k-means step) undoes badly placed seeds.
 */
export function growLots(st: PartitionState, members: readonly number[], lots: readonly number[], rand: () => number, iterations = GROW_ITERATIONS): void {
  const { x, y } = st.g;
  const k = lots.length;
  let start = spreadSeeds(st, members, k, rand);
  const cx = new Float64Array(k), cy = new Float64Array(k);
  start.forEach((s, li) => {
    cx[li] = x[s]!;
    cy[li] = y[s]!;
  });
  const best = new Int32Array(members.length);
  let bestCost = Infinity;
  for (let it = 0; it < Math.max(1, iterations); it++) {
    if (it > 0) for (const i of members) st.remove(i);
    growFrom(st, lots, start, cx, cy);
    if (members.some((i) => st.assign[i]! < 0)) return; // a disconnected parent: the caller reports it
    const cost = st.objective(lots, members);
    if (cost < bestCost - 1e-12) {
      bestCost = cost;
      members.forEach((i, p) => (best[p] = st.assign[i]!));
    }
    start = lots.map((l, li) => {
      const sw = st.Sw[l]!;
      // Keep the old centre when the lot's weights underflow (hours like 1e-323 give Σw = 0).
      if (sw > 0 && Number.isFinite(st.Sx[l]! / sw) && Number.isFinite(st.Sy[l]! / sw)) {
        cx[li] = st.Sx[l]! / sw;
        cy[li] = st.Sy[l]! / sw;
      }
      return nearestMember(st, l, cx[li]!, cy[li]!);
    });
  }
  for (const i of members) st.remove(i);
  members.forEach((i, p) => st.add(i, best[p]!));
}

/** The member of lot l nearest to (px, py) (ties: smaller index). */
function nearestMember(st: PartitionState, l: number, px: number, py: number): number {
  const { x, y } = st.g;
  let bi = -1, bd = Infinity;
  for (const i of st.members[l]!) {
    const d = (x[i]! - px) ** 2 + (y[i]! - py) ** 2;
    if (d < bd || (d === bd && i < bi)) {
      bd = d;
      bi = i;
    }
  }
  return bi >= 0 ? bi : st.members[l]![0]!;
}

/** One growth from `start` (one area per lot): the lot with the fewest hours takes its free neighbour nearest its centre. */
function growFrom(st: PartitionState, lots: readonly number[], start: readonly number[], cx: Float64Array, cy: Float64Array): void {
  const { x, y, adjStart, adjList } = st.g;
  const heaps = lots.map(() => new MinHeap());
  const push = (i: number, li: number): void => {
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const j = adjList[p]!;
      if (st.assign[j] === -1) heaps[li]!.push((x[j]! - cx[li]!) ** 2 + (y[j]! - cy[li]!) ** 2, j);
    }
  };
  start.forEach((s, li) => st.add(s, lots[li]!));
  start.forEach((s, li) => push(s, li));
  // Lots by hours so far (ties: lower lot index); a lot whose frontier is empty drops out for good, since
  // its frontier only grows when it does.
  const byHours = new MinHeap();
  lots.forEach((l, li) => byHours.push(st.H[l]!, li));
  while (byHours.size > 0) {
    const li = byHours.pop();
    const h = heaps[li]!;
    while (h.size > 0 && st.assign[h.peekValue()] !== -1) h.pop();
    if (h.size === 0) continue;
    const i = h.pop();
    st.add(i, lots[li]!);
    push(i, li);
    byHours.push(st.H[lots[li]!]!, li);
  }
}

/**
 * Naive baseline: uniformly random seeds, then a random lot takes a random unassigned neighbour until
 * every area is taken. No balancing rule and no local search.
 */
export function randomGrowLots(st: PartitionState, members: readonly number[], lots: readonly number[], rand: () => number): void {
  const { adjStart, adjList } = st.g;
  const seeds = shuffled(members, rand).slice(0, lots.length);
  const frontier: number[][] = lots.map(() => []);
  const pushNbrs = (i: number, li: number): void => {
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) if (st.assign[adjList[p]!] === -1) frontier[li]!.push(adjList[p]!);
  };
  seeds.forEach((s, li) => st.add(s, lots[li]!));
  seeds.forEach((s, li) => pushNbrs(s, li));
  let remaining = members.length - lots.length;
  while (remaining > 0) {
    const open: number[] = [];
    for (let li = 0; li < lots.length; li++) {
      const f = frontier[li]!;
      while (f.length > 0 && st.assign[f[f.length - 1]!] !== -1) f.pop();
      if (f.length > 0) open.push(li);
    }
    if (open.length === 0) break;
    const li = open[Math.floor(rand() * open.length)]!;
    const f = frontier[li]!;
    const p = Math.floor(rand() * f.length);
    const i = f[p]!;
    f[p] = f[f.length - 1]!;
    f.pop();
    if (st.assign[i] !== -1) continue;
    st.add(i, lots[li]!);
    pushNbrs(i, li);
    remaining--;
  }
}

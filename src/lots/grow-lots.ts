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

/** k-means++ seeding on the areas' points: spread-out seeds, drawn with the seeded generator. */
function spreadSeeds(st: PartitionState, members: readonly number[], k: number, rand: () => number): number[] {
  const { x, y } = st.g;
  const seeds = [members[Math.floor(rand() * members.length)]!];
  const d2 = members.map((i) => (x[i]! - x[seeds[0]!]!) ** 2 + (y[i]! - y[seeds[0]!]!) ** 2);
  while (seeds.length < k) {
    let total = 0;
    for (const d of d2) total += d;
    let pick = -1;
    if (total > 0) {
      let r = rand() * total;
      for (let p = 0; p < members.length; p++) {
        r -= d2[p]!;
        if (r < 0 && d2[p]! > 0) {
          pick = p;
          break;
        }
      }
    }
    if (pick < 0) pick = members.findIndex((m) => !seeds.includes(m)); // all remaining points coincide with seeds
    const s = members[pick]!;
    seeds.push(s);
    for (let p = 0; p < members.length; p++) {
      const d = (x[members[p]!]! - x[s]!) ** 2 + (y[members[p]!]! - y[s]!) ** 2;
      if (d < d2[p]!) d2[p] = d;
    }
    d2[pick] = 0;
  }
  return seeds;
}

/**
 * Grows `lots` regions at once from spread seeds: the lot with the fewest hours so far takes its nearest
 * unassigned neighbour (nearest to its seed). Smallest-first keeps hours balanced; nearest-first keeps lots round.
 */
export function growLots(st: PartitionState, members: readonly number[], lots: readonly number[], rand: () => number): void {
  const { x, y, adjStart, adjList } = st.g;
  const k = lots.length;
  const seeds = spreadSeeds(st, members, k, rand);
  const heaps = lots.map(() => new MinHeap());
  const pushNbrs = (i: number, li: number): void => {
    const s = seeds[li]!;
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const j = adjList[p]!;
      if (st.assign[j] === -1) heaps[li]!.push((x[j]! - x[s]!) ** 2 + (y[j]! - y[s]!) ** 2, j);
    }
  };
  seeds.forEach((s, li) => st.add(s, lots[li]!));
  seeds.forEach((s, li) => pushNbrs(s, li));
  let remaining = members.length - k;
  while (remaining > 0) {
    let best = -1;
    for (let li = 0; li < k; li++) {
      const h = heaps[li]!;
      while (h.size > 0 && st.assign[h.peekValue()] !== -1) h.pop();
      if (h.size > 0 && (best < 0 || st.H[lots[li]!]! < st.H[lots[best]!]!)) best = li;
    }
    if (best < 0) break; // cannot happen on a connected graph; the caller checks
    const i = heaps[best]!.pop();
    st.add(i, lots[best]!);
    pushNbrs(i, best);
    remaining--;
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

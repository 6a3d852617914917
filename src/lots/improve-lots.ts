// Contiguity-preserving local search over single-area moves between adjacent lots.
import { shuffled } from "./grow-lots.js";
import type { PartitionState } from "./partition-state.js";

/** Balance-weight multipliers of the continuation in {@link improveLotsGradually}, ending at the real objective. */
export const BALANCE_SCHEDULE: readonly number[] = [0.001, 0.01, 0.03, 0.1, 0.3, 1];

/**
 * Local search under a rising balance weight: first almost pure compactness (lots settle into round,
 * k-means-like shapes), then the balance weight steps up to its real value and boundary areas move to even
 * the hours out. Single-area moves under the full balance weight stall early (every move that would reshape
 * a lot first unbalances it); a continuation of the penalty lets shapes change while that is still cheap.
 * On Leicestershire this lowers the demand-weighted distance to the lot centre by 3–6% at the same balance.
 */
export function improveLotsGradually(st: PartitionState, members: readonly number[], maxSweeps: number, rand: () => number, schedule: readonly number[] = BALANCE_SCHEDULE): number {
  const base = st.obj;
  let moves = 0;
  for (const f of schedule) {
    st.obj = f === 1 ? base : { ...base, wBalance: base.wBalance * f };
    moves += improveLots(st, members, maxSweeps, rand);
  }
  st.obj = base;
  if (schedule[schedule.length - 1] !== 1) moves += improveLots(st, members, maxSweeps, rand);
  return moves;
}

/**
 * Local search over single-area moves, pair swaps and branch moves, driven by a work list: every area is
 * examined once (in a seeded random order); an area is examined again only when it or a neighbour moved. An
 * area moves to the adjacent lot that lowers the objective most, if its own lot stays connected and
 * non-empty and the target lot keeps the travel limit. When no single move helps, one pass of pair swaps
 * and one of branch moves run, and areas around what they changed go back on the list. Stops at a local
 * optimum or after `maxSweeps` × (areas) examinations. Returns the moves made.
 */
export function improveLots(st: PartitionState, members: readonly number[], maxSweeps: number, rand: () => number): number {
  const { adjStart, adjList } = st.g;
  const order = shuffled(members, rand);
  const m = order.length;
  const queued = new Uint8Array(st.g.n);
  const ring = new Int32Array(m + 1);
  let head = 0, tail = 0;
  const enqueue = (i: number): void => {
    if (queued[i] || st.assign[i]! < 0) return;
    queued[i] = 1;
    ring[tail] = i;
    tail = tail === m ? 0 : tail + 1;
  };
  // Lots changed since the last swap pass: a swap's gain depends only on its two lots, so later passes
  // scan only areas in changed lots (the first scans all).
  const dirty = new Uint8Array(st.k);
  const touch = (i: number): void => {
    enqueue(i);
    dirty[st.assign[i]!] = 1;
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      enqueue(adjList[p]!);
      dirty[st.assign[adjList[p]!]!] = 1;
    }
  };
  for (const i of order) enqueue(i);
  const budget = maxSweeps * m;
  const blocked: number[] = [];
  const cand: { b: number; d: number }[] = [];
  let examined = 0, moves = 0, swaps = 0;
  for (;;) {
    while (head !== tail && examined < budget) {
      const i = ring[head]!;
      head = head === m ? 0 : head + 1;
      queued[i] = 0;
      examined++;
      const a = st.assign[i]!;
      if (st.members[a]!.length <= 1) continue;
      cand.length = 0;
      for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
        const b = st.assign[adjList[p]!]!;
        if (b === a || b < 0 || cand.some((c) => c.b === b)) continue;
        const d = st.moveDelta(i, b);
        if (d < -1e-12) cand.push({ b, d });
      }
      if (cand.length === 0) continue;
      cand.sort((u, v) => u.d - v.d || u.b - v.b);
      if (!st.removable(i)) {
        blocked.push(i);
        continue;
      }
      for (const c of cand) {
        if (!st.travelOk(i, c.b)) continue;
        dirty[a] = 1;
        st.move(i, c.b);
        moves++;
        touch(i);
        break;
      }
    }
    if (examined >= budget || maxSweeps === 0) break;
    const scan = swaps++ === 0 ? order : order.filter((i) => dirty[st.assign[i]!] === 1);
    const changed = swapPass(st, scan);
    dirty.fill(0);
    if (changed.length === 0) changed.push(...branchPass(st, blocked));
    blocked.length = 0;
    if (changed.length === 0) break;
    moves += changed.length;
    for (const i of changed) touch(i);
  }
  return moves;
}

/**
 * Branch moves: an area i whose departure would split its lot A moves to an adjacent lot B together with
 * the pieces it would cut off (all but A's largest remaining piece), when that lowers the objective. This
 * frees lots stuck behind a hub area (e.g. a valley of LSOAs joined to the rest through one LSOA). Only the
 * areas the single-move search found blocked are tried. Returns the areas moved.
 */
function branchPass(st: PartitionState, blocked: readonly number[]): number[] {
  const { adjStart, adjList } = st.g;
  const moved: number[] = [];
  const tried = new Set<number>();
  for (const i of blocked) {
    if (tried.has(i)) continue;
    tried.add(i);
    const a = st.assign[i]!;
    const cut = st.cutOff(i);
    if (cut.length === 0 || cut.length + 1 >= st.members[a]!.length) continue;
    const group = [i, ...cut];
    let done = -1;
    for (let p = adjStart[i]! ; p < adjStart[i + 1]! && done < 0; p++) {
      const b = st.assign[adjList[p]!]!;
      if (b === a || b < 0) continue;
      if (!group.every((j) => st.travelOk(j, b))) continue;
      const before = st.objectiveOf(a, b);
      for (const j of group) st.move(j, b);
      if (st.objectiveOf(a, b) < before - 1e-12 && (st.obj.travel === null || st.diameter(b) <= st.obj.travel.maxMinutes)) done = b;
      else for (const j of group) st.move(j, a);
    }
    if (done >= 0) moved.push(...group);
  }
  return moved;
}

/**
 * Pair swaps: neighbouring areas i ∈ A, j ∈ B trade lots when that lowers the objective and both lots stay
 * connected and within the travel limit. Single moves cannot do this when each alone breaks the balance.
 * The objective change is computed first (O(1)); connectivity only for improving pairs. Returns the areas moved.
 */
function swapPass(st: PartitionState, order: readonly number[]): number[] {
  const { adjStart, adjList } = st.g;
  const moved: number[] = [];
  for (const i of order) {
    const a = st.assign[i]!;
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const j = adjList[p]!;
      const b = st.assign[j]!;
      if (b === a || b < 0) continue;
      if (!(st.swapDelta(i, j) < -1e-12)) continue;
      if (!st.removable(i)) continue;
      st.move(i, b);
      if (st.removable(j) && st.travelOk(i, b) && st.travelOk(j, a)) {
        st.move(j, a);
        // Both lots must still be connected after the pair move (j left B, which i had just joined).
        if (st.connected(a) && st.connected(b)) {
          moved.push(i, j);
          break;
        }
        st.move(j, b);
      }
      st.move(i, a);
    }
  }
  return moved;
}

/**
 * Travel repair for hour-bounded lots: while a lot spans more than the travel limit, move its most
 * remote area (largest total travel to the rest of the lot) to an adjacent lot that it fits within the
 * limit, if the donor stays connected and above `min` and the receiver stays under `max`. Returns the moves.
 */
export function repairTravel(st: PartitionState, lots: readonly number[], min: number, max: number, maxRounds = 50): number {
  const t = st.obj.travel;
  if (t === null) return 0;
  const { adjStart, adjList, hours } = st.g;
  let moves = 0;
  for (let round = 0; round < maxRounds; round++) {
    let progress = false;
    for (const l of lots) {
      if (st.diameter(l) <= t.maxMinutes) continue;
      const m = st.members[l]!;
      const ecc = m.map((i) => {
        let s = 0;
        for (const j of m) if (j !== i) s += Math.max(t.minutes(i, j), t.minutes(j, i));
        return { i, s };
      });
      ecc.sort((a, b) => b.s - a.s || a.i - b.i);
      for (const { i } of ecc) {
        if (st.H[l]! - hours[i]! < min || !st.removable(i)) continue;
        let target = -1;
        for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
          const b = st.assign[adjList[p]!]!;
          if (b === l || b < 0 || st.H[b]! + hours[i]! > max || !st.travelOk(i, b)) continue;
          if (target < 0 || st.H[b]! < st.H[target]!) target = b;
        }
        if (target >= 0) {
          st.move(i, target);
          moves++;
          progress = true;
          break;
        }
      }
    }
    if (!progress) break;
  }
  return moves;
}

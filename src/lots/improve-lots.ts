// Contiguity-preserving local search over single-area moves between adjacent lots.
import { shuffled } from "./grow-lots.js";
import type { PartitionState } from "./partition-state.js";

/**
 * Steepest-improvement sweeps: each boundary area (in a seeded random order) moves to the adjacent lot
 * that lowers the objective most, if its own lot stays connected and non-empty and the target lot keeps
 * the travel limit. Stops when a sweep makes no move or after `maxSweeps`. Returns the moves made.
 */
export function improveLots(st: PartitionState, members: readonly number[], maxSweeps: number, rand: () => number): number {
  const { adjStart, adjList } = st.g;
  let moves = 0;
  const order = shuffled(members, rand);
  const cand: { b: number; d: number }[] = [];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = false;
    for (const i of order) {
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
      if (!st.removable(i)) continue;
      for (const c of cand) {
        if (!st.travelOk(i, c.b)) continue;
        st.move(i, c.b);
        moves++;
        moved = true;
        break;
      }
    }
    if (!moved && !swapPass(st, order) && !branchPass(st, order)) break;
  }
  return moves;
}

/**
 * Branch moves: an area i whose departure would split its lot A moves to an adjacent lot B together with
 * the pieces it would cut off (all but A's largest remaining piece), when that lowers the objective. This
 * frees lots stuck behind a hub area (e.g. a valley of LSOAs joined to the rest through one LSOA).
 */
function branchPass(st: PartitionState, order: readonly number[]): boolean {
  const { adjStart, adjList } = st.g;
  for (const i of order) {
    const a = st.assign[i]!;
    let tried = -1;
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const b = st.assign[adjList[p]!]!;
      if (b === a || b < 0 || b === tried) continue;
      tried = b;
      const cut = st.cutOff(i);
      if (cut.length === 0 || cut.length + 1 >= st.members[a]!.length) continue;
      const group = [i, ...cut];
      if (!group.every((j) => st.travelOk(j, b))) continue;
      const before = st.objectiveOf(a, b);
      for (const j of group) st.move(j, b);
      if (st.objectiveOf(a, b) < before - 1e-12 && (st.obj.travel === null || st.diameter(b) <= st.obj.travel.maxMinutes)) return true;
      for (const j of group) st.move(j, a);
    }
  }
  return false;
}

/**
 * Pair swaps: neighbouring areas i ∈ A, j ∈ B trade lots when that lowers the objective and both lots stay
 * connected and within the travel limit. Single moves cannot do this when each alone breaks the balance.
 */
function swapPass(st: PartitionState, order: readonly number[]): boolean {
  const { adjStart, adjList } = st.g;
  let improved = false;
  for (const i of order) {
    const a = st.assign[i]!;
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const j = adjList[p]!;
      const b = st.assign[j]!;
      if (b === a || b < 0 || j < i) continue;
      const before = st.objectiveOf(a, b);
      const d1 = st.moveDelta(i, b);
      if (!st.removable(i)) continue;
      st.move(i, b);
      const d2 = st.moveDelta(j, a);
      if (d1 + d2 < -1e-12 && st.removable(j) && st.travelOk(i, b) && st.travelOk(j, a)) {
        st.move(j, a);
        // Both lots must still be connected after the pair move (j left B, which i had just joined).
        if (st.connected(a) && st.connected(b) && st.objectiveOf(a, b) < before - 1e-12) {
          improved = true;
          break;
        }
        st.move(j, b);
      }
      st.move(i, a);
    }
  }
  return improved;
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

// Max-p construction: as many lots as possible, each with hours ≥ floor, ≤ ceiling and within the travel limit.
import { shuffled } from "./grow-lots.js";
import type { PartitionState } from "./partition-state.js";

/**
 * One max-p construction (after Duque, Anselin & Rey 2012, as in pysal/spopt `maxp`): seeds taken in a
 * seeded random order each grow, nearest-to-centre first, until the floor is reached without passing the
 * ceiling or the travel limit; a seed that cannot reach the floor releases its areas as enclaves. Enclaves
 * then join the adjacent lot that keeps every limit (nearest centre first); when none can, the one that
 * breaks them least (the caller reports it). Returns the number of lots made (lot indices 0..p-1).
 */
export function maxPLots(st: PartitionState, members: readonly number[], min: number, max: number, rand: () => number): number {
  const { x, y, hours, adjStart, adjList } = st.g;
  const noSeed = new Uint8Array(st.g.n);
  let p = 0;
  const dist2 = (i: number, l: number): number => {
    const cx = st.Sx[l]! / st.Sw[l]!, cy = st.Sy[l]! / st.Sw[l]!;
    return (x[i]! - cx) ** 2 + (y[i]! - cy) ** 2;
  };
  for (const s of shuffled(members, rand)) {
    if (st.assign[s] !== -1 || noSeed[s]) continue;
    const l = p;
    st.add(s, l);
    if (hours[s]! > max) {
      p++; // a single area above the ceiling: its own lot, reported as a violation
      continue;
    }
    while (st.H[l]! < min) {
      let best = -1, bestD = Infinity;
      for (const i of st.members[l]!) {
        for (let q = adjStart[i]!; q < adjStart[i + 1]!; q++) {
          const j = adjList[q]!;
          if (st.assign[j] !== -1 || st.H[l]! + hours[j]! > max) continue;
          const d = dist2(j, l);
          if (d < bestD) {
            if (!st.travelOk(j, l)) continue;
            best = j;
            bestD = d;
          }
        }
      }
      if (best < 0) break;
      st.add(best, l);
    }
    if (st.H[l]! >= min) p++;
    else for (const i of [...st.members[l]!]) {
      st.remove(i);
      noSeed[i] = 1;
    }
  }
  if (p === 0) {
    // Not even one lot reaches the floor: one lot of everything, reported by the caller.
    for (const i of members) if (st.assign[i] === -1) st.add(i, 0);
    return 1;
  }
  assignEnclaves(st, members, max);
  return p;
}

/** Joins every unassigned area to an adjacent lot (nearest centre), keeping the ceiling and travel limit where possible. */
export function assignEnclaves(st: PartitionState, members: readonly number[], max: number): void {
  const { x, y, hours, adjStart, adjList } = st.g;
  let pending = members.filter((i) => st.assign[i] === -1);
  let strict = true;
  while (pending.length > 0) {
    const next: number[] = [];
    let progress = false;
    for (const i of pending) {
      let best = -1, bestScore = Infinity;
      for (let q = adjStart[i]!; q < adjStart[i + 1]!; q++) {
        const l = st.assign[adjList[q]!]!;
        if (l < 0) continue;
        const over = Math.max(0, st.H[l]! + hours[i]! - max);
        const travel = st.travelOk(i, l);
        if (strict && (over > 0 || !travel)) continue;
        const cx = st.Sx[l]! / st.Sw[l]!, cy = st.Sy[l]! / st.Sw[l]!;
        const score = (strict ? 0 : over * 1e6 + (travel ? 0 : 1e12)) + (x[i]! - cx) ** 2 + (y[i]! - cy) ** 2;
        if (score < bestScore) {
          bestScore = score;
          best = l;
        }
      }
      if (best >= 0) {
        st.add(i, best);
        progress = true;
        if (!strict) strict = true; // one forced area at a time, then try the limits again
      } else next.push(i);
    }
    if (!progress) {
      if (!strict) break; // unreachable on a connected graph; the caller checks for unassigned areas
      strict = false;
    }
    pending = next;
  }
}

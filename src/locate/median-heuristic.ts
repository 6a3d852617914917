/**
 * Greedy-add then interchange (Teitz & Bart 1968) heuristic for the p-median. Used only to size the exact
 * model's candidate sets (see p-median.ts), never as an answer. O(passes · p · (m − p) · n). @internal
 */
import type { LocationProblem } from "./types.js";

/** Total Σ w_i min_{j∈open} d_ij over `active` points (Infinity if one cannot reach the set). */
function total(problem: LocationProblem, active: readonly number[], open: readonly number[]): number {
  const m = problem.siteIds.length;
  let s = 0;
  for (const i of active) {
    let best = Infinity;
    for (const j of open) best = Math.min(best, problem.cost[i * m + j]!);
    s += best === Infinity ? Infinity : problem.weights[i]! * best;
  }
  return s;
}

/** A good (not necessarily optimal) set of p open sites containing `required`, in ascending index order. @internal */
export function medianHeuristic(problem: LocationProblem, active: readonly number[], p: number, required: readonly number[], maxPasses = 3): number[] {
  const m = problem.siteIds.length;
  const open = [...required];
  const isOpen = new Uint8Array(m);
  for (const j of open) isOpen[j] = 1;
  while (open.length < p) {
    let bestJ = -1;
    let bestV = Infinity;
    for (let j = 0; j < m; j++) {
      if (isOpen[j]) continue;
      open.push(j);
      const v = total(problem, active, open);
      open.pop();
      if (v < bestV || bestJ < 0) {
        bestV = v;
        bestJ = j;
      }
    }
    open.push(bestJ);
    isOpen[bestJ] = 1;
  }
  const fixed = new Set(required);
  let current = total(problem, active, open);
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let k = 0; k < open.length; k++) {
      if (fixed.has(open[k]!)) continue;
      for (let j = 0; j < m; j++) {
        if (isOpen[j]) continue;
        const old = open[k]!;
        open[k] = j;
        const v = total(problem, active, open);
        if (v < current - 1e-9 * Math.max(1, Math.abs(current))) {
          current = v;
          isOpen[old] = 0;
          isOpen[j] = 1;
          improved = true;
        } else open[k] = old;
      }
    }
    if (!improved) break;
  }
  return open.sort((a, b) => a - b);
}

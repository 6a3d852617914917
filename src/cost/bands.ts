/**
 * Price bands from modelled cost: areas sorted by cost per contact hour are split into (up to) four
 * classes minimising the hours-weighted within-class sum of squares (Fisher 1958, "On grouping for
 * maximum homogeneity", the exact method behind Jenks natural breaks), by dynamic programming in
 * O(k·n²). Classes are named cheapest first: urban, fringe, rural, isolated.
 */
import { PRICE_BANDS, type PriceBand } from "../schema/cost.js";

/**
 * Optimal 1-D classes: `values` (sorted ascending) with weights, into at most `k` contiguous classes.
 * Returns the class index of each value (0 = lowest). Equal values always share a class. @internal
 */
export function fisherClasses(values: readonly number[], weights: readonly number[], k: number): number[] {
  const n = values.length;
  if (n === 0) return [];
  // Distinct values (equal values must not be split across classes).
  const vals: number[] = [], wts: number[] = [], groupOf: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (vals.length > 0 && values[i] === vals[vals.length - 1]) wts[wts.length - 1]! += weights[i]!;
    else {
      vals.push(values[i]!);
      wts.push(weights[i]!);
    }
    groupOf[i] = vals.length - 1;
  }
  const m = vals.length;
  const K = Math.min(k, m);
  // Prefix sums of w, w·x, w·x² for O(1) within-class cost.
  const W = new Float64Array(m + 1), S = new Float64Array(m + 1), Q = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    // A zero weight (a value with no hours) still needs a place: give it a tiny weight.
    const w = Math.max(wts[i]!, 1e-12);
    W[i + 1] = W[i]! + w;
    S[i + 1] = S[i]! + w * vals[i]!;
    Q[i + 1] = Q[i]! + w * vals[i]! * vals[i]!;
  }
  const ssw = (a: number, b: number): number => {
    // within-class weighted sum of squares of vals[a..b-1]
    const w = W[b]! - W[a]!, s = S[b]! - S[a]!;
    return Math.max(0, Q[b]! - Q[a]! - (s * s) / w);
  };
  // cost[c][j]: best split of vals[0..j-1] into c+1 classes; cut[c][j]: start of the last class.
  const cost: Float64Array[] = [], cut: Int32Array[] = [];
  for (let c = 0; c < K; c++) {
    cost.push(new Float64Array(m + 1).fill(Infinity));
    cut.push(new Int32Array(m + 1));
  }
  for (let j = 1; j <= m; j++) cost[0]![j] = ssw(0, j);
  for (let c = 1; c < K; c++) {
    const prev = cost[c - 1]!, cur = cost[c]!, cuts = cut[c]!;
    for (let j = c + 1; j <= m; j++) {
      let best = Infinity, arg = c;
      const Wj = W[j]!, Sj = S[j]!, Qj = Q[j]!;
      for (let i = c; i < j; i++) {
        const w = Wj - W[i]!, sx = Sj - S[i]!;
        const within = Qj - Q[i]! - (sx * sx) / w;
        const v = prev[i]! + (within > 0 ? within : 0);
        if (v < best - 1e-12) {
          best = v;
          arg = i;
        }
      }
      cur[j] = best;
      cuts[j] = arg;
    }
  }
  const classOfGroup = new Array<number>(m);
  let j = m;
  for (let c = K - 1; c >= 0; c--) {
    const i = c === 0 ? 0 : cut[c]![j]!;
    for (let g = i; g < j; g++) classOfGroup[g] = c;
    j = i;
  }
  return groupOf.map((g) => classOfGroup[g]!);
}

/** Band names for class indices 0..k−1, cheapest first. @internal */
export function bandName(cls: number): PriceBand {
  return PRICE_BANDS[Math.min(cls, PRICE_BANDS.length - 1)]!;
}

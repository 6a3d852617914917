// Greedy incumbent for the allocation MILP: a feasible point of every row, built lot by lot, which
// allocate() polishes (LP with its binaries fixed) and passes to the solver as a warm start.
//
// Lots are taken hardest first (fewest lead candidates, then largest demand, then id). For each lot the
// lead candidates are tried cheapest first: the lead takes α·d; the contingency (the non-lead candidate
// with the most spare capacity) reserves β·α·d; the m−1 cheapest other counting candidates take f_l = max(ε·d, φ)
// each; the rest of the demand goes to the cheapest pairs with room (the lead only while the contingency
// can grow its reserve by β per extra hour). A lot with no workable lead is left unlet (n = 1, s = d).
// When re-letting (soft contingency, column g), a lot no lead can take with a contingency is let without one.
import type { AllocationModel } from "./model.js";
import type { PreparedAllocation } from "./prepare.js";
import { compareIds } from "../internal/sort.js";

/**
 * Returns a feasible column vector for the `milp` model. Lots the first pass cannot let are moved to the
 * front and the pass repeated (a few times); the vector with the least objective is returned.
 * @internal
 */
export function greedyIncumbent(prep: PreparedAllocation, am: AllocationModel, guide?: Float64Array): Float64Array {
  let priority: number[] = [];
  let best: Float64Array | undefined;
  let bestObj = Infinity;
  for (let pass = 0; pass < 6; pass++) {
    const { x, failed } = greedyPass(prep, am, guide, priority);
    let obj = 0;
    for (let j = 0; j < x.length; j++) obj += am.model.cost[j]! * x[j]!;
    if (obj < bestObj) {
      best = x;
      bestObj = obj;
    }
    if (failed.length === 0) break;
    priority = [...failed.filter((l) => !priority.includes(l)), ...priority];
  }
  return best!;
}

function greedyPass(prep: PreparedAllocation, am: AllocationModel, guide: Float64Array | undefined, priority: readonly number[]): { x: Float64Array; failed: number[] } {
  const { demand, rate, capacity, leadCap, pairLot, pairProv, pairUb, lotPairStart, policy, lotIds } = prep;
  const { leadShare: alpha, minProvidersPerLot: m, contingencyShare: beta } = policy;
  const L = demand.length;
  const x = new Float64Array(am.model.numCols);
  const rem = Float64Array.from(capacity);
  const leadCount = new Int32Array(capacity.length);
  const hours = new Float64Array(pairLot.length);
  const reserve = new Float64Array(pairLot.length);

  const leadCands = (l: number): number[] => {
    const out: number[] = [];
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) if (am.colY[e]! >= 0) out.push(e);
    return out;
  };
  const order: number[] = [];
  for (let l = 0; l < L; l++) if (lotPairStart[l + 1]! > lotPairStart[l]! && am.model.colLower[am.colN[l]!] === 0) order.push(l);
  const nLead = order.map((l) => leadCands(l).length);
  const pos = new Map(order.map((l, i) => [l, i] as const));
  const rank = new Map(priority.map((l, i) => [l, i] as const));
  const pr = (l: number): number => rank.get(l) ?? priority.length;
  order.sort((a, b) => pr(a) - pr(b) || nLead[pos.get(a)!]! - nLead[pos.get(b)!]! || demand[b]! - demand[a]! || compareIds(lotIds[a]!, lotIds[b]!));

  const byRate = (a: number, b: number): number => rate[pairProv[a]!]! - rate[pairProv[b]!]! || a - b;
  // With an LP relaxation as guide, candidates are tried in order of their relaxed value (then rate).
  const g = (col: number): number => (guide !== undefined && col >= 0 ? Math.round(guide[col]! * 1e6) / 1e6 : 0);
  const target = (f: number): number =>
    guide === undefined ? 0 : Math.max(0, guide[am.colO[f]!]! + (am.colH[f]! >= 0 ? guide[am.colH[f]!]! : 0));
  const byGuide = (cols: Int32Array) => (a: number, b: number): number => g(cols[b]!) - g(cols[a]!) || byRate(a, b);
  const letLot = new Uint8Array(L);
  const leadOf = new Int32Array(L).fill(-1);
  const contOf = new Int32Array(L).fill(-1);
  const counted = new Uint8Array(pairLot.length);

  for (const l of order) {
    const d = demand[l]!;
    const a = lotPairStart[l]!;
    const b = lotPairStart[l + 1]!;
    const pairs: number[] = [];
    for (let e = a; e < b; e++) pairs.push(e);
    pairs.sort(byRate);
    // With a soft contingency (re-letting), a second pass lets the lot without one if no lead works with one.
    const passes = am.colG[l]! >= 0 ? [false, true] : [false];
    for (const noCont of passes) {
      if (letLot[l]) break;
      for (const e of leadCands(l).sort(byGuide(am.colY))) {
        const p = pairProv[e]!;
        if (leadCount[p]! >= leadCap[p]! || rem[p]! < alpha * d - 1e-9) continue;
        // Tentative state for this lot.
        const lr = new Map<number, number>(); // provider -> remaining capacity
        const getRem = (q: number): number => lr.get(q) ?? rem[q]!;
        const hx = new Map<number, number>();
        const hq = new Map<number, number>();
        const avail = (f: number): number => Math.max(0, Math.min(pairUb[f]! - (hx.get(f) ?? 0) - (hq.get(f) ?? 0), getRem(pairProv[f]!)));
        const give = (f: number, h: number): void => {
          hx.set(f, (hx.get(f) ?? 0) + h);
          lr.set(pairProv[f]!, getRem(pairProv[f]!) - h);
        };
        const h0 = alpha * d;
        give(e, h0);
        // Contingency: the non-lead candidate with the most spare capacity that can hold the reserve.
        let cont = -1;
        for (const f of pairs) {
          if (f === e || am.colK[f]! < 0) continue;
          if (beta > 0 && (am.colQ[f]! < 0 || avail(f) < beta * h0 - 1e-9)) continue;
          if (cont < 0) cont = f;
          else {
            const dg = g(am.colK[f]!) - g(am.colK[cont]!);
            const dr = getRem(pairProv[f]!) - getRem(pairProv[cont]!);
            if (dg > 0 || (dg === 0 && (dr > 0 || (dr === 0 && f < cont)))) cont = f;
          }
        }
        if (noCont) cont = -1;
        else if (cont < 0) continue;
        if (beta > 0 && cont >= 0) {
          hq.set(cont, beta * h0);
          lr.set(pairProv[cont]!, getRem(pairProv[cont]!) - beta * h0);
        }
        // Counted supplementaries.
        const chosen: number[] = [];
        if (m >= 2) {
          for (const f of [...pairs].sort(byGuide(am.colZ))) {
            if (chosen.length >= m - 1) break;
            if (f === e || am.colZ[f]! < 0 || avail(f) < prep.countMin[l]! - 1e-9) continue;
            chosen.push(f);
            give(f, prep.countMin[l]!);
          }
          if (chosen.length < m - 1) continue;
        }
        // Fill the rest: first towards the LP relaxation's hours (when guided), then cheapest first.
        let left = d;
        for (const f of hx.values()) left -= f;
        const add = (f: number, want: number): void => {
          let t = Math.min(avail(f), left, want);
          if (f === e && beta > 0 && cont >= 0) {
            const growth = Math.max(0, Math.min(pairUb[cont]! - (hx.get(cont) ?? 0) - (hq.get(cont) ?? 0), getRem(pairProv[cont]!)));
            t = Math.min(t, growth / beta);
            if (t > 0) {
              hq.set(cont, (hq.get(cont) ?? 0) + beta * t);
              lr.set(pairProv[cont]!, getRem(pairProv[cont]!) - beta * t);
            }
          }
          if (t <= 1e-12) return;
          give(f, t);
          left -= t;
        };
        if (guide !== undefined) for (const f of pairs) if (left > 1e-9) add(f, target(f) - (hx.get(f) ?? 0));
        for (const f of pairs) if (left > 1e-9) add(f, Infinity);
        // Commit.
        for (const [f, h] of hx) hours[f] = h;
        for (const [f, h] of hq) reserve[f] = h;
        for (const [q, r] of lr) rem[q] = Math.max(0, r);
        for (const f of chosen) counted[f] = 1;
        leadCount[p]!++;
        letLot[l] = 1;
        leadOf[l] = e;
        contOf[l] = cont;
        break;
      }
    }
  }

  for (let l = 0; l < L; l++) {
    const d = demand[l]!;
    if (am.colN[l]! >= 0) x[am.colN[l]!] = letLot[l] ? 0 : 1;
    if (am.colG[l]! >= 0) x[am.colG[l]!] = letLot[l] && contOf[l]! < 0 ? 1 : 0;
    let delivered = 0;
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) {
      if (leadOf[l] === e) x[am.colH[e]!] = hours[e]!;
      else x[am.colO[e]!] = hours[e]!;
      delivered += hours[e]!;
      if (am.colQ[e]! >= 0) x[am.colQ[e]!] = reserve[e]!;
      if (am.colY[e]! >= 0) x[am.colY[e]!] = leadOf[l] === e ? 1 : 0;
      if (am.colK[e]! >= 0) x[am.colK[e]!] = contOf[l] === e ? 1 : 0;
      if (am.colZ[e]! >= 0) x[am.colZ[e]!] = counted[e]! ? 1 : 0;
    }
    x[am.colS[l]!] = Math.max(0, d - delivered);
  }
  return { x, failed: order.filter((l) => !letLot[l]) };
}

/**
 * The allocation model, as a solver-neutral {@link SparseModel}.
 *
 * Sets: lots l ∈ L, providers p ∈ P, eligible pairs E ⊆ L × P (from coverage; pairs with share 0 or
 * capacity 0 carry nothing and are left out). Data: demand d_l = U_l + R_l (urban + rural weekly hours);
 * capacity c_p; rate r_p; lead cap K_p; share a_lp; policy weights w_U, w_R, lead share α, minimum
 * providers m, minimum counted share ε, contingency share β, unmet-hour penalty π.
 * A provider's hours in a lot follow the lot's urban:rural mix (it serves the lot's clients, it does not
 * choose an area type), so an hour of p in l costs r_p·w_l with w_l = (w_U·U_l + w_R·R_l) / d_l.
 * u_lp = min(a_lp·d_l, c_p) is the most hours pair (l,p) can carry (the tight big-M).
 *
 * Variables (only where they can be non-zero):
 *   x_lp ∈ [0, u_lp]      weekly hours of p in l, split x_lp = h_lp + o_lp:
 *   h_lp ∈ [0, u_lp]      hours p delivers in l as lead (only for lead candidates)
 *   o_lp ∈ [0, u_lp]      hours p delivers in l as a non-lead
 *   s_l  ∈ [0, d_l]       unmet hours (the elastic slack, priced at π)
 *   n_l  ∈ [0, 1]         1 when lot l is not let (integral through (3))
 *   y_lp ∈ {0,1}          p leads l        — only if u_lp ≥ α·d_l and K_p ≥ 1
 *   z_lp ∈ {0,1}          p counts as a supplementary provider of l — only if m ≥ 2 and u_lp ≥ ε·d_l
 *   k_lp ∈ {0,1}          p is l's contingency — only if u_lp ≥ β·α·d_l
 *   q_lp ∈ [0, ρ_lp]      capacity p keeps spare for l as contingency, ρ_lp = min(u_lp, β·max_p' u_lp')
 *
 * \min \sum_{lp} r_p w_l x_{lp} + \pi \sum_l s_l
 * s.t.
 *  (1) \sum_p x_{lp} + s_l = d_l                          ∀l   demand (elastic)
 *  (2) s_l ≥ d_l n_l                                      ∀l   a lot not let has all hours unmet
 *  (3) \sum_p y_{lp} + n_l = 1                            ∀l   exactly one lead per let lot
 *  (4) \sum_p k_{lp} + n_l = 1                            ∀l   exactly one contingency per let lot
 *  (5) \sum_p z_{lp} ≥ (m−1)(1 − n_l)                     ∀l   at least m providers (lead + m−1)
 *  (6) \sum_p q_{lp} ≥ β α d_l (1 − n_l)                  ∀l   valid cut: reserve for the least lead
 *  (7) \sum_l x_{lp} + \sum_l q_{lp} ≤ c_p                ∀p   capacity (reserves add up over lots)
 *  (8) \sum_l y_{lp} ≤ K_p                                ∀p   lead cap       (only if it can bind)
 *  (9) \sum_l α d_l y_{lp} ≤ c_p                          ∀p   lead knapsack  (only if it can bind)
 * (10) α d_l y_{lp} ≤ h_{lp} ≤ u_{lp} y_{lp}             lead share; only the lead has lead hours
 *      o_{lp} ≤ u_{lp} (1 − y_{lp})                       the lead's hours are all lead hours
 * (11) o_{lp} ≥ ε d_l z_{lp}; y_{lp} + z_{lp} ≤ 1         a counted supplementary delivers ≥ ε·d_l
 * (12) k_{lp} + y_{lp} ≤ 1                                contingency is not the lead
 * (13) q_{lp} ≤ ρ_{lp} k_{lp};  o_{lp} + q_{lp} ≤ u_{lp}  reserve only as contingency, within reach
 * (14) \sum_p q_{lp} ≥ β \sum_p h_{lp}                    ∀l   reserve ≥ β × the lead's hours
 * Splitting x into h + o keeps (14) free of big-Ms (a bilinear β·x·y otherwise), which matters more
 * than anything else for solve time.
 *
 * The `lp` formulation keeps x, s, (1) and (7) only: a transportation LP for quick what-ifs; the lead
 * (most hours) and contingency (most spare reach) are chosen afterwards.
 *
 * Shadow prices: the LP with every binary (and n) fixed at the solution, built with the hour bounds
 * a_lp·d_l instead of u_lp (same columns and rows) so that capacity binds only through (7); the dual of
 * (7) is then the weekly cost saved by one more hour of p's capacity. Pairs of zero-capacity providers
 * stay in the model (fixed at 0 by u_lp = 0) so their shadow price is reported too.
 * Penalty π defaults to max(1000, 10 × the highest weighted rate), so an hour is only left unmet when it
 * cannot be placed.
 * Columns are ordered by type, then lot id, then provider id; rows likewise: same input, same model.
 * @module
 */
import type { SparseModel } from "../solvers/types.js";
import type { PreparedAllocation } from "./prepare.js";

/** Column positions of each variable family (-1 where the variable does not exist). @internal */
export interface AllocationModel {
  readonly model: SparseModel;
  readonly formulation: "milp" | "lp";
  /** Non-lead hours o (every pair; the only hours column in `lp`). */
  readonly colO: Int32Array;
  /** Lead hours h (lead candidates in `milp`). */
  readonly colH: Int32Array;
  readonly colS: Int32Array;
  readonly colN: Int32Array;
  readonly colY: Int32Array;
  readonly colZ: Int32Array;
  readonly colK: Int32Array;
  readonly colQ: Int32Array;
  /** Capacity row per provider (-1 when the provider has no pair). */
  readonly rowCap: Int32Array;
}

class CsrBuilder {
  readonly start: number[] = [0];
  readonly index: number[] = [];
  readonly value: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  add(cols: readonly number[], vals: readonly number[], lo: number, hi: number): number {
    for (let i = 0; i < cols.length; i++) {
      if (vals[i] === 0) continue;
      this.index.push(cols[i]!);
      this.value.push(vals[i]!);
    }
    this.start.push(this.index.length);
    this.lower.push(lo);
    this.upper.push(hi);
    return this.lower.length - 1;
  }
}

/**
 * Builds the `milp` or `lp` allocation model from prepared data. Deterministic column and row order.
 * @internal
 */
export function buildAllocationModel(prep: PreparedAllocation, formulation: "milp" | "lp", bounds: "tight" | "reach" = "tight"): AllocationModel {
  const { demand, weight, rate, capacity, leadCap, pairLot, pairProv, lotPairStart, provPairs, policy } = prep;
  // Candidate sets always come from the tight bound u = min(a·d, c). With bounds "reach" the hour bounds
  // are a·d instead (same columns and rows): capacity then binds only through its row, so the row dual
  // is the whole value of an extra hour of capacity (used for shadow prices).
  const pairUb = bounds === "tight" ? prep.pairUb : prep.pairReach;
  const tightUb = prep.pairUb;
  const L = demand.length;
  const Pn = capacity.length;
  const E = pairLot.length;
  const { leadShare: alpha, minProvidersPerLot: m, minProviderShare: eps, contingencyShare: beta } = policy;
  const milp = formulation === "milp";

  const cost: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const integ: number[] = [];
  const addCol = (c: number, l: number, u: number, int: boolean): number => {
    cost.push(c);
    lo.push(l);
    hi.push(u);
    integ.push(int ? 1 : 0);
    return cost.length - 1;
  };
  const colO = new Int32Array(E).fill(-1);
  const colH = new Int32Array(E).fill(-1);
  const colS = new Int32Array(L).fill(-1);
  const colN = new Int32Array(L).fill(-1);
  const colY = new Int32Array(E).fill(-1);
  const colZ = new Int32Array(E).fill(-1);
  const colK = new Int32Array(E).fill(-1);
  const colQ = new Int32Array(E).fill(-1);
  const rowCap = new Int32Array(Pn).fill(-1);
  const hasPairs = (l: number): boolean => lotPairStart[l + 1]! > lotPairStart[l]!;

  for (let e = 0; e < E; e++) colO[e] = addCol(rate[pairProv[e]!]! * weight[pairLot[e]!]!, 0, pairUb[e]!, false);
  for (let l = 0; l < L; l++) {
    const d = demand[l]!;
    colS[l] = addCol(prep.penalty, hasPairs(l) ? 0 : d, d, false);
  }
  // Per-lot largest lead reach (for the reserve bound ρ).
  const hMax = new Float64Array(L);
  const isLead = new Uint8Array(E);
  const isCont = new Uint8Array(E);
  const isCount = new Uint8Array(E);
  if (milp) {
    for (let e = 0; e < E; e++) {
      const l = pairLot[e]!;
      const d = demand[l]!;
      const u = tightUb[e]!;
      if (u <= 0) continue;
      if (u >= alpha * d - 1e-9 && leadCap[pairProv[e]!]! > 0) {
        isLead[e] = 1;
        hMax[l] = Math.max(hMax[l]!, pairUb[e]!);
      }
      if (m >= 2 && u >= eps * d - 1e-9) isCount[e] = 1;
      if (u >= beta * alpha * d - 1e-9) isCont[e] = 1;
    }
    for (let l = 0; l < L; l++) {
      const possible = hasPairs(l) && prep.lotPolicyBlock[l] === null && hMax[l]! > 0;
      colN[l] = addCol(0, possible ? 0 : 1, 1, false);
    }
    if (beta > 0) {
      for (let e = 0; e < E; e++) {
        const rho = Math.min(pairUb[e]!, beta * hMax[pairLot[e]!]!);
        if (isCont[e] && rho > 0) colQ[e] = addCol(0, 0, rho, false);
      }
    }
    for (let e = 0; e < E; e++) if (isLead[e]) colH[e] = addCol(rate[pairProv[e]!]! * weight[pairLot[e]!]!, 0, pairUb[e]!, false);
    for (let e = 0; e < E; e++) if (isLead[e]) colY[e] = addCol(0, 0, 1, true);
    for (let e = 0; e < E; e++) if (isCount[e]) colZ[e] = addCol(0, 0, 1, true);
    for (let e = 0; e < E; e++) if (isCont[e]) colK[e] = addCol(0, 0, 1, true);
  }

  const rows = new CsrBuilder();
  const cols: number[] = [];
  const vals: number[] = [];
  const reset = (): void => {
    cols.length = 0;
    vals.length = 0;
  };
  const put = (c: number, v: number): void => {
    if (c < 0) return;
    cols.push(c);
    vals.push(v);
  };
  // (1)-(6) per lot.
  for (let l = 0; l < L; l++) {
    if (!hasPairs(l)) continue;
    const d = demand[l]!;
    const a = lotPairStart[l]!;
    const b = lotPairStart[l + 1]!;
    reset();
    for (let e = a; e < b; e++) put(colO[e]!, 1);
    for (let e = a; e < b; e++) put(colH[e]!, 1);
    put(colS[l]!, 1);
    rows.add(cols, vals, d, d);
    if (!milp) continue;
    const n = colN[l]!;
    reset();
    put(colS[l]!, 1);
    put(n, -d);
    rows.add(cols, vals, 0, Infinity);
    reset();
    for (let e = a; e < b; e++) put(colY[e]!, 1);
    put(n, 1);
    rows.add(cols, vals, 1, 1);
    reset();
    for (let e = a; e < b; e++) put(colK[e]!, 1);
    put(n, 1);
    rows.add(cols, vals, 1, 1);
    if (m >= 2) {
      reset();
      for (let e = a; e < b; e++) put(colZ[e]!, 1);
      put(n, m - 1);
      rows.add(cols, vals, m - 1, Infinity);
    }
    if (beta > 0) {
      reset();
      for (let e = a; e < b; e++) put(colQ[e]!, 1);
      put(n, beta * alpha * d);
      rows.add(cols, vals, beta * alpha * d, Infinity);
      reset();
      for (let e = a; e < b; e++) put(colQ[e]!, 1);
      for (let e = a; e < b; e++) put(colH[e]!, -beta);
      rows.add(cols, vals, 0, Infinity);
    }
  }
  // (7)-(9) per provider.
  for (let p = 0; p < Pn; p++) {
    const list = provPairs[p]!;
    if (list.length === 0) continue;
    reset();
    for (const e of list) put(colO[e]!, 1);
    for (const e of list) put(colH[e]!, 1);
    for (const e of list) put(colQ[e]!, 1);
    rowCap[p] = rows.add(cols, vals, -Infinity, capacity[p]!);
    if (!milp) continue;
    const leads = list.filter((e) => colY[e]! >= 0);
    if (leads.length > leadCap[p]!) {
      reset();
      for (const e of leads) put(colY[e]!, 1);
      rows.add(cols, vals, -Infinity, leadCap[p]!);
    }
    let knap = 0;
    for (const e of leads) knap += alpha * demand[pairLot[e]!]!;
    if (leads.length >= 2 && knap > capacity[p]! + 1e-9) {
      reset();
      for (const e of leads) put(colY[e]!, alpha * demand[pairLot[e]!]!);
      rows.add(cols, vals, -Infinity, capacity[p]!);
    }
  }
  // (10)-(14) per pair.
  if (milp) {
    for (let e = 0; e < E; e++) {
      const l = pairLot[e]!;
      const d = demand[l]!;
      const o = colO[e]!;
      const h = colH[e]!;
      const y = colY[e]!;
      const z = colZ[e]!;
      const k = colK[e]!;
      const q = colQ[e]!;
      const u = pairUb[e]!;
      if (y >= 0) {
        rows.add([h, y], [1, -alpha * d], 0, Infinity);
        rows.add([h, y], [1, -u], -Infinity, 0);
        rows.add([o, y], [1, u], -Infinity, u);
      }
      if (z >= 0 && eps > 0) rows.add([o, z], [1, -eps * d], 0, Infinity);
      if (z >= 0 && y >= 0) rows.add([y, z], [1, 1], -Infinity, 1);
      if (k >= 0 && y >= 0) rows.add([k, y], [1, 1], -Infinity, 1);
      if (q >= 0) {
        rows.add([q, k], [1, -hi[q]!], -Infinity, 0);
        rows.add([o, q], [1, 1], -Infinity, u);
      }
    }
  }

  const model: SparseModel = {
    sense: "min",
    numCols: cost.length,
    numRows: rows.lower.length,
    cost: Float64Array.from(cost),
    colLower: Float64Array.from(lo),
    colUpper: Float64Array.from(hi),
    integrality: Uint8Array.from(integ),
    rowLower: Float64Array.from(rows.lower),
    rowUpper: Float64Array.from(rows.upper),
    rowStart: Int32Array.from(rows.start),
    colIndex: Int32Array.from(rows.index),
    value: Float64Array.from(rows.value),
  };
  return { model, formulation, colO, colH, colS, colN, colY, colZ, colK, colQ, rowCap };
}

/**
 * Copy of a MILP model with every integer column fixed at its (rounded) value in `x` and integrality
 * dropped: the LP whose duals give shadow prices, and which polishes a greedy start's hours.
 * `n_l` columns are fixed too, since they follow the lead binaries.
 * @internal
 */
export function fixIntegers(am: AllocationModel, x: Float64Array): SparseModel {
  const m = am.model;
  const colLower = Float64Array.from(m.colLower);
  const colUpper = Float64Array.from(m.colUpper);
  for (let j = 0; j < m.numCols; j++) {
    if (m.integrality[j] === 1) {
      const v = Math.round(x[j]!);
      colLower[j] = v;
      colUpper[j] = v;
    }
  }
  for (const j of am.colN) {
    if (j < 0) continue;
    const v = Math.round(x[j]!);
    colLower[j] = v;
    colUpper[j] = v;
  }
  return { ...m, colLower, colUpper, integrality: new Uint8Array(m.numCols) };
}

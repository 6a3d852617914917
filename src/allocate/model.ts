/**
 * The allocation model, as a solver-neutral {@link SparseModel}.
 *
 * Sets: lots l ∈ L, providers p ∈ P, eligible pairs E ⊆ L × P (from coverage; pairs with share 0 or
 * capacity 0 carry nothing and are left out); last-resort providers P^R ⊆ P (only in withdrawal
 * scenarios and security recourse; empty for allocate()). Data: demand d_l = U_l + R_l (urban + rural
 * weekly hours); capacity c_p; rate r_p; lead cap K_p (0 for a last-resort provider unless it may lead);
 * share a_lp; policy weights w_U, w_R, lead share α, minimum providers m, least hours of a counted
 * provider f_l = max(ε·d_l, φ) (ε = minProviderShare, φ = minProviderHours), contingency share β,
 * unmet-hour penalty π.
 * A provider's hours in a lot follow the lot's urban:rural mix (it serves the lot's clients, it does not
 * choose an area type), so an hour of p in l costs r_p·w_l with w_l = (w_U·U_l + w_R·R_l) / d_l, or the
 * lot's own rate weight when the input gives one (e.g. modelled cost of care ÷ the cheapest lot's).
 * u_lp = min(a_lp·d_l, c_p) is the most hours pair (l,p) can carry (the tight big-M).
 *
 * Variables (only where they can be non-zero):
 *   x_lp ∈ [0, u_lp]      weekly hours of p in l, split x_lp = h_lp + o_lp:
 *   h_lp ∈ [0, u_lp]      hours p delivers in l as lead (only for lead candidates)
 *   o_lp ∈ [0, u_lp]      hours p delivers in l as a non-lead
 *   s_l  ∈ [0, d_l]       unmet hours (the elastic slack, priced at π)
 *   n_l  ∈ [0, 1]         1 when lot l is not let (integral through (3))
 *   y_lp ∈ {0,1}          p leads l        — only if u_lp ≥ α·d_l and K_p ≥ 1
 *   z_lp ∈ {0,1}          p counts as a supplementary provider of l — only if m ≥ 2, u_lp ≥ f_l, p ∉ P^R
 *   k_lp ∈ {0,1}          p is l's contingency — only if u_lp ≥ β·α·d_l and p ∉ P^R
 *   q_lp ∈ [0, ρ_lp]      capacity p keeps spare for l as contingency, ρ_lp = min(u_lp, β·max_p' u_lp')
 *   g_l  ∈ [0, 1]         re-letting only: lot l let without a contingency (integral through (4)),
 *                         priced at γ (= π, one unmet hour); absent (g = 0) in allocate()
 *
 * \min \sum_{lp} r_p w_l x_{lp} + \pi \sum_l s_l + \gamma \sum_l g_l
 * s.t.
 *  (1) \sum_p x_{lp} + s_l = d_l                          ∀l   demand (elastic)
 *  (2) s_l + \sum_{p∈P^R} x_{lp} ≥ d_l n_l                 ∀l   a lot not let gets no market hours
 *  (3) \sum_p y_{lp} + n_l = 1                            ∀l   exactly one lead per let lot
 *  (4) \sum_p k_{lp} + n_l + g_l = 1                      ∀l   one contingency per let lot (or g)
 *  (5) \sum_p z_{lp} ≥ (m−1)(1 − n_l)                     ∀l   at least m providers (lead + m−1)
 *  (6) \sum_p q_{lp} ≥ β α d_l (1 − n_l − g_l)            ∀l   valid cut: reserve for the least lead
 *  (7) \sum_l x_{lp} + \sum_l q_{lp} ≤ c_p                ∀p   capacity (reserves add up over lots)
 *  (8) \sum_l y_{lp} ≤ K_p                                ∀p   lead cap       (only if it can bind)
 *  (9) \sum_l α d_l y_{lp} ≤ c_p                          ∀p   lead knapsack  (only if it can bind)
 * (10) α d_l y_{lp} ≤ h_{lp} ≤ u_{lp} y_{lp}             lead share; only the lead has lead hours
 *      o_{lp} ≤ u_{lp} (1 − y_{lp})                       the lead's hours are all lead hours
 * (11) o_{lp} ≥ f_l z_{lp}; y_{lp} + z_{lp} ≤ 1          a counted supplementary delivers ≥ f_l > 0
 * (12) k_{lp} + y_{lp} ≤ 1                                contingency is not the lead
 * (13) q_{lp} ≤ ρ_{lp} k_{lp};  o_{lp} + q_{lp} ≤ u_{lp}  reserve only as contingency, within reach
 * (14) \sum_p q_{lp} ≥ β \sum_p h_{lp} − β H_l g_l        ∀l   reserve ≥ β × the lead's hours
 *      (H_l = the most lead hours any candidate can carry in l)
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
import { BINARY, SparseModelBuilder, fixColumns } from "../solvers/model-builder.js";
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
  /** g: lot let without a contingency (re-letting only; -1 otherwise). */
  readonly colG: Int32Array;
  /** Capacity row per provider (-1 when the provider has no pair). */
  readonly rowCap: Int32Array;
}

/** Which binaries each pair gets, from the tight bound u = min(a·d, c), and each lot's largest lead reach. */
interface Candidates {
  readonly isLead: Uint8Array;
  readonly isCount: Uint8Array;
  readonly isCont: Uint8Array;
  /** Per lot, the largest hour bound of a lead candidate (for the reserve bound ρ). */
  readonly hMax: Float64Array;
}

type Families = Omit<AllocationModel, "model" | "formulation" | "rowCap">;

function candidates(prep: PreparedAllocation, pairUb: Float64Array): Candidates {
  const { demand, leadCap, pairLot, pairProv, policy, countMin, lastResort } = prep;
  const { leadShare: alpha, minProvidersPerLot: m, contingencyShare: beta } = policy;
  const E = pairLot.length;
  const hMax = new Float64Array(demand.length);
  const isLead = new Uint8Array(E);
  const isCont = new Uint8Array(E);
  const isCount = new Uint8Array(E);
  for (let e = 0; e < E; e++) {
    const l = pairLot[e]!;
    const d = demand[l]!;
    const u = prep.pairUb[e]!;
    if (u <= 0) continue;
    if (u >= alpha * d - 1e-9 && leadCap[pairProv[e]!]! > 0) {
      isLead[e] = 1;
      hMax[l] = Math.max(hMax[l]!, pairUb[e]!);
    }
    if (lastResort[pairProv[e]!]) continue; // last resort: never counted, never the contingency
    if (m >= 2 && u >= countMin[l]! - 1e-9) isCount[e] = 1;
    if (u >= beta * alpha * d - 1e-9) isCont[e] = 1;
  }
  return { isLead, isCount, isCont, hMax };
}

/** Columns, family by family: o, s, then (milp) n, q, h, y, z, k and (re-letting) g. */
function addColumns(b: SparseModelBuilder, prep: PreparedAllocation, pairUb: Float64Array, milp: boolean, c: Candidates): Families {
  const { demand, weight, rate, pairLot, pairProv, lotPairStart, policy } = prep;
  const L = demand.length;
  const E = pairLot.length;
  const none = new Int32Array(E).fill(-1);
  const hourCost = (e: number): number => rate[pairProv[e]!]! * weight[pairLot[e]!]!;
  const hasPairs = (l: number): boolean => lotPairStart[l + 1]! > lotPairStart[l]!;
  const colO = b.addColumns(E, (e) => ({ cost: hourCost(e), upper: pairUb[e]! }));
  const colS = b.addColumns(L, (l) => ({ cost: prep.penalty, lower: hasPairs(l) ? 0 : demand[l]!, upper: demand[l]! }));
  const noLot = new Int32Array(L).fill(-1);
  if (!milp) return { colO, colH: none, colS, colN: noLot, colY: none, colZ: none, colK: none, colQ: none, colG: noLot };
  const beta = policy.contingencyShare;
  const possible = (l: number): boolean => hasPairs(l) && prep.lotPolicyBlock[l] === null && c.hMax[l]! > 0;
  const colN = b.addColumns(L, (l) => ({ lower: possible(l) ? 0 : 1, upper: 1 }));
  const rho = (e: number): number => Math.min(pairUb[e]!, beta * c.hMax[pairLot[e]!]!);
  const colQ = beta > 0 ? b.addColumns(E, (e) => (c.isCont[e] && rho(e) > 0 ? { upper: rho(e) } : null)) : none;
  const colH = b.addColumns(E, (e) => (c.isLead[e] ? { cost: hourCost(e), upper: pairUb[e]! } : null));
  const colY = b.addColumns(E, (e) => (c.isLead[e] ? BINARY : null));
  const colZ = b.addColumns(E, (e) => (c.isCount[e] ? BINARY : null));
  const colK = b.addColumns(E, (e) => (c.isCont[e] ? BINARY : null));
  const gamma = prep.noContingencyPenalty;
  const colG = gamma === null ? noLot : b.addColumns(L, (l) => (possible(l) ? { cost: gamma, upper: 1 } : null));
  return { colO, colH, colS, colN, colY, colZ, colK, colQ, colG };
}

/** Rows (1)-(6) and (14), lot by lot. */
function addLotRows(b: SparseModelBuilder, prep: PreparedAllocation, f: Families, milp: boolean, hMax: Float64Array): void {
  const { demand, lotPairStart, policy, pairProv, lastResort } = prep;
  const { leadShare: alpha, minProvidersPerLot: m, contingencyShare: beta } = policy;
  for (let l = 0; l < demand.length; l++) {
    const a = lotPairStart[l]!;
    const e1 = lotPairStart[l + 1]!;
    if (e1 === a) continue;
    const d = demand[l]!;
    const n = f.colN[l]!;
    b.row().addRange(f.colO, a, e1).addRange(f.colH, a, e1).add(f.colS[l]!).equals(d); // (1)
    if (!milp) continue;
    const g = f.colG[l]!;
    const r2 = b.row().add(f.colS[l]!); // (2) a lot not let gets no market hours (last-resort hours may cover it)
    for (let e = a; e < e1; e++) if (lastResort[pairProv[e]!]) r2.add(f.colO[e]!);
    r2.add(n, -d).atLeast(0);
    b.addCountRow(f.colY.subarray(a, e1), 1, n); // (3)
    b.row().addRange(f.colK, a, e1).add(n, 1).add(g, 1).equals(1); // (4)
    if (m >= 2) b.addCoveringRow(f.colZ.subarray(a, e1), m - 1, n); // (5)
    if (beta > 0) {
      b.row().addRange(f.colQ, a, e1).add(n, beta * alpha * d).add(g, beta * alpha * d).atLeast(beta * alpha * d); // (6)
      b.row().addRange(f.colQ, a, e1).addRange(f.colH, a, e1, -beta).add(g, beta * hMax[l]!).atLeast(0); // (14)
    }
  }
}

/** Rows (7)-(9), provider by provider; returns the capacity row of each provider. */
function addProviderRows(b: SparseModelBuilder, prep: PreparedAllocation, f: Families, milp: boolean): Int32Array {
  const { demand, capacity, leadCap, pairLot, provPairs, policy } = prep;
  const alpha = policy.leadShare;
  const rowCap = new Int32Array(capacity.length).fill(-1);
  for (let p = 0; p < capacity.length; p++) {
    const list = provPairs[p]!;
    if (list.length === 0) continue;
    const c = capacity[p]!;
    const r = b.row();
    for (const e of list) r.add(f.colO[e]!);
    for (const e of list) r.add(f.colH[e]!);
    for (const e of list) r.add(f.colQ[e]!);
    rowCap[p] = r.atMost(c); // (7)
    if (!milp) continue;
    const leads = list.filter((e) => f.colY[e]! >= 0);
    if (leads.length > leadCap[p]!) b.row().addAll(leads.map((e) => f.colY[e]!)).atMost(leadCap[p]!); // (8)
    let knap = 0;
    for (const e of leads) knap += alpha * demand[pairLot[e]!]!;
    if (leads.length >= 2 && knap > c + 1e-9) b.addCapacityRow(leads.map((e) => f.colY[e]!), leads.map((e) => alpha * demand[pairLot[e]!]!), c); // (9)
  }
  return rowCap;
}

/** Rows (10)-(13), pair by pair. */
function addPairRows(b: SparseModelBuilder, prep: PreparedAllocation, f: Families, pairUb: Float64Array): void {
  const { demand, pairLot, policy, countMin } = prep;
  const alpha = policy.leadShare;
  for (let e = 0; e < pairLot.length; e++) {
    const d = demand[pairLot[e]!]!;
    const o = f.colO[e]!;
    const h = f.colH[e]!;
    const y = f.colY[e]!;
    const z = f.colZ[e]!;
    const k = f.colK[e]!;
    const q = f.colQ[e]!;
    const u = pairUb[e]!;
    if (y >= 0) {
      b.addMinimumIfRow(h, y, alpha * d); // (10) the lead delivers at least α·d
      b.addLinkRow(h, y, u); // only the lead has lead hours
      b.addLinkIfNotRow(o, y, u); // the lead's hours are all lead hours
    }
    if (z >= 0) b.addMinimumIfRow(o, z, countMin[pairLot[e]!]!); // (11) f_l > 0: a counted provider delivers
    if (z >= 0 && y >= 0) b.addAtMostOneRow([y, z]);
    if (k >= 0 && y >= 0) b.addAtMostOneRow([k, y]); // (12)
    if (q >= 0) {
      b.addLinkRow(q, k, b.upperOf(q)); // (13)
      b.row().add(o).add(q).atMost(u);
    }
  }
}

/**
 * Builds the `milp` or `lp` allocation model from prepared data. Deterministic column and row order.
 * @internal
 */
export function buildAllocationModel(prep: PreparedAllocation, formulation: "milp" | "lp", bounds: "tight" | "reach" = "tight"): AllocationModel {
  // Candidate sets always come from the tight bound u = min(a·d, c). With bounds "reach" the hour bounds
  // are a·d instead (same columns and rows): capacity then binds only through its row, so the row dual
  // is the whole value of an extra hour of capacity (used for shadow prices).
  const pairUb = bounds === "tight" ? prep.pairUb : prep.pairReach;
  const milp = formulation === "milp";
  const b = new SparseModelBuilder();
  const c = candidates(prep, pairUb);
  const f = addColumns(b, prep, pairUb, milp, c);
  addLotRows(b, prep, f, milp, c.hMax);
  const rowCap = addProviderRows(b, prep, f, milp);
  if (milp) addPairRows(b, prep, f, pairUb);
  return { model: b.build("min"), formulation, ...f, rowCap };
}

/**
 * Copy of a MILP model with every integer column fixed at its (rounded) value in `x` and integrality
 * dropped: the LP whose duals give shadow prices, and which polishes a greedy start's hours.
 * `n_l` and `g_l` columns are fixed too, since they follow the lead and contingency binaries.
 * @internal
 */
export function fixIntegers(am: AllocationModel, x: Float64Array): SparseModel {
  const m = am.model;
  const cols: number[] = [];
  for (let j = 0; j < m.numCols; j++) if (m.integrality[j] === 1) cols.push(j);
  return fixColumns(m, [...cols, ...am.colN, ...am.colG], x);
}

// Turns a solution vector of the allocation model into plain, id-sorted records: per lot (lead,
// supplementary hours, contingency, unmet hours with their reason) and per provider (hours,
// utilisation, lots, shadow price), plus costs. Internal: allocate() is the public edge.
import { formatForMessage, roundTo } from "../internal/format.js";
import type { AllocationModel } from "./model.js";
import type { PreparedAllocation } from "./prepare.js";
import type { LotAllocation, ProviderAllocation, ProviderHours, UnmetReason } from "./types.js";

const TOL = 1e-6;
const fmt = formatForMessage;
/** Rounds to 1e-9 so float noise from the solver does not leak into outputs (keeps outputs byte-stable). */
export const clean = (v: number): number => roundTo(v, 9);

/** Plan records extracted from a solution. @internal */
export interface ExtractedPlan {
  lots: LotAllocation[];
  providers: ProviderAllocation[];
  weeklyCost: number;
  unmetHours: number;
  warnings: string[];
}

/**
 * Reads hours, roles and unmet hours from `x`. For the `lp` formulation the lead is the provider with the
 * most hours (ties: lower rate, then id) and the contingency the other eligible provider with the most
 * spare room in the lot (min of reach left and capacity left; ties by id).
 * @internal
 */
export function extractPlan(prep: PreparedAllocation, am: AllocationModel, x: Float64Array, shadow: Float64Array | null): ExtractedPlan {
  const { demand, urban, weight, rate, capacity, pairLot, pairProv, pairUb, lotPairStart, lotIds, providerIds, policy } = prep;
  const L = demand.length;
  const Pn = capacity.length;
  const E = pairLot.length;
  const hrs = new Float64Array(E);
  const res = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    const v = x[am.colO[e]!]! + (am.colH[e]! >= 0 ? x[am.colH[e]!]! : 0);
    hrs[e] = v > TOL ? v : 0;
  }
  const warnings: string[] = [];
  const leadOf = new Int32Array(L).fill(-1);
  const contOf = new Int32Array(L).fill(-1);
  const contReserve = new Float64Array(L);
  // milp: roles from the binaries; the reserve reported is the one the policy requires, β × the lead's
  // hours (the model keeps at least that, q ≥ β·h, and may show slack above it at no cost).
  if (am.formulation === "milp") {
    for (let l = 0; l < L; l++) {
      for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) {
        if (am.colY[e]! >= 0 && x[am.colY[e]!]! > 0.5) leadOf[l] = e;
        if (am.colK[e]! >= 0 && x[am.colK[e]!]! > 0.5) contOf[l] = e;
      }
      if (contOf[l]! >= 0) {
        const r = leadOf[l]! >= 0 ? policy.contingencyShare * hrs[leadOf[l]!]! : 0;
        res[contOf[l]!] = r;
        contReserve[l] = r;
      }
    }
  }
  const provHours = new Float64Array(Pn);
  const provRes = new Float64Array(Pn);
  for (let e = 0; e < E; e++) {
    provHours[pairProv[e]!] = provHours[pairProv[e]!]! + hrs[e]!;
    provRes[pairProv[e]!] = provRes[pairProv[e]!]! + res[e]!;
  }
  // lp: roles chosen afterwards from the hours (see the doc comment).
  for (let l = 0; am.formulation === "lp" && l < L; l++) {
    const a = lotPairStart[l]!;
    const b = lotPairStart[l + 1]!;
    let best = -1;
    for (let e = a; e < b; e++) {
      if (hrs[e]! <= TOL) continue;
      if (best < 0 || hrs[e]! > hrs[best]! + TOL || (Math.abs(hrs[e]! - hrs[best]!) <= TOL && rate[pairProv[e]!]! < rate[pairProv[best]!]!)) best = e;
    }
    leadOf[l] = best;
    if (best >= 0) {
      let cont = -1;
      let room = -1;
      for (let e = a; e < b; e++) {
        if (e === best) continue;
        const p = pairProv[e]!;
        const r = Math.min(pairUb[e]! - hrs[e]!, capacity[p]! - provHours[p]!);
        if (r > room + TOL) {
          cont = e;
          room = r;
        }
      }
      contOf[l] = cont;
      if (cont >= 0) contReserve[l] = Math.max(0, Math.min(room, policy.contingencyShare * hrs[best]!));
    }
  }

  const lots: LotAllocation[] = [];
  let weeklyCost = 0;
  let unmetTotal = 0;
  const provLots: { lotId: string; hours: number; role: "lead" | "supplementary" }[][] = Array.from({ length: Pn }, () => []);
  const provLead: string[][] = Array.from({ length: Pn }, () => []);
  const provCont: string[][] = Array.from({ length: Pn }, () => []);
  const provCost = new Float64Array(Pn);
  for (let l = 0; l < L; l++) {
    const d = demand[l]!;
    const uFrac = d > 0 ? urban[l]! / d : 0;
    const a = lotPairStart[l]!;
    const b = lotPairStart[l + 1]!;
    const supplementary: ProviderHours[] = [];
    let delivered = 0;
    let lotCost = 0;
    for (let e = a; e < b; e++) {
      const h = hrs[e]!;
      if (h <= 0) continue;
      const p = pairProv[e]!;
      const c = h * rate[p]! * weight[l]!;
      delivered += h;
      lotCost += c;
      provCost[p] = provCost[p]! + c;
      provLots[p]!.push({ lotId: lotIds[l]!, hours: clean(h), role: e === leadOf[l] ? "lead" : "supplementary" });
      if (e !== leadOf[l]) {
        supplementary.push({ providerId: providerIds[p]!, hours: clean(h), urbanHours: clean(h * uFrac), ruralHours: clean(h * (1 - uFrac)), weeklyCost: clean(c) });
      }
    }
    const lead = leadOf[l]! >= 0 ? pairProv[leadOf[l]!]! : -1;
    const cont = contOf[l]! >= 0 ? pairProv[contOf[l]!]! : -1;
    if (lead >= 0) provLead[lead]!.push(lotIds[l]!);
    if (cont >= 0) provCont[cont]!.push(lotIds[l]!);
    const leadHours = leadOf[l]! >= 0 ? hrs[leadOf[l]!]! : 0;
    const unmet = Math.max(0, d - delivered);
    const unmetHours = unmet > 1e-6 ? unmet : 0;
    unmetTotal += unmetHours;
    weeklyCost += lotCost;
    const leadShareMet = lead >= 0 && leadHours >= policy.leadShare * d - 1e-6;
    if (am.formulation === "lp" && d > 0 && lead >= 0 && !leadShareMet) {
      warnings.push(`Lot ${lotIds[l]}: lead ${providerIds[lead]} delivers ${fmt(leadHours)} h, below the lead share ${fmt(policy.leadShare * 100)}% (${fmt(policy.leadShare * d)} h); the lp formulation does not enforce it.`);
    }
    let reason: UnmetReason | null = null;
    let detail: string | null = null;
    if (unmetHours > 0) [reason, detail] = unmetReason(prep, am, x, l, unmetHours, hrs, provHours, provRes);
    lots.push({
      lotId: lotIds[l]!,
      demandHours: clean(d),
      lead: lead >= 0 ? providerIds[lead]! : null,
      leadHours: clean(leadHours),
      leadShareMet,
      supplementary,
      contingency: cont >= 0 ? providerIds[cont]! : null,
      contingencyReserveHours: clean(contReserve[l]!),
      deliveredHours: clean(delivered),
      unmetHours: clean(unmetHours),
      unmetReason: reason,
      unmetDetail: detail,
      weeklyCost: clean(lotCost),
    });
  }

  const providers: ProviderAllocation[] = [];
  for (let p = 0; p < Pn; p++) {
    const c = capacity[p]!;
    const sp = shadow ? shadow[p]! : null;
    providers.push({
      providerId: providerIds[p]!,
      capacityHours: c,
      hours: clean(provHours[p]!),
      reservedHours: clean(am.formulation === "milp" ? provRes[p]! : 0),
      utilisation: c > 0 ? clean(provHours[p]! / c) : 0,
      lots: provLots[p]!,
      leadLots: provLead[p]!,
      contingencyLots: provCont[p]!,
      weeklyCost: clean(provCost[p]!),
      capacityShadowPrice: sp === null ? null : clean(sp),
    });
  }
  return { lots, providers, weeklyCost: clean(weeklyCost), unmetHours: clean(unmetTotal), warnings };
}

function unmetReason(
  prep: PreparedAllocation,
  am: AllocationModel,
  x: Float64Array,
  l: number,
  unmet: number,
  hrs: Float64Array,
  provHours: Float64Array,
  provRes: Float64Array,
): [UnmetReason, string] {
  const { demand, pairProv, pairUb, lotPairStart, capacity, eligibleCount, lotPolicyBlock, providerIds } = prep;
  const d = demand[l]!;
  const a = lotPairStart[l]!;
  const b = lotPairStart[l + 1]!;
  if (eligibleCount[l] === 0) return ["no_eligible_provider", `no provider is eligible for this lot; all ${fmt(d)} weekly hours are unmet`];
  let reach = 0;
  for (let e = a; e < b; e++) reach += pairUb[e]!;
  if (reach === 0) return ["no_eligible_provider", `every eligible provider has zero capacity or zero share; all ${fmt(d)} weekly hours are unmet`];
  if (lotPolicyBlock[l] !== null) return [prep.lotPolicyReason[l] ?? "policy", `the lot cannot be let under the policy: ${lotPolicyBlock[l]}`];
  if (am.formulation === "milp" && am.colN[l]! >= 0 && x[am.colN[l]!]! > 0.5) {
    return ["policy", "the lot is not let: no eligible provider has the capacity left to lead it with a contingency and the minimum number of providers"];
  }
  if (d - reach >= unmet - 1e-6) return ["coverage", `eligible providers reach only ${fmt(reach)} of ${fmt(d)} weekly hours (their shares of the lot)`];
  const room: string[] = [];
  for (let e = a; e < b; e++) {
    const p = pairProv[e]!;
    if (hrs[e]! < pairUb[e]! - 1e-6 && provHours[p]! + provRes[p]! < capacity[p]! - 1e-6) room.push(providerIds[p]!);
  }
  if (room.length === 0) {
    return ["capacity_exhausted", `every eligible provider is at capacity or at its reach in this lot (${fmt(unmet)} of ${fmt(d)} weekly hours unmet)`];
  }
  return ["policy", `providers ${room.join(", ")} have room, but the lead, minimum-share or contingency rules keep ${fmt(unmet)} h unmet`];
}

// Indexes a validated allocation input (lots and providers sorted by id, eligible pairs lot-major) and
// runs the pre-checks that quote numbers before any solve. Internal: the public edge is allocate().
import { LotwiseError, formatValue } from "../errors.js";
import { formatForMessage } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import type { Id } from "../domain/index.js";
import type { ResolvedAllocationInput, ResolvedAllocationPolicy } from "../schema/allocation.js";
import type { UnmetReason } from "./types.js";

/** Indexed allocation data shared by the model builder, the greedy and the result extraction. @internal */
export interface PreparedAllocation {
  readonly input: ResolvedAllocationInput;
  readonly policy: ResolvedAllocationPolicy;
  readonly lotIds: Id[];
  readonly providerIds: Id[];
  /** Per lot: demand d = urban + rural, urban and rural hours, effective rate weight w = the lot's
   * `rateWeight` when given, else (wU·U + wR·R)/d. */
  readonly demand: Float64Array;
  readonly urban: Float64Array;
  readonly rural: Float64Array;
  readonly weight: Float64Array;
  /** Per provider: capacity, rate, lead cap K. */
  readonly capacity: Float64Array;
  readonly rate: Float64Array;
  readonly leadCap: Int32Array;
  /**
   * Per provider: 1 for a last-resort provider (from `input.lastResort`, included only when asked): it
   * never counts towards minProvidersPerLot, is never the contingency, and leads only if `canLead`.
   */
  readonly lastResort: Uint8Array;
  /** Per lot: least hours of a counted provider, f_l = max(minProviderShare × d_l, minProviderHours). */
  readonly countMin: Float64Array;
  /** Eligible pairs with share > 0 in lots with demand > 0, lot-major, provider id order. */
  readonly pairLot: Int32Array;
  readonly pairProv: Int32Array;
  readonly pairShare: Float64Array;
  /** Most hours the pair can carry: min(share · d, c) (0 for a zero-capacity provider). */
  readonly pairUb: Float64Array;
  /** share · d: the pair's reach, ignoring capacity (bounds of the shadow-price LP). */
  readonly pairReach: Float64Array;
  /** Pairs of lot l are lotPairStart[l] .. lotPairStart[l+1]-1. */
  readonly lotPairStart: Int32Array;
  /** Pair indices per provider, in lot order. */
  readonly provPairs: number[][];
  /** Eligible providers per lot before dropping zero shares / capacities (for reasons). */
  readonly eligibleCount: Int32Array;
  readonly penalty: number;
  readonly warnings: string[];
  /** Per lot, why it cannot be let under the policy (null when it might be). */
  readonly lotPolicyBlock: (string | null)[];
  /** Per lot, the reason code matching `lotPolicyBlock` (null when the lot might be let). */
  readonly lotPolicyReason: (UnmetReason | null)[];
  /**
   * Re-letting only: the weight of a lot let without a contingency (the contingency rule made soft, so a
   * lot is not left vacant for want of a reserve); null when the contingency is required (allocate()).
   */
  readonly noContingencyPenalty: number | null;
}

/** What {@link prepareAllocation} includes. @internal */
export interface PrepareOptions {
  /** Append `input.lastResort` providers (flagged) [false]: withdrawal scenarios only. */
  readonly lastResort?: boolean;
  /** Let a lot go without a contingency at this weight per lot instead of leaving it unlet [required]. */
  readonly noContingencyPenalty?: number;
}

const fmt = formatForMessage;

/**
 * The weight on every provider's rate for an hour in `lot`: its own `rateWeight`, else the policy's
 * urban and rural weights mixed by its hours (the urban weight for a lot without hours). @internal
 */
export function lotRateWeight(lot: ResolvedAllocationInput["lots"][number], policy: ResolvedAllocationPolicy): number {
  if (lot.rateWeight !== undefined) return lot.rateWeight;
  const d = lot.urbanHours + lot.ruralHours;
  return d > 0 ? (policy.urbanWeight * lot.urbanHours + policy.ruralWeight * lot.ruralHours) / d : policy.urbanWeight;
}

function indexIds(ids: readonly Id[], what: "lots" | "providers"): Map<Id, number> {
  const map = new Map<Id, number>();
  ids.forEach((id, i) => {
    if (map.has(id)) {
      throw new LotwiseError("duplicate_id", `Duplicate ${what}[${i}].id: ${formatValue(id)}. Ids must be unique (first seen at ${what}[${map.get(id)}]).`, {
        issues: [{ path: [what, i, "id"], message: "duplicate id", input: id }],
      });
    }
    map.set(id, i);
  });
  return map;
}

/**
 * Checks ids, indexes the input and lists the pre-check warnings. Throws `duplicate_id` / `unknown_id`.
 * @internal
 */
export function prepareAllocation(input: ResolvedAllocationInput, options: PrepareOptions = {}): PreparedAllocation {
  const policy = input.policy;
  indexIds(input.lots.map((l) => l.id), "lots");
  indexIds(input.providers.map((p) => p.id), "providers");
  const marketIds = new Set(input.providers.map((p) => p.id));
  checkLastResort(input, marketIds);
  const withLastResort = options.lastResort === true && input.lastResort !== undefined;
  type Prov = { id: Id; capacityHours: number; ratePerHour: number; maxLeadLots?: number | undefined; lastResort: boolean };
  const all: Prov[] = input.providers.map((p) => ({ ...p, lastResort: false }));
  if (withLastResort) for (const p of input.lastResort!.providers) all.push({ id: p.id, capacityHours: p.capacityHours, ratePerHour: p.ratePerHour, maxLeadLots: p.canLead ? undefined : 0, lastResort: true });
  const lots = [...input.lots].sort((a, b) => compareIds(a.id, b.id));
  const provs = all.sort((a, b) => compareIds(a.id, b.id));
  const lotIndex = new Map(lots.map((l, i) => [l.id, i] as const));
  const provIndex = new Map(provs.map((p, i) => [p.id, i] as const));
  const L = lots.length;
  const P = provs.length;
  const demand = new Float64Array(L);
  const urban = new Float64Array(L);
  const rural = new Float64Array(L);
  const weight = new Float64Array(L);
  lots.forEach((l, i) => {
    urban[i] = l.urbanHours;
    rural[i] = l.ruralHours;
    const d = l.urbanHours + l.ruralHours;
    demand[i] = d;
    weight[i] = lotRateWeight(l, policy);
  });
  const capacity = new Float64Array(P);
  const rate = new Float64Array(P);
  const leadCap = new Int32Array(P);
  const lastResort = new Uint8Array(P);
  provs.forEach((p, i) => {
    capacity[i] = p.capacityHours;
    rate[i] = p.ratePerHour;
    leadCap[i] = p.maxLeadLots ?? policy.maxLeadLotsPerProvider;
    lastResort[i] = p.lastResort ? 1 : 0;
  });
  const countMin = new Float64Array(L);
  for (let l = 0; l < L; l++) countMin[l] = Math.max(policy.minProviderShare * demand[l]!, policy.minProviderHours);

  // Eligibility: check ids and duplicates, then bucket by lot.
  const seen = new Map<string, number>();
  const byLot: { p: number; share: number }[][] = Array.from({ length: L }, () => []);
  if (withLastResort) {
    input.lastResort!.eligibility.forEach((e, i) => {
      const l = lotIndex.get(e.lotId)!;
      const p = provIndex.get(e.providerId)!;
      seen.set(`${l}\u0000${p}`, -1 - i);
      byLot[l]!.push({ p, share: e.share });
    });
  }
  input.eligibility.forEach((e, i) => {
    const l = lotIndex.get(e.lotId);
    if (l === undefined) {
      throw new LotwiseError("unknown_id", `Unknown eligibility[${i}].lotId: ${formatValue(e.lotId)}. No lot has this id.`, {
        issues: [{ path: ["eligibility", i, "lotId"], message: "unknown lot id", input: e.lotId }],
      });
    }
    const p = marketIds.has(e.providerId) ? provIndex.get(e.providerId) : undefined;
    if (p === undefined) {
      throw new LotwiseError("unknown_id", `Unknown eligibility[${i}].providerId: ${formatValue(e.providerId)}. No provider has this id.`, {
        issues: [{ path: ["eligibility", i, "providerId"], message: "unknown provider id", input: e.providerId }],
      });
    }
    const key = `${l}\u0000${p}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new LotwiseError(
        "duplicate_id",
        `Duplicate eligibility[${i}]: lot ${formatValue(e.lotId)} × provider ${formatValue(e.providerId)} already given at eligibility[${prev}].`,
        { issues: [{ path: ["eligibility", i], message: "duplicate lot × provider pair", input: e }] },
      );
    }
    seen.set(key, i);
    byLot[l]!.push({ p, share: e.share });
  });

  const warnings: string[] = [];
  if (policy.minProviderShare === 0 && policy.minProvidersPerLot >= 2) {
    warnings.push(
      `policy.minProviderShare is 0: a provider counts towards minProvidersPerLot (${policy.minProvidersPerLot}) when it delivers at least minProviderHours (${fmt(policy.minProviderHours)} h/week) in the lot, however large the lot.`,
    );
  }
  const totalDemand = demand.reduce((a, b) => a + b, 0);
  const totalCapacity = capacity.reduce((a, b) => a + b, 0);
  if (totalDemand > totalCapacity + 1e-9) warnings.push(`Demand greater than capacity (${fmt(totalDemand)} > ${fmt(totalCapacity)}).`);
  provs.forEach((p) => {
    if (p.capacityHours === 0) warnings.push(`Provider ${p.id} has zero capacity; it is given no hours.`);
  });

  const pairLot: number[] = [];
  const pairProv: number[] = [];
  const pairShare: number[] = [];
  const pairUb: number[] = [];
  const pairReach: number[] = [];
  const lotPairStart = new Int32Array(L + 1);
  const eligibleCount = new Int32Array(L);
  const lotPolicyBlock: (string | null)[] = new Array<string | null>(L).fill(null);
  const lotPolicyReason: (UnmetReason | null)[] = new Array<UnmetReason | null>(L).fill(null);
  const { leadShare, minProvidersPerLot: m, contingencyShare: beta } = policy;
  for (let l = 0; l < L; l++) {
    lotPairStart[l] = pairLot.length;
    const list = byLot[l]!.sort((a, b) => compareIds(provs[a.p]!.id, provs[b.p]!.id));
    eligibleCount[l] = list.length;
    const d = demand[l]!;
    const id = lots[l]!.id;
    if (d === 0) {
      warnings.push(`Lot ${id} has no demand; it is not allocated.`);
      continue;
    }
    if (list.length === 0) {
      warnings.push(`Lot ${id} has no eligible provider: its ${fmt(d)} weekly hours are unmet.`);
      continue;
    }
    let reach = 0;
    let leadCands = 0;
    let leadByReach = 0;
    let counting = 0;
    let contCands = 0;
    let bestUb = 0;
    let nPairs = 0;
    const f = countMin[l]!;
    for (const { p, share } of list) {
      if (share <= 0) continue;
      const ub = Math.min(share * d, capacity[p]!);
      pairLot.push(l);
      pairProv.push(p);
      pairShare.push(share);
      pairUb.push(ub);
      pairReach.push(share * d);
      if (ub <= 0) continue;
      nPairs++;
      reach += ub;
      if (leadCap[p]! > 0 || !lastResort[p]) bestUb = Math.max(bestUb, ub);
      if (ub >= leadShare * d - 1e-9 && (leadCap[p]! > 0 || !lastResort[p])) leadByReach++;
      if (ub >= leadShare * d - 1e-9 && leadCap[p]! > 0) leadCands++;
      if (lastResort[p]) continue;
      if (ub >= f - 1e-9) counting++;
      if (ub >= beta * leadShare * d - 1e-9) contCands++;
    }
    if (nPairs === 0) {
      warnings.push(`Lot ${id} has no eligible provider with capacity and a share above 0: its ${fmt(d)} weekly hours are unmet.`);
      continue;
    }
    if (leadCands === 0) {
      lotPolicyReason[l] = "no_eligible_lead";
      // Name what stops the closest candidates (by reach): their reach, their capacity or their lead cap.
      const need = leadShare * d;
      const why = list
        .filter(({ p, share }) => share > 0 && (leadCap[p]! > 0 || !lastResort[p]))
        .map(({ p, share }) => ({ p, reach: share * d }))
        .sort((a, b) => b.reach - a.reach || compareIds(provs[a.p]!.id, provs[b.p]!.id))
        .slice(0, 3)
        .map(({ p, reach }) => {
          const id = provs[p]!.id;
          if (reach < need - 1e-9) return `${id} reaches ${fmt(reach)} h`;
          if (leadCap[p]! <= 0) return `${id} may lead no more lots`;
          return `${id} has ${fmt(capacity[p]!)} h of capacity`;
        });
      lotPolicyBlock[l] =
        `no eligible provider can lead: the lead share is ${fmt(leadShare * 100)}% of ${fmt(d)} h = ${fmt(need)} h, ` +
        (leadByReach > 0 || why.some((w) => w.includes("capacity")) ? `and ${why.join(", ")}` : `the most any eligible provider can deliver is ${fmt(bestUb)} h`);
    } else if (counting < m) {
      lotPolicyReason[l] = "min_providers";
      lotPolicyBlock[l] = `only ${counting} eligible provider${counting === 1 ? "" : "s"} can deliver the minimum a counted provider delivers (max(${fmt(policy.minProviderShare * 100)}% of ${fmt(d)} h, ${fmt(policy.minProviderHours)} h) = ${fmt(f)} h); minProvidersPerLot is ${m}`;
    } else if (m >= 2 && leadShare * d + (m - 1) * f > d + 1e-9) {
      lotPolicyReason[l] = "min_providers";
      lotPolicyBlock[l] = `the lead share (${fmt(leadShare * d)} h) and ${m - 1} more provider${m === 2 ? "" : "s"} of at least ${fmt(f)} h each need more than the lot's ${fmt(d)} h`;
    } else if ((contCands < 2 || nPairs < 2) && options.noContingencyPenalty === undefined) {
      lotPolicyReason[l] = "no_contingency";
      lotPolicyBlock[l] = `no eligible provider other than the lead can act as contingency (reserve ${fmt(beta * 100)}% of the lead's hours)`;
    }
    if (lotPolicyBlock[l] !== null) warnings.push(`Lot ${id} cannot be let under the policy: ${lotPolicyBlock[l]}.`);
    if (reach < d - 1e-9) warnings.push(`Lot ${id}: eligible providers reach only ${fmt(reach)} of ${fmt(d)} weekly hours.`);
  }
  lotPairStart[L] = pairLot.length;
  const provPairs: number[][] = Array.from({ length: P }, () => []);
  pairProv.forEach((p, e) => provPairs[p]!.push(e));

  let maxRate = 0;
  for (const r of rate) maxRate = Math.max(maxRate, r);
  let maxWeight = Math.max(policy.urbanWeight, policy.ruralWeight);
  for (const l of lots) if (l.rateWeight !== undefined) maxWeight = Math.max(maxWeight, l.rateWeight);
  const penalty = policy.unmetPenaltyPerHour ?? Math.max(1000, 10 * maxRate * maxWeight);

  return {
    input,
    policy,
    lotIds: lots.map((l) => l.id),
    providerIds: provs.map((p) => p.id),
    demand,
    urban,
    rural,
    weight,
    capacity,
    rate,
    leadCap,
    lastResort,
    countMin,
    pairLot: Int32Array.from(pairLot),
    pairProv: Int32Array.from(pairProv),
    pairShare: Float64Array.from(pairShare),
    pairUb: Float64Array.from(pairUb),
    pairReach: Float64Array.from(pairReach),
    lotPairStart,
    provPairs,
    eligibleCount,
    penalty,
    warnings,
    lotPolicyBlock,
    lotPolicyReason,
    noContingencyPenalty: options.noContingencyPenalty ?? null,
  };
}

/**
 * Checks `input.lastResort`: ids unique and distinct from the market providers', eligibility naming known
 * lots and last-resort providers, no duplicate pair. Returns the last-resort ids.
 */
function checkLastResort(input: ResolvedAllocationInput, marketIds: ReadonlySet<Id>): void {
  const ids = new Set<Id>();
  const lr = input.lastResort;
  if (lr === undefined) return;
  lr.providers.forEach((p, i) => {
    if (marketIds.has(p.id) || ids.has(p.id)) {
      throw new LotwiseError("duplicate_id", `Duplicate lastResort.providers[${i}].id: ${formatValue(p.id)}. Last-resort ids must be unique and differ from every provider id.`, {
        issues: [{ path: ["lastResort", "providers", i, "id"], message: "duplicate id", input: p.id }],
      });
    }
    ids.add(p.id);
  });
  const lotIds = new Set(input.lots.map((l) => l.id));
  const seen = new Set<string>();
  lr.eligibility.forEach((e, i) => {
    if (!lotIds.has(e.lotId)) {
      throw new LotwiseError("unknown_id", `Unknown lastResort.eligibility[${i}].lotId: ${formatValue(e.lotId)}. No lot has this id.`, {
        issues: [{ path: ["lastResort", "eligibility", i, "lotId"], message: "unknown lot id", input: e.lotId }],
      });
    }
    if (!ids.has(e.providerId)) {
      throw new LotwiseError("unknown_id", `Unknown lastResort.eligibility[${i}].providerId: ${formatValue(e.providerId)}. No last-resort provider has this id.`, {
        issues: [{ path: ["lastResort", "eligibility", i, "providerId"], message: "unknown last-resort provider id", input: e.providerId }],
      });
    }
    const key = `${e.lotId}\u0000${e.providerId}`;
    if (seen.has(key)) {
      throw new LotwiseError("duplicate_id", `Duplicate lastResort.eligibility[${i}]: lot ${formatValue(e.lotId)} × provider ${formatValue(e.providerId)} given twice.`, {
        issues: [{ path: ["lastResort", "eligibility", i], message: "duplicate lot × provider pair", input: e }],
      });
    }
    seen.add(key);
  });
}

// rateSustainability(): bids or contract rates against the modelled cost of care, lot by lot.
import { LotwiseError, formatValue, parseInput } from "../errors.js";
import { formatGrouped } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import { lotRateWeight } from "../allocate/prepare.js";
import type { AllocationResult } from "../allocate/types.js";
import { RateSustainabilityOptionsSchema, RateToCheckSchema, type RateSustainabilityOptions, type RateToCheck } from "../schema/cost.js";
import type { Id } from "../domain/index.js";
import type { CostOfCare } from "./types.js";
import { z } from "zod";

/** One rate checked against its lot's modelled cost. */
export interface RateCheck {
  readonly lotId: Id;
  /** The provider paid this rate, or null for a rate given without one. */
  readonly providerId: Id | null;
  /** £ per contact hour paid (for an allocation: the provider's rate × the lot's rate weight). */
  readonly ratePerHour: number;
  /** The lot's modelled cost per contact hour, null when the lot has none (then `sustainable` is null). */
  readonly modelledCostPerHour: number | null;
  /** modelled cost − rate, £ per hour: positive = the rate falls short by this much. */
  readonly gapPerHour: number | null;
  /** False when the rate is below the modelled cost (by more than the tolerance). */
  readonly sustainable: boolean | null;
  /** Weekly hours at this rate (allocations only; null for bids). */
  readonly hours: number | null;
}

/** Per lot: the worst shortfall among its rates. */
export interface LotSustainability {
  readonly lotId: Id;
  readonly modelledCostPerHour: number | null;
  readonly rates: number;
  readonly unsustainableRates: number;
  /** Largest gap (cost − rate) among the lot's rates, £/hour; ≤ 0 when every rate covers the cost. */
  readonly worstGapPerHour: number | null;
  /** The providers paid below cost, sorted by id (null entries: rates given without a provider). */
  readonly unsustainableProviders: readonly (Id | null)[];
}

/** The result of {@link rateSustainability}. */
export interface RateSustainability {
  readonly rates: readonly RateCheck[];
  readonly lots: readonly LotSustainability[];
  readonly unsustainableRates: number;
  /** Sentences a councillor can read, one per lot with a rate below cost. */
  readonly findings: readonly string[];
}

const isAllocation = (v: unknown): v is AllocationResult =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Array.isArray((v as AllocationResult).lots) && typeof (v as AllocationResult).input === "object";

const RateListSchema = z.array(RateToCheckSchema);
const money = (v: number): string => `£${formatGrouped(v, 2)}`;

/**
 * Checks bids or contract rates against the modelled cost of care: each rate below its lot's modelled
 * cost per contact hour is flagged unsustainable, with the gap in £ per hour.
 *
 * @param costs - a {@link costOfCare} result.
 * @param rates - `[{ lotId, ratePerHour, providerId? }]` (bids, or a framework's rates per lot), or an
 *   `allocate()` result: then each provider delivering in a lot is checked at its rate × the lot's rate
 *   weight, with its hours.
 * @param options - `toleranceGapPerHour` (0.005: half a penny counts as covering the cost).
 * @returns per rate and per lot, sorted by lot id then provider id, plus plain findings.
 * @throws {LotwiseError} `invalid_input` for a malformed rate; `unknown_id` for a lot the costs do not have.
 * @example
 * ```ts
 * import { costOfCare, rateSustainability } from "lotwise";
 * const costs = await costOfCare({ lots: [{ id: "L1", areaIds: ["A"] }] },
 *   [{ id: "A", lonLat: [-1.13, 52.63], areaKm2: 2, urbanRural: "urban" }], { A: 200 });
 * const check = rateSustainability(costs, [{ lotId: "L1", providerId: "P1", ratePerHour: 16.6 }]);
 * check.rates[0].sustainable; // false
 * check.rates[0].gapPerHour; // ≈ 2.55 (£ per hour short of the modelled £19.15)
 * ```
 */
export function rateSustainability(costs: CostOfCare, rates: AllocationResult | readonly RateToCheck[], options: RateSustainabilityOptions = {}): RateSustainability {
  const o = parseInput(RateSustainabilityOptionsSchema, options, "options");
  const costOf = new Map(costs.lots.map((l) => [l.lotId, l.costPerContactHour] as const));
  const raw: { lotId: Id; providerId: Id | null; ratePerHour: number; hours: number | null; path: (string | number)[] }[] = [];
  if (isAllocation(rates)) {
    const rateOf = new Map(rates.input.providers.map((p) => [p.id, p.ratePerHour] as const));
    for (const p of rates.input.lastResort?.providers ?? []) rateOf.set(p.id, p.ratePerHour);
    const lotIn = new Map(rates.input.lots.map((l) => [l.id, l] as const));
    for (const [li, l] of rates.lots.entries()) {
      const w = lotRateWeight(lotIn.get(l.lotId)!, rates.input.policy);
      const paid: [Id, number][] = [];
      if (l.lead !== null && l.leadHours > 0) paid.push([l.lead, l.leadHours]);
      for (const sp of l.supplementary) if (sp.hours > 0) paid.push([sp.providerId, sp.hours]);
      for (const [pid, h] of paid) raw.push({ lotId: l.lotId, providerId: pid, ratePerHour: rateOf.get(pid)! * w, hours: h, path: ["rates", "lots", li] });
    }
  } else {
    const list = parseInput(RateListSchema, rates, "rates");
    list.forEach((r, i) => raw.push({ lotId: r.lotId, providerId: r.providerId ?? null, ratePerHour: r.ratePerHour, hours: null, path: ["rates", i, "lotId"] }));
  }
  for (const r of raw) {
    if (!costOf.has(r.lotId)) {
      throw new LotwiseError("unknown_id", `Unknown lot ${formatValue(r.lotId)} at ${r.path.join(".")}: the costs have no such lot.`, {
        issues: [{ path: r.path, message: "unknown lot id", input: r.lotId }],
      });
    }
  }
  const checks: RateCheck[] = raw
    .map((r) => {
      const c = costOf.get(r.lotId) ?? null;
      const gap = c === null ? null : c - r.ratePerHour;
      return { lotId: r.lotId, providerId: r.providerId, ratePerHour: r.ratePerHour, modelledCostPerHour: c, gapPerHour: gap, sustainable: gap === null ? null : gap <= o.toleranceGapPerHour, hours: r.hours };
    })
    .sort((a, b) => compareIds(a.lotId, b.lotId) || compareIds(a.providerId ?? "", b.providerId ?? "") || a.ratePerHour - b.ratePerHour);
  const byLot = new Map<Id, RateCheck[]>();
  for (const c of checks) byLot.set(c.lotId, [...(byLot.get(c.lotId) ?? []), c]);
  const lots: LotSustainability[] = [...byLot].map(([lotId, cs]) => {
    const gaps = cs.map((c) => c.gapPerHour).filter((g): g is number => g !== null);
    const bad = cs.filter((c) => c.sustainable === false);
    return {
      lotId,
      modelledCostPerHour: costOf.get(lotId) ?? null,
      rates: cs.length,
      unsustainableRates: bad.length,
      worstGapPerHour: gaps.length > 0 ? Math.max(...gaps) : null,
      unsustainableProviders: bad.map((c) => c.providerId),
    };
  });
  const findings = lots
    .filter((l) => l.unsustainableRates > 0)
    .map((l) => {
      const worst = byLot.get(l.lotId)!.filter((c) => c.sustainable === false).sort((a, b) => b.gapPerHour! - a.gapPerHour!)[0]!;
      const who = worst.providerId === null ? "a rate" : `provider ${worst.providerId}'s rate`;
      return `Lot ${l.lotId}: ${l.unsustainableRates} of ${l.rates} rate(s) are below the modelled cost of ${money(l.modelledCostPerHour!)} per hour; the lowest, ${who} of ${money(worst.ratePerHour)}, falls ${money(worst.gapPerHour!)} per hour short.`;
    });
  return { rates: checks, lots, unsustainableRates: checks.filter((c) => c.sustainable === false).length, findings };
}

// compareVisitMixes(): the same lots under two visit-length policies, side by side.
import { LotwiseError } from "../errors.js";
import { parseInput } from "../errors.js";
import { VisitMixSchema, type CostOfCareOptions, type VisitMix } from "../schema/cost.js";
import type { Id } from "../domain/index.js";
import { z } from "zod";
import { costOfCare, type CostPlan } from "./cost-of-care.js";
import type { CostArea } from "./parse-areas.js";
import type { CostOfCare, LotCost } from "./types.js";

/** One policy's figures for one lot. */
export interface VisitMixFigures {
  readonly meanVisitMinutes: number;
  readonly visitsPerWeek: number;
  /** Blended by the staff mix; null when the lot has no modelled travel. */
  readonly travelMinutesPerVisit: number | null;
  readonly travelMinutesPerContactHour: number | null;
  /** Walking, cycling and bus staff only; null when the staff mix has none. */
  readonly nonDrivingTravelMinutesPerContactHour: number | null;
  readonly costPerContactHour: number | null;
  readonly weeklyCost: number | null;
}

/** One lot under both policies, and the change from baseline to alternative. */
export interface VisitMixLotComparison {
  readonly lotId: Id;
  readonly hours: number;
  readonly baseline: VisitMixFigures;
  readonly alternative: VisitMixFigures;
  /** alternative − baseline (null where either is null). */
  readonly change: {
    readonly travelMinutesPerContactHour: number | null;
    readonly costPerContactHour: number | null;
    readonly weeklyCost: number | null;
    /** Weekly careworker hours spent travelling (blended), alternative − baseline. */
    readonly travelHoursPerWeek: number | null;
  };
}

/** The result of {@link compareVisitMixes}. */
export interface VisitMixComparison {
  readonly lots: readonly VisitMixLotComparison[];
  readonly totals: {
    readonly hours: number;
    readonly baselineWeeklyCost: number | null;
    readonly alternativeWeeklyCost: number | null;
    readonly weeklyCostChange: number | null;
    readonly travelHoursPerWeekChange: number | null;
  };
  /** The two full {@link costOfCare} results, for their parts, bands and assumptions. */
  readonly baseline: CostOfCare;
  readonly alternative: CostOfCare;
}

const PoliciesSchema = z.object({ baseline: VisitMixSchema, alternative: VisitMixSchema }).strict();

function figures(l: LotCost): VisitMixFigures {
  const perVisit = l.blendedTravelMinutesPerContactHour === null ? null : (l.blendedTravelMinutesPerContactHour * l.meanVisitMinutes) / 60;
  return {
    meanVisitMinutes: l.meanVisitMinutes,
    visitsPerWeek: l.visitsPerWeek,
    travelMinutesPerVisit: perVisit,
    travelMinutesPerContactHour: l.blendedTravelMinutesPerContactHour,
    nonDrivingTravelMinutesPerContactHour: l.nonDrivingTravelMinutesPerContactHour,
    costPerContactHour: l.costPerContactHour,
    weeklyCost: l.weeklyCost,
  };
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : b - a);

/**
 * Compares two visit-length policies on the same lots, hours and staff: e.g. today's mix against one
 * without 15-minute visits. The same weekly contact hours are delivered in fewer, longer visits (or more,
 * shorter ones): travel per visit changes with the visit density and travel per contact hour with
 * (60 / mean visit length), so each lot's travel and cost per contact hour move (the model is in
 * `src/cost/travel-model.ts`).
 *
 * @param plan - lots of area ids, as for {@link costOfCare}.
 * @param areas - `{ id, lonLat, areaKm2, urbanRural | urban }`, as for {@link costOfCare}.
 * @param demand - weekly hours per area id.
 * @param policies - `{ baseline, alternative }`: two visit-length mixes (shares of visits summing to 1).
 * @param options - every {@link costOfCare} option except `visitMix`.
 * @returns per lot both policies' figures and the change, totals, and both full results.
 * @throws {LotwiseError} as {@link costOfCare}; `invalid_input` for a bad mix (shares not summing to 1)
 *   or a `visitMix` in `options` (the policies give the mixes).
 * @example
 * ```ts
 * import { compareVisitMixes } from "lotwise";
 * const cmp = await compareVisitMixes(
 *   { lots: [{ id: "L1", areaIds: ["A"] }] },
 *   [{ id: "A", lonLat: [-1.75, 53.79], areaKm2: 3, urbanRural: "urban" }],
 *   { A: 400 },
 *   {
 *     baseline: [{ minutes: 15, share: 0.3 }, { minutes: 30, share: 0.5 }, { minutes: 60, share: 0.2 }],
 *     alternative: [{ minutes: 30, share: 0.7 }, { minutes: 60, share: 0.3 }],
 *   },
 * );
 * cmp.lots[0].change.travelMinutesPerContactHour; // ≈ −0.60 (5.94 → 5.34 driving minutes per contact hour)
 * ```
 */
export async function compareVisitMixes(
  plan: CostPlan,
  areas: readonly CostArea[],
  demand: Readonly<Record<Id, number>>,
  policies: { readonly baseline: VisitMix; readonly alternative: VisitMix },
  options: Omit<CostOfCareOptions, "visitMix"> = {},
): Promise<VisitMixComparison> {
  const pol = parseInput(PoliciesSchema, policies, "policies");
  if (typeof options === "object" && options !== null && "visitMix" in options) {
    throw new LotwiseError("invalid_input", "Invalid options.visitMix: the two visit-length mixes come from policies.baseline and policies.alternative; leave visitMix out of options.", {
      issues: [{ path: ["options", "visitMix"], message: "visitMix is given by the policies", input: (options as { visitMix?: unknown }).visitMix }],
    });
  }
  const baseline = await costOfCare(plan, areas, demand, { ...options, visitMix: pol.baseline });
  const alternative = await costOfCare(plan, areas, demand, { ...options, visitMix: pol.alternative });
  const alt = new Map(alternative.lots.map((l) => [l.lotId, l] as const));
  const travelHours = (l: LotCost): number | null => (l.blendedTravelMinutesPerContactHour === null ? null : (l.blendedTravelMinutesPerContactHour * l.hours) / 60);
  const lots: VisitMixLotComparison[] = baseline.lots.map((b) => {
    const a = alt.get(b.lotId)!;
    return {
      lotId: b.lotId,
      hours: b.hours,
      baseline: figures(b),
      alternative: figures(a),
      change: {
        travelMinutesPerContactHour: diff(b.blendedTravelMinutesPerContactHour, a.blendedTravelMinutesPerContactHour),
        costPerContactHour: diff(b.costPerContactHour, a.costPerContactHour),
        weeklyCost: diff(b.weeklyCost, a.weeklyCost),
        travelHoursPerWeek: diff(travelHours(b), travelHours(a)),
      },
    };
  });
  const sum = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : xs.reduce<number>((t, x) => t + x!, 0));
  const bw = baseline.totals.weeklyCost, aw = alternative.totals.weeklyCost;
  return {
    lots,
    totals: {
      hours: baseline.totals.hours,
      baselineWeeklyCost: bw,
      alternativeWeeklyCost: aw,
      weeklyCostChange: bw === null || aw === null || baseline.lots.some((l) => l.weeklyCost === null && l.hours > 0) ? null : aw - bw,
      travelHoursPerWeekChange: sum(lots.filter((l) => l.hours > 0).map((l) => l.change.travelHoursPerWeek)),
    },
    baseline,
    alternative,
  };
}

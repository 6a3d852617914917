import { z } from "zod";
import type { TravelTimeSource } from "../domain/index.js";
import { StaffMixSchema } from "./provider.js";
import { TravelModeListSchema } from "./travel.js";

const finite = (what: string) =>
  z.number({ error: `expected ${what} as a finite number` }).refine(Number.isFinite, `expected ${what} as a finite number`);
const nonNegative = (what: string) => finite(what).refine((v) => v >= 0, `${what} must be ≥ 0`);
const positive = (what: string) => finite(what).refine((v) => v > 0, `${what} must be > 0`);
const rate = (what: string) => finite(what).refine((v) => v >= 0 && v <= 1, `${what} must be a share of pay in [0, 1]`);

/** One visit length and the share of visits that last it. */
export const VisitLengthSchema = z
  .object({
    /** Visit length, minutes of contact time. */
    minutes: positive("minutes"),
    /** Share of all visits that have this length, in [0, 1]. */
    share: finite("share").refine((v) => v >= 0 && v <= 1, "share must be in [0, 1]"),
  })
  .strict();

/**
 * A visit-length mix: shares of VISITS (not of hours) by length, summing to 1 (±1e-6), each length once.
 * The mean visit length is Σ share × minutes.
 */
export const VisitMixSchema = z
  .array(VisitLengthSchema)
  .min(1, "a visit-length mix needs at least one visit length")
  .superRefine((mix, ctx) => {
    const sum = mix.reduce((s, v) => s + v.share, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      ctx.addIssue({ code: "custom", input: sum, message: `visit-length shares must sum to 1; they sum to ${Math.round(sum * 1e6) / 1e6}` });
    }
    const seen = new Set<number>();
    mix.forEach((v, i) => {
      if (seen.has(v.minutes)) ctx.addIssue({ code: "custom", path: [i, "minutes"], input: v.minutes, message: "each visit length may appear once" });
      seen.add(v.minutes);
    });
  })
  .readonly();

/** A lot plan (`LotPlan`, `LotDesign`): lots of area ids; other fields are ignored. */
export const CostPlanSchema = z.object({
  lots: z.array(z.object({ id: z.string().min(1, "a lot id must be a non-empty string"), areaIds: z.array(z.string().min(1)) })),
});

/** Price bands, cheapest first: Leicestershire's four since November 2021. */
export const PRICE_BANDS = ["urban", "fringe", "rural", "isolated"] as const;
export const PriceBandSchema = z.enum(PRICE_BANDS);

const isSource = (v: unknown): v is TravelTimeSource =>
  typeof v === "object" && v !== null && typeof (v as { matrix?: unknown }).matrix === "function";

/**
 * Employer on-costs as shares of pay (contact + travel time). Defaults reproduce the Homecare
 * Association Minimum Price 2020-21, where on £10.42 of pay (£8.72 contact + £1.70 travel) employers'
 * NI and pension cost £1.14 (10.94 %) and other wage on-costs £1.97 (18.91 %):
 * - `employerNi` 0.0794 and `pension` 0.03 (the auto-enrolment employer minimum from April 2019); sum 0.1094;
 * - `holiday` 0.1207: 5.6 weeks' statutory leave paid on 46.4 working weeks (5.6 / 46.4);
 * - `sickness` 0.029: the Homecare Association's 2020-21 sick-pay assumption (2.9 % of gross pay);
 * - `training` 0.0394: training and other on-costs, the remainder of the £1.97 (0.1891 − 0.1207 − 0.029).
 * The split inside each Minimum Price line is ours; the two totals are the Association's.
 */
export const OnCostsSchema = z
  .object({
    employerNi: rate("employerNi").default(0.0794),
    pension: rate("pension").default(0.03),
    holiday: rate("holiday").default(0.1207),
    sickness: rate("sickness").default(0.029),
    training: rate("training").default(0.0394),
  })
  .strict();

/**
 * The travel model's assumptions (see `cost/travel-model.ts` for the formulation).
 * Defaults: 4 call windows a day (morning, lunch, tea and bed calls); one provider sequences 60 % of a
 * lot's visits (the lead share `allocate()` requires by default); 6 visits per run, so 5 paid legs per 6
 * visits; nearest-neighbour tour constant 0.92; rostered legs 3.65 × the ideal nearest-neighbour legs
 * (CALIBRATED: with the other defaults the Leicestershire County Council area's 20,317 h/week then
 * average 2.9 road miles per visit, the Homecare Association's 2022 national figure, and 11.5 driving
 * minutes per contact hour against the 11.7 the Minimum Price 2020-21 travel line implies); road
 * distance = 1.3 × straight line (the straight-line source's driving detour, Ballou et al. 2002); probes
 * in 4 compass directions.
 */
export const TravelModelSchema = z
  .object({
    /** Call windows a day: visits one provider can chain are those due in the same window [4]. */
    callWindowsPerDay: positive("callWindowsPerDay").default(4),
    /** Share of a lot's visits one provider's staff sequence together, in (0, 1] [0.6]. */
    providerShare: finite("providerShare").refine((v) => v > 0 && v <= 1, "providerShare must be in (0, 1]").default(0.6),
    /** Visits in one careworker's run; the run has visitsPerRun − 1 paid legs [6]. */
    visitsPerRun: finite("visitsPerRun").refine((v) => v >= 1, "visitsPerRun must be ≥ 1").default(6),
    /** Mean nearest-neighbour leg ÷ √(km² per visit) [0.92]. */
    tourConstant: positive("tourConstant").default(0.92),
    /**
     * Rostered legs ÷ ideal nearest-neighbour legs, ≥ 1: time slots, continuity of carer, skills and
     * the many agencies sharing a street make real runs longer than a nearest-neighbour chain [3.65,
     * calibrated: see above]. 1 gives the ideal chain (what the simulation in test/cost checks).
     */
    rosterFactor: finite("rosterFactor").refine((v) => v >= 1, "rosterFactor must be ≥ 1 (no roster beats the nearest-neighbour chain it is measured against)").default(3.65),
    /** Road miles ÷ straight-line miles, for drivers' mileage [1.3]. */
    roadDetour: finite("roadDetour").refine((v) => v >= 1, "roadDetour must be ≥ 1 (roads are never shorter than the straight line)").default(1.3),
    /** Probe directions per area (evenly spaced from north) whose times are averaged [4]. */
    probeBearings: z.number().int("probeBearings must be a whole number").min(1, "probeBearings must be ≥ 1").max(16, "probeBearings must be ≤ 16").default(4),
  })
  .strict();

/**
 * How rate weights for `allocate()` are derived: `from` each lot's own cost or from its hours' price
 * bands; `base` is the cost that gets weight 1 (`"cheapest"` lot or band, or a £/hour figure).
 */
export const RateWeightOptionsSchema = z
  .object({
    from: z.enum(["lot", "band"]).default("lot"),
    base: z.union([z.literal("cheapest"), positive("base")]).default("cheapest"),
  })
  .strict();

/**
 * Options for {@link costOfCare}. Every default is dated and cited; the result lists them under
 * `assumptions`. Money in £ (any currency works if every money option is given in it).
 */
export const CostOfCareOptionsSchema = z
  .object({
    /** Travel-time source for the probes [straightLineTravel()]. */
    travel: z.custom<TravelTimeSource>(isSource, "expected a TravelTimeSource ({ matrix(origins, destinations, modes) })").optional(),
    /**
     * Modes to model [all four]. A source that cannot answer a mode (OpenStreetMap roads carry no bus
     * times) needs it left out, or joined with another source by `combineTravel`; every mode the staff
     * mix uses must be here. Modes left out are reported as null.
     */
    modes: TravelModeListSchema.default(["drive", "walk", "cycle", "transit"]),
    /** Source used where `travel` returns no time (e.g. outside a road network's extent) [none]. */
    fallbackTravel: z.custom<TravelTimeSource>(isSource, "expected a TravelTimeSource ({ matrix(origins, destinations, modes) })").optional(),
    /** Shares of visits by length [15 min 10 %, 30 min 50 %, 45 min 20 %, 60 min 20 %: illustrative]. */
    visitMix: VisitMixSchema.optional(),
    /** Staff travel mix used for every lot [all drive, as the Minimum Price assumes]. */
    staffMix: StaffMixSchema.optional(),
    /** Staff travel mix per lot id, overriding `staffMix` for those lots. */
    staffMixByLot: z.record(z.string(), StaffMixSchema).optional(),
    /** Careworker hourly pay, £, for contact and travel time [8.72, National Living Wage from April 2020]. */
    hourlyPay: nonNegative("hourlyPay").default(8.72),
    onCosts: OnCostsSchema.prefault({}),
    /** Paid to drivers per mile driven between visits, £ [0.45, HMRC approved mileage allowance]. */
    mileageRatePerMile: nonNegative("mileageRatePerMile").default(0.45),
    /** Running the business, £ per contact hour [5.20, Minimum Price 2020-21]. */
    businessPerContactHour: nonNegative("businessPerContactHour").default(5.2),
    /** Surplus as a share of all other costs [0.03: £0.60 on £20.09 in the Minimum Price 2020-21]. */
    surplusRate: finite("surplusRate").refine((v) => v >= 0 && v <= 1, "surplusRate must be in [0, 1]").default(0.03),
    travelModel: TravelModelSchema.prefault({}),
    /** Price band per area id, overriding the bands derived from modelled cost. */
    bandOf: z.record(z.string(), PriceBandSchema).optional(),
    rateWeights: RateWeightOptionsSchema.prefault({}),
  })
  .strict();

export type VisitLength = z.input<typeof VisitLengthSchema>;
export type VisitMix = z.input<typeof VisitMixSchema>;
export type PriceBand = z.output<typeof PriceBandSchema>;
export type OnCosts = z.input<typeof OnCostsSchema>;
export type TravelModelOptions = z.input<typeof TravelModelSchema>;
export type TravelModelSettings = z.output<typeof TravelModelSchema>;
export type RateWeightOptions = z.input<typeof RateWeightOptionsSchema>;
export type CostOfCareOptions = z.input<typeof CostOfCareOptionsSchema>;
export type CostOfCareSettings = z.output<typeof CostOfCareOptionsSchema>;

/** A rate to check against modelled cost: a bid or a contract rate, for one lot (and provider). */
export const RateToCheckSchema = z
  .object({
    lotId: z.string().min(1, "lotId must be a non-empty string"),
    providerId: z.string().min(1).optional(),
    /** The rate paid for an hour of care in this lot, £. */
    ratePerHour: nonNegative("ratePerHour"),
  })
  .strict();

/** Options for {@link rateSustainability}. */
export const RateSustainabilityOptionsSchema = z
  .object({
    /** A rate this far below cost (£/hour) or less still counts as sustainable (rounding) [0.005]. */
    toleranceGapPerHour: nonNegative("toleranceGapPerHour").default(0.005),
  })
  .strict();
export type RateToCheck = z.input<typeof RateToCheckSchema>;
export type RateSustainabilityOptions = z.input<typeof RateSustainabilityOptionsSchema>;

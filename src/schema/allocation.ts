import { z } from "zod";
import type { AbortSignalLike } from "../domain/index.js";
import type { Solver, SolveProgress } from "../solvers/types.js";

const finite = (what: string) => z.number({ error: `expected ${what} as a finite number` }).refine(Number.isFinite, `expected ${what} as a finite number`);
const hours = (what: string) => finite(what).refine((v) => v >= 0, `${what} must be ≥ 0`);

/** A lot's urban or rural hours; a missing split gets a message saying how to make one. */
const splitHours = (what: "urbanHours" | "ruralHours") =>
  z
    .number({
      error: (iss) =>
        iss.input === undefined
          ? `a lot needs urbanHours and ruralHours (rural hours are priced with policy.ruralWeight); a lot from designLots() has only \`hours\`: build the input with allocationInputFrom(), which splits each lot's hours by its areas' class`
          : `expected ${what} as a finite number`,
    })
    .refine(Number.isFinite, `expected ${what} as a finite number`)
    .refine((v) => v >= 0, `${what} must be ≥ 0`);

/**
 * One lot's weekly demand, split by area type. A lot as `designLots()` returns it may be spread in
 * (`{ ...lot, urbanHours, ruralHours }`): its `areaIds` and `parent` are accepted and not used, and its
 * `hours`, when given, must equal urbanHours + ruralHours.
 */
export const AllocationLotSchema = z
  .object({
    /** Lot id. */
    id: z.string().min(1, "lot id must be a non-empty string"),
    /** Weekly care hours in urban areas of the lot. */
    urbanHours: splitHours("urbanHours"),
    /** Weekly care hours in rural areas of the lot. */
    ruralHours: splitHours("ruralHours"),
    /**
     * Weight on every provider's rate for an hour in this lot (e.g. `costOfCare()`'s modelled cost ÷ the
     * cheapest lot's). When given it replaces the policy's urban/rural weights for this lot.
     */
    rateWeight: finite("rateWeight").refine((v) => v > 0, "rateWeight must be > 0").optional(),
    /** The lot's areas (as `designLots()` returns them); not used by the allocation. */
    areaIds: z.array(z.string()).optional(),
    /** The lot's parent (as `designLots()` returns it); not used by the allocation. */
    parent: z.string().optional(),
    /** The lot's weekly hours (as `designLots()` returns them); checked against urbanHours + ruralHours. */
    hours: hours("hours").optional(),
  })
  .strict()
  .refine((l) => l.hours === undefined || Math.abs(l.hours - l.urbanHours - l.ruralHours) <= 1e-6 * Math.max(1, l.hours), {
    message: "hours must equal urbanHours + ruralHours",
    path: ["hours"],
  })
  .transform(({ areaIds: _a, parent: _p, hours: _h, ...lot }) => lot);

/**
 * One provider: weekly capacity and hourly rate. A {@link Provider} as `generateProviders()` or
 * `providersFromRows()` returns it is accepted as it is: its `lonLat`, `staffMix` and `name` are for
 * coverage, maps and reports, and not used by the allocation.
 */
export const AllocationProviderSchema = z
  .object({
    id: z.string().min(1, "provider id must be a non-empty string"),
    /** Weekly hours the provider can deliver in total. */
    capacityHours: hours("capacityHours"),
    /** Price of one urban hour (before the area-type weight), in currency per hour. */
    ratePerHour: hours("ratePerHour"),
    /** Most lots this provider may lead; overrides `policy.maxLeadLotsPerProvider`. */
    maxLeadLots: z.number().int("maxLeadLots must be a whole number").min(0, "maxLeadLots must be ≥ 0").optional(),
    /** Base `[lon, lat]` (for coverage); not used by the allocation. */
    lonLat: z.tuple([z.number(), z.number()]).optional(),
    /** Staff travel mix (for coverage); not used by the allocation. */
    staffMix: z.object({ drive: z.number(), walk: z.number(), cycle: z.number(), transit: z.number() }).optional(),
    /** Display name (for maps and reports); not used by the allocation. */
    name: z.string().optional(),
    /** Postcode of the base (for reports); not used by the allocation. */
    postcode: z.string().optional(),
  })
  .strict()
  .transform(({ lonLat: _l, staffMix: _s, name: _n, postcode: _p, ...p }) => p);

/**
 * Which providers can serve which lot: `share` of the lot's demand the provider can reach (from coverage).
 * A row as `lotCoverage()` returns it is accepted as it is (its other fields are not used).
 */
export const AllocationEligibilitySchema = z
  .object({
    lotId: z.string().min(1),
    providerId: z.string().min(1),
    /** Share of the lot's demand the provider can reach, in [0, 1]; it may deliver at most share × demand there. */
    share: finite("share").refine((v) => v >= 0 && v <= 1, "share must be in [0, 1]"),
    /** From `lotCoverage()`; not used by the allocation. */
    nonDrivingShare: z.number().optional(),
    /** From `lotCoverage()`; not used by the allocation. */
    byMode: z.record(z.string(), z.number()).optional(),
    /** From `lotCoverage()`; not used by the allocation. */
    lotDemandHours: z.number().optional(),
  })
  .strict()
  .transform(({ nonDrivingShare: _n, byMode: _b, lotDemandHours: _d, ...e }) => e);

/** Commissioning policy: rate weights and the lead / supplementary / contingency rules. Defaults in brackets. */
export const AllocationPolicySchema = z
  .object({
    /** Weight on the rate for an urban hour [1] (lots with their own `rateWeight` ignore it). */
    urbanWeight: finite("urbanWeight").refine((v) => v > 0, "urbanWeight must be > 0").default(1),
    /** Weight on the rate for a rural hour [1.15]. */
    ruralWeight: finite("ruralWeight").refine((v) => v > 0, "ruralWeight must be > 0").default(1.15),
    /** Least share of the lot's demand its lead delivers [0.6]. */
    leadShare: finite("leadShare").refine((v) => v > 0 && v <= 1, "leadShare must be in (0, 1]").default(0.6),
    /** Most lots one provider may lead, unless the provider sets `maxLeadLots` [2]. */
    maxLeadLotsPerProvider: z.number().int().min(0).default(2),
    /** Fewest providers (lead included) delivering in each lot [2]. */
    minProvidersPerLot: z.number().int().min(1).default(2),
    /** Least share of a lot's demand a provider delivers to count towards `minProvidersPerLot` [0.05]. */
    minProviderShare: finite("minProviderShare").refine((v) => v >= 0 && v <= 1, "minProviderShare must be in [0, 1]").default(0.05),
    /**
     * Least weekly hours a provider delivers in a lot to count towards `minProvidersPerLot`, whatever the
     * share [1]: a counted provider delivers at least max(minProviderShare × demand, minProviderHours).
     */
    minProviderHours: finite("minProviderHours").refine((v) => v > 0, "minProviderHours must be > 0").default(1),
    /** Share of the lead's hours the contingency provider keeps spare capacity for [0.25]. */
    contingencyShare: finite("contingencyShare").refine((v) => v >= 0 && v <= 1, "contingencyShare must be in [0, 1]").default(0.25),
    /** Price of an unmet hour; default 10 × the highest weighted rate (at least 1000). */
    unmetPenaltyPerHour: finite("unmetPenaltyPerHour").refine((v) => v > 0, "unmetPenaltyPerHour must be > 0").optional(),
    /** Weeks per year for the annual cost [52]. */
    weeksPerYear: finite("weeksPerYear").refine((v) => v > 0, "weeksPerYear must be > 0").default(52),
  })
  .strict()
  .refine((p) => p.leadShare + (p.minProvidersPerLot - 1) * p.minProviderShare <= 1 + 1e-12, {
    message: "leadShare + (minProvidersPerLot − 1) × minProviderShare must be ≤ 1, or no lot could meet the policy",
    path: ["leadShare"],
  });

/**
 * A last-resort provider: an interim provider or the council's in-house reablement team (HART, say) that
 * covers what the market cannot after a withdrawal. Only withdrawal scenarios (and the recourse of an
 * N-1-secure allocation) may give it hours; `allocate()` never does.
 */
export const LastResortProviderSchema = z
  .object({
    id: z.string().min(1, "provider id must be a non-empty string"),
    /** Weekly hours it can take on, over all lots and for one scenario. */
    capacityHours: hours("capacityHours"),
    /** Price of one urban hour (before the area-type weight); keep it below the unmet-hour penalty, or it is never used. */
    ratePerHour: hours("ratePerHour"),
    /** May it lead a lot (then it counts as the lot's lead)? [false]: by default it delivers hours only, never counts towards `minProvidersPerLot` and is never the contingency. */
    canLead: z.boolean().default(false),
  })
  .strict();

/** Last-resort providers and the lots they can reach (same `share` meaning as `eligibility`). */
export const LastResortSchema = z
  .object({
    providers: z.array(LastResortProviderSchema),
    eligibility: z.array(AllocationEligibilitySchema),
  })
  .strict();

/** Everything {@link allocate} needs: lots, providers, eligibility and policy, and optional last-resort capacity. */
export const AllocationInputSchema = z
  .object({
    lots: z.array(AllocationLotSchema),
    providers: z.array(AllocationProviderSchema),
    eligibility: z.array(AllocationEligibilitySchema),
    policy: AllocationPolicySchema.default(() => AllocationPolicySchema.parse({})),
    /** Capacity only withdrawal scenarios may use (interim providers, in-house reablement); ids distinct from `providers`. */
    lastResort: LastResortSchema.optional(),
  })
  .strict();

const isSolver = (v: unknown): v is Solver =>
  typeof v === "object" && v !== null && typeof (v as { solve?: unknown }).solve === "function" && typeof (v as { id?: unknown }).id === "string";
const isSignal = (v: unknown): v is AbortSignalLike =>
  typeof v === "object" && v !== null && typeof (v as { aborted?: unknown }).aborted === "boolean";

/** Options for {@link allocate}. */
export const AllocateOptionsSchema = z
  .object({
    /** LP/MILP backend; default `highsSolver()`. */
    solver: z.custom<Solver>(isSolver, "expected a Solver ({ id, capabilities, solve })").optional(),
    /** `"milp"` (binaries for lead, contingency, provider count) or `"lp"` (hours only, lead chosen afterwards) ["milp"]. */
    formulation: z.enum(["milp", "lp"]).default("milp"),
    /** Wall-clock limit in seconds [30]. */
    timeLimitSec: finite("timeLimitSec").refine((v) => v > 0, "timeLimitSec must be > 0").default(30),
    /** Relative MIP gap at which to stop [1e-3]. */
    relGap: finite("relGap").refine((v) => v >= 0, "relGap must be ≥ 0").default(1e-3),
    /** Build a greedy incumbent and pass it to the solver as a warm start [true]. */
    warmStart: z.boolean().default(true),
    /** Compute capacity shadow prices (re-solving the LP with the integer decisions fixed) [true]. */
    shadowPrices: z.boolean().default(true),
    /** Cancels the solve. */
    signal: z.custom<AbortSignalLike>(isSignal, "expected an AbortSignal").optional(),
    /** Progress callback, passed through to the solver. */
    onProgress: z.custom<(p: SolveProgress) => void>((v) => typeof v === "function", "expected a function").optional(),
    /**
     * `"none"` [default] or `"n-1"`: a plan for which every single-provider withdrawal can be re-let under
     * the policy (as {@link simulateWithdrawal} does) with the least worst-case unmet hours, using only the
     * capacity the plan leaves spare plus `input.lastResort`.
     */
    security: z.enum(["none", "n-1"]).default("none"),
    /**
     * How an `"n-1"` plan is found: `"scenarios"` [default] adds withdrawal scenarios to the model only when
     * a check of the current plan finds one that leaves hours unmet (constraint generation); `"all"` puts a
     * recourse copy for every provider into one MILP.
     */
    securityMethod: z.enum(["scenarios", "all"]).default("scenarios"),
  })
  .strict();

/** How far a withdrawal's re-plan may reach. */
export const ReplanScopeSchema = z.enum(["affected", "neighbours", "all"]);

/** Options for {@link simulateWithdrawal}. */
export const WithdrawalOptionsSchema = z
  .object({
    /**
     * Which lots are re-let ["affected"]: `"affected"` = lots a withdrawn provider led, delivered in or
     * stood behind as contingency; `"neighbours"` = those plus every lot sharing a provider with them;
     * `"all"` = the whole plan. Lots outside keep their hours, roles and reserves.
     */
    replan: ReplanScopeSchema.default("affected"),
    solver: z.custom<Solver>(isSolver, "expected a Solver ({ id, capabilities, solve })").optional(),
    /** Wall-clock limit per scenario, seconds [30]. */
    timeLimitSec: finite("timeLimitSec").refine((v) => v > 0, "timeLimitSec must be > 0").default(30),
    relGap: finite("relGap").refine((v) => v >= 0, "relGap must be ≥ 0").default(1e-3),
    signal: z.custom<AbortSignalLike>(isSignal, "expected an AbortSignal").optional(),
    onProgress: z.custom<(p: SolveProgress) => void>((v) => typeof v === "function", "expected a function").optional(),
  })
  .strict();

/** A named set of providers that withdraw together (one owner, one district). */
export const WithdrawalGroupSchema = z
  .object({
    /** Scenario name, e.g. `"owner: Castle Care Group"` or `"district: Melton"`. */
    name: z.string().min(1, "group name must be a non-empty string"),
    providerIds: z.array(z.string().min(1)).min(1, "a group withdraws at least one provider"),
  })
  .strict();

/** Options for {@link withdrawalSweep}: those of {@link simulateWithdrawal} plus which scenarios to run. */
export const WithdrawalSweepOptionsSchema = WithdrawalOptionsSchema.extend({
  /**
   * `"n-1"` [default]: every provider alone; `"n-2"`: pairs, ranked (see `maxScenarios`); or a list of
   * named groups withdrawing together.
   */
  scenarios: z.union([z.enum(["n-1", "n-2"]), z.array(WithdrawalGroupSchema)]).default("n-1"),
  /**
   * N-2 only: how many pairs are solved [50]. Pairs are ranked by the N-1 result of their two providers
   * (added unmet hours summed, then last-resort hours summed), then by the hours the two hold in lots
   * they share (delivered or reserved), then by their hours lost together, then by id; the first
   * `maxScenarios` are solved and the rest counted as skipped.
   */
  maxScenarios: z.number().int().min(1, "maxScenarios must be ≥ 1").default(50),
}).strict();

/** Options for {@link generateAllocationInstance}. */
export const GenerateAllocationOptionsSchema = z
  .object({
    lots: z.number().int().min(1),
    /** At least 3: the planted plan gives each lot a lead, a supplementary and a contingency provider. */
    providers: z.number().int().min(3, "must be ≥ 3 (each lot needs a lead, a supplementary and a contingency provider)"),
    /** Eligible providers per lot (about) [15, capped at providers]; at least 3, as for `providers`. */
    candidatesPerLot: z.number().int().min(3, "must be ≥ 3 (each lot needs a lead, a supplementary and a contingency provider)").default(15),
    seed: z.number().int().default(1),
  })
  .strict();

export type AllocationLot = z.input<typeof AllocationLotSchema>;
export type AllocationProvider = z.input<typeof AllocationProviderSchema>;
export type AllocationEligibility = z.input<typeof AllocationEligibilitySchema>;
/** Policy as passed in (every field optional). */
export type AllocationPolicy = z.input<typeof AllocationPolicySchema>;
/** Policy with defaults filled in. */
export type ResolvedAllocationPolicy = z.output<typeof AllocationPolicySchema>;
export type AllocationInput = z.input<typeof AllocationInputSchema>;
/** Input after validation, with the policy's defaults filled in. */
export type ResolvedAllocationInput = z.output<typeof AllocationInputSchema>;
export type AllocateOptions = z.input<typeof AllocateOptionsSchema>;
export type WithdrawalOptions = z.input<typeof WithdrawalOptionsSchema>;
export type WithdrawalSweepOptions = z.input<typeof WithdrawalSweepOptionsSchema>;
export type WithdrawalGroup = z.input<typeof WithdrawalGroupSchema>;
export type ReplanScope = z.output<typeof ReplanScopeSchema>;
export type LastResortProvider = z.input<typeof LastResortProviderSchema>;
export type LastResort = z.input<typeof LastResortSchema>;
export type GenerateAllocationOptions = z.input<typeof GenerateAllocationOptionsSchema>;

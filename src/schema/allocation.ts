import { z } from "zod";
import type { AbortSignalLike } from "../domain/index.js";
import type { Solver, SolveProgress } from "../solvers/types.js";

const finite = (what: string) => z.number({ error: `expected ${what} as a finite number` }).refine(Number.isFinite, `expected ${what} as a finite number`);
const hours = (what: string) => finite(what).refine((v) => v >= 0, `${what} must be ≥ 0`);

/** One lot's weekly demand, split by area type. */
export const AllocationLotSchema = z
  .object({
    /** Lot id. */
    id: z.string().min(1, "lot id must be a non-empty string"),
    /** Weekly care hours in urban areas of the lot. */
    urbanHours: hours("urbanHours"),
    /** Weekly care hours in rural areas of the lot. */
    ruralHours: hours("ruralHours"),
  })
  .strict();

/** One provider: weekly capacity and hourly rate. */
export const AllocationProviderSchema = z
  .object({
    id: z.string().min(1, "provider id must be a non-empty string"),
    /** Weekly hours the provider can deliver in total. */
    capacityHours: hours("capacityHours"),
    /** Price of one urban hour (before the area-type weight), in currency per hour. */
    ratePerHour: hours("ratePerHour"),
    /** Most lots this provider may lead; overrides `policy.maxLeadLotsPerProvider`. */
    maxLeadLots: z.number().int("maxLeadLots must be a whole number").min(0, "maxLeadLots must be ≥ 0").optional(),
  })
  .strict();

/** Which providers can serve which lot: `share` of the lot's demand the provider can reach (from coverage). */
export const AllocationEligibilitySchema = z
  .object({
    lotId: z.string().min(1),
    providerId: z.string().min(1),
    /** Share of the lot's demand the provider can reach, in [0, 1]; it may deliver at most share × demand there. */
    share: finite("share").refine((v) => v >= 0 && v <= 1, "share must be in [0, 1]"),
  })
  .strict();

/** Commissioning policy: rate weights and the lead / supplementary / contingency rules. Defaults in brackets. */
export const AllocationPolicySchema = z
  .object({
    /** Weight on the rate for an urban hour [1]. */
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

/** Everything {@link allocate} needs: lots, providers, eligibility and policy. */
export const AllocationInputSchema = z
  .object({
    lots: z.array(AllocationLotSchema),
    providers: z.array(AllocationProviderSchema),
    eligibility: z.array(AllocationEligibilitySchema),
    policy: AllocationPolicySchema.default(() => AllocationPolicySchema.parse({})),
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
  })
  .strict();

/** Options for {@link simulateWithdrawal} and {@link withdrawalSweep}. */
export const WithdrawalOptionsSchema = z
  .object({
    /** Keep the other providers' hours as lower bounds and only re-place the lost hours [true]; false re-solves the whole allocation. */
    keepOthers: z.boolean().default(true),
    solver: z.custom<Solver>(isSolver, "expected a Solver ({ id, capabilities, solve })").optional(),
    timeLimitSec: finite("timeLimitSec").refine((v) => v > 0, "timeLimitSec must be > 0").default(30),
    relGap: finite("relGap").refine((v) => v >= 0, "relGap must be ≥ 0").default(1e-3),
    signal: z.custom<AbortSignalLike>(isSignal, "expected an AbortSignal").optional(),
    onProgress: z.custom<(p: SolveProgress) => void>((v) => typeof v === "function", "expected a function").optional(),
  })
  .strict();

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
export type GenerateAllocationOptions = z.input<typeof GenerateAllocationOptionsSchema>;

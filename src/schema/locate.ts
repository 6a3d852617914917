import { z } from "zod";
import { TRAVEL_MODES } from "../domain/index.js";

const IdSchema = z.string().min(1, "an id must be a non-empty string");
const NonNegative = z.number().nonnegative("must be ≥ 0");
const Positive = z.number().positive("must be > 0");

/**
 * A cost matrix given directly: `cost[i][j]` (or `cost[i * siteIds.length + j]` in a flat array) is the
 * travel from demand point `demandIds[i]` to candidate site `siteIds[j]`, ≥ 0, `Infinity` where a site
 * cannot serve the point. `weights[i]` (default 1) is the demand at point i.
 * Cost entries are checked by a loop (finite or `Infinity`, ≥ 0) rather than by per-number zod schemas.
 */
export const LocationProblemInputSchema = z
  .object({
    demandIds: z.array(IdSchema).min(1, "at least one demand point is needed"),
    siteIds: z.array(IdSchema).min(1, "at least one candidate site is needed"),
    cost: z.union([z.array(z.array(z.unknown())), z.custom<Float64Array<ArrayBufferLike>>((v) => v instanceof Float64Array), z.array(z.unknown())], {
      error: "expected a number[][] (demand × site), a flat number[] or a Float64Array",
    }),
    weights: z.union([z.array(NonNegative), z.custom<Float64Array<ArrayBufferLike>>((v) => v instanceof Float64Array)]).optional(),
  })
  .strict();
export type LocationProblemInput = z.input<typeof LocationProblemInputSchema>;

/** Options for {@link locationProblemFromTravel}. */
export const LocationFromTravelOptionsSchema = z
  .object({
    /** Which travel mode's minutes to use as the cost. */
    mode: z.enum(TRAVEL_MODES as [string, ...string[]]),
    /**
     * Which side of the matrix holds the demand points (areas): `"destinations"` (default: staff travel from
     * providers, the origins, to areas) or `"origins"`. The other side holds the candidate sites.
     */
    demandSide: z.enum(["origins", "destinations"]).default("destinations"),
    /** Demand weight per demand id (e.g. weekly care hours). Every demand id needs an entry. Default 1 each. */
    demand: z.record(IdSchema, NonNegative).optional(),
    /** Restrict the candidate sites to these ids (each must be in the matrix). Default: all. */
    siteIds: z.array(IdSchema).min(1).optional(),
  })
  .strict();
export type LocationFromTravelOptions = z.input<typeof LocationFromTravelOptionsSchema>;

const F64 = (msg: string) => z.custom<Float64Array<ArrayBufferLike>>((v) => v instanceof Float64Array, msg);

const SolverLike = z.custom<import("../solvers/types.js").Solver>(
  (v) => typeof v === "object" && v !== null && typeof (v as { solve?: unknown }).solve === "function",
  "expected a Solver (an object with a solve(model, options) method)",
);

/** Options shared by every location model. */
const CommonShape = {
  /** Backend (default: `highsSolver()`). */
  solver: SolverLike.optional(),
  /** Wall-clock limit for the whole solve in seconds (default 30). */
  timeLimitSec: Positive.default(30),
  /** Relative MIP gap at which to stop (default 0: prove optimality). */
  relGap: NonNegative.default(0),
  /**
   * Break ties deterministically (default true): a second solve keeps the primary objective at its optimum and
   * picks the plan whose sites come earliest in id order (least sum of site ranks).
   */
  tieBreak: z.boolean().default(true),
  /** Sites that must be in every answer (e.g. existing providers). */
  required: z.array(IdSchema).default([]),
};

/** Capacity per site: one number for all, or an entry for every site id. */
const CapacitiesSchema = z.union([NonNegative, z.record(IdSchema, NonNegative)]);

/** Options for `lscp`: `limit`, optional `capacities`, plus the shared `solver`, `timeLimitSec`, `relGap`, `tieBreak`, `required`. */
export const LscpOptionsSchema = z
  .object({
    ...CommonShape,
    /** A site covers a demand point when the cost is ≤ limit (matrix units: minutes for a TravelMatrix). */
    limit: NonNegative,
    /** Capacitated variant: each chosen site serves at most this much demand weight. */
    capacities: CapacitiesSchema.optional(),
  })
  .strict();
export type LscpOptions = z.input<typeof LscpOptionsSchema>;

/** Options for `mclp`: `limit`, `p`, plus the shared `solver`, `timeLimitSec`, `relGap`, `tieBreak`, `required`. */
export const MclpOptionsSchema = z
  .object({
    ...CommonShape,
    limit: NonNegative,
    /** Number of sites to choose. */
    p: z.number().int("must be a whole number").positive("must be ≥ 1"),
  })
  .strict();
export type MclpOptions = z.input<typeof MclpOptionsSchema>;

/** Options for `backupCoverage`: the same as for `mclp`. */
export const BackupCoverageOptionsSchema = MclpOptionsSchema;
export type BackupCoverageOptions = z.input<typeof BackupCoverageOptionsSchema>;

/** Options for `pMedian`: `p`, optional `capacities` and `singleSource`, plus the shared options. */
export const PMedianOptionsSchema = z
  .object({
    ...CommonShape,
    p: z.number().int("must be a whole number").positive("must be ≥ 1"),
    /** Capacitated variant: each chosen site serves at most this much demand weight (demand may be split). */
    capacities: CapacitiesSchema.optional(),
    /** Capacitated variant only: serve each demand point from one site (default false: may be split). */
    singleSource: z.boolean().default(false),
  })
  .strict();
export type PMedianOptions = z.input<typeof PMedianOptionsSchema>;

/** Options for `pCenter`: `p` plus the shared options (`relGap` is not used: the search is exact). */
export const PCenterOptionsSchema = z
  .object({
    ...CommonShape,
    p: z.number().int("must be a whole number").positive("must be ≥ 1"),
  })
  .strict();
export type PCenterOptions = z.input<typeof PCenterOptionsSchema>;

/** A built {@link LocationProblem} as the models receive it (made by `locationProblem` or `locationProblemFromTravel`). */
export const LocationProblemSchema = z
  .object({
    demandIds: z.array(IdSchema).min(1),
    siteIds: z.array(IdSchema).min(1),
    cost: F64("expected a Float64Array (build the problem with locationProblem())"),
    weights: F64("expected a Float64Array (build the problem with locationProblem())"),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.cost.length !== p.demandIds.length * p.siteIds.length)
      ctx.addIssue({ code: "custom", path: ["cost"], message: `expected length ${p.demandIds.length} × ${p.siteIds.length} = ${p.demandIds.length * p.siteIds.length}, got ${p.cost.length}` });
    if (p.weights.length !== p.demandIds.length)
      ctx.addIssue({ code: "custom", path: ["weights"], message: `expected length ${p.demandIds.length}, got ${p.weights.length}` });
  });

/** Options for {@link locationProblemFromCoverage}. */
export const LocationFromCoverageOptionsSchema = z
  .object({
    /** Which travel mode's minutes to use as the cost. */
    mode: z.enum(TRAVEL_MODES as [string, ...string[]]),
    /** Demand weight per area (e.g. weekly care hours). Every area needs an entry. Default 1 each. */
    demand: z.record(IdSchema, NonNegative).optional(),
  })
  .strict();
export type LocationFromCoverageOptions = z.input<typeof LocationFromCoverageOptionsSchema>;

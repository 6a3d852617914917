import type { AllocationResult, WithdrawalResult, WithdrawalSweepResult } from "../allocate/types.js";
import type { Adjacency } from "../boundaries/adjacency.js";
import type { Boundaries } from "../boundaries/types.js";
import type { LotCoverageRow } from "../coverage/lot-coverage.js";
import type { Coverage } from "../coverage/types.js";
import type { TravelTimeSource, AbortSignalLike, Area, DemandHours, Id, LotPlan, Provider, TravelMatrix } from "../domain/index.js";
import type { DemandEstimate } from "../demand/estimate-demand.js";
import type { LotEvaluation } from "../lots/evaluate-lots.js";
import type { LotDesign } from "../lots/types.js";
import type { AllocateOptions, AllocationInput, AllocationPolicy, LastResort, WithdrawalOptions, WithdrawalSweepOptions } from "../schema/allocation.js";
import type { AreasFromBoundariesOptions, BoundaryAdjacencyOptions } from "../schema/boundary.js";
import type { ThresholdMinutes } from "../schema/coverage.js";
import type { EstimateDemandOptions } from "../schema/demand.js";
import type { DesignLotsOptions, EvaluateLotsOptions } from "../schema/lots.js";
import type { DemandRow } from "../schema/rows.js";

/**
 * Where the weekly demand comes from: hours per area as they are (`{ hours }`), rows `area_id, hours`
 * (`{ rows }`, as `demandFromRows` reads them), or a known total spread over the areas by a weight column
 * (`{ estimate: { rows, options } }`, as `estimateDemand(rows, options)`).
 */
export type StudyDemand =
  | { readonly hours: DemandHours }
  | { readonly rows: readonly DemandRow[] }
  | { readonly estimate: { readonly rows: readonly Record<string, unknown>[]; readonly options: EstimateDemandOptions } };

/** The lots: designed (`{ design: options }`, as `designLots(areas, adjacency, demand, options)`), or an existing plan to evaluate and allocate (`{ plan }`). */
export type StudyLots = { readonly design: DesignLotsOptions } | { readonly plan: LotPlan };

/**
 * Which providers withdraw in the study's one detailed withdrawal: `"largest-lead"` (the lead holding the
 * most lots, then the most hours: the TLC Homecare case), or the ids of providers leaving together.
 */
export type StudyReletProviders = "largest-lead" | readonly Id[];

/**
 * Last-resort capacity (interim providers, the in-house reablement team) that only withdrawal scenarios
 * may use: as `allocate` takes it (`{ providers, eligibility }`), or as providers with a base and a staff
 * mix (`{ providers }`), whose reach of each lot is then computed like the market providers'.
 */
export type StudyLastResort = LastResort | { readonly providers: readonly (Provider & { readonly canLead?: boolean })[] };

/** Everything a study needs. Every field is what a public function takes; see {@link runStudy}. */
export interface StudyInput {
  /** The small areas' polygons (e.g. 2011 LSOAs), from `loadBoundaries` or `readBoundaries`. */
  readonly boundaries: Boundaries;
  /**
   * The areas as points with class, parent and population. Default: `areasFromBoundaries(boundaries,
   * options.areas)`. Give them when they come from a table (e.g. population-weighted centroids).
   */
  readonly areas?: readonly Area[];
  /** Weekly hours of care per area (see {@link StudyDemand}). */
  readonly demand: StudyDemand;
  /** Lots to design, or a plan to evaluate (see {@link StudyLots}). */
  readonly lots: StudyLots;
  /** Providers (from `generateProviders`, `providersFromRows`, …); needed from the coverage stage on. */
  readonly providers?: readonly Provider[];
  /**
   * Travel times from providers to areas: a source (`straightLineTravel()`, `networkTravel(...)`, or an
   * asynchronous routing service of the same shape: its matrix is awaited) or a ready matrix with provider
   * ids as origins and area ids as destinations. Needed from the coverage stage on.
   */
  readonly travel?: TravelMatrix | TravelTimeSource;
  /** Reach thresholds in minutes: one for every mode or one per mode (modes left out are not assessed). */
  readonly thresholdMinutes?: ThresholdMinutes;
  /** The commissioning policy for the allocation (lead share, rural weight, …); `allocate`'s defaults otherwise. */
  readonly policy?: AllocationPolicy;
  /** Capacity only withdrawal scenarios may use (see {@link StudyLastResort}). */
  readonly lastResort?: StudyLastResort;
}

/** The stages of a study, in the order {@link runStudy} runs them. */
export const STUDY_STAGES = ["areas", "adjacency", "demand", "plan", "evaluation", "coverage", "reach", "allocationInput", "allocation", "withdrawal", "relet", "security"] as const;
/** One stage of a study. */
export type StudyStage = (typeof STUDY_STAGES)[number];

/** A progress report from {@link runStudy}: sent when each stage starts and when it ends. */
export interface StudyProgress {
  readonly stage: StudyStage;
  /** Position of the stage in {@link STUDY_STAGES} (0-based) and the number of stages. */
  readonly index: number;
  readonly of: number;
  /** `start`, then `done` (it ran) or `skipped` (turned off, or a stage it needs did not run). */
  readonly state: "start" | "done" | "skipped";
  /** Seconds since runStudy began. */
  readonly elapsedSec: number;
}

/**
 * Options of {@link runStudy}: one entry per stage, passed to that stage's function unchanged (only the
 * study's `signal` is added where the stage takes one and does not set its own). `false` turns a stage
 * off, and with it every stage that needs it.
 */
export interface StudyOptions {
  /** Options of `areasFromBoundaries` (when `input.areas` is not given). @defaultValue `{}` */
  readonly areas?: AreasFromBoundariesOptions;
  /** Options of `boundaryAdjacency`. @defaultValue `{}` (rook) */
  readonly adjacency?: BoundaryAdjacencyOptions;
  /**
   * Options of `evaluateLots`, or `false`.
   * @defaultValue `{ boundaries: input.boundaries, bridges: plan.bridges }` (Polsby–Popper scores and, for
   *   a designed plan, its island bridges)
   */
  readonly evaluation?: EvaluateLotsOptions | false;
  /** `false`: stop after the lots (no coverage, reach or allocation). @defaultValue `true` */
  readonly coverage?: boolean;
  /** Options of `allocate`, or `false` (no allocation, withdrawal or security). @defaultValue `{}` */
  readonly allocation?: AllocateOptions | false;
  /** Options of `withdrawalSweep` (every provider withdrawing in turn), or `false`. @defaultValue `{}` (N-1) */
  readonly withdrawal?: WithdrawalSweepOptions | false;
  /**
   * One withdrawal shown lot by lot (`simulateWithdrawal`): who leaves and the options, or `false`.
   * @defaultValue `false`
   */
  readonly relet?: { readonly providers: StudyReletProviders; readonly options?: WithdrawalOptions } | false;
  /**
   * Options of the N-1-secure allocation (`allocate(input, { ...options, security: "n-1" })`), or `false`.
   * @defaultValue `false`
   */
  readonly security?: Omit<AllocateOptions, "security"> | false;
  /** Cancels the study between and within stages (passed to the solves). */
  readonly signal?: AbortSignalLike;
  /** Called when each stage starts and ends. */
  readonly onProgress?: (progress: StudyProgress) => void;
}

/** How one stage went: whether it ran and how long it took (seconds; 0 when skipped). */
export interface StudyStageRecord {
  readonly stage: StudyStage;
  readonly ran: boolean;
  readonly timeSec: number;
}

/**
 * The result of {@link runStudy}: each stage's result as its function returned it, or `null` for a stage
 * that did not run. Plain data (frozen at the top level): no methods, nothing read from or written to disk.
 */
export interface Study {
  readonly boundaries: Boundaries;
  readonly areas: readonly Area[];
  readonly adjacency: Adjacency;
  /** Weekly hours per area. */
  readonly demand: DemandHours;
  /** The estimate the hours came from, when `input.demand` was `{ estimate }`. */
  readonly demandEstimate: DemandEstimate | null;
  /** The lot plan: the design, or the plan given. */
  readonly plan: LotPlan;
  /** The design (status, violations, bridges) when the lots were designed; null for a plan given. */
  readonly design: LotDesign | null;
  readonly evaluation: LotEvaluation | null;
  readonly providers: readonly Provider[];
  readonly thresholdMinutes: ThresholdMinutes | null;
  /** The provider × area travel times the coverage used (the source's matrix, or the matrix given). */
  readonly travelMatrix: TravelMatrix | null;
  readonly coverage: Coverage | null;
  /** Provider × lot reach (`lotCoverage`). */
  readonly reach: readonly LotCoverageRow[] | null;
  /** Reach of the last-resort providers given with a base (`lotCoverage` of their coverage), else null. */
  readonly lastResortReach: readonly LotCoverageRow[] | null;
  /** What was passed to `allocate` (`allocationInputFrom`). */
  readonly allocationInput: AllocationInput | null;
  readonly allocation: AllocationResult | null;
  /** The N-1 (or N-2, or groups) sweep, re-let under the policy. */
  readonly withdrawal: WithdrawalSweepResult | null;
  /** The one detailed withdrawal (e.g. the largest lead: the TLC case). */
  readonly relet: WithdrawalResult | null;
  /** The N-1-secure plan, with its price of security against `allocation`. */
  readonly security: AllocationResult | null;
  /** Each stage: ran or not, and its time. */
  readonly stages: readonly StudyStageRecord[];
}

import type { SolveStatus } from "../solvers/types.js";
import type { Id } from "../domain/index.js";

/**
 * A location problem: demand points, candidate sites and the travel cost between them.
 * Ids are sorted by id (code-unit order) and unique; `cost[i * siteIds.length + j]` is the travel from demand
 * point `demandIds[i]` to site `siteIds[j]` (≥ 0, `Infinity` when the site cannot serve the point);
 * `weights[i]` is the demand at point i (≥ 0). Build one with `locationProblem` or `locationProblemFromTravel`.
 */
export interface LocationProblem {
  readonly demandIds: readonly Id[];
  readonly siteIds: readonly Id[];
  readonly cost: Float64Array;
  readonly weights: Float64Array;
}

/** The location model that produced a result. */
export type LocationModelName = "lscp" | "mclp" | "pMedian" | "pCenter" | "backupCoverage";

/** Where one demand point is served from. */
export interface LocationAssignment {
  readonly demandId: Id;
  /** Main serving site: the nearest chosen site (ties: first by id), or the largest share when split. `null` when no chosen site can reach it. */
  readonly siteId: Id | null;
  /** Travel to `siteId` (share-weighted mean when split); `Infinity` when unserved. */
  readonly travel: number;
  /** Demand weight of the point. */
  readonly weight: number;
  /** Chosen sites within the model's limit (coverage models), or reachable at all (p-median, p-center). */
  readonly coveredBy: number;
  /** Capacitated models only: every site serving part of this point, with the share (summing to 1), by site id. */
  readonly shares?: readonly { readonly siteId: Id; readonly share: number }[];
}

/** What every location model returns. */
export interface LocationResult {
  readonly model: LocationModelName;
  /** Solver status of the primary solve. `infeasible`, `timeLimit` without incumbent and `error` come with no sites. */
  readonly status: SolveStatus;
  /** Primary objective recomputed from the chosen sites (NaN without a solution). */
  readonly objective: number;
  /** Proven relative gap of the primary solve (0 when proven optimal; NaN when unknown). */
  readonly gap: number;
  /** Chosen sites, sorted by id. */
  readonly sites: readonly Id[];
  /** One row per demand point, sorted by demand id. */
  readonly assignments: readonly LocationAssignment[];
  /** Share of total demand weight covered: within `limit` of a chosen site (coverage models) or served at all (p-median, p-center). */
  readonly coveredShare: number;
  /** Share of total demand weight within `limit` of two or more chosen sites (backupCoverage only; NaN otherwise). */
  readonly backedUpShare: number;
  /** Demand-weighted mean travel over served demand points. */
  readonly meanTravel: number;
  /** Worst travel over served demand points with weight > 0. */
  readonly maxTravel: number;
  /** Demand points with weight > 0 that no candidate site can cover (within `limit`, or at all), sorted by id. They are left out of the model and reported here. */
  readonly uncoverable: readonly Id[];
  /** Solver id, total seconds (both solves), and whether the tie-break solve ran and was kept. */
  readonly stats: { readonly solver: string; readonly timeSec: number; readonly tieBreak: "applied" | "skipped" | "failed"; readonly message?: string };
}

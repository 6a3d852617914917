import type { Id, Lot, LotPlan, LotBridge } from "../domain/index.js";

/**
 * Adjacency between areas as plain data: `{ [areaId]: neighbourIds }` or a `Map` (as returned by
 * `boundaryAdjacency`), or the `Adjacency` object itself. Every area needs an entry (an island is an empty list); neighbours outside the
 * area set are ignored (adjacency may come from a larger boundary set); it is made symmetric.
 */
export type AreaAdjacency =
  | Readonly<Record<Id, readonly Id[]>>
  | ReadonlyMap<Id, readonly Id[]>
  | { readonly neighbours: ReadonlyMap<Id, readonly Id[]> };

/** Why a lot (or an area) breaks a requirement. */
export type LotViolationKind =
  | "hours_below_floor"
  | "hours_above_ceiling"
  | "travel_limit"
  | "not_contiguous"
  | "mixed_parents"
  | "unassigned_area"
  | "duplicate_area";

/** One broken requirement, with the values involved. */
export interface LotViolation {
  readonly kind: LotViolationKind;
  /** The lot at fault (absent for an unassigned area). */
  readonly lotId?: Id;
  /** The area at fault, where there is one. */
  readonly areaId?: Id;
  /** The measured value (hours, minutes, number of pieces). */
  readonly value?: number;
  /** The limit it breaks. */
  readonly limit?: number;
  /** A plain sentence. */
  readonly message: string;
}

/** A designed lot: a {@link Lot} with its weekly hours. */
export interface DesignedLot extends Lot {
  readonly hours: number;
}

/** Result of {@link designLots}: a {@link LotPlan} (usable wherever a plan is) plus how it was reached. */
export interface LotDesign extends LotPlan {
  readonly lots: readonly DesignedLot[];
  /** `"feasible"`: every requirement met. `"best_effort"`: a plan is returned but `violations` lists what no plan found could meet. */
  readonly status: "feasible" | "best_effort";
  readonly violations: readonly LotViolation[];
  /** Virtual edges used to join parts of a parent that share no border (islands); empty when none. */
  readonly bridges: readonly LotBridge[];
  /** Objective value (lower is better): balance + compactness (+ similarity) terms summed over parents. */
  readonly objective: number;
  /** Per parent: lots, total hours, mean hours per lot and the largest |hours − mean| / mean. */
  readonly parents: readonly { readonly parent: string; readonly lots: number; readonly hours: number; readonly meanHours: number; readonly maxDeviation: number }[];
  /** Areas whose lot differs from `existingPlan` (only when one was given). */
  readonly movedAreas?: number;
}

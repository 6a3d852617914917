import type { Id } from "../types.js";

/** One lot: a contract area made of small areas (LSOAs). */
export interface Lot {
  /** Lot id, e.g. `"ELR-03"`. */
  readonly id: Id;
  /** The small areas in the lot, sorted by id. */
  readonly areaIds: readonly Id[];
  /** The parent the lot nests in (e.g. a CCG code, or `"E38000051|E07000129"` for CCG × district), if any. */
  readonly parent?: string;
}

/** A lot plan: every area in exactly one lot. Lots sorted by id. */
export interface LotPlan {
  readonly lots: readonly Lot[];
}

/** Weekly care hours per small area: `{ [areaId]: hours }`. */
export type DemandHours = Readonly<Record<Id, number>>;

import type { Id } from "./ids.js";

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

/** A virtual edge joining two parts of a parent that share no border (e.g. an island), added by {@link designLots}. */
export interface LotBridge {
  readonly from: Id;
  readonly to: Id;
  /** Straight-line distance between the two areas' points, km. */
  readonly distanceKm: number;
}

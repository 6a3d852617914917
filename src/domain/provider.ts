import type { Id, LonLat } from "./ids.js";

/** Shares of a provider's care hours delivered by staff travelling by each mode; they sum to 1. */
export interface StaffMix {
  readonly drive: number;
  readonly walk: number;
  readonly cycle: number;
  readonly transit: number;
}

/**
 * A home-care provider: base location, weekly capacity, hourly rate and staff travel mix.
 * Allocation uses `id`, `capacityHours` and `ratePerHour`; coverage uses `lonLat` and `staffMix`.
 */
export interface Provider {
  readonly id: Id;
  readonly lonLat: LonLat;
  /** Care hours per week the provider can deliver. */
  readonly capacityHours: number;
  /** Price per care hour, £. */
  readonly ratePerHour: number;
  readonly staffMix: StaffMix;
  /** Display name (e.g. from a provider register), carried to maps, reports and CSVs. */
  readonly name?: string | undefined;
  /** Postcode of the base (e.g. the registered office), carried to reports and CSVs. */
  readonly postcode?: string | undefined;
}

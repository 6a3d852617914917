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
}

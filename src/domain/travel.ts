import type { Id } from "./ids.js";

/** Staff travel modes. `transit` is public transport (bus, tram, train). */
export type TravelMode = "drive" | "walk" | "cycle" | "transit";
/** All modes, in the fixed order lotwise uses for arrays and outputs. */
export const TRAVEL_MODES: readonly TravelMode[] = ["drive", "walk", "cycle", "transit"];

/**
 * Travel times between origins and destinations, per mode. `minutes[mode][o * destinationIds.length + d]`
 * is the time from origin `o` to destination `d`; `Infinity` where unreachable.
 * Produced by every travel-time source ({@link TravelTimeSource}).
 */
export interface TravelMatrix {
  readonly originIds: readonly Id[];
  readonly destinationIds: readonly Id[];
  readonly modes: readonly TravelMode[];
  readonly minutes: Readonly<Partial<Record<TravelMode, Float64Array>>>;
}

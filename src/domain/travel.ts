import type { UrbanRural } from "./area.js";
import type { Id, LonLat } from "./ids.js";

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

/**
 * Anything a travel-time source can route from or to: an id and a position, with an optional
 * rural-urban class. {@link Area}s and {@link Provider}s both fit.
 */
export interface TravelPoint {
  readonly id: Id;
  readonly lonLat: LonLat;
  readonly urbanRural?: UrbanRural | undefined;
}

/**
 * A pluggable travel-time source: given origins, destinations and modes, returns the {@link TravelMatrix}
 * (origins and destinations in the order given). lotwise ships {@link straightLineTravel} and
 * {@link networkTravel}; an app can wrap a routing service (returning a Promise) in the same shape.
 */
export interface TravelTimeSource {
  matrix(
    origins: readonly TravelPoint[],
    destinations: readonly TravelPoint[],
    modes: readonly TravelMode[],
  ): TravelMatrix | Promise<TravelMatrix>;
}

/** A {@link TravelTimeSource} whose `matrix` is synchronous. */
export interface SyncTravelTimeSource extends TravelTimeSource {
  matrix(origins: readonly TravelPoint[], destinations: readonly TravelPoint[], modes: readonly TravelMode[]): TravelMatrix;
}

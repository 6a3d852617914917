import type { Id, LonLat } from "../types.js";

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

/** Rural-urban class of a small area (ONS 2011 two-fold split: A1–C2 urban, D1–E2 rural). */
export type UrbanRural = "urban" | "rural";

/**
 * A small area as a point for travel times: its id, the point people are taken to live at (best a
 * population-weighted centroid) and its rural-urban class (which sets the straight-line driving speed).
 * Build them from boundaries with {@link areasFromBoundaries}.
 */
export interface Area {
  readonly id: Id;
  readonly lonLat: LonLat;
  readonly urbanRural: UrbanRural;
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

/**
 * Sparse provider × area coverage (compressed rows, one row per provider). Only pairs whose time by at
 * least one mode is within the largest threshold are stored. For stored entry `k` (provider `p` owns
 * entries `offsets[p] .. offsets[p+1]-1`): `areaIndex[k]` indexes `areaIds`, `minutes[mode][k]` is the
 * time, and bit `i` of `withinMask[k]` is set when `minutes[modes[i]][k] <= thresholdMinutes[modes[i]]`.
 */
export interface Coverage {
  readonly providerIds: readonly Id[];
  readonly areaIds: readonly Id[];
  readonly modes: readonly TravelMode[];
  readonly thresholdMinutes: Readonly<Partial<Record<TravelMode, number>>>;
  /** Staff mix per provider, parallel to `providerIds`. */
  readonly staffMix: readonly StaffMix[];
  readonly offsets: Uint32Array;
  readonly areaIndex: Uint32Array;
  readonly minutes: Readonly<Partial<Record<TravelMode, Float64Array>>>;
  readonly withinMask: Uint8Array;
}

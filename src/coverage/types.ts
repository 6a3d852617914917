import type { Id, LonLat, StaffMix, TravelMatrix, TravelMode, UrbanRural } from "../domain/index.js";

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

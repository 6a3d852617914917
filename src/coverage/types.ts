import type { Id, StaffMix, TravelMode } from "../domain/index.js";

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

import type { StraightLineOptions } from "../schema/travel.js";

/**
 * A calibrated preset of {@link straightLineTravel} for rural England, fitted on Rutland: pass it as the
 * options (`straightLineTravel(STRAIGHT_LINE_RUTLAND_2022)`) when no road network is at hand.
 *
 * Data: lotwise's {@link networkTravel} defaults on the OpenStreetMap extract of Rutland of 2022-07-20
 * (Geofabrik; © OpenStreetMap contributors, ODbL 1.0), from the 9 CQC home-care agency offices in Rutland
 * (CQC export of 2025-09-08; OGL v3.0) to the 23 Rutland LSOA (2011) population-weighted centroids (ONS;
 * OGL v3.0): 207 pairs per mode. (The 9 nearest Melton and Harborough offices lie 4.6–8.3 km beyond the
 * extract's roads and were not routed.)
 *
 * Method: for each pair, network minutes ÷ default straight-line minutes; the preset multiplies the
 * defaults by the median ratio (rounded to 2 decimals): driving speeds by the area's urban/rural class
 * (urban 30 ÷ 1.173 = 25.58 km/h, rural 50 ÷ 1.192 = 41.95 km/h, detour kept at 1.3), walking and cycling
 * detours over all pairs (1.25 × 1.05 = 1.31 and 1.25 × 1.004 = 1.25). The ratio spreads (p10–p90) were
 * 0.89–1.88 driving, 0.94–1.27 walking and 0.92–1.32 cycling: a single factor is right on the median pair
 * and off by up to a half on one pair in ten. Transit is unchanged (use {@link busServiceTravel}).
 * A test (test/coverage/rutland-straight-line.test.ts) recomputes these numbers from the shipped data.
 *
 * @example
 * ```ts
 * import { straightLineTravel, STRAIGHT_LINE_RUTLAND_2022 } from "lotwise";
 * const src = straightLineTravel(STRAIGHT_LINE_RUTLAND_2022);
 * src.matrix([{ id: "P", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0.01], urbanRural: "rural" }], ["drive"]).minutes.drive![0]; // ≈ 2.07
 * ```
 */
export const STRAIGHT_LINE_RUTLAND_2022: Readonly<StraightLineOptions> = Object.freeze({
  driveUrbanKmh: 25.58,
  driveRuralKmh: 41.95,
  detour: Object.freeze({ drive: 1.3, walk: 1.31, cycle: 1.25, transit: 1.3 }),
});

/**
 * Straight-line travel times: great-circle (haversine) distance × a detour factor ÷ a speed.
 *
 *   minutes(o, d, m) = 60 · dist_km(o, d) · detour_m / speed_m            (walk, cycle)
 *   minutes(o, d, transit) = wait + 60 · dist_km · detour_transit / transitKmh   (APPROXIMATE proxy)
 *   minutes(o, d, drive) = 60 · dist_km · detour_drive · ½ (1/v(o) + 1/v(d))
 *
 * where v(x) is the urban or rural driving speed for the endpoint's class: half the trip is taken at
 * each end's speed. An endpoint without a class takes the other's; with neither, urban.
 */
import { parseInput } from "../errors.js";
import { EARTH_RADIUS_M } from "../internal/geo.js";
import { StraightLineOptionsSchema, type StraightLineOptions } from "../schema/travel.js";
import { parseMatrixRequest } from "./parse-points.js";
import type { SyncTravelTimeSource, TravelMatrix, TravelMode } from "../domain/index.js";

const RAD = Math.PI / 180;

/**
 * A straight-line travel-time source (browser-safe, no network data needed). See
 * {@link StraightLineOptionsSchema} for the default speeds and detour factors and their sources.
 *
 * @param options - speeds (km/h), detour factors per mode, transit wait; all optional.
 * @returns a source whose `matrix(origins, destinations, modes)` returns a {@link TravelMatrix} at once.
 * @throws {LotwiseError} `invalid_input` for a bad option (e.g. a speed ≤ 0), and from `matrix` for a bad
 *   point, a duplicate id or an unknown mode; `limit_exceeded` from `matrix` when origins × destinations ×
 *   modes exceeds {@link MAX_MATRIX_CELLS} (5·10⁷ cells, 400 MB), before anything is allocated.
 * @example
 * ```ts
 * import { straightLineTravel } from "lotwise";
 * const src = straightLineTravel();
 * const m = src.matrix(
 *   [{ id: "P1", lonLat: [-1.13, 52.63] }],
 *   [{ id: "A", lonLat: [-1.13, 52.64], urbanRural: "urban" }],
 *   ["drive", "walk"],
 * );
 * m.minutes.walk![0]; // ≈ 17.4 (1.11 km × 1.25 at 4.8 km/h)
 * ```
 */
export function straightLineTravel(options: StraightLineOptions = {}): SyncTravelTimeSource {
  const s = parseInput(StraightLineOptionsSchema, options, "options");
  return {
    matrix(origins, destinations, modes) {
      const { os, ds, ms } = parseMatrixRequest(origins, destinations, modes);
      const nO = os.length, nD = ds.length;
      // sin/cos of half-angles per destination, so the inner loop needs no trigonometry but asin:
      // sin((b − a)/2) = sin(b/2)cos(a/2) − cos(b/2)sin(a/2).
      const dSinLat = new Float64Array(nD), dCosLat = new Float64Array(nD), dSinLon = new Float64Array(nD), dCosLon = new Float64Array(nD);
      const dCos = new Float64Array(nD);
      // Driving pace (min per km) at each destination; NaN = class unknown.
      const dPace = new Float64Array(nD);
      const paceOf = (c: string | undefined) => (c === "rural" ? 60 / s.driveRuralKmh : c === "urban" ? 60 / s.driveUrbanKmh : Number.NaN);
      ds.forEach((p, j) => {
        dSinLat[j] = Math.sin((p.lonLat[1] * RAD) / 2);
        dCosLat[j] = Math.cos((p.lonLat[1] * RAD) / 2);
        dSinLon[j] = Math.sin((p.lonLat[0] * RAD) / 2);
        dCosLon[j] = Math.cos((p.lonLat[0] * RAD) / 2);
        dCos[j] = Math.cos(p.lonLat[1] * RAD);
        dPace[j] = paceOf(p.urbanRural);
      });
      const out: Partial<Record<TravelMode, Float64Array>> = {};
      for (const m of ms) out[m] = new Float64Array(nO * nD);
      const kDrive = 0.5 * s.detour.drive;
      const kWalk = (60 * s.detour.walk) / s.walkKmh;
      const kCycle = (60 * s.detour.cycle) / s.cycleKmh;
      const kTransit = (60 * s.detour.transit) / s.transitKmh;
      const wait = s.transitWaitMinutes;
      const urbanPace = 60 / s.driveUrbanKmh;
      const km = new Float64Array(nD);
      const drivePace = new Float64Array(nD); // a + b per destination for the current origin
      for (let i = 0; i < nO; i++) {
        const o = os[i]!;
        const oLon = o.lonLat[0] * RAD, oLat = o.lonLat[1] * RAD, oCos = Math.cos(oLat);
        const oS = Math.sin(oLat / 2), oC = Math.cos(oLat / 2), oSl = Math.sin(oLon / 2), oCl = Math.cos(oLon / 2);
        for (let j = 0; j < nD; j++) {
          const sLat = dSinLat[j]! * oC - dCosLat[j]! * oS;
          const sLon = dSinLon[j]! * oCl - dCosLon[j]! * oSl;
          const h = sLat * sLat + oCos * dCos[j]! * sLon * sLon;
          km[j] = (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
        }
        const row = i * nD;
        for (const m of ms) {
          const a = out[m]!;
          if (m === "drive") {
            const oPace = paceOf(o.urbanRural);
            for (let j = 0; j < nD; j++) {
              let x = oPace, y = dPace[j]!;
              if (Number.isNaN(x)) x = Number.isNaN(y) ? urbanPace : y;
              if (Number.isNaN(y)) y = x;
              drivePace[j] = x + y;
            }
            for (let j = 0; j < nD; j++) a[row + j] = km[j]! * kDrive * drivePace[j]!;
          } else if (m === "transit") {
            for (let j = 0; j < nD; j++) a[row + j] = wait + km[j]! * kTransit;
          } else {
            const k = m === "walk" ? kWalk : kCycle;
            for (let j = 0; j < nD; j++) a[row + j] = km[j]! * k;
          }
        }
      }
      return { originIds: os.map((p) => p.id), destinationIds: ds.map((p) => p.id), modes: [...ms], minutes: out };
    },
  };
}

/**
 * Travel between visits, modelled from a lot's demand density (the "travel" half of the cost of care).
 *
 * Visits. With weekly hours h_a in area a and a visit-length mix of shares s_k of visits lasting ℓ_k
 * minutes, the mean visit lasts L̄ = Σ_k s_k ℓ_k minutes and area a has V_a = 60 h_a / L̄ visits a week.
 *
 * Who can be chained. A careworker's next visit is one due in the same call window (W windows a day:
 * morning, lunch, tea, bed) and served by the same provider (share σ of the lot's visits). So the points one
 * provider sequences in one window have density, in area a (A_a km², visits spread evenly over it),
 *
 *   ρ_a = σ · V_a / (7 · W · A_a)        visits per km² per window.
 *
 * Legs. The provider's visits in a window are chained by a nearest-neighbour tour and the tour is cut
 * into runs of k visits (tour partitioning, Haimovich & Rinnooy Kan 1985): k − 1 legs of every run are
 * paid travel; the legs from home to the first visit and back are commuting. For N points of density
 * f over a region, tour length ≈ β √N ∫√f (Beardwood, Halton & Hammersley 1959), i.e. a leg starting
 * in area a is β / √ρ_a long. For a nearest-neighbour tour β ≈ 0.92 (≈ 25 % above the optimal tour's
 * 0.7124; Johnson & McGeoch 1997); in a square with edges the mean leg is 0.90–0.93·√(A/N) for
 * 20–1000 uniform points (test/cost checks 20, 100 and 500 points). Real rosters are longer than this ideal chain (time slots, continuity of carer, skills,
 * the many agencies sharing a street) by a factor φ ≥ 1. So, straight-line km per leg in area a:
 *
 *   d_a = φ · β / √ρ_a = φ · β · √(7 · W · A_a / (σ · V_a)).
 *
 * φ defaults to 3.65, CALIBRATED (not measured): with the other defaults the Leicestershire County
 * Council area (20,317 h/week spread by residents aged 65+) then averages 2.9 road miles per visit,
 * the Homecare Association's 2022 national figure; independently, its driving time is 11.5 minutes
 * per contact hour, against the 11.7 implied by the Minimum Price 2020-21 travel line (£1.70 of
 * £8.72 an hour). φ = 1 is the ideal chain, which test/cost checks against simulated visit sequences.
 *
 * Minutes. The lot's own travel source turns a leg into minutes, per staff mode m: τ_{a,m} is the mean,
 * over `probeBearings` compass directions, of the source's time from area a's point to the point d_a km
 * away (both of a's rural-urban class). Any {@link TravelTimeSource} works: straight line, road network
 * (with `fallbackTravel` where the network has no time), a routing service. For a source linear in
 * distance (the straight-line one) the mean of the leg times equals the time of the mean leg.
 *
 * Per visit and per contact hour (the Fair Cost of Care formula), with p_a = h_a / Σ h the area's share
 * of the lot's visits (every area has the same mix):
 *
 *   travel minutes per visit        t_m = (k − 1)/k · Σ_a p_a τ_{a,m}
 *   travel minutes per contact hour T_m = (60 / L̄) · t_m
 *   drivers' miles per visit         = (k − 1)/k · Σ_a p_a d_a · roadDetour / 1.609344
 *
 * and the staff mix (shares of hours by mode) blends T = Σ_m mix_m T_m.
 *
 * What follows from it: at fixed visit counts, doubling every visit length halves T; at fixed hours it
 * divides T by √2 (half the visits, legs √2 longer). More hours on the same areas never lengthen a leg.
 * Only demand-carrying areas have legs (an area with no hours has no visits, and no density).
 *
 * Limits: visits are spread evenly over each area (real clients cluster in villages and streets, so
 * rural legs are overstated where the LSOA is mostly fields); time windows, continuity of carer and
 * double-handed calls, which lengthen real runs, are folded into W and σ; the probe for a network
 * source is one leg from the area's point, not a sample of the area. `costOfCare` reports the inputs
 * (W, σ, k, β, φ) it used so a council can set its own (e.g. φ from its providers' rostered miles).
 */
import { LotwiseError } from "../errors.js";
import { EARTH_RADIUS_M } from "../internal/geo.js";
import type { Id, LonLat, TravelMatrix, TravelMode, UrbanRural, TravelPoint, TravelTimeSource } from "../domain/index.js";

/** One demand-carrying area of the model, after validation. @internal */
export interface ModelArea {
  readonly id: Id;
  readonly lonLat: LonLat;
  readonly areaKm2: number;
  readonly urbanRural: UrbanRural;
  /** Straight-line km of one leg, d_a. */
  readonly legKm: number;
}

/** Mean probe minutes per area and mode (NaN where no source gave a time), and what fell back. @internal */
export interface ProbeResult {
  /** minutes[mode][i]: mean over bearings of the leg time of area i (probed modes only). NaN = unreachable. */
  readonly minutes: Partial<Record<TravelMode, Float64Array>>;
  /** Probes answered by `fallbackTravel`, per probed mode. */
  readonly fallbackProbes: Partial<Record<TravelMode, number>>;
}

/**
 * Areas per source call. Sources return full origin × destination matrices and only the diagonal blocks
 * (an area to its own probes) are used, so small chunks waste least (8 × 32 × 4 modes = 1,024 cells a
 * call) while a routing service still gets batches rather than one request per area.
 */
const CHUNK = 8;
const RAD = Math.PI / 180;

/** The point `km` away from `from` on compass bearing `bearingDeg` (great circle). @internal */
export function destinationPoint(from: LonLat, km: number, bearingDeg: number): LonLat {
  const d = (km * 1000) / EARTH_RADIUS_M;
  const t = bearingDeg * RAD;
  const lat1 = from[1] * RAD, lon1 = from[0] * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(t));
  const lon2 = lon1 + Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [lon2 / RAD, lat2 / RAD];
}

/**
 * d_a = φ · β · √(7 · W · A_a / (σ · V_a)): straight-line km of one leg in an area with `visitsPerWeek`
 * visits over `areaKm2`. Infinity for an area without visits. @internal
 */
export function legKm(
  visitsPerWeek: number,
  areaKm2: number,
  m: { readonly callWindowsPerDay: number; readonly providerShare: number; readonly tourConstant: number; readonly rosterFactor: number },
): number {
  if (!(visitsPerWeek > 0)) return Infinity;
  return m.rosterFactor * m.tourConstant * Math.sqrt((7 * m.callWindowsPerDay * areaKm2) / (m.providerShare * visitsPerWeek));
}

function checkMatrix(m: TravelMatrix, nO: number, nD: number, modes: readonly TravelMode[], which: string): void {
  for (const mode of modes) {
    const a = m.minutes[mode];
    if (a === undefined || a.length !== nO * nD) {
      throw new LotwiseError(
        "invalid_input",
        `Invalid options.${which}: its matrix has ${a === undefined ? "no" : a.length} ${mode} minutes for ${nO} origins × ${nD} destinations (expected ${nO * nD}).`,
        { issues: [{ path: ["options", which], message: `the travel source returned no ${mode} times of the right size`, input: a?.length }] },
      );
    }
  }
}

/**
 * Probes every area's leg with the travel source (and the fallback where the source has no time).
 * @internal
 */
export async function probeLegs(
  areas: readonly ModelArea[],
  modes: readonly TravelMode[],
  bearings: number,
  travel: TravelTimeSource,
  fallback: TravelTimeSource | undefined,
): Promise<ProbeResult> {
  const n = areas.length;
  const minutes: Partial<Record<TravelMode, Float64Array>> = {};
  const fallbackProbes: Partial<Record<TravelMode, number>> = {};
  for (const m of modes) {
    minutes[m] = new Float64Array(n);
    fallbackProbes[m] = 0;
  }
  for (let start = 0; start < n; start += CHUNK) {
    const chunk = areas.slice(start, start + CHUNK);
    const origins: TravelPoint[] = chunk.map((a) => ({ id: a.id, lonLat: a.lonLat, urbanRural: a.urbanRural }));
    const probes: TravelPoint[] = [];
    for (const a of chunk) {
      for (let b = 0; b < bearings; b++) probes.push({ id: `${a.id}#${b}`, lonLat: destinationPoint(a.lonLat, a.legKm, (360 * b) / bearings), urbanRural: a.urbanRural });
    }
    const nD = probes.length;
    const main = await travel.matrix(origins, probes, modes);
    checkMatrix(main, chunk.length, nD, modes, "travel");
    // Times of the diagonal blocks (area i → its own probes); Infinity where the source has none.
    const cell = (m: TravelMatrix, mode: TravelMode, i: number, b: number): number => m.minutes[mode]![i * nD + i * bearings + b]!;
    let missing = false;
    for (const mode of modes) for (let i = 0; i < chunk.length && !missing; i++) for (let b = 0; b < bearings; b++) if (!Number.isFinite(cell(main, mode, i, b))) missing = true;
    const back = missing && fallback !== undefined ? await fallback.matrix(origins, probes, modes) : undefined;
    if (back !== undefined) checkMatrix(back, chunk.length, nD, modes, "fallbackTravel");
    for (const mode of modes) {
      for (let i = 0; i < chunk.length; i++) {
        let sum = 0;
        for (let b = 0; b < bearings; b++) {
          let t = cell(main, mode, i, b);
          if (!Number.isFinite(t) && back !== undefined) {
            t = cell(back, mode, i, b);
            fallbackProbes[mode] = fallbackProbes[mode]! + 1;
          }
          sum += t;
        }
        minutes[mode]![start + i] = Number.isFinite(sum) ? sum / bearings : Number.NaN;
      }
    }
  }
  return { minutes, fallbackProbes };
}

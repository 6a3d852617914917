/**
 * Provider × area coverage. For provider p, area a and mode m with time t_pam:
 *   within_pam = t_pam ≤ T_m   (T_m the threshold for m)
 * A pair is stored when min_m t_pam ≤ max_m T_m (sparse, compressed rows by provider).
 */
import { invalid, parseInput } from "../errors.js";
import { ComputeCoverageInputSchema, type ThresholdMinutes } from "../schema/coverage.js";
import { indexIn, resolveTravel } from "./check-matrix.js";
import { parsePoints } from "./parse-points.js";
import type { Coverage } from "./types.js";
import { type TravelPoint, type TravelTimeSource, TRAVEL_MODES, type Provider, type TravelMatrix, type TravelMode } from "../domain/index.js";

/** Input of {@link computeCoverage}. */
export interface ComputeCoverageInput {
  readonly providers: readonly Provider[];
  /** Areas (points); only `id` is read when `travel` is a matrix. */
  readonly areas: readonly TravelPoint[];
  /** A matrix with provider ids as origins and area ids as destinations, or a synchronous source. */
  readonly travel: TravelMatrix | TravelTimeSource;
  /** One threshold for every mode, or one per mode (only those modes are assessed). */
  readonly thresholdMinutes: ThresholdMinutes;
}

/**
 * Computes which areas each provider reaches within the threshold, per mode, stored sparse.
 *
 * Modes assessed: those in `thresholdMinutes` when it is per mode; otherwise the matrix's modes (all
 * four when `travel` is a source). A provider with staff in a mode that is not assessed is an error, so no
 * staff hours are silently treated as reaching nothing.
 *
 * @param input - `{ providers, areas, travel, thresholdMinutes }`.
 * @returns the {@link Coverage}, providers and areas in input order.
 * @throws {LotwiseError} `invalid_input` (negative threshold, unknown mode, staff in an unassessed mode,
 *   async source, matrix without a needed mode); `unknown_id` (provider or area not in the matrix).
 * @example
 * ```ts
 * import { computeCoverage, straightLineTravel } from "lotwise";
 * const providers = [{ id: "P1", lonLat: [-1.13, 52.63] as [number, number], capacityHours: 500, ratePerHour: 22,
 *   staffMix: { drive: 0.8, walk: 0.2, cycle: 0, transit: 0 } }];
 * const areas = [{ id: "A", lonLat: [-1.13, 52.64] as [number, number], urbanRural: "urban" as const }];
 * const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20, walk: 20 } });
 * cov.withinMask[0]; // 3 (bits drive, walk): driving 2.9 min and walking 17.4 min are both within 20
 * ```
 */
export function computeCoverage(input: ComputeCoverageInput): Coverage {
  const inp = parseInput(ComputeCoverageInputSchema, input, "input");
  const { providers } = inp;
  const areas = parsePoints(inp.areas, "input.areas");
  const thr = inp.thresholdMinutes;
  let modes: TravelMode[];
  let travel: TravelMatrix;
  if (typeof thr === "number") {
    const wanted = isMatrixLike(inp.travel) ? (inp.travel as TravelMatrix).modes : TRAVEL_MODES;
    travel = resolveTravel(inp.travel, providers, areas, wanted, ["input", "travel"]);
    modes = TRAVEL_MODES.filter((m) => travel.modes.includes(m));
  } else {
    modes = TRAVEL_MODES.filter((m) => thr[m] !== undefined);
    travel = resolveTravel(inp.travel, providers, areas, modes, ["input", "travel"]);
    for (const m of modes) {
      if (!travel.modes.includes(m)) invalid(["input", "thresholdMinutes", m], thr[m], `the travel matrix has no ${m} times (it has ${travel.modes.join(", ")})`);
    }
  }
  const thresholds: Partial<Record<TravelMode, number>> = {};
  for (const m of modes) thresholds[m] = typeof thr === "number" ? thr : thr[m]!;
  providers.forEach((p, i) => {
    for (const m of TRAVEL_MODES) {
      if (p.staffMix[m] > 0 && !modes.includes(m)) {
        invalid(["input", "providers", i, "staffMix", m], p.staffMix[m], `provider ${p.id} has ${m} staff but ${m} is not assessed (add a ${m} threshold and times, or set the share to 0)`);
      }
    }
  });
  const oIdx = indexIn(travel.originIds, providers.map((p) => p.id), ["input", "providers"], "originIds");
  const dIdx = indexIn(travel.destinationIds, areas.map((a) => a.id), ["input", "areas"], "destinationIds");
  const maxT = Math.max(...modes.map((m) => thresholds[m]!));
  const nD = travel.destinationIds.length;
  const arrays = modes.map((m) => travel.minutes[m]!);
  const limits = modes.map((m) => thresholds[m]!);
  const nM = modes.length;

  const offsets = new Uint32Array(providers.length + 1);
  let cap = 1024, count = 0;
  let areaIndex = new Uint32Array(cap);
  let mask = new Uint8Array(cap);
  let mins = modes.map(() => new Float64Array(cap));
  // One pass per mode over a provider's row (one typed array at a time), then one pass to store.
  const keep = new Uint8Array(areas.length);
  const bitsOf = new Uint8Array(areas.length);
  for (let p = 0; p < providers.length; p++) {
    const row = oIdx[p]! * nD;
    keep.fill(0);
    bitsOf.fill(0);
    for (let mi = 0; mi < nM; mi++) {
      const arr = arrays[mi]!, lim = limits[mi]!, bit = 1 << mi;
      for (let a = 0; a < areas.length; a++) {
        const t = arr[row + dIdx[a]!]!;
        if (t <= maxT) keep[a] = 1;
        if (t <= lim) bitsOf[a] = bitsOf[a]! | bit;
      }
    }
    for (let a = 0; a < areas.length; a++) {
      if (keep[a] === 0) continue;
      const k = row + dIdx[a]!;
      if (count === cap) {
        cap *= 2;
        areaIndex = grow(areaIndex, new Uint32Array(cap));
        mask = grow(mask, new Uint8Array(cap));
        mins = mins.map((x) => grow(x, new Float64Array(cap)));
      }
      areaIndex[count] = a;
      mask[count] = bitsOf[a]!;
      for (let mi = 0; mi < nM; mi++) mins[mi]![count] = arrays[mi]![k]!;
      count++;
    }
    offsets[p + 1] = count;
  }
  const minutes: Partial<Record<TravelMode, Float64Array>> = {};
  modes.forEach((m, mi) => (minutes[m] = mins[mi]!.slice(0, count)));
  return {
    providerIds: providers.map((p) => p.id),
    areaIds: areas.map((a) => a.id),
    modes,
    thresholdMinutes: thresholds,
    staffMix: providers.map((p) => ({ ...p.staffMix })),
    offsets,
    areaIndex: areaIndex.slice(0, count),
    minutes,
    withinMask: mask.slice(0, count),
  };
}

function isMatrixLike(t: unknown): boolean {
  return typeof (t as { matrix?: unknown }).matrix !== "function";
}

function grow<T extends Uint32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

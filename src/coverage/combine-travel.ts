import { invalid } from "../errors.js";
import { parseMatrixRequest } from "./parse-points.js";
import { type SyncTravelTimeSource, TRAVEL_MODES, type TravelMatrix, type TravelMode, type TravelTimeSource } from "../domain/index.js";

/**
 * One travel-time source made of one source per mode, e.g. roads for driving, walking and cycling and the
 * bus service-level model for transit. Each source is asked only for its modes; the matrices are merged.
 * The result is synchronous when every source used returns a matrix at once (as lotwise's own do).
 *
 * @param sources - a source per mode; modes without one are refused by `matrix`.
 * @returns a {@link TravelTimeSource}; a {@link SyncTravelTimeSource} when every source is synchronous.
 * @throws {LotwiseError} `invalid_input` from `matrix` for a mode without a source or a source whose matrix
 *   lacks the mode or has other origins/destinations.
 * @example
 * ```ts
 * import { busServiceTravel, combineTravel, straightLineTravel } from "lotwise";
 * const travel = combineTravel({ drive: straightLineTravel(), transit: busServiceTravel([{ LSOA21CD: "A", "runs_Tue_Midday": 12 }]) });
 * const m = travel.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0] }], ["drive", "transit"]);
 * m.minutes.transit![0]; // 25: 10 walking + a 15-minute wait, no ride
 * ```
 */
export function combineTravel(sources: Readonly<Partial<Record<TravelMode, SyncTravelTimeSource>>>): SyncTravelTimeSource;
export function combineTravel(sources: Readonly<Partial<Record<TravelMode, TravelTimeSource>>>): TravelTimeSource;
export function combineTravel(sources: Readonly<Partial<Record<TravelMode, TravelTimeSource>>>): TravelTimeSource {
  if (typeof sources !== "object" || sources === null) invalid(["sources"], sources, "expected { mode: source }");
  for (const [m, s] of Object.entries(sources)) {
    if (!(TRAVEL_MODES as readonly string[]).includes(m)) invalid(["sources", m], m, `unknown travel mode; expected one of ${TRAVEL_MODES.join(", ")}`);
    if (typeof (s as TravelTimeSource | undefined)?.matrix !== "function") invalid(["sources", m], s, "expected a travel-time source with a matrix() method");
  }
  return {
    matrix(origins, destinations, modes) {
      const { os, ds, ms } = parseMatrixRequest(origins, destinations, modes);
      const groups = new Map<TravelTimeSource, TravelMode[]>();
      for (const m of ms) {
        const s = sources[m];
        if (s === undefined) invalid(["modes"], m, `no source for ${m} (sources for: ${Object.keys(sources).join(", ")})`);
        groups.set(s, [...(groups.get(s) ?? []), m]);
      }
      const parts = [...groups].map(([s, gm]) => ({ gm, r: s.matrix(os, ds, gm) }));
      const merge = (done: { gm: TravelMode[]; r: TravelMatrix }[]): TravelMatrix => {
        const minutes: Partial<Record<TravelMode, Float64Array>> = {};
        for (const { gm, r } of done) {
          if (r.originIds.length !== os.length || r.destinationIds.length !== ds.length) invalid(["sources", gm[0]!], r.originIds.length, "the source returned a matrix of another shape");
          for (const m of gm) {
            const a = r.minutes[m];
            if (a === undefined) invalid(["sources", m], r.modes, `the source returned no ${m} times`);
            minutes[m] = a;
          }
        }
        return { originIds: os.map((p) => p.id), destinationIds: ds.map((p) => p.id), modes: [...ms], minutes };
      };
      if (parts.some((p) => p.r instanceof Promise)) return Promise.all(parts.map(async (p) => ({ gm: p.gm, r: await p.r }))).then(merge);
      return merge(parts as { gm: TravelMode[]; r: TravelMatrix }[]);
    },
  };
}

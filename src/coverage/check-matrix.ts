import { LotwiseError, invalid } from "../errors.js";
import type { Id } from "../types.js";
import { TRAVEL_MODES, type TravelMatrix, type TravelMode, type TravelPoint, type TravelTimeSource } from "./types.js";

/** Checks the shape of a user-supplied matrix (ids unique, one array of the right length per mode). @internal */
export function checkMatrix(m: unknown, path: readonly PropertyKey[]): TravelMatrix {
  const t = m as Partial<TravelMatrix> | null;
  if (typeof t !== "object" || t === null || !Array.isArray(t.originIds) || !Array.isArray(t.destinationIds) || !Array.isArray(t.modes) || typeof t.minutes !== "object" || t.minutes === null) {
    invalid(path, m, "expected a TravelMatrix { originIds, destinationIds, modes, minutes } or a TravelTimeSource");
  }
  const n = t.originIds.length * t.destinationIds.length;
  t.modes.forEach((mode: unknown, i) => {
    if (!TRAVEL_MODES.includes(mode as TravelMode)) invalid([...path, "modes", i], mode, `unknown travel mode; expected one of ${TRAVEL_MODES.join(", ")}`);
    const a = t.minutes![mode as TravelMode];
    if (!(a instanceof Float64Array) || a.length !== n) {
      invalid([...path, "minutes", mode as string], a === undefined ? a : `length ${(a as { length?: number }).length}`, `expected a Float64Array of ${n} (origins × destinations)`);
    }
  });
  return t as TravelMatrix;
}

/** Index of each id in `ids`, or throws `unknown_id` naming the missing one. @internal */
export function indexIn(ids: readonly Id[], wanted: readonly Id[], path: readonly PropertyKey[], what: string): Int32Array {
  const map = new Map(ids.map((id, i) => [id, i]));
  const out = new Int32Array(wanted.length);
  wanted.forEach((id, i) => {
    const k = map.get(id);
    if (k === undefined) invalid([...path, i, "id"], id, `not among the travel matrix ${what}`, "unknown_id");
    out[i] = k;
  });
  return out;
}

/** Resolves `travel` (matrix or synchronous source) to a matrix. @internal */
export function resolveTravel(
  travel: unknown,
  origins: readonly TravelPoint[],
  destinations: readonly TravelPoint[],
  modes: readonly TravelMode[],
  path: readonly PropertyKey[],
): TravelMatrix {
  const src = travel as Partial<TravelTimeSource> | null;
  if (typeof src === "object" && src !== null && typeof src.matrix === "function") {
    const m = src.matrix(origins, destinations, modes);
    if (typeof (m as { then?: unknown }).then === "function") {
      throw new LotwiseError(
        "invalid_input",
        `Invalid ${String(path[0])}: an asynchronous TravelTimeSource. Await source.matrix(origins, destinations, modes) and pass the TravelMatrix instead.`,
        { issues: [{ path: [...path], message: "asynchronous source" }] },
      );
    }
    return checkMatrix(m, path);
  }
  return checkMatrix(travel, path);
}

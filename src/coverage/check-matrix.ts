import { LotwiseError, invalid } from "../errors.js";
import type { Id, TravelMatrix, TravelMode, TravelPoint, TravelTimeSource } from "../domain/index.js";
import { checkTravelMatrix } from "../internal/travel-matrix.js";

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
    return checkTravelMatrix(m, path);
  }
  return checkTravelMatrix(travel, path);
}

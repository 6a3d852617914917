import { invalid } from "../errors.js";
import { TRAVEL_MODES, type TravelMatrix, type TravelMode } from "../domain/index.js";

/**
 * Checks the shape of a user-supplied {@link TravelMatrix}: `originIds`, `destinationIds` and `modes` are
 * arrays, every listed mode is known, and every minutes array present (listed or not) is a `Float64Array`
 * of origins × destinations. The one shape check for matrices coverage, lots and location models take.
 * Ids are not checked for uniqueness here (callers that index by id do that).
 *
 * @param m - the value passed in.
 * @param path - where it was passed, for the error, e.g. `["options", "travel"]`.
 * @returns `m`, typed.
 * @throws {LotwiseError} `invalid_input` naming the field at fault.
 * @internal
 */
export function checkTravelMatrix(m: unknown, path: readonly PropertyKey[]): TravelMatrix {
  const t = m as Partial<TravelMatrix> | null;
  if (typeof t !== "object" || t === null || !Array.isArray(t.originIds) || !Array.isArray(t.destinationIds) || !Array.isArray(t.modes) || typeof t.minutes !== "object" || t.minutes === null) {
    invalid(path, m, "expected a TravelMatrix { originIds, destinationIds, modes, minutes } or a TravelTimeSource");
  }
  const n = t.originIds.length * t.destinationIds.length;
  const minutes = t.minutes;
  const checkArray = (mode: TravelMode): void => {
    const a = minutes[mode];
    if (!(a instanceof Float64Array) || a.length !== n) {
      invalid([...path, "minutes", mode], a === undefined ? a : `length ${(a as { length?: number }).length}`, `expected a Float64Array of ${n} (origins × destinations)`);
    }
  };
  t.modes.forEach((mode: unknown, i) => {
    if (!TRAVEL_MODES.includes(mode as TravelMode)) invalid([...path, "modes", i], mode, `unknown travel mode; expected one of ${TRAVEL_MODES.join(", ")}`);
    checkArray(mode as TravelMode);
  });
  for (const mode of TRAVEL_MODES) if (minutes[mode] !== undefined && !t.modes.includes(mode)) checkArray(mode);
  return t as TravelMatrix;
}

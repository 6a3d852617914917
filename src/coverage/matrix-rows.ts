import { invalid, parseInput } from "../errors.js";
import { TravelMatrixFromRowsOptionsSchema, TravelTimeRowsSchema, type TravelMatrixFromRowsOptions } from "../schema/travel.js";
import { type Id, TRAVEL_MODES, type TravelMatrix, type TravelMode } from "../domain/index.js";
import { checkMatrixCells } from "./matrix-limit.js";

/** One row of an origin-destination table as {@link travelMatrixToRows} writes it. */
export interface TravelTimeRowOut {
  origin_id: Id;
  destination_id: Id;
  mode: TravelMode;
  minutes: number;
}

/**
 * Imports an origin-destination table produced elsewhere (e.g. by r5r, OpenTripPlanner or a routing
 * API) as a {@link TravelMatrix}. Columns: `origin_id, destination_id, mode, minutes`; string cells (from
 * CSV) are coerced. A pair with no row is unreachable (`Infinity`). Modes are those present, in
 * {@link TRAVEL_MODES} order.
 *
 * @param rows - the table, one object per row.
 * @param options - `originIds` / `destinationIds`: the allowed ids and their order (default: as first seen).
 * @returns the matrix.
 * @throws {LotwiseError} `invalid_input` for NaN, negative or non-numeric minutes, an unknown mode or an
 *   empty table; `unknown_id` for an id outside `originIds`/`destinationIds`; `duplicate_id` for a
 *   repeated (origin, destination, mode); `limit_exceeded` when origins × destinations × modes exceeds
 *   {@link MAX_MATRIX_CELLS} (5·10⁷ cells, 400 MB).
 * @example
 * ```ts
 * import { travelMatrixFromRows } from "lotwise";
 * const m = travelMatrixFromRows([{ origin_id: "P1", destination_id: "A", mode: "walk", minutes: "12.5" }]);
 * m.minutes.walk![0]; // 12.5
 * ```
 */
export function travelMatrixFromRows(rows: readonly unknown[], options: TravelMatrixFromRowsOptions = {}): TravelMatrix {
  const opts = parseInput(TravelMatrixFromRowsOptionsSchema, options, "options");
  const rs = parseInput(TravelTimeRowsSchema, rows, "rows");
  const index = (given: string[] | undefined, key: "origin_id" | "destination_id", what: string) => {
    const ids: Id[] = [];
    const map = new Map<Id, number>();
    if (given) {
      given.forEach((id, i) => {
        if (map.has(id)) invalid(["options", what, i], id, "duplicate id", "duplicate_id");
        map.set(id, i);
        ids.push(id);
      });
      rs.forEach((r, i) => {
        if (!map.has(r[key])) invalid(["rows", i, key], r[key], `not one of options.${what}`, "unknown_id");
      });
    } else {
      for (const r of rs) {
        if (!map.has(r[key])) {
          map.set(r[key], ids.length);
          ids.push(r[key]);
        }
      }
    }
    return { ids, map };
  };
  const o = index(opts.originIds, "origin_id", "originIds");
  const d = index(opts.destinationIds, "destination_id", "destinationIds");
  const present = new Set(rs.map((r) => r.mode));
  const modes = TRAVEL_MODES.filter((m) => present.has(m));
  checkMatrixCells(o.ids.length, d.ids.length, modes.length, ["rows"]);
  const n = o.ids.length * d.ids.length;
  const minutes: Partial<Record<TravelMode, Float64Array>> = {};
  const seen: Partial<Record<TravelMode, Uint8Array>> = {};
  for (const m of modes) {
    minutes[m] = new Float64Array(n).fill(Infinity);
    seen[m] = new Uint8Array(n);
  }
  rs.forEach((r, i) => {
    const k = o.map.get(r.origin_id)! * d.ids.length + d.map.get(r.destination_id)!;
    const s = seen[r.mode]!;
    if (s[k] === 1) invalid(["rows", i], `${r.origin_id} → ${r.destination_id} (${r.mode})`, "this origin, destination and mode already has a row", "duplicate_id");
    s[k] = 1;
    minutes[r.mode]![k] = r.minutes;
  });
  return { originIds: o.ids, destinationIds: d.ids, modes, minutes };
}

/**
 * Writes a matrix as table rows (finite times only; a missing pair means unreachable), origins then
 * destinations in matrix order, modes in matrix order. The inverse of {@link travelMatrixFromRows}.
 *
 * @param matrix - any {@link TravelMatrix}.
 * @returns rows `{ origin_id, destination_id, mode, minutes }`.
 * @throws never for a well-formed matrix.
 * @example
 * ```ts
 * import { straightLineTravel, travelMatrixToRows } from "lotwise";
 * const m = straightLineTravel().matrix([{ id: "P", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0.01] }], ["walk"]);
 * travelMatrixToRows(m); // [{ origin_id: "P", destination_id: "A", mode: "walk", minutes: 17.37… }]
 * ```
 */
export function travelMatrixToRows(matrix: TravelMatrix): TravelTimeRowOut[] {
  const out: TravelTimeRowOut[] = [];
  const nD = matrix.destinationIds.length;
  matrix.originIds.forEach((oid, i) => {
    matrix.destinationIds.forEach((did, j) => {
      for (const mode of matrix.modes) {
        const v = matrix.minutes[mode]?.[i * nD + j];
        if (v !== undefined && Number.isFinite(v)) out.push({ origin_id: oid, destination_id: did, mode, minutes: v });
      }
    });
  });
  return out;
}

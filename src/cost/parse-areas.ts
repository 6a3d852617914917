import { invalid } from "../errors.js";
import type { Id, LonLat } from "../domain/index.js";
import type { UrbanRural } from "../domain/index.js";

/**
 * A small area as the cost model sees it: a point (where travel probes start), its land area (visits
 * are spread evenly over it) and its rural-urban class (straight-line driving speed; the urban/rural
 * hour split for `allocate()`). An {@link Area} with `areaKm2` and `urbanRural` (as `areasFromBoundaries`
 * builds it) fits; `urban` (true = urban) is also read in place of `urbanRural`. Other fields are ignored.
 */
export interface CostArea {
  readonly id: Id;
  readonly lonLat: readonly [number, number];
  /** Land area, km² (e.g. `Boundaries.areasKm2`), > 0. Required: optional in the type only so that an
   * `Area` (whose `areaKm2` is optional) is accepted as it is; a missing value is an error. */
  readonly areaKm2?: number | undefined;
  readonly urbanRural?: UrbanRural | undefined;
  readonly urban?: boolean | undefined;
}

/** A validated area. @internal */
export interface ParsedCostArea {
  readonly id: Id;
  readonly lonLat: LonLat;
  readonly areaKm2: number;
  readonly urbanRural: UrbanRural;
}

/**
 * Validates the area list in one hand-written pass (ids non-empty and unique, `[lon, lat]` in range,
 * `areaKm2` finite and > 0, a class) — as `parsePoints` does, because zod objects cost ~10 µs each and
 * this runs inside a ≤ 100 ms budget. Messages keep the `Invalid path: value. why` form. @internal
 */
export function parseCostAreas(value: unknown): ParsedCostArea[] {
  if (!Array.isArray(value) || value.length === 0) invalid(["areas"], value, "expected a non-empty array of areas { id, lonLat, areaKm2, urbanRural | urban }");
  const out: ParsedCostArea[] = new Array(value.length);
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const a = value[i] as { id?: unknown; lonLat?: unknown; areaKm2?: unknown; urbanRural?: unknown; urban?: unknown } | null;
    if (typeof a !== "object" || a === null) invalid(["areas", i], a, "expected an area { id, lonLat, areaKm2, urbanRural | urban }");
    const id = a.id;
    if (typeof id !== "string" || id === "") invalid(["areas", i, "id"], id, "an area id must be a non-empty string");
    if (seen.has(id)) invalid(["areas", i, "id"], id, "duplicate area id", "duplicate_id");
    seen.add(id);
    const ll = a.lonLat;
    if (!Array.isArray(ll) || ll.length < 2) invalid(["areas", i, "lonLat"], ll, "expected [lon, lat]");
    const x = ll[0] as unknown, y = ll[1] as unknown;
    if (typeof x !== "number" || !(x >= -180 && x <= 180)) invalid(["areas", i, "lonLat", 0], x, "longitude must be a number in [-180, 180]");
    if (typeof y !== "number" || !(y >= -90 && y <= 90)) invalid(["areas", i, "lonLat", 1], y, "latitude must be a number in [-90, 90]; are lon and lat swapped?");
    const km2 = a.areaKm2;
    if (typeof km2 !== "number" || !Number.isFinite(km2) || km2 <= 0) invalid(["areas", i, "areaKm2"], km2, "areaKm2 must be a finite number > 0 (visits are spread over it)");
    let cls: UrbanRural;
    if (a.urbanRural === "urban" || a.urbanRural === "rural") cls = a.urbanRural;
    else if (a.urbanRural !== undefined) invalid(["areas", i, "urbanRural"], a.urbanRural, 'expected "urban" or "rural"');
    else if (typeof a.urban === "boolean") cls = a.urban ? "urban" : "rural";
    else invalid(["areas", i, "urbanRural"], a.urban, 'each area needs its class: urbanRural ("urban" | "rural") or urban (true | false)');
    out[i] = { id, lonLat: [x, y], areaKm2: km2, urbanRural: cls };
  }
  return out;
}

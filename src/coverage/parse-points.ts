import { invalid, formatValue, parseInput } from "../errors.js";
import { TravelModeListSchema } from "../schema/travel.js";
import { checkMatrixCells } from "./matrix-limit.js";
import type { LonLat, TravelMode, UrbanRural, TravelPoint } from "../domain/index.js";

/**
 * Validates a list of travel points in one hand-written pass (ids non-empty and unique, `[lon, lat]`
 * finite and in range, class `urban`/`rural` or absent) and returns clean copies. Used instead of a zod
 * schema for point lists because lists reach 58k+ postcode points, where per-element zod objects cost
 * ~10 µs each; messages keep the `Invalid path: value. why` form. @internal
 */
export function parsePoints(value: unknown, argName: string): TravelPoint[] {
  if (!Array.isArray(value)) invalid([argName], value, "expected an array of points { id, lonLat: [lon, lat], urbanRural? }");
  const out: TravelPoint[] = new Array(value.length);
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const p = value[i] as { id?: unknown; lonLat?: unknown; urbanRural?: unknown } | null;
    if (typeof p !== "object" || p === null) invalid([argName, i], p, "expected a point { id, lonLat: [lon, lat] }");
    const id = p.id;
    if (typeof id !== "string" || id === "") invalid([argName, i, "id"], id, "an id must be a non-empty string");
    if (seen.has(id)) invalid([argName, i, "id"], id, "duplicate id", "duplicate_id");
    seen.add(id);
    const ll = p.lonLat;
    if (!Array.isArray(ll) || ll.length < 2) invalid([argName, i, "lonLat"], ll, "expected [lon, lat]");
    const x = ll[0] as unknown, y = ll[1] as unknown;
    if (typeof x !== "number" || !(x >= -180 && x <= 180)) invalid([argName, i, "lonLat", 0], x, "longitude must be a number in [-180, 180]");
    if (typeof y !== "number" || !(y >= -90 && y <= 90)) invalid([argName, i, "lonLat", 1], y, `latitude must be a number in [-90, 90] (are lon and lat swapped in ${formatValue(ll)}?)`);
    const ur = p.urbanRural;
    if (ur !== undefined && ur !== "urban" && ur !== "rural") invalid([argName, i, "urbanRural"], ur, 'expected "urban" or "rural"');
    out[i] = { id, lonLat: [x, y] as LonLat, urbanRural: ur as UrbanRural | undefined };
  }
  return out;
}

/**
 * Validates one `TravelTimeSource.matrix(origins, destinations, modes)` request, as every built-in source
 * does first: the points, the mode list, and the dense-matrix size limit (before anything is allocated).
 */
export function parseMatrixRequest(
  origins: unknown,
  destinations: unknown,
  modes: unknown,
): { os: TravelPoint[]; ds: TravelPoint[]; ms: TravelMode[] } {
  const os = parsePoints(origins, "origins");
  const ds = parsePoints(destinations, "destinations");
  const ms = parseInput(TravelModeListSchema, modes, "modes");
  checkMatrixCells(os.length, ds.length, ms.length, ["origins"]);
  return { os, ds, ms };
}

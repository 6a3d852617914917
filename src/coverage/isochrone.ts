/**
 * Isochrones for maps, by area: the union of the polygons of every area whose point is reached from the
 * origin within the time (@turf/union). Chosen over a hull or concave outline of network nodes because it
 * works with every travel source (straight-line, network, imported), follows real boundaries, and says
 * exactly which areas count as covered in {@link computeCoverage}; it is coarse (an area is all in or all
 * out).
 */
import turfUnion from "@turf/union";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { urbanRuralOf } from "../boundaries/areas.js";
import type { Boundaries } from "../boundaries/types.js";
import { invalid, parseInput } from "../errors.js";
import { TravelModeSchema, TravelPointSchema } from "../schema/travel.js";
import type { Id, TravelMode, TravelPoint, TravelTimeSource } from "../domain/index.js";
import { checkTravelMatrix } from "../internal/travel-matrix.js";
import { z } from "zod";

/** Properties of an {@link isochrone} feature. */
export interface IsochroneProperties {
  originId: Id;
  mode: TravelMode;
  minutes: number;
  /** Areas reached, sorted. */
  areaIds: Id[];
}

const MinutesSchema = z.number().min(0, "must be ≥ 0").refine(Number.isFinite, "must be finite");

/**
 * The area reachable from `origin` by `mode` within `minutes`, as one GeoJSON feature (Polygon or
 * MultiPolygon; `geometry: null` when no area is reached).
 *
 * @param origin - the start point.
 * @param mode - the travel mode.
 * @param minutes - the time limit.
 * @param source - any {@link TravelTimeSource} (sync or async).
 * @param areas - boundaries; each is reached when its point is. Points are the area centroids with the
 *   class from the `urban_rural` property, unless `options.points` gives them (e.g. from
 *   {@link areasFromBoundaries} with population-weighted centroids).
 * @param options - `points`: travel points for the areas (ids must be boundary ids).
 * @returns a promise of the isochrone feature.
 * @throws {LotwiseError} `invalid_input` (unknown mode, negative minutes), `unknown_id` (a point id not a boundary).
 * @example
 * ```ts
 * import { isochrone, loadBoundaries, straightLineTravel } from "lotwise";
 * const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] });
 * const b = loadBoundaries({ type: "FeatureCollection", features: ["A", "B", "C"].map((id, i) => (
 *   { type: "Feature", properties: { code: id, urban_rural: "Urban" }, geometry: sq(i * 0.01) })) }, { idProperty: "code" });
 * const f = await isochrone({ id: "P1", lonLat: [0.005, 0.005] }, "walk", 20, straightLineTravel(), b);
 * f.properties.areaIds; // ["A", "B"]: B's centroid is 17.4 min away on foot, C's 34.7
 * f.geometry?.type; // "Polygon" (A ∪ B)
 * ```
 */
export async function isochrone(
  origin: TravelPoint,
  mode: TravelMode,
  minutes: number,
  source: TravelTimeSource,
  areas: Boundaries,
  options: { points?: readonly TravelPoint[] } = {},
): Promise<Feature<Polygon | MultiPolygon | null, IsochroneProperties>> {
  const o = parseInput(TravelPointSchema, origin, "origin");
  const m = parseInput(TravelModeSchema, mode, "mode");
  const limit = parseInput(MinutesSchema, minutes, "minutes");
  if (typeof (source as Partial<TravelTimeSource> | null)?.matrix !== "function") invalid(["source"], source, "expected a TravelTimeSource with a matrix(origins, destinations, modes) method");
  let points: TravelPoint[];
  if (options.points) {
    points = parseInput(z.array(TravelPointSchema), options.points, "options.points");
    points.forEach((p, i) => {
      if (!areas.indexById.has(p.id)) invalid(["options", "points", i, "id"], p.id, "not a boundary id", "unknown_id");
    });
  } else {
    points = areas.ids.map((id, i) => {
      return { id, lonLat: areas.centroids[i]!, urbanRural: urbanRuralOf(areas.features[i]!.properties["urban_rural"]) };
    });
  }
  const matrix = checkTravelMatrix(await source.matrix([o], points, [m]), ["source"]);
  const times = matrix.minutes[m]!;
  const reached: Id[] = [];
  matrix.destinationIds.forEach((id, j) => {
    if (times[j]! <= limit) reached.push(id);
  });
  reached.sort();
  const properties: IsochroneProperties = { originId: o.id, mode: m, minutes: limit, areaIds: reached };
  if (reached.length === 0) return { type: "Feature", properties, geometry: null };
  const features = reached.map((id) => areas.features[areas.indexById.get(id)!]!);
  const merged = features.length === 1 ? features[0]! : turfUnion({ type: "FeatureCollection", features });
  return { type: "Feature", properties, geometry: merged ? merged.geometry : null };
}

import type { Feature, MultiPolygon, Polygon } from "geojson";
import type { BBox, Id, LonLat } from "../domain/index.js";

/** A polygon feature as lotwise keeps it: geometry plus its properties. */
export type BoundaryFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

/**
 * Validated boundaries, sorted by id. Arrays are parallel: entry `i` of each describes `ids[i]`.
 * Returned by {@link loadBoundaries}; the input of every spatial function.
 */
export interface Boundaries {
  /** Unique ids in code-unit order. */
  readonly ids: readonly Id[];
  /** Id → position in the parallel arrays. */
  readonly indexById: ReadonlyMap<Id, number>;
  /** The features, in id order, with `properties` never null. */
  readonly features: readonly BoundaryFeature[];
  /** `[minLon, minLat, maxLon, maxLat]` per boundary. */
  readonly bboxes: readonly BBox[];
  /** Geodesic area in km² per boundary (@turf/area). */
  readonly areasKm2: readonly number[];
  /** Area-weighted centroid `[lon, lat]` per boundary (may fall outside a concave polygon). */
  readonly centroids: readonly LonLat[];
  /** The property the ids came from, or `null` when `feature.id` was used. */
  readonly idProperty: string | null;
}

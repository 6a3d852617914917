import turfArea from "@turf/area";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { LotwiseError, formatValue, invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { BoundaryCollectionSchema, LoadBoundariesOptionsSchema, type LoadBoundariesOptions } from "../schema/boundary.js";
import type { BBox, Id, LonLat } from "../domain/index.js";
import type { Boundaries, BoundaryFeature } from "./types.js";

/**
 * Validates a GeoJSON FeatureCollection of Polygon/MultiPolygon boundaries and returns them sorted by
 * id with bounding boxes, areas (km²) and centroids.
 *
 * Rejected, with the field and value named: a missing or duplicate id, a null or empty geometry, a
 * geometry that is not a (Multi)Polygon, a non-finite coordinate, a coordinate outside lon [-180, 180] /
 * lat [-90, 90] (usually swapped axes), a ring with fewer than 4 positions or not closed, an empty
 * collection. Tolerated, because they are valid under OGC rules and present in ONS data: MultiPolygon
 * parts that touch at a single point, and holes touching their shell at one vertex.
 *
 * @param geojson - a parsed GeoJSON FeatureCollection (e.g. from `JSON.parse` or `fetch().json()`).
 * @param options - `idProperty`: the property holding each feature's id (default: `feature.id`).
 * @returns the {@link Boundaries}, sorted by id.
 * @throws {LotwiseError} `invalid_input` or `duplicate_id`, naming the feature and field.
 * @example
 * ```ts
 * import { loadBoundaries } from "lotwise";
 * const square = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
 * const b = loadBoundaries(
 *   { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "A" }, geometry: square }] },
 *   { idProperty: "code" },
 * );
 * b.ids; // ["A"]
 * Math.round(b.areasKm2[0]); // 75
 * ```
 */
export function loadBoundaries(geojson: unknown, options: LoadBoundariesOptions = {}): Boundaries {
  const opts = parseInput(LoadBoundariesOptionsSchema, options, "options");
  const fc = parseInput(BoundaryCollectionSchema, geojson, "geojson");
  const idProperty = opts.idProperty ?? null;

  const rows: { id: Id; feature: BoundaryFeature }[] = [];
  const seen = new Map<Id, number>();
  fc.features.forEach((f, i) => {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const raw = idProperty === null ? f.id : props[idProperty];
    const idPath = idProperty === null ? ["geojson", "features", i, "id"] : ["geojson", "features", i, "properties", idProperty];
    if (raw === undefined || raw === null || raw === "") {
      invalid(idPath, raw, idProperty === null ? "every feature needs an id (or pass options.idProperty)" : `every feature needs a "${idProperty}" property`);
    }
    if (typeof raw !== "string" && typeof raw !== "number") invalid(idPath, raw, "an id must be a string or a number");
    const id = String(raw);
    const before = seen.get(id);
    if (before !== undefined) {
      invalid(idPath, raw, `duplicate id: features[${before}] has the same id`, "duplicate_id");
    }
    seen.set(id, i);
    const geometry = f.geometry as unknown as Polygon | MultiPolygon;
    checkCoordinates(geometry, ["geojson", "features", i, "geometry", "coordinates"]);
    rows.push({ id, feature: { type: "Feature", id: f.id ?? id, properties: props, geometry } as BoundaryFeature });
  });
  rows.sort((a, b) => compareIds(a.id, b.id));

  const ids = rows.map((r) => r.id);
  const features = rows.map((r) => r.feature);
  return {
    ids,
    indexById: new Map(ids.map((id, i) => [id, i])),
    features,
    bboxes: features.map((f) => geometryBBox(f.geometry)),
    areasKm2: features.map((f) => turfArea(f) / 1e6),
    centroids: features.map((f) => areaCentroid(f.geometry)),
    idProperty,
  };
}

function checkCoordinates(g: Polygon | MultiPolygon, path: (string | number)[]): void {
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  polygons.forEach((poly, pi) => {
    const polyPath = g.type === "Polygon" ? path : [...path, pi];
    if (!Array.isArray(poly) || poly.length === 0) invalid(polyPath, poly, "a polygon needs at least one ring (empty geometry)");
    poly.forEach((ring, ri) => {
      const ringPath = [...polyPath, ri];
      if (!Array.isArray(ring) || ring.length < 4) {
        invalid(ringPath, ring, `a linear ring needs at least 4 positions, got ${Array.isArray(ring) ? ring.length : "none"}`);
      }
      for (let k = 0; k < ring.length; k++) {
        const p = ring[k] as unknown;
        if (!Array.isArray(p) || p.length < 2) invalid([...ringPath, k], p, "a position must be [lon, lat]");
        const [x, y] = p as number[];
        if (typeof x !== "number" || !Number.isFinite(x)) invalid([...ringPath, k, 0], x, "longitude must be a finite number");
        if (typeof y !== "number" || !Number.isFinite(y)) invalid([...ringPath, k, 1], y, "latitude must be a finite number");
        if (y < -90 || y > 90) {
          invalid([...ringPath, k], p, `latitude ${y} is outside [-90, 90]; GeoJSON positions are [lon, lat], are the axes swapped?`);
        }
        if (x < -180 || x > 180) invalid([...ringPath, k], p, `longitude ${x} is outside [-180, 180]`);
      }
      const a = ring[0] as Position;
      const b = ring[ring.length - 1] as Position;
      if (a[0] !== b[0] || a[1] !== b[1]) {
        invalid(ringPath, `${formatValue(a)} … ${formatValue(b)}`, "a linear ring must be closed (first position equal to last)");
      }
    });
  });
}

function geometryBBox(g: Polygon | MultiPolygon): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const poly of polygons) {
    // Holes lie inside the shell, so the shell alone bounds the polygon.
    for (const p of poly[0] ?? []) {
      const x = p[0]!, y = p[1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Area-weighted centroid in a local equal-scale frame (x scaled by cos(lat)), holes subtracted.
 * Differs from @turf/centroid, which averages vertices and so drifts toward densely digitised edges.
 */
export function areaCentroid(g: Polygon | MultiPolygon): LonLat {
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const first = polygons[0]?.[0]?.[0];
  if (!first) throw new LotwiseError("invalid_input", "Cannot take the centroid of an empty geometry.");
  const x0 = first[0]!, y0 = first[1]!;
  const k = Math.cos((y0 * Math.PI) / 180);
  let A = 0, cx = 0, cy = 0;
  for (const poly of polygons) {
    poly.forEach((ring) => {
      // Shoelace terms are signed by ring orientation; force shell positive and holes negative.
      let a = 0, sx = 0, sy = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const xi = (ring[i]![0]! - x0) * k, yi = ring[i]![1]! - y0;
        const xj = (ring[i + 1]![0]! - x0) * k, yj = ring[i + 1]![1]! - y0;
        const c = xi * yj - xj * yi;
        a += c;
        sx += (xi + xj) * c;
        sy += (yi + yj) * c;
      }
      const sign = (a >= 0 ? 1 : -1) * (ring === poly[0] ? 1 : -1);
      A += (sign * a) / 2;
      cx += (sign * sx) / 6;
      cy += (sign * sy) / 6;
    });
  }
  if (A === 0) return [x0, y0];
  return [cx / A / k + x0, cy / A + y0];
}

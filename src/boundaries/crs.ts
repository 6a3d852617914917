// Where the coordinates of a boundary file are: WGS84 lon/lat (RFC 7946), British National Grid metres
// (EPSG:27700, the default of most council GIS exports), or lon/lat written the wrong way round.
//
// British National Grid is reprojected with proj4 (the maintained JavaScript port of PROJ), not hand-written
// maths. The definition is EPSG:27700 with the 7-parameter Helmert shift of EPSG transformation 1314 (OSGB36
// → WGS84), which is what `cs2cs EPSG:27700 EPSG:4326` applies without the OSTN15 grid: accurate to a few
// metres, well inside the ~20 m generalisation of ONS boundaries. (OSTN15 would give ~0.1 m; it is a 15 MB
// grid lotwise does not ship.)
import proj4 from "proj4";
import { LotwiseError, invalid } from "../errors.js";
import type { BBox } from "../domain/index.js";

/** EPSG:27700 as a PROJ string (Airy 1830, transverse Mercator, EPSG 1314 Helmert to WGS84). */
export const BRITISH_NATIONAL_GRID =
  "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy " +
  "+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs";

/** The coordinate reference systems `loadBoundaries` reads. */
export type BoundaryCrs = "EPSG:4326" | "EPSG:27700";

/** How the coordinate reference system of the input was decided. */
export type CrsSource = "options" | "crs member" | "coordinate range";

// Great Britain and its islands (Scilly to Shetland) in WGS84, with a little room.
const GB_LONLAT: BBox = [-8.7, 49.8, 1.8, 60.9];
// The British National Grid's extent in metres (the grid's 700 km × 1,300 km square).
const BNG_EXTENT: BBox = [0, 0, 700_000, 1_300_000];

/** Every [x, y] of a (Multi)Polygon FeatureCollection whose shape is not yet checked; bad entries are skipped. */
function forEachPosition(features: readonly unknown[], f: (p: number[]) => void): void {
  const walk = (c: unknown, depth: number): void => {
    if (!Array.isArray(c)) return;
    if (depth === 0) {
      if (typeof c[0] === "number" && typeof c[1] === "number") f(c as number[]);
      return;
    }
    for (const x of c) walk(x, depth - 1);
  };
  for (const feat of features) {
    const g = (feat as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    if (g === null || g === undefined) continue;
    walk(g.coordinates, g.type === "MultiPolygon" ? 3 : 2);
  }
}

/** The bbox of every finite position (null when there is none). @internal */
export function positionsBBox(features: readonly unknown[]): BBox | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  forEachPosition(features, (p) => {
    const x = p[0]!, y = p[1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

const within = (b: BBox, o: BBox): boolean => b[0] >= o[0] && b[1] >= o[1] && b[2] <= o[2] && b[3] <= o[3];
const overlaps = (b: BBox, o: BBox): boolean => b[0] <= o[2] && b[2] >= o[0] && b[1] <= o[3] && b[3] >= o[1];
const bboxText = (b: BBox): string => `[${b.map((v) => +v.toFixed(6)).join(", ")}]`;

/**
 * The CRS a legacy GeoJSON `crs` member names (GeoJSON 2008; QGIS and ogr2ogr still write it for
 * non-WGS84 exports), or null when there is none.
 */
function declaredCrs(geojson: unknown): { name: string; crs: BoundaryCrs | null } | null {
  const member = (geojson as { crs?: { properties?: { name?: unknown } } } | null)?.crs;
  const name = member?.properties?.name;
  if (typeof name !== "string") return null;
  const n = name.toUpperCase();
  if (/(^|[:])CRS84$/.test(n) || /EPSG:{1,2}4326$/.test(n)) return { name, crs: "EPSG:4326" };
  if (/EPSG:{1,2}27700$/.test(n)) return { name, crs: "EPSG:27700" };
  return { name, crs: null };
}

/** What {@link detectCrs} found. @internal */
export interface CrsDecision {
  readonly crs: BoundaryCrs;
  readonly source: CrsSource;
}

/**
 * Decides the CRS of a boundary FeatureCollection: `options.crs` when given; else the `crs` member; else
 * the coordinate range (all within lon/lat → WGS84; all within the British National Grid's 700 × 1,300 km
 * square and beyond lon/lat → BNG; anything else is read as lon/lat, so the position checks name the first
 * position out of range). In lon/lat, positions that lie in Great Britain only when read as
 * [lat, lon] are refused with a message saying so.
 * @internal
 */
export function detectCrs(geojson: unknown, features: readonly unknown[], given: BoundaryCrs | "auto"): CrsDecision {
  if (given !== "auto") return { crs: given, source: "options" };
  const declared = declaredCrs(geojson);
  if (declared !== null) {
    if (declared.crs === null) {
      invalid(["geojson", "crs"], declared.name, "lotwise reads WGS84 lon/lat (EPSG:4326, CRS84) and British National Grid (EPSG:27700); reproject the file to EPSG:4326 first");
    }
    return { crs: declared.crs, source: "crs member" };
  }
  const b = positionsBBox(features);
  if (b === null) return { crs: "EPSG:4326", source: "coordinate range" }; // nothing to place: the shape checks report it
  const lonLat = b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
  if (lonLat) {
    const swapped: BBox = [b[1], b[0], b[3], b[2]];
    if (!overlaps(b, GB_LONLAT) && within(swapped, GB_LONLAT)) {
      throw new LotwiseError(
        "invalid_input",
        `Invalid geojson: the positions look like [lat, lon]. Read as GeoJSON's [lon, lat] they span ${bboxText(b)}, outside Great Britain ` +
          `(e.g. the Indian Ocean); read as [lat, lon] they fall in Great Britain (${bboxText(swapped)}). Swap the two numbers of every ` +
          `position, or pass options.crs: "EPSG:4326" if the data really lies at ${bboxText(b)}.`,
        { issues: [{ path: ["geojson", "features"], message: "positions look like [lat, lon]; GeoJSON positions are [lon, lat]", input: b }] },
      );
    }
    return { crs: "EPSG:4326", source: "coordinate range" };
  }
  if (within(b, BNG_EXTENT)) return { crs: "EPSG:27700", source: "coordinate range" };
  // Neither: read as lon/lat, so the position checks name the first position out of range.
  return { crs: "EPSG:4326", source: "coordinate range" };
}

/**
 * Returns a copy of the features with every position reprojected from British National Grid to WGS84
 * lon/lat (other position members, such as a height, are dropped). Shapes are not checked here.
 * @internal
 */
export function reprojectFeatures<F>(features: readonly F[]): F[] {
  const toWgs84 = proj4(BRITISH_NATIONAL_GRID, "EPSG:4326");
  const cache = new Map<string, [number, number]>();
  const convert = (c: unknown, depth: number): unknown => {
    if (!Array.isArray(c)) return c;
    if (depth === 0) {
      const x = c[0] as unknown, y = c[1] as unknown;
      if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) return c;
      const key = `${x},${y}`;
      let out = cache.get(key);
      if (out === undefined) {
        // Round to 1e-7° (~1 cm), below the transform's accuracy: the same input always gives the same bytes.
        const [lon, lat] = toWgs84.forward([x, y]) as [number, number];
        out = [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
        cache.set(key, out);
      }
      return [out[0], out[1]];
    }
    return c.map((x) => convert(x, depth - 1));
  };
  return features.map((feat) => {
    const g = (feat as { geometry?: { type?: unknown; coordinates?: unknown } | null }).geometry;
    if (g === null || g === undefined) return feat;
    return { ...feat, geometry: { ...g, coordinates: convert(g.coordinates, g.type === "MultiPolygon" ? 3 : 2) } };
  });
}

/** The note a reprojected load carries. @internal */
export function reprojectionNote(source: CrsSource, count: number, b: BBox | null): string {
  const why = source === "crs member" ? "as its crs member names" : source === "options" ? "as options.crs says" : "detected from the coordinates (metres within the British National Grid)";
  return (
    `Reprojected ${count} boundar${count === 1 ? "y" : "ies"} from British National Grid (EPSG:27700, ${why}) to WGS84 lon/lat with proj4 ` +
    `(Helmert OSGB36→WGS84, accurate to a few metres)${b === null ? "" : `; input extent ${bboxText(b)} m`}.`
  );
}

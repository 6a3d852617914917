import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { BRITISH_NATIONAL_GRID } from "../../src/boundaries/crs.js";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { errorOf } from "../helpers/errors.js";
import { readCsvRows, readJson } from "../helpers/geodata.js";

// Real data: the 23 Rutland LSOAs (ONS, OGL v3) and their population-weighted centroids, which ONS
// publishes in British National Grid; geodata/ carries both the original eastings/northings and the lon/lat
// PROJ's cs2cs gave for them (EPSG:27700 → EPSG:4326, the same Helmert transformation), an independent
// reference for the reprojection.
interface Fc {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
}
const RUTLAND = "E06000017";
function rutland(): Fc {
  const fc = readJson("lsoa11_leicestershire.geojson") as Fc;
  return { type: "FeatureCollection", features: fc.features.filter((f) => f.properties.lad19cd === RUTLAND) };
}
function mapPositions(fc: Fc, f: (p: [number, number]) => [number, number]): Fc {
  const walk = (c: unknown): unknown => (typeof (c as unknown[])[0] === "number" ? f(c as [number, number]) : (c as unknown[]).map(walk));
  return { ...fc, features: fc.features.map((feat) => ({ ...feat, geometry: { ...feat.geometry, coordinates: walk(feat.geometry.coordinates) } })) };
}
const centroids = readCsvRows("lsoa11_pop_weighted_centroids.csv").filter((r) => r.lad19cd === RUTLAND);

describe("loadBoundaries: British National Grid input", () => {
  it("recognises BNG metres without a crs member, reprojects them and says so (agrees with PROJ cs2cs to < 1 m)", () => {
    // A 20 m square around each ONS centroid, in BNG metres as a council GIS would export it.
    const features = centroids.map((r) => {
      const e = Number(r.easting_bng), n = Number(r.northing_bng);
      const ring = [[e - 10, n - 10], [e + 10, n - 10], [e + 10, n + 10], [e - 10, n + 10], [e - 10, n - 10]];
      return { type: "Feature", properties: { code: r.lsoa11cd }, geometry: { type: "Polygon", coordinates: [ring] } };
    });
    const b = loadBoundaries({ type: "FeatureCollection", features }, { idProperty: "code" });
    expect(b.sourceCrs).toBe("EPSG:27700");
    expect(b.notes).toHaveLength(1);
    expect(b.notes[0]).toContain("Reprojected 23 boundaries from British National Grid (EPSG:27700, detected from the coordinates");
    expect(b.ids).toHaveLength(23);
    for (const r of centroids) {
      const [lon, lat] = b.centroids[b.indexById.get(r.lsoa11cd!)!]!;
      // 1e-5° is 0.7 m east-west and 1.1 m north-south here; cs2cs rounded to 6 dp.
      expect(Math.abs(lon - Number(r.lon))).toBeLessThan(1e-5);
      expect(Math.abs(lat - Number(r.lat))).toBeLessThan(1e-5);
    }
    // A 20 m square is 0.0004 km².
    for (const a of b.areasKm2) expect(a).toBeCloseTo(0.0004, 5);
  });

  it("reads a QGIS-style export with crs urn:ogc:def:crs:EPSG::27700: same ids, areas within 0.05 %, same places", () => {
    const wgs = loadBoundaries(rutland(), { idProperty: "lsoa11cd" });
    const toBng = proj4(BRITISH_NATIONAL_GRID).forward as (p: [number, number]) => [number, number];
    const bngFc = { ...mapPositions(rutland(), (p) => toBng(p)), crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::27700" } } };
    const bng = loadBoundaries(bngFc, { idProperty: "lsoa11cd" });
    expect(wgs.sourceCrs).toBe("EPSG:4326");
    expect(wgs.notes).toEqual([]);
    expect(bng.sourceCrs).toBe("EPSG:27700");
    expect(bng.notes[0]).toContain("as its crs member names");
    expect(bng.ids).toEqual(wgs.ids);
    bng.areasKm2.forEach((a, i) => expect(Math.abs(a / wgs.areasKm2[i]! - 1)).toBeLessThan(5e-4));
    bng.centroids.forEach((c, i) => {
      expect(Math.abs(c[0] - wgs.centroids[i]![0])).toBeLessThan(1e-6);
      expect(Math.abs(c[1] - wgs.centroids[i]![1])).toBeLessThan(1e-6);
    });
    // Rutland's total area, 394 km² by ONS (generalised boundaries give 393.7).
    expect(bng.areasKm2.reduce((s, a) => s + a, 0)).toBeCloseTo(wgs.areasKm2.reduce((s, a) => s + a, 0), 1);
  });

  it("refuses a crs member it cannot read, and BNG numbers declared as lon/lat with a hint, not 'axes swapped'", () => {
    const other = { ...rutland(), crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3857" } } };
    const e = errorOf(() => loadBoundaries(other, { idProperty: "lsoa11cd" }));
    expect(e.message).toContain("geojson.crs");
    expect(e.message).toContain("EPSG::3857");
    const toBng = proj4(BRITISH_NATIONAL_GRID).forward as (p: [number, number]) => [number, number];
    const forced = errorOf(() => loadBoundaries(mapPositions(rutland(), (p) => toBng(p)), { idProperty: "lsoa11cd", crs: "EPSG:4326" }));
    expect(forced.message).toContain("British National Grid");
    expect(forced.message).not.toContain("swapped");
  });
});

describe("loadBoundaries: [lat, lon] positions", () => {
  it("refuses a GeoJSON whose every position is [lat, lon] with a clear error (it would load in the Indian Ocean)", () => {
    const swapped = mapPositions(rutland(), ([x, y]) => [y, x]);
    const e = errorOf(() => loadBoundaries(swapped, { idProperty: "lsoa11cd" }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("the positions look like [lat, lon]");
    expect(e.message).toContain("Indian Ocean");
    expect(e.message).toContain("Swap the two numbers of every position");
    // The same positions are accepted when the caller states they are lon/lat.
    const b = loadBoundaries(swapped, { idProperty: "lsoa11cd", crs: "EPSG:4326" });
    expect(b.centroids[0]![0]).toBeGreaterThan(52); // "longitude" 52.6: off Somalia
  });
});

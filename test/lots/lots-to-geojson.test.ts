import turfArea from "@turf/area";
import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { lotsToGeoJSON } from "../../src/lots/lots-to-geojson.js";

const sq = (x: number, y = 52) => ({ type: "Polygon", coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
const feature = (id: string, geometry: unknown) => ({ type: "Feature", id, properties: {}, geometry });

describe("lotsToGeoJSON", () => {
  it("lotsToGeoJSON(plan, boundaries) dissolves touching areas into one polygon and keeps separate ones as a MultiPolygon", () => {
    const b = loadBoundaries({ type: "FeatureCollection", features: [feature("A", sq(0)), feature("B", sq(0.01)), feature("C", sq(0.05)), feature("D", sq(0.1))] });
    const fc = lotsToGeoJSON({ lots: [{ id: "L2", areaIds: ["C", "D"] }, { id: "L1", areaIds: ["A", "B"], parent: "P" }] }, b);
    expect(fc.features.map((f) => f.properties.lotId)).toEqual(["L1", "L2"]);
    const [l1, l2] = fc.features;
    expect(l1!.geometry.type).toBe("Polygon");
    expect(l1!.properties).toMatchObject({ parent: "P", areaCount: 2, hours: null, dissolve: "union" });
    expect(turfArea(l1!) / 1e6).toBeCloseTo((b.areasKm2[0]! + b.areasKm2[1]!), 3);
    expect(l2!.geometry.type).toBe("MultiPolygon");
    expect(l2!.properties.parent).toBeNull();
  });

  it("lotsToGeoJSON(..., { evaluation }) attaches the lot's metrics and hours as properties", () => {
    const b = loadBoundaries({ type: "FeatureCollection", features: [feature("A", sq(0)), feature("B", sq(0.01))] });
    const metrics = { id: "L1", hours: 42, population: 900, pieces: 1 };
    const fc = lotsToGeoJSON({ lots: [{ id: "L1", areaIds: ["A", "B"] }] }, b, { evaluation: { lots: [metrics] } });
    expect(fc.features[0]!.properties).toMatchObject({ lotId: "L1", hours: 42, population: 900, pieces: 1 });
  });

  it("lotsToGeoJSON(...) falls back to a MultiPolygon of the parts, and says so, when union gives nothing", () => {
    // Two zero-area rings (all four positions equal): @turf/union returns null for them.
    const flat = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52], [x, 52], [x, 52], [x, 52]]] });
    const b = loadBoundaries({ type: "FeatureCollection", features: [feature("A", flat(0)), feature("B", flat(0.01))] });
    const fc = lotsToGeoJSON({ lots: [{ id: "L1", areaIds: ["A", "B"] }] }, b);
    const f = fc.features[0]!;
    expect(f.properties.dissolve).toBe("parts");
    expect(f.properties.dissolveError).toBe("union returned no geometry");
    expect(f.geometry).toEqual({ type: "MultiPolygon", coordinates: [flat(0).coordinates, flat(0.01).coordinates] });
  });
});

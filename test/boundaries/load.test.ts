import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../../src/index.js";
import { readJson } from "../helpers/geodata.js";
import { errorOf } from "../helpers/errors.js";

const square = (x: number, y: number, d = 0.1) => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const fc = (features: unknown[]) => ({ type: "FeatureCollection", features });
const feat = (id: unknown, geometry: unknown) => ({ type: "Feature", properties: { code: id }, geometry });


describe("loadBoundaries", () => {
  it("loadBoundaries(leicestershire) loads 611 LSOAs sorted by id with areas and centroids", () => {
    const b = loadBoundaries(readJson("lsoa11_leicestershire.geojson"), { idProperty: "lsoa11cd" });
    expect(b.ids.length).toBe(611);
    expect([...b.ids].sort()).toEqual(b.ids);
    const total = b.areasKm2.reduce((s, a) => s + a, 0);
    // Leicestershire 2,083 km² + Leicester 73 km² + Rutland 382 km² (ONS standard area measurements).
    expect(total).toBeGreaterThan(2500);
    expect(total).toBeLessThan(2600);
    const i = b.indexById.get("E01013620")!; // a MultiPolygon whose parts touch at a point
    expect(b.features[i]!.geometry.type).toBe("MultiPolygon");
    for (let k = 0; k < b.ids.length; k++) {
      const [minX, minY, maxX, maxY] = b.bboxes[k]!;
      const [cx, cy] = b.centroids[k]!;
      expect(cx >= minX && cx <= maxX && cy >= minY && cy <= maxY).toBe(true);
    }
  });

  it("loadBoundaries(bradford) loads 310 LSOAs", () => {
    const b = loadBoundaries(readJson("lsoa11_bradford.geojson"), { idProperty: "lsoa11cd" });
    expect(b.ids.length).toBe(310);
    const total = b.areasKm2.reduce((s, a) => s + a, 0);
    expect(total).toBeCloseTo(365.9, -1); // SOURCES.md: Bradford dissolve 365.9 km²
  });

  it("computes a 0.1° square's area and centroid", () => {
    const b = loadBoundaries(fc([feat("A", square(-1.2, 52.6))]), { idProperty: "code" });
    // 0.1° lat = 11.12 km; 0.1° lon at 52.65° = 6.75 km → 75.1 km².
    expect(b.areasKm2[0]).toBeCloseTo(75.1, 0);
    expect(b.centroids[0]![0]).toBeCloseTo(-1.15, 6);
    expect(b.centroids[0]![1]).toBeCloseTo(52.65, 6);
  });

  it("rejects a wrong geometry type, naming the feature", () => {
    const e = errorOf(() => loadBoundaries(fc([feat("A", { type: "Point", coordinates: [0, 0] })]), { idProperty: "code" }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("geojson.features[0].geometry.type");
    expect(e.message).toContain('"Point"');
  });

  it("rejects a duplicate id, quoting it", () => {
    const e = errorOf(() => loadBoundaries(fc([feat("A", square(0, 0)), feat("A", square(1, 0))]), { idProperty: "code" }));
    expect(e.code).toBe("duplicate_id");
    expect(e.message).toContain("geojson.features[1].properties.code");
    expect(e.message).toContain('"A"');
  });

  it("rejects a NaN coordinate with its path", () => {
    const g = square(0, 0);
    (g.coordinates[0]![2] as number[])[1] = Number.NaN;
    const e = errorOf(() => loadBoundaries(fc([feat("A", g)]), { idProperty: "code" }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("geojson.features[0].geometry.coordinates[0][2][1]");
    expect(e.message).toContain("NaN");
  });

  it("rejects lat/lon swapped outside range, suggesting the swap", () => {
    const g = { type: "Polygon", coordinates: [[[52.6, -1.2], [52.6, 95], [52.7, 95], [52.6, -1.2]]] };
    const e = errorOf(() => loadBoundaries(fc([feat("A", g)]), { idProperty: "code" }));
    expect(e.message).toContain("latitude 95 is outside [-90, 90]");
    expect(e.message).toContain("swapped");
    expect(e.message).toContain("[52.6,95]");
  });

  it("rejects an empty collection", () => {
    const e = errorOf(() => loadBoundaries(fc([]), { idProperty: "code" }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("geojson.features");
    expect(e.message).toContain("empty");
  });

  it("rejects a missing id, a null geometry and an open ring", () => {
    expect(errorOf(() => loadBoundaries(fc([feat(undefined, square(0, 0))]), { idProperty: "code" })).message).toContain(
      'needs a "code" property',
    );
    expect(errorOf(() => loadBoundaries(fc([feat("A", null)]), { idProperty: "code" })).message).toContain("geometry is null");
    const open = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] };
    expect(errorOf(() => loadBoundaries(fc([feat("A", open)]), { idProperty: "code" })).message).toContain("closed");
  });
});

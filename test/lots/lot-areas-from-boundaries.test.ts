import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { isLotwiseError } from "../../src/errors.js";
import { lotAreasFromBoundaries } from "../../src/lots/lot-areas-from-boundaries.js";

const sq = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
const b = loadBoundaries(
  {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { code: "B", ccg: "E38000051", lad: "E07000129", pop: "1500", ur: "Rural" }, geometry: sq },
      { type: "Feature", properties: { code: "A", ccg: "E38000201", lad: "E07000130", pop: 2000, ur: "urban" }, geometry: sq },
    ],
  },
  { idProperty: "code" },
);

describe("lotAreasFromBoundaries", () => {
  it("lotAreasFromBoundaries(b, options) reads parent (joined CCG|LAD), population and urban class, in id order", () => {
    const areas = lotAreasFromBoundaries(b, { parentProperty: ["ccg", "lad"], populationProperty: "pop", urbanProperty: "ur" });
    expect(areas.map((a) => [a.id, a.parent, a.population, a.urban])).toEqual([
      ["A", "E38000201|E07000130", 2000, true],
      ["B", "E38000051|E07000129", 1500, false],
    ]);
    // a 0.1° × 0.1° square at 52.6–52.7°N: ≈ 11.12 km × 6.76 km
    expect(areas[0]!.areaKm2!).toBeCloseTo(0.1 * 111.195 * 0.1 * 111.195 * Math.cos((52.65 * Math.PI) / 180), 0);
    expect(areas[0]!.lonLat[0]).toBeCloseTo(-1.15, 6);
  });

  it("lotAreasFromBoundaries(...) names the feature and property when a value is missing or malformed", () => {
    try {
      lotAreasFromBoundaries(b, { parentProperty: "nope" });
      expect.unreachable();
    } catch (e) {
      expect(isLotwiseError(e) && e.message.split("\n")[0]).toBe("Invalid boundaries.features[0].properties.nope: undefined. every area needs a parent value");
    }
    try {
      lotAreasFromBoundaries(b, { urbanProperty: "ccg" });
      expect.unreachable();
    } catch (e) {
      expect(isLotwiseError(e) && e.message.split("\n")[0]).toBe('Invalid boundaries.features[0].properties.ccg: "E38000201". expected "Urban", "Rural" or a boolean');
    }
  });
});

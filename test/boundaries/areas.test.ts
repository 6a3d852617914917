import { describe, expect, it } from "vitest";
import { areasFromBoundaries } from "../../src/boundaries/areas.js";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { isLotwiseError } from "../../src/errors.js";

// Was test/lots/lot-areas-from-boundaries.test.ts (lotAreasFromBoundaries, urbanProperty, urban: boolean);
// the one builder is now areasFromBoundaries (urbanRuralProperty, urbanRural: "urban" | "rural").
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

const firstLine = (f: () => unknown): string | false => {
  try {
    f();
  } catch (e) {
    return isLotwiseError(e) && e.message.split("\n")[0]!;
  }
  throw new Error("expected a LotwiseError");
};

describe("areasFromBoundaries", () => {
  it("areasFromBoundaries(b, options) reads parent (joined CCG|LAD), population and urban class, in id order", () => {
    const areas = areasFromBoundaries(b, { parentProperty: ["ccg", "lad"], populationProperty: "pop", urbanRuralProperty: "ur" });
    expect(areas.map((a) => [a.id, a.parent, a.population, a.urbanRural])).toEqual([
      ["A", "E38000201|E07000130", 2000, "urban"],
      ["B", "E38000051|E07000129", 1500, "rural"],
    ]);
    // a 0.1° × 0.1° square at 52.6–52.7°N: ≈ 11.12 km × 6.76 km
    expect(areas[0]!.areaKm2!).toBeCloseTo(0.1 * 111.195 * 0.1 * 111.195 * Math.cos((52.65 * Math.PI) / 180), 0);
    expect(areas[0]!.lonLat[0]).toBeCloseTo(-1.15, 6);
  });

  it("areasFromBoundaries(b, options) accepts a boolean class (true = urban) and urbanRuralProperty: null leaves areas unclassified", () => {
    const flags = loadBoundaries(
      { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "A", isUrban: false }, geometry: sq }] },
      { idProperty: "code" },
    );
    expect(areasFromBoundaries(flags, { urbanRuralProperty: "isUrban" })[0]!.urbanRural).toBe("rural");
    const none = areasFromBoundaries(flags, { urbanRuralProperty: null })[0]!;
    expect(none.urbanRural).toBeUndefined();
    expect("parent" in none || "population" in none).toBe(false); // nothing asked, nothing read
    // The default property is urban_rural; it is missing here, so the message says how to opt out.
    expect(firstLine(() => areasFromBoundaries(flags))).toContain("or null to leave areas unclassified");
  });

  it("areasFromBoundaries(...) names the feature and property when a value is missing or malformed", () => {
    expect(firstLine(() => areasFromBoundaries(b, { parentProperty: "nope", urbanRuralProperty: "ur" }))).toBe(
      "Invalid boundaries.features[0].properties.nope: undefined. every area needs a parent value",
    );
    expect(firstLine(() => areasFromBoundaries(b, { urbanRuralProperty: "ccg" }))).toMatch(
      /^Invalid boundaries\.features\[0\]\.properties\.ccg: "E38000201"\. area A needs a class "Urban" or "Rural" \(or a boolean, true = urban\)/,
    );
    expect(firstLine(() => areasFromBoundaries(b, { urbanRuralProperty: "ur", populationProperty: "ccg" }))).toBe(
      'Invalid boundaries.features[0].properties.ccg: "E38000201". population must be a number ≥ 0',
    );
  });
});

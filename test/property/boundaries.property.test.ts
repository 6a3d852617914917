import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLotwiseError, loadBoundaries } from "../../src/index.js";

// Property tests: random valid input keeps the invariants; random invalid input gives LotwiseError,
// never another exception, a hang or a silently shortened result. NUM_RUNS is recorded in the README.
export const NUM_RUNS = 200;

const lon = fc.double({ min: -179, max: 179, noNaN: true });
const lat = fc.double({ min: -89, max: 89, noNaN: true });
const size = fc.double({ min: 1e-4, max: 0.5, noNaN: true });
const rect = fc.tuple(lon, lat, size, size).map(([x, y, w, h]) => ({
  type: "Polygon" as const,
  coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]],
}));
const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 });

describe("loadBoundaries properties", () => {
  it("loadBoundaries(valid collection) keeps every feature exactly once, sorted by id, with positive areas", () => {
    fc.assert(
      fc.property(ids.chain((ks) => fc.tuple(fc.constant(ks), fc.array(rect, { minLength: ks.length, maxLength: ks.length }))), ([ks, geoms]) => {
        const features = ks.map((k, i) => ({ type: "Feature", properties: { k }, geometry: geoms[i] }));
        const b = loadBoundaries({ type: "FeatureCollection", features }, { idProperty: "k" });
        expect(b.ids.length).toBe(ks.length);
        expect(new Set(b.ids)).toEqual(new Set(ks));
        for (let i = 1; i < b.ids.length; i++) expect(b.ids[i - 1]! < b.ids[i]!).toBe(true);
        for (const a of b.areasKm2) expect(a).toBeGreaterThan(0);
      }),
      { numRuns: NUM_RUNS, seed: 42 },
    );
  });

  it("loadBoundaries(anything else) throws LotwiseError and nothing else", () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.constant("FeatureCollection"), features: fc.array(fc.anything(), { maxLength: 4 }) }),
      fc.record({
        type: fc.constant("FeatureCollection"),
        features: fc.array(
          fc.record({
            type: fc.constant("Feature"),
            properties: fc.record({ k: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
            geometry: fc.record({
              type: fc.constantFrom("Polygon", "MultiPolygon", "Point", "LineString"),
              coordinates: fc.array(fc.array(fc.array(fc.oneof(fc.double(), fc.constant(Number.NaN)), { maxLength: 3 }), { maxLength: 6 }), { maxLength: 2 }),
            }),
          }),
          { maxLength: 4 },
        ),
      }),
    );
    fc.assert(
      fc.property(junk, (value) => {
        try {
          const b = loadBoundaries(value, { idProperty: "k" });
          // Accepted input must have been a real collection: nothing dropped.
          expect(b.ids.length).toBe((value as { features: unknown[] }).features.length);
        } catch (e) {
          if (!isLotwiseError(e)) throw e;
          expect(e.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: NUM_RUNS * 2, seed: 7 },
    );
  });
});

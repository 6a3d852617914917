import turfArea from "@turf/area";
import { describe, expect, it } from "vitest";
import { isochrone, loadBoundaries, straightLineTravel } from "../../src/index.js";
import { asyncErrorOf } from "./helpers.js";

// Three 0.01° squares in a row along the equator; centroids 1.112 km apart.
const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] });
const b = loadBoundaries(
  {
    type: "FeatureCollection",
    features: ["A", "B", "C"].map((id, i) => ({ type: "Feature", properties: { code: id, urban_rural: "Urban" }, geometry: sq(i * 0.01) })),
  },
  { idProperty: "code" },
);

describe("isochrone", () => {
  it("isochrone(origin, 'walk', 20, ...) is the union of the areas whose centroid is reached", async () => {
    // From A's centroid: B is 1.112 km × 1.25 / 4.8 km/h = 17.4 min (in), C is 34.7 min (out).
    const f = await isochrone({ id: "o", lonLat: [0.005, 0.005] }, "walk", 20, straightLineTravel(), b);
    expect(f.properties.areaIds).toEqual(["A", "B"]);
    expect(f.geometry!.type).toBe("Polygon");
    const two = turfArea({ type: "Feature", properties: {}, geometry: f.geometry! });
    expect(two / 1e6).toBeCloseTo((b.areasKm2[0]! + b.areasKm2[1]!), 3);
    const none = await isochrone({ id: "o", lonLat: [0.5, 0.5] }, "walk", 10, straightLineTravel(), b);
    expect(none.geometry).toBeNull();
    expect(none.properties.areaIds).toEqual([]);
  });

  it("isochrone rejects an unknown mode and negative minutes", async () => {
    const e = await asyncErrorOf(() => isochrone({ id: "o", lonLat: [0, 0] }, "boat" as never, 20, straightLineTravel(), b));
    expect(e.message).toContain('Invalid mode: "boat"');
    expect((await asyncErrorOf(() => isochrone({ id: "o", lonLat: [0, 0] }, "walk", -1, straightLineTravel(), b))).message).toContain("minutes: -1");
  });
});

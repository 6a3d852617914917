import { describe, expect, it } from "vitest";
import { computeCoverage, isochrone, loadBoundaries, networkTravel, type TravelMatrix, type TravelTimeSource } from "../../src/index.js";
import { KM, errorOf } from "./helpers.js";

// A source an app might write: fixed minutes by destination id (e.g. from a routing service).
const table: Record<string, number> = { A: 5, B: 25 };
const fixed: TravelTimeSource = {
  matrix(origins, destinations, modes): TravelMatrix {
    const minutes: TravelMatrix["minutes"] = Object.fromEntries(
      modes.map((m) => [m, Float64Array.from(origins.flatMap(() => destinations.map((d) => table[d.id] ?? Infinity)))]),
    );
    return { originIds: origins.map((o) => o.id), destinationIds: destinations.map((d) => d.id), modes: [...modes], minutes };
  },
};
const provider = { id: "P1", lonLat: [0, 0] as [number, number], capacityHours: 10, ratePerHour: 22, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } };
const areas = [
  { id: "A", lonLat: [0, 0.01] as [number, number] },
  { id: "B", lonLat: [0, 0.02] as [number, number] },
];

describe("TravelTimeSource", () => {
  it("computeCoverage accepts an app's own synchronous TravelTimeSource", () => {
    const cov = computeCoverage({ providers: [provider], areas, travel: fixed, thresholdMinutes: { drive: 20 } });
    // A at 5 min is within 20 and stored; B at 25 is beyond the largest threshold, so not stored.
    expect([...cov.areaIndex].map((a) => cov.areaIds[a])).toEqual(["A"]);
    expect([...cov.withinMask]).toEqual([1]);
    expect([...cov.minutes.drive!]).toEqual([5]);
  });

  it("computeCoverage asks for the matrix when given an asynchronous source, and isochrone awaits one", async () => {
    const slow: TravelTimeSource = { matrix: async (o, d, m) => fixed.matrix(o, d, m) };
    const e = errorOf(() => computeCoverage({ providers: [provider], areas, travel: slow, thresholdMinutes: { drive: 20 } }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("asynchronous TravelTimeSource");
    const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] });
    const b = loadBoundaries({ type: "FeatureCollection", features: ["A", "B"].map((id, i) => ({ type: "Feature", properties: { code: id }, geometry: sq(i * 0.01) })) }, { idProperty: "code" });
    const f = await isochrone({ id: "P1", lonLat: [0, 0] }, "drive", 10, slow, b);
    expect(f.properties.areaIds).toEqual(["A"]);
  });

  it("networkTravel adds the transit wait to every finite transit time", () => {
    const road = { type: "Feature", properties: { roadFunction: "Local Road" }, geometry: { type: "LineString", coordinates: [[0, 0], [0, 2 * KM]] } };
    const net = networkTravel({ type: "FeatureCollection", features: [road] }, { transitWaitMinutes: 7 });
    const m = net.matrix([{ id: "o", lonLat: [0, 0] }], [{ id: "d", lonLat: [0, 2 * KM] }], ["transit"]);
    // Default Local Road transit proxy 12 km/h: 2 km = 10 min, plus the 7-minute wait.
    expect(m.minutes.transit![0]).toBeCloseTo(17, 6);
  });
});

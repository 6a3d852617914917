import { describe, expect, it } from "vitest";
import { computeCoverage, demandCoverage, straightLineTravel, type Provider } from "../../src/index.js";
import { KM, errorOf } from "./helpers.js";

const north = (km: number): [number, number] => [0, km * KM];

describe("straightLineTravel", () => {
  it("straightLineTravel().matrix(...) is distance × detour ÷ speed with the documented defaults", () => {
    const m = straightLineTravel().matrix(
      [{ id: "o", lonLat: north(0), urbanRural: "urban" }],
      [
        { id: "u", lonLat: north(1), urbanRural: "urban" },
        { id: "r", lonLat: north(1), urbanRural: "rural" },
      ],
      ["drive", "walk", "cycle", "transit"],
    );
    expect(m.minutes.walk![0]).toBeCloseTo((1 * 1.25 * 60) / 4.8, 9); // 15.625
    expect(m.minutes.cycle![0]).toBeCloseTo((1 * 1.25 * 60) / 16, 9); // 4.6875
    expect(m.minutes.transit![0]).toBeCloseTo(10 + (1 * 1.3 * 60) / 12, 9); // 16.5
    expect(m.minutes.drive![0]).toBeCloseTo((1 * 1.3 * 60) / 30, 9); // urban both ends: 2.6
    expect(m.minutes.drive![1]).toBeCloseTo(1 * 1.3 * 60 * 0.5 * (1 / 30 + 1 / 50), 9); // half at each speed: 2.08
  });

  it("straightLineTravel takes the other end's class when one end has none, and options override defaults", () => {
    const m = straightLineTravel({ driveRuralKmh: 60, detour: { drive: 1.5 } }).matrix(
      [{ id: "o", lonLat: north(0) }],
      [{ id: "r", lonLat: north(2), urbanRural: "rural" }],
      ["drive"],
    );
    expect(m.minutes.drive![0]).toBeCloseTo((2 * 1.5 * 60) / 60, 9);
  });

  it("straightLineTravel rejects an unknown mode and a zero speed, naming the field", () => {
    const e = errorOf(() => straightLineTravel().matrix([{ id: "o", lonLat: north(0) }], [{ id: "a", lonLat: north(1) }], ["boat" as never]));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("modes[0]");
    expect(e.message).toContain('unknown travel mode "boat"');
    expect(errorOf(() => straightLineTravel({ walkKmh: 0 })).message).toContain("options.walkKmh: 0");
  });
});

describe("computeCoverage with two modes", () => {
  // Areas 1, 2, 3 and 5 km north of the provider. Within 20 min: walking reaches 1 km (15.6 min, 2 km is
  // 31.3); urban driving at 2.6 min/km reaches all four (5 km = 13 min).
  const areas = [1, 2, 3, 5].map((km) => ({ id: `A${km}`, lonLat: north(km), urbanRural: "urban" as const }));
  const provider: Provider = { id: "P1", lonLat: north(0), capacityHours: 100, ratePerHour: 22, staffMix: { drive: 0.5, walk: 0.5, cycle: 0, transit: 0 } };

  it("computeCoverage marks a walker reaching fewer areas than a driver", () => {
    const cov = computeCoverage({ providers: [provider], areas, travel: straightLineTravel(), thresholdMinutes: 20 });
    expect(cov.modes).toEqual(["drive", "walk", "cycle", "transit"]);
    const di = cov.modes.indexOf("drive"), wi = cov.modes.indexOf("walk");
    const reached = (bit: number) => [...cov.areaIndex].filter((_, k) => cov.withinMask[k]! & (1 << bit)).map((a) => cov.areaIds[a]);
    expect(reached(di)).toEqual(["A1", "A2", "A3", "A5"]);
    expect(reached(wi)).toEqual(["A1"]);
    const rows = demandCoverage(cov, { A1: 10, A2: 20, A3: 30, A5: 40 });
    expect(rows.find((r) => r.mode === "drive")!.share).toBeCloseTo(1, 12);
    expect(rows.find((r) => r.mode === "walk")!.share).toBeCloseTo(10 / 100, 12);
  });

  it("computeCoverage stores only pairs within the largest threshold", () => {
    const cov = computeCoverage({ providers: [provider], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 6, walk: 20 } });
    // Drive ≤ 6 min: A1 (2.6), A2 (5.2). Walk ≤ 20: A1. A3 (drive 7.8, walk 46.9) is within neither but ≤ 20
    // by driving, so it is stored; A5 (drive 13) too. Nothing is above 20 by both modes here.
    expect(cov.areaIndex.length).toBe(4);
    const cov2 = computeCoverage({ providers: [provider], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 6, walk: 6 } });
    expect([...cov2.areaIndex].map((a) => cov2.areaIds[a])).toEqual(["A1", "A2"]);
    expect(cov2.minutes.drive![1]).toBeCloseTo(2 * 2.6, 9);
  });

  it("computeCoverage rejects a negative threshold, an unknown mode, an unassessed staff mode and an unknown provider id", () => {
    const e1 = errorOf(() => computeCoverage({ providers: [provider], areas, travel: straightLineTravel(), thresholdMinutes: -5 }));
    expect(e1.code).toBe("invalid_input");
    expect(e1.message).toContain("Invalid input.thresholdMinutes: -5. must be ≥ 0");
    const e2 = errorOf(() => computeCoverage({ providers: [provider], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20, boat: 20 } as never }));
    expect(e2.message).toContain("input.thresholdMinutes.boat");
    expect(e2.message).toContain("unknown travel mode");
    const e3 = errorOf(() => computeCoverage({ providers: [provider], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20 } }));
    expect(e3.message).toContain("input.providers[0].staffMix.walk: 0.5");
    const matrix = straightLineTravel().matrix([{ id: "P9", lonLat: north(0) }], areas, ["drive", "walk"]);
    const e4 = errorOf(() => computeCoverage({ providers: [provider], areas, travel: matrix, thresholdMinutes: 20 }));
    expect(e4.code).toBe("unknown_id");
    expect(e4.message).toContain('input.providers[0].id: "P1"');
  });
});

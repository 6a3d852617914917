import { describe, expect, it } from "vitest";
import { generateProviders, isLotwiseError } from "../../src/index.js";
import { readCsvRows } from "../helpers/geodata.js";

const leics = readCsvRows("postcode_centroids.csv")
  .filter((r) => r.area_set === "leicestershire")
  .map((r) => [Number(r.lon), Number(r.lat)] as [number, number]);

describe("generateProviders (synthetic)", () => {
  it("generateProviders places 100 synthetic providers on distinct real postcode centroids, ids P001…P100 sorted", () => {
    const ps = generateProviders({ count: 100, seed: 42, points: leics });
    expect(ps.map((p) => p.id)).toEqual(Array.from({ length: 100 }, (_, i) => `P${String(i + 1).padStart(3, "0")}`));
    const keys = new Set(leics.map((p) => `${p[0]},${p[1]}`));
    const bases = new Set(ps.map((p) => `${p.lonLat[0]},${p.lonLat[1]}`));
    expect(bases.size).toBe(100); // no two share a point, though many postcodes do
    for (const b of bases) expect(keys.has(b)).toBe(true);
  });

  it("generateProviders keeps capacity, rate and staff mix in their documented ranges, mix summing to 1", () => {
    const ps = generateProviders({ count: 200, seed: 3, points: leics });
    for (const p of ps) {
      expect(p.capacityHours % 10).toBe(0);
      expect(p.capacityHours).toBeGreaterThanOrEqual(200);
      expect(p.capacityHours).toBeLessThanOrEqual(1500);
      expect(p.ratePerHour).toBeGreaterThanOrEqual(20);
      expect(p.ratePerHour).toBeLessThanOrEqual(24);
      expect(Math.round(p.ratePerHour * 100)).toBeCloseTo(p.ratePerHour * 100, 9);
      const { drive, walk, cycle, transit } = p.staffMix;
      expect(drive + walk + cycle + transit).toBeCloseTo(1, 12);
      // Drive share drawn in [0.60, 0.95]; rounding each share to 0.01 can move it by at most 0.02.
      expect(drive).toBeGreaterThanOrEqual(0.58);
      expect(drive).toBeLessThanOrEqual(0.97);
      for (const s of [walk, cycle, transit]) expect(s).toBeGreaterThanOrEqual(0);
    }
    const mean = ps.reduce((s, p) => s + p.ratePerHour, 0) / ps.length;
    expect(mean).toBeGreaterThan(21.5); // uniform on [20, 24] has mean 22
    expect(mean).toBeLessThan(22.5);
  });

  it("generateProviders is deterministic in its seed", () => {
    const a = generateProviders({ count: 20, seed: 9, points: leics });
    expect(JSON.stringify(generateProviders({ count: 20, seed: 9, points: leics }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateProviders({ count: 20, seed: 10, points: leics }))).not.toBe(JSON.stringify(a));
  });

  it("generateProviders refuses more providers than distinct points, and bad ranges", () => {
    let err: unknown;
    try {
      generateProviders({ count: 3, seed: 1, points: [[0, 0], [0, 0], [1, 1]] });
    } catch (e) {
      err = e;
    }
    expect(isLotwiseError(err) && err.code).toBe("infeasible_input");
    expect((err as Error).message).toContain("3 providers on 2 distinct points");
    expect(() => generateProviders({ count: 1, seed: 1, points: [[0, 0]], ratePerHour: [24, 20] })).toThrow("options.ratePerHour");
  });
});

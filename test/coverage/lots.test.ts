import { describe, expect, it } from "vitest";
import { computeCoverage, lotCoverage, lotWalkability, straightLineTravel, type Provider } from "../../src/index.js";
import { KM, errorOf } from "./helpers.js";

const north = (km: number): [number, number] => [0, km * KM];
// Areas 1, 2, 3, 5 km north of P1. Within 20 min (defaults, urban): walking 15.625 min/km reaches A1;
// cycling 4.6875 min/km reaches A1-A3 (5 km = 23.4); driving 2.6 min/km reaches all four.
const areas = [1, 2, 3, 5].map((km) => ({ id: `A${km}`, lonLat: north(km), urbanRural: "urban" as const }));
const demand = { A1: 10, A2: 20, A3: 30, A5: 40 };
const plan = { lots: [{ id: "L2", areaIds: ["A3", "A5"] }, { id: "L1", areaIds: ["A1", "A2"] }] };
const providers: Provider[] = [
  { id: "P2", lonLat: [1, 1], capacityHours: 100, ratePerHour: 21, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }, // ~157 km away
  { id: "P1", lonLat: north(0), capacityHours: 100, ratePerHour: 22, staffMix: { drive: 0.5, walk: 0.3, cycle: 0.2, transit: 0 } },
];
const thresholdMinutes = { drive: 20, walk: 20, cycle: 20 };

describe("lotCoverage", () => {
  it("lotCoverage(lots, coverage, demand) blends reach by staff mix and reports non-driving reach, sorted", () => {
    const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes });
    const rows = lotCoverage(plan, cov, demand);
    // P2 reaches nothing within 20 min: no rows. P1:
    // L1 (30 h): drive 1, walk 10/30, cycle 1 → share 0.5 + 0.3/3 + 0.2 = 0.8; non-driving reach 30/30.
    // L2 (70 h): drive 1, walk 0, cycle 30/70 → share 0.5 + 0.2·3/7; non-driving reach 30/70.
    expect(rows.map((r) => [r.providerId, r.lotId])).toEqual([["P1", "L1"], ["P1", "L2"]]);
    expect(rows[0]!.share).toBeCloseTo(0.8, 12);
    expect(rows[0]!.nonDrivingShare).toBeCloseTo(1, 12);
    expect(rows[0]!.byMode.walk).toBeCloseTo(1 / 3, 12);
    expect(rows[0]!.lotDemandHours).toBe(30);
    expect(rows[1]!.share).toBeCloseTo(0.5 + (0.2 * 3) / 7, 12);
    expect(rows[1]!.nonDrivingShare).toBeCloseTo(3 / 7, 12);
  });

  it("lotCoverage counts only the non-driving modes a provider has staff in", () => {
    const walkersOnly: Provider = { ...providers[1]!, staffMix: { drive: 0.7, walk: 0.3, cycle: 0, transit: 0 } };
    const cov = computeCoverage({ providers: [walkersOnly], areas, travel: straightLineTravel(), thresholdMinutes });
    const rows = lotCoverage(plan, cov, demand);
    // No cyclists: L2's non-driving reach is walking only = 0, though cycling would reach A3.
    expect(rows.find((r) => r.lotId === "L2")!.nonDrivingShare).toBe(0);
    expect(rows.find((r) => r.lotId === "L1")!.nonDrivingShare).toBeCloseTo(10 / 30, 12);
  });

  it("lotCoverage rejects a lot area missing from coverage or demand, and an area in two lots", () => {
    const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes });
    const e1 = errorOf(() => lotCoverage({ lots: [{ id: "L", areaIds: ["A1", "A9"] }] }, cov, demand));
    expect(e1.code).toBe("unknown_id");
    expect(e1.message).toContain('lots.lots[0].areaIds[1]: "A9"');
    expect(errorOf(() => lotCoverage(plan, cov, { A1: 1, A2: 2, A3: 3 })).message).toContain("A5 of lot L2 has no demand");
    expect(errorOf(() => lotCoverage({ lots: [{ id: "L", areaIds: ["A1"] }, { id: "M", areaIds: ["A1"] }] }, cov, demand)).message).toContain(
      "already in lot L",
    );
  });
});

describe("lotWalkability", () => {
  it("lotWalkability gives demand-weighted mean and p90 between-area times and the yes/no per mode", () => {
    const pts = areas.slice(0, 3);
    const m = straightLineTravel().matrix(pts, pts, ["walk", "cycle"]);
    const [row] = lotWalkability({ lots: [{ id: "L", areaIds: ["A1", "A2", "A3"] }] }, m, demand);
    // Ordered pairs, weight d_i·d_j: (1,2) 200 at 1 km, (1,3) 300 at 2 km, (2,3) 600 at 1 km (each twice).
    // Mean km = (200 + 600 + 2·300) / 1100 = 14/11; 1 km carries 800/1100 = 73 % < 90 %, so p90 = 2 km.
    expect(row!.byMode.walk!.meanMinutes).toBeCloseTo((14 / 11) * 15.625, 9);
    expect(row!.byMode.walk!.p90Minutes).toBeCloseTo(2 * 15.625, 9);
    expect(row!.byMode.walk!.within).toBe(false); // 31.25 > 20
    expect(row!.byMode.cycle!.p90Minutes).toBeCloseTo(2 * 4.6875, 9);
    expect(row!.byMode.cycle!.within).toBe(true);
    expect(row!.nonDrivingOk).toBe(true);
  });

  it("lotWalkability gives a one-area lot 0 minutes and rejects a matrix without the mode", () => {
    const m = straightLineTravel().matrix(areas, areas, ["walk"]);
    const [row] = lotWalkability({ lots: [{ id: "L", areaIds: ["A5"] }] }, m, demand, { modes: ["walk"], thresholdMinutes: 5 });
    expect(row!.byMode.walk).toEqual({ meanMinutes: 0, p90Minutes: 0, within: true });
    const e = errorOf(() => lotWalkability({ lots: [{ id: "L", areaIds: ["A5"] }] }, m, demand));
    expect(e.message).toContain('options.modes[1]: "cycle"');
  });
});

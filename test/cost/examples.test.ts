// The @example blocks of the cost exports, run as written.
import { describe, expect, it } from "vitest";
import { compareVisitMixes, costOfCare, rateSustainability } from "../../src/index.js";

describe("cost examples", () => {
  it("costOfCare @example: ≈ £18.84 per contact hour, ≈ 4.70 driving (≈ 38.0 walking) travel minutes per contact hour", async () => {
    const costs = await costOfCare(
      { lots: [{ id: "L1", areaIds: ["A", "B"] }] },
      [
        { id: "A", lonLat: [-1.13, 52.63], areaKm2: 0.5, urbanRural: "urban" },
        { id: "B", lonLat: [-1.1, 52.7], areaKm2: 12, urbanRural: "rural" },
      ],
      { A: 300, B: 40 },
    );
    expect(costs.lots[0]!.costPerContactHour).toBeCloseTo(18.84, 2);
    expect(costs.lots[0]!.travelMinutesPerContactHour.drive).toBeCloseTo(4.7, 2);
    expect(costs.lots[0]!.travelMinutesPerContactHour.walk).toBeCloseTo(38.0, 1);
  });

  it("rateSustainability @example: £16.60 is £2.55 short of the modelled £19.15", async () => {
    const costs = await costOfCare({ lots: [{ id: "L1", areaIds: ["A"] }] }, [{ id: "A", lonLat: [-1.13, 52.63], areaKm2: 2, urbanRural: "urban" }], { A: 200 });
    const check = rateSustainability(costs, [{ lotId: "L1", providerId: "P1", ratePerHour: 16.6 }]);
    expect(check.rates[0]!.sustainable).toBe(false);
    expect(check.rates[0]!.gapPerHour).toBeCloseTo(2.55, 2);
    expect(check.rates[0]!.modelledCostPerHour).toBeCloseTo(19.15, 2);
  });

  it("compareVisitMixes @example: 5.94 → 5.34 driving minutes per contact hour (≈ −0.60)", async () => {
    const cmp = await compareVisitMixes(
      { lots: [{ id: "L1", areaIds: ["A"] }] },
      [{ id: "A", lonLat: [-1.75, 53.79], areaKm2: 3, urbanRural: "urban" }],
      { A: 400 },
      {
        baseline: [{ minutes: 15, share: 0.3 }, { minutes: 30, share: 0.5 }, { minutes: 60, share: 0.2 }],
        alternative: [{ minutes: 30, share: 0.7 }, { minutes: 60, share: 0.3 }],
      },
    );
    expect(cmp.lots[0]!.baseline.travelMinutesPerContactHour).toBeCloseTo(5.94, 2);
    expect(cmp.lots[0]!.alternative.travelMinutesPerContactHour).toBeCloseTo(5.34, 2);
    expect(cmp.lots[0]!.change.travelMinutesPerContactHour).toBeCloseTo(-0.6, 2);
  });
});

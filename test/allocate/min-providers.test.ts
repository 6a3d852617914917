import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocate/allocate.js";
import { highsSolver } from "../../src/solvers/highs.js";
import type { AllocationPolicy } from "../../src/schema/allocation.js";

const solver = highsSolver();
const exact = { solver, relGap: 0 } as const;

// One urban lot of 100 h; A is cheapest (20) and could deliver it all; B (25) and C (30) reach it too.
const lot = (policy: AllocationPolicy) => ({
  lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
  providers: [
    { id: "A", capacityHours: 200, ratePerHour: 20 },
    { id: "B", capacityHours: 200, ratePerHour: 25 },
    { id: "C", capacityHours: 200, ratePerHour: 30 },
  ],
  eligibility: ["A", "B", "C"].map((providerId) => ({ lotId: "L1", providerId, share: 1 })),
  policy,
});

describe("minProvidersPerLot counts only providers that deliver", () => {
  it("allocate(input) with minProviderShare 0 and 3 providers: B and C deliver the 1 h floor each (A 98 h), and a warning says so", async () => {
    const plan = await allocate(lot({ minProviderShare: 0, minProvidersPerLot: 3 }), exact);
    const l = plan.lots[0]!;
    expect(l.lead).toBe("A");
    expect(l.leadHours).toBeCloseTo(98, 6);
    expect(l.supplementary.map((s) => [s.providerId, s.hours])).toEqual([
      ["B", 1],
      ["C", 1],
    ]);
    // Before the fix A delivered all 100 h while B and C counted with 0 h: 2000. Now 98·20 + 25 + 30.
    expect(plan.weeklyCost).toBeCloseTo(2015, 6);
    expect(plan.warnings.some((w) => w.startsWith("policy.minProviderShare is 0") && w.includes("1 h/week"))).toBe(true);
  });

  it("allocate(input) with minProviderHours 10 above the 5% share: each counted provider delivers max(5, 10) = 10 h", async () => {
    const plan = await allocate(lot({ minProvidersPerLot: 3, minProviderHours: 10 }), exact);
    expect(plan.lots[0]!.supplementary.map((s) => s.hours)).toEqual([10, 10]);
    expect(plan.lots[0]!.leadHours).toBeCloseTo(80, 6);
    expect(plan.warnings.some((w) => w.startsWith("policy.minProviderShare is 0"))).toBe(false);
  });

  it("allocate(input) leaves a lot unlet for reason min_providers when the lead share and the floors need more than its demand (90 + 2 × 6 > 100)", async () => {
    const plan = await allocate(lot({ leadShare: 0.9, minProvidersPerLot: 3, minProviderShare: 0, minProviderHours: 6 }), exact);
    const l = plan.lots[0]!;
    expect(l.unmetHours).toBe(100);
    expect(l.unmetReason).toBe("min_providers");
    expect(l.unmetDetail).toContain("6 h");
  });
});

import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocate/allocate.js";
import { simulateWithdrawal, withdrawalSweep } from "../../src/allocate/withdrawal.js";
import { generateAllocationInstance } from "../../src/allocate/generate.js";
import { highsSolver } from "../../src/solvers/highs.js";
import { isLotwiseError } from "../../src/errors.js";

const solver = highsSolver();
const exact = { solver, relGap: 0 } as const;

// One urban lot of 100 h. A is cheapest (20) and leads with 95 h; C (22) is the second provider with the
// minimum 5 h but is too small to be contingency (5 + 25% × 95 > 20); B (25) is the contingency.
const input = (bCapacity: number) => ({
  lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
  providers: [
    { id: "A", capacityHours: 100, ratePerHour: 20 },
    { id: "B", capacityHours: bCapacity, ratePerHour: 25 },
    { id: "C", capacityHours: 20, ratePerHour: 22 },
  ],
  eligibility: ["A", "B", "C"].map((providerId) => ({ lotId: "L1", providerId, share: 1 })),
  policy: { contingencyShare: 0.25, minProviderShare: 0.05 },
});

describe("simulateWithdrawal", () => {
  it("allocate(input) gives the hand-computed plan the withdrawal tests start from (A 95 h lead, C 5 h, B contingency)", async () => {
    const plan = await allocate(input(200), exact);
    expect(plan.status).toBe("optimal");
    const lot = plan.lots[0]!;
    expect(lot.lead).toBe("A");
    expect(lot.leadHours).toBeCloseTo(95, 6);
    expect(lot.supplementary.map((s) => [s.providerId, s.hours])).toEqual([["C", 5]]);
    expect(lot.contingency).toBe("B");
    expect(plan.weeklyCost).toBeCloseTo(95 * 20 + 5 * 22, 6);
  });

  it("simulateWithdrawal(plan, ['A']) hands the lead's 95 h to the contingency first, even though C is cheaper", async () => {
    const plan = await allocate(input(200), exact);
    const w = await simulateWithdrawal(plan, ["A"], { solver });
    expect(w.status).toBe("optimal");
    expect(w.lostHours).toBeCloseTo(95, 6);
    expect(w.addedUnmetHours).toBe(0);
    const lot = w.lotsAffected[0]!;
    expect(lot.contingencyHours).toBeCloseTo(95, 6);
    expect(lot.reallocated).toEqual([{ providerId: "B", hours: 95 }]);
    expect(lot.leadBefore).toBe("A");
    expect(lot.leadAfter).toBe("B");
    expect(lot.lostLeadOrContingency).toBe(true);
    expect(w.weeklyCostChange).toBeCloseTo(95 * (25 - 20), 6);
    expect(w.annualCostChange).toBeCloseTo(95 * 5 * 52, 4);
  });

  it("simulateWithdrawal(plan, ['A']) places what the contingency cannot take at least cost and reports the rest unmet", async () => {
    const plan = await allocate(input(50), exact);
    expect(plan.lots[0]!.contingency).toBe("B");
    const w = await simulateWithdrawal(plan, ["A"], { solver });
    expect(w.status).toBe("optimal");
    // B takes its 50 h of capacity, C its 15 h of spare capacity, 30 h are left unmet.
    const lot = w.lotsAffected[0]!;
    expect(lot.contingencyHours).toBeCloseTo(50, 6);
    expect(lot.reallocated).toEqual([
      { providerId: "B", hours: 50 },
      { providerId: "C", hours: 15 },
    ]);
    expect(w.addedUnmetHours).toBeCloseTo(30, 6);
    expect(w.unmetHoursAfter).toBeCloseTo(30, 6);
    expect(w.weeklyCostChange).toBeCloseTo(50 * 25 + 15 * 22 - 95 * 20, 6);
  });

  it("simulateWithdrawal(plan, ['A'], { keepOthers: false }) re-solves: nobody left can lead, so the whole lot is unmet for reason policy", async () => {
    const plan = await allocate(input(50), exact);
    const w = await simulateWithdrawal(plan, ["A"], { ...exact, keepOthers: false });
    expect(w.status).toBe("optimal");
    expect(w.addedUnmetHours).toBeCloseTo(100, 6);
    expect(w.plan!.lots[0]!.unmetReason).toBe("policy");
    expect(w.lotsAffected[0]!.leadAfter).toBeNull();
  });

  it("simulateWithdrawal(plan, ['Q']) throws unknown_id naming the id", async () => {
    const plan = await allocate(input(200), exact);
    const e = await simulateWithdrawal(plan, ["Q"]).catch((x: unknown) => x);
    expect(isLotwiseError(e)).toBe(true);
    expect((e as { code: string }).code).toBe("unknown_id");
    expect((e as Error).message).toContain('"Q"');
  });
});

describe("withdrawalSweep", () => {
  it("withdrawalSweep(plan) ranks every single withdrawal by hours left unmet, then by id", async () => {
    const plan = await allocate(input(50), exact);
    const sweep = await withdrawalSweep(plan, { solver });
    expect(sweep.map((s) => s.providerId)).toEqual(["A", "B", "C"]);
    expect(sweep[0]!.addedUnmetHours).toBeCloseTo(30, 6);
    // B delivers nothing but is the contingency: its lot is affected, nothing is lost.
    expect(sweep[1]).toMatchObject({ providerId: "B", lostHours: 0, addedUnmetHours: 0, lotsAffected: ["L1"] });
    // C's 5 h go to the contingency B.
    expect(sweep[2]).toMatchObject({ providerId: "C", lostHours: 5, addedUnmetHours: 0 });
    expect(sweep[2]!.weeklyCostChange).toBeCloseTo(5 * (25 - 22), 6);
  });

  it("withdrawalSweep(plan) on a generated instance loses exactly each provider's planned hours, and unmet never exceeds them", async () => {
    const { input: gen } = generateAllocationInstance({ lots: 6, providers: 10, candidatesPerLot: 5, seed: 3 });
    const plan = await allocate(gen, { solver, relGap: 1e-3 });
    expect(["optimal", "feasible", "timeLimit"]).toContain(plan.status);
    const sweep = await withdrawalSweep(plan, { solver });
    expect(sweep).toHaveLength(10);
    for (const s of sweep) {
      const p = plan.providers.find((x) => x.providerId === s.providerId)!;
      expect(s.lostHours).toBeCloseTo(p.hours, 6);
      expect(s.addedUnmetHours).toBeLessThanOrEqual(s.lostHours + 1e-6);
    }
    for (let i = 1; i < sweep.length; i++) expect(sweep[i - 1]!.addedUnmetHours).toBeGreaterThanOrEqual(sweep[i]!.addedUnmetHours);
  });
});

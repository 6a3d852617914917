import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocate/allocate.js";
import { generateAllocationInstance } from "../../src/allocate/generate.js";
import type { AllocationResult } from "../../src/allocate/types.js";
import { simulateWithdrawal } from "../../src/allocate/withdrawal.js";
import type { AllocationInput } from "../../src/schema/allocation.js";
import { highsSolver } from "../../src/solvers/highs.js";
import { asyncErrorOf } from "../helpers/errors.js";

const solver = highsSolver();

/** A generated instance (SYNTHETIC) with an in-house team (HART) that reaches every lot and cannot lead. */
function withHart(lots: number, providers: number, seed: number, capacityHours: number): AllocationInput {
  const { input } = generateAllocationInstance({ lots, providers, candidatesPerLot: 15, seed });
  return { ...input, lastResort: { providers: [{ id: "HART", capacityHours, ratePerHour: 45 }], eligibility: input.lots.map((l) => ({ lotId: l.id, providerId: "HART", share: 1 })) } };
}

/** The worst added unmet hours over every single withdrawal, re-let one by one (brute force). */
async function bruteForceWorst(plan: AllocationResult): Promise<{ worst: number; by: Map<string, number> }> {
  const by = new Map<string, number>();
  let worst = 0;
  for (const p of plan.providers) {
    const w = await simulateWithdrawal(plan, [p.providerId], { solver });
    by.set(p.providerId, w.addedUnmetHours);
    worst = Math.max(worst, w.addedUnmetHours);
  }
  return { worst, by };
}

/** The allocate() policy rules, checked from the plan's records. */
function policyViolations(plan: AllocationResult): string[] {
  const bad: string[] = [];
  const pol = plan.input.policy;
  for (const l of plan.lots) {
    if (l.lead === null) continue;
    if (l.leadHours < pol.leadShare * l.demandHours - 1e-6) bad.push(`${l.lotId}: lead share`);
    const floor = Math.max(pol.minProviderShare * l.demandHours, pol.minProviderHours);
    if (1 + l.supplementary.filter((s) => s.hours >= floor - 1e-6).length < pol.minProvidersPerLot) bad.push(`${l.lotId}: providers`);
    if (l.contingency === null || l.contingency === l.lead) bad.push(`${l.lotId}: contingency`);
    if (l.contingencyReserveHours < pol.contingencyShare * l.leadHours - 1e-6) bad.push(`${l.lotId}: reserve`);
  }
  for (const p of plan.providers) if (p.hours + p.reservedHours > p.capacityHours + 1e-6) bad.push(`${p.providerId}: capacity`);
  return bad;
}

describe("allocate(input, { security: 'n-1' })", () => {
  it("on an 18×30 instance whose plain plan is not N-1 secure, returns a plan every single withdrawal re-lets with no unmet hours (brute force), at a price ≥ 0", async () => {
    const input = withHart(18, 30, 4, 500);
    const plain = await allocate(input, { solver });
    const plainCheck = await bruteForceWorst(plain);
    // The plain plan leaves hours unmet when some provider withdraws, even with HART's 500 h.
    expect(plainCheck.worst).toBeGreaterThan(0);

    const secure = await allocate(input, { solver, security: "n-1" });
    expect(secure.status).toBe("optimal");
    const s = secure.security!;
    expect(s.secure).toBe(true);
    expect(s.worstAddedUnmetHours).toBe(0);
    expect(s.iterations).toBeGreaterThanOrEqual(1);
    expect(s.scenariosInModel.length).toBeGreaterThanOrEqual(1);
    // Cross-check with the re-letting: every single withdrawal, one by one.
    const check = await bruteForceWorst(secure);
    expect(check.worst).toBeLessThanOrEqual(1e-6);
    for (const sc of s.scenarios) expect(sc.addedUnmetHours).toBeCloseTo(check.by.get(sc.providerId)!, 6);
    // The price of security: the secure plan's weekly cost minus the plain plan's, never negative.
    expect(s.priceOfSecurityWeekly).toBeGreaterThanOrEqual(0);
    expect(s.priceOfSecurityWeekly).toBeCloseTo(secure.weeklyCost - s.plainWeeklyCost, 6);
    expect(s.plainWeeklyCost).toBeLessThanOrEqual(plain.weeklyCost + 1e-6);
    expect(s.priceOfSecurityAnnual).toBeCloseTo(s.priceOfSecurityWeekly * 52, 4);
    // It is still a plan under the policy, serving as much as the plain plan.
    expect(policyViolations(secure)).toEqual([]);
    expect(secure.unmetHours).toBeLessThanOrEqual(plain.unmetHours + 1e-6);
    expect(secure.providers.every((p) => p.capacityShadowPrice === null)).toBe(true);
  }, 120_000);

  it("on a second 18×30 instance (seed 7) brute force over every single withdrawal also finds no unmet hours", async () => {
    const secure = await allocate(withHart(18, 30, 7, 500), { solver, security: "n-1" });
    expect(secure.security!.secure).toBe(true);
    expect((await bruteForceWorst(secure)).worst).toBeLessThanOrEqual(1e-6);
    expect(secure.security!.priceOfSecurityWeekly).toBeGreaterThanOrEqual(0);
  }, 120_000);

  // One lot of 100 h that only A can lead (B and C reach 50 h each).
  const singleLead = (lastResort?: AllocationInput["lastResort"]): AllocationInput => ({
    lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
    providers: [
      { id: "A", capacityHours: 100, ratePerHour: 20 },
      { id: "B", capacityHours: 200, ratePerHour: 25 },
      { id: "C", capacityHours: 200, ratePerHour: 22 },
    ],
    eligibility: [
      { lotId: "L1", providerId: "A", share: 1 },
      { lotId: "L1", providerId: "B", share: 0.5 },
      { lotId: "L1", providerId: "C", share: 0.5 },
    ],
    ...(lastResort === undefined ? {} : { lastResort }),
  });

  it("when no plan can be secure, returns the least worst case and names the provider that sets it (A: 100 h)", async () => {
    const plan = await allocate(singleLead(), { solver, security: "n-1", relGap: 0 });
    const s = plan.security!;
    expect(s.secure).toBe(false);
    expect(s.worstProviderId).toBe("A");
    expect(s.worstAddedUnmetHours).toBeCloseTo(100, 6);
    expect(s.priceOfSecurityWeekly).toBe(0);
    expect(plan.warnings.some((w) => w.includes("not N-1 secure") && w.includes("A"))).toBe(true);
    // The plan itself is still let: A leads.
    expect(plan.lots[0]!.lead).toBe("A");
    expect(plan.unmetHours).toBe(0);
  });

  it("with 100 h of last-resort capacity the same lot is secure: A's withdrawal needs 100 h of HART", async () => {
    const hart = { providers: [{ id: "HART", capacityHours: 100, ratePerHour: 45 }], eligibility: [{ lotId: "L1", providerId: "HART", share: 1 }] };
    const plan = await allocate(singleLead(hart), { solver, security: "n-1", relGap: 0 });
    const s = plan.security!;
    expect(s.secure).toBe(true);
    expect(s.iterations).toBe(0);
    const a = s.scenarios.find((x) => x.providerId === "A")!;
    expect(a.lastResortHours).toBeCloseTo(100, 6);
    expect(s.worstProviderId).toBe("A");
  });

  it("securityMethod 'all' (every recourse copy in one MILP) and 'scenarios' (constraint generation) agree on an 8×12 instance", async () => {
    const input = withHart(8, 12, 3, 150);
    const cg = await allocate(input, { solver, security: "n-1", relGap: 1e-4 });
    const all = await allocate(input, { solver, security: "n-1", securityMethod: "all", relGap: 1e-4 });
    expect(all.security!.scenariosInModel).toHaveLength(12);
    expect(cg.security!.scenariosInModel.length).toBeLessThan(12);
    expect(all.security!.worstAddedUnmetHours).toBeCloseTo(cg.security!.worstAddedUnmetHours, 4);
    expect(all.security!.worstProviderId).toBe(cg.security!.worstProviderId);
    expect(Math.abs(all.weeklyCost - cg.weeklyCost)).toBeLessThanOrEqual(2e-4 * cg.weeklyCost);
  }, 120_000);

  it("allocate(input, { security: 'n-2' }) throws invalid_input naming options.security", async () => {
    const e = await asyncErrorOf(() => allocate(singleLead(), { security: "n-2" } as never));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("options.security");
  });
});

import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocate/allocate.js";
import { generateAllocationInstance } from "../../src/allocate/generate.js";
import { highsSolver } from "../../src/solvers/highs.js";
import { isLotwiseError } from "../../src/errors.js";

describe("generateAllocationInstance", () => {
  it("generateAllocationInstance(opts) is deterministic per seed and differs between seeds", () => {
    const a = generateAllocationInstance({ lots: 12, providers: 25, candidatesPerLot: 8, seed: 7 });
    const b = generateAllocationInstance({ lots: 12, providers: 25, candidatesPerLot: 8, seed: 7 });
    const c = generateAllocationInstance({ lots: 12, providers: 25, candidatesPerLot: 8, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a.input.lots).toHaveLength(12);
    expect(a.input.providers).toHaveLength(25);
    expect(a.input.eligibility).toHaveLength(12 * 8);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`generateAllocationInstance(opts) plants a plan that meets the default policy within capacity (seed ${seed})`, () => {
      const { input, planted } = generateAllocationInstance({ lots: 40, providers: 80, candidatesPerLot: 10, seed });
      const share = new Map(input.eligibility.map((e) => [`${e.lotId}|${e.providerId}`, e.share]));
      const cap = new Map(input.providers.map((p) => [p.id, p.capacityHours]));
      const load = new Map<string, number>();
      const leads = new Map<string, number>();
      const add = (p: string, h: number) => load.set(p, (load.get(p) ?? 0) + h);
      for (const lot of input.lots) {
        const d = lot.urbanHours + lot.ruralHours;
        const pl = planted.lots[lot.id]!;
        expect(new Set([pl.lead, pl.supplementary, pl.contingency]).size).toBe(3);
        expect(pl.leadHours + pl.supplementaryHours).toBeCloseTo(d, 9);
        expect(pl.leadHours).toBeGreaterThanOrEqual(0.6 * d);
        expect(pl.supplementaryHours).toBeGreaterThanOrEqual(0.05 * d);
        expect(pl.leadHours).toBeLessThanOrEqual(share.get(`${lot.id}|${pl.lead}`)! * d + 1e-9);
        expect(pl.supplementaryHours).toBeLessThanOrEqual(share.get(`${lot.id}|${pl.supplementary}`)! * d + 1e-9);
        expect(0.25 * pl.leadHours).toBeLessThanOrEqual(share.get(`${lot.id}|${pl.contingency}`)! * d + 1e-9);
        add(pl.lead, pl.leadHours);
        add(pl.supplementary, pl.supplementaryHours);
        add(pl.contingency, 0.25 * pl.leadHours);
        leads.set(pl.lead, (leads.get(pl.lead) ?? 0) + 1);
      }
      for (const [p, h] of load) expect(h).toBeLessThanOrEqual(cap.get(p)! + 1e-9);
      for (const n of leads.values()) expect(n).toBeLessThanOrEqual(2);
    });
  }

  it("allocate(generated) leaves no hours unmet and costs no more than the planted plan", async () => {
    const { input, planted } = generateAllocationInstance({ lots: 10, providers: 20, candidatesPerLot: 6, seed: 5 });
    const plan = await allocate(input, { solver: highsSolver(), relGap: 0, timeLimitSec: 60 });
    expect(plan.status).toBe("optimal");
    expect(plan.unmetHours).toBe(0);
    expect(plan.weeklyCost).toBeLessThanOrEqual(planted.weeklyCost + 1e-6);
    expect(plan.warnings).toEqual([]);
  });

  it("generateAllocationInstance({ providers: 1 }) throws invalid_input", () => {
    let err: unknown;
    try {
      generateAllocationInstance({ lots: 3, providers: 1 });
    } catch (e) {
      err = e;
    }
    expect(isLotwiseError(err)).toBe(true);
    expect((err as Error).message).toContain("options.providers");
  });
});

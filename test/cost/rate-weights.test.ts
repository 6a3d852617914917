// Rate weights from modelled costs feeding allocate(), and rates checked against cost.
import { beforeAll, describe, expect, it } from "vitest";
import { allocate, costOfCare, highsSolver, rateSustainability, type CostOfCare } from "../../src/index.js";
import { designLots } from "../../src/lots/design-lots.js";
import type { LotDesign } from "../../src/lots/types.js";
import { asyncErrorOf, errorOf } from "../helpers/errors.js";
import { ELR, WL, realSet, type RealSet } from "../lots/real-data.js";

// Three lots, from dense urban to sparse rural, one area each (hours per km²: 250, 25, 2).
const areas = [
  { id: "U", lonLat: [-1.13, 52.63] as [number, number], areaKm2: 2, urbanRural: "urban" as const },
  { id: "F", lonLat: [-1.2, 52.7] as [number, number], areaKm2: 20, urbanRural: "urban" as const },
  { id: "R", lonLat: [-0.9, 52.75] as [number, number], areaKm2: 200, urbanRural: "rural" as const },
];
const plan = { lots: [{ id: "L-R", areaIds: ["R"] }, { id: "L-U", areaIds: ["U"] }, { id: "L-F", areaIds: ["F"] }] };
const demand = { U: 500, F: 500, R: 400 };

describe("rate weights from costs", () => {
  it("from lots: weight = lot cost ÷ the cheapest lot's, so the densest lot has weight 1", async () => {
    const c = await costOfCare(plan, areas, demand);
    expect(c.lots.map((l) => l.lotId)).toEqual(["L-F", "L-R", "L-U"]);
    const cheapest = Math.min(...c.lots.map((l) => l.costPerContactHour!));
    expect(c.rateWeightBase).toEqual({ from: "lot", costPerContactHour: cheapest });
    for (const l of c.lots) expect(l.rateWeight).toBeCloseTo(l.costPerContactHour! / cheapest, 12);
    const w = Object.fromEntries(c.lots.map((l) => [l.lotId, l.rateWeight!]));
    expect(w["L-U"]).toBe(1);
    expect(w["L-F"]!).toBeGreaterThan(1);
    expect(w["L-R"]!).toBeGreaterThan(w["L-F"]!);
    // A fixed base (e.g. the Minimum Price) instead of the cheapest lot.
    const fixed = await costOfCare(plan, areas, demand, { rateWeights: { base: 20.69 } });
    for (const l of fixed.lots) expect(l.rateWeight).toBeCloseTo(l.costPerContactHour! / 20.69, 12);
  });

  it("from bands: a lot's weight is its hours' band costs ÷ the cheapest band's, with bands given per area", async () => {
    const areas2 = [...areas, { id: "R2", lonLat: [-0.95, 52.7] as [number, number], areaKm2: 40, urbanRural: "rural" as const }];
    const plan2 = { lots: [{ id: "L-U", areaIds: ["U", "R2"] }, { id: "L-F", areaIds: ["F"] }, { id: "L-R", areaIds: ["R"] }] };
    const demand2 = { ...demand, R2: 100 };
    const bandOf = { U: "urban", F: "fringe", R: "rural", R2: "rural" } as const;
    const c = await costOfCare(plan2, areas2, demand2, { bandOf, rateWeights: { from: "band" } });
    expect(c.bandSource).toBe("given");
    expect(c.bands.map((b) => b.band)).toEqual(["urban", "fringe", "rural"]);
    const cost = (id: string) => c.areas.find((a) => a.areaId === id)!.costPerContactHour!;
    const rural = (400 * cost("R") + 100 * cost("R2")) / 500;
    expect(c.bands[2]!.costPerContactHour).toBeCloseTo(rural, 10);
    expect(c.rateWeightBase.costPerContactHour).toBeCloseTo(cost("U"), 12);
    const lotU = c.lots.find((l) => l.lotId === "L-U")!;
    expect(lotU.hoursByBand).toEqual({ urban: 500, rural: 100 });
    expect(lotU.rateWeight).toBeCloseTo((500 * cost("U") + 100 * rural) / 600 / cost("U"), 12);
    expect(c.lots.find((l) => l.lotId === "L-R")!.rateWeight).toBeCloseTo(rural / cost("U"), 12);
  });

  it("bandOf naming an area outside the plan is unknown_id; a band that is not one of the four is invalid_input", async () => {
    const e1 = await asyncErrorOf(() => costOfCare(plan, areas, demand, { bandOf: { Q: "urban" } }));
    expect(e1.code).toBe("unknown_id");
    const e2 = await asyncErrorOf(() => costOfCare(plan, areas, demand, { bandOf: { U: "suburban" as never } }));
    expect(e2.code).toBe("invalid_input");
    expect(e2.message).toContain("options.bandOf.U");
  });

  it("costOfCare(...).allocationLots feeds allocate() without glue: each lot's cost is Σ hours × rate × its modelled weight", async () => {
    const c = await costOfCare(plan, areas, demand);
    expect(c.allocationLots).toEqual([
      { id: "L-F", urbanHours: 500, ruralHours: 0, rateWeight: c.lots[0]!.rateWeight },
      { id: "L-R", urbanHours: 0, ruralHours: 400, rateWeight: c.lots[1]!.rateWeight },
      { id: "L-U", urbanHours: 500, ruralHours: 0, rateWeight: 1 },
    ]);
    const providers = [
      { id: "A", capacityHours: 900, ratePerHour: 19 },
      { id: "B", capacityHours: 900, ratePerHour: 21 },
      { id: "C", capacityHours: 900, ratePerHour: 23 },
    ];
    const eligibility = plan.lots.flatMap((l) => providers.map((p) => ({ lotId: l.id, providerId: p.id, share: 1 })));
    const res = await allocate({ lots: c.allocationLots, providers, eligibility }, { solver: highsSolver(), relGap: 0 });
    expect(res.status).toBe("optimal");
    expect(res.unmetHours).toBe(0);
    const rate = new Map(providers.map((p) => [p.id, p.ratePerHour]));
    for (const lot of res.lots) {
      const w = c.allocationLots.find((l) => l.id === lot.lotId)!.rateWeight!;
      const paid = [[lot.lead!, lot.leadHours] as const, ...lot.supplementary.map((s) => [s.providerId, s.hours] as const)];
      expect(lot.weeklyCost).toBeCloseTo(paid.reduce((t, [p, h]) => t + h * rate.get(p)! * w, 0), 6);
    }
  });
});

describe("rateSustainability", () => {
  let c: CostOfCare;
  beforeAll(async () => {
    c = await costOfCare(plan, areas, demand);
  });

  it("flags each bid below its lot's modelled cost as unsustainable, with the gap in £/hour", () => {
    const cost = Object.fromEntries(c.lots.map((l) => [l.lotId, l.costPerContactHour!]));
    const check = rateSustainability(c, [
      { lotId: "L-U", providerId: "P1", ratePerHour: 16.6 },
      { lotId: "L-U", providerId: "P2", ratePerHour: cost["L-U"]! + 1 },
      { lotId: "L-R", providerId: "P1", ratePerHour: cost["L-R"]! - 0.004 }, // within the half-penny tolerance
      { lotId: "L-R", ratePerHour: 18 },
    ]);
    expect(check.rates.map((r) => [r.lotId, r.providerId, r.sustainable])).toEqual([
      ["L-R", null, false],
      ["L-R", "P1", true],
      ["L-U", "P1", false],
      ["L-U", "P2", true],
    ]);
    const p1 = check.rates.find((r) => r.lotId === "L-U" && r.providerId === "P1")!;
    expect(p1.gapPerHour).toBeCloseTo(cost["L-U"]! - 16.6, 12);
    expect(check.unsustainableRates).toBe(2);
    const lotU = check.lots.find((l) => l.lotId === "L-U")!;
    expect(lotU).toMatchObject({ rates: 2, unsustainableRates: 1, unsustainableProviders: ["P1"] });
    expect(lotU.worstGapPerHour).toBeCloseTo(cost["L-U"]! - 16.6, 12);
    expect(check.findings).toHaveLength(2);
    expect(check.findings[1]).toContain(`Lot L-U: 1 of 2 rate(s) are below the modelled cost of £${cost["L-U"]!.toFixed(2)} per hour`);
    expect(check.findings[1]).toContain(`provider P1's rate of £16.60, falls £${(cost["L-U"]! - 16.6).toFixed(2)} per hour short`);
  });

  it("checks an allocation at each provider's rate × the lot's weight, with its hours", async () => {
    const providers = [
      { id: "A", capacityHours: 2000, ratePerHour: 15 },
      { id: "B", capacityHours: 2000, ratePerHour: 25 },
    ];
    const eligibility = plan.lots.flatMap((l) => providers.map((p) => ({ lotId: l.id, providerId: p.id, share: 1 })));
    const res = await allocate({ lots: c.allocationLots, providers, eligibility, policy: { minProviderShare: 0.05, maxLeadLotsPerProvider: 3 } }, { solver: highsSolver(), relGap: 0 });
    const check = rateSustainability(c, res);
    const w = new Map(c.lots.map((l) => [l.lotId, l.rateWeight!]));
    const cost = new Map(c.lots.map((l) => [l.lotId, l.costPerContactHour!]));
    expect(check.rates.length).toBeGreaterThanOrEqual(6); // 3 lots, at least 2 providers each
    for (const r of check.rates) {
      const paid = (r.providerId === "A" ? 15 : 25) * w.get(r.lotId)!;
      expect(r.ratePerHour).toBeCloseTo(paid, 12);
      expect(r.gapPerHour).toBeCloseTo(cost.get(r.lotId)! - paid, 12);
      expect(r.sustainable).toBe(cost.get(r.lotId)! - paid <= 0.005);
      expect(r.hours).toBeGreaterThan(0);
    }
    // £15 × weight is below cost in every lot (the cheapest lot costs more than £15); £25 × weight is above.
    expect(check.rates.filter((r) => r.providerId === "A").every((r) => r.sustainable === false)).toBe(true);
    expect(check.rates.filter((r) => r.providerId === "B").every((r) => r.sustainable === true)).toBe(true);
  });

  it("rejects a rate for an unknown lot and a negative rate", () => {
    expect(errorOf(() => rateSustainability(c, [{ lotId: "nope", ratePerHour: 20 }])).code).toBe("unknown_id");
    const e = errorOf(() => rateSustainability(c, [{ lotId: "L-U", ratePerHour: -1 }]));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("rates[0].ratePerHour: -1");
  });
});

describe("rate weights on the 18 Leicestershire County Council lots", () => {
  let s: RealSet;
  let design: LotDesign;
  beforeAll(() => {
    s = realSet("county");
    design = designLots(s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 }, seed: 2019 });
  });

  it("band weights rise urban < fringe < rural < isolated and each lot's band weight lies between its cheapest and dearest band", async () => {
    const c = await costOfCare(design, s.areas, s.demand.hours, { rateWeights: { from: "band" } });
    const ws = c.bands.map((b) => b.rateWeight);
    expect(c.bands.map((b) => b.band)).toEqual(["urban", "fringe", "rural", "isolated"]);
    expect(ws[0]).toBe(1);
    for (let i = 1; i < ws.length; i++) expect(ws[i]!).toBeGreaterThan(ws[i - 1]!);
    const bw = new Map(c.bands.map((b) => [b.band, b.rateWeight]));
    for (const l of c.lots) {
      const present = Object.keys(l.hoursByBand).map((b) => bw.get(b as never)!);
      expect(l.rateWeight!).toBeGreaterThanOrEqual(Math.min(...present) - 1e-12);
      expect(l.rateWeight!).toBeLessThanOrEqual(Math.max(...present) + 1e-12);
    }
  });
});

import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocate/allocate.js";
import { highsSolver } from "../../src/solvers/highs.js";
import { mulberry32 } from "../../src/internal/rng.js";
import { bruteForceAllocation } from "./brute-force.js";
import type { TinyInstance } from "./brute-force.js";
import { asyncErrorOf as errorOf } from "../helpers/errors.js";

const solver = highsSolver();
const exact = { solver, relGap: 0, timeLimitSec: 60 } as const;

const basePolicy = {
  urbanWeight: 1,
  ruralWeight: 1.15,
  leadShare: 0.6,
  maxLeadLotsPerProvider: 2,
  minProvidersPerLot: 2,
  minProviderShare: 0.1,
  contingencyShare: 0.5,
  unmetPenaltyPerHour: 400,
};


/** Random tiny instance with integer data (hours multiples of 10 so policy thresholds are whole hours). */
function tinyInstance(seed: number, nLots: number, nProv: number): TinyInstance {
  const r = mulberry32(seed);
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const lots = Array.from({ length: nLots }, (_, i) => {
    const d = 10 * int(1, 2);
    const rural = 10 * int(0, d / 10);
    return { id: `L${i + 1}`, urbanHours: d - rural, ruralHours: rural };
  });
  const providers = Array.from({ length: nProv }, (_, i) => ({ id: `P${i + 1}`, capacityHours: int(4, 22), ratePerHour: int(18, 30) }));
  const eligibility: TinyInstance["eligibility"] = [];
  for (const l of lots) for (const p of providers) if (r() < 0.8) eligibility.push({ lotId: l.id, providerId: p.id, share: [0.5, 0.8, 1][int(0, 2)]! });
  return { lots, providers, eligibility, policy: { ...basePolicy, maxLeadLotsPerProvider: int(1, 2) } };
}

describe("allocate (milp) against brute force", () => {
  it("allocate(input) finds the brute-force optimum on a hand-made 2 lots × 3 providers case where the cheapest provider cannot lead both lots", async () => {
    const t: TinyInstance = {
      lots: [
        { id: "L1", urbanHours: 10, ruralHours: 0 },
        { id: "L2", urbanHours: 0, ruralHours: 10 },
      ],
      providers: [
        { id: "A", capacityHours: 14, ratePerHour: 20 },
        { id: "B", capacityHours: 20, ratePerHour: 25 },
        { id: "C", capacityHours: 20, ratePerHour: 30 },
      ],
      eligibility: ["L1", "L2"].flatMap((lotId) => ["A", "B", "C"].map((providerId) => ({ lotId, providerId, share: 1 }))),
      policy: { ...basePolicy, maxLeadLotsPerProvider: 1 },
    };
    const brute = bruteForceAllocation(t);
    const plan = await allocate(t, exact);
    expect(plan.status).toBe("optimal");
    expect(plan.unmetHours).toBeCloseTo(brute.unmetHours, 6);
    expect(plan.objective).toBeCloseTo(brute.objective, 4);
    // A is cheapest but may lead one lot only (maxLeadLots 1): the leads differ.
    const leads = plan.lots.map((l) => l.lead);
    expect(new Set(leads).size).toBe(2);
  });

  for (const [seed, nLots, nProv] of [
    [1, 2, 3],
    [2, 2, 3],
    [3, 2, 4],
    [4, 3, 3],
    [5, 2, 4],
    [6, 3, 3],
  ] as const) {
    it(`allocate(input) matches the brute-force optimum on random tiny instance seed ${seed} (${nLots} lots × ${nProv} providers)`, async () => {
      const t = tinyInstance(seed, nLots, nProv);
      const brute = bruteForceAllocation(t);
      const plan = await allocate(t, exact);
      expect(plan.status).toBe("optimal");
      // Every grid plan is feasible for the model, so the solver can never be worse than the brute force…
      expect(plan.objective).toBeLessThanOrEqual(brute.objective + 1e-6);
      // …and on these integer instances the optimum lies on the grid.
      expect(plan.objective).toBeCloseTo(brute.objective, 4);
      expect(plan.unmetHours).toBeCloseTo(brute.unmetHours, 6);
    });
  }

  for (const [seed, nLots, nProv] of [
    [7, 2, 3],
    [8, 2, 4],
    [9, 3, 3],
  ] as const) {
    it(`allocate(input) with a rate weight per lot matches the brute-force optimum (seed ${seed}, ${nLots} lots × ${nProv} providers, weights 1.0–1.4)`, async () => {
      const t = tinyInstance(seed, nLots, nProv);
      const r = mulberry32(seed + 100);
      const weighted: TinyInstance = { ...t, lots: t.lots.map((l) => ({ ...l, rateWeight: 1 + Math.round(r() * 40) / 100 })) };
      const brute = bruteForceAllocation(weighted);
      const plan = await allocate(weighted, exact);
      expect(plan.status).toBe("optimal");
      expect(plan.objective).toBeCloseTo(brute.objective, 4);
      // Each lot's cost is Σ hours × rate × that lot's own weight, whatever its urban/rural split.
      const rate = new Map(t.providers.map((p) => [p.id, p.ratePerHour]));
      for (const lot of plan.lots) {
        const w = weighted.lots.find((l) => l.id === lot.lotId)!.rateWeight!;
        const byProvider = [...(lot.lead === null ? [] : [[lot.lead, lot.leadHours] as const]), ...lot.supplementary.map((s) => [s.providerId, s.hours] as const)];
        expect(lot.weeklyCost).toBeCloseTo(byProvider.reduce((s, [p, h]) => s + h * rate.get(p)! * w, 0), 6);
      }
    });
  }

  it("allocate(input): a lot's rateWeight replaces the policy's urban/rural weights; lots without one keep them", async () => {
    const lots = [
      { id: "L1", urbanHours: 0, ruralHours: 100, rateWeight: 1.3 },
      { id: "L2", urbanHours: 0, ruralHours: 100 },
    ];
    const ps = [
      { id: "A", capacityHours: 500, ratePerHour: 20 },
      { id: "B", capacityHours: 500, ratePerHour: 20 },
    ];
    const eligibility = ["L1", "L2"].flatMap((lotId) => ["A", "B"].map((providerId) => ({ lotId, providerId, share: 1 })));
    const plan = await allocate({ lots, providers: ps, eligibility, policy: { ruralWeight: 1.15 } }, exact);
    expect(plan.status).toBe("optimal");
    expect(plan.lots[0]!.weeklyCost).toBeCloseTo(100 * 20 * 1.3, 6);
    expect(plan.lots[1]!.weeklyCost).toBeCloseTo(100 * 20 * 1.15, 6);
    // The default unmet-hour penalty follows the highest weight, the lot's included: 10 × 20 × 1.3 < 1000.
    expect(plan.unmetPenaltyPerHour).toBe(1000);
    const heavy = await allocate({ lots: [{ id: "L1", urbanHours: 10, ruralHours: 0, rateWeight: 6 }], providers: ps, eligibility: eligibility.filter((e) => e.lotId === "L1") }, exact);
    expect(heavy.unmetPenaltyPerHour).toBe(10 * 20 * 6);
  });

  it("allocate(input) rejects a rate weight ≤ 0 or NaN with invalid_input naming lots[i].rateWeight", async () => {
    for (const w of [0, -1, Number.NaN]) {
      const e = await errorOf(() => allocate({ lots: [{ id: "L1", urbanHours: 1, ruralHours: 0, rateWeight: w }], providers: [{ id: "A", capacityHours: 10, ratePerHour: 20 }], eligibility: [] }));
      expect(e.code).toBe("invalid_input");
      expect(e.message).toContain("input.lots[0].rateWeight");
    }
  });

  it("allocate(input) keeps every policy rule in the plan it returns (checked from the records, not the model)", async () => {
    const t = tinyInstance(11, 3, 4);
    const plan = await allocate(t, exact);
    expect(plan.status).toBe("optimal");
    const pol = t.policy;
    const used = new Map<string, number>();
    const leads = new Map<string, number>();
    for (const lot of plan.lots) {
      const d = lot.demandHours;
      if (lot.lead === null) {
        expect(lot.deliveredHours).toBe(0);
        continue;
      }
      expect(lot.leadHours).toBeGreaterThanOrEqual(pol.leadShare * d - 1e-6);
      expect(lot.contingency).not.toBeNull();
      expect(lot.contingency).not.toBe(lot.lead);
      const counted = 1 + lot.supplementary.filter((s) => s.hours >= pol.minProviderShare * d - 1e-6).length;
      expect(counted).toBeGreaterThanOrEqual(pol.minProvidersPerLot);
      expect(lot.contingencyReserveHours).toBeGreaterThanOrEqual(pol.contingencyShare * lot.leadHours - 1e-6);
      leads.set(lot.lead, (leads.get(lot.lead) ?? 0) + 1);
      for (const s of lot.supplementary) {
        const share = t.eligibility.find((e) => e.lotId === lot.lotId && e.providerId === s.providerId)!.share;
        expect(s.hours).toBeLessThanOrEqual(share * d + 1e-6);
      }
      expect(lot.deliveredHours + lot.unmetHours).toBeCloseTo(d, 6);
    }
    for (const p of plan.providers) {
      used.set(p.providerId, p.hours + p.reservedHours);
      expect(p.hours + p.reservedHours).toBeLessThanOrEqual(p.capacityHours + 1e-6);
      expect(p.leadLots.length).toBeLessThanOrEqual(pol.maxLeadLotsPerProvider);
    }
  });
});

describe("allocate results", () => {
  // A cheap but small provider A and an expensive large one B, one urban lot of 100 h.
  const shadowCase = {
    lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
    providers: [
      { id: "A", capacityHours: 70, ratePerHour: 20 },
      { id: "B", capacityHours: 200, ratePerHour: 25 },
    ],
    eligibility: [
      { lotId: "L1", providerId: "A", share: 1 },
      { lotId: "L1", providerId: "B", share: 1 },
    ],
    policy: { contingencyShare: 0.25 },
  };

  it("allocate(input) gives the binding cheap provider a capacity shadow price equal to the rate difference (25 − 20 = 5)", async () => {
    const plan = await allocate(shadowCase, exact);
    expect(plan.status).toBe("optimal");
    const [a, b] = plan.providers;
    expect(a!.hours).toBeCloseTo(70, 6);
    expect(b!.hours).toBeCloseTo(30, 6);
    expect(a!.capacityShadowPrice).toBeCloseTo(5, 6);
    expect(b!.capacityShadowPrice).toBeCloseTo(0, 6);
    expect(plan.lots[0]!.lead).toBe("A");
    expect(plan.lots[0]!.contingency).toBe("B");
    expect(plan.lots[0]!.contingencyReserveHours).toBeGreaterThanOrEqual(0.25 * 70 - 1e-6);
    expect(plan.weeklyCost).toBeCloseTo(70 * 20 + 30 * 25, 6);
    expect(plan.annualCost).toBeCloseTo((70 * 20 + 30 * 25) * 52, 4);
    expect(b!.utilisation).toBeCloseTo(30 / 200, 9);
  });

  it("allocate(input, { formulation: 'lp' }) solves the hours-only LP, picks the lead afterwards and gives the same shadow price", async () => {
    const plan = await allocate(shadowCase, { ...exact, formulation: "lp" });
    expect(plan.status).toBe("optimal");
    expect(plan.formulation).toBe("lp");
    expect(plan.size.integers).toBe(0);
    expect(plan.lots[0]!.lead).toBe("A");
    expect(plan.lots[0]!.leadHours).toBeCloseTo(70, 6);
    expect(plan.lots[0]!.contingency).toBe("B");
    expect(plan.providers[0]!.capacityShadowPrice).toBeCloseTo(5, 6);
    expect(plan.weeklyCost).toBeCloseTo(2150, 6);
  });

  it("allocate(input) prices rural hours with the rural weight (cost = rate × (urban + 1.15 × rural))", async () => {
    const plan = await allocate(
      {
        lots: [{ id: "L1", urbanHours: 30, ruralHours: 70 }],
        providers: [
          { id: "A", capacityHours: 500, ratePerHour: 20 },
          { id: "B", capacityHours: 500, ratePerHour: 30 },
        ],
        eligibility: [
          { lotId: "L1", providerId: "A", share: 0.9 },
          { lotId: "L1", providerId: "B", share: 1 },
        ],
        policy: { contingencyShare: 0 },
      },
      exact,
    );
    expect(plan.status).toBe("optimal");
    // A delivers its reach 90 h, B the remaining 10 h; each hour is 30% urban, 70% rural.
    const w = 0.3 + 1.15 * 0.7;
    expect(plan.weeklyCost).toBeCloseTo(w * (90 * 20 + 10 * 30), 6);
    const supp = plan.lots[0]!.supplementary[0]!;
    expect(supp.urbanHours).toBeCloseTo(3, 9);
    expect(supp.ruralHours).toBeCloseTo(7, 9);
  });

  it("allocate(input, { onProgress, signal }) passes progress through and rejects with code cancelled once aborted", async () => {
    const t = tinyInstance(31, 2, 3);
    const seen: string[] = [];
    const plan = await allocate(t, { ...exact, onProgress: (p) => seen.push(p.message ?? "") });
    expect(plan.status).toBe("optimal");
    expect(seen).toContain("start");
    const ctrl = new AbortController();
    ctrl.abort();
    const e = await errorOf(() => allocate(t, { ...exact, signal: ctrl.signal }));
    expect(e.code).toBe("cancelled");
  });

  it("allocate(input) returns byte-identical records for the same input", async () => {
    const t = tinyInstance(21, 3, 4);
    const a = await allocate(t, exact);
    const b = await allocate(t, exact);
    const strip = ({ timeSec: _t, ...rest }: typeof a) => JSON.stringify(rest);
    expect(strip(a)).toBe(strip(b));
  });
});

describe("allocate data problems: warnings and explained unmet hours, or clear errors", () => {
  const providers = [
    { id: "A", capacityHours: 100, ratePerHour: 20 },
    { id: "B", capacityHours: 100, ratePerHour: 22 },
  ];

  it("allocate(input) leaves a lot with no eligible provider unmet with reason no_eligible_provider and a warning", async () => {
    const plan = await allocate(
      {
        lots: [
          { id: "L1", urbanHours: 50, ruralHours: 0 },
          { id: "L2", urbanHours: 30, ruralHours: 10 },
        ],
        providers,
        eligibility: [
          { lotId: "L1", providerId: "A", share: 1 },
          { lotId: "L1", providerId: "B", share: 1 },
        ],
      },
      exact,
    );
    expect(plan.status).toBe("optimal");
    const l2 = plan.lots[1]!;
    expect(l2.unmetHours).toBe(40);
    expect(l2.unmetReason).toBe("no_eligible_provider");
    expect(l2.lead).toBeNull();
    expect(plan.lots[0]!.unmetHours).toBe(0);
    expect(plan.warnings).toContain("Lot L2 has no eligible provider: its 40 weekly hours are unmet.");
  });

  it("allocate(input) warns 'Demand greater than capacity (240 > 200).' and reports the 40 h shortfall as capacity_exhausted", async () => {
    const plan = await allocate(
      {
        lots: [
          { id: "L1", urbanHours: 120, ruralHours: 0 },
          { id: "L2", urbanHours: 120, ruralHours: 0 },
        ],
        providers,
        eligibility: ["L1", "L2"].flatMap((lotId) => ["A", "B"].map((providerId) => ({ lotId, providerId, share: 1 }))),
        policy: { contingencyShare: 0 },
      },
      exact,
    );
    expect(plan.status).toBe("optimal");
    expect(plan.warnings).toContain("Demand greater than capacity (240 > 200).");
    expect(plan.unmetHours).toBeCloseTo(40, 6);
    const short = plan.lots.filter((l) => l.unmetHours > 0);
    expect(short.every((l) => l.unmetReason === "capacity_exhausted")).toBe(true);
    expect(plan.providers.every((p) => p.hours === 100)).toBe(true);
  });

  it("allocate(input) gives a zero-capacity provider no hours, with a warning, and serves the lot from the others", async () => {
    const plan = await allocate(
      {
        lots: [{ id: "L1", urbanHours: 50, ruralHours: 0 }],
        providers: [...providers, { id: "Z", capacityHours: 0, ratePerHour: 1 }],
        eligibility: ["A", "B", "Z"].map((providerId) => ({ lotId: "L1", providerId, share: 1 })),
      },
      exact,
    );
    expect(plan.status).toBe("optimal");
    expect(plan.warnings).toContain("Provider Z has zero capacity; it is given no hours.");
    expect(plan.providers.find((p) => p.providerId === "Z")!.hours).toBe(0);
    expect(plan.unmetHours).toBe(0);
  });

  it("allocate(input) explains a lot nobody can lead as unmet for reason no_eligible_lead, quoting the lead share in hours", async () => {
    const plan = await allocate(
      {
        lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
        providers,
        eligibility: ["A", "B"].map((providerId) => ({ lotId: "L1", providerId, share: 0.5 })),
      },
      exact,
    );
    expect(plan.status).toBe("optimal");
    expect(plan.lots[0]!.unmetHours).toBe(100);
    expect(plan.lots[0]!.unmetReason).toBe("no_eligible_lead");
    expect(plan.lots[0]!.unmetDetail).toContain("60 h");
    expect(plan.warnings.some((w) => w.startsWith("Lot L1 cannot be let under the policy"))).toBe(true);
  });

  it("allocate(input) reports hours beyond the providers' reach as unmet for reason coverage", async () => {
    const plan = await allocate(
      {
        lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
        providers,
        eligibility: [
          { lotId: "L1", providerId: "A", share: 0.7 },
          { lotId: "L1", providerId: "B", share: 0.2 },
        ],
        policy: { contingencyShare: 0 },
      },
      exact,
    );
    expect(plan.status).toBe("optimal");
    expect(plan.lots[0]!.unmetHours).toBeCloseTo(10, 6);
    expect(plan.lots[0]!.unmetReason).toBe("coverage");
    expect(plan.warnings).toContain("Lot L1: eligible providers reach only 90 of 100 weekly hours.");
  });

  it("allocate(input) rejects a NaN rate with invalid_input naming providers[1].ratePerHour", async () => {
    const e = await errorOf(() =>
      allocate({ lots: [{ id: "L1", urbanHours: 1, ruralHours: 0 }], providers: [providers[0]!, { id: "B", capacityHours: 10, ratePerHour: Number.NaN }], eligibility: [] }),
    );
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("input.providers[1].ratePerHour");
    expect(e.message).toContain("NaN");
  });

  it("allocate(input) rejects duplicate lot ids, duplicate provider ids and duplicate pairs with duplicate_id", async () => {
    const lot = { id: "L1", urbanHours: 1, ruralHours: 0 };
    const e1 = await errorOf(() => allocate({ lots: [lot, lot], providers, eligibility: [] }));
    expect(e1.code).toBe("duplicate_id");
    expect(e1.message).toContain('"L1"');
    const e2 = await errorOf(() => allocate({ lots: [lot], providers: [providers[0]!, providers[0]!], eligibility: [] }));
    expect(e2.code).toBe("duplicate_id");
    expect(e2.message).toContain("providers[1].id");
    const pair = { lotId: "L1", providerId: "A", share: 1 };
    const e3 = await errorOf(() => allocate({ lots: [lot], providers, eligibility: [pair, pair] }));
    expect(e3.code).toBe("duplicate_id");
    expect(e3.message).toContain("eligibility[1]");
  });

  it("allocate(input) rejects an eligibility row naming an unknown provider with unknown_id", async () => {
    const e = await errorOf(() =>
      allocate({ lots: [{ id: "L1", urbanHours: 1, ruralHours: 0 }], providers, eligibility: [{ lotId: "L1", providerId: "Q", share: 1 }] }),
    );
    expect(e.code).toBe("unknown_id");
    expect(e.message).toContain("eligibility[0].providerId");
    expect(e.message).toContain('"Q"');
  });

  it("allocate(input) rejects negative hours, a share above 1 and an impossible policy with invalid_input", async () => {
    const e1 = await errorOf(() => allocate({ lots: [{ id: "L1", urbanHours: -5, ruralHours: 0 }], providers, eligibility: [] }));
    expect(e1.code).toBe("invalid_input");
    expect(e1.message).toContain("input.lots[0].urbanHours: -5");
    const e2 = await errorOf(() => allocate({ lots: [{ id: "L1", urbanHours: 5, ruralHours: 0 }], providers, eligibility: [{ lotId: "L1", providerId: "A", share: 1.5 }] }));
    expect(e2.message).toContain("input.eligibility[0].share: 1.5");
    const e3 = await errorOf(() => allocate({ lots: [], providers, eligibility: [], policy: { leadShare: 0.9, minProvidersPerLot: 3, minProviderShare: 0.1 } }));
    expect(e3.code).toBe("invalid_input");
    expect(e3.message).toContain("leadShare");
  });
});

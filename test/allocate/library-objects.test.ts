// allocate() takes what the library itself returns: Providers from generateProviders/providersFromRows,
// lotCoverage rows as eligibility, designLots lots with their split added. And its summary says plainly
// when an "optimal" solve lets nothing.
import { describe, expect, it } from "vitest";
import { allocate, computeCoverage, generateProviders, lotCoverage, providersFromRows, straightLineTravel } from "../../src/index.js";
import { asyncErrorOf } from "../helpers/errors.js";

const areas = [
  { id: "A", lonLat: [-1.1, 52.6] as [number, number], urbanRural: "urban" as const },
  { id: "B", lonLat: [-1.08, 52.61] as [number, number], urbanRural: "rural" as const },
];
const demand = { A: 60, B: 40 };

describe("allocate accepts the library's own objects", () => {
  it("allocate({ providers: generateProviders(...), eligibility: lotCoverage(...) }) solves as with the bare fields", async () => {
    const providers = generateProviders({ count: 3, seed: 7, points: [[-1.1, 52.6], [-1.09, 52.6], [-1.08, 52.61]] });
    const coverage = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: 30 });
    const plan = { lots: [{ id: "L1", areaIds: ["A", "B"], parent: "C", hours: 100 }] };
    const reach = lotCoverage(plan, coverage, demand);
    const lots = plan.lots.map((l) => ({ ...l, urbanHours: 60, ruralHours: 40 }));
    const rich = await allocate({ lots, providers, eligibility: reach });
    const bare = await allocate({
      lots: [{ id: "L1", urbanHours: 60, ruralHours: 40 }],
      providers: providers.map((p) => ({ id: p.id, capacityHours: p.capacityHours, ratePerHour: p.ratePerHour })),
      eligibility: reach.map((r) => ({ lotId: r.lotId, providerId: r.providerId, share: r.share })),
    });
    expect(rich.lots).toEqual(bare.lots);
    expect(rich.weeklyCost).toBe(bare.weeklyCost);
    // the extras are not kept in the plan's input
    expect(Object.keys(rich.input.providers[0]!).sort()).toEqual(["capacityHours", "id", "ratePerHour"]);
    expect(Object.keys(rich.input.lots[0]!).sort()).toEqual(["id", "ruralHours", "urbanHours"]);
  });

  it("allocate accepts providersFromRows providers (with lonLat and staffMix)", async () => {
    const providers = providersFromRows([
      { provider_id: "P1", lon: -1.1, lat: 52.6, capacity_hours: 200, rate_per_hour: 20 },
      { provider_id: "P2", lon: -1.1, lat: 52.6, capacity_hours: 200, rate_per_hour: 21 },
    ] as never);
    const plan = await allocate({ lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }], providers, eligibility: providers.map((p) => ({ lotId: "L1", providerId: p.id, share: 1 })) });
    expect(plan.lots[0]!.lead).toBe("P1");
  });

  it("allocate refuses a designLots lot without urbanHours/ruralHours with a message naming the connector", async () => {
    const e = await asyncErrorOf(() => allocate({ lots: [{ id: "L1", areaIds: ["A"], hours: 100 }] as never, providers: [], eligibility: [] }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("urbanHours");
    expect(e.message).toContain("allocationInputFrom");
  });

  it("allocate refuses a lot whose hours differ from urbanHours + ruralHours", async () => {
    const e = await asyncErrorOf(() => allocate({ lots: [{ id: "L1", hours: 90, urbanHours: 60, ruralHours: 40 }], providers: [], eligibility: [] }));
    expect(e.message).toContain("hours must equal urbanHours + ruralHours");
  });

  it("allocate still refuses a field no lotwise object has (a typo)", async () => {
    const e = await asyncErrorOf(() => allocate({ lots: [{ id: "L1", urbanHours: 1, ruralHours: 0 }], providers: [{ id: "P", capacityHours: 1, ratePerHour: 1, capacity: 5 }] as never, eligibility: [] }));
    expect(e.message).toContain("capacity");
  });
});

describe("AllocationResult.summary", () => {
  const providers = [
    { id: "A", capacityHours: 500, ratePerHour: 20 },
    { id: "B", capacityHours: 500, ratePerHour: 21 },
  ];
  it("an optimal solve in which no provider reaches the 60% lead share lets no lot, and the summary says so before the status", async () => {
    // each provider reaches half of each lot: nobody can deliver 60 %, so no lot can be let
    const lots = [1, 2, 3].map((i) => ({ id: `L${i}`, urbanHours: 100, ruralHours: 0 }));
    const eligibility = lots.flatMap((l) => providers.map((p) => ({ lotId: l.id, providerId: p.id, share: 0.5 })));
    const plan = await allocate({ lots, providers, eligibility });
    expect(plan.status).toBe("optimal");
    expect(plan.weeklyCost).toBe(0);
    expect(plan.summary).toMatchObject({ outcome: "none_let", let: 0, unlet: 3, unletLots: ["L1", "L2", "L3"], unmetHours: 300 });
    expect(plan.summary.reasons).toEqual([{ reason: "no_eligible_lead", lots: ["L1", "L2", "L3"], hours: 300 }]);
    expect(plan.summary.headline).toBe(
      'No lot can be let: 0 of 3 lots have a lead and 300.0 h/week are unmet (100.0% of 300.0 h/week). lots L1, L2, L3: no provider can lead it. The solve is "optimal" only in that nothing better exists under this policy.',
    );
  });

  it("a plan with one lot unreachable is partly let, naming the lot and the reason", async () => {
    const lots = [{ id: "L1", urbanHours: 100, ruralHours: 0 }, { id: "L2", urbanHours: 0, ruralHours: 50 }];
    const eligibility = providers.map((p) => ({ lotId: "L1", providerId: p.id, share: 1 }));
    const plan = await allocate({ lots, providers, eligibility });
    expect(plan.summary).toMatchObject({ outcome: "partly_let", let: 1, unlet: 1, unletLots: ["L2"], shortLots: [], unmetHours: 50 });
    expect(plan.summary.headline).toBe("1 of 2 lots let with a lead; 50.0 h/week unmet (33.3% of 150.0 h/week). lot L2: no provider can reach it.");
  });
});

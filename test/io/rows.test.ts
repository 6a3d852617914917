import { describe, expect, it } from "vitest";
import { isLotwiseError } from "../../src/errors.js";
import { demandFromRows, planFromRows, providersFromRows } from "../../src/io/rows.js";

describe("row mappers", () => {
  it("planFromRows(rows) groups areas by lot, sorts lots and areas by id and keeps the parent", () => {
    const plan = planFromRows([
      { area_id: "B", lot_id: "L2", parent: "P" },
      { area_id: "C", lot_id: "L1" },
      { area_id: "A", lot_id: "L2", parent: "P" },
    ]);
    expect(plan).toEqual({ lots: [{ id: "L1", areaIds: ["C"] }, { id: "L2", areaIds: ["A", "B"], parent: "P" }] });
  });

  it("planFromRows(rows) rejects an area in two lots, naming its spreadsheet row", () => {
    let err: unknown;
    try {
      planFromRows([{ area_id: "A", lot_id: "L1" }, { area_id: "A", lot_id: "L2" }]);
    } catch (e) {
      err = e;
    }
    expect(isLotwiseError(err) && err.code).toBe("duplicate_id");
    // Paths index the array (as every mapper's schema errors do); the message adds the spreadsheet rows.
    expect((err as Error).message).toContain("rows[1].area_id");
    expect((err as Error).message).toContain("(spreadsheet row 3)");
    expect((err as Error).message).toContain("(spreadsheet row 2)");
  });

  it("planFromRows(rows) reads lot-areas.csv as written (blank parent = none), refuses no rows, and numbers duplicates the same way in every mapper", () => {
    expect(planFromRows([{ area_id: "A", lot_id: "L1", parent: "" }, { area_id: " B ", lot_id: "L1", parent: " P " }])).toEqual({ lots: [{ id: "L1", areaIds: ["A", "B"], parent: "P" }] });
    expect(() => planFromRows([])).toThrow(/at least one row is needed/);
    expect(() => demandFromRows([{ area_id: "A", hours: 3 }, { area_id: "B", hours: 1 }, { area_id: "A", hours: 1 }])).toThrow(
      "rows[0] (spreadsheet row 2) and rows[2] (spreadsheet row 4)",
    );
    expect(() =>
      providersFromRows([
        { provider_id: "P1", lon: -1, lat: 52, capacity_hours: 1, rate_per_hour: 20 },
        { provider_id: "P1", lon: -1, lat: 52, capacity_hours: 1, rate_per_hour: 20 },
      ]),
    ).toThrow("rows[0] (spreadsheet row 2) and rows[1] (spreadsheet row 3)");
    // An area called like an Object.prototype member is an ordinary id, not a duplicate.
    expect(demandFromRows([{ area_id: "toString", hours: 2 }])).toEqual({ toString: 2 });
  });

  it("providersFromRows(rows) treats all-blank mode shares as all driving and blanks beside others as 0", () => {
    const ps = providersFromRows([
      { provider_id: "P2", lon: -1.1, lat: 52.6, capacity_hours: 100, rate_per_hour: 20, walk: 0.3, drive: 0.7 },
      { provider_id: "P1", lon: -1.2, lat: 52.7, capacity_hours: 50, rate_per_hour: 21 },
    ]);
    expect(ps.map((p) => p.id)).toEqual(["P1", "P2"]);
    expect(ps[0]!.staffMix).toEqual({ drive: 1, walk: 0, cycle: 0, transit: 0 });
    expect(ps[1]!.staffMix).toEqual({ drive: 0.7, walk: 0.3, cycle: 0, transit: 0 });
    expect(ps[1]!.lonLat).toEqual([-1.1, 52.6]);
  });

  it("demandFromRows(rows) maps area ids to hours and rejects a repeated area", () => {
    expect(demandFromRows([{ area_id: "A", hours: 3 }, { area_id: "B", hours: 0 }])).toEqual({ A: 3, B: 0 });
    expect(() => demandFromRows([{ area_id: "A", hours: 3 }, { area_id: "A", hours: 1 }])).toThrow(/appears twice/);
  });
});

describe("allocationToRows / withdrawalToRows", () => {
  it("allocationToRows(plan) gives one hours row per lot × provider × role, adding up to what each lot delivers", async () => {
    const { allocate, allocationToRows } = await import("../../src/index.js");
    const plan = await allocate({
      lots: [
        { id: "L1", urbanHours: 80, ruralHours: 20 },
        { id: "L2", urbanHours: 50, ruralHours: 0 },
      ],
      providers: [
        { id: "A", capacityHours: 120, ratePerHour: 20 },
        { id: "B", capacityHours: 120, ratePerHour: 22 },
        { id: "C", capacityHours: 120, ratePerHour: 25 },
      ],
      eligibility: ["L1", "L2"].flatMap((lotId) => ["A", "B", "C"].map((providerId) => ({ lotId, providerId, share: 1 }))),
    });
    expect(plan.status).toBe("optimal");
    const rows = allocationToRows(plan);
    expect(rows.lots.map((r) => r.lot_id)).toEqual(["L1", "L2"]);
    expect(rows.providers.map((r) => r.provider_id)).toEqual(["A", "B", "C"]);
    for (const lot of plan.lots) {
      const delivered = rows.hours
        .filter((r) => r.lot_id === lot.lotId && r.role !== "contingency")
        .reduce((s, r) => s + (r.hours as number), 0);
      expect(delivered).toBeCloseTo(lot.deliveredHours, 6);
      expect(rows.hours.filter((r) => r.lot_id === lot.lotId && r.role === "lead").length).toBe(1);
      const contingency = rows.hours.find((r) => r.lot_id === lot.lotId && r.role === "contingency");
      expect(contingency?.provider_id).not.toBe(lot.lead);
    }
  });

  it("withdrawalToRows keeps the sweep order, joins lot lists with spaces and says 'cost of delivered hours' and 'unmet hours'", async () => {
    const { withdrawalToRows } = await import("../../src/index.js");
    const entry = (scenario: string, unmet: number, cost: number, lots: string[]) => ({
      scenario,
      withdrawn: scenario.split(" + "),
      status: "optimal" as const,
      lostHours: 30,
      replacedHours: { lead: 20, supplementary: 10 - unmet, lastResort: 0 },
      lastResortHours: 0,
      unmetHoursAfter: unmet,
      addedUnmetHours: unmet,
      addedUnmetPenaltyWeekly: unmet * 1000,
      deliveredCostChange: cost,
      reservesDrawnHours: 5,
      lotsAffected: lots,
      lotsChangedLead: lots.slice(0, 1),
      lotsWithoutContingency: [],
      lotsVacant: [],
      unmetLots: unmet > 0 ? [{ lotId: lots[0]!, addedUnmetHours: unmet, reason: "capacity_exhausted" as const }] : [],
    });
    const rows = withdrawalToRows([entry("B + C", 10, 4.5, ["L1", "L2"]), entry("A", 0, -1, [])]);
    expect(rows.map((r) => r.scenario)).toEqual(["B + C", "A"]);
    expect(rows[0]!.withdrawn).toBe("B C");
    expect(rows[0]!.lots_affected).toBe("L1 L2");
    expect(rows[0]!.unmet_lots).toBe("L1:capacity_exhausted");
    expect(rows[0]!.cost_of_delivered_hours_change).toBe(4.5);
    expect(rows[0]!.added_unmet_hours_at_penalty).toBe(10_000);
    expect(rows[1]!.lots_affected).toBe("");
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(["cost_of_delivered_hours_change", "added_unmet_hours", "unmet_hours_after"]));
    expect(Object.keys(rows[0]!).some((k) => /saving/.test(k))).toBe(false);
  });
});

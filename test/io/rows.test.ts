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
    expect((err as Error).message).toContain("rows[3].area_id");
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

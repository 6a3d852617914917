import { describe, expect, it } from "vitest";
import { isLotwiseError } from "../../src/errors.js";
import { designLots } from "../../src/lots/design-lots.js";
import { grid } from "./grid.js";

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isLotwiseError(e)) return `${e.code}: ${e.message.split("\n")[0]}`;
    throw e;
  }
  return "no error";
}

describe("designLots on bad input", () => {
  const g = grid(4, 4, { seed: 1, parent: (_r, c) => (c < 2 ? "W" : "E") });

  it("designLots(...) names an area missing from the adjacency", () => {
    const adjacency = { ...g.adjacency };
    delete adjacency.r002c001;
    expect(failure(() => designLots(g.areas, adjacency, g.hours, { lotsPerParent: { W: 2, E: 2 } }))).toBe(
      'unknown_id: Invalid adjacency: area "r002c001" (areas[9]) has no entry in the adjacency. Give an empty list for an island; lot design joins islands to their nearest area and reports the bridge.',
    );
  });

  it("designLots(...) refuses a parent with fewer areas than lots asked", () => {
    expect(failure(() => designLots(g.areas, g.adjacency, g.hours, { lotsPerParent: { W: 9, E: 2 } }))).toBe(
      'infeasible_input: Invalid options.lotsPerParent.W: 9. parent "W" has only 8 areas; each lot needs at least one',
    );
  });

  it("designLots(...) rejects demand for an unknown area and an area without demand", () => {
    expect(failure(() => designLots(g.areas, g.adjacency, { ...g.hours, E01099999: 12 }, { lotsPerParent: { W: 2, E: 2 } }))).toBe(
      'unknown_id: Invalid demand.E01099999: 12. demand is given for area "E01099999", which is not in areas',
    );
    const missing = { ...g.hours };
    delete missing.r000c000;
    expect(failure(() => designLots(g.areas, g.adjacency, missing, { lotsPerParent: { W: 2, E: 2 } }))).toBe(
      'invalid_input: Invalid demand.r000c000: undefined. area "r000c000" has no demand entry (give 0 explicitly for an area with no care hours)',
    );
  });

  it("designLots(...) rejects lot counts for unknown parents, missing parents and conflicting modes", () => {
    expect(failure(() => designLots(g.areas, g.adjacency, g.hours, { lotsPerParent: { W: 2, E: 2, N: 1 } }))).toBe(
      'unknown_id: Invalid options.lotsPerParent.N: 1. no area has parent "N" (parents present: E, W)',
    );
    expect(failure(() => designLots(g.areas, g.adjacency, g.hours, { lotsPerParent: { W: 2 } }))).toBe(
      "invalid_input: Invalid options.lotsPerParent.E: undefined. parent \"E\" has 8 areas but no lot count",
    );
    expect(failure(() => designLots(g.areas, g.adjacency, g.hours, { lotCount: 2, hoursPerLot: { min: 10 } }))).toMatch(/^invalid_input: Invalid options: .*give exactly one of lotsPerParent, lotCount or hoursPerLot/);
    expect(failure(() => designLots(g.areas, g.adjacency, g.hours, { lotsPerParent: { W: 2, E: -1 } }))).toMatch(/^invalid_input: Invalid options\.lotsPerParent\.E: -1\. must be ≥ 1/);
  });

  it("designLots(..., { hoursPerLot }) with a floor above the parent's hours returns one best-effort lot per parent and says why", () => {
    const totalW = g.areas.filter((a) => a.parent === "W").reduce((s, a) => s + g.hours[a.id]!, 0);
    const totalE = g.areas.filter((a) => a.parent === "E").reduce((s, a) => s + g.hours[a.id]!, 0);
    const floor = Math.max(totalW, totalE) + 1;
    const plan = designLots(g.areas, g.adjacency, g.hours, { hoursPerLot: { min: floor } });
    expect(plan.status).toBe("best_effort");
    expect(plan.lots.map((l) => [l.id, l.areaIds.length, l.hours])).toEqual([
      ["E-01", 8, totalE],
      ["W-01", 8, totalW],
    ]);
    expect(plan.violations.map((v) => [v.kind, v.lotId, v.value, v.limit])).toEqual([
      ["hours_below_floor", "E-01", totalE, floor],
      ["hours_below_floor", "W-01", totalW, floor],
    ]);
  });

  it("designLots(..., { hoursPerLot }) reports an area whose hours alone exceed the ceiling", () => {
    const hours = { ...g.hours, r000c000: 500 };
    const plan = designLots(g.areas, g.adjacency, hours, { hoursPerLot: { min: 50, max: 400 } });
    const v = plan.violations.filter((x) => x.kind === "hours_above_ceiling");
    expect(v).toHaveLength(1);
    const lot = plan.lots.find((l) => l.id === v[0]!.lotId)!;
    expect(lot.areaIds).toContain("r000c000");
    expect(v[0]!.value).toBeGreaterThanOrEqual(500);
  });

  it("designLots(...) rejects a travel matrix that lacks an area, and areas that mix having and lacking a parent", () => {
    const ids = g.areas.map((a) => a.id).slice(1);
    const matrix = { originIds: ids, destinationIds: ids, modes: ["walk" as const], minutes: { walk: new Float64Array(ids.length * ids.length) } };
    expect(failure(() => designLots(g.areas, g.adjacency, g.hours, { hoursPerLot: { min: 10 }, travelLimit: { matrix, mode: "walk", maxMinutes: 30 } }))).toBe(
      'unknown_id: Invalid options.travelLimit.matrix.originIds: "r000c000". every area must be both an origin and a destination of the travel matrix',
    );
    const mixed = g.areas.map((a, i) => (i === 3 ? { id: a.id, lonLat: a.lonLat } : a));
    expect(failure(() => designLots(mixed, g.adjacency, g.hours, { lotsPerParent: { W: 2, E: 2 } }))).toBe(
      "invalid_input: Invalid areas[3].parent: undefined. 15 of 16 areas have a parent and this one has none: give every area a parent or none",
    );
  });
});

import { describe, expect, it } from "vitest";
import { evaluateLots } from "../../src/lots/evaluate-lots.js";
import { planFromRows } from "../../src/io/rows.js";
import { isLotwiseError } from "../../src/errors.js";
import type { Area } from "../../src/domain/index.js";
import { loadBoundaries } from "../../src/boundaries/load.js";
import turfArea from "@turf/area";

const R = 6371.0088;
function km(p: readonly [number, number], q: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((q[1] - p[1]) * rad) / 2) ** 2 + Math.cos(p[1] * rad) * Math.cos(q[1] * rad) * Math.sin(((q[0] - p[0]) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

const areas: Area[] = [
  { id: "A", lonLat: [-1, 52.6], parent: "P", areaKm2: 1, population: 100, urbanRural: "urban" },
  { id: "B", lonLat: [-0.99, 52.6], parent: "P", areaKm2: 1, population: 300, urbanRural: "rural" },
  { id: "C", lonLat: [-0.98, 52.6], parent: "Q", areaKm2: 2, population: 500, urbanRural: "urban" },
];
const adjacency = { A: ["B"], B: ["A", "C"], C: ["B"] };
const demand = { A: 10, B: 20, C: 30 };

describe("evaluateLots", () => {
  it("evaluateLots(plan, areas, adjacency, demand) measures hours, population, urban share and distance to the demand-weighted centre", () => {
    const ev = evaluateLots({ lots: [{ id: "L2", areaIds: ["C"] }, { id: "L1", areaIds: ["A", "B"], parent: "P" }] }, areas, adjacency, demand);
    expect(ev.lots.map((l) => l.id)).toEqual(["L1", "L2"]);
    const l1 = ev.lots[0]!;
    expect(l1.hours).toBe(30);
    expect(l1.population).toBe(400);
    expect(l1.urbanShare).toBeCloseTo(0.25, 12); // 100 urban of 400 people
    expect(l1.areaKm2).toBe(2);
    // centre: lon (−1·10 − 0.99·20)/30 = −0.99333…; distances weighted 10 and 20
    const c: [number, number] = [(-1 * 10 - 0.99 * 20) / 30, 52.6];
    const dA = km([-1, 52.6], c), dB = km([-0.99, 52.6], c);
    expect(l1.meanDistanceKm).toBeCloseTo((10 * dA + 20 * dB) / 30, 6);
    expect(l1.maxDistanceKm).toBeCloseTo(dA, 6);
    expect(l1.compactness!).toBeCloseTo(((2 / 3) * Math.sqrt(2 / Math.PI)) / ((10 * dA + 20 * dB) / 30), 4);
    expect(l1.pieces).toBe(1);
    const l2 = ev.lots[1]!;
    expect(l2.parent).toBe("Q"); // inferred from its areas
    expect(l2.meanDistanceKm).toBe(0);
    expect(ev.parents).toEqual([
      { parent: "P", lots: 1, hours: 30, meanHours: 30, maxDeviation: 0 },
      { parent: "Q", lots: 1, hours: 30, meanHours: 30, maxDeviation: 0 },
    ]);
    expect(ev.violations).toEqual([]);
    expect(ev.summary).toMatchObject({ lotCount: 2, hours: 60, minHours: 30, maxHours: 30, contiguous: true, nested: true });
  });

  it("evaluateLots(..., { travel }) finds each lot's centre area and its mean and longest travel", () => {
    // walk minutes by hand, row = origin: A→B 10, B→A 12, A→C 25, C→A 25, B→C 14, C→B 15
    const ids = ["A", "B", "C"];
    const walk = Float64Array.from([0, 10, 25, 12, 0, 14, 25, 15, 0]);
    const ev = evaluateLots({ lots: [{ id: "L1", areaIds: ["A", "B"] }, { id: "L2", areaIds: ["C"] }] }, areas, adjacency, demand, {
      travel: { originIds: ids, destinationIds: ids, modes: ["walk"], minutes: { walk } },
    });
    // from A: (10·0 + 20·10)/30 = 6.67; from B: (10·12 + 20·0)/30 = 4 → centre B
    expect(ev.lots[0]!.travel.walk).toEqual({ centreId: "B", meanMinutes: 4, maxMinutes: 12 });
    expect(ev.lots[1]!.travel.walk).toEqual({ centreId: "C", meanMinutes: 0, maxMinutes: 0 });
  });

  it("evaluateLots(planFromRows(rows), ...) reports a council plan's broken lots and unassigned areas", () => {
    const line: Area[] = ["A", "B", "C", "D"].map((id, i) => ({ id, lonLat: [-1 + i * 0.01, 52.6], parent: i < 2 ? "P" : "Q" }));
    const adj = { A: ["B"], B: ["A", "C"], C: ["B", "D"], D: ["C"] };
    const plan = planFromRows([
      { area_id: "A", lot_id: "L1" },
      { area_id: "C", lot_id: "L1" },
      { area_id: "B", lot_id: "L2" },
    ]);
    const ev = evaluateLots(plan, line, adj, { A: 1, B: 1, C: 1, D: 1 });
    expect(ev.violations.map((v) => [v.kind, v.lotId ?? v.areaId])).toEqual([
      ["unassigned_area", "D"],
      ["mixed_parents", "L1"],
      ["not_contiguous", "L1"],
    ]);
    expect(ev.summary.contiguous).toBe(false);
    expect(ev.summary.nested).toBe(false);
  });

  it("evaluateLots(...) reports an area put in two lots, and rejects an area it does not know", () => {
    const ev = evaluateLots({ lots: [{ id: "L1", areaIds: ["A", "B"] }, { id: "L2", areaIds: ["B", "C"] }] }, areas, adjacency, demand);
    expect(ev.violations.filter((v) => v.kind === "duplicate_area").map((v) => v.areaId)).toEqual(["B"]);
    try {
      evaluateLots({ lots: [{ id: "L1", areaIds: ["A", "B", "C", "Z"] }] }, areas, adjacency, demand);
      expect.unreachable();
    } catch (e) {
      expect(isLotwiseError(e) && e.code).toBe("unknown_id");
      expect((e as Error).message).toContain('plan.lots[0].areaIds[3]: "Z"');
    }
  });
});

describe("planFromRows (was lotPlanFromRows; rows are now snake_case as in lot-areas.csv)", () => {
  it("planFromRows(rows) groups areas by lot, sorted, turning numeric ids into strings", () => {
    expect(planFromRows([{ area_id: "B", lot_id: 2 }, { area_id: "A", lot_id: 1, parent: "P" }, { area_id: "C", lot_id: 1 }])).toEqual({
      lots: [
        { id: "1", areaIds: ["A", "C"], parent: "P" },
        { id: "2", areaIds: ["B"] },
      ],
    });
  });

  it("planFromRows(rows) rejects an area listed twice and a lot with two parents, naming both rows", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isLotwiseError(e) ? `${e.code}: ${e.message.split("\n")[0]}` : "other";
      }
      return "none";
    };
    expect(code(() => planFromRows([{ area_id: "A", lot_id: "L1" }, { area_id: "A", lot_id: "L2" }]))).toBe(
      'duplicate_id: Invalid rows[1].area_id: "A". the area is listed twice (an area is in one lot): rows[0] (spreadsheet row 2) puts it in lot L1, rows[1] (spreadsheet row 3) in lot L2',
    );
    expect(code(() => planFromRows([{ area_id: "A", lot_id: "L1", parent: "P" }, { area_id: "B", lot_id: "L1", parent: "Q" }]))).toBe(
      'invalid_input: Invalid rows[1].parent: "Q". lot L1 has parent P in rows[0] (spreadsheet row 2); a lot nests in one parent',
    );
  });
});

describe("evaluateLots(..., { boundaries }) Polsby–Popper", () => {
  // Three squares in a row (A, B, C) and one above A (D), 0.01° of latitude a side (≈ 1.11 km) near 52.6°N:
  // a cell is dx = 0.01°/cos(52.605°) of longitude wide so that it is square on the ground.
  const dx = 0.01 / Math.cos((52.605 * Math.PI) / 180);
  const sq = (x: number, y: number) => ({ type: "Polygon" as const, coordinates: [[[x, y], [x + dx, y], [x + dx, y + 0.01], [x, y + 0.01], [x, y]]] });
  const at: Record<string, [number, number]> = { A: [0, 52.6], B: [dx, 52.6], C: [2 * dx, 52.6], D: [0, 52.61] };
  const b = loadBoundaries({ type: "FeatureCollection", features: Object.entries(at).map(([id, [x, y]]) => ({ type: "Feature", id, properties: {}, geometry: sq(x, y) })) });
  const pts: Area[] = Object.entries(at).map(([id, [x, y]]) => ({ id, lonLat: [x + dx / 2, y + 0.005] }));
  const adj = { A: ["B", "D"], B: ["A", "C"], C: ["B"], D: ["A"] };
  const dem = { A: 1, B: 1, C: 1, D: 1 };
  const hav = (p: [number, number], q: [number, number]) => km(p, q);

  it("scores a lot as 4π·area / perimeter² of its dissolved outline, shared borders removed", () => {
    const ev = evaluateLots({ lots: [{ id: "ABC", areaIds: ["A", "B", "C"] }, { id: "D", areaIds: ["D"] }] }, pts, adj, dem, { boundaries: b });
    // ABC is a 3×1 strip: outline = bottom + top + two ends, each measured along its own latitude.
    const bottom = hav([0, 52.6], [3 * dx, 52.6]), top = hav([0, 52.61], [3 * dx, 52.61]), end = hav([0, 52.6], [0, 52.61]);
    const areaABC = ["A", "B", "C"].reduce((s, id) => s + turfArea(b.features[b.indexById.get(id)!]!) / 1e6, 0);
    const abc = ev.lots.find((l) => l.id === "ABC")!;
    expect(abc.polsbyPopper!).toBeCloseTo((4 * Math.PI * areaABC) / (bottom + top + 2 * end) ** 2, 6);
    // A 3:1 strip scores about 4π·3/64 ≈ 0.589; a square about π/4 ≈ 0.785.
    expect(abc.polsbyPopper!).toBeGreaterThan(0.55);
    expect(abc.polsbyPopper!).toBeLessThan(0.62);
    expect(ev.lots.find((l) => l.id === "D")!.polsbyPopper!).toBeCloseTo(Math.PI / 4, 2);
    expect(ev.summary.meanPolsbyPopper!).toBeCloseTo((abc.polsbyPopper! + ev.lots[1]!.polsbyPopper!) / 2, 12);
  });

  it("gives an L of three squares the strip's score (both outlines are 8 sides), and null without boundaries", () => {
    const ev = evaluateLots({ lots: [{ id: "L", areaIds: ["A", "B", "D"] }, { id: "C", areaIds: ["C"] }] }, pts, adj, dem, { boundaries: b });
    const strip = evaluateLots({ lots: [{ id: "S", areaIds: ["A", "B", "C"] }, { id: "D", areaIds: ["D"] }] }, pts, adj, dem, { boundaries: b });
    expect(ev.lots.find((l) => l.id === "L")!.polsbyPopper!).toBeCloseTo(strip.lots.find((l) => l.id === "S")!.polsbyPopper!, 2);
    const none = evaluateLots({ lots: [{ id: "S", areaIds: ["A", "B", "C", "D"] }] }, pts, adj, dem);
    expect(none.lots[0]!.polsbyPopper).toBeNull();
    expect(none.summary.meanPolsbyPopper).toBeNull();
  });
});

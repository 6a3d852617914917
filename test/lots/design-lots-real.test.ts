// Real data: Leicestershire County Council area (396 LSOAs) and Bradford (310), adjacency from
// boundaryAdjacency (rook), demand from estimateDemand calibrated to the published weekly totals.
import { beforeAll, describe, expect, it } from "vitest";
import turfArea from "@turf/area";
import { straightLineTravel } from "../../src/coverage/straight-line.js";
import { designLots } from "../../src/lots/design-lots.js";
import { evaluateLots } from "../../src/lots/evaluate-lots.js";
import { lotsToGeoJSON } from "../../src/lots/lots-to-geojson.js";
import { areasFromBoundaries } from "../../src/boundaries/areas.js";
import type { LotDesign } from "../../src/lots/types.js";
import { readJson } from "../helpers/geodata.js";
import { BRADFORD_HOURS, ELR, LEICS_HOURS, WL, realSet, type RealSet } from "./real-data.js";

function pieces(ids: readonly string[], adj: ReadonlyMap<string, readonly string[]>): number {
  const inLot = new Set(ids), seen = new Set<string>();
  let n = 0;
  for (const s of ids) {
    if (seen.has(s)) continue;
    n++;
    const stack = [s];
    seen.add(s);
    while (stack.length) for (const v of adj.get(stack.pop()!) ?? []) if (inLot.has(v) && !seen.has(v)) (seen.add(v), stack.push(v));
  }
  return n;
}

describe("designLots on the Leicestershire County Council area (396 LSOAs)", () => {
  let s: RealSet;
  let plan: LotDesign;
  beforeAll(() => {
    s = realSet("county");
    plan = designLots(s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 } });
  });

  it("designLots(...) makes 8 lots in East Leicestershire & Rutland CCG and 10 in West Leicestershire CCG, covering all 396 LSOAs once", () => {
    expect(s.areas).toHaveLength(396);
    expect(plan.status).toBe("feasible");
    expect(plan.bridges).toEqual([]); // the county's LSOAs are rook-connected inside each CCG
    expect(plan.lots.filter((l) => l.parent === ELR)).toHaveLength(8);
    expect(plan.lots.filter((l) => l.parent === WL)).toHaveLength(10);
    const all = plan.lots.flatMap((l) => l.areaIds);
    expect(new Set(all).size).toBe(396);
    expect(all).toHaveLength(396);
  });

  it("designLots(...) keeps every lot contiguous (rook) and inside its CCG", () => {
    const ccgOf = new Map(s.rows.map((r) => [r.lsoa11cd!, r.ccg19cd!]));
    for (const l of plan.lots) {
      expect(pieces(l.areaIds, s.adjacency)).toBe(1);
      for (const id of l.areaIds) expect(ccgOf.get(id)).toBe(l.parent);
    }
  });

  it("designLots(...) keeps each lot's hours within ±10% of its CCG's mean lot (20,317 h/week in all)", () => {
    for (const [ccg, k] of [[ELR, 8], [WL, 10]] as const) {
      const ccgHours = s.rows.filter((r) => r.ccg19cd === ccg).reduce((a, r) => a + s.demand.hours[r.lsoa11cd!]!, 0);
      for (const l of plan.lots.filter((x) => x.parent === ccg)) {
        const h = l.areaIds.reduce((a, id) => a + s.demand.hours[id]!, 0);
        expect(Math.abs(h - ccgHours / k) / (ccgHours / k)).toBeLessThanOrEqual(0.1);
      }
    }
    expect(plan.lots.reduce((a, l) => a + l.hours, 0)).toBe(LEICS_HOURS);
  });

  it("evaluateLots(...) reports population, km², urban share and travel per lot, matching sums taken from the CSV", () => {
    const pts = s.areas.map((a) => ({ id: a.id, lonLat: [...a.lonLat] as [number, number], urbanRural: a.urbanRural }));
    const travel = straightLineTravel({ detour: { walk: 1.3 } }).matrix(pts, pts, ["drive", "walk"]);
    const ev = evaluateLots(plan, s.areas, s.adjacency, s.demand.hours, { travel });
    expect(ev.summary.contiguous).toBe(true);
    expect(ev.summary.nested).toBe(true);
    expect(ev.violations).toEqual([]);
    const row = new Map(s.rows.map((r) => [r.lsoa11cd!, r]));
    for (const m of ev.lots) {
      const lot = plan.lots.find((l) => l.id === m.id)!;
      const pop = lot.areaIds.reduce((a, id) => a + Number(row.get(id)!.pop_mid2018), 0);
      const urbanPop = lot.areaIds.filter((id) => row.get(id)!.urban_rural === "Urban").reduce((a, id) => a + Number(row.get(id)!.pop_mid2018), 0);
      expect(m.population).toBe(pop);
      expect(m.urbanShare).toBeCloseTo(urbanPop / pop, 12);
      expect(m.areaKm2).toBeCloseTo(lot.areaIds.reduce((a, id) => a + s.boundaries.areasKm2[s.boundaries.indexById.get(id)!]!, 0), 9);
      expect(m.pieces).toBe(1);
      // the centre area's mean is the smallest: check against every other area of the lot
      const walk = m.travel.walk!;
      expect(lot.areaIds).toContain(walk.centreId);
      expect(walk.maxMinutes).toBeGreaterThan(walk.meanMinutes);
      expect(m.travel.drive!.maxMinutes).toBeLessThan(walk.maxMinutes); // driving beats walking
    }
    // Lots tile the county: their km² add up to the county's 7 districts in lad_boundaries.geojson (±0.1%).
    const lads = (readJson("lad_boundaries.geojson") as { features: { properties: { utla_cd: string } }[] }).features.filter((f) => f.properties.utla_cd === "E10000018");
    expect(lads).toHaveLength(7);
    const county = lads.reduce((a, f) => a + turfArea(f as unknown as Parameters<typeof turfArea>[0]) / 1e6, 0);
    expect(Math.abs(ev.lots.reduce((a, m) => a + m.areaKm2!, 0) - county) / county).toBeLessThan(0.001);
  });

  it("designLots(...) beats the naive random-growth baseline on balance and compactness on the same inputs", () => {
    const naive = designLots(s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 }, method: "random-grow" });
    const evF = evaluateLots(plan, s.areas, s.adjacency, s.demand.hours);
    const evN = evaluateLots(naive, s.areas, s.adjacency, s.demand.hours);
    expect(evN.summary.contiguous).toBe(true);
    expect(evF.summary.maxDeviation).toBeLessThan(evN.summary.maxDeviation / 3);
    expect(evF.summary.meanDistanceKm).toBeLessThan(evN.summary.meanDistanceKm);
  });

  it("lotsToGeoJSON(plan, boundaries) dissolves the 18 lots, sorted by id, with areas adding up to the LSOAs'", () => {
    const ev = evaluateLots(plan, s.areas, s.adjacency, s.demand.hours);
    const fc = lotsToGeoJSON(plan, s.boundaries, { evaluation: ev });
    expect(fc.features.map((f) => f.properties.lotId)).toEqual(plan.lots.map((l) => l.id));
    expect([...plan.lots.map((l) => l.id)].sort()).toEqual(plan.lots.map((l) => l.id));
    for (const f of fc.features) {
      const lot = plan.lots.find((l) => l.id === f.properties.lotId)!;
      expect(f.properties.hours).toBe(lot.hours);
      expect(f.properties.parent).toBe(lot.parent);
      expect(f.properties.population).toBe(ev.lots.find((m) => m.id === lot.id)!.population);
      const parts = lot.areaIds.reduce((a, id) => a + s.boundaries.areasKm2[s.boundaries.indexById.get(id)!]!, 0);
      expect(turfArea(f) / 1e6).toBeCloseTo(parts, 0);
    }
    const dissolved = fc.features.filter((f) => f.properties.dissolve === "union").length;
    expect(dissolved).toBe(18);
  });

  it("evaluateLots(..., { boundaries }) gives each lot the Polsby–Popper score of its @turf/union outline", () => {
    const ev = evaluateLots(plan, s.areas, s.adjacency, s.demand.hours, { boundaries: s.boundaries });
    const fc = lotsToGeoJSON(plan, s.boundaries);
    const R = 6371.0088, rad = Math.PI / 180;
    const edge = (p: number[], q: number[]) => {
      const h = Math.sin(((q[1]! - p[1]!) * rad) / 2) ** 2 + Math.cos(p[1]! * rad) * Math.cos(q[1]! * rad) * Math.sin(((q[0]! - p[0]!) * rad) / 2) ** 2;
      return 2 * R * Math.asin(Math.sqrt(h));
    };
    for (const f of fc.features) {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      let perimeter = 0;
      for (const ring of polys.flat()) for (let k = 0; k + 1 < ring.length; k++) perimeter += edge(ring[k]!, ring[k + 1]!);
      const expected = (4 * Math.PI * (turfArea(f) / 1e6)) / perimeter ** 2;
      const m = ev.lots.find((l) => l.id === f.properties.lotId)!;
      expect(Math.abs(m.polsbyPopper! - expected) / expected).toBeLessThan(0.01);
      expect(m.polsbyPopper!).toBeGreaterThan(0.05);
      expect(m.polsbyPopper!).toBeLessThan(0.8);
    }
    expect(ev.summary.meanPolsbyPopper!).toBeCloseTo(ev.lots.reduce((a, l) => a + l.polsbyPopper!, 0) / 18, 12);
  });
});

describe("designLots nested in CCG × district pieces", () => {
  it("designLots(areasFromBoundaries(b, { parentProperty: [ccg19cd, lad19cd] }), ...) keeps lots inside the 10 county pieces", () => {
    const s = realSet("county");
    const areas = areasFromBoundaries(s.boundaries, { parentProperty: ["ccg19cd", "lad19cd"], urbanRuralProperty: "urban_rural" });
    // The county's CCG × LAD pieces, from geodata/SOURCES.md: ELR × {Blaby 51, Charnwood 10, Harborough 42,
    // Melton 30, Oadby & Wigston 36}; WL × {Blaby 9, Charnwood 89, Harborough 5, Hinckley & Bosworth 66, NW Leics 58}.
    const sizes = new Map<string, number>();
    for (const a of areas) sizes.set(a.parent!, (sizes.get(a.parent!) ?? 0) + 1);
    expect(Object.fromEntries(sizes)).toEqual({
      "E38000051|E07000129": 51, "E38000051|E07000130": 10, "E38000051|E07000131": 42, "E38000051|E07000133": 30, "E38000051|E07000135": 36,
      "E38000201|E07000129": 9, "E38000201|E07000130": 89, "E38000201|E07000131": 5, "E38000201|E07000132": 66, "E38000201|E07000134": 58,
    });
    const lotsPerParent = Object.fromEntries([...sizes].map(([p, n]) => [p, Math.max(1, Math.round(n / 22))]));
    const plan = designLots(areas, s.adjacency, s.demand.hours, { lotsPerParent });
    expect(plan.lots).toHaveLength(Object.values(lotsPerParent).reduce((a, b) => a + b, 0));
    const ladOf = new Map(s.rows.map((r) => [r.lsoa11cd!, `${r.ccg19cd}|${r.lad19cd}`]));
    for (const l of plan.lots) {
      expect(pieces(l.areaIds, s.adjacency)).toBe(1);
      for (const id of l.areaIds) expect(ladOf.get(id)).toBe(l.parent);
    }
    const ev = evaluateLots(plan, areas, s.adjacency, s.demand.hours);
    expect(ev.summary).toMatchObject({ contiguous: true, nested: true, hours: LEICS_HOURS });
    for (const p of ev.parents) expect(p.maxDeviation).toBeLessThanOrEqual(0.1);
  });
});

describe("designLots on Bradford (310 LSOAs) with an hours floor and a walking limit", () => {
  it("designLots(..., { hoursPerLot: { min: 1000 }, travelLimit: walk 90 min }) meets both in every lot", () => {
    const s = realSet("bradford", "ccg");
    expect(s.demand.weightColumn).toBe("age_60plus_mid2015");
    // Straight-line walking: 4.8 km/h × detour 1.3 (B's straightLineTravel with walk detour 1.3).
    const pts = s.areas.map((a) => ({ id: a.id, lonLat: [...a.lonLat] as [number, number] }));
    const matrix = straightLineTravel({ walkKmh: 4.8, detour: { walk: 1.3 } }).matrix(pts, pts, ["walk"]);
    const plan = designLots(s.areas, s.adjacency, s.demand.hours, { hoursPerLot: { min: 1000 }, travelLimit: { matrix, mode: "walk", maxMinutes: 90 }, restarts: 20 });
    expect(plan.status).toBe("feasible");
    expect(plan.violations).toEqual([]);
    // no more lots than the floor allows: ⌊35,000 / 1,000⌋ = 35
    expect(plan.lots.length).toBeLessThanOrEqual(Math.floor(BRADFORD_HOURS / 1000));
    expect(plan.lots.length).toBeGreaterThanOrEqual(25);
    const R = 6371.0088, rad = Math.PI / 180;
    const byId = new Map(s.areas.map((a) => [a.id, a.lonLat]));
    for (const l of plan.lots) {
      expect(l.areaIds.reduce((a, id) => a + s.demand.hours[id]!, 0)).toBeGreaterThanOrEqual(1000);
      expect(pieces(l.areaIds, s.adjacency)).toBe(1);
      for (const a of l.areaIds) {
        for (const b of l.areaIds) {
          const [p, q] = [byId.get(a)!, byId.get(b)!];
          const h = Math.sin(((q[1] - p[1]) * rad) / 2) ** 2 + Math.cos(p[1] * rad) * Math.cos(q[1] * rad) * Math.sin(((q[0] - p[0]) * rad) / 2) ** 2;
          const minutes = (60 * 2 * R * Math.asin(Math.sqrt(h)) * 1.3) / 4.8;
          expect(minutes).toBeLessThanOrEqual(90 + 1e-9);
        }
      }
    }
    console.log(`Bradford: ${plan.lots.length} lots (per CCG ${plan.parents.map((p) => `${p.parent}: ${p.lots}`).join(", ")}), min hours ${Math.min(...plan.lots.map((l) => l.hours))}`);
  });

  it("designLots(...) with a 60-minute walking limit returns a best-effort plan naming the lots that cannot meet it", () => {
    const s = realSet("bradford", "ccg");
    const pts = s.areas.map((a) => ({ id: a.id, lonLat: [...a.lonLat] as [number, number] }));
    const matrix = straightLineTravel({ detour: { walk: 1.3 } }).matrix(pts, pts, ["walk"]);
    const plan = designLots(s.areas, s.adjacency, s.demand.hours, { hoursPerLot: { min: 1000 }, travelLimit: { matrix, mode: "walk", maxMinutes: 60 } });
    expect(plan.status).toBe("best_effort");
    expect(plan.violations.length).toBeGreaterThan(0);
    for (const v of plan.violations) {
      expect(v.kind).toBe("travel_limit");
      expect(v.value!).toBeGreaterThan(60);
      expect(v.message).toContain(`lot ${v.lotId} spans`);
    }
    // every lot still meets the floor
    for (const l of plan.lots) expect(l.hours).toBeGreaterThanOrEqual(1000);
  });
});

// costOfCare with a road network: probes routed on the roads, a fallback source where the network has
// no time, and a lot reported (not dropped) when neither gives one.
import { describe, expect, it } from "vitest";
import { costOfCare, networkTravel, straightLineTravel } from "../../src/index.js";
import { asyncErrorOf } from "../helpers/errors.js";
import { rutlandNetwork } from "../helpers/rutland.js";
import { realSet } from "../lots/real-data.js";

// A 20 × 20 km grid of local roads at the equator, 1 km spacing (1 km = 1000 / (R·π/180) degrees).
const KM = 1000 / ((6371008.8 * Math.PI) / 180);
const line = (coords: [number, number][]) => ({ type: "Feature", properties: { roadFunction: "Local Road" }, geometry: { type: "LineString", coordinates: coords } });
const features: unknown[] = [];
for (let j = 0; j <= 20; j++) features.push(line(Array.from({ length: 21 }, (_, i) => [i * KM, j * KM] as [number, number])));
for (let i = 0; i <= 20; i++) features.push(line(Array.from({ length: 21 }, (_, j) => [i * KM, j * KM] as [number, number])));
const roads = networkTravel({ type: "FeatureCollection", features }, { speedsKmh: { "Local Road": { drive: 24, walk: 4.8, cycle: 16, transit: 12 } } });

// Hours giving a 2.000 km leg with rosterFactor 1 on 1 km² (d = 0.92 · √(7 · 4 · 1 / (0.6 · V)), 30-minute visits).
const visits = (7 * 4 * 1) / (0.6 * (2 / 0.92) ** 2);
const hours = (visits * 30) / 60;
const opts = { visitMix: [{ minutes: 30, share: 1 }], travelModel: { rosterFactor: 1 } } as const;
const inGrid = { id: "G", lonLat: [10 * KM, 10 * KM] as [number, number], areaKm2: 1, urbanRural: "urban" as const };
const offGrid = { id: "X", lonLat: [0.6, 0.6] as [number, number], areaKm2: 1, urbanRural: "rural" as const }; // ~50 km away

describe("costOfCare with a road network", () => {
  it("routes each probe on the roads: a 2 km leg north, east, south or west along the grid takes 25 min walking and 5 min driving", async () => {
    const c = await costOfCare({ lots: [{ id: "L", areaIds: ["G"] }] }, [inGrid], { G: hours }, { ...opts, travel: roads });
    const l = c.lots[0]!;
    expect(l.legKm).toBeCloseTo(2, 9);
    expect(l.travelMinutesPerVisit.walk).toBeCloseTo((5 / 6) * 25, 4);
    expect(l.travelMinutesPerVisit.drive).toBeCloseTo((5 / 6) * 5, 4);
    expect(c.fallbackProbes).toEqual({ drive: 0, walk: 0, cycle: 0, transit: 0 });
    // Straight line for comparison: 2 km × 1.25 detour at 4.8 km/h = 31.25 min.
    const sl = await costOfCare({ lots: [{ id: "L", areaIds: ["G"] }] }, [inGrid], { G: hours }, opts);
    expect(sl.lots[0]!.travelMinutesPerVisit.walk).toBeCloseTo((5 / 6) * 31.25, 6);
  });

  it("without a fallback, a lot whose areas the network cannot reach gets status no_travel_time and a note naming the area", async () => {
    const c = await costOfCare({ lots: [{ id: "L1", areaIds: ["G"] }, { id: "L2", areaIds: ["X"] }] }, [inGrid, offGrid], { G: hours, X: hours }, { ...opts, travel: roads });
    const l2 = c.lots.find((l) => l.lotId === "L2")!;
    expect(l2.status).toBe("no_travel_time");
    expect(l2.costPerContactHour).toBeNull();
    expect(l2.travelMinutesPerVisit.drive).toBeNull();
    expect(l2.notes.some((n) => n.includes("No drive time for 1 of 1 area(s)") && n.includes("X"))).toBe(true);
    expect(c.lots.find((l) => l.lotId === "L1")!.status).toBe("ok");
    expect(c.totals.weeklyCost).toBeCloseTo(c.lots.find((l) => l.lotId === "L1")!.weeklyCost!, 9);
    expect(c.warnings.some((w) => w.includes("Weekly cost covers"))).toBe(true);
    expect(c.allocationLots.find((l) => l.id === "L2")).toEqual({ id: "L2", urbanHours: 0, ruralHours: hours });
  });

  it("with fallbackTravel, the straight-line source answers where the roads do not, and the probes it answered are counted", async () => {
    const fallback = straightLineTravel();
    const c = await costOfCare({ lots: [{ id: "L1", areaIds: ["G"] }, { id: "L2", areaIds: ["X"] }] }, [inGrid, offGrid], { G: hours, X: hours }, { ...opts, travel: roads, fallbackTravel: fallback });
    expect(c.fallbackProbes).toEqual({ drive: 4, walk: 4, cycle: 4, transit: 4 });
    const l2 = c.lots.find((l) => l.lotId === "L2")!;
    const alone = await costOfCare({ lots: [{ id: "L2", areaIds: ["X"] }] }, [offGrid], { X: hours }, { ...opts, travel: fallback });
    expect(l2.status).toBe("ok");
    expect(l2.travelMinutesPerVisit).toEqual(alone.lots[0]!.travelMinutesPerVisit);
    expect(c.lots.find((l) => l.lotId === "L1")!.travelMinutesPerVisit.walk).toBeCloseTo((5 / 6) * 25, 4);
  });

  it("accepts an asynchronous source (e.g. a routing service) and checks the matrix it returns", async () => {
    const sl = straightLineTravel();
    const asyncSource = { matrix: async (o: never, d: never, m: never) => sl.matrix(o, d, m) };
    const a = await costOfCare({ lots: [{ id: "L", areaIds: ["G"] }] }, [inGrid], { G: hours }, { ...opts, travel: asyncSource });
    const b = await costOfCare({ lots: [{ id: "L", areaIds: ["G"] }] }, [inGrid], { G: hours }, opts);
    expect(a.lots).toEqual(b.lots);
    const broken = { matrix: () => ({ originIds: [], destinationIds: [], modes: [], minutes: {} }) };
    await expect(costOfCare({ lots: [{ id: "L", areaIds: ["G"] }] }, [inGrid], { G: hours }, { ...opts, travel: broken })).rejects.toThrow(/options\.travel: its matrix has no drive minutes/);
  });
});

describe("costOfCare on Rutland's OpenStreetMap roads (realdata/, 2022-07-20, ODbL)", () => {
  it("routes the probes of Rutland's 23 LSOAs on the roads, falls back to the straight line beyond the extract, and lands within −10 %/+50 % of the straight-line figures", async () => {
    const net = await rutlandNetwork();
    const leics = realSet("leics", "none");
    const ids = new Set(leics.rows.filter((r) => r.lad19cd === "E06000017").map((r) => r.lsoa11cd!));
    const areas = leics.areas.filter((a) => ids.has(a.id));
    const hours = Object.fromEntries(areas.map((a) => [a.id, leics.demand.hours[a.id]!]));
    const plan = { lots: [{ id: "Rutland", areaIds: areas.map((a) => a.id) }] };
    const modes = ["drive", "walk", "cycle"] as ("drive" | "walk" | "cycle")[];
    const onRoads = await costOfCare(plan, areas, hours, { travel: net, fallbackTravel: straightLineTravel(), modes });
    const straight = await costOfCare(plan, areas, hours, { modes });
    const r = onRoads.lots[0]!, s = straight.lots[0]!;
    expect(r.status).toBe("ok");
    expect(r.travelMinutesPerVisit.transit).toBeNull();
    expect(onRoads.fallbackProbes.transit).toBe(0);
    // Some of the long rural legs leave the extract; most probes are routed.
    expect(onRoads.fallbackProbes.drive).toBeGreaterThan(0);
    expect(onRoads.fallbackProbes.drive).toBeLessThan(areas.length * 4);
    for (const m of modes) {
      const ratio = r.travelMinutesPerVisit[m]! / s.travelMinutesPerVisit[m]!;
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.5);
    }
  });

  it("refuses a staff mix that travels by a mode options.modes leaves out", async () => {
    const e = await asyncErrorOf(() => costOfCare({ lots: [{ id: "L", areaIds: ["G"] }] }, [inGrid], { G: hours }, { modes: ["drive"], staffMix: { drive: 0.8, transit: 0.2 } }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("options.staffMix has staff travelling by transit, which options.modes leaves out");
  });
});

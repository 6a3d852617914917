// The travel-per-visit model (src/cost/travel-model.ts) against simulated visit sequences (simulate.ts):
// random visit points inside the lot's LSOA polygons weighted by demand, a nearest-neighbour sequence on
// the same straight-line source, cut into runs of 6. The model runs with rosterFactor 1 (the ideal
// chain the simulation builds); the default 3.65 is a calibration on top (see cost-of-care.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { costOfCare, loadBoundaries, straightLineTravel, type CostOfCare } from "../../src/index.js";
import { designLots } from "../../src/lots/design-lots.js";
import type { LotDesign } from "../../src/lots/types.js";
import { ELR, WL, realSet, type RealSet } from "../lots/real-data.js";
import { simulateTravel } from "./simulate.js";

const source = straightLineTravel();
const ideal = { travelModel: { rosterFactor: 1 } };

describe("travel per visit: model against simulation", () => {
  // Tolerance 5 %, 8 % at 20 visits: runs of 6 in 20 visits pay 16 legs where the model's 5/6 pays 16.7.
  for (const [points, repetitions, tol] of [[20, 200, 0.08], [100, 60, 0.05], [500, 8, 0.05]] as const) {
    it(`in a uniform 4 × 4 km square with ${points} visits per window the model is within ${tol * 100} % of the simulated nearest-neighbour chain (tour constant 0.92)`, async () => {
      // A square at 52.6° N: 4 km east-west is 4 / (111.195 cos 52.6°) degrees.
      const dLat = 4 / 111.195, dLon = 4 / (111.195 * Math.cos((52.6 * Math.PI) / 180));
      const [x0, y0] = [-1.2, 52.6];
      const square = { type: "Feature", properties: { code: "SQ" }, geometry: { type: "Polygon", coordinates: [[[x0, y0], [x0 + dLon, y0], [x0 + dLon, y0 + dLat], [x0, y0 + dLat], [x0, y0]]] } };
      const b = loadBoundaries({ type: "FeatureCollection", features: [square] }, { idProperty: "code" });
      expect(b.areasKm2[0]).toBeCloseTo(16, 1);
      // `points` visits per window for one provider: σ V / (7 W) = points with σ = 0.6, W = 4.
      const hours = ((points * 7 * 4) / 0.6) * (30 / 60);
      const c = await costOfCare({ lots: [{ id: "L", areaIds: ["SQ"] }] }, [{ id: "SQ", lonLat: [x0 + dLon / 2, y0 + dLat / 2], areaKm2: b.areasKm2[0]!, urbanRural: "urban" }], { SQ: hours }, { ...ideal, visitMix: [{ minutes: 30, share: 1 }] });
      const l = c.lots[0]!;
      expect(l.visitsPerWindow).toBeCloseTo(points, 9);
      const sim = simulateTravel({ boundaries: b, areaIds: ["SQ"], hours: { SQ: hours }, urbanRural: new Map([["SQ", "urban"]]), points, visitsPerRun: 6, source, modes: ["walk", "drive"], repetitions, seed: 5 });
      for (const m of ["walk", "drive"] as const) {
        const ratio = sim.minutesPerVisit[m].mean / l.travelMinutesPerVisit[m]!;
        expect(Math.abs(ratio - 1)).toBeLessThan(tol);
      }
      expect(Math.abs(sim.kmPerVisit.mean / ((5 / 6) * l.legKm!) - 1)).toBeLessThan(tol);
    });
  }

  describe("on the 18 Leicestershire County Council lots", () => {
    let s: RealSet;
    let plan: LotDesign;
    let model: CostOfCare;
    const ratios: { lotId: string; km2: number; drive: number; walk: number; km: number }[] = [];
    beforeAll(async () => {
      s = realSet("county");
      plan = designLots(s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 }, seed: 2019 });
      model = await costOfCare(plan, s.areas, s.demand.hours, { ...ideal, travel: source });
      const urbanRural = new Map(s.areas.map((a) => [a.id, a.urbanRural === "urban" ? ("urban" as const) : ("rural" as const)]));
      for (const l of model.lots) {
        const lot = plan.lots.find((x) => x.id === l.lotId)!;
        const sim = simulateTravel({ boundaries: s.boundaries, areaIds: lot.areaIds, hours: s.demand.hours, urbanRural, points: Math.round(l.visitsPerWindow), visitsPerRun: 6, source, modes: ["drive", "walk"], repetitions: 80, seed: 11 });
        ratios.push({
          lotId: l.lotId,
          km2: l.areaKm2,
          drive: sim.minutesPerVisit.drive.mean / l.travelMinutesPerVisit.drive!,
          walk: sim.minutesPerVisit.walk.mean / l.travelMinutesPerVisit.walk!,
          km: sim.kmPerVisit.mean / ((5 / 6) * l.legKm!),
        });
      }
    });

    it("the most urban and the most rural lot (least and most km²) agree with the simulation within 20 %", () => {
      const byKm2 = [...ratios].sort((a, b) => a.km2 - b.km2);
      const urban = byKm2[0]!, rural = byKm2[byKm2.length - 1]!;
      expect(urban.km2).toBeLessThan(20);
      expect(rural.km2).toBeGreaterThan(250);
      for (const r of [urban, rural]) for (const k of ["drive", "walk", "km"] as const) expect(Math.abs(r[k] - 1)).toBeLessThan(0.2);
    });

    it("every lot agrees within 25 % walking (35 % driving, where urban and rural speeds mix), and the simulated chains are on average at most 15 % longer (edges and uneven density the model leaves out)", () => {
      for (const r of ratios) {
        expect(Math.abs(r.walk - 1)).toBeLessThan(0.25);
        expect(Math.abs(r.km - 1)).toBeLessThan(0.3);
        expect(Math.abs(r.drive - 1)).toBeLessThan(0.35);
      }
      const mean = (k: "drive" | "walk" | "km") => ratios.reduce((t, r) => t + r[k], 0) / ratios.length;
      for (const k of ["drive", "walk", "km"] as const) {
        expect(mean(k)).toBeGreaterThan(0.97);
        expect(mean(k)).toBeLessThan(1.15);
      }
    });
  });
});

// The @example blocks of the coverage and provider TSDoc, run as written, with their commented results.
import { describe, expect, it } from "vitest";
import {
  areasFromBoundaries,
  busServiceTravel,
  combineTravel,
  STRAIGHT_LINE_RUTLAND_2022,
  computeCoverage,
  demandCoverage,
  generateProviders,
  isochrone,
  loadBoundaries,
  locateProviders,
  lotCoverage,
  lotWalkability,
  networkTravel,
  straightLineTravel,
  travelMatrixFromRows,
  travelMatrixToRows,
} from "../../src/index.js";

describe("coverage TSDoc examples", () => {
  it("busServiceTravel, combineTravel, STRAIGHT_LINE_RUTLAND_2022 examples", () => {
    const bus = busServiceTravel([{ LSOA21CD: "A", "runs_Tue_Midday": 12 }, { LSOA21CD: "B", "runs_Tue_Midday": 24 }]);
    const m = bus.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "B", lonLat: [0, 0.045] }], ["transit"]);
    expect(m.minutes.transit![0]).toBeCloseTo(44.5, 1);
    const travel = combineTravel({ drive: straightLineTravel(), transit: busServiceTravel([{ LSOA21CD: "A", "runs_Tue_Midday": 12 }]) });
    const c = travel.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0] }], ["drive", "transit"]);
    expect(c.minutes.transit![0]).toBe(25);
    const src = straightLineTravel(STRAIGHT_LINE_RUTLAND_2022);
    expect(src.matrix([{ id: "P", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0.01], urbanRural: "rural" }], ["drive"]).minutes.drive![0]).toBeCloseTo(2.07, 2);
  });

  it("straightLineTravel, computeCoverage examples", () => {
    const m = straightLineTravel().matrix([{ id: "P1", lonLat: [-1.13, 52.63] }], [{ id: "A", lonLat: [-1.13, 52.64], urbanRural: "urban" }], ["drive", "walk"]);
    expect(m.minutes.walk![0]).toBeCloseTo(17.4, 1);
    const providers = [{ id: "P1", lonLat: [-1.13, 52.63] as [number, number], capacityHours: 500, ratePerHour: 22, staffMix: { drive: 0.8, walk: 0.2, cycle: 0, transit: 0 } }];
    const areas = [{ id: "A", lonLat: [-1.13, 52.64] as [number, number], urbanRural: "urban" as const }];
    const cov = computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20, walk: 20 } });
    expect(cov.withinMask[0]).toBe(3);
    expect(cov.minutes.drive![0]).toBeCloseTo(2.9, 1);
  });

  it("networkTravel, travelMatrixFromRows, travelMatrixToRows examples", () => {
    const net = networkTravel({ type: "FeatureCollection", features: [{ type: "Feature", properties: { roadFunction: "A Road" }, geometry: { type: "LineString", coordinates: [[0, 0], [0, 0.009]] } }] });
    expect(net.matrix([{ id: "a", lonLat: [0, 0] }], [{ id: "b", lonLat: [0, 0.009] }], ["drive"]).minutes.drive![0]).toBeCloseTo(1.2, 2);
    const osm = networkTravel({ type: "FeatureCollection", features: [{ type: "Feature", properties: { highway: "residential", maxspeed: "20 mph" }, geometry: { type: "LineString", coordinates: [[0, 0], [0, 0.009]] } }] });
    const om = osm.matrix([{ id: "a", lonLat: [0, 0] }], [{ id: "b", lonLat: [0, 0.009] }], ["drive", "walk"]);
    expect(om.minutes.drive![0]).toBeCloseTo(3.0, 1);
    expect(om.minutes.walk![0]).toBeCloseTo(12.5, 1);
    expect(travelMatrixFromRows([{ origin_id: "P1", destination_id: "A", mode: "walk", minutes: "12.5" }]).minutes.walk![0]).toBe(12.5);
    const rows = travelMatrixToRows(straightLineTravel().matrix([{ id: "P", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0.01] }], ["walk"]));
    expect(rows.length).toBe(1);
    expect(rows[0]!.minutes).toBeCloseTo(17.37, 2);
  });

  it("areasFromBoundaries, locateProviders examples", () => {
    const sq = { type: "Polygon", coordinates: [[[-1.2, 52.6], [-1.1, 52.6], [-1.1, 52.7], [-1.2, 52.7], [-1.2, 52.6]]] };
    const b = loadBoundaries({ type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "A", urban_rural: "Rural" }, geometry: sq }] }, { idProperty: "code" });
    const [a] = areasFromBoundaries(b);
    expect(a!.id).toBe("A");
    expect(a!.urbanRural).toBe("rural");
    expect(a!.lonLat[0]).toBeCloseTo(-1.15, 9);
    expect(a!.lonLat[1]).toBeCloseTo(52.65, 9);
    expect(locateProviders([{ id: "P1", lonLat: [-1.15, 52.65], capacityHours: 500, ratePerHour: 22, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }], b)).toEqual([
      { id: "P1", lonLat: [-1.15, 52.65], areaId: "A", urbanRural: "rural" },
    ]);
  });

  it("demandCoverage, lotCoverage, lotWalkability examples", () => {
    const p = (mix: { drive: number; walk: number }) => [{ id: "P1", lonLat: [0, 0] as [number, number], capacityHours: 100, ratePerHour: 22, staffMix: { ...mix, cycle: 0, transit: 0 } }];
    const u = (id: string, lat: number) => ({ id, lonLat: [0, lat] as [number, number], urbanRural: "urban" as const });
    const cov1 = computeCoverage({ providers: p({ drive: 1, walk: 0 }), areas: [u("A", 0.009), u("B", 0.1)], travel: straightLineTravel(), thresholdMinutes: { drive: 20 } });
    expect(demandCoverage(cov1, { A: 10, B: 30 })).toEqual([{ group: "all", mode: "drive", demandHours: 40, reachableHours: 10, share: 0.25 }]);
    const cov2 = computeCoverage({ providers: p({ drive: 0.8, walk: 0.2 }), areas: [u("A", 0.009), u("B", 0.05)], travel: straightLineTravel(), thresholdMinutes: { drive: 20, walk: 20 } });
    const [row] = lotCoverage({ lots: [{ id: "L1", areaIds: ["A", "B"] }] }, cov2, { A: 10, B: 30 });
    expect(row!.share).toBeCloseTo(0.85, 12);
    expect(row!.nonDrivingShare).toBeCloseTo(0.25, 12);
    expect(row!.byMode).toEqual({ drive: 1, walk: 0.25 });
    const pts = [{ id: "A", lonLat: [0, 0] as [number, number] }, { id: "B", lonLat: [0, 0.01] as [number, number] }];
    const [w] = lotWalkability({ lots: [{ id: "L", areaIds: ["A", "B"] }] }, straightLineTravel().matrix(pts, pts, ["walk", "cycle"]), { A: 1, B: 1 });
    expect(w!.byMode.walk!.meanMinutes).toBeCloseTo(17.4, 1);
    expect(w!.byMode.cycle!.p90Minutes).toBeCloseTo(5.2, 1);
    expect(w!.nonDrivingOk).toBe(true);
  });

  it("isochrone, generateProviders examples", async () => {
    const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] });
    const b = loadBoundaries({ type: "FeatureCollection", features: ["A", "B", "C"].map((id, i) => ({ type: "Feature", properties: { code: id, urban_rural: "Urban" }, geometry: sq(i * 0.01) })) }, { idProperty: "code" });
    const f = await isochrone({ id: "P1", lonLat: [0.005, 0.005] }, "walk", 20, straightLineTravel(), b);
    expect(f.properties.areaIds).toEqual(["A", "B"]);
    expect(f.geometry?.type).toBe("Polygon");
    const ps = generateProviders({ count: 2, seed: 1, points: [[-1.13, 52.63], [-1.1, 52.6], [-1.13, 52.63]] });
    expect(ps.map((x) => x.id)).toEqual(["P001", "P002"]);
    expect(new Set(ps.map((x) => x.lonLat.join())).size).toBe(2);
  });
});

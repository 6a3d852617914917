import { describe, expect, it } from "vitest";
import {
  areasFromBoundaries,
  computeCoverage,
  demandCoverage,
  generateProviders,
  loadBoundaries,
  locateProviders,
  straightLineTravel,
  type Area,
} from "../../src/index.js";
import { readCsvRows, readJson } from "../helpers/geodata.js";
import { errorOf } from "./helpers.js";

// Demand proxy for this test (the demand estimator is another module): mid-2018 population per LSOA
// (ONS SAPE21DT11, geodata/lsoa11_master.csv). Providers are SYNTHETIC (seeded generator on real
// postcode centroids). Areas are the 611 LSOAs at their population-weighted centroids.
const master = readCsvRows("lsoa11_master.csv").filter((r) => r.area_set === "leicestershire");
const areas: Area[] = master.map((r) => ({
  id: r.lsoa11cd!,
  lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)],
  urbanRural: r.urban_rural!.toLowerCase() as "urban" | "rural",
}));
const demand = Object.fromEntries(master.map((r) => [r.lsoa11cd!, Number(r.pop_mid2018)]));
const ccg = Object.fromEntries(master.map((r) => [r.lsoa11cd!, r.ccg19cd!]));
const postcodes = readCsvRows("postcode_centroids.csv").filter((r) => r.area_set === "leicestershire");
const providers = generateProviders({ count: 40, seed: 2019, points: postcodes.map((r) => [Number(r.lon), Number(r.lat)]) });

/** Haversine km, written out here so the test does not lean on the library's geometry. */
function km(a: readonly number[], b: readonly number[]): number {
  const r = Math.PI / 180;
  const s = Math.sin(((b[1]! - a[1]!) * r) / 2) ** 2 + Math.cos(a[1]! * r) * Math.cos(b[1]! * r) * Math.sin(((b[0]! - a[0]!) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(s));
}

describe("coverage on Leicestershire (611 LSOAs, 40 synthetic providers)", () => {
  it("computeCoverage + demandCoverage give each CCG's share of demand within 20 min by driving and walking, as computed from the definitions", () => {
    const travel = straightLineTravel().matrix(providers, areas, ["drive", "walk", "cycle", "transit"]);
    const cov = computeCoverage({ providers, areas, travel, thresholdMinutes: 20 });
    const rows = demandCoverage(cov, demand, { groups: ccg });
    const groups = [...new Set(Object.values(ccg))].sort();
    expect(groups).toEqual(["E38000051", "E38000097", "E38000201"]);
    for (const g of groups) {
      // Independent: an area counts when some provider is within 20 min. Providers carry no class, so
      // driving uses the area's speed (30 km/h urban, 50 rural) × detour 1.3; walking 4.8 km/h × 1.25.
      let total = 0, drive = 0, walk = 0;
      for (const a of areas) {
        if (ccg[a.id] !== g) continue;
        const d = demand[a.id]!;
        total += d;
        const v = a.urbanRural === "urban" ? 30 : 50;
        const near = Math.min(...providers.map((p) => km(p.lonLat, a.lonLat)));
        if ((near * 1.3 * 60) / v <= 20) drive += d;
        if ((near * 1.25 * 60) / 4.8 <= 20) walk += d;
      }
      const row = (mode: string) => rows.find((r) => r.group === g && r.mode === mode)!;
      expect(row("drive").demandHours).toBe(total);
      expect(row("drive").share).toBeCloseTo(drive / total, 12);
      expect(row("walk").share).toBeCloseTo(walk / total, 12);
      expect(row("walk").share).toBeLessThan(row("drive").share);
    }
    // County total = 698,268 + Leicester 355,218 + Rutland 39,697 (geodata/SOURCES.md).
    expect(rows.filter((r) => r.mode === "drive").reduce((s, r) => s + r.demandHours, 0)).toBe(698268 + 355218 + 39697);
  });

  it("locateProviders puts each synthetic provider in the LSOA the postcode file gives, and rejects one outside every area", () => {
    const b = loadBoundaries(readJson("lsoa11_leicestershire.geojson"), { idProperty: "lsoa11cd" });
    const located = locateProviders(providers, b);
    const pip = new Map(postcodes.map((r) => [`${Number(r.lon)},${Number(r.lat)}`, r.lsoa11cd_pip]));
    const agree = located.filter((l) => pip.get(`${l.lonLat[0]},${l.lonLat[1]}`) === l.areaId).length;
    // Same generalised polygons as the postcode file's point-in-polygon: all 40 agree for this seed.
    expect(agree).toBe(40);
    for (const l of located) expect(l.urbanRural).toBe(areas.find((a) => a.id === l.areaId)!.urbanRural);
    const outside = { ...providers[0]!, lonLat: [0.5, 51.5] as [number, number] };
    const e = errorOf(() => locateProviders([providers[1]!, outside], b));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("providers[1].lonLat: [0.5,51.5]");
    expect(e.message).toContain("outside every area");
  });

  it("areasFromBoundaries reads the urban/rural class and takes population-weighted centroids when given", () => {
    const b = loadBoundaries(readJson("lsoa11_leicestershire.geojson"), { idProperty: "lsoa11cd" });
    const pw = Object.fromEntries(areas.map((a) => [a.id, a.lonLat]));
    const got = areasFromBoundaries(b, { points: pw });
    expect(got.length).toBe(611);
    expect(got.filter((a) => a.urbanRural === "rural").length).toBe(135); // SOURCES.md: 476 urban / 135 rural
    const byId = new Map(areas.map((a) => [a.id, a]));
    for (const a of got) expect(a.lonLat).toEqual(byId.get(a.id)!.lonLat);
  });
});

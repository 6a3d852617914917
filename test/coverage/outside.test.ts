import { describe, expect, it } from "vitest";
import { computeCoverage, pointsOutside, straightLineTravel, type Area, type Provider } from "../../src/index.js";
import { readCsvRows } from "../helpers/geodata.js";
import { errorOf } from "./helpers.js";

// Real places: Bradford's 310 LSOAs at their population-weighted centroids (ONS, OGL v3) and real CQC
// home-care office postcodes (realdata/, OGL v3). Capacities, rates and staff mixes are synthetic.
const master = readCsvRows("lsoa11_master.csv").filter((r) => r.area_set === "bradford");
const areas: Area[] = master.map((r) => ({ id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)], urbanRural: r.urban_rural === "Urban" ? "urban" : "rural" }));
const provider = (id: string, lonLat: [number, number], extra: Partial<Provider> = {}): Provider => ({
  id,
  lonLat,
  capacityHours: 500,
  ratePerHour: 22,
  staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 },
  ...extra,
});
// CQC offices: BD1 1AA (Bradford centre), LE1 1HL (Leicester centre, ONSPD centroid 52.63522, -1.130098).
const bradford = provider("BR01", [-1.7506, 53.79603], { name: "Acorn Care (synthetic)", postcode: "BD1 1AA" });
const leicester = provider("LE01", [-1.130098, 52.63522], { name: "Dove Care (synthetic)", postcode: "LE1 1HL" });

/** Haversine km, written out here so the test does not lean on the library's geometry. */
function km(a: readonly number[], b: readonly number[]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1]! - a[1]!) * r) / 2) ** 2 + Math.cos(a[1]! * r) * Math.cos(b[1]! * r) * Math.sin(((b[0]! - a[0]!) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe("computeCoverage: providers far outside the study area", () => {
  it("warns naming a Leicester provider 100+ km outside a Bradford study, with its distance to the areas' box", () => {
    const cov = computeCoverage({ providers: [bradford, leicester], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 30 } });
    const lats = areas.map((a) => a.lonLat[1]);
    const lons = areas.map((a) => a.lonLat[0]);
    // The nearest point of the box to Leicester is its south-east corner (Leicester is south and east of all of it).
    const expected = km(leicester.lonLat, [Math.max(...lons), Math.min(...lats)]);
    expect(expected).toBeGreaterThan(100);
    expect(cov.outside).toHaveLength(1);
    expect(cov.outside[0]!.id).toBe("LE01");
    expect(cov.outside[0]!.distanceKm).toBeCloseTo(expected, 0);
    const w = cov.warnings.find((x) => x.includes("outside the study area"))!;
    expect(w).toContain("1 provider is more than 25 km outside the study area (the bounding box of its 310 areas)");
    expect(w).toContain(`LE01 (Dove Care (synthetic), LE1 1HL) ${cov.outside[0]!.distanceKm.toFixed(1)} km`);
    expect(w).not.toContain("BR01");
    // Leicester reaches nothing in Bradford in 30 minutes' drive, and the warnings say so by name.
    expect(cov.warnings).toContain("1 of 2 providers reach no area within the thresholds (drive 30 min): LE01.");
  });

  it("a wider margin lists no one, and swapped coordinates (lat, lon) are thousands of km out", () => {
    const wide = computeCoverage({ providers: [bradford, leicester], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 30 } }, { outsideMarginKm: 200 });
    expect(wide.outside).toEqual([]);
    const swapped = provider("SW01", [53.79603, -1.7506]);
    const out = pointsOutside([swapped, bradford], [-2.06, 53.72, -1.64, 53.96]);
    expect(out.map((o) => o.id)).toEqual(["SW01"]);
    expect(out[0]!.distanceKm).toBeGreaterThan(5000);
    expect(errorOf(() => computeCoverage({ providers: [bradford], areas, travel: straightLineTravel(), thresholdMinutes: 30 }, { outsideMarginKm: -1 })).message).toContain("options.outsideMarginKm");
  });

  it("says 'nothing is within reach' when no provider reaches any area in time", () => {
    const cov = computeCoverage({ providers: [leicester], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 40 } });
    expect([...cov.withinMask].every((m) => m === 0)).toBe(true);
    expect(cov.warnings).toHaveLength(2);
    expect(cov.warnings[1]).toContain("Nothing is within reach: none of the 1 providers reaches any of the 310 areas within the thresholds (drive 40 min)");
    // A provider in the city reaches areas: no reach warning at all.
    const ok = computeCoverage({ providers: [bradford], areas, travel: straightLineTravel(), thresholdMinutes: { drive: 40 } });
    expect(ok.warnings).toEqual([]);
    expect(ok.outside).toEqual([]);
  });
});

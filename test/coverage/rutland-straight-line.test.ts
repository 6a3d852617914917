// Issue 16 item 2: how wrong is straight-line? Network (OSM 2022-07-20) vs straightLineTravel() from the real
// CQC agency offices in and around Rutland to the 23 Rutland LSOA population-weighted centroids.
import { beforeAll, describe, expect, it } from "vitest";
import { STRAIGHT_LINE_RUTLAND_2022, straightLineTravel } from "../../src/index.js";
import { straightLineStudy, type StraightLineStudy } from "../helpers/rutland.js";

let study: StraightLineStudy;
beforeAll(async () => {
  study = await straightLineStudy();
}, 60_000);

describe("straight-line vs network on Rutland", () => {
  it("routes the 9 Rutland offices and lists the 9 Melton and Harborough ones beyond the extract's roads", () => {
    expect(study.offices).toHaveLength(18);
    expect(study.areas).toHaveLength(23);
    expect(study.notRouted.map((o) => o.lad)).toEqual([...Array(8).fill("Melton"), "Harborough"]);
    expect(Math.min(...study.notRouted.map((o) => o.snapMetres))).toBeGreaterThan(4500);
    for (const m of ["drive", "walk", "cycle"] as const) expect(study.ratios[m].all.pairs).toBe(9 * 23);
  });

  it("finds roads longer than the straight line for walkers, and slower driving than the default speeds", () => {
    const r = study.ratios;
    // Walking uses the same 4.8 km/h both ways, so the ratio is road ÷ (1.25 × straight) distance: above 1
    // means the real detour exceeds the default 1.25.
    expect(r.walk.all.median).toBeGreaterThan(1);
    expect(r.walk.all.p10).toBeGreaterThan(0.85);
    expect(r.drive.all.median).toBeGreaterThan(1.1);
    expect(r.drive.all.p90).toBeGreaterThan(r.drive.all.median);
    for (const m of ["drive", "walk", "cycle"] as const) {
      const s = r[m].all;
      expect(s.p10).toBeLessThanOrEqual(s.p25);
      expect(s.p25).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.p75);
      expect(s.p75).toBeLessThanOrEqual(s.p90);
      expect(r[m].urban.pairs + r[m].rural.pairs).toBe(s.pairs);
    }
  });

  it("reproduces the STRAIGHT_LINE_RUTLAND_2022 preset from the data", () => {
    expect(study.fitted).toEqual({ driveUrbanKmh: 25.58, driveRuralKmh: 41.95, detour: { walk: 1.31, cycle: 1.25 } });
    expect(STRAIGHT_LINE_RUTLAND_2022.driveUrbanKmh).toBe(study.fitted.driveUrbanKmh);
    expect(STRAIGHT_LINE_RUTLAND_2022.driveRuralKmh).toBe(study.fitted.driveRuralKmh);
    expect(STRAIGHT_LINE_RUTLAND_2022.detour).toMatchObject(study.fitted.detour);
    // With the preset, the median ratio is 1 to within the 2-decimal rounding.
    const fitted = straightLineTravel(STRAIGHT_LINE_RUTLAND_2022).matrix(study.offices, study.areas, ["drive", "walk", "cycle"]);
    for (const m of ["drive", "walk", "cycle"] as const) {
      const r: number[] = [];
      study.minutes[m].network.forEach((n, k) => {
        if (Number.isFinite(n)) r.push(n / fitted.minutes[m]![k]!);
      });
      r.sort((a, b) => a - b);
      expect(Math.abs(r[Math.floor(r.length / 2)]! - 1)).toBeLessThan(0.01);
    }
  });
});

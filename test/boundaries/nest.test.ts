import { describe, expect, it } from "vitest";
import { loadBoundaries, nestAreas } from "../../src/index.js";
import { readCsvRows, readJson } from "../helpers/geodata.js";
import { allLsoas } from "./real-data.js";
import { errorOf } from "../helpers/errors.js";


const rect = (x0: number, x1: number, y0 = 52, y1 = 52.1) => ({
  type: "Polygon",
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const fc = (fs: [string, unknown, Record<string, unknown>?][]) => ({
  type: "FeatureCollection",
  features: fs.map(([id, geometry, properties]) => ({ type: "Feature", id, properties: properties ?? {}, geometry })),
});

describe("nestAreas", () => {
  const lsoas = allLsoas();
  const ccg = loadBoundaries(readJson("ccg_boundaries_2019.geojson"), { idProperty: "ccg19cd" });
  const lad = loadBoundaries(readJson("lad_boundaries.geojson"), { idProperty: "lad19cd" });
  const lookup = new Map(readCsvRows("lsoa11_master.csv").map((r) => [r.lsoa11cd!, r]));

  it.each([
    ["ccg19cd", ccg, 6],
    ["lad19cd", lad, 10],
  ] as const)("nestAreas(921 LSOAs, %s boundaries) by largest overlap reproduces the ONS lookup for every LSOA", (column, large, n) => {
    expect(large.ids.length).toBe(n);
    expect(lsoas.ids.length).toBe(921);
    const r = nestAreas(lsoas, large);
    expect(r.method).toBe("overlap");
    const disagree = r.assignments.filter((a) => a.parent !== lookup.get(a.id)![column]);
    expect(disagree).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.straddling).toEqual([]);
    expect(r.outside).toEqual([]);
    // Children counts match the lookup's counts per parent.
    for (const id of large.ids) {
      const expected = lsoas.ids.filter((l) => lookup.get(l)![column] === id).length;
      expect(r.children.get(id)!.length).toBe(expected);
    }
  });

  it.each(["ccg19cd", "lad19cd"] as const)("nestAreas(921 LSOAs, large, { property: %s }) verifies the ONS parent of every LSOA geometrically", (column) => {
    const r = nestAreas(lsoas, column === "ccg19cd" ? ccg : lad, { property: column });
    expect(r.method).toBe("property");
    expect(r.mismatches).toEqual([]);
    expect(r.ok).toBe(true);
    for (const a of r.assignments) {
      expect(a.parent).toBe(lookup.get(a.id)![column]);
      expect(a.share).toBeGreaterThanOrEqual(0.99);
    }
  });

  it("nestAreas(LADs, CCGs) finds the three split Leicestershire districts and Bradford, with exact shares equal to sums of LSOA areas", () => {
    const r = nestAreas(lad, ccg);
    expect(r.straddling.map((a) => a.id)).toEqual(["E07000129", "E07000130", "E07000131", "E08000032"]); // Blaby, Charnwood, Harborough, Bradford
    for (const a of r.assignments) {
      // Independent: the share of LAD a in CCG c = area of a's LSOAs whose lookup CCG is c / area of a's LSOAs.
      const mine = lsoas.ids.map((id, i) => [id, i] as const).filter(([id]) => lookup.get(id)!.lad19cd === a.id);
      const total = mine.reduce((sum, [, i]) => sum + lsoas.areasKm2[i]!, 0);
      for (const s of a.shares) {
        const inCcg = mine.filter(([id]) => lookup.get(id)!.ccg19cd === s.parent).reduce((sum, [, i]) => sum + lsoas.areasKm2[i]!, 0);
        expect(s.share).toBeCloseTo(inCcg / total, 3);
      }
      expect(a.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 3);
    }
  });

  it("nestAreas(small, large) reports straddling, outside and mismatched areas with their shares", () => {
    // Large: L = [0, 0.2] × [52, 52.1], M = [0.2, 0.3]. Small: s1 inside L, s2 half in L and half in M,
    // s3 3/4 in M and 1/4 outside both, s4 far away.
    const large = loadBoundaries(fc([["L", rect(0, 0.2)], ["M", rect(0.2, 0.3)]]));
    const small = loadBoundaries(
      fc([
        ["s1", rect(0.05, 0.15), { p: "L" }],
        ["s2", rect(0.15, 0.25), { p: "L" }],
        ["s3", rect(0.22, 0.3, 52.075, 52.175), { p: "M" }],
        ["s4", rect(5, 5.1), { p: "X" }],
      ]),
    );
    const r = nestAreas(small, large);
    expect([...r.parentOf]).toEqual([["s1", "L"], ["s2", "L"], ["s3", "M"], ["s4", null]]);
    const s2 = r.assignments[1]!;
    expect(s2.shares.map((s) => s.parent)).toEqual(["L", "M"]); // tie 0.5/0.5 → smallest id first
    expect(s2.shares[0]!.share).toBeCloseTo(0.5, 5);
    expect(s2.shares[1]!.share).toBeCloseTo(0.5, 5);
    // s3: latitudes 52.075–52.1 of 52.075–52.175 lie in M; on the sphere area ∝ Δ sin(lat) (≈ 0.25).
    const sin = (d: number) => Math.sin((d * Math.PI) / 180);
    expect(r.assignments[2]!.share).toBeCloseTo((sin(52.1) - sin(52.075)) / (sin(52.175) - sin(52.075)), 4);
    expect(r.straddling.map((a) => a.id)).toEqual(["s2", "s3"]);
    expect(r.outside).toEqual(["s4"]);
    expect(r.children.get("L")).toEqual(["s1", "s2"]);
    expect(r.ok).toBe(false);
    const p = nestAreas(small, large, { property: "p" });
    expect(p.mismatches.map((m) => [m.id, m.reason])).toEqual([["s2", "low_share"], ["s3", "low_share"], ["s4", "unknown_parent"]]);
    expect(p.parentOf.get("s4")).toBe("X");
    expect(nestAreas(small, large, { minShare: 0.2 }).straddling.map((a) => a.id)).toEqual([]);
  });

  it("rejects a bad option or a missing parent property with LotwiseError naming field and value", () => {
    const large = loadBoundaries(fc([["L", rect(0, 0.2)]]));
    const small = loadBoundaries(fc([["s1", rect(0.05, 0.15), { p: "L" }], ["s2", rect(0.1, 0.12), {}]]));
    let e = errorOf(() => nestAreas(small, large, { minShare: 1.5 }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("options.minShare: 1.5");
    e = errorOf(() => nestAreas(small, large, { samples: 3 }));
    expect(e.message).toContain("options.samples: 3");
    e = errorOf(() => nestAreas(small, large, { property: "p" }));
    expect(e.message).toContain("small.features[1].properties.p: undefined");
    e = errorOf(() => nestAreas(small, null as never));
    expect(e.message).toContain("large");
  });
});

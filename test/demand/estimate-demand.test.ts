import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateDemand } from "../../src/demand/estimate-demand.js";
import { isLotwiseError } from "../../src/errors.js";
import { readQuotedCsv } from "../lots/real-data.js";

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isLotwiseError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a LotwiseError");
}

describe("estimateDemand", () => {
  it("estimateDemand(areas, { totalHours, weightBy }) gives the spare hour to the smallest id when remainders tie", () => {
    // 10 h over three equal weights: 3⅓ each → floors 3,3,3, one spare hour, tie broken by id → A.
    const d = estimateDemand([{ id: "C", w: 7 }, { id: "A", w: 7 }, { id: "B", w: 7 }], { totalHours: 10, weightBy: "w" });
    expect(d.hours).toEqual({ A: 4, B: 3, C: 3 });
    expect(Object.keys(d.hours)).toEqual(["A", "B", "C"]);
  });

  it("estimateDemand(...) hands leftover hours to the largest fractional parts (Hamilton)", () => {
    // 7 h by 5:3:2 → exact 3.5, 2.1, 1.4; floors 3+2+1 = 6; the one spare hour goes to .5 (X).
    const d = estimateDemand([{ id: "X", w: "5" }, { id: "Y", w: "3" }, { id: "Z", w: "2" }], { totalHours: 7, weightBy: "w" });
    expect(d.hours).toEqual({ X: 4, Y: 2, Z: 1 });
    expect(d.totalWeight).toBe(10);
    expect(d.hoursPerWeightUnit).toBeCloseTo(0.7, 12);
  });

  it("estimateDemand(...) conserves the total exactly and keeps each area within one hour of its exact share (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 100000 }),
        (weights, total) => {
          fc.pre(weights.some((w) => w > 0));
          const rows = weights.map((w, i) => ({ id: `a${String(i).padStart(3, "0")}`, w }));
          const d = estimateDemand(rows, { totalHours: total, weightBy: "w" });
          const W = weights.reduce((a, b) => a + b, 0);
          let sum = 0;
          rows.forEach((r, i) => {
            const h = d.hours[r.id]!;
            expect(Number.isInteger(h)).toBe(true);
            expect(Math.abs(h - (total * weights[i]!) / W)).toBeLessThan(1);
            sum += h;
          });
          expect(sum).toBe(total);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it("estimateDemand(...) spreads Leicestershire County Council's 20,317 h/week over its 396 LSOAs by Census 65+", () => {
    const rows = readQuotedCsv("lsoa11_master.csv").filter((r) => r.utla_cd === "E10000018");
    expect(rows).toHaveLength(396);
    const d = estimateDemand(rows, { totalHours: 20317, weightBy: ["census2011_age_65plus", "age_60plus_mid2015"], idProperty: "lsoa11cd" });
    expect(d.weightColumn).toBe("census2011_age_65plus");
    expect(d.skipped).toEqual([]);
    const W = rows.reduce((a, r) => a + Number(r.census2011_age_65plus), 0);
    expect(d.totalWeight).toBe(W);
    expect(Object.values(d.hours).reduce((a, b) => a + b, 0)).toBe(20317);
    for (const r of rows) expect(Math.abs(d.hours[r.lsoa11cd!]! - (20317 * Number(r.census2011_age_65plus)) / W)).toBeLessThan(1);
    // 1,994 people received that care (2019): about 10.2 hours per person per week.
    expect(20317 / 1994).toBeCloseTo(10.19, 2);
  });

  it("estimateDemand(...) falls back to 60+ for Bradford, where 65+ is blank, and says so", () => {
    const rows = readQuotedCsv("lsoa11_master.csv").filter((r) => r.area_set === "bradford");
    const d = estimateDemand(rows, { totalHours: 35000, weightBy: ["census2011_age_65plus", "age_60plus_mid2015"], idProperty: "lsoa11cd" });
    expect(d.weightColumn).toBe("age_60plus_mid2015");
    expect(d.skipped).toHaveLength(1);
    expect(d.skipped[0]!.column).toBe("census2011_age_65plus");
    expect(d.skipped[0]!.missingIds).toHaveLength(310);
    expect(Object.values(d.hours).reduce((a, b) => a + b, 0)).toBe(35000);
    const W = rows.reduce((a, r) => a + Number(r.age_60plus_mid2015), 0);
    expect(d.hoursPerWeightUnit).toBeCloseTo(35000 / W, 12);
  });

  it("estimateDemand(...) rejects a column blank for some areas when no fallback is listed, naming the first such area", () => {
    // The 611-LSOA set includes Rutland (23 LSOAs) with no Census 65+.
    const rows = readQuotedCsv("lsoa11_master.csv").filter((r) => r.area_set === "leicestershire");
    const e = errorOf(() => estimateDemand(rows, { totalHours: 1000, weightBy: "census2011_age_65plus", idProperty: "lsoa11cd" }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("census2011_age_65plus: 23 blank");
    expect(e.message).toContain("E01013"); // Rutland LSOAs are E01013xxx
  });

  it("estimateDemand(...) rejects negative or non-numeric weights, duplicate ids, fractional totals and all-zero weights", () => {
    expect(errorOf(() => estimateDemand([{ id: "A", w: -1 }], { totalHours: 5, weightBy: "w" })).message).toMatch(/areas\[0\]\.w: -1\. a population weight must be ≥ 0/);
    expect(errorOf(() => estimateDemand([{ id: "A", w: "12x" }], { totalHours: 5, weightBy: "w" })).message).toContain('"12x"');
    expect(errorOf(() => estimateDemand([{ id: "A", w: 1 }, { id: "A", w: 2 }], { totalHours: 5, weightBy: "w" })).code).toBe("duplicate_id");
    expect(errorOf(() => estimateDemand([{ id: "A", w: 1 }], { totalHours: 5.5, weightBy: "w" })).message).toContain("options.totalHours: 5.5");
    expect(errorOf(() => estimateDemand([{ id: "A", w: 0 }, { id: "B", w: 0 }], { totalHours: 5, weightBy: "w" })).code).toBe("infeasible_input");
  });
});

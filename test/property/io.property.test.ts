import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demandFromRows, generateProviders, planFromRows, providersFromRows } from "../../src/index.js";
import { lotwiseOrValue } from "../helpers/errors.js";

// Property tests for the row mappers and the provider generator: valid rows keep every record (nothing
// dropped, ids sorted, values carried over); junk gives LotwiseError only, never a TypeError.
export const NUM_RUNS = 200;


const idArb = fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() === s && s.length > 0);

describe("row mapper properties", () => {
  it("demandFromRows / planFromRows / providersFromRows keep every row of valid input", () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 20, maxLength: 20 }), (ids, lots) => {
        const d = demandFromRows(ids.map((area_id, i) => ({ area_id, hours: i * 1.5 })));
        expect(Object.keys(d).length).toBe(ids.length);
        ids.forEach((id, i) => expect(d[id]).toBe(i * 1.5));
        const plan = planFromRows(ids.map((area_id, i) => ({ area_id, lot_id: `L${lots[i]}` })));
        expect(plan.lots.flatMap((l) => l.areaIds).sort()).toEqual([...ids].sort());
        const ps = providersFromRows(ids.map((provider_id, i) => ({ provider_id, lon: -1, lat: 52, capacity_hours: i, rate_per_hour: 20 })));
        expect(ps.map((p) => p.id).sort()).toEqual([...ids].sort());
        for (const p of ps) expect(p.staffMix).toEqual({ drive: 1, walk: 0, cycle: 0, transit: 0 });
      }),
      { numRuns: NUM_RUNS, seed: 81 },
    );
  });

  it("demandFromRows / planFromRows / providersFromRows (junk) throw LotwiseError and nothing else", () => {
    const cell = fc.oneof(fc.anything(), fc.constantFrom(Number.NaN, -1, "", "abc", null, undefined, Infinity));
    const rows = fc.oneof(
      fc.anything(),
      fc.array(fc.record({ area_id: cell, hours: cell, lot_id: cell, provider_id: cell, lon: cell, lat: cell, capacity_hours: cell, rate_per_hour: cell }, { requiredKeys: [] }), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(rows, (r) => {
        const d = lotwiseOrValue(() => demandFromRows(r as never));
        if (d !== null) for (const v of Object.values(d)) expect(Number.isFinite(v) && v >= 0).toBe(true);
        const p = lotwiseOrValue(() => planFromRows(r as never));
        if (p !== null) expect(p.lots.flatMap((l) => l.areaIds).length).toBe((r as unknown[]).length);
        const ps = lotwiseOrValue(() => providersFromRows(r as never));
        if (ps !== null) {
          expect(ps.length).toBe((r as unknown[]).length);
          for (const x of ps) expect(Number.isFinite(x.capacityHours) && x.capacityHours >= 0).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS, seed: 82 },
    );
  });
});

describe("generateProviders properties", () => {
  it("generateProviders(options) returns exactly `count` providers at the given points, or throws LotwiseError", () => {
    fc.assert(
      fc.property(
        fc.record({ count: fc.oneof(fc.integer({ min: -1, max: 30 }), fc.double()), seed: fc.integer(), points: fc.array(fc.tuple(fc.double({ min: -2, max: 1, noNaN: true }), fc.double({ min: 52, max: 54, noNaN: true })), { maxLength: 40 }) }),
        (o) => {
          const ps = lotwiseOrValue(() => generateProviders(o as never));
          if (ps === null) return;
          expect(ps.length).toBe(o.count);
          expect(new Set(ps.map((p) => p.id)).size).toBe(ps.length);
          const at = new Set(o.points.map((p) => `${p[0]},${p[1]}`));
          for (const p of ps) {
            expect(at.has(`${p.lonLat[0]},${p.lonLat[1]}`)).toBe(true);
            expect(p.staffMix.drive + p.staffMix.walk + p.staffMix.cycle + p.staffMix.transit).toBeCloseTo(1, 9);
          }
        },
      ),
      { numRuns: NUM_RUNS, seed: 83 },
    );
  });
});

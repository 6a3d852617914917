import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCoverage, isLotwiseError, straightLineTravel, travelMatrixFromRows, travelMatrixToRows, TRAVEL_MODES } from "../../src/index.js";
import type { Provider, TravelMatrix, TravelMode, TravelPoint } from "../../src/index.js";

// Property tests for travel times and coverage: straight-line minutes are symmetric, non-negative and equal
// to the haversine formula; coverage grows with the threshold and matches minutes ≤ threshold exactly;
// travelMatrixToRows ∘ travelMatrixFromRows round-trips; invalid input gives LotwiseError only.
export const NUM_RUNS = 200;

// Around England, plus some points anywhere on the globe.
const lonLat = fc.oneof(
  fc.tuple(fc.double({ min: -3, max: 1, noNaN: true }), fc.double({ min: 50, max: 55, noNaN: true })),
  fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })),
);
const cls = fc.constantFrom<"urban" | "rural" | undefined>("urban", "rural", undefined);
const points = (prefix: string, max: number) =>
  fc.array(fc.tuple(lonLat, cls), { minLength: 1, maxLength: max }).map((xs) =>
    xs.map(([ll, c], i): TravelPoint => (c === undefined ? { id: `${prefix}${i}`, lonLat: ll } : { id: `${prefix}${i}`, lonLat: ll, urbanRural: c })),
  );

/** Haversine km with R = 6371.0088 km (mean radius), written out independently. */
function km(a: readonly [number, number], b: readonly [number, number]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function lotwiseOnly(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (!isLotwiseError(e)) throw e;
    expect(e.message.length).toBeGreaterThan(10);
    return false;
  }
}

describe("straightLineTravel properties", () => {
  it("straightLineTravel().matrix(o, d, modes) is non-negative, symmetric in origin and destination, and 60·km·detour/speed", () => {
    const src = straightLineTravel();
    fc.assert(
      fc.property(points("a", 6), points("b", 6), (a, b) => {
        const ab = src.matrix(a, b, [...TRAVEL_MODES]);
        const ba = src.matrix(b, a, [...TRAVEL_MODES]);
        expect(ab.modes).toEqual([...TRAVEL_MODES]);
        for (const m of TRAVEL_MODES) {
          const x = ab.minutes[m]!;
          const y = ba.minutes[m]!;
          expect(x.length).toBe(a.length * b.length);
          a.forEach((p, i) =>
            b.forEach((q, j) => {
              const v = x[i * b.length + j]!;
              expect(v).toBeGreaterThanOrEqual(0);
              expect(Number.isFinite(v)).toBe(true);
              expect(Math.abs(v - y[j * a.length + i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, v));
              const d = km(p.lonLat, q.lonLat);
              if (m === "walk") expect(Math.abs(v - (60 * d * 1.25) / 4.8)).toBeLessThanOrEqual(1e-6 * Math.max(1, v));
              if (m === "transit") expect(Math.abs(v - (10 + (60 * d * 1.3) / 12))).toBeLessThanOrEqual(1e-6 * Math.max(1, v));
              if (m === "drive") {
                // Between the all-rural and all-urban times.
                expect(v).toBeGreaterThanOrEqual((60 * d * 1.3) / 50 - 1e-6 * Math.max(1, v));
                expect(v).toBeLessThanOrEqual((60 * d * 1.3) / 30 + 1e-6 * Math.max(1, v));
              }
            }),
          );
        }
      }),
      { numRuns: NUM_RUNS, seed: 51 },
    );
  });

  it("straightLineTravel walking minutes obey the triangle inequality", () => {
    const src = straightLineTravel();
    fc.assert(
      fc.property(points("p", 3).filter((p) => p.length === 3), (p) => {
        const w = src.matrix(p, p, ["walk"]).minutes.walk!;
        const t = (i: number, j: number) => w[i * 3 + j]!;
        expect(t(0, 0)).toBe(0);
        expect(t(0, 2)).toBeLessThanOrEqual(t(0, 1) + t(1, 2) + 1e-6 * Math.max(1, t(0, 2)));
      }),
      { numRuns: NUM_RUNS, seed: 52 },
    );
  });

  it("straightLineTravel(junk options) and .matrix(junk points or modes) throw LotwiseError and nothing else", () => {
    const junkPoint = fc.oneof(
      fc.anything(),
      fc.record({ id: fc.oneof(fc.string({ maxLength: 2 }), fc.integer()), lonLat: fc.tuple(fc.oneof(fc.double(), fc.constant(Number.NaN)), fc.double()), urbanRural: fc.constantFrom("urban", "town", undefined) }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.constant({}), fc.anything(), fc.record({ walkKmh: fc.double(), detour: fc.record({ drive: fc.double() }) }, { requiredKeys: [] })),
        fc.oneof(fc.array(junkPoint, { maxLength: 4 }), fc.anything()),
        fc.oneof(fc.constant(["walk"]), fc.anything(), fc.array(fc.constantFrom("walk", "drive", "bus", ""), { maxLength: 3 })),
        (options, pts, modes) => {
          let src: ReturnType<typeof straightLineTravel> | null = null;
          if (!lotwiseOnly(() => (src = straightLineTravel(options as never)))) return;
          let m: TravelMatrix | null = null;
          if (lotwiseOnly(() => (m = src!.matrix(pts as never, pts as never, modes as never)))) {
            // Accepted: every point kept, times finite and ≥ 0.
            const mm = m as unknown as TravelMatrix;
            expect(mm.originIds.length).toBe((pts as unknown[]).length);
            for (const mode of mm.modes) for (const v of mm.minutes[mode]!) expect(v >= 0 && Number.isFinite(v)).toBe(true);
          }
        },
      ),
      { numRuns: NUM_RUNS * 2, seed: 53 },
    );
  });
});

describe("computeCoverage properties", () => {
  const providersArb = points("P", 5).map((ps) => ps.map((p): Provider => ({ id: p.id, lonLat: p.lonLat, capacityHours: 100, ratePerHour: 20, staffMix: { drive: 0.5, walk: 0.5, cycle: 0, transit: 0 } })));

  /** (provider, area, mode) triples within the threshold, read from the sparse coverage. */
  function within(cov: ReturnType<typeof computeCoverage>): Set<string> {
    const out = new Set<string>();
    for (let p = 0; p < cov.providerIds.length; p++) {
      for (let k = cov.offsets[p]!; k < cov.offsets[p + 1]!; k++) {
        cov.modes.forEach((m, b) => {
          if ((cov.withinMask[k]! >> b) & 1) out.add(`${cov.providerIds[p]}|${cov.areaIds[cov.areaIndex[k]!]}|${m}`);
        });
      }
    }
    return out;
  }

  it("computeCoverage(...) marks exactly the pairs with minutes ≤ threshold, and a larger threshold covers a superset", () => {
    const src = straightLineTravel();
    fc.assert(
      fc.property(providersArb, points("A", 8), fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), (providers, areas, t1, t2) => {
        const lo = Math.min(t1, t2);
        const hi = Math.max(t1, t2);
        const m = src.matrix(providers, areas, ["drive", "walk"]);
        const covLo = computeCoverage({ providers, areas, travel: m, thresholdMinutes: lo });
        const covHi = computeCoverage({ providers, areas, travel: src, thresholdMinutes: { drive: hi, walk: hi } });
        const wLo = within(covLo);
        const wHi = within(covHi);
        for (const x of wLo) expect(wHi.has(x)).toBe(true);
        // Brute force from the matrix.
        for (const [t, w] of [[lo, wLo], [hi, wHi]] as const) {
          let count = 0;
          providers.forEach((p, i) =>
            areas.forEach((a, j) => {
              for (const mode of ["drive", "walk"] as TravelMode[]) {
                const inside = m.minutes[mode]![i * areas.length + j]! <= t;
                expect(w.has(`${p.id}|${a.id}|${mode}`)).toBe(inside);
                if (inside) count++;
              }
            }),
          );
          expect(w.size).toBe(count);
        }
      }),
      { numRuns: NUM_RUNS, seed: 54 },
    );
  });

  it("computeCoverage(junk) throws LotwiseError and nothing else", () => {
    const src = straightLineTravel();
    fc.assert(
      fc.property(
        providersArb,
        points("A", 4),
        fc.constantFrom("threshold", "thresholdNaN", "staffNotAssessed", "dupProvider", "badMix", "unknownArea", "asyncSource", "junk"),
        fc.anything(),
        (providers, areas, what, junk) => {
          const input: Record<string, unknown> = { providers, areas, travel: src, thresholdMinutes: 30 };
          if (what === "threshold") input.thresholdMinutes = -5;
          if (what === "thresholdNaN") input.thresholdMinutes = { drive: Number.NaN };
          if (what === "staffNotAssessed") input.thresholdMinutes = { drive: 30 };
          if (what === "dupProvider") input.providers = [...providers, providers[0]];
          if (what === "badMix") input.providers = [{ ...providers[0]!, staffMix: { drive: 0.7, walk: 0.7 } }];
          if (what === "unknownArea") input.travel = src.matrix(providers, areas.slice(1), ["drive", "walk", "cycle", "transit"]);
          if (what === "asyncSource") input.travel = { matrix: async () => src.matrix(providers, areas, ["walk"]) };
          if (what === "junk") input[["providers", "areas", "travel", "thresholdMinutes"][Math.abs(JSON.stringify(junk ?? 0)?.length ?? 0) % 4]!] = junk;
          const ok = lotwiseOnly(() => computeCoverage(input as never));
          if (what !== "junk" && !(what === "unknownArea" && areas.length === 1)) expect(ok).toBe(false);
        },
      ),
      { numRuns: NUM_RUNS, seed: 55 },
    );
  });
});

describe("travelMatrixFromRows / travelMatrixToRows properties", () => {
  const cell = fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 1e4, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Infinity) });
  const matrixArb = fc
    .record({ nO: fc.integer({ min: 1, max: 4 }), nD: fc.integer({ min: 1, max: 4 }), modes: fc.subarray([...TRAVEL_MODES], { minLength: 1 }), cells: fc.array(cell, { minLength: 64, maxLength: 64 }) })
    .map(({ nO, nD, modes, cells }): TravelMatrix => {
      const minutes: Partial<Record<TravelMode, Float64Array>> = {};
      modes.forEach((m, k) => (minutes[m] = Float64Array.from({ length: nO * nD }, (_, i) => cells[(k * 16 + i) % 64]!)));
      return { originIds: Array.from({ length: nO }, (_, i) => `o${i}`), destinationIds: Array.from({ length: nD }, (_, i) => `d${i}`), modes, minutes };
    });

  it("travelMatrixFromRows(travelMatrixToRows(m), ids) gives m back (modes with no finite time drop out)", () => {
    fc.assert(
      fc.property(matrixArb, (m) => {
        const rows = travelMatrixToRows(m);
        const finite = m.modes.reduce((s, mode) => s + m.minutes[mode]!.filter(Number.isFinite).length, 0);
        expect(rows.length).toBe(finite);
        if (rows.length === 0) {
          expect(lotwiseOnly(() => travelMatrixFromRows(rows))).toBe(false);
          return;
        }
        const back = travelMatrixFromRows(rows, { originIds: [...m.originIds], destinationIds: [...m.destinationIds] });
        expect(back.originIds).toEqual(m.originIds);
        expect(back.destinationIds).toEqual(m.destinationIds);
        for (const mode of m.modes) {
          if (back.modes.includes(mode)) expect(Array.from(back.minutes[mode]!)).toEqual(Array.from(m.minutes[mode]!));
          else expect(m.minutes[mode]!.every((v) => v === Infinity)).toBe(true);
        }
        // And rows → matrix → rows is the identity on the rows.
        expect(travelMatrixToRows(back)).toEqual(rows);
      }),
      { numRuns: NUM_RUNS, seed: 56 },
    );
  });

  it("travelMatrixFromRows(junk rows) throws LotwiseError and nothing else, and accepted rows are all kept", () => {
    const id = fc.oneof(fc.constantFrom("a", "b", ""), fc.integer({ min: 0, max: 2 }), fc.constant(null));
    const minutes = fc.oneof(fc.double(), fc.constantFrom("12.5", "", "abc", " 3 ", "-1", null, Number.NaN, -0.5, Infinity));
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.array(fc.record({ origin_id: id, destination_id: id, mode: fc.constantFrom("walk", "drive", "bus", 3), minutes }, { requiredKeys: [] }), { maxLength: 6 })),
        (rows) => {
          let m: TravelMatrix | null = null;
          if (lotwiseOnly(() => (m = travelMatrixFromRows(rows as never)))) {
            const mm = m as unknown as TravelMatrix;
            // Every accepted row is a distinct cell; finite ones come back out.
            const finiteRows = (rows as { minutes: unknown }[]).filter((r) => Number.isFinite(Number(r.minutes))).length;
            expect(travelMatrixToRows(mm).length).toBe(finiteRows);
          }
        },
      ),
      { numRuns: NUM_RUNS * 2, seed: 57 },
    );
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { allocate, generateAllocationInstance, computeCoverage, indexBoundaries, isLotwiseError, MAX_MATRIX_CELLS, straightLineTravel, travelMatrixFromRows } from "../../src/index.js";
import type { LonLat, Provider, TravelPoint } from "../../src/index.js";
import { mulberry32 } from "../../src/internal/rng.js";
import { workerSolver } from "../../src/node/index.js";
import { leicestershire } from "../boundaries/real-data.js";

// Limits: huge inputs either run within a stated memory bound or fail fast with a `limit_exceeded`
// LotwiseError quoting the size; they never exhaust memory or fail with a bare RangeError. Memory is read
// from process.memoryUsage() (heap used + array buffers) before and after; bounds are generous because the
// garbage collector runs when it likes. Cancelling a worker solve is covered in test/solvers/worker.test.ts
// ("workerSolver().solve is killed mid-solve by AbortController, then the next solve starts a fresh worker").

const MB = 1024 * 1024;
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function lotwiseError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (!isLotwiseError(e)) throw e;
    return { code: e.code, message: e.message };
  }
  throw new Error("expected a LotwiseError");
}

const points = (n: number, prefix: string, seed: number): TravelPoint[] => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, lonLat: [-1.6 + 0.8 * r(), 52.4 + 0.6 * r()] as LonLat, urbanRural: r() < 0.7 ? ("urban" as const) : ("rural" as const) }));
};

describe("limits", () => {
  it("indexBoundaries(611 LSOAs).locateMany(1e6 points) returns one answer per point, agreeing with locate(), within 64 MB beyond the output", () => {
    const index = indexBoundaries(leicestershire());
    const [x0, y0, x1, y1] = index.bbox();
    const r = mulberry32(99);
    const pts: LonLat[] = Array.from({ length: 1_000_000 }, () => [x0 + (x1 - x0) * r(), y0 + (y1 - y0) * r()]);
    const before = used();
    const out = index.locateMany(pts);
    const grew = (used() - before) / MB;
    // The output is 1e6 references (8 MB); the index works in place.
    expect(out.length).toBe(1_000_000);
    expect(grew).toBeLessThan(8 + 64);
    for (let k = 0; k < 1_000_000; k += 997) expect(out[k]).toBe(index.locate(pts[k]!));
    const inside = out.filter((x) => x !== null).length;
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(1_000_000); // the bbox corners are outside the county
  });

  it("locateMany(1e6 points with one bad point at the end) fails fast with invalid_input naming its index, before locating anything", () => {
    const index = indexBoundaries(leicestershire());
    const pts: unknown[] = Array.from({ length: 1_000_000 }, () => [-1.1, 52.6]);
    pts[999_999] = [-1.1, Number.NaN];
    const e = lotwiseError(() => index.locateMany(pts as LonLat[]));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("999999");
  });

  it("straightLineTravel().matrix(1e5 providers × 921 areas × 4 modes) throws limit_exceeded quoting the size, without allocating the 2.9 GB", () => {
    const providers = points(100_000, "P", 1);
    const areas = points(921, "A", 2);
    const before = used();
    const e = lotwiseError(() => straightLineTravel().matrix(providers, areas, ["drive", "walk", "cycle", "transit"]));
    expect(e.code).toBe("limit_exceeded");
    expect(e.message).toContain("100000 origins × 921 destinations × 4 modes = 368400000 cells");
    expect(e.message).toContain(`${MAX_MATRIX_CELLS}`);
    expect((used() - before) / MB).toBeLessThan(200); // validation copies only; no matrix
    // One mode is still 9.21e7 cells > 5e7.
    expect(lotwiseError(() => straightLineTravel().matrix(providers, areas, ["drive"])).code).toBe("limit_exceeded");
  });

  it("computeCoverage with a straight-line source over 1e5 providers fails with the same limit_exceeded, not a RangeError", () => {
    const providers: Provider[] = points(100_000, "P", 3).map((p) => ({ id: p.id, lonLat: p.lonLat, capacityHours: 100, ratePerHour: 20, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }));
    const areas = points(921, "A", 4);
    const e = lotwiseError(() => computeCoverage({ providers, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 20 } }));
    expect(e.code).toBe("limit_exceeded");
    expect(e.message).toContain("100000 origins × 921 destinations × 1 mode =");
  });

  it("straightLineTravel().matrix(1e4 providers × 921 areas × 1 mode) runs within 8 bytes per cell + 16 MB", () => {
    const providers = points(10_000, "P", 5);
    const areas = points(921, "A", 6);
    const before = process.memoryUsage().arrayBuffers;
    const m = straightLineTravel().matrix(providers, areas, ["walk"]);
    const grew = process.memoryUsage().arrayBuffers - before;
    const cells = 10_000 * 921;
    expect(m.minutes.walk!.length).toBe(cells);
    // The collector may free other buffers meanwhile, so only the upper bound is firm.
    expect(grew).toBeGreaterThan(8 * cells - 16 * MB);
    expect(grew).toBeLessThanOrEqual(8 * cells + 16 * MB);
  });

  it("travelMatrixFromRows(1e5 rows with distinct origins and destinations) throws limit_exceeded (it used to throw RangeError: Invalid typed array length)", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ origin_id: `o${i}`, destination_id: `d${i}`, mode: "walk", minutes: 1 }));
    const e = lotwiseError(() => travelMatrixFromRows(rows));
    expect(e.code).toBe("limit_exceeded");
    expect(e.message).toContain("100000 origins × 100000 destinations × 1 mode = 10000000000 cells");
  });

  describe("allocate through workerSolver", () => {
    const solver = workerSolver();
    afterAll(() => solver.terminate());

    it("allocate(60 lots × 150 providers, { solver: workerSolver(), signal }) aborted once the worker starts solving rejects 'cancelled', and the same solver then solves the next allocation", async () => {
      const big = generateAllocationInstance({ lots: 60, providers: 150, seed: 5 }).input;
      const ac = new AbortController();
      let started = false;
      const pending = allocate(big, {
        solver,
        relGap: 0,
        timeLimitSec: 60,
        signal: ac.signal,
        onProgress: () => {
          started = true;
          ac.abort();
        },
      });
      await expect(pending).rejects.toMatchObject({ name: "LotwiseError", code: "cancelled" });
      expect(started).toBe(true);
      const small = generateAllocationInstance({ lots: 3, providers: 6, seed: 2 }).input;
      const plan = await allocate(small, { solver });
      expect(plan.status).toBe("optimal");
      expect(plan.unmetHours).toBeCloseTo(0, 6);
    });
  });
});

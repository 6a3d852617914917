import { describe, expect, it } from "vitest";
import { boundaryAdjacency, loadBoundaries, type Boundaries } from "../../src/index.js";
import { pointSegmentMetres } from "../../src/internal/geo.js";
import { mulberry32 } from "../../src/internal/rng.js";
import { readJson } from "../helpers/geodata.js";
import { allLsoas, collection, leicestershire, square } from "./real-data.js";
import { errorOf } from "../helpers/errors.js";


type Seg = [number, number, number, number];

function segments(b: Boundaries, i: number): Seg[] {
  const g = b.features[i]!.geometry;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const out: Seg[] = [];
  for (const poly of polys) for (const ring of poly) for (let k = 0; k + 1 < ring.length; k++) out.push([ring[k]![0]!, ring[k]![1]!, ring[k + 1]![0]!, ring[k + 1]![1]!]);
  return out;
}

const near = (s: Seg, box: number[]) =>
  Math.max(s[0], s[2]) >= box[0]! && Math.min(s[0], s[2]) <= box[2]! && Math.max(s[1], s[3]) >= box[1]! && Math.min(s[1], s[3]) <= box[3]!;

/**
 * Brute force, by a different method than the library's projection overlap: sample 4 points on every
 * segment of A (at 1/8, 3/8, 5/8, 7/8 of its length) and count the segment's length share whose samples
 * lie within 0.5 m of any edge of B (haversine-free local metres via pointSegmentMetres).
 * Returns the shared length (m) and whether any vertex of either lies within 0.5 m of the other's edges.
 */
function bruteForcePair(b: Boundaries, i: number, j: number): { sharedMetres: number; touches: boolean } {
  const bi = b.bboxes[i]!, bj = b.bboxes[j]!;
  const pad = 2e-5; // ≈ 1.4–2 m in degrees
  const box = [Math.max(bi[0], bj[0]) - pad, Math.max(bi[1], bj[1]) - pad, Math.min(bi[2], bj[2]) + pad, Math.min(bi[3], bj[3]) + pad];
  if (box[0]! > box[2]! || box[1]! > box[3]!) return { sharedMetres: 0, touches: false };
  const A = segments(b, i).filter((s) => near(s, box));
  const B = segments(b, j).filter((s) => near(s, box));
  const dist = (x: number, y: number, S: Seg[]) => Math.min(Infinity, ...S.map((s) => pointSegmentMetres(x, y, s[0], s[1], s[2], s[3])));
  let shared = 0;
  for (const s of A) {
    let on = 0;
    for (const f of [0.125, 0.375, 0.625, 0.875]) if (dist(s[0] + f * (s[2] - s[0]), s[1] + f * (s[3] - s[1]), B) <= 0.5) on++;
    shared += segLen(s) * (on / 4);
  }
  const touches = A.some((s) => dist(s[0], s[1], B) <= 0.5) || B.some((s) => dist(s[0], s[1], A) <= 0.5);
  return { sharedMetres: shared, touches };
}

function segLen(s: Seg): number {
  return pointSegmentMetres(s[2], s[3], s[0], s[1], s[0], s[1]);
}

describe("boundaryAdjacency", () => {
  // 2 × 2 grid of 0.01° squares: A B on the bottom row, C D on the top row.
  const grid = loadBoundaries(
    collection([["A", square(0, 52, 0.01)], ["B", square(0.01, 52, 0.01)], ["C", square(0, 52.01, 0.01)], ["D", square(0.01, 52.01, 0.01)]]),
  );

  it("boundaryAdjacency(grid) links edge-sharing squares (rook) and adds corner-touching ones (queen)", () => {
    const rook = boundaryAdjacency(grid);
    expect(rook.rule).toBe("rook");
    expect(rook.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["A-B", "A-C", "B-D", "C-D"]);
    expect(rook.neighbours.get("A")).toEqual(["B", "C"]);
    expect(rook.pairCount).toBe(4);
    // A–B share a meridian edge of 0.01° latitude = 1,111.95 m; A–C a parallel of 0.01° at 52.01° N.
    expect(rook.pairs[0]!.sharedMetres).toBeCloseTo(1111.95, 0);
    expect(rook.pairs[1]!.sharedMetres / (1111.95 * Math.cos((52.01 * Math.PI) / 180))).toBeCloseTo(1, 3);
    const queen = boundaryAdjacency(grid, { rule: "queen" });
    expect(queen.pairCount).toBe(6);
    expect(queen.neighbours.get("A")).toEqual(["B", "C", "D"]);
    expect(queen.pairs.find((p) => p.a === "A" && p.b === "D")!.sharedMetres).toBe(0);
    expect(Array.from(queen.offsets)).toEqual([0, 3, 6, 9, 12]);
    expect(Array.from(queen.indices.subarray(3, 6))).toEqual([0, 2, 3]); // B's neighbours A, C, D
    expect(queen.components).toEqual([["A", "B", "C", "D"]]);
    expect(queen.islands).toEqual([]);
  });

  it("boundaryAdjacency(b) finds a shared edge whose vertices do not coincide (no shared vertex at all)", () => {
    // A's right edge runs 51.995–52.015; B's left edge 52.000–52.010 lies along it with its own vertices.
    const tall = { type: "Polygon", coordinates: [[[0, 51.995], [0.01, 51.995], [0.01, 52.015], [0, 52.015], [0, 51.995]]] };
    const b = loadBoundaries(collection([["A", tall], ["B", square(0.01, 52, 0.01)]]));
    const adj = boundaryAdjacency(b);
    expect(adj.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["A-B"]);
    expect(adj.pairs[0]!.sharedMetres).toBeCloseTo(1111.95, 0);
    expect(bruteForcePair(b, 0, 1).sharedMetres).toBeCloseTo(1111.95, 0);
    // A hash of identical segments or vertices would find nothing: they have none in common.
    const keys = (i: number) => new Set(segments(b, i).flatMap((s) => [`${s[0]},${s[1]}`, `${s.join(",")}`, `${s[2]},${s[3]},${s[0]},${s[1]}`]));
    const ka = keys(0);
    expect([...keys(1)].filter((k) => ka.has(k))).toEqual([]);
  });

  it("boundaryAdjacency(b, { toleranceMetres }) absorbs coordinate noise but not real gaps", () => {
    const noisy = loadBoundaries(collection([["A", square(0, 52, 0.01)], ["B", square(0.0100003, 52.0000002, 0.01)]])); // ≈ 0.02 m off
    expect(boundaryAdjacency(noisy).pairCount).toBe(1);
    expect(boundaryAdjacency(noisy, { toleranceMetres: 0.01 }).pairCount).toBe(0);
    const gap = loadBoundaries(collection([["A", square(0, 52, 0.01)], ["B", square(0.0101, 52, 0.01)], ["C", square(0, 52.01, 0.01)]])); // B is 6.8 m away
    const queen = boundaryAdjacency(gap, { rule: "queen" });
    expect(queen.neighbours.get("B")).toEqual([]);
    expect(queen.islands).toEqual(["B"]);
    expect(queen.components).toEqual([["A", "C"], ["B"]]);
    expect(boundaryAdjacency(gap, { rule: "queen", toleranceMetres: 10 }).neighbours.get("B")).toEqual(["A", "C"]);
  });

  it("boundaryAdjacency(leicestershire) is one component whose rook and queen pairs equal a brute-force sampled shared-boundary test", () => {
    const b = leicestershire();
    const rook = boundaryAdjacency(b, { rule: "rook" });
    const queen = boundaryAdjacency(b, { rule: "queen" });
    expect(rook.components.length).toBe(1);
    expect(rook.islands).toEqual([]);

    const bruteRook: string[] = [];
    const bruteQueen: string[] = [];
    const shared = new Map<string, number>();
    for (let i = 0; i < b.ids.length; i++) {
      for (let j = i + 1; j < b.ids.length; j++) {
        const r = bruteForcePair(b, i, j);
        const key = `${b.ids[i]}-${b.ids[j]}`;
        if (r.sharedMetres > 1) {
          bruteRook.push(key);
          shared.set(key, r.sharedMetres);
        }
        if (r.sharedMetres > 1 || r.touches) bruteQueen.push(key);
      }
    }
    expect(rook.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(bruteRook);
    expect(queen.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(bruteQueen);
    expect(rook.pairCount).toBe(1744);
    expect(queen.pairCount).toBe(1780);
    // Shared lengths agree with the brute-force estimate (which counts whole segments in quarters).
    for (const p of rook.pairs) expect(Math.abs(p.sharedMetres - shared.get(`${p.a}-${p.b}`)!)).toBeLessThan(0.02 * p.sharedMetres + 1);
  });

  it("boundaryAdjacency(leicestershire) on known pairs: neighbours that share an edge, touch at a point, or only have overlapping bboxes", () => {
    const b = leicestershire();
    const rook = boundaryAdjacency(b);
    const queen = boundaryAdjacency(b, { rule: "queen" });
    const idx = (id: string) => b.indexById.get(id)!;
    // Leicester 003A and 003B (E01013600, E01013601) share an edge; E01013607 and E01013778 touch at a point only.
    const ab = bruteForcePair(b, idx("E01013600"), idx("E01013601"));
    expect(ab.sharedMetres).toBeGreaterThan(100);
    expect(rook.neighbours.get("E01013600")).toContain("E01013601");
    expect(rook.pairs.find((p) => p.a === "E01013600" && p.b === "E01013601")!.sharedMetres).toBeCloseTo(ab.sharedMetres, -1);
    const corner = bruteForcePair(b, idx("E01013607"), idx("E01013778"));
    expect(corner.sharedMetres).toBeLessThan(1);
    expect(corner.touches).toBe(true);
    expect(rook.neighbours.get("E01013607")).not.toContain("E01013778");
    expect(queen.neighbours.get("E01013607")).toContain("E01013778");
    // Pairs whose bboxes overlap but whose polygons are apart (brute force): neither rook nor queen.
    const apart: [string, string][] = [];
    for (let i = 0; i < b.ids.length && apart.length < 5; i += 7) {
      for (let j = i + 1; j < b.ids.length; j++) {
        const [x0, y0, x1, y1] = b.bboxes[j]!, [a0, b0, a1, b1] = b.bboxes[i]!;
        if (x0 <= a1 && x1 >= a0 && y0 <= b1 && y1 >= b0 && !bruteForcePair(b, i, j).touches) {
          apart.push([b.ids[i]!, b.ids[j]!]);
          break;
        }
      }
    }
    expect(apart.length).toBe(5);
    for (const [x, y] of apart) expect(queen.neighbours.get(x)).not.toContain(y);
  });

  it("boundaryAdjacency(leicestershire) equals a hash of identical 6-dp segments (rook) / vertices (queen) on this data, which the T-junction case above defeats", () => {
    const b = leicestershire();
    const key = (x: number, y: number) => `${Math.round(x * 1e6)},${Math.round(y * 1e6)}`;
    const segOwners = new Map<string, Set<number>>();
    const vertexOwners = new Map<string, Set<number>>();
    b.ids.forEach((_, i) => {
      for (const s of segments(b, i)) {
        const p = key(s[0], s[1]), q = key(s[2], s[3]);
        const k = p < q ? `${p}|${q}` : `${q}|${p}`;
        if (!segOwners.has(k)) segOwners.set(k, new Set());
        segOwners.get(k)!.add(i);
        if (!vertexOwners.has(p)) vertexOwners.set(p, new Set());
        vertexOwners.get(p)!.add(i);
      }
    });
    const pairsOf = (m: Map<string, Set<number>>) => {
      const out = new Set<string>();
      for (const owners of m.values()) {
        const o = [...owners].sort((x, y) => x - y);
        for (let x = 0; x < o.length; x++) for (let y = x + 1; y < o.length; y++) out.add(`${b.ids[o[x]!]}-${b.ids[o[y]!]}`);
      }
      return [...out].sort();
    };
    expect(boundaryAdjacency(b).pairs.map((p) => `${p.a}-${p.b}`)).toEqual(pairsOf(segOwners));
    expect(boundaryAdjacency(b, { rule: "queen" }).pairs.map((p) => `${p.a}-${p.b}`)).toEqual(pairsOf(vertexOwners));
  });

  it("boundaryAdjacency(leicestershire with every vertex jittered by up to ±1e-6°) keeps the clean rook and queen pairs, which a vertex hash loses", () => {
    const clean = leicestershire();
    const fc = readJson("lsoa11_leicestershire.geojson") as { features: { geometry: { type: string; coordinates: unknown } }[] };
    const rand = mulberry32(1);
    for (const f of fc.features) {
      const polys = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
      for (const poly of polys) {
        for (const ring of poly) {
          // Each polygon's copy of a shared vertex moves independently: up to 0.22 m apart afterwards.
          for (let k = 0; k < ring.length - 1; k++) ring[k] = [ring[k]![0]! + (rand() - 0.5) * 2e-6, ring[k]![1]! + (rand() - 0.5) * 2e-6];
          ring[ring.length - 1] = ring[0]!;
        }
      }
    }
    const noisy = loadBoundaries(fc, { idProperty: "lsoa11cd" });
    const names = (b: Boundaries, rule: "rook" | "queen") => boundaryAdjacency(b, { rule }).pairs.map((p) => `${p.a}-${p.b}`);
    expect(names(noisy, "rook")).toEqual(names(clean, "rook"));
    expect(names(noisy, "queen")).toEqual(names(clean, "queen"));
    // A hash of segments snapped to the 6-dp grid finds only a fraction of the rook pairs (249 of 1,744
    // with this seed): the two copies of a shared vertex snap to different grid points.
    const owners = new Map<string, Set<number>>();
    noisy.ids.forEach((_, i) => {
      for (const sg of segments(noisy, i)) {
        const p = `${Math.round(sg[0] * 1e6)},${Math.round(sg[1] * 1e6)}`, q = `${Math.round(sg[2] * 1e6)},${Math.round(sg[3] * 1e6)}`;
        const k = p < q ? `${p}|${q}` : `${q}|${p}`;
        if (!owners.has(k)) owners.set(k, new Set());
        owners.get(k)!.add(i);
      }
    });
    const hashPairs = new Set<string>();
    for (const o of owners.values()) {
      const l = [...o].sort((x, y) => x - y);
      for (let x = 0; x < l.length; x++) for (let y = x + 1; y < l.length; y++) hashPairs.add(`${l[x]}-${l[y]}`);
    }
    expect(hashPairs.size).toBeLessThan(0.5 * names(clean, "rook").length);
  });

  it("boundaryAdjacency(921 LSOAs) gives two components, Leicestershire (611) and Bradford (310), with symmetric sorted lists", () => {
    const b = allLsoas();
    const adj = boundaryAdjacency(b);
    expect(adj.components.map((c) => c.length)).toEqual([310, 611]); // Bradford codes E010105… sort first
    expect(adj.islands).toEqual([]);
    for (const [id, ns] of adj.neighbours) {
      expect([...ns].sort()).toEqual(ns);
      for (const n of ns) expect(adj.neighbours.get(n)).toContain(id);
    }
    expect(adj.indices.length).toBe(2 * adj.pairCount);
  });

  it("rejects an unknown rule, a negative tolerance and non-boundaries with LotwiseError naming field and value", () => {
    let e = errorOf(() => boundaryAdjacency(grid, { rule: "bishop" as never }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain('options.rule: "bishop"');
    e = errorOf(() => boundaryAdjacency(grid, { toleranceMetres: -1 }));
    expect(e.message).toContain("options.toleranceMetres: -1");
    e = errorOf(() => boundaryAdjacency(grid, { toleranceMetres: Number.NaN }));
    expect(e.message).toContain("options.toleranceMetres: NaN");
    e = errorOf(() => boundaryAdjacency({ ids: [] } as never));
    expect(e.message).toContain("boundaries");
  });
});

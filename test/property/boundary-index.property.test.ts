import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundaryAdjacency, indexBoundaries, isLotwiseError, loadBoundaries } from "../../src/index.js";

// Property tests for the spatial index and adjacency on random grids of square cells (some removed): locate
// finds the cell a point lies in (or null), checked by arithmetic; rook adjacency is exactly the cells sharing
// an edge, queen adds the corner-touching ones; both are symmetric. Junk options give LotwiseError only.
export const NUM_RUNS = 100;

const D = 0.01; // cell size, degrees
const gridArb = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }), drop: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), x0: fc.double({ min: -3, max: 1, noNaN: true }), y0: fc.double({ min: 50, max: 55, noNaN: true }) })
  .map(({ rows, cols, drop, x0, y0 }) => {
    const x = Math.round(x0 * 1e4) / 1e4;
    const y = Math.round(y0 * 1e4) / 1e4;
    const cells: { id: string; r: number; c: number }[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (r * cols + c === 0 || !drop[r * 5 + c]) cells.push({ id: `r${r}c${c}`, r, c });
    const sq = (r: number, c: number) => {
      const a = +(x + c * D).toFixed(6), b = +(y + r * D).toFixed(6), a2 = +(x + (c + 1) * D).toFixed(6), b2 = +(y + (r + 1) * D).toFixed(6);
      return { type: "Polygon", coordinates: [[[a, b], [a2, b], [a2, b2], [a, b2], [a, b]]] };
    };
    const fcol = { type: "FeatureCollection", features: cells.map((k) => ({ type: "Feature", id: k.id, properties: {}, geometry: sq(k.r, k.c) })) };
    return { x, y, rows, cols, cells, boundaries: loadBoundaries(fcol) };
  });

describe("indexBoundaries / boundaryAdjacency properties", () => {
  it("indexBoundaries(grid).locate(point strictly inside a cell) gives that cell, or null where the cell was removed or outside", () => {
    fc.assert(
      fc.property(gridArb, fc.array(fc.tuple(fc.double({ min: -0.5, max: 5.5, noNaN: true }), fc.double({ min: -0.5, max: 5.5, noNaN: true })), { minLength: 1, maxLength: 30 }), (g, pts) => {
        const index = indexBoundaries(g.boundaries);
        const ids = new Set(g.cells.map((k) => k.id));
        // Keep points well away from cell edges (a point on an edge may belong to either cell).
        const inner = pts.filter(([u, v]) => Math.abs(u - Math.round(u)) > 0.01 && Math.abs(v - Math.round(v)) > 0.01);
        const lonLats = inner.map(([u, v]) => [g.x + u * D, g.y + v * D] as [number, number]);
        const many = index.locateMany(lonLats);
        expect(many.length).toBe(lonLats.length);
        inner.forEach(([u, v], k) => {
          const r = Math.floor(v), c = Math.floor(u);
          const id = `r${r}c${c}`;
          const want = r >= 0 && c >= 0 && r < g.rows && c < g.cols && ids.has(id) ? id : null;
          expect(many[k]).toBe(want);
          expect(index.locate(lonLats[k]!)).toBe(want);
        });
      }),
      { numRuns: NUM_RUNS, seed: 91 },
    );
  });

  it("boundaryAdjacency(grid) is the edge-sharing cells (rook) or also corner-touching cells (queen), symmetric, islands listed", () => {
    fc.assert(
      fc.property(gridArb, fc.constantFrom<"rook" | "queen">("rook", "queen"), (g, rule) => {
        const adj = boundaryAdjacency(g.boundaries, { rule });
        const at = new Map(g.cells.map((k) => [k.id, k]));
        for (const a of g.cells) {
          const want = g.cells
            .filter((b) => b !== a && Math.abs(a.r - b.r) <= 1 && Math.abs(a.c - b.c) <= 1 && (rule === "queen" || a.r === b.r || a.c === b.c))
            .map((b) => b.id)
            .sort();
          expect([...adj.neighbours.get(a.id)!]).toEqual(want);
          for (const b of want) expect(adj.neighbours.get(b)).toContain(a.id);
          expect(adj.islands.includes(a.id)).toBe(want.length === 0);
        }
        expect(adj.neighbours.size).toBe(at.size);
        expect(adj.components.flat().sort()).toEqual([...at.keys()].sort());
      }),
      { numRuns: NUM_RUNS, seed: 92 },
    );
  });

  it("locate / locateMany / boundaryAdjacency (junk) throw LotwiseError and nothing else", () => {
    fc.assert(
      fc.property(gridArb, fc.anything(), fc.anything(), (g, point, options) => {
        const index = indexBoundaries(g.boundaries);
        for (const fn of [() => index.locate(point as never, options as never), () => index.locateMany(point as never, options as never), () => boundaryAdjacency(g.boundaries, options as never)]) {
          try {
            fn();
          } catch (e) {
            if (!isLotwiseError(e)) throw e;
          }
        }
      }),
      { numRuns: NUM_RUNS, seed: 93 },
    );
  });
});

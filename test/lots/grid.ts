// Synthetic square grids for lot-design tests and benches: rook adjacency built by hand, seeded hours.
import { mulberry32 } from "../../src/internal/rng.js";
import type { Area } from "../../src/domain/index.js";

export interface Grid {
  areas: Area[];
  adjacency: Record<string, string[]>;
  hours: Record<string, number>;
}

/** Cell id "r{row}c{col}" zero-padded so id order is row-major. Cells are 0.01° apart near 52.6°N. */
export function cellId(r: number, c: number): string {
  return `r${String(r).padStart(3, "0")}c${String(c).padStart(3, "0")}`;
}

export function grid(rows: number, cols: number, opts: { seed?: number; hours?: (r: number, c: number, rand: () => number) => number; parent?: (r: number, c: number) => string } = {}): Grid {
  const rand = mulberry32(opts.seed ?? 1);
  const areas: Area[] = [];
  const adjacency: Record<string, string[]> = {};
  const hours: Record<string, number> = {};
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const id = cellId(r, c);
      const p = opts.parent?.(r, c);
      areas.push(p === undefined ? { id, lonLat: [-1 + c * 0.01, 52.6 + r * 0.01] } : { id, lonLat: [-1 + c * 0.01, 52.6 + r * 0.01], parent: p });
      const nb: string[] = [];
      if (r > 0) nb.push(cellId(r - 1, c));
      if (r < rows - 1) nb.push(cellId(r + 1, c));
      if (c > 0) nb.push(cellId(r, c - 1));
      if (c < cols - 1) nb.push(cellId(r, c + 1));
      adjacency[id] = nb;
      hours[id] = opts.hours ? opts.hours(r, c, rand) : 10 + Math.floor(rand() * 90);
    }
  }
  return { areas, adjacency, hours };
}

// OR-Library p-median instances pmed1–10 (/work/shared/benchmarks/orlib-pmed/SOURCES.md): line 1 `n m p`, then m
// undirected edges `i j cost` (1-based). Costs: c(i,i) = 0, c(i,j) = ∞, each edge sets c(i,j) = c(j,i) (the last
// repeat wins), then Floyd–Warshall. Every vertex is a client (weight 1) and a candidate site.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED_BENCHMARKS } from "./geodata.js";

export const PMED_DIR = join(SHARED_BENCHMARKS, "orlib-pmed");

/**
 * Optimal objective values published by OR-Library (pmedinfo: Beasley 1985). SOURCES.md says they are
 * published by OR-Library but does not list them; these are the values from OR-Library's pmedinfo table.
 */
export const PMED_OPTIMA: Readonly<Record<string, number>> = {
  pmed1: 5819, pmed2: 4093, pmed3: 4250, pmed4: 3034, pmed5: 1355,
  pmed6: 7824, pmed7: 5631, pmed8: 4445, pmed9: 2734, pmed10: 1255,
};

export interface PmedInstance {
  name: string;
  n: number;
  p: number;
  /** n × n shortest-path costs, row-major. */
  dist: Float64Array;
}

export function readPmed(name: string): PmedInstance {
  const nums = readFileSync(`${PMED_DIR}/${name}.txt`, "utf8").trim().split(/\s+/).map(Number);
  const [n, m, p] = [nums[0]!, nums[1]!, nums[2]!];
  const d = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (let e = 0; e < m; e++) {
    const a = nums[3 + 3 * e]! - 1;
    const b = nums[4 + 3 * e]! - 1;
    const c = nums[5 + 3 * e]!;
    if (a === b) continue;
    d[a * n + b] = c;
    d[b * n + a] = c;
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k]!;
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++) {
        const v = dik + d[k * n + j]!;
        if (v < d[i * n + j]!) d[i * n + j] = v;
      }
    }
  return { name, n, p, dist: d };
}

/** Vertex ids padded so id order = vertex order: "v001".."v200". */
export function pmedIds(n: number): string[] {
  return Array.from({ length: n }, (_, k) => `v${String(k + 1).padStart(3, "0")}`);
}

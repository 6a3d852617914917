// OR-Library generalized assignment problem (GAP) files (/work/shared/benchmarks/orlib-gap/SOURCES.md):
// `m n`, then m rows of n costs c[i][j], m rows of n resource uses a[i][j], then m capacities b[i].
// MILP: x[i][j] ∈ {0,1}; Σ_i x[i][j] = 1 for every job j; Σ_j a[i][j] x[i][j] ≤ b[i]; optimise Σ c x.
// gap1–gap12 (c0515_* … c1060_*) are maximisation; gapa–gapd (a05100 … d20200) are minimisation.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SparseModel } from "../../src/solvers/types.js";
import { SHARED_BENCHMARKS } from "./geodata.js";

export const ORLIB_GAP_DIR = process.env.ORLIB_GAP_DIR ?? join(SHARED_BENCHMARKS, "orlib-gap");

export interface GapInstance {
  name: string;
  agents: number;
  jobs: number;
  /** cost[i][j] */
  cost: number[][];
  /** use[i][j] */
  use: number[][];
  capacity: number[];
}

export interface GapKnownValue {
  instance: string;
  file: string;
  sense: "min" | "max";
  /** Proven optimum, or the upper end of a [lb, ub] bracket for the unresolved d-type files. */
  knownValue: number;
  /** Lower end of the bracket when the source only gives one (min instances). */
  knownLower: number;
  proven: boolean;
}

export function gapDataAvailable(): boolean {
  return existsSync(join(ORLIB_GAP_DIR, "known_values.tsv"));
}

/** Parses one OR-Library GAP file (whitespace-separated integers). */
export function parseGap(text: string, name = "gap"): GapInstance {
  const nums = text.trim().split(/\s+/).map(Number);
  let k = 0;
  const next = (): number => {
    const v = nums[k++];
    if (v === undefined || !Number.isFinite(v)) throw new Error(`${name}: ran out of numbers or found a non-number at token ${k}`);
    return v;
  };
  const agents = next();
  const jobs = next();
  const matrix = (): number[][] => Array.from({ length: agents }, () => Array.from({ length: jobs }, next));
  const cost = matrix();
  const use = matrix();
  const capacity = Array.from({ length: agents }, next);
  if (k !== nums.length) throw new Error(`${name}: ${nums.length - k} numbers left over after the capacities`);
  return { name, agents, jobs, cost, use, capacity };
}

export function readGap(file: string): GapInstance {
  return parseGap(readFileSync(join(ORLIB_GAP_DIR, file), "utf8"), file.replace(/\.txt$/, ""));
}

/** Column x[i][j] has index i·jobs + j. Rows: jobs assignment equalities, then agents capacity rows. */
export function gapToSparseModel(g: GapInstance, sense: "min" | "max"): SparseModel {
  const n = g.agents * g.jobs;
  const numRows = g.jobs + g.agents;
  const cost = new Float64Array(n);
  for (let i = 0; i < g.agents; i++) for (let j = 0; j < g.jobs; j++) cost[i * g.jobs + j] = g.cost[i]![j]!;
  const rowStart = new Int32Array(numRows + 1);
  const colIndex = new Int32Array(2 * n);
  const value = new Float64Array(2 * n);
  let k = 0;
  for (let j = 0; j < g.jobs; j++) {
    for (let i = 0; i < g.agents; i++) {
      colIndex[k] = i * g.jobs + j;
      value[k++] = 1;
    }
    rowStart[j + 1] = k;
  }
  for (let i = 0; i < g.agents; i++) {
    for (let j = 0; j < g.jobs; j++) {
      colIndex[k] = i * g.jobs + j;
      value[k++] = g.use[i]![j]!;
    }
    rowStart[g.jobs + i + 1] = k;
  }
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let j = 0; j < g.jobs; j++) {
    rowLower[j] = 1;
    rowUpper[j] = 1;
  }
  for (let i = 0; i < g.agents; i++) {
    rowLower[g.jobs + i] = -Infinity;
    rowUpper[g.jobs + i] = g.capacity[i]!;
  }
  return {
    sense,
    numCols: n,
    numRows,
    cost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    integrality: new Uint8Array(n).fill(1),
    rowLower,
    rowUpper,
    rowStart,
    colIndex,
    value,
  };
}

/** Objective of an assignment given as agent per job, computed straight from the data. */
export function gapObjective(g: GapInstance, agentOfJob: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < g.jobs; j++) s += g.cost[agentOfJob[j]!]![j]!;
  return s;
}

/** Rows of known_values.tsv. */
export function readKnownValues(): GapKnownValue[] {
  const lines = readFileSync(join(ORLIB_GAP_DIR, "known_values.tsv"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]!.split("\t");
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`known_values.tsv has no column ${name}`);
    return i;
  };
  const [iInst, iFile, iSense, iKnown, iStatus, iLb, iUb] = ["instance", "file", "sense", "known_value", "known_status", "min_lb", "min_ub"].map(col) as [number, number, number, number, number, number, number];
  return lines.slice(1).map((l) => {
    const c = l.split("\t");
    const sense = c[iSense] === "max" ? "max" : "min";
    const known = c[iKnown] ?? "";
    const bracket = /^\[?\s*([\d.]+)\s*,\s*([\d.]+)\s*\]?$/.exec(known);
    const lb = Number(c[iLb]);
    const ub = Number(c[iUb]);
    const knownValue = bracket ? Number(bracket[2]) : Number(known) || ub;
    const knownLower = bracket ? Number(bracket[1]) : Number.isFinite(lb) && sense === "min" ? lb : knownValue;
    return {
      instance: c[iInst]!,
      file: c[iFile]!,
      sense,
      knownValue,
      knownLower,
      proven: /proven/i.test(c[iStatus] ?? "") || (sense === "min" && lb === ub),
    };
  });
}

/**
 * Checks and helpers shared by the location models: required sites, capacities and the capacity pre-check,
 * coverage sets, and the p bound. @internal
 */
import { LotwiseError, invalid } from "../errors.js";
import { formatForMessage } from "../internal/format.js";
import type { Id } from "../domain/index.js";
import type { LocationSolveSettings } from "./solve-location.js";
import type { LocationProblem } from "./types.js";

/** Formats a number for messages (two decimals at most). @internal */
export const fmt = formatForMessage;

/** Indices of the required site ids. @internal */
export function requiredIndices(problem: LocationProblem, required: readonly Id[]): number[] {
  const index = new Map(problem.siteIds.map((id, j) => [id, j] as const));
  const out = new Set<number>();
  required.forEach((id, k) => {
    const j = index.get(id);
    if (j === undefined) invalid(["options", "required", k], id, "not one of the problem's candidate sites", "unknown_id");
    out.add(j);
  });
  return [...out].sort((a, b) => a - b);
}

/** Checks 1 ≤ p ≤ sites and p ≥ required. @internal */
export function checkP(problem: LocationProblem, p: number, required: readonly number[]): void {
  if (p > problem.siteIds.length) invalid(["options", "p"], p, `cannot choose more sites than the ${problem.siteIds.length} candidates`);
  if (p < required.length) invalid(["options", "p"], p, `is below the ${required.length} required sites`);
}

/** Capacity per site from a number or a record keyed by site id (every site needs an entry). @internal */
export function capacityVector(problem: LocationProblem, capacities: number | Readonly<Record<Id, number>>): Float64Array {
  const m = problem.siteIds.length;
  if (typeof capacities === "number") return new Float64Array(m).fill(capacities);
  const known = new Set(problem.siteIds);
  for (const id of Object.keys(capacities)) if (!known.has(id)) invalid(["options", "capacities", id], capacities[id], "not one of the problem's candidate sites", "unknown_id");
  const out = new Float64Array(m);
  problem.siteIds.forEach((id, j) => {
    const c = capacities[id];
    if (c === undefined) invalid(["options", "capacities", id], c, "every candidate site needs a capacity", "unknown_id");
    out[j] = c;
  });
  return out;
}

/**
 * Throws `infeasible_input` when demand exceeds the capacity available, quoting both numbers:
 * `Demand greater than capacity (1240 > 1100).` @internal
 */
export function checkCapacity(demand: number, capacity: number, what = "capacity"): void {
  if (demand > capacity + 1e-9 * Math.max(1, capacity))
    throw new LotwiseError("infeasible_input", `Demand greater than ${what} (${fmt(demand)} > ${fmt(capacity)}).`, {
      issues: [{ path: ["options", "capacities"], message: `total demand ${fmt(demand)} exceeds ${what} ${fmt(capacity)}` }],
    });
}

/** Sum of the k largest values. @internal */
export function sumLargest(values: Float64Array, k: number): number {
  return [...values].sort((a, b) => b - a).slice(0, k).reduce((s, v) => s + v, 0);
}

/** For each demand point, the sites with cost ≤ limit (or finite cost when limit is undefined). @internal */
export function coverSets(problem: LocationProblem, limit: number | undefined): number[][] {
  const m = problem.siteIds.length;
  return problem.demandIds.map((_, i) => {
    const out: number[] = [];
    for (let j = 0; j < m; j++) {
      const c = problem.cost[i * m + j]!;
      if (limit === undefined ? Number.isFinite(c) : c <= limit) out.push(j);
    }
    return out;
  });
}

/** Solve settings from parsed options. @internal */
export function settings(o: { solver?: LocationSolveSettings["solver"]; timeLimitSec: number; relGap: number; tieBreak: boolean }): LocationSolveSettings {
  return { solver: o.solver, timeLimitSec: o.timeLimitSec, relGap: o.relGap, tieBreak: o.tieBreak };
}

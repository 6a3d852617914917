/**
 * Turns chosen sites (and, for capacitated models, assignment shares) into a {@link LocationResult}: per-demand
 * assignment, covered share, mean and max travel. Everything here is recomputed from the sites and the cost
 * matrix, not read from the solver. @internal
 */
import type { LocationAssignment, LocationModelName, LocationProblem, LocationResult } from "./types.js";
import type { LocationSolveOutcome } from "./solve-location.js";

/** Share of demand point i served by site j, from a capacitated model. @internal */
export interface ShareEntry {
  readonly i: number;
  readonly j: number;
  readonly share: number;
}

/** Inputs of {@link assembleResult}. @internal */
export interface AssembleInput {
  readonly model: LocationModelName;
  readonly problem: LocationProblem;
  readonly outcome: LocationSolveOutcome;
  /** Open site indices (sorted ascending = id order). */
  readonly open: readonly number[];
  /** Coverage limit, for coverage models. */
  readonly limit?: number;
  /** Shares from a capacitated model. */
  readonly shares?: readonly ShareEntry[];
  /** Indices of uncoverable demand points. */
  readonly uncoverable: readonly number[];
  /** Primary objective from the assignments. */
  readonly objective: (a: readonly LocationAssignment[]) => number;
}

/** Nearest open site to demand point i (ties: lowest index = first by id), or -1 when none is reachable. @internal */
export function nearestOpen(problem: LocationProblem, i: number, open: readonly number[]): number {
  const m = problem.siteIds.length;
  let best = -1;
  let bestCost = Infinity;
  for (const j of open) {
    const c = problem.cost[i * m + j]!;
    if (c < bestCost) {
      bestCost = c;
      best = j;
    }
  }
  return best;
}

/** Builds the per-demand assignments. @internal */
export function buildAssignments(problem: LocationProblem, open: readonly number[], limit: number | undefined, shares?: readonly ShareEntry[]): LocationAssignment[] {
  const m = problem.siteIds.length;
  const byDemand = new Map<number, ShareEntry[]>();
  for (const e of shares ?? []) {
    if (e.share <= 1e-9) continue;
    const list = byDemand.get(e.i) ?? [];
    list.push(e);
    byDemand.set(e.i, list);
  }
  return problem.demandIds.map((demandId, i) => {
    const weight = problem.weights[i]!;
    let coveredBy = 0;
    for (const j of open) {
      const c = problem.cost[i * m + j]!;
      if (limit === undefined ? Number.isFinite(c) : c <= limit) coveredBy++;
    }
    const split = byDemand.get(i);
    if (split !== undefined && split.length > 0) {
      split.sort((a, b) => a.j - b.j);
      const total = split.reduce((s, e) => s + e.share, 0);
      let main = split[0]!;
      let travel = 0;
      for (const e of split) {
        if (e.share > main.share + 1e-9) main = e;
        travel += (e.share / total) * problem.cost[i * m + e.j]!;
      }
      return {
        demandId,
        siteId: problem.siteIds[main.j]!,
        travel,
        weight,
        coveredBy,
        shares: split.map((e) => ({ siteId: problem.siteIds[e.j]!, share: e.share / total })),
      };
    }
    const j = nearestOpen(problem, i, open);
    if (j < 0) return { demandId, siteId: null, travel: Infinity, weight, coveredBy };
    return { demandId, siteId: problem.siteIds[j]!, travel: problem.cost[i * m + j]!, weight, coveredBy };
  });
}

/** Assembles the public result. @internal */
export function assembleResult(a: AssembleInput): LocationResult {
  const { problem, outcome } = a;
  const stats = {
    solver: outcome.solverId,
    timeSec: outcome.timeSec,
    tieBreak: outcome.tieBreak,
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
  };
  const uncoverable = a.uncoverable.map((i) => problem.demandIds[i]!);
  if (outcome.x === null) {
    return {
      model: a.model,
      status: outcome.status,
      objective: Number.NaN,
      gap: Number.NaN,
      sites: [],
      assignments: [],
      coveredShare: Number.NaN,
      backedUpShare: Number.NaN,
      meanTravel: Number.NaN,
      maxTravel: Number.NaN,
      uncoverable,
      stats,
    };
  }
  const assignments = buildAssignments(problem, a.open, a.limit, a.shares);
  let total = 0;
  let covered = 0;
  let backed = 0;
  let servedWeight = 0;
  let travelSum = 0;
  let maxTravel = 0;
  for (const r of assignments) {
    total += r.weight;
    const isCovered = a.limit === undefined ? r.siteId !== null : r.coveredBy >= 1;
    if (isCovered) covered += r.weight;
    if (r.coveredBy >= 2) backed += r.weight;
    if (r.siteId !== null) {
      servedWeight += r.weight;
      travelSum += r.weight * r.travel;
      if (r.weight > 0 && r.travel > maxTravel) maxTravel = r.travel;
    }
  }
  return {
    model: a.model,
    status: outcome.status,
    objective: a.objective(assignments),
    gap: outcome.gap,
    sites: a.open.map((j) => problem.siteIds[j]!),
    assignments,
    coveredShare: total > 0 ? covered / total : 1,
    backedUpShare: a.model === "backupCoverage" ? (total > 0 ? backed / total : 1) : Number.NaN,
    meanTravel: servedWeight > 0 ? travelSum / servedWeight : Number.NaN,
    maxTravel,
    uncoverable,
    stats,
  };
}

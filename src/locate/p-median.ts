/**
 * p-median (Hakimi 1964; ReVelle & Swain 1970), with a capacitated variant and required sites.
 *
 * Demand points i with weight w_i, candidate sites j, travel d_ij (∞ = cannot serve). y_j ∈ {0,1} opens site j;
 * x_ij ∈ [0,1] is the share of i served by j, created only where d_ij is finite.
 *
 *   min Σ_i Σ_j w_i d_ij x_ij
 *   s.t. Σ_j x_ij = 1            ∀ i          (every demand point is served)
 *        x_ij ≤ y_j              ∀ i, j       (only from open sites; the "strong" linking rows)
 *        Σ_j y_j = p
 *        y_j = 1                 ∀ j ∈ R      (required sites, e.g. existing providers kept)
 * Capacitated (capacities C_j):  Σ_i w_i x_ij ≤ C_j y_j  ∀ j.  Demand may be split between sites unless
 * `singleSource` makes x_ij binary. Pre-checks, both quoting the numbers: Σ w_i > Σ_j C_j, and Σ w_i > the sum
 * of the p largest capacities, throw `Demand greater than capacity (D > C).`
 * Uncapacitated, x may stay continuous: for integral y each point goes to its nearest open site.
 * Demand points with no finite cost to any site are left out and listed in `result.uncoverable`.
 * Ties are broken by a second, lexicographic solve (see solve-location.ts).
 *
 * Solving the uncapacitated model exactly but small (candidate reduction, in the spirit of Elloumi 2010):
 * each point i keeps x_ij only for its K_i nearest sites plus one "farther" column f_i priced at its
 * (K_i + 1)-th nearest cost, a lower bound on any farther site: Σ_{j∈near(i)} x_ij + f_i = 1. For every y
 * this restricted model costs no more than the full one, so its optimum is a lower bound; when the answer
 * uses no f_i it costs the same in both models and is optimal for the full one. K_i starts at 2r_i + 4, where
 * r_i is the rank of i's nearest site in a greedy + interchange plan, is capped at m − p + 1 (with p sites
 * open, a point's nearest open site is among its m − p + 1 nearest, so no f_i is needed there), and doubles
 * for every point whose f_i is used: first until the LP relaxation uses none (its bound then equals the full
 * LP bound), then, after the MIP, until the integer answer uses none. The LP relaxation is tried first and
 * accepted when integral (a proven optimum), which it usually is for this strong formulation.
 */
import { parseInput } from "../errors.js";
import { nowMs } from "../internal/clock.js";
import { medianHeuristic } from "./median-heuristic.js";
import { PMedianOptionsSchema } from "../schema/locate.js";
import type { PMedianOptions } from "../schema/locate.js";
import { capacityVector, checkCapacity, checkP, requiredIndices, settings, sumLargest } from "./common.js";
import { SparseModelBuilder } from "../solvers/model-builder.js";
import { checkProblem } from "./problem.js";
import { assembleResult, nearestOpen } from "./result.js";
import type { ShareEntry } from "./result.js";
import { openSites, resolveSolver, solveLocation } from "./solve-location.js";
import type { BuiltLocationModel, LocationSolveOutcome } from "./solve-location.js";
import type { LocationProblem, LocationResult } from "./types.js";

/**
 * p-median: choose `p` sites to minimise the demand-weighted total travel, each demand point served by its
 * nearest chosen site (or, with `capacities`, within the sites' capacities).
 *
 * @param problem From `locationProblem` or `locationProblemFromTravel`.
 * @param options `p`; optional `capacities` (one number or per site id), `singleSource` (false), `required`
 *   sites that must be kept, `solver` (default `highsSolver()`), `timeLimitSec` (30), `relGap` (0), `tieBreak` (true).
 * @returns Chosen sites, assignments, `objective` = Σ weight × travel, mean/max travel, status and gap.
 * @throws LotwiseError `invalid_input` / `unknown_id` for bad options; `infeasible_input` when demand exceeds
 *   capacity: `Demand greater than capacity (1240 > 1100).`
 * @example
 * ```ts
 * import { locationProblem, pMedian } from "lotwise";
 * const problem = locationProblem({ demandIds: ["a", "b", "c"], siteIds: ["s1", "s2", "s3"],
 *   cost: [[0, 4, 9], [4, 0, 5], [9, 5, 0]], weights: [1, 1, 3] });
 * const r = await pMedian(problem, { p: 1 });
 * r.sites; // ["s3"]  (1·9 + 1·5 + 3·0 = 14, against 4 + 0 + 15 = 19 for s2)
 * r.objective; // 14
 * ```
 */
export async function pMedian(problem: LocationProblem, options: PMedianOptions): Promise<LocationResult> {
  checkProblem(problem);
  const o = parseInput(PMedianOptionsSchema, options, "options");
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const required = requiredIndices(problem, o.required);
  checkP(problem, o.p, required);
  const active: number[] = [];
  const uncoverable: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < m && !any; j++) any = Number.isFinite(problem.cost[i * m + j]!);
    if (any) active.push(i);
    else if (problem.weights[i]! > 0) uncoverable.push(i);
  }
  const caps = o.capacities === undefined ? undefined : capacityVector(problem, o.capacities);
  if (caps !== undefined) {
    const demand = active.reduce((s, i) => s + problem.weights[i]!, 0);
    checkCapacity(demand, caps.reduce((s, c) => s + c, 0));
    checkCapacity(demand, sumLargest(caps, o.p), `the capacity of the ${o.p} largest sites`);
  }
  const req = new Set(required);
  const build = (
    near: Int32Array | undefined,
  ): { built: BuiltLocationModel; assign: { i: number; j: number; col: number }[]; farther: Int32Array; start: (open: ReadonlySet<number>) => Float64Array } => {
    const farther = new Int32Array(active.length).fill(-1);
    const b = new SparseModelBuilder();
    const siteCols = b.addColumns(m, (j) => ({ lower: req.has(j) ? 1 : 0, upper: 1, integer: true }));
    const assign: { i: number; j: number; col: number }[] = [];
    const perSite: { col: number; w: number }[][] = Array.from({ length: m }, () => []);
    const integerX = caps !== undefined && o.singleSource;
    active.forEach((i, a) => {
      const w = problem.weights[i]!;
      const order = sorted[a]!;
      const k = near === undefined ? order.length : near[a]!;
      const cols: number[] = [];
      for (let r = 0; r < k; r++) {
        const j = order[r]!;
        const col = b.addColumn(w * problem.cost[i * m + j]!, 0, 1, integerX);
        cols.push(col);
        assign.push({ i, j, col });
        perSite[j]!.push({ col, w });
        b.addLinkRow(col, siteCols[j]!, 1);
      }
      // Beyond the k nearest sites: one "farther" column priced at the (k+1)-th nearest cost, a lower bound.
      // No farther column once k reaches m − p + 1: some site among a point's m − p + 1 nearest is always open.
      if (k < order.length && k < m - o.p + 1) {
        farther[a] = b.addColumn(w * problem.cost[i * m + order[k]!]!, 0, 1);
        cols.push(farther[a]!);
      }
      b.addAssignmentRow(cols);
    });
    b.addCountRow(siteCols, o.p);
    if (caps !== undefined) perSite.forEach((list, j) => b.addCapacityRow(list.map((e) => e.col), list.map((e) => e.w), caps[j]!, siteCols[j]!));
    const model = b.build("min");
    const evaluate =
      caps === undefined
        ? (x: Float64Array): number => {
            const open: number[] = [];
            siteCols.forEach((c, j) => x[c]! > 0.5 && open.push(j));
            let sum = 0;
            for (const i of active) {
              const j = nearestOpen(problem, i, open);
              sum += j < 0 ? Infinity : problem.weights[i]! * problem.cost[i * m + j]!;
            }
            return sum;
          }
        : (x: Float64Array): number => assign.reduce((sum, e) => sum + model.cost[e.col]! * x[e.col]!, 0);
    /** A feasible x for open sites `open` (each point on its nearest open site, or its farther column). */
    const start = (open: ReadonlySet<number>): Float64Array => {
      const x = new Float64Array(model.numCols);
      for (const j of open) x[siteCols[j]!] = 1;
      const first = new Map<number, number>();
      for (const e of assign) if (open.has(e.j) && !first.has(e.i)) first.set(e.i, e.col);
      active.forEach((i, a) => {
        const col = first.get(i) ?? farther[a]!;
        if (col >= 0) x[col] = 1;
      });
      return x;
    };
    return { built: { model, siteCols, evaluate }, assign, farther, start };
  };

  // Finite-cost sites of each active point, nearest first (ties by id).
  const sorted = active.map((i) => {
    const js: number[] = [];
    for (let j = 0; j < m; j++) if (Number.isFinite(problem.cost[i * m + j]!)) js.push(j);
    return js.sort((a, c) => problem.cost[i * m + a]! - problem.cost[i * m + c]! || a - c);
  });
  const base = settings(o);
  let outcome: LocationSolveOutcome;
  let built: BuiltLocationModel;
  let assign: { i: number; j: number; col: number }[];
  if (caps !== undefined) {
    ({ built, assign } = build(undefined));
    outcome = await solveLocation(built, base);
  } else {
    // Exact candidate reduction: with p sites open and at most m − p closed, a point's nearest open site is among
    // its m − p + 1 nearest. Each point starts with the sites up to twice the rank (plus 4) of its nearest site in
    // a heuristic plan, and the set doubles wherever an answer used the "farther" column.
    const cap = sorted.map((order) => Math.min(order.length, m - o.p + 1));
    const work = o.p * o.p * m * active.length;
    const guess = new Set(medianHeuristic(problem, active, o.p, required, Math.max(0, Math.min(3, Math.floor(3e7 / Math.max(1, work))))));
    const near = Int32Array.from(cap, (c, a) => {
      const r = sorted[a]!.findIndex((j) => guess.has(j)) + 1;
      return Math.min(c, r <= 0 ? c : 2 * r + 4);
    });
    const t0 = nowMs();
    let spent = 0;
    const solver = await resolveSolver(base.solver);
    for (;;) {
      let farther: Int32Array;
      let start: (open: ReadonlySet<number>) => Float64Array;
      ({ built, assign, farther, start } = build(near));
      const siteCols = built.siteCols;
      // LP phase: widen until the LP relaxation no longer uses a "farther" column; the restricted LP bound then
      // equals the full model's, so the MIP below starts from the strongest root bound.
      const lp = await solver.solve(
        { ...built.model, integrality: new Uint8Array(built.model.numCols) },
        { timeLimitSec: Math.max(0.1, base.timeLimitSec - (nowMs() - t0) / 1000), relGap: 0, wantDuals: true },
      );
      if (lp.status === "optimal" && lp.x.length === built.model.numCols) {
        const used: number[] = [];
        farther.forEach((col, a) => col >= 0 && lp.x[col]! > 1e-9 && used.push(a));
        if (used.length > 0 && (nowMs() - t0) / 1000 < base.timeLimitSec) {
          for (const a of used) near[a] = Math.min(cap[a]!, near[a]! * 2);
          continue;
        }
      }
      const wide = (x: Float64Array): number[] => {
        const out: number[] = [];
        sorted.forEach((order, a) => {
          if (near[a]! >= order.length) return;
          let r = 0;
          while (r < near[a]! && !(x[siteCols[order[r]!]!]! > 0.5)) r++;
          if (r === near[a]!) out.push(a);
        });
        return out;
      };
      const remaining = base.timeLimitSec - (nowMs() - t0) / 1000;
      outcome = await solveLocation(
        built,
        { ...base, solver, timeLimitSec: Math.max(0.1, remaining), lpFirst: true, warmStart: start(guess), ...(lp.status === "optimal" ? { lpRelaxation: lp } : {}) },
        (x) => wide(x).length === 0,
      );
      spent = (nowMs() - t0) / 1000;
      if (outcome.rejected !== true) break;
      for (const a of wide(outcome.x!)) near[a] = Math.min(cap[a]!, near[a]! * 2);
      if (spent >= base.timeLimitSec) {
        outcome = { ...outcome, status: "timeLimit", gap: Number.NaN, x: null, message: "time ran out while widening candidate sets" };
        break;
      }
    }
    outcome = { ...outcome, timeSec: spent };
  }
  const shares: ShareEntry[] | undefined =
    caps === undefined || outcome.x === null ? undefined : assign.map((e) => ({ i: e.i, j: e.j, share: outcome.x![e.col]! }));
  return assembleResult({
    model: "pMedian",
    problem,
    outcome,
    open: outcome.x === null ? [] : openSites(built, outcome.x),
    ...(shares === undefined ? {} : { shares }),
    uncoverable,
    objective: (a) => a.reduce((s, r) => (r.siteId === null ? s : s + r.weight * r.travel), 0),
  });
}

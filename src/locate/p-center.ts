/**
 * p-center (Hakimi 1965): minimise the worst travel from a demand point to its nearest chosen site.
 *
 * Demand points i with weight w_i > 0 (points with weight 0 are ignored: they are not demand), candidate
 * sites j, travel d_ij (∞ = cannot serve), required sites R. The textbook MILP
 *   min W  s.t.  Σ_j x_ij = 1,  x_ij ≤ y_j,  Σ_j d_ij x_ij ≤ W ∀ i,  Σ_j y_j = p
 * has a very weak LP bound, so lotwise solves the equivalent covering form instead (Minieka 1970):
 * the optimal worst travel W* is one of the finite costs d_ij, and for a radius D
 *   D ≥ W*  ⇔  LSCP(D) ≤ p,   LSCP(D) = min { Σ_j y_j : Σ_{j: d_ij ≤ D} y_j ≥ 1 ∀ i;  y_j = 1 ∀ j ∈ R }.
 * Algorithm: sort the distinct finite costs not below L = max_i min_j d_ij (no radius below L can cover every
 * point), binary-search the smallest D with LSCP(D) ≤ p (each LSCP solved to proven optimality), then one
 * final MILP picks exactly p sites covering every point within D*:
 *   min Σ_j (rank_j + 1)·y_j  s.t.  Σ_{j: d_ij ≤ D*} y_j ≥ 1 ∀ i;  Σ_j y_j = p;  y_j = 1 ∀ j ∈ R,
 * whose objective is the documented tie-break (least sum of site ranks in id order; 0 with `tieBreak: false`).
 * `relGap` is not used: every sub-solve is proven optimal. Points with no finite cost to any site are left out
 * and listed in `result.uncoverable`. If no p sites can reach every point, the status is `infeasible`.
 */
import type { SolveStatus } from "../solvers/types.js";
import { parseInput } from "../errors.js";
import { PCenterOptionsSchema } from "../schema/locate.js";
import type { PCenterOptions } from "../schema/locate.js";
import { checkP, requiredIndices, settings } from "./common.js";
import { nowMs } from "../internal/clock.js";
import { SparseModelBuilder } from "../solvers/model-builder.js";
import { checkProblem } from "./problem.js";
import { assembleResult, nearestOpen } from "./result.js";
import { resolveSolver } from "./solve-location.js";
import type { LocationSolveOutcome } from "./solve-location.js";
import type { LocationProblem, LocationResult } from "./types.js";

/**
 * p-center: choose `p` sites to minimise the worst travel from any demand point (weight > 0) to its nearest
 * chosen site.
 *
 * @param problem From `locationProblem` or `locationProblemFromTravel`.
 * @param options `p`; optional `required`, `solver` (default `highsSolver()`), `timeLimitSec` (30, for the whole
 *   search), `tieBreak` (true).
 * @returns Chosen sites, assignments (nearest chosen site), `objective` = worst travel (= `maxTravel`).
 * @throws LotwiseError `invalid_input` when p exceeds the number of sites or is below the required count.
 * @example
 * ```ts
 * import { locationProblem, pCenter } from "lotwise";
 * const problem = locationProblem({ demandIds: ["a", "b", "c"], siteIds: ["s1", "s2", "s3"],
 *   cost: [[0, 4, 9], [4, 0, 5], [9, 5, 0]], weights: [1, 1, 3] });
 * const r = await pCenter(problem, { p: 1 });
 * r.sites; // ["s2"]  (worst travel 5, against 9 from s1 or s3)
 * r.objective; // 5
 * ```
 */
export async function pCenter(problem: LocationProblem, options: PCenterOptions): Promise<LocationResult> {
  checkProblem(problem);
  const o = parseInput(PCenterOptionsSchema, options, "options");
  const s = settings(o);
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const required = requiredIndices(problem, o.required);
  checkP(problem, o.p, required);
  const active: number[] = [];
  const uncoverable: number[] = [];
  let lower = 0;
  const values = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (problem.weights[i]! <= 0) continue;
    let nearest = Infinity;
    for (let j = 0; j < m; j++) {
      const c = problem.cost[i * m + j]!;
      if (Number.isFinite(c)) values.add(c);
      nearest = Math.min(nearest, c);
    }
    if (nearest === Infinity) uncoverable.push(i);
    else {
      active.push(i);
      lower = Math.max(lower, nearest);
    }
  }
  const radii = [...values].filter((v) => v >= lower).sort((a, b) => a - b);
  const solver = await resolveSolver(s.solver);
  const t0 = nowMs();
  const left = (): number => s.timeLimitSec - (nowMs() - t0) / 1000;
  const req = new Set(required);

  /** Covering model at radius D: min Σ cost_j y_j, or with Σ y = p when exactlyP. */
  const solveCover = async (D: number, cost: (j: number) => number, exactlyP: boolean) => {
    const b = new SparseModelBuilder();
    for (let j = 0; j < m; j++) b.addColumn(cost(j), req.has(j) ? 1 : 0, 1, true);
    for (const i of active) {
      const cols: number[] = [];
      for (let j = 0; j < m; j++) if (problem.cost[i * m + j]! <= D) cols.push(j);
      b.addCoveringRow(cols);
    }
    if (exactlyP) b.addCountRow([...Array(m).keys()], o.p);
    return solver.solve(b.build("min"), { timeLimitSec: Math.max(0.1, left()), relGap: 0 });
  };

  const done = (status: SolveStatus, x: Float64Array | null, tieBreak: LocationSolveOutcome["tieBreak"], message?: string): Promise<LocationResult> => {
    const open = x === null ? [] : [...Array(m).keys()].filter((j) => x[j]! > 0.5);
    const worst = (): number => {
      let w = 0;
      for (const i of active) {
        const j = nearestOpen(problem, i, open);
        w = Math.max(w, j < 0 ? Infinity : problem.cost[i * m + j]!);
      }
      return w;
    };
    const outcome: LocationSolveOutcome = {
      status,
      gap: x === null ? Number.NaN : 0,
      x,
      solverId: solver.id,
      timeSec: (nowMs() - t0) / 1000,
      tieBreak,
      ...(message === undefined ? {} : { message }),
    };
    return Promise.resolve(assembleResult({ model: "pCenter", problem, outcome, open, uncoverable, objective: worst }));
  };

  if (active.length === 0) {
    // No demand: any p sites are optimal; take the required ones, then the first by id.
    const x = new Float64Array(m);
    for (const j of required) x[j] = 1;
    for (let j = 0, k = required.length; j < m && k < o.p; j++) if (x[j] === 0) (x[j] = 1), k++;
    return done("optimal", x, "skipped");
  }
  // Binary search: smallest index k with LSCP(radii[k]) ≤ p. Infeasible when even the largest radius fails.
  let lo = 0;
  let hi = radii.length - 1;
  const feasible = async (k: number): Promise<boolean | SolveStatus> => {
    const r = await solveCover(radii[k]!, () => 1, false);
    if (r.status === "infeasible") return false;
    if (r.status !== "optimal") return r.status;
    return Math.round(r.objective) <= o.p;
  };
  const top = await feasible(hi);
  if (top !== true) return done(top === false ? "infeasible" : top, null, "skipped", top === false ? `no ${o.p} sites reach every demand point` : undefined);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const f = await feasible(mid);
    if (typeof f !== "boolean") return done(f, null, "skipped", "a covering sub-solve did not finish");
    if (f) hi = mid;
    else lo = mid + 1;
  }
  const final = await solveCover(radii[lo]!, (j) => (s.tieBreak ? j + 1 : 0), true);
  if (final.x.length !== m || (final.status !== "optimal" && final.status !== "timeLimit" && final.status !== "feasible"))
    return done(final.status === "optimal" ? "error" : final.status, null, "skipped", "the final covering solve failed");
  // W* is proven by the search; only the tie-break may be unfinished when the final solve ran out of time.
  return done("optimal", final.x, s.tieBreak ? (final.status === "optimal" ? "applied" : "failed") : "skipped");
}

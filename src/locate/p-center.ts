/**
 * p-center (Hakimi 1965): minimise the worst travel from a demand point to its nearest chosen site.
 *
 * Demand points i with weight w_i > 0 (points with weight 0 are ignored: they are not demand), candidate
 * sites j, travel d_ij (∞ = cannot serve). y_j ∈ {0,1} opens site j; x_ij ∈ [0,1] for finite d_ij; W ≥ 0.
 *
 *   min W
 *   s.t. Σ_j x_ij = 1             ∀ i
 *        x_ij ≤ y_j               ∀ i, j
 *        Σ_j d_ij x_ij ≤ W        ∀ i
 *        Σ_j y_j = p;  y_j = 1 for required j
 * x may stay continuous: for integral y, each row Σ_j d_ij x_ij is smallest with all of i on its nearest open
 * site, so W = max_i min_{open j} d_ij. The objective is unweighted (the worst single point), as is standard.
 * Points with no finite cost to any site are left out and listed in `result.uncoverable`.
 * Ties (many plans share the worst travel) are broken by a second, lexicographic solve (see solve-location.ts).
 */
import { parseInput } from "../errors.js";
import { PCenterOptionsSchema } from "../schema/locate.js";
import type { PCenterOptions } from "../schema/locate.js";
import { checkP, requiredIndices, settings } from "./common.js";
import { ModelBuilder } from "./model-builder.js";
import { checkProblem } from "./problem.js";
import { assembleResult, nearestOpen } from "./result.js";
import { openSites, solveLocation } from "./solve-location.js";
import type { BuiltLocationModel } from "./solve-location.js";
import type { LocationProblem, LocationResult } from "./types.js";

/**
 * p-center: choose `p` sites to minimise the worst travel from any demand point (weight > 0) to its nearest
 * chosen site.
 *
 * @param problem From `locationProblem` or `locationProblemFromTravel`.
 * @param options `p`; optional `required`, `solver` (default `highsSolver()`), `timeLimitSec` (30), `relGap` (0),
 *   `tieBreak` (true).
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
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const required = requiredIndices(problem, o.required);
  checkP(problem, o.p, required);
  const active: number[] = [];
  const uncoverable: number[] = [];
  for (let i = 0; i < n; i++) {
    if (problem.weights[i]! <= 0) continue;
    let any = false;
    for (let j = 0; j < m && !any; j++) any = Number.isFinite(problem.cost[i * m + j]!);
    (any ? active : uncoverable).push(i);
  }
  const req = new Set(required);
  const b = new ModelBuilder();
  const siteCols = new Int32Array(m);
  for (let j = 0; j < m; j++) siteCols[j] = b.addCol(0, req.has(j) ? 1 : 0, 1, true);
  const wCol = b.addCol(1, 0, Infinity, false);
  for (const i of active) {
    const cols: number[] = [];
    const ds: number[] = [];
    for (let j = 0; j < m; j++) {
      const d = problem.cost[i * m + j]!;
      if (!Number.isFinite(d)) continue;
      const col = b.addCol(0, 0, 1, false);
      cols.push(col);
      ds.push(d);
      b.addRow([col, siteCols[j]!], [1, -1], -Infinity, 0);
    }
    b.addRow(cols, cols.map(() => 1), 1, 1);
    b.addRow([...cols, wCol], [...ds, -1], -Infinity, 0);
  }
  b.addRow([...siteCols], [...siteCols].map(() => 1), o.p, o.p);
  const worst = (open: readonly number[]): number => {
    let w = 0;
    for (const i of active) {
      const j = nearestOpen(problem, i, open);
      w = Math.max(w, j < 0 ? Infinity : problem.cost[i * m + j]!);
    }
    return w;
  };
  const built: BuiltLocationModel = { model: b.build("min"), siteCols, evaluate: (x) => worst(openSites(built, x)) };
  const outcome = await solveLocation(built, settings(o));
  const open = outcome.x === null ? [] : openSites(built, outcome.x);
  return assembleResult({ model: "pCenter", problem, outcome, open, uncoverable, objective: () => worst(open) });
}

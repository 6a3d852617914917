/**
 * Coverage location models: LSCP (and its capacitated variant), MCLP and backup coverage.
 *
 * Notation: demand points i ∈ I with weight w_i ≥ 0, candidate sites j ∈ J, travel d_ij, limit S.
 * N_i = { j : d_ij ≤ S } is the set of sites that cover i. y_j ∈ {0,1} opens site j. R ⊆ J are required
 * sites (y_j = 1 fixed). Demand points with w_i = 0 place no constraint; points with w_i > 0 and N_i = ∅ are
 * *uncoverable*: they are left out of the model and listed in `result.uncoverable` (never a silent infeasible).
 *
 * LSCP, location set covering (Toregas et al. 1971):
 *   min Σ_j y_j   s.t.  Σ_{j∈N_i} y_j ≥ 1  ∀ i coverable with w_i > 0.
 * Capacitated LSCP (capacities C_j; demand may be split between covering sites, a_ij = share of i served by j):
 *   min Σ_j y_j   s.t.  Σ_{j∈N_i} a_ij = 1 ∀ i;  Σ_i w_i a_ij ≤ C_j y_j ∀ j;  a_ij ≤ y_j;  0 ≤ a_ij ≤ 1.
 *   Pre-check: Σ w_i (coverable) > Σ_j C_j throws `Demand greater than capacity (D > C).`
 *
 * MCLP, maximal covering location (Church & ReVelle 1974):
 *   max Σ_i w_i z_i   s.t.  z_i ≤ Σ_{j∈N_i} y_j;  Σ_j y_j = p;  0 ≤ z_i ≤ 1.
 *   z_i may be continuous: for integral y the optimum sets z_i = min(1, Σ_{j∈N_i} y_j) ∈ {0,1}.
 *
 * Backup coverage (after Hogan & ReVelle 1986, without the requirement that every point be covered once):
 *   max Σ_i w_i b_i   s.t.  2·b_i ≤ Σ_{j∈N_i} y_j;  Σ_j y_j = p;  b_i ∈ {0,1}.
 *   A demand point counts as backed up only when two or more chosen sites cover it (b_i = 1 forces
 *   |N_i ∩ chosen| ≥ 2); a point covered once counts for nothing in the objective. Points with |N_i| < 2 cannot
 *   be backed up and get no b_i. The result also reports the share covered at least once (`coveredShare`).
 *
 * Ties are broken deterministically by a second, lexicographic solve (see solve-location.ts): among optimal
 * plans, the least sum of site ranks in id order.
 */
import { parseInput } from "../errors.js";
import { BackupCoverageOptionsSchema, LscpOptionsSchema, MclpOptionsSchema } from "../schema/locate.js";
import type { BackupCoverageOptions, LscpOptions, MclpOptions } from "../schema/locate.js";
import { capacityVector, checkCapacity, checkP, coverSets, requiredIndices, settings } from "./common.js";
import { SparseModelBuilder } from "../solvers/model-builder.js";
import { checkProblem } from "./problem.js";
import { assembleResult } from "./result.js";
import type { ShareEntry } from "./result.js";
import { openSites, solveLocation } from "./solve-location.js";
import type { BuiltLocationModel } from "./solve-location.js";
import type { LocationProblem, LocationResult } from "./types.js";

/** y_j for every site (spopt's facility variables), required sites fixed open. */
function siteColumns(b: SparseModelBuilder, m: number, cost: (j: number) => number, required: readonly number[]): Int32Array {
  const cols = b.addColumns(m, (j) => ({ cost: cost(j), upper: 1, integer: true }));
  for (const j of required) b.fixColumn(cols[j]!, 1);
  return cols;
}

function countOpen(x: Float64Array, siteCols: Int32Array): number {
  let n = 0;
  siteCols.forEach((c) => (n += x[c]! > 0.5 ? 1 : 0));
  return n;
}

/**
 * Location set covering (LSCP): the fewest sites such that every demand point with weight > 0 is within
 * `limit` of a chosen site; with `capacities`, chosen sites must also be able to serve all the demand
 * (demand may be split between covering sites). Points no site can cover are reported in `uncoverable`.
 *
 * @param problem From `locationProblem` or `locationProblemFromTravel`.
 * @param options `limit` (matrix units); optional `capacities` (one number or per site id), `required` sites,
 *   `solver` (default `highsSolver()`), `timeLimitSec` (30), `relGap` (0), `tieBreak` (true).
 * @returns Chosen sites, assignments (nearest chosen site, or shares when capacitated), covered share,
 *   mean/max travel, status and gap; `objective` is the number of sites.
 * @throws LotwiseError `invalid_input` / `unknown_id` for bad options; `infeasible_input` when demand exceeds
 *   capacity: `Demand greater than capacity (1240 > 1100).`
 * @example
 * ```ts
 * import { locationProblem, lscp } from "lotwise";
 * const problem = locationProblem({ demandIds: ["a", "b", "c"], siteIds: ["s1", "s2", "s3"],
 *   cost: [[1, 9, 9], [9, 1, 2], [9, 9, 1]] });
 * const r = await lscp(problem, { limit: 2 });
 * r.sites; // ["s1", "s3"]  (s3 covers b and c)
 * ```
 */
export async function lscp(problem: LocationProblem, options: LscpOptions): Promise<LocationResult> {
  checkProblem(problem);
  const o = parseInput(LscpOptionsSchema, options, "options");
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const required = requiredIndices(problem, o.required);
  const sets = coverSets(problem, o.limit);
  const active: number[] = [];
  const uncoverable: number[] = [];
  for (let i = 0; i < n; i++) {
    if (problem.weights[i]! <= 0) continue;
    if (sets[i]!.length === 0) uncoverable.push(i);
    else active.push(i);
  }
  const caps = o.capacities === undefined ? undefined : capacityVector(problem, o.capacities);
  if (caps !== undefined) checkCapacity(active.reduce((s, i) => s + problem.weights[i]!, 0), caps.reduce((s, c) => s + c, 0));

  const b = new SparseModelBuilder();
  const siteCols = siteColumns(b, m, () => 1, required);
  const shareCols: { i: number; j: number; col: number }[] = [];
  if (caps === undefined) {
    for (const i of active) b.addCoveringRow(sets[i]!.map((j) => siteCols[j]!));
  } else {
    const perSite: { col: number; w: number }[][] = Array.from({ length: m }, () => []);
    for (const i of active) {
      const cols = sets[i]!.map((j) => {
        const col = b.addColumn(0, 0, 1);
        shareCols.push({ i, j, col });
        perSite[j]!.push({ col, w: problem.weights[i]! });
        b.addLinkRow(col, siteCols[j]!, 1);
        return col;
      });
      b.addAssignmentRow(cols);
    }
    perSite.forEach((list, j) => {
      b.addCapacityRow(list.map((e) => e.col), list.map((e) => e.w), caps[j]!, siteCols[j]!);
    });
  }
  const built: BuiltLocationModel = { model: b.build("min"), siteCols, evaluate: (x) => countOpen(x, siteCols) };
  const outcome = await solveLocation(built, settings(o));
  const shares: ShareEntry[] | undefined = caps === undefined || outcome.x === null ? undefined : shareCols.map((e) => ({ i: e.i, j: e.j, share: outcome.x![e.col]! }));
  return assembleResult({
    model: "lscp",
    problem,
    outcome,
    open: outcome.x === null ? [] : openSites(built, outcome.x),
    limit: o.limit,
    ...(shares === undefined ? {} : { shares }),
    uncoverable,
    objective: () => (outcome.x === null ? Number.NaN : countOpen(outcome.x, siteCols)),
  });
}

/** Total weight of demand points covered at least `times` times by the open sites. */
function coveredWeight(problem: LocationProblem, sets: readonly number[][], open: ReadonlySet<number>, times: number): number {
  let s = 0;
  sets.forEach((set, i) => {
    let k = 0;
    for (const j of set) if (open.has(j)) k++;
    if (k >= times) s += problem.weights[i]!;
  });
  return s;
}

async function coverageModel(kind: "mclp" | "backupCoverage", problem: LocationProblem, o: ReturnType<typeof MclpOptionsSchema.parse>): Promise<LocationResult> {
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const required = requiredIndices(problem, o.required);
  checkP(problem, o.p, required);
  const sets = coverSets(problem, o.limit);
  const times = kind === "mclp" ? 1 : 2;
  const uncoverable: number[] = [];
  const b = new SparseModelBuilder();
  const siteCols = siteColumns(b, m, () => 0, required);
  for (let i = 0; i < n; i++) {
    const w = problem.weights[i]!;
    const set = sets[i]!;
    if (w > 0 && set.length === 0) uncoverable.push(i);
    if (w <= 0 || set.length < times) continue;
    const z = b.addColumn(w, 0, 1, kind === "backupCoverage");
    b.addMaximalCoveringRow(z, set.map((j) => siteCols[j]!), times);
  }
  b.addCountRow(siteCols, o.p);
  const evaluate = (x: Float64Array): number => {
    const open = new Set<number>();
    siteCols.forEach((c, j) => x[c]! > 0.5 && open.add(j));
    return coveredWeight(problem, sets, open, times);
  };
  const built: BuiltLocationModel = { model: b.build("max"), siteCols, evaluate };
  const outcome = await solveLocation(built, settings(o));
  const open = outcome.x === null ? [] : openSites(built, outcome.x);
  return assembleResult({
    model: kind,
    problem,
    outcome,
    open,
    limit: o.limit,
    uncoverable,
    objective: () => coveredWeight(problem, sets, new Set(open), times),
  });
}

/**
 * Maximal covering location (MCLP): choose `p` sites to maximise the demand weight within `limit` of a chosen
 * site.
 *
 * @param problem From `locationProblem` or `locationProblemFromTravel`.
 * @param options `limit`, `p`; optional `required`, `solver`, `timeLimitSec`, `relGap` (0), `tieBreak` (true).
 * @returns Chosen sites, assignments, `objective` = covered weight, `coveredShare` = covered / total weight.
 * @throws LotwiseError `invalid_input` when p exceeds the number of sites or is below the required count.
 * @example
 * ```ts
 * import { locationProblem, mclp } from "lotwise";
 * const problem = locationProblem({ demandIds: ["a", "b", "c"], siteIds: ["s1", "s2"],
 *   cost: [[1, 9], [1, 9], [9, 1]], weights: [10, 10, 50] });
 * const r = await mclp(problem, { limit: 5, p: 1 });
 * r.sites; // ["s2"]
 * r.objective; // 50
 * ```
 */
export async function mclp(problem: LocationProblem, options: MclpOptions): Promise<LocationResult> {
  checkProblem(problem);
  return coverageModel("mclp", problem, parseInput(MclpOptionsSchema, options, "options"));
}

/**
 * Backup coverage: choose `p` sites to maximise the demand weight within `limit` of **two or more** chosen
 * sites (the contingency question: who still has a provider nearby if one fails). A point covered by only one
 * chosen site counts as not backed up. `backedUpShare` gives the backed-up share, `coveredShare` the share
 * covered at least once (not optimised; run `mclp` for that).
 *
 * @param problem From `locationProblem` or `locationProblemFromTravel`.
 * @param options `limit`, `p`; optional `required`, `solver`, `timeLimitSec`, `relGap` (0), `tieBreak` (true).
 * @returns Chosen sites, assignments (`coveredBy` counts the chosen sites within the limit), `objective` =
 *   backed-up weight.
 * @throws LotwiseError `invalid_input` when p exceeds the number of sites or is below the required count.
 * @example
 * ```ts
 * import { locationProblem, backupCoverage } from "lotwise";
 * const problem = locationProblem({ demandIds: ["a", "b"], siteIds: ["s1", "s2", "s3"],
 *   cost: [[1, 2, 9], [9, 9, 1]], weights: [10, 30] });
 * const r = await backupCoverage(problem, { limit: 5, p: 2 });
 * r.sites; // ["s1", "s2"]  (a is covered twice; b only by s3, so b cannot be backed up)
 * r.objective; // 10
 * ```
 */
export async function backupCoverage(problem: LocationProblem, options: BackupCoverageOptions): Promise<LocationResult> {
  checkProblem(problem);
  return coverageModel("backupCoverage", problem, parseInput(BackupCoverageOptionsSchema, options, "options"));
}

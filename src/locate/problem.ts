/**
 * Builders for {@link LocationProblem}: from a plain cost matrix (`locationProblem`) or from a TravelMatrix of
 * areas and providers (`locationProblemFromTravel`). Both validate once, sort demand points and sites by id
 * (so the same data in any order gives the same model and the same answer), and keep every point: nothing is
 * dropped (a point no site can reach keeps `Infinity` costs and is reported by the models as uncoverable).
 */
import type { TravelMatrix, TravelMode, Id } from "../domain/index.js";
import { LotwiseError, invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { checkTravelMatrix } from "../internal/travel-matrix.js";
import { LocationFromTravelOptionsSchema, LocationProblemInputSchema, LocationProblemSchema } from "../schema/locate.js";
import type { LocationFromTravelOptions, LocationProblemInput } from "../schema/locate.js";
import type { LocationProblem } from "./types.js";

function checkUnique(ids: readonly Id[], path: string): void {
  const seen = new Set<Id>();
  ids.forEach((id, k) => {
    if (seen.has(id)) invalid([path, k], id, `duplicate id (each ${path === "siteIds" ? "site" : "demand point"} must appear once)`, "duplicate_id");
    seen.add(id);
  });
}

function checkCost(value: unknown, path: PropertyKey[]): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || value === -Infinity)
    invalid(path, value, "expected a travel cost ≥ 0 (or Infinity where the site cannot serve the point)");
  return value;
}

/** Order of `ids` when sorted by id. */
function sortedOrder(ids: readonly Id[]): number[] {
  return ids.map((_, k) => k).sort((a, b) => compareIds(ids[a]!, ids[b]!));
}

/**
 * Builds a {@link LocationProblem} from a cost matrix given directly (metres, minutes, any unit).
 *
 * @param input `demandIds`, `siteIds`, `cost` (`number[][]` demand × site, or a flat demand-major array) and
 *   optional `weights` (demand per point, default 1). `Infinity` marks a site that cannot serve a point.
 * @returns The problem with demand points and sites sorted by id and the matrix permuted to match.
 * @throws LotwiseError `invalid_input` naming the field and value (wrong shape, negative or NaN cost,
 *   negative weight); `duplicate_id` when an id repeats.
 * @example
 * ```ts
 * import { locationProblem } from "lotwise";
 * const problem = locationProblem({ demandIds: ["a", "b"], siteIds: ["s1", "s2"], cost: [[1, 9], [8, 2]], weights: [10, 5] });
 * problem.cost; // Float64Array [1, 9, 8, 2]
 * ```
 */
export function locationProblem(input: LocationProblemInput): LocationProblem {
  const p = parseInput(LocationProblemInputSchema, input, "input");
  const n = p.demandIds.length;
  const m = p.siteIds.length;
  checkUnique(p.demandIds, "demandIds");
  checkUnique(p.siteIds, "siteIds");
  const raw = new Float64Array(n * m);
  const cost = p.cost;
  if (cost instanceof Float64Array || (cost.length > 0 && !Array.isArray(cost[0]))) {
    const flat = cost as ArrayLike<unknown>;
    if (flat.length !== n * m) invalid(["input", "cost", "length"], flat.length, `expected ${n} demand points × ${m} sites = ${n * m} entries`);
    for (let k = 0; k < n * m; k++) raw[k] = checkCost(flat[k], ["input", "cost", k]);
  } else {
    const rows = cost as unknown[][];
    if (rows.length !== n) invalid(["input", "cost", "length"], rows.length, `expected one row per demand point (${n})`);
    rows.forEach((row, i) => {
      if (row.length !== m) invalid(["input", "cost", i, "length"], row.length, `expected one entry per site (${m})`);
      for (let j = 0; j < m; j++) raw[i * m + j] = checkCost(row[j], ["input", "cost", i, j]);
    });
  }
  const w = p.weights;
  if (w !== undefined && w.length !== n) invalid(["input", "weights", "length"], w.length, `expected one weight per demand point (${n})`);
  if (w instanceof Float64Array)
    w.forEach((v, i) => {
      if (!(v >= 0) || !Number.isFinite(v)) invalid(["input", "weights", i], v, "expected a finite weight ≥ 0");
    });
  return permute(p.demandIds, p.siteIds, raw, w === undefined ? new Float64Array(n).fill(1) : Float64Array.from(w));
}

function permute(demandIds: readonly Id[], siteIds: readonly Id[], raw: Float64Array, weights: Float64Array): LocationProblem {
  const m = siteIds.length;
  const di = sortedOrder(demandIds);
  const sj = sortedOrder(siteIds);
  const cost = new Float64Array(di.length * m);
  const w = new Float64Array(di.length);
  di.forEach((oi, i) => {
    w[i] = weights[oi]!;
    for (let j = 0; j < m; j++) cost[i * m + j] = raw[oi * m + sj[j]!]!;
  });
  return { demandIds: di.map((k) => demandIds[k]!), siteIds: sj.map((k) => siteIds[k]!), cost, weights: w };
}

/**
 * Builds a {@link LocationProblem} from a TravelMatrix between areas and providers (or candidate sites):
 * the cost is the chosen mode's minutes, the demand points are one side of the matrix and the sites the other.
 *
 * @param matrix A TravelMatrix (e.g. from a travel-time source), minutes per mode.
 * @param options `mode`; `demandSide` (`"destinations"` by default: staff travel from providers to areas);
 *   `demand` weight per area (default 1 each; when given, every area needs an entry); `siteIds` to restrict the
 *   candidate sites.
 * @returns The problem, sorted by id.
 * @throws LotwiseError `invalid_input` when the mode is missing from the matrix or an option is malformed;
 *   `unknown_id` when a demand or site id is not in the matrix, or an area has no demand entry.
 * @example
 * ```ts
 * import { locationProblemFromTravel } from "lotwise";
 * const matrix = { originIds: ["p1", "p2"], destinationIds: ["A", "B"], modes: ["drive"],
 *   minutes: { drive: Float64Array.of(5, 30, 25, 8) } } as const;
 * const problem = locationProblemFromTravel(matrix, { mode: "drive", demand: { A: 40, B: 10 } });
 * problem.cost; // Float64Array [5, 25, 30, 8]  (area A: p1, p2; area B: p1, p2)
 * ```
 */
export function locationProblemFromTravel(matrix: TravelMatrix, options: LocationFromTravelOptions): LocationProblem {
  const o = parseInput(LocationFromTravelOptionsSchema, options, "options");
  const mode = o.mode as TravelMode;
  checkTravelMatrix(matrix, ["matrix"]);
  const minutes = matrix.minutes[mode];
  const nO = matrix.originIds.length;
  const nD = matrix.destinationIds.length;
  if (minutes === undefined) invalid(["options", "mode"], o.mode, `the matrix has no minutes for this mode (it has: ${matrix.modes.join(", ") || "none"})`);
  const demandOnOrigins = o.demandSide === "origins";
  const demandIds = demandOnOrigins ? matrix.originIds : matrix.destinationIds;
  const allSites = demandOnOrigins ? matrix.destinationIds : matrix.originIds;
  checkUnique(demandIds, "demandIds");
  checkUnique(allSites, "siteIds");
  const siteIndex = new Map(allSites.map((id, k) => [id, k] as const));
  const sites = o.siteIds ?? [...allSites];
  checkUnique(sites, "siteIds");
  const siteCols = sites.map((id, k) => {
    const c = siteIndex.get(id);
    if (c === undefined) invalid(["options", "siteIds", k], id, `not among the matrix's ${demandOnOrigins ? "destinations" : "origins"}`, "unknown_id");
    return c;
  });
  const weights = new Float64Array(demandIds.length).fill(1);
  if (o.demand !== undefined) {
    const dem = o.demand;
    const known = new Set(demandIds);
    for (const id of Object.keys(dem).sort(compareIds))
      if (!known.has(id)) invalid(["options", "demand", id], dem[id], `no such ${demandOnOrigins ? "origin" : "destination"} in the matrix`, "unknown_id");
    const missing = demandIds.filter((id) => dem[id] === undefined);
    if (missing.length > 0)
      throw new LotwiseError(
        "unknown_id",
        `Invalid options.demand: ${missing.length} demand point(s) have no demand entry, first ${JSON.stringify(missing[0])}. Give every area a weight (0 is allowed).`,
        { issues: missing.map((id) => ({ path: ["options", "demand", id], message: "missing demand entry" })) },
      );
    demandIds.forEach((id, i) => (weights[i] = dem[id]!));
  }
  const m = sites.length;
  const raw = new Float64Array(demandIds.length * m);
  for (let i = 0; i < demandIds.length; i++)
    for (let j = 0; j < m; j++) {
      const c = siteCols[j]!;
      const v = demandOnOrigins ? minutes[i * nD + c]! : minutes[c * nD + i]!;
      raw[i * m + j] = checkCost(v, ["matrix", "minutes", mode, demandOnOrigins ? i * nD + c : c * nD + i]);
    }
  return permute(demandIds, sites, raw, weights);
}

/**
 * Checks a problem handed to a model (one pass over the costs). @internal
 */
export function checkProblem(problem: LocationProblem): LocationProblem {
  const p = parseInput(LocationProblemSchema, problem, "problem");
  for (const [key, ids] of [["demandIds", p.demandIds], ["siteIds", p.siteIds]] as const)
    for (let k = 1; k < ids.length; k++)
      if (compareIds(ids[k - 1]!, ids[k]!) >= 0)
        invalid(["problem", key, k], ids[k], "ids must be unique and sorted by id: build the problem with locationProblem()");
  p.cost.forEach((v, k) => {
    if (Number.isNaN(v) || v < 0) invalid(["problem", "cost", k], v, "expected a travel cost ≥ 0 (or Infinity)");
  });
  p.weights.forEach((v, k) => {
    if (!(v >= 0) || !Number.isFinite(v)) invalid(["problem", "weights", k], v, "expected a finite weight ≥ 0");
  });
  return problem;
}

/**
 * Demand: spread a known weekly total of home-care hours over small areas in proportion to an age
 * population column, conserving whole hours exactly.
 *
 * Method (largest remainder, Hamilton): with weights w_i and total T, the exact share is
 * q_i = T·w_i / Σw. Each area first gets ⌊q_i⌋; the R = T − Σ⌊q_i⌋ hours left over go one each to the
 * R areas with the largest fractional part q_i − ⌊q_i⌋, ties broken by area id (code-unit order). So
 * Σ hours = T exactly, every area is within one hour of its exact share, and the result is deterministic.
 *
 * Column fallback: `weightBy` may list several columns in order of preference. The first column that has
 * a value for every area is used for all areas; columns are never mixed, because a 65+ count and a 60+
 * count are on different scales. In geodata/lsoa11_master.csv `census2011_age_65plus` is blank for
 * Rutland and Bradford, so `["census2011_age_65plus", "age_60plus_mid2015"]` uses 65+ for the
 * Leicestershire County Council area and falls back to 60+ (mid-2015) for Bradford; the result names
 * the column used and every column skipped with the areas that lacked it.
 */
import { LotwiseError, formatValue, invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { DemandHours, Id } from "../domain/index.js";
import { DemandAreaRowsSchema, EstimateDemandOptionsSchema, type EstimateDemandOptions } from "../schema/demand.js";

/** A weight column that was not used because some areas have no value in it. */
export interface SkippedWeightColumn {
  readonly column: string;
  /** Areas with a blank value, sorted by id. */
  readonly missingIds: readonly Id[];
}

/** Result of {@link estimateDemand}. */
export interface DemandEstimate {
  /** Whole weekly hours per area, keys in id order; they sum to `totalHours` exactly. */
  readonly hours: DemandHours;
  readonly totalHours: number;
  /** The column the hours were spread by. */
  readonly weightColumn: string;
  /** Σ weight over all areas (e.g. persons aged 65+). */
  readonly totalWeight: number;
  /** `totalHours / totalWeight`: weekly hours per person of the weighting population. */
  readonly hoursPerWeightUnit: number;
  /** Preferred columns that were skipped, in preference order (empty when the first column was used). */
  readonly skipped: readonly SkippedWeightColumn[];
}

/**
 * Spreads a known weekly total of care hours over areas in proportion to an age population column,
 * with largest-remainder rounding so whole hours are conserved exactly.
 *
 * @param areas - one row per area, e.g. the rows of `lsoa11_master.csv`; numbers or numeric strings.
 * @param options - `totalHours` (whole hours), `weightBy` (a column or columns in order of preference),
 *   `idProperty` (default `"id"`).
 * @returns a {@link DemandEstimate}: hours per area, the column used and any columns skipped.
 * @throws {LotwiseError} `invalid_input` for a non-numeric or negative weight, or when no listed column has
 *   a value for every area (naming the first area that lacks one); `duplicate_id` for a repeated id;
 *   `infeasible_input` when hours are positive but every weight is 0.
 * @example
 * ```ts
 * import { estimateDemand } from "lotwise";
 * const d = estimateDemand(
 *   [{ id: "A", age65: "100" }, { id: "B", age65: "100" }, { id: "C", age65: "100" }],
 *   { totalHours: 10, weightBy: "age65" },
 * );
 * d.hours; // { A: 4, B: 3, C: 3 } (3⅓ each; the one spare hour goes to the first id)
 * ```
 */
export function estimateDemand(areas: readonly Record<string, unknown>[], options: EstimateDemandOptions): DemandEstimate {
  const opts = parseInput(EstimateDemandOptionsSchema, options, "options");
  const rows = parseInput(DemandAreaRowsSchema, areas, "areas");
  const columns = typeof opts.weightBy === "string" ? [opts.weightBy] : opts.weightBy;

  const ids: Id[] = [];
  const seen = new Map<Id, number>();
  rows.forEach((row, i) => {
    const raw = row[opts.idProperty];
    if (raw === undefined || raw === null || raw === "" || (typeof raw !== "string" && typeof raw !== "number")) {
      invalid(["areas", i, opts.idProperty], raw, `every area needs a string or number "${opts.idProperty}"`);
    }
    const id = String(raw);
    const before = seen.get(id);
    if (before !== undefined) invalid(["areas", i, opts.idProperty], raw, `duplicate id: areas[${before}] has the same id`, "duplicate_id");
    seen.set(id, i);
    ids.push(id);
  });

  const skipped: SkippedWeightColumn[] = [];
  let chosen: { column: string; weights: number[] } | null = null;
  for (const column of columns) {
    const weights: number[] = [];
    const missing: Id[] = [];
    rows.forEach((row, i) => {
      const w = readWeight(row[column], ["areas", i, column]);
      if (w === null) missing.push(ids[i]!);
      weights.push(w ?? 0);
    });
    if (missing.length === 0) {
      chosen = { column, weights };
      break;
    }
    skipped.push({ column, missingIds: missing.sort(compareIds) });
  }
  if (chosen === null) {
    const last = skipped[skipped.length - 1]!;
    const firstId = last.missingIds[0]!;
    invalid(
      ["areas", seen.get(firstId)!, last.column],
      rows[seen.get(firstId)!]![last.column],
      `area "${firstId}" has no value; no weight column has a value for every area (${skipped.map((s) => `${s.column}: ${s.missingIds.length} blank`).join("; ")}); add a fallback column to options.weightBy`,
    );
  }

  const totalWeight = chosen.weights.reduce((a, b) => a + b, 0);
  if (totalWeight === 0 && opts.totalHours > 0) {
    throw new LotwiseError(
      "infeasible_input",
      `Cannot spread ${opts.totalHours} hours: every value of "${chosen.column}" is 0.`,
    );
  }
  const hours = largestRemainder(ids, chosen.weights, totalWeight, opts.totalHours);
  const out: Record<Id, number> = {};
  const order = ids.map((id, i) => i).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  for (const i of order) out[ids[i]!] = hours[i]!;
  return {
    hours: out,
    totalHours: opts.totalHours,
    weightColumn: chosen.column,
    totalWeight,
    hoursPerWeightUnit: totalWeight > 0 ? opts.totalHours / totalWeight : 0,
    skipped,
  };
}

/** A weight cell: number, numeric string, or blank (null). Anything else is an error naming the cell. */
function readWeight(v: unknown, path: PropertyKey[]): number | null {
  if (v === undefined || v === null || v === "") return null;
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) invalid(path, v, `expected a number (got ${formatValue(v)})`);
  if (n < 0) invalid(path, v, "a population weight must be ≥ 0");
  return n;
}

/** Hamilton apportionment of `total` whole units by `weights`; ties on the remainder go to the smaller id. */
function largestRemainder(ids: readonly Id[], weights: readonly number[], totalWeight: number, total: number): number[] {
  const n = ids.length;
  const out = new Array<number>(n).fill(0);
  if (total === 0 || totalWeight === 0) return out;
  const frac = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const q = (total * weights[i]!) / totalWeight;
    const f = Math.floor(q);
    out[i] = f;
    frac[i] = q - f;
    given += f;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => frac[b]! - frac[a]! || compareIds(ids[a]!, ids[b]!));
  for (let r = 0; r < total - given; r++) out[order[r]!]! += 1;
  return out;
}

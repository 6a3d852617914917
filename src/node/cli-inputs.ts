// Input loaders shared by the commands: boundaries with property filters, demand (a CSV or an estimate),
// lot plans and providers from CSV.
import { loadBoundaries } from "../boundaries/load.js";
import type { Boundaries } from "../boundaries/types.js";
import type { Provider, DemandHours, LotPlan } from "../domain/index.js";
import { estimateDemand } from "../demand/estimate-demand.js";
import { LotwiseError } from "../errors.js";
import { demandFromRows, planFromRows, providersFromRows } from "../io/rows.js";
import { DemandRowSchema, PlanRowSchema, ProviderRowSchema } from "../schema/rows.js";
import { z } from "zod";
import { type CliIo, UsageError, resolvePath } from "./cli-io.js";
import { readCsv } from "./csv.js";
import { readGeoJSON } from "./files.js";

/** Reads boundaries, keeping features whose properties match every `KEY=VALUE` filter. @internal */
export async function readFilteredBoundaries(io: CliIo, path: string, idProperty: string | undefined, where: readonly string[]): Promise<Boundaries> {
  const filters = where.map((w) => {
    const i = w.indexOf("=");
    if (i <= 0) throw new UsageError(`--where expects KEY=VALUE, got ${JSON.stringify(w)}`);
    return [w.slice(0, i), w.slice(i + 1)] as const;
  });
  const fc = (await readGeoJSON(resolvePath(io, path))) as { features?: unknown };
  if (filters.length > 0 && typeof fc === "object" && fc !== null && Array.isArray(fc.features)) {
    const before = fc.features.length;
    fc.features = fc.features.filter((f: { properties?: Record<string, unknown> | null }) =>
      filters.every(([k, v]) => String(f.properties?.[k] ?? "") === v),
    );
    if ((fc.features as unknown[]).length === 0) {
      throw new LotwiseError("invalid_input", `No feature of ${path} matches --where ${where.join(" --where ")} (of ${before} features)`);
    }
  }
  return loadBoundaries(fc, idProperty === undefined ? {} : { idProperty });
}

/** Demand options shared by the commands. @internal */
export interface DemandArgs {
  demand?: string | undefined;
  "total-hours"?: string | undefined;
  weights?: string | undefined;
  "weight-by"?: string | undefined;
  "weights-id"?: string | undefined;
}

/**
 * Demand from `--demand file.csv` (area_id,hours), or estimated from `--total-hours N --weights
 * table.csv --weight-by col[,col] [--weights-id col]`, restricted to the given area ids.
 * @internal
 */
export async function readDemand(io: CliIo, args: DemandArgs, areaIds: readonly string[]): Promise<{ hours: DemandHours; source: string }> {
  const wanted = new Set(areaIds);
  if (args.demand !== undefined) {
    const hours = demandFromRows(await readCsv(resolvePath(io, args.demand), DemandRowSchema));
    const missing = areaIds.filter((a) => !(a in hours));
    if (missing.length > 0) {
      throw new LotwiseError("invalid_input", `${args.demand} has no hours for ${missing.length} area(s), e.g. ${missing.slice(0, 3).join(", ")}`);
    }
    const extra = Object.keys(hours).filter((a) => !wanted.has(a));
    if (extra.length > 0) {
      throw new LotwiseError("unknown_id", `${args.demand} has hours for ${extra.length} area(s) not in the boundaries, e.g. ${extra.slice(0, 3).join(", ")}`);
    }
    return { hours, source: args.demand };
  }
  if (args["total-hours"] === undefined || args.weights === undefined || args["weight-by"] === undefined) {
    throw new UsageError("give --demand FILE, or --total-hours N with --weights FILE and --weight-by COLUMN");
  }
  const idCol = args["weights-id"] ?? "lsoa11cd";
  const rows = (await readCsv(resolvePath(io, args.weights), z.record(z.string(), z.string().optional()))).filter((r) => wanted.has(String(r[idCol])));
  const total = Number(args["total-hours"]);
  const est = estimateDemand(rows, { totalHours: total, weightBy: args["weight-by"].split(","), idProperty: idCol });
  const missing = areaIds.filter((a) => !(a in est.hours));
  if (missing.length > 0) throw new LotwiseError("invalid_input", `${args.weights} has no row for ${missing.length} area(s), e.g. ${missing.slice(0, 3).join(", ")}`);
  return { hours: est.hours, source: `${total} h/week spread by ${est.weightColumn}` };
}

/** A lot plan from `area_id,lot_id[,parent]` rows. @internal */
export async function readPlan(io: CliIo, path: string): Promise<LotPlan> {
  return planFromRows(await readCsv(resolvePath(io, path), PlanRowSchema));
}

/** Providers from CSV. @internal */
export async function readProviders(io: CliIo, path: string): Promise<Provider[]> {
  return providersFromRows(await readCsv(resolvePath(io, path), ProviderRowSchema));
}

import { z } from "zod";
import type { ReadCsvOptions } from "../schema/csv.js";
import { readCsv } from "./csv.js";

const RecordSchema = z.record(z.string(), z.string().optional());

/**
 * Reads a CSV file into plain records of strings, one per row, without a row schema: for tables whose
 * columns you pick yourself (a lookup such as lsoa11_master.csv, the weights for `estimateDemand`). Blank
 * cells are left out of the record, so a missing value is never read as `""` or 0. Everything else is as
 * {@link readCsv}: row numbers, control characters refused, formula escapes undone.
 *
 * @param path - file path.
 * @param options - as for {@link readCsv}.
 * @returns the records in file order.
 * @throws {LotwiseError} as {@link readCsv}.
 * @example
 * ```ts
 * import { readCsvRecords } from "lotwise/node";
 * const master = await readCsvRecords("geodata/lsoa11_master.csv");
 * master[0].lsoa11cd; // "E01010568"
 * ```
 */
export async function readCsvRecords(path: string, options: ReadCsvOptions = {}): Promise<Record<string, string>[]> {
  const rows = await readCsv(path, RecordSchema, options);
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined)));
}

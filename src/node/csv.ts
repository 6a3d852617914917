// CSV files for Node: readCsv validates every row with a zod schema and names the row and column at
// fault; writeCsv writes rows with a fixed column order and reproducible number formatting, atomically.
import { readFile } from "node:fs/promises";
import { parseString } from "@fast-csv/parse";
import { writeToString } from "@fast-csv/format";
import type { z } from "zod";
import { LotwiseError, formatValue, type LotwiseIssue } from "../errors.js";
import { formatDecimals } from "../internal/format.js";
import { writeFileAtomic } from "./files.js";

/** A value writeCsv can put in a cell. `null`/`undefined` become an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;
/** One CSV record: column name → cell. */
export type CsvRow = Readonly<Record<string, CsvCell>>;

/** Options for {@link writeCsv} and {@link formatCsv}. */
export interface WriteCsvOptions {
  /** Column order. Default: the keys of the first row, then any new keys of later rows in order of appearance. */
  columns?: readonly string[];
  /** Decimal places numbers are rounded to (trailing zeros dropped). Default 6. */
  decimals?: number;
}

function headerList(row: Record<string, string>): string[] {
  return Object.keys(row);
}

function schemaColumns(schema: z.ZodType): string[] | null {
  const shape = (schema as unknown as { shape?: Record<string, { safeParse?: (v: unknown) => { success: boolean } }> }).shape;
  if (shape === undefined || typeof shape !== "object") return null;
  // A column is required when the schema rejects `undefined` for it (not optional, no default).
  return Object.entries(shape)
    .filter(([, s]) => typeof s.safeParse === "function" && !s.safeParse(undefined).success)
    .map(([k]) => k);
}

/** Parses CSV text (header row first) into raw string records; rows are numbered as in a spreadsheet (header = row 1). */
async function parseRaw(text: string, source: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    let header: string[] = [];
    parseString<Record<string, string>, Record<string, string>>(body, { headers: true, ignoreEmpty: true })
      .on("headers", (h: string[]) => {
        header = h;
      })
      .on("error", (cause: Error) => {
        reject(new LotwiseError("invalid_input", `${source}, row ${rows.length + 2}: ${cause.message}`, { cause }));
      })
      .on("data", (row: Record<string, string>) => {
        rows.push(row);
      })
      .on("end", () => {
        resolve({ header: header.length > 0 ? header : rows[0] !== undefined ? headerList(rows[0]) : [], rows });
      });
  });
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (raw === undefined) return "is missing (empty cell)";
  if (issue.code === "invalid_type" && issue.expected === "number") return `${formatValue(raw)} is not a number`;
  if (issue.code === "invalid_type" && issue.expected === "boolean") return `${formatValue(raw)} is not true or false`;
  return `${formatValue(raw)}: ${issue.message}`;
}

/**
 * Validates raw CSV records (strings) with a zod row schema. Empty cells are passed to the schema as
 * `undefined`, so an optional column may be blank and a required one may not (an empty cell is never
 * read as 0). Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
 *
 * @param rows - raw records, e.g. from a CSV parser.
 * @param schema - a zod schema for one row (use `z.coerce.number()` for numeric columns).
 * @param source - a name for messages (the file path).
 * @returns the parsed rows, in file order.
 * @throws {LotwiseError} `invalid_input`: `data.csv: row 17, column capacity_hours: "12x" is not a number`;
 *   every bad cell is listed in `issues` (path `[row, column]`).
 * @example
 * ```ts
 * import { z } from "zod";
 * import { parseCsvRows } from "lotwise/node";
 * parseCsvRows([{ id: "P1", capacity_hours: "40" }], z.object({ id: z.string(), capacity_hours: z.coerce.number() }));
 * // [{ id: "P1", capacity_hours: 40 }]
 * ```
 */
export function parseCsvRows<S extends z.ZodType>(rows: readonly Record<string, string>[], schema: S, source = "CSV"): z.output<S>[] {
  const out: z.output<S>[] = [];
  const issues: LotwiseIssue[] = [];
  const messages: string[] = [];
  rows.forEach((raw, i) => {
    const rowNumber = i + 2;
    const cleaned: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(raw)) cleaned[k] = v.trim() === "" ? undefined : v;
    const result = schema.safeParse(cleaned);
    if (result.success) {
      out.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const column = issue.path.length > 0 ? String(issue.path[0]) : "";
      const rawValue = column === "" ? undefined : cleaned[column];
      const text = column === "" ? issue.message : `column ${column}: ${describeIssue(issue, rawValue)}`;
      messages.push(`row ${rowNumber}, ${text}`);
      issues.push({ path: [rowNumber, ...issue.path], message: text, input: rawValue });
    }
  });
  if (issues.length > 0) {
    const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : "";
    throw new LotwiseError("invalid_input", `${source}: ${messages[0]!}${more}${messages.length > 1 ? `\n${messages.slice(1, 6).join("\n")}` : ""}`, { issues });
  }
  return out;
}

/**
 * Reads a CSV file (UTF-8, header row, optional BOM) and validates each row with a zod schema.
 *
 * @param path - file path.
 * @param schema - zod schema for one row; its required keys must be columns of the file.
 * @returns the parsed rows in file order.
 * @throws {LotwiseError} `io_error` when the file cannot be read; `invalid_input` for a missing column
 *   (`providers.csv: missing column capacity_hours`) or a bad cell (`providers.csv: row 17, column capacity_hours: "12x" is not a number`).
 * @example
 * ```ts
 * import { z } from "zod";
 * import { readCsv } from "lotwise/node";
 * const rows = await readCsv("providers.csv", z.object({ id: z.string(), capacity_hours: z.coerce.number().min(0) }));
 * ```
 */
export async function readCsv<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new LotwiseError("io_error", `Cannot read ${JSON.stringify(path)}: ${(cause as Error).message}`, { cause });
  }
  const { header, rows } = await parseRaw(text, path);
  const required = schemaColumns(schema);
  if (required !== null) {
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      throw new LotwiseError(
        "invalid_input",
        `${path}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header has: ${header.join(", ")})`,
        { issues: missing.map((c) => ({ path: [1, c], message: "missing column" })) },
      );
    }
  }
  return parseCsvRows(rows, schema, path);
}

/** Formats one cell reproducibly: numbers rounded to `decimals` with trailing zeros dropped, -0 as 0. */
export function formatCsvCell(value: CsvCell, decimals = 6): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatDecimals(value, decimals);
  return String(value);
}

function columnsOf(rows: readonly CsvRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) seen.add(k);
  return [...seen];
}

/**
 * Formats rows as CSV text: header row, `\n` line ends, a final newline, numbers formatted by
 * {@link formatCsvCell}. The same rows always give the same bytes.
 *
 * @param rows - records to write.
 * @param options - `columns` (order), `decimals` (default 6).
 * @returns the CSV text.
 * @example
 * ```ts
 * import { formatCsv } from "lotwise/node";
 * await formatCsv([{ id: "A", hours: 1 / 3 }]); // "id,hours\nA,0.333333\n"
 * ```
 */
export async function formatCsv(rows: readonly CsvRow[], options: WriteCsvOptions = {}): Promise<string> {
  const columns = options.columns !== undefined ? [...options.columns] : columnsOf(rows);
  const decimals = options.decimals ?? 6;
  const body = rows.map((r) => columns.map((c) => formatCsvCell(r[c], decimals)));
  if (columns.length === 0) return "";
  return writeToString([columns, ...body], { includeEndRowDelimiter: true, rowDelimiter: "\n" });
}

/**
 * Writes rows to a CSV file atomically (a temporary file, then rename), with a stable column order and
 * reproducible number formatting (see {@link formatCsv}).
 *
 * @param path - file path; the parent folder is created.
 * @param rows - records to write.
 * @param options - `columns` (order), `decimals` (default 6).
 * @throws {LotwiseError} `io_error` when the file cannot be written (no partial file is left).
 * @example
 * ```ts
 * import { writeCsv } from "lotwise/node";
 * await writeCsv("out/lots.csv", [{ lot_id: "ELR-01", hours: 1234.5 }]);
 * ```
 */
export async function writeCsv(path: string, rows: readonly CsvRow[], options: WriteCsvOptions = {}): Promise<void> {
  await writeFileAtomic(path, await formatCsv(rows, options));
}

// CSV files for Node: readCsv validates every row with a zod schema and names the row and column at
// fault; writeCsv writes rows with a fixed column order and reproducible number formatting, atomically.
//
// Spreadsheet safety (OWASP "CSV injection"): a text cell that starts with = + - @ tab or CR is written
// with a leading ' unless the whole cell is a plain decimal number ("-3.5" stays a number), and numbers
// written as numbers are never changed. To keep this reversible, a text cell that starts with ' followed
// by such a character (after any further ') gets one more '; readCsv removes exactly one leading ' from
// such cells. Control characters (other than tab, LF, CR) and unpaired surrogates are refused on both
// sides: spreadsheets and UTF-8 drop or replace them, which would silently change an id.
import { readFile } from "node:fs/promises";
import { parseString } from "@fast-csv/parse";
import { writeToString } from "@fast-csv/format";
import type { z } from "zod";
import { LotwiseError, formatValue, parseInput, type LotwiseIssue } from "../errors.js";
import { formatDecimals } from "../internal/format.js";
import { ReadCsvOptionsSchema, WriteCsvOptionsSchema, type ReadCsvOptions, type WriteCsvOptions } from "../schema/csv.js";
import { writeFileAtomic } from "./files.js";

export type { ReadCsvOptions, WriteCsvOptions } from "../schema/csv.js";

/** A value writeCsv can put in a cell. `null`/`undefined` become an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;
/** One CSV record: column name → cell. */
export type CsvRow = Readonly<Record<string, CsvCell>>;

/** Characters a cell may not hold: C0 controls other than tab/LF/CR, DEL, and unpaired surrogates. */
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** "U+0000" for the first character `BAD_CHAR` finds. */
function badCharName(s: string): string {
  const m = BAD_CHAR.exec(s)!;
  return `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A text cell as written with formula escaping: `'` prefixed when a spreadsheet would read it as a
 * formula (see the file comment). @internal
 */
export function escapeFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** The inverse of {@link escapeFormula} on cells it wrote. @internal */
export function unescapeFormula(s: string): string {
  return ESCAPED_FORMULA.test(s) ? s.slice(1) : s;
}

function schemaColumns(schema: z.ZodType): string[] | null {
  const shape = (schema as unknown as { shape?: Record<string, { safeParse?: (v: unknown) => { success: boolean } }> }).shape;
  if (shape === undefined || typeof shape !== "object" || shape === null) return null;
  // A column is required when the schema rejects `undefined` for it (not optional, no default).
  return Object.entries(shape)
    .filter(([, s]) => typeof s?.safeParse === "function" && !s.safeParse(undefined).success)
    .map(([k]) => k);
}

/** A record with the given own keys and no prototype, so a column named `__proto__` or `constructor` is just a column. */
function recordOf(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const row = Object.create(null) as Record<string, string>;
  header.forEach((h, i) => (row[h] = cells[i] ?? ""));
  return row;
}

/**
 * Parses CSV text (header row first) into raw string records. Rows are numbered as a spreadsheet shows
 * them: the header is row 1, and blank lines count as rows (they are skipped, not renumbered).
 */
async function parseRaw(text: string, source: string, unescape: boolean): Promise<{ header: string[]; rows: { row: number; cells: Record<string, string> }[] }> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString<string[], string[]>(body, { headers: false, ignoreEmpty: false })
      .on("error", (cause: Error) => {
        reject(new LotwiseError("invalid_input", `${source}, row ${out.length + 1}: ${cause.message}`, { cause, issues: [{ path: [out.length + 1], message: cause.message }] }));
      })
      .on("data", (r: string[]) => out.push(r))
      .on("end", () => resolve(out));
  });
  const fail = (row: number, column: string | null, value: string | undefined, why: string): never => {
    const where = column === null ? `row ${row}` : `row ${row}, column ${column}`;
    throw new LotwiseError("invalid_input", `${source}: ${where}: ${value === undefined ? "" : `${formatValue(value)} `}${why}`, {
      issues: [{ path: column === null ? [row] : [row, column], message: why, ...(value === undefined ? {} : { input: value }) }],
    });
  };
  const fix = (s: string): string => (unescape ? unescapeFormula(s) : s);
  const headerCells = records[0] ?? [];
  if (records.length > 0 && headerCells.every((c) => c.trim() === "")) fail(1, null, undefined, "is blank: the first line must be the header");
  headerCells.forEach((c) => {
    if (BAD_CHAR.test(c)) fail(1, null, c, `has a control character (${badCharName(c)}) in a column name`);
  });
  const header = headerCells.map(fix);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) fail(1, null, dup, "is a column name given twice");
  const rows: { row: number; cells: Record<string, string> }[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    const row = r + 1;
    if (cells.every((c) => c.trim() === "")) continue; // a blank line: skipped, but it keeps its row number
    if (cells.length > header.length) fail(row, null, undefined, `has ${cells.length} cells but the header has ${header.length} columns`);
    cells.forEach((c, i) => {
      if (BAD_CHAR.test(c)) fail(row, header[i]!, c, `has a control character (${badCharName(c)}); remove it from the data`);
    });
    rows.push({ row, cells: recordOf(header, cells.map(fix)) });
  }
  return { header, rows };
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (raw === undefined) return "is missing (empty cell)";
  if (issue.code === "invalid_type" && issue.expected === "number") return `${formatValue(raw)} is not a number`;
  if (issue.code === "invalid_type" && issue.expected === "boolean") return `${formatValue(raw)} is not true or false`;
  return `${formatValue(raw)}: ${issue.message}`;
}

function requireSchema(schema: unknown): asserts schema is z.ZodType {
  if (typeof schema !== "object" || schema === null || typeof (schema as { safeParse?: unknown }).safeParse !== "function") {
    throw new LotwiseError("invalid_input", `Invalid schema: ${formatValue(schema)}. expected a zod schema for one row`, { issues: [{ path: ["schema"], message: "expected a zod schema", input: schema }] });
  }
}

/** Validates numbered raw rows with a schema; shared by parseCsvRows and readCsv. */
function validateRows<S extends z.ZodType>(rows: readonly { row: number; cells: Readonly<Record<string, string>> }[], schema: S, source: string): z.output<S>[] {
  const out: z.output<S>[] = [];
  const issues: LotwiseIssue[] = [];
  const messages: string[] = [];
  for (const { row: rowNumber, cells: raw } of rows) {
    const cleaned = Object.create(null) as Record<string, string | undefined>;
    for (const [k, v] of Object.entries(raw)) cleaned[k] = v.trim() === "" ? undefined : v;
    const result = schema.safeParse(cleaned);
    if (result.success) {
      out.push(result.data);
      continue;
    }
    for (const issue of result.error.issues) {
      const column = issue.path.length > 0 ? String(issue.path[0]) : "";
      const rawValue = column === "" || !Object.hasOwn(cleaned, column) ? undefined : cleaned[column];
      const text = column === "" ? issue.message : `column ${column}: ${describeIssue(issue, rawValue)}`;
      messages.push(`row ${rowNumber}, ${text}`);
      issues.push({ path: [rowNumber, ...issue.path], message: text, input: rawValue });
    }
  }
  if (issues.length > 0) {
    const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : "";
    throw new LotwiseError("invalid_input", `${source}: ${messages[0]!}${more}${messages.length > 1 ? `\n${messages.slice(1, 6).join("\n")}` : ""}`, { issues });
  }
  return out;
}

/**
 * Validates raw CSV records (strings) with a zod row schema. Empty cells are passed to the schema as
 * `undefined`, so an optional column may be blank and a required one may not (an empty cell is never
 * read as 0). Records are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
 *
 * @param rows - raw records, e.g. from a CSV parser: objects whose values are strings.
 * @param schema - a zod schema for one row (use `z.coerce.number()` for numeric columns).
 * @param source - a name for messages (the file path).
 * @returns the parsed rows, in file order.
 * @throws {LotwiseError} `invalid_input`: `data.csv: row 17, column capacity_hours: "12x" is not a number`;
 *   every bad cell is listed in `issues` (path `[row, column]`). Non-array rows, a record that is not an
 *   object of strings, or a schema that is not a zod schema are `invalid_input` too.
 * @example
 * ```ts
 * import { z } from "zod";
 * import { parseCsvRows } from "lotwise/node";
 * parseCsvRows([{ id: "P1", capacity_hours: "40" }], z.object({ id: z.string(), capacity_hours: z.coerce.number() }));
 * // [{ id: "P1", capacity_hours: 40 }]
 * ```
 */
export function parseCsvRows<S extends z.ZodType>(rows: readonly Record<string, string>[], schema: S, source = "CSV"): z.output<S>[] {
  requireSchema(schema);
  const name = typeof source === "string" ? source : "CSV";
  if (!Array.isArray(rows)) throw new LotwiseError("invalid_input", `Invalid rows: ${formatValue(rows)}. expected an array of records`, { issues: [{ path: ["rows"], message: "expected an array", input: rows }] });
  const numbered = rows.map((raw: unknown, i) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new LotwiseError("invalid_input", `Invalid rows[${i}]: ${formatValue(raw)}. expected a record of strings`, { issues: [{ path: ["rows", i], message: "expected a record", input: raw }] });
    }
    for (const [k, v] of Object.entries(raw)) {
      if (typeof v !== "string") {
        throw new LotwiseError("invalid_input", `Invalid rows[${i}].${k}: ${formatValue(v)}. expected a string (a raw CSV cell)`, { issues: [{ path: ["rows", i, k], message: "expected a string", input: v }] });
      }
    }
    return { row: i + 2, cells: raw as Record<string, string> };
  });
  return validateRows(numbered, schema, name);
}

/**
 * Reads a CSV file (UTF-8, header row, optional BOM) and validates each row with a zod schema. Blank
 * lines are skipped but counted, so row numbers in messages match the spreadsheet. Cells escaped by
 * {@link writeCsv} against formula injection are read back as written (see `unescapeFormulas`).
 *
 * @param path - file path.
 * @param schema - zod schema for one row; its required keys must be columns of the file.
 * @param options - `unescapeFormulas` (default true).
 * @returns the parsed rows in file order.
 * @throws {LotwiseError} `io_error` when the file cannot be read; `invalid_input` for a missing or
 *   repeated column (`providers.csv: missing column capacity_hours`), a row with more cells than the
 *   header, a control character in a cell, or a bad cell (`providers.csv: row 17, column capacity_hours: "12x" is not a number`).
 * @example
 * ```ts
 * import { z } from "zod";
 * import { readCsv } from "lotwise/node";
 * const rows = await readCsv("providers.csv", z.object({ id: z.string(), capacity_hours: z.coerce.number().min(0) }));
 * ```
 */
export async function readCsv<S extends z.ZodType>(path: string, schema: S, options: ReadCsvOptions = {}): Promise<z.output<S>[]> {
  if (typeof path !== "string" || path === "") throw new LotwiseError("invalid_input", `Invalid path: ${formatValue(path)}. expected a file path`, { issues: [{ path: ["path"], message: "expected a file path", input: path }] });
  requireSchema(schema);
  const opts = parseInput(ReadCsvOptionsSchema, options, "options");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new LotwiseError("io_error", `Cannot read ${JSON.stringify(path)}: ${(cause as Error).message}`, { cause });
  }
  const { header, rows } = await parseRaw(text, path, opts.unescapeFormulas);
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
  return validateRows(rows, schema, path);
}

/**
 * Formats one cell reproducibly: numbers rounded to `decimals` with trailing zeros dropped, -0 as 0,
 * `null`/`undefined` as an empty cell. No formula escaping (that is {@link formatCsv}'s job).
 *
 * @param value - the cell.
 * @param decimals - decimal places for numbers (default 6).
 * @returns the cell text.
 * @example
 * ```ts
 * import { formatCsvCell } from "lotwise/node";
 * formatCsvCell(1 / 3); // "0.333333"
 * ```
 */
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

/** The text of every cell, checked: a bad row or cell is `invalid_input` naming it. */
function cellTexts(rows: unknown, columns: readonly string[], decimals: number, escape: boolean): string[][] {
  const bad = (path: PropertyKey[], value: unknown, why: string): never => {
    const at = path.map((p) => (typeof p === "number" ? `[${p}]` : `[${JSON.stringify(String(p))}]`)).join("");
    throw new LotwiseError("invalid_input", `Invalid rows${at}: ${formatValue(value)}. ${why}`, { issues: [{ path: ["rows", ...path], message: why, input: value }] });
  };
  const text = (s: string, path: PropertyKey[]): string => {
    if (BAD_CHAR.test(s)) bad(path, s, `has a control character (${badCharName(s)}) that spreadsheets drop; remove it from the data`);
    return escape ? escapeFormula(s) : s;
  };
  return (rows as readonly unknown[]).map((row, i) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) bad([i], row, "expected a record of cells");
    return columns.map((c) => {
      const v = Object.hasOwn(row as object, c) ? (row as Record<string, unknown>)[c] : undefined;
      if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean") return formatCsvCell(v, decimals);
      if (typeof v === "string") return text(v, [i, c]);
      return bad([i, c], v, "a cell must be a string, number, boolean, null or undefined");
    });
  });
}

/**
 * Formats rows as CSV text: header row, `\n` line ends, a final newline, numbers formatted by
 * {@link formatCsvCell}. The same rows always give the same bytes. Text cells are escaped against
 * spreadsheet formula injection (a leading `'` before `=`, `+`, `-`, `@`, tab or CR, unless the cell is
 * a plain number such as `-3.5`); number cells are never changed.
 *
 * @param rows - records to write (own string keys → string, number, boolean, null or undefined).
 * @param options - `columns` (order), `decimals` (default 6), `escapeFormulas` (default true), `bom` (default false).
 * @returns the CSV text.
 * @throws {LotwiseError} `invalid_input` for bad options, a row that is not a record, a cell of another
 *   type, or a text cell with a control character other than tab/LF/CR (never dropped silently).
 * @example
 * ```ts
 * import { formatCsv } from "lotwise/node";
 * await formatCsv([{ id: "A", hours: 1 / 3 }]); // "id,hours\nA,0.333333\n"
 * await formatCsv([{ id: "=1+1", change: -3.5 }]); // "id,change\n'=1+1,-3.5\n"
 * ```
 */
export async function formatCsv(rows: readonly CsvRow[], options: WriteCsvOptions = {}): Promise<string> {
  const opts = parseInput(WriteCsvOptionsSchema, options, "options");
  if (!Array.isArray(rows)) throw new LotwiseError("invalid_input", `Invalid rows: ${formatValue(rows)}. expected an array of records`, { issues: [{ path: ["rows"], message: "expected an array", input: rows }] });
  for (let i = 0; i < rows.length; i++) {
    const r: unknown = rows[i];
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new LotwiseError("invalid_input", `Invalid rows[${i}]: ${formatValue(r)}. expected a record of cells`, { issues: [{ path: ["rows", i], message: "expected a record", input: r }] });
    }
  }
  const columns = opts.columns ?? columnsOf(rows);
  const header = cellTexts([Object.fromEntries(columns.map((c) => [c, c]))], columns, opts.decimals, opts.escapeFormulas)[0]!;
  const body = cellTexts(rows, columns, opts.decimals, opts.escapeFormulas);
  if (columns.length === 0) return opts.bom ? "\uFEFF" : "";
  let text: string;
  try {
    text = await writeToString([header, ...body], { includeEndRowDelimiter: true, rowDelimiter: "\n" });
  } catch (cause) {
    throw new LotwiseError("invalid_input", `Cannot format the rows as CSV: ${(cause as Error).message}`, { cause });
  }
  return opts.bom ? `\uFEFF${text}` : text;
}

/**
 * Writes rows to a CSV file atomically (a temporary file with a random name, then rename), with a stable
 * column order, reproducible number formatting and formula escaping (see {@link formatCsv}).
 *
 * @param path - file path; the parent folder is created.
 * @param rows - records to write.
 * @param options - `columns` (order), `decimals` (default 6), `escapeFormulas` (default true), `bom` (default false).
 * @throws {LotwiseError} `invalid_input` as {@link formatCsv}; `io_error` when the file cannot be written
 *   (the previous file is kept and no temporary file is left).
 * @example
 * ```ts
 * import { writeCsv } from "lotwise/node";
 * await writeCsv("out/lots.csv", [{ lot_id: "ELR-01", hours: 1234.5 }]);
 * ```
 */
export async function writeCsv(path: string, rows: readonly CsvRow[], options: WriteCsvOptions = {}): Promise<void> {
  const text = await formatCsv(rows, options);
  await writeFileAtomic(path, text);
}

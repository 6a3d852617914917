// Postcodes to positions with a postcode directory (ONSPD/NSPL-style rows: postcode, lat, lon), offline and
// browser-safe. A council's register writes `BD127WX`, `bd12 7wx` or `BD12  7WX`; ONSPD's `pcd` column pads
// to 7 characters (`B1  1AA`). All are the same postcode once upper-cased and re-spaced before the last three
// characters (the inward code), which is how lookups are made here. Nothing is dropped silently: every row
// not found is listed with its reason.
import { LotwiseError, formatValue, invalid, parseInput, type LotwiseIssue } from "../errors.js";
import type { LonLat } from "../domain/index.js";
import {
  GeocodePostcodesOptionsSchema,
  POSTCODE_DIRECTORY_COLUMNS,
  PostcodeDirectoryOptionsSchema,
  type GeocodePostcodesOptions,
  type PostcodeDirectoryOptions,
} from "../schema/postcodes.js";

/** A postcode directory: normalised postcode → position. Built once by {@link postcodeDirectory}, reused for every lookup. */
export interface PostcodeDirectory {
  readonly type: "PostcodeDirectory";
  /** Normalised postcode (`"BD12 7WX"`) → `[lon, lat]`. */
  readonly lonLats: ReadonlyMap<string, LonLat>;
  /**
   * Postcodes the directory lists without a position (blank cells, or ONSPD/NSPL's `99.999999` latitude
   * for "no grid reference"): a lookup of one of them is reported as `no_location`, not as unknown.
   */
  readonly withoutLocation: ReadonlySet<string>;
  /** The columns read. */
  readonly columns: { readonly postcode: string; readonly lat: string; readonly lon: string };
}

/** Why a row was not geocoded. */
export type PostcodeMissReason = "blank" | "malformed" | "unknown" | "no_location";

/** A row {@link geocodePostcodes} could not place. */
export interface PostcodeMiss {
  /** Position of the row in the input (the spreadsheet row is `index + 2`, the header being row 1). */
  readonly index: number;
  /** The postcode cell as given. */
  readonly postcode: unknown;
  /** The normalised postcode, or `null` when the cell is blank or not a postcode. */
  readonly normalised: string | null;
  /** `blank` (no postcode), `malformed` (not a UK postcode), `unknown` (not in the directory), `no_location` (listed without a position). */
  readonly reason: PostcodeMissReason;
}

/** A geocoded row: the input row with its postcode cell normalised and `lon`, `lat` from the directory. */
export type GeocodedRow<R> = Omit<R, "lon" | "lat"> & { readonly lon: number; readonly lat: number };

/** The result of {@link geocodePostcodes}. */
export interface GeocodedPostcodes<R> {
  /** The rows found, in input order. */
  readonly rows: GeocodedRow<R>[];
  /** Every row not found, in input order. Empty when all were found. */
  readonly notFound: PostcodeMiss[];
  /** One line listing the rows not found (none when all were found). */
  readonly warnings: string[];
}

// Outward code (area letters, district digit, optional digit/letter) then inward code (digit, two letters).
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
// ONSPD and NSPL write this latitude (with longitude 0) for postcodes that have no grid reference.
const NO_GRID_LAT = 99.999999;

/**
 * Normalises a UK postcode: upper case, inner spaces removed, one space before the inward code.
 *
 * @param postcode - as written in a register or directory (`"bd127wx"`, `"BD12  7WX"`, `"B1  1AA"`).
 * @returns `"BD12 7WX"`, or `null` when the text is not a UK postcode (`GIR 0AA` is accepted).
 * @example
 * ```ts
 * import { normalisePostcode } from "lotwise";
 * normalisePostcode("bd127wx"); // "BD12 7WX"
 * normalisePostcode("LE1"); // null
 * ```
 */
export function normalisePostcode(postcode: string): string | null {
  if (typeof postcode !== "string") return null;
  const compact = postcode.replace(/[\s\u00A0]+/g, "").toUpperCase();
  if (compact === "GIR0AA") return "GIR 0AA";
  const m = POSTCODE.exec(compact);
  return m === null ? null : `${m[1]} ${m[2]}`;
}

function pickColumn(given: string | undefined, first: Record<string, unknown>, candidates: readonly string[], what: string): string {
  if (given !== undefined) {
    if (!Object.hasOwn(first, given)) invalid(["directory", 0, given], Object.keys(first), `the directory has no ${what} column ${JSON.stringify(given)}`);
    return given;
  }
  const found = candidates.find((c) => Object.hasOwn(first, c));
  if (found === undefined) {
    invalid(["directory", 0], Object.keys(first), `no ${what} column found (tried ${candidates.join(", ")}); name it with options.${what}Column`);
  }
  return found;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function coordinate(v: unknown, path: PropertyKey[], lo: number, hi: number, what: string): number {
  const x = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim()) : NaN;
  if (!Number.isFinite(x)) invalid(path, v, `${what} must be a number`);
  if (x < lo || x > hi) invalid(path, v, `${what} must be in [${lo}, ${hi}]`);
  return x;
}

/**
 * Builds a postcode directory from rows of an ONSPD/NSPL-style table (postcode, latitude, longitude; other
 * columns ignored), such as `geodata/postcode_centroids.csv` (58,078 Leicestershire and Bradford postcodes)
 * read with `readCsv`, or the full ONSPD. Postcodes are normalised ({@link normalisePostcode}).
 *
 * @param rows - one record per postcode; cells may be strings (as a CSV parser gives them) or numbers.
 * @param options - the column names, when they are not among the usual ones ({@link PostcodeDirectoryOptions}).
 * @returns the {@link PostcodeDirectory}.
 * @throws {LotwiseError} `invalid_input` for no rows, a missing column, a cell that is not a postcode or a
 *   coordinate out of range (naming the row); `duplicate_id` for a postcode listed twice at different positions.
 * @example
 * ```ts
 * import { postcodeDirectory } from "lotwise";
 * const dir = postcodeDirectory([{ pcds: "BD1 1AA", lat: "53.79603", long: "-1.75060" }]);
 * dir.lonLats.get("BD1 1AA"); // [-1.7506, 53.79603]
 * ```
 */
export function postcodeDirectory(rows: readonly Readonly<Record<string, unknown>>[], options: PostcodeDirectoryOptions = {}): PostcodeDirectory {
  const opts = parseInput(PostcodeDirectoryOptionsSchema, options, "options");
  if (!Array.isArray(rows)) invalid(["directory"], rows, "expected an array of rows { postcode, lat, lon }");
  if (rows.length === 0) invalid(["directory"], rows, "the directory has no rows");
  const first = rows[0] as unknown;
  if (typeof first !== "object" || first === null) invalid(["directory", 0], first, "expected a row { postcode, lat, lon }");
  const columns = {
    postcode: pickColumn(opts.postcodeColumn, first as Record<string, unknown>, POSTCODE_DIRECTORY_COLUMNS.postcode, "postcode"),
    lat: pickColumn(opts.latColumn, first as Record<string, unknown>, POSTCODE_DIRECTORY_COLUMNS.lat, "lat"),
    lon: pickColumn(opts.lonColumn, first as Record<string, unknown>, POSTCODE_DIRECTORY_COLUMNS.lon, "lon"),
  };
  const lonLats = new Map<string, LonLat>();
  const rowOf = new Map<string, number>();
  const withoutLocation = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Record<string, unknown> | null;
    if (typeof r !== "object" || r === null) invalid(["directory", i], r, "expected a row { postcode, lat, lon }");
    const raw = r[columns.postcode];
    const pc = typeof raw === "string" ? normalisePostcode(raw) : null;
    if (pc === null) invalid(["directory", i, columns.postcode], raw, "not a UK postcode");
    const latCell = r[columns.lat], lonCell = r[columns.lon];
    if (isBlank(latCell) || isBlank(lonCell) || Number(latCell) === NO_GRID_LAT) {
      if (!lonLats.has(pc)) withoutLocation.add(pc);
      continue;
    }
    const lat = coordinate(latCell, ["directory", i, columns.lat], -90, 90, "latitude");
    const lon = coordinate(lonCell, ["directory", i, columns.lon], -180, 180, "longitude");
    const before = lonLats.get(pc);
    if (before !== undefined) {
      if (before[0] !== lon || before[1] !== lat) {
        invalid(["directory", i, columns.postcode], raw, `postcode ${pc} is listed twice at different positions (directory[${rowOf.get(pc)}] and directory[${i}])`, "duplicate_id");
      }
      continue;
    }
    withoutLocation.delete(pc);
    lonLats.set(pc, [lon, lat]);
    rowOf.set(pc, i);
  }
  return { type: "PostcodeDirectory", lonLats, withoutLocation, columns };
}

function isDirectory(d: unknown): d is PostcodeDirectory {
  return typeof d === "object" && d !== null && (d as { type?: unknown }).type === "PostcodeDirectory" && (d as { lonLats?: unknown }).lonLats instanceof Map;
}

/** The directory as given, or built from rows. @internal */
export function toPostcodeDirectory(directory: PostcodeDirectory | readonly Readonly<Record<string, unknown>>[], options: PostcodeDirectoryOptions = {}): PostcodeDirectory {
  return isDirectory(directory) ? directory : postcodeDirectory(directory, options);
}

/** Looks one postcode cell up. @internal */
export function lookupPostcode(directory: PostcodeDirectory, cell: unknown): { normalised: string | null; lonLat: LonLat | null; reason: PostcodeMissReason | null } {
  if (isBlank(cell)) return { normalised: null, lonLat: null, reason: "blank" };
  const normalised = typeof cell === "string" ? normalisePostcode(cell) : null;
  if (normalised === null) return { normalised, lonLat: null, reason: "malformed" };
  const lonLat = directory.lonLats.get(normalised);
  if (lonLat !== undefined) return { normalised, lonLat, reason: null };
  return { normalised, lonLat: null, reason: directory.withoutLocation.has(normalised) ? "no_location" : "unknown" };
}

const REASON_TEXT: Readonly<Record<PostcodeMissReason, string>> = {
  blank: "no postcode",
  malformed: "not a UK postcode",
  unknown: "not in the directory",
  no_location: "listed without a position",
};

/** `"BD99 9ZZ" (rows[3], spreadsheet row 5: not in the directory)`. @internal */
export function describeMiss(m: PostcodeMiss): string {
  return `${formatValue(m.postcode)} (rows[${m.index}], spreadsheet row ${m.index + 2}: ${REASON_TEXT[m.reason]})`;
}

/** The LotwiseError for rows that must all be found (providers): every miss listed. @internal */
export function postcodeMissError(misses: readonly PostcodeMiss[], total: number, column: string): LotwiseError {
  const issues: LotwiseIssue[] = misses.map((m) => ({ path: ["rows", m.index, column], message: `postcode ${REASON_TEXT[m.reason]}`, input: m.postcode }));
  return new LotwiseError("invalid_input", `${misses.length} of ${total} postcodes not found: ${misses.map(describeMiss).join("; ")}.`, { issues });
}

/**
 * Puts rows (a provider register, a list of clients) on the map by their postcode, with a postcode
 * directory. The postcode is matched in any case and spacing (`BD127WX` = `bd12 7wx` = `BD12 7WX`). Rows
 * whose postcode is blank, not a UK postcode, not in the directory, or listed there without a position are
 * returned in `notFound` (every one, with its reason) and named in `warnings`; none is dropped silently.
 *
 * @param rows - records with a postcode column (`options.column`, default `"postcode"`); other columns are kept.
 * @param directory - a {@link PostcodeDirectory}, or the directory's rows (then built with `options`' column names).
 * @param options - {@link GeocodePostcodesOptions}.
 * @returns `{ rows, notFound, warnings }`: found rows in input order with the postcode normalised and `lon`, `lat` set.
 * @throws {LotwiseError} `invalid_input` when `rows` is not an array of records, or the directory is malformed.
 * @example
 * ```ts
 * import { geocodePostcodes } from "lotwise";
 * const directory = [{ postcode: "BD12 7WX", lat: "53.75", lon: "-1.77" }];
 * const g = geocodePostcodes([{ name: "Acorn", postcode: "bd127wx" }, { name: "Beacon", postcode: "BD99 9ZZ" }], directory);
 * g.rows; // [{ name: "Acorn", postcode: "BD12 7WX", lon: -1.77, lat: 53.75 }]
 * g.notFound[0].reason; // "unknown"
 * ```
 */
export function geocodePostcodes<R extends Readonly<Record<string, unknown>>>(
  rows: readonly R[],
  directory: PostcodeDirectory | readonly Readonly<Record<string, unknown>>[],
  options: GeocodePostcodesOptions = {},
): GeocodedPostcodes<R> {
  const opts = parseInput(GeocodePostcodesOptionsSchema, options, "options");
  if (!Array.isArray(rows)) invalid(["rows"], rows, "expected an array of rows with a postcode column");
  const { column: _column, ...directoryOptions } = opts;
  const dir = toPostcodeDirectory(directory, directoryOptions);
  const found: GeocodedRow<R>[] = [];
  const notFound: PostcodeMiss[] = [];
  rows.forEach((r, i) => {
    if (typeof r !== "object" || r === null) invalid(["rows", i], r, "expected a record");
    const cell = r[opts.column];
    const hit = lookupPostcode(dir, cell);
    if (hit.lonLat === null) notFound.push({ index: i, postcode: cell, normalised: hit.normalised, reason: hit.reason! });
    else found.push({ ...r, [opts.column]: hit.normalised, lon: hit.lonLat[0], lat: hit.lonLat[1] } as unknown as GeocodedRow<R>);
  });
  const warnings = notFound.length === 0 ? [] : [`${notFound.length} of ${rows.length} postcodes not found: ${notFound.map(describeMiss).join("; ")}.`];
  return { rows: found, notFound, warnings };
}

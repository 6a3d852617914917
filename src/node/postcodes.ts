// A postcode directory from a CSV file (ONSPD, NSPL, or geodata/postcode_centroids.csv).
import { z } from "zod";
import { postcodeDirectory, type PostcodeDirectory } from "../io/postcodes.js";
import type { PostcodeDirectoryOptions } from "../schema/postcodes.js";
import { readCsv } from "./csv.js";

/**
 * Reads a postcode directory CSV (header row; a postcode, a latitude and a longitude column, others
 * ignored) into a {@link PostcodeDirectory} for `geocodePostcodes` and `providersFromRows`. ONSPD/NSPL
 * column names (`pcds`, `lat`, `long`) and plain ones (`postcode`, `lat`, `lon`) are found by themselves.
 *
 * @param path - the CSV file, e.g. `geodata/postcode_centroids.csv` (58,078 Leicestershire and Bradford postcodes).
 * @param options - the column names, when they are not the usual ones.
 * @returns the directory.
 * @throws {LotwiseError} `io_error` when the file cannot be read; `invalid_input` for a malformed row or a
 *   missing column; `duplicate_id` for a postcode listed twice at different positions.
 * @example
 * ```ts
 * import { readPostcodeDirectory } from "lotwise/node";
 * const dir = await readPostcodeDirectory("geodata/postcode_centroids.csv");
 * dir.lonLats.size; // 58078
 * ```
 */
export async function readPostcodeDirectory(path: string, options: PostcodeDirectoryOptions = {}): Promise<PostcodeDirectory> {
  // Rows are checked by postcodeDirectory itself (one pass, messages naming the row), not per row by zod.
  return postcodeDirectory((await readCsv(path, z.any())) as Record<string, string | undefined>[], options);
}

import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { LotwiseError } from "../errors.js";
import { loadBoundaries } from "../boundaries/load.js";
import type { Boundaries } from "../boundaries/types.js";
import type { LoadBoundariesOptions } from "../schema/boundary.js";

/**
 * Reads and parses a GeoJSON (or any JSON) file.
 *
 * @param path - file path.
 * @returns the parsed value.
 * @throws {LotwiseError} `io_error` when the file cannot be read, `invalid_input` when it is not JSON.
 * @example
 * ```ts
 * import { readGeoJSON } from "lotwise/node";
 * const fc = await readGeoJSON("geodata/lad_boundaries.geojson");
 * ```
 */
export async function readGeoJSON(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new LotwiseError("io_error", `Cannot read ${JSON.stringify(path)}: ${(cause as Error).message}`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new LotwiseError("invalid_input", `File ${JSON.stringify(path)} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Reads a GeoJSON file of polygons and loads it with {@link loadBoundaries}.
 *
 * @example
 * ```ts
 * import { readBoundaries } from "lotwise/node";
 * const lsoas = await readBoundaries("geodata/lsoa11_leicestershire.geojson", { idProperty: "lsoa11cd" });
 * lsoas.ids.length; // 611
 * ```
 */
export async function readBoundaries(path: string, options: LoadBoundariesOptions = {}): Promise<Boundaries> {
  return loadBoundaries(await readGeoJSON(path), options);
}

/**
 * Writes text atomically: to a temporary file beside the target, then renamed, so a failure never
 * leaves a partial file behind. Creates the parent folder.
 * @internal
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, text, "utf8");
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new LotwiseError("io_error", `Cannot write ${JSON.stringify(path)}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Writes a GeoJSON value as JSON (2-space indent, trailing newline), atomically.
 *
 * @example
 * ```ts
 * import { writeGeoJSON } from "lotwise/node";
 * await writeGeoJSON("out/lots.geojson", { type: "FeatureCollection", features: [] });
 * ```
 */
export async function writeGeoJSON(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value)}\n`);
}

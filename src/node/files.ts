// File helpers for Node: JSON/GeoJSON in and out, and the atomic writers every lotwise output goes
// through. Temporary files get random names created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW), so a
// planted file or symlink is never written through and two writers never share one; a set of outputs is
// committed as a unit from a fresh temporary folder beside the targets (see writeFilesAtomic).
import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { copyFile, link, lstat, mkdir, mkdtemp, open, readFile, readlink, rename, rm, rmdir, symlink, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { LotwiseError, formatValue } from "../errors.js";
import { loadBoundaries } from "../boundaries/load.js";
import type { Boundaries } from "../boundaries/types.js";
import type { LoadBoundariesOptions } from "../schema/boundary.js";

const errorText = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

function requirePath(path: unknown, arg = "path"): asserts path is string {
  if (typeof path !== "string" || path === "" || path.includes("\0")) {
    throw new LotwiseError("invalid_input", `Invalid ${arg}: ${formatValue(path)}. expected a file path (a non-empty string without NUL)`, {
      issues: [{ path: [arg], message: "expected a file path", input: path }],
    });
  }
}

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
  requirePath(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new LotwiseError("io_error", `Cannot read ${JSON.stringify(path)}: ${errorText(cause)}`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new LotwiseError("invalid_input", `File ${JSON.stringify(path)} is not valid JSON: ${errorText(cause)}`, { cause });
  }
}

/**
 * Reads a GeoJSON file of polygons and loads it with {@link loadBoundaries}.
 *
 * @param path - file path.
 * @param options - as for {@link loadBoundaries} (`idProperty`, …).
 * @returns the loaded boundaries, sorted by id.
 * @throws {LotwiseError} `io_error` when the file cannot be read; `invalid_input` as {@link loadBoundaries}.
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

const randomName = (prefix: string): string => `${prefix}.${randomBytes(9).toString("hex")}.tmp`;

/**
 * Creates `path` exclusively (fails if anything, a symlink included, is there) and writes `text` to it,
 * flushed to disk. Never follows a symlink.
 */
async function writeNewFile(path: string, text: string): Promise<void> {
  const fh = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    await fh.writeFile(text, "utf8");
    await fh.sync();
  } catch (e) {
    // The file is ours (exclusive creation succeeded): remove the partial copy.
    await fh.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw e;
  }
  await fh.close();
}

/** mkdir -p that returns the folders it created, deepest last, so a failed write can remove them again. */
async function makeDirs(dir: string): Promise<string[]> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return [];
  const created: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    created.unshift(d);
    if (d === resolve(first) || dirname(d) === d) break;
  }
  return created;
}

/** Removes folders this call created (deepest first), only while they are empty. */
async function removeDirs(created: readonly string[]): Promise<void> {
  for (const d of [...created].reverse()) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
  }
}

/**
 * Writes text atomically: to a temporary file beside the target with a random name created exclusively
 * (never through a symlink, never shared with a concurrent write), flushed, then renamed over the target.
 * A failure leaves the previous file as it was and no temporary file. Creates the parent folder.
 *
 * @param path - the file to write; if it is a symlink, the link itself is replaced (its target is untouched).
 * @param text - the content, written as UTF-8.
 * @throws {LotwiseError} `io_error` naming the path when it cannot be written.
 * @example
 * ```ts
 * import { writeFileAtomic } from "lotwise/node";
 * await writeFileAtomic("out/summary.json", "{}\n");
 * ```
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  requirePath(path);
  if (typeof text !== "string") throw new LotwiseError("invalid_input", `Invalid text: ${formatValue(text)}. expected a string`, { issues: [{ path: ["text"], message: "expected a string", input: text }] });
  let created: string[] = [];
  let tmp: string | undefined;
  try {
    created = await makeDirs(dirname(path));
    for (let attempt = 0; tmp === undefined; attempt++) {
      const candidate = join(dirname(path), randomName(`.${basename(path)}`));
      try {
        await writeNewFile(candidate, text);
        tmp = candidate;
      } catch (e) {
        // EEXIST: something is already at this random name (planted or a collision): pick another.
        // Never remove what is at the candidate name: if creation failed, it is not ours.
        if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 4) throw e;
      }
    }
    await rename(tmp, path);
  } catch (cause) {
    if (tmp !== undefined) await rm(tmp, { force: true }).catch(() => undefined);
    await removeDirs(created);
    throw new LotwiseError("io_error", `Cannot write ${JSON.stringify(path)}: ${errorText(cause)}`, { cause });
  }
}

/** One file of a set written by {@link writeFilesAtomic}. */
export interface OutputFile {
  /** File name inside the output folder: a plain name, no folder separators. */
  readonly name: string;
  /** Content, written as UTF-8. */
  readonly text: string;
}

/**
 * The file-system calls the commit sequence makes, replaceable in tests to fail at any step.
 * @internal
 */
export interface CommitFs {
  lstat(path: string): Promise<Stats>;
  link(existing: string, backup: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  writeNewFile(path: string, text: string): Promise<void>;
}

const realFs: CommitFs = {
  lstat: (p) => lstat(p),
  link: (a, b) => link(a, b),
  copyFile: (a, b) => copyFile(a, b, constants.COPYFILE_EXCL),
  rename: (a, b) => rename(a, b),
  unlink: (p) => unlink(p),
  writeNewFile,
};

function checkFiles(files: unknown): asserts files is readonly OutputFile[] {
  const bad = (path: PropertyKey[], value: unknown, why: string): never => {
    throw new LotwiseError("invalid_input", `Invalid files${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${formatValue(value)}. ${why}`, {
      issues: [{ path: ["files", ...path], message: why, input: value }],
    });
  };
  if (!Array.isArray(files)) bad([], files, "expected an array of { name, text }");
  const seen = new Set<string>();
  (files as unknown[]).forEach((f, i) => {
    if (typeof f !== "object" || f === null) bad([i], f, "expected { name, text }");
    const { name, text } = f as { name?: unknown; text?: unknown };
    if (typeof name !== "string" || name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
      bad([i, "name"], name, "expected a plain file name (no folder separators, not . or ..)");
    }
    if (typeof text !== "string") bad([i, "text"], text, "expected a string");
    if (seen.has(name as string)) bad([i, "name"], name, "this file name is given twice");
    seen.add(name as string);
  });
}

/**
 * Writes a set of files into one folder as a unit: either every file is replaced, or (on any failure)
 * every previous file is left intact byte for byte and no new file appears.
 *
 * Sequence: all files are first written (and flushed) into a fresh temporary folder beside the targets,
 * created with a random name and exclusively (`.lotwise-XXXXXX`). Then, file by file, the previous
 * output (if any) is hard-linked into the temporary folder as a backup (copied where hard links are not
 * supported) and the new file is renamed over it, so each target path always holds either its old or
 * its new content. If any step fails, the files already replaced are restored from their backups by
 * rename (or removed, if they did not exist before), in reverse order, and the temporary folder and any
 * folder this call created are removed. If a restore itself fails, the temporary folder is kept and the
 * error names it, since it then holds the only copy of the previous output.
 *
 * Targets that are folders are refused (`io_error`), not replaced. Two concurrent calls on one folder
 * do not corrupt files (each uses its own temporary folder) but may interleave: run one at a time.
 *
 * @param dir - the output folder; created (with parents) if missing.
 * @param files - the files, each `{ name, text }` with a plain file name.
 * @returns the paths written, in the order given.
 * @throws {LotwiseError} `invalid_input` for a bad file list (duplicate or non-plain names); `io_error`
 *   naming the file when a write fails (nothing has changed then).
 * @example
 * ```ts
 * import { writeFilesAtomic } from "lotwise/node";
 * await writeFilesAtomic("out", [{ name: "lots.csv", text: "lot_id\nL1\n" }, { name: "map.svg", text: "<svg/>" }]);
 * ```
 */
export async function writeFilesAtomic(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  return commitFiles(dir, files, realFs);
}

/** {@link writeFilesAtomic} with the file-system calls given, so tests can fail any step. @internal */
export async function commitFiles(dir: string, files: readonly OutputFile[], fsOps: CommitFs): Promise<string[]> {
  requirePath(dir, "dir");
  checkFiles(files);
  const targets = files.map((f) => join(dir, f.name));
  let created: string[] = [];
  let tmp: string | undefined;
  // Steps done so far, to undo in reverse: [target, backup or null when there was no previous file].
  const replaced: [string, string | null][] = [];
  let current = dir;
  try {
    created = await makeDirs(dir);
    tmp = await mkdtemp(join(dir, ".lotwise-"));
    for (let i = 0; i < files.length; i++) {
      current = targets[i]!;
      await fsOps.writeNewFile(join(tmp, `new-${i}`), files[i]!.text);
    }
    for (let i = 0; i < files.length; i++) {
      const target = targets[i]!;
      current = target;
      const before = await fsOps.lstat(target).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw e;
      });
      let backup: string | null = null;
      if (before !== null) {
        if (before.isDirectory()) throw new Error("it is a folder; remove it or choose another output folder");
        backup = join(tmp, `old-${i}`);
        await fsOps.link(target, backup).catch(async () => {
          // No hard links here (e.g. FAT, some network shares): keep a copy, or the link itself.
          if (before.isSymbolicLink()) await symlink(await readlink(target), backup!);
          else await fsOps.copyFile(target, backup!);
        });
      }
      replaced.push([target, backup]);
      await fsOps.rename(join(tmp, `new-${i}`), target);
    }
  } catch (cause) {
    const unrestored: string[] = [];
    for (const [target, backup] of [...replaced].reverse()) {
      try {
        if (backup !== null) await fsOps.rename(backup, target);
        else await fsOps.unlink(target).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== "ENOENT") throw e;
        });
      } catch {
        unrestored.push(target);
      }
    }
    if (unrestored.length === 0) {
      if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      await removeDirs(created);
    }
    const kept = unrestored.length === 0 ? "" : `; could not restore ${unrestored.map((t) => JSON.stringify(relative(dir, t))).join(", ")}: the previous versions are in ${JSON.stringify(tmp)}`;
    throw new LotwiseError("io_error", `Cannot write ${JSON.stringify(current)}: ${errorText(cause)}${kept === "" ? " (no output was changed)" : kept}`, { cause });
  }
  await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  return targets;
}

const GEOJSON_TYPES = new Set(["FeatureCollection", "Feature", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);

/**
 * JSON text for a value, refusing what JSON.stringify would silently change: undefined, functions and
 * symbols (dropped or turned into null), NaN and ±Infinity (written as null), bigint, cycles, and
 * objects other than plain objects and arrays (a Map would become `{}`).
 */
function strictJson(value: unknown): string {
  const stack: object[] = [];
  const check = (v: unknown, path: PropertyKey[]): void => {
    const fail = (why: string): never => {
      throw new LotwiseError("invalid_input", `Invalid value${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${formatValue(v)}. ${why}`, {
        issues: [{ path: ["value", ...path], message: why, input: v }],
      });
    };
    if (v === null || typeof v === "string" || typeof v === "boolean") return;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) fail("JSON has no NaN or Infinity");
      return;
    }
    if (typeof v !== "object") fail(`a ${typeof v} cannot be written as JSON`);
    const o = v as object;
    if (stack.includes(o)) fail("the value contains itself (a cycle)");
    const proto = Object.getPrototypeOf(o) as unknown;
    if (!Array.isArray(o) && proto !== Object.prototype && proto !== null) fail("expected a plain object or array");
    stack.push(o);
    if (Array.isArray(o)) o.forEach((x, i) => (x === undefined ? fail(`element ${i} is undefined`) : check(x, [...path, i])));
    else for (const [k, x] of Object.entries(o)) if (x !== undefined) check(x, [...path, k]);
    stack.pop();
  };
  check(value, []);
  return JSON.stringify(value);
}

/**
 * Writes a GeoJSON object as compact JSON with a trailing newline, atomically (see {@link writeFileAtomic}).
 *
 * @param path - file path; the parent folder is created.
 * @param value - a GeoJSON object (`type` one of the GeoJSON types), made of plain objects, arrays,
 *   strings, finite numbers, booleans and null.
 * @throws {LotwiseError} `invalid_input` for anything else (undefined, NaN, a cycle, a Map…) naming the
 *   field; `io_error` when the file cannot be written (the previous file is kept).
 * @example
 * ```ts
 * import { writeGeoJSON } from "lotwise/node";
 * await writeGeoJSON("out/lots.geojson", { type: "FeatureCollection", features: [] });
 * ```
 */
export async function writeGeoJSON(path: string, value: unknown): Promise<void> {
  requirePath(path);
  const type = typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== "string" || !GEOJSON_TYPES.has(type)) {
    throw new LotwiseError("invalid_input", `Invalid value: ${formatValue(value)}. expected a GeoJSON object (type FeatureCollection, Feature or a geometry)`, {
      issues: [{ path: ["value", "type"], message: "expected a GeoJSON type", input: type }],
    });
  }
  await writeFileAtomic(path, `${strictJson(value)}\n`);
}

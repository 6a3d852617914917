// Shared plumbing for the command line: where text goes, progress lines, option parsing helpers, and an
// output set written only when every output has been computed (so a failure leaves no partial file).
import { isAbsolute, join } from "node:path";
import { LotwiseError } from "../errors.js";
import { writeFilesAtomic } from "./files.js";

/** Where the command line writes, and the folder relative paths are read from. */
export interface CliIo {
  /** Normal output (summaries). */
  stdout: (text: string) => void;
  /** Progress lines and errors. */
  stderr: (text: string) => void;
  /** Folder relative paths resolve against (default `process.cwd()`). */
  cwd: string;
}

/** A usage mistake (unknown option, missing argument): exit code 2 with a hint to `--help`. @internal */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Resolves a path against the command's working folder. @internal */
export function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : join(io.cwd, path);
}

/**
 * Runs one step; if it takes longer than a second, says so on stderr: `… label` when the second passes
 * (for asynchronous work) and `✓ label (2.4 s)` at the end.
 * @internal
 */
export async function step<T>(io: CliIo, label: string, work: () => T | Promise<T>): Promise<T> {
  const t0 = Date.now();
  const timer = setTimeout(() => io.stderr(`… ${label}\n`), 1000);
  timer.unref?.();
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    const sec = (Date.now() - t0) / 1000;
    if (sec >= 1) io.stderr(`✓ ${label} (${sec.toFixed(1)} s)\n`);
  }
}

/** Output files collected in memory and written together at the end, as a unit (see writeFilesAtomic). @internal */
export class OutputSet {
  private readonly files: { name: string; text: string }[] = [];
  constructor(private readonly dir: string) {}
  add(name: string, text: string): void {
    this.files.push({ name, text });
  }
  get names(): string[] {
    return this.files.map((f) => f.name);
  }
  /** Writes every file, or on any failure none: the previous outputs stay as they were. */
  async commit(): Promise<string[]> {
    return writeFilesAtomic(this.dir, this.files);
  }
}

/** `E38000051=8,E38000201=10` → `{ E38000051: 8, E38000201: 10 }`. @internal */
export function parseKeyNumbers(flag: string, text: string): Record<string, number> {
  // Built from entries, so a key such as `__proto__` or `constructor` is an ordinary own key.
  const out = new Map<string, number>();
  for (const part of text.split(",")) {
    const [k, v, extra] = part.split("=");
    const n = Number(v);
    if (k === undefined || k === "" || v === undefined || extra !== undefined || v.trim() === "" || !Number.isFinite(n)) {
      throw new UsageError(`--${flag} expects KEY=NUMBER[,KEY=NUMBER…], got ${JSON.stringify(text)}`);
    }
    const key = k.trim();
    if (out.has(key)) throw new UsageError(`--${flag} gives ${JSON.stringify(key)} twice`);
    out.set(key, n);
  }
  return Object.fromEntries(out);
}

/** A number option, or a usage error quoting it. @internal */
export function parseNumber(flag: string, text: string | undefined, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${flag} is required`);
    return fallback;
  }
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got ${JSON.stringify(text)}`);
  return n;
}

/** A required string option. @internal */
export function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new UsageError(`--${flag} is required`);
  return value;
}

/** Throws a LotwiseError for a property filter that matches nothing. @internal */
export function noMatch(what: string): never {
  throw new LotwiseError("invalid_input", what);
}

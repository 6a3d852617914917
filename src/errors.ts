import type { z } from "zod";

/**
 * Stable error codes. Callers may switch on them; they never change meaning between versions.
 *
 * - `invalid_input`: an argument failed validation (see `issues` for every field at fault).
 * - `duplicate_id`: two records share an id that must be unique.
 * - `unknown_id`: an id refers to nothing that was passed in.
 * - `infeasible_input`: the input is well formed but no answer can exist (e.g. demand above capacity
 *   where the method cannot leave demand unmet).
 * - `limit_exceeded`: the input is larger than the stated limits of a method.
 * - `solver_error`: a solver backend failed to load or crashed.
 * - `cancelled`: the caller aborted the work through an `AbortSignal`.
 * - `io_error`: reading or writing a file failed (only from `lotwise/node`).
 */
export type LotwiseErrorCode =
  | "invalid_input"
  | "duplicate_id"
  | "unknown_id"
  | "infeasible_input"
  | "limit_exceeded"
  | "solver_error"
  | "cancelled"
  | "io_error";

/** One problem found in an input, with the path to the field at fault. */
export interface LotwiseIssue {
  /** Path from the argument's root, e.g. `["features", 12, "properties", "lsoa11cd"]`. */
  path: PropertyKey[];
  /** What is wrong, in a plain sentence. */
  message: string;
  /** The offending value, when it is known. */
  input?: unknown;
}

/**
 * The one error class lotwise throws. `code` is stable; `message` names the field and quotes the value;
 * `issues` lists every validation problem with its path.
 *
 * @example
 * ```ts
 * import { loadBoundaries, isLotwiseError } from "lotwise";
 * try {
 *   loadBoundaries({ type: "FeatureCollection", features: [] }, { idProperty: "lsoa11cd" });
 * } catch (e) {
 *   if (isLotwiseError(e)) console.log(e.code, e.message); // invalid_input Invalid geojson: ...
 * }
 * ```
 */
export class LotwiseError extends Error {
  override readonly name = "LotwiseError";
  readonly code: LotwiseErrorCode;
  readonly issues: LotwiseIssue[];

  constructor(code: LotwiseErrorCode, message: string, options: { issues?: LotwiseIssue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

/**
 * True when `e` is a {@link LotwiseError}. Works across bundles and realms by checking the `name` and
 * `code` fields as well as the prototype chain.
 *
 * @example
 * ```ts
 * import { isLotwiseError } from "lotwise";
 * isLotwiseError(new Error("x")); // false
 * ```
 */
export function isLotwiseError(e: unknown): e is LotwiseError {
  return (
    e instanceof LotwiseError ||
    (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "LotwiseError" && typeof (e as { code?: unknown }).code === "string")
  );
}

/** Renders a path like `features[12].properties.lsoa11cd`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Short, single-line rendering of a value for messages (`NaN`, `"12x"`, `[1,2]`, `{…}`). */
export function formatValue(value: unknown, maxLength = 80): string {
  let s: string;
  if (typeof value === "number") s = Number.isNaN(value) ? "NaN" : String(value);
  else if (typeof value === "string") s = JSON.stringify(value);
  else if (value === undefined) s = "undefined";
  else if (typeof value === "bigint") s = `${value}n`;
  else if (typeof value === "function") s = "[function]";
  else {
    try {
      s = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
    } catch {
      s = Object.prototype.toString.call(value);
    }
  }
  return s.length > maxLength ? `${s.slice(0, maxLength - 1)}…` : s;
}

/**
 * Formats issues zod-style, one per line: `✖ message (value: x)` then `  → at path`.
 *
 * @example
 * ```ts
 * import { formatIssues } from "lotwise";
 * formatIssues([{ path: ["providers", 3, "capacityHours"], message: "expected a number ≥ 0", input: -5 }]);
 * // "✖ expected a number ≥ 0 (value: -5)\n  → at providers[3].capacityHours"
 * ```
 */
export function formatIssues(issues: readonly LotwiseIssue[]): string {
  return issues
    .map((i) => {
      const value = "input" in i ? ` (value: ${formatValue(i.input)})` : "";
      const at = i.path.length > 0 ? `\n  → at ${formatPath(i.path)}` : "";
      return `✖ ${i.message}${value}${at}`;
    })
    .join("\n");
}

/**
 * Validates `value` against `schema` once, at the public edge. On failure throws `invalid_input` naming
 * the argument, the first field at fault and its value; all issues are kept on `error.issues`.
 * @internal
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, argName: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues: LotwiseIssue[] = result.error.issues.map((i) => {
    const issue: LotwiseIssue = { path: [argName, ...i.path], message: i.message };
    if ("input" in i) issue.input = i.input;
    return issue;
  });
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? "s" : ""})` : "";
  const value_ = "input" in first ? `: ${formatValue(first.input)}` : "";
  throw new LotwiseError(
    "invalid_input",
    `Invalid ${formatPath(first.path)}${value_}. ${first.message}${more}.\n${formatIssues(issues.slice(0, 5))}`,
    { issues },
  );
}

/** Throws `invalid_input` for one field: `Unexpected thresholdMinutes value: -5. must be ≥ 0`. @internal */
export function invalid(path: readonly PropertyKey[], value: unknown, why: string, code: LotwiseErrorCode = "invalid_input"): never {
  const issue: LotwiseIssue = { path: [...path], message: why, input: value };
  throw new LotwiseError(code, `Invalid ${formatPath(path)}: ${formatValue(value)}. ${why}`, { issues: [issue] });
}

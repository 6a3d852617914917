// A plan's checksum: a 64-bit hash (two 32-bit lanes, cyrb53-style mixing) of the plan's canonical JSON
// (keys sorted, undefined fields left out, every field but `checksum` and `timeSec`), so a plan that has
// been edited after allocate() is told apart from one allocate() returned. Not a signature: anyone can
// recompute it; it catches edits and stale plans, not forgery. Survives a JSON round trip.
import { LotwiseError, formatValue } from "../errors.js";
import { allocationSummary } from "./summary.js";
import type { AllocationResult } from "./types.js";

/** Canonical JSON: sorted keys, typed arrays as arrays, non-finite numbers as strings. */
function canonical(v: unknown, out: string[]): void {
  if (v === null || v === undefined) {
    out.push("null");
  } else if (typeof v === "number") {
    out.push(Number.isFinite(v) ? JSON.stringify(Object.is(v, -0) ? 0 : v) : `"${String(v)}"`);
  } else if (typeof v === "string" || typeof v === "boolean") {
    out.push(JSON.stringify(v));
  } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    out.push("[");
    const a = v as ArrayLike<unknown>;
    for (let i = 0; i < a.length; i++) {
      if (i > 0) out.push(",");
      canonical(a[i], out);
    }
    out.push("]");
  } else if (typeof v === "object") {
    const rec = v as Record<string, unknown>;
    const keys = Object.keys(rec)
      .filter((k) => rec[k] !== undefined && typeof rec[k] !== "function")
      .sort();
    out.push("{");
    keys.forEach((k, i) => {
      if (i > 0) out.push(",");
      out.push(JSON.stringify(k), ":");
      canonical(rec[k], out);
    });
    out.push("}");
  } else {
    out.push(JSON.stringify(String(v)));
  }
}

function hash64(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** The checksum of a plan's contents (every field but `checksum` and `timeSec`). @internal */
export function planChecksum(plan: Omit<AllocationResult, "checksum"> | Omit<AllocationResult, "checksum" | "summary"> | AllocationResult): string {
  const { timeSec: _t, ...rest } = plan as AllocationResult;
  const body = { ...rest } as Record<string, unknown>;
  delete body.checksum;
  const out: string[] = [];
  canonical(body, out);
  return hash64(out.join(""));
}

/** Adds the summary (see allocationSummary) and the checksum to a freshly assembled plan. @internal */
export function withChecksum(plan: Omit<AllocationResult, "checksum" | "summary">): AllocationResult {
  const full = { summary: allocationSummary(plan.status, plan.lots, plan.input.lots.length), ...plan };
  return { ...full, checksum: planChecksum(full) };
}

/**
 * Throws `invalid_input` unless `plan` is an allocate() result whose contents still match its checksum
 * (so its lots, providers and input agree with each other as allocate() left them).
 * @internal
 */
export function assertPlanUnedited(plan: AllocationResult, what = "plan"): void {
  if (typeof plan.checksum !== "string") {
    throw new LotwiseError("invalid_input", `Invalid ${what}.checksum: ${formatValue(plan.checksum)}. Pass a plan returned by allocate(); it carries a checksum of its contents.`, {
      issues: [{ path: [what, "checksum"], message: "missing checksum", input: plan.checksum }],
    });
  }
  const actual = planChecksum(plan);
  if (actual !== plan.checksum) {
    throw new LotwiseError(
      "invalid_input",
      `Invalid ${what}: its contents no longer match its checksum ${formatValue(plan.checksum)} (now ${formatValue(actual)}): the plan was edited after allocate(), so its hours, roles and input may not agree. Re-run allocate() on the edited input instead.`,
      { issues: [{ path: [what], message: "plan edited after allocate()", input: plan.checksum }] },
    );
  }
}

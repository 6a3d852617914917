// Small platform helpers shared by the solver backends: a clock and cancellation, without DOM or Node types.
import { LotwiseError } from "../errors.js";
import type { AbortSignalLike } from "../types.js";

const perf = (globalThis as { performance?: { now(): number } }).performance;

/** Milliseconds from a monotonic clock when the platform has one. @internal */
export function nowMs(): number {
  return perf !== undefined ? perf.now() : Date.now();
}

/** The `cancelled` error every solver rejects with. @internal */
export function cancelledError(signal?: AbortSignalLike): LotwiseError {
  const reason = signal?.reason;
  const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === "string" ? `: ${reason}` : "";
  return new LotwiseError("cancelled", `The solve was cancelled through its AbortSignal${why}.`, reason === undefined ? {} : { cause: reason });
}

/** Throws `cancelled` when the signal has already fired. @internal */
export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw cancelledError(signal);
}

// Small platform helpers shared by the solver backends: cancellation, without DOM or Node types (the clock is internal/clock.ts).
import { LotwiseError } from "../errors.js";
import type { AbortSignalLike } from "../domain/index.js";

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

const perf = (globalThis as { performance?: { now(): number } }).performance;

/**
 * Milliseconds from a monotonic clock (`performance.now()`) when the platform has one, else `Date.now()`.
 * Only differences of two readings mean anything. Used for solve time limits and `stats.timeSec`. @internal
 */
export function nowMs(): number {
  return perf !== undefined ? perf.now() : Date.now();
}

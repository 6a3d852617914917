// Shared benchmark helpers: timing, peak memory, and writing bench/results/<name>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export function timeMs<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function timeMsAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Median of repeated runs (after one warm-up run). */
export function medianMs(fn: () => unknown, repeats = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push(timeMs(fn).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Writes results with the machine description so numbers are read in context. */
export function writeResults(name: string, results: unknown): void {
  const dir = join(new URL(".", import.meta.url).pathname, "results");
  mkdirSync(dir, { recursive: true });
  const doc = {
    benchmark: name,
    date: new Date().toISOString().slice(0, 10),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memGB: Math.round(totalmem() / 2 ** 30) },
    results,
  };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

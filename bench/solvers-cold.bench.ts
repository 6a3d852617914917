// Cold vs warm first solve with highsSolver(): each sample is a fresh Node process (fresh wasm, fresh JIT).
// - cold: the first solve() pays runtime load + V8's lazy compilation of the 3.5 MB wasm;
// - warm: warmUp() first (what an app does at start-up), then the first "real" solve.
// Models: OR-Library gap1-1 (5×15, 75 binaries) and gap12-1 (10×60, 600 binaries).
// Run: npx tsx bench/solvers-cold.bench.ts   (env: COLD_SAMPLES=5)
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { highsSolver } from "../src/solvers/highs.js";
import { gapToSparseModel, readGap } from "../test/helpers/orlib-gap.js";
import { writeResults } from "./util.js";

interface Sample {
  mode: "cold" | "warm";
  warmUpMs: number;
  tinyFirstMs: number;
  tinySecondMs: number;
  largerFirstMs: number;
  largerSecondMs: number;
}

async function child(mode: "cold" | "warm"): Promise<Sample> {
  const tiny = gapToSparseModel(readGap("c0515_1.txt"), "max");
  const larger = gapToSparseModel(readGap("c1060_1.txt"), "max");
  const solver = highsSolver();
  let warmUpMs = 0;
  if (mode === "warm") warmUpMs = await solver.warmUp();
  const time = async (m: typeof tiny): Promise<number> => {
    const t0 = performance.now();
    const r = await solver.solve(m);
    if (r.status !== "optimal") throw new Error(`unexpected status ${r.status}`);
    return performance.now() - t0;
  };
  const tinyFirstMs = await time(tiny);
  const tinySecondMs = await time(tiny);
  const largerFirstMs = await time(larger);
  const largerSecondMs = await time(larger);
  return { mode, warmUpMs, tinyFirstMs, tinySecondMs, largerFirstMs, largerSecondMs };
}

const arg = process.argv[2];
if (arg === "--child-cold" || arg === "--child-warm") {
  const s = await child(arg === "--child-cold" ? "cold" : "warm");
  process.stdout.write(JSON.stringify(s));
} else {
  const samples = Number(process.env.COLD_SAMPLES ?? 5);
  const self = fileURLToPath(import.meta.url);
  const all: Sample[] = [];
  for (let i = 0; i < samples; i++) {
    for (const mode of ["cold", "warm"] as const) {
      const out = execFileSync(process.execPath, ["--import", "tsx", self, `--child-${mode}`], { encoding: "utf8" });
      all.push(JSON.parse(out) as Sample);
    }
  }
  const med = (mode: Sample["mode"], key: Exclude<keyof Sample, "mode">): number => {
    const xs = all.filter((s) => s.mode === mode).map((s) => s[key]).sort((a, b) => a - b);
    return Math.round(xs[Math.floor(xs.length / 2)]! * 10) / 10;
  };
  const summary = {
    cold: { tinyFirstMs: med("cold", "tinyFirstMs"), tinySecondMs: med("cold", "tinySecondMs"), largerFirstMs: med("cold", "largerFirstMs"), largerSecondMs: med("cold", "largerSecondMs") },
    warm: { warmUpMs: med("warm", "warmUpMs"), tinyFirstMs: med("warm", "tinyFirstMs"), tinySecondMs: med("warm", "tinySecondMs"), largerFirstMs: med("warm", "largerFirstMs"), largerSecondMs: med("warm", "largerSecondMs") },
  };
  writeResults("solvers-cold", {
    description: "highsSolver() first-solve cost in a fresh process, median of N processes. tiny = gap1-1 (5×15), larger = gap12-1 (10×60). Times include validation and verification.",
    samples,
    summary,
    ratios: {
      tinyColdFirstOverWarmFirst: Math.round((summary.cold.tinyFirstMs / summary.warm.tinyFirstMs) * 100) / 100,
      largerColdFirstOverWarmFirst: Math.round((summary.cold.largerFirstMs / summary.warm.largerFirstMs) * 100) / 100,
    },
    targets: [
      { target: "cold first tiny solve incl. wasm load ≤ 3 s (SOLVERS.md)", value: summary.cold.tinyFirstMs, met: summary.cold.tinyFirstMs <= 3000 },
      { target: "after warmUp(), first tiny solve ≤ 200 ms", value: summary.warm.tinyFirstMs, met: summary.warm.tinyFirstMs <= 200 },
      { target: "warmUp() ≤ 3 s", value: summary.warm.warmUpMs, met: summary.warm.warmUpMs <= 3000 },
    ],
    raw: all,
  });
}

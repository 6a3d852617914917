// allocate() on seeded synthetic instances (generateAllocationInstance, planted feasible plan), one
// fresh child process per size so that cold times and peak memory (maxRSS) are per size.
// Run: npx tsx bench/allocate.bench.ts [--sizes 18x30,50x100] [--seeds 1,2,3]
// Writes bench/results/allocate.json.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { allocate } from "../src/allocate/allocate.js";
import { generateAllocationInstance } from "../src/allocate/generate.js";
import { highsSolver } from "../src/solvers/highs.js";
import { peakRssMB, writeResults } from "./util.js";

interface Target {
  coldSec?: number;
  warmSec?: number;
  gap: number;
  proven?: boolean;
  peakMB?: number;
}
const SIZES: { lots: number; providers: number; candidatesPerLot: number; target: Target }[] = [
  { lots: 18, providers: 30, candidatesPerLot: 15, target: { coldSec: 3, warmSec: 0.5, gap: 1e-3, proven: true } },
  { lots: 50, providers: 100, candidatesPerLot: 15, target: { warmSec: 5, gap: 1e-3 } },
  { lots: 150, providers: 400, candidatesPerLot: 15, target: { warmSec: 30, gap: 5e-3, peakMB: 1536 } },
  { lots: 400, providers: 1000, candidatesPerLot: 15, target: { warmSec: 30, gap: 5e-3, peakMB: 1536 } },
];

interface ChildResult {
  lots: number;
  providers: number;
  candidatesPerLot: number;
  seed: number;
  columns: number;
  rows: number;
  integers: number;
  coldSec: number;
  warmSec: number;
  /** CPU seconds of this process (user + system): less sensitive than wall time to other load on the machine. */
  coldCpuSec: number;
  warmCpuSec: number;
  loadAverage1m: number;
  status: string;
  gap: number | null;
  warmStatus: string;
  warmGap: number | null;
  weeklyCost: number;
  plantedWeeklyCost: number;
  unmetHours: number;
  peakRssMB: number;
}

async function child(lots: number, providers: number, candidatesPerLot: number, seed: number): Promise<void> {
  const { input, planted } = generateAllocationInstance({ lots, providers, candidatesPerLot, seed });
  const solver = highsSolver();
  // Cold: first solve in a fresh process (wasm load and JIT included), relGap 1e-3 (the default).
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let t0 = performance.now();
  let c0 = cpu();
  const cold = await allocate(input, { solver, relGap: 1e-3, timeLimitSec: 30 });
  const coldSec = (performance.now() - t0) / 1000;
  const coldCpuSec = cpu() - c0;
  // Warm: steady state in the same process (after warmUp() and the cold call); median of 3 for the
  // small sizes, 1 run for the large ones.
  await solver.warmUp();
  const repeats = lots <= 50 ? 3 : 1;
  const runs: { sec: number; cpuSec: number; plan: Awaited<ReturnType<typeof allocate>> }[] = [];
  for (let i = 0; i < repeats; i++) {
    t0 = performance.now();
    c0 = cpu();
    const plan = await allocate(input, { solver, relGap: 1e-3, timeLimitSec: 30 });
    runs.push({ sec: (performance.now() - t0) / 1000, cpuSec: cpu() - c0, plan });
  }
  runs.sort((a, b) => a.sec - b.sec);
  const mid = runs[Math.floor(runs.length / 2)]!;
  const warm = mid.plan;
  const warmSec = mid.sec;
  const warmCpuSec = mid.cpuSec;
  const out: ChildResult = {
    lots,
    providers,
    candidatesPerLot,
    seed,
    columns: cold.size.columns,
    rows: cold.size.rows,
    integers: cold.size.integers,
    coldSec: Math.round(coldSec * 1000) / 1000,
    warmSec: Math.round(warmSec * 1000) / 1000,
    coldCpuSec: Math.round(coldCpuSec * 1000) / 1000,
    warmCpuSec: Math.round(warmCpuSec * 1000) / 1000,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    status: cold.status,
    gap: cold.gap,
    warmStatus: warm.status,
    warmGap: warm.gap,
    weeklyCost: warm.weeklyCost,
    plantedWeeklyCost: planted.weeklyCost,
    unmetHours: warm.unmetHours,
    peakRssMB: peakRssMB(),
  };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    const [l, p, k, s] = args.slice(1).map(Number);
    await child(l!, p!, k!, s!);
    return;
  }
  const sizeArg = args.indexOf("--sizes");
  const seedArg = args.indexOf("--seeds");
  const wanted = sizeArg >= 0 ? args[sizeArg + 1]!.split(",") : undefined;
  const seeds = seedArg >= 0 ? args[seedArg + 1]!.split(",").map(Number) : [1, 2, 3];
  const self = fileURLToPath(import.meta.url);
  const results: unknown[] = [];
  for (const size of SIZES) {
    if (wanted && !wanted.includes(`${size.lots}x${size.providers}`)) continue;
    for (const seed of seeds) {
      const stdout = execFileSync(process.execPath, ["--import", "tsx", self, "--child", String(size.lots), String(size.providers), String(size.candidatesPerLot), String(seed)], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
      });
      const line = stdout.split("\n").find((x) => x.startsWith("RESULT "));
      if (!line) throw new Error(`no result from child ${size.lots}x${size.providers} seed ${seed}`);
      const r = JSON.parse(line.slice(7)) as ChildResult;
      const t = size.target;
      const met = {
        cold: t.coldSec === undefined ? null : r.coldSec <= t.coldSec,
        warm: t.warmSec === undefined ? null : r.warmSec <= t.warmSec,
        gap: r.warmGap !== null && r.warmGap <= t.gap,
        proven: t.proven === undefined ? null : r.warmStatus === "optimal",
        memory: t.peakMB === undefined ? null : r.peakRssMB <= t.peakMB,
      };
      const entry = { label: `${size.lots}x${size.providers} seed ${seed}`, ...r, target: t, met, allMet: Object.values(met).every((v) => v !== false) };
      console.error(JSON.stringify(entry));
      results.push(entry);
    }
  }
  writeResults("allocate", results);
}

await main();

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { webWorkerSolver, type WorkerLike } from "../../src/solvers/web-worker-solver.js";
import type { SolveProgress } from "../../src/solvers/types.js";
import { workerSolver } from "../../src/node/worker-solver.js";
import { gapDataAvailable, gapToSparseModel, readGap } from "../helpers/orlib-gap.js";
import { knapsack, knapsackBruteForce, maxLp } from "./models.js";

const solver = workerSolver();
afterAll(() => solver.terminate());

describe("workerSolver() (lotwise/node)", () => {
  it("workerSolver().solve(lp) returns the hand-computed optimum and duals from a worker thread", async () => {
    const r = await solver.solve(maxLp());
    expect(r.status).toBe("optimal");
    expect(r.objective).toBeCloseTo(21, 9);
    expect(r.rowDuals?.[0]).toBeCloseTo(0.75, 9);
    expect(r.rowDuals?.[1]).toBeCloseTo(0.5, 9);
    expect(r.verification?.ok).toBe(true);
  });

  it("workerSolver().solve forwards progress and queues concurrent solves", async () => {
    const seen: SolveProgress[] = [];
    const best = knapsackBruteForce();
    const [a, b] = await Promise.all([solver.solve(knapsack(), { onProgress: (p) => seen.push(p), relGap: 0 }), solver.solve(maxLp())]);
    expect(a.status).toBe("optimal");
    expect(a.objective).toBeCloseTo(best.value, 9);
    expect(b.status).toBe("optimal");
    expect(b.objective).toBeCloseTo(21, 9);
    expect(seen[0]?.message).toBe("start");
    expect(seen.at(-1)?.message).toBe("done");
  });

  it("workerSolver().solve rejects at once with 'cancelled' for a pre-aborted signal", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(solver.solve(maxLp(), { signal: ac.signal })).rejects.toMatchObject({ name: "LotwiseError", code: "cancelled" });
  });

  it.runIf(gapDataAvailable())("workerSolver().solve is killed mid-solve by AbortController, then the next solve starts a fresh worker", async () => {
    const hard = gapToSparseModel(readGap("d20200.txt"), "min");
    await solver.warmUp();
    const ac = new AbortController();
    let started = false;
    const t0 = performance.now();
    const pending = solver.solve(hard, {
      timeLimitSec: 60,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.message === "start") started = true;
      },
    });
    setTimeout(() => ac.abort(), 1500);
    await expect(pending).rejects.toMatchObject({ code: "cancelled" });
    const waited = performance.now() - t0;
    expect(started).toBe(true);
    // d20200 does not finish in 60 s (SOLVERS.md), so only the kill can end it this early.
    expect(waited).toBeLessThan(10_000);
    const after = await solver.solve(maxLp());
    expect(after.status).toBe("optimal");
    expect(after.objective).toBeCloseTo(21, 9);
  });

  it("workerSolver() reports bad input at the edge, before any worker is involved", async () => {
    expect(() => workerSolver({ workerFile: "/nonexistent/worker.js" })).toThrow(/options\.workerFile/);
    await expect(solver.solve(maxLp(), { timeLimitSec: 0 })).rejects.toThrow(/options\.timeLimitSec: 0/);
  });
});

describe("webWorkerSolver() (browser variant, driven here through a Worker-like adapter)", () => {
  const workerFile = new URL("../../src/node/solver-worker.ts", import.meta.url);
  // The adapter gives a worker_threads Worker the DOM Worker surface webWorkerSolver expects.
  const createWorker = (): WorkerLike => {
    // Same tsx bootstrap as workerSolver uses for TypeScript sources.
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
    const code = `import(${JSON.stringify(tsxApi)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(workerFile.href)}); });`;
    const w = new Worker(code, { eval: true });
    return {
      postMessage: (m) => w.postMessage(m),
      terminate: () => void w.terminate(),
      addEventListener: (type, listener) => {
        if (type === "message") w.on("message", (data: unknown) => listener({ data }));
        else if (type === "error") w.on("error", (e: Error) => listener({ message: e.message }));
      },
    };
  };

  it("webWorkerSolver({ createWorker }).solve(knapsack) returns the brute-force optimum", async () => {
    const web = webWorkerSolver({ createWorker, relGap: 0 });
    try {
      const r = await web.solve(knapsack());
      expect(r.status).toBe("optimal");
      expect(r.objective).toBeCloseTo(knapsackBruteForce().value, 9);
    } finally {
      web.terminate();
    }
  });

  it("webWorkerSolver({ recycleAboveMB: 0 }) starts a fresh worker after every solve; the default keeps one warm worker", async () => {
    let spawned = 0;
    const counting = (): WorkerLike => {
      spawned++;
      return createWorker();
    };
    const recycling = webWorkerSolver({ createWorker: counting, recycleAboveMB: 0 });
    try {
      expect((await recycling.solve(maxLp())).objective).toBeCloseTo(21, 9);
      expect((await recycling.solve(maxLp())).objective).toBeCloseTo(21, 9);
      expect(spawned).toBe(2);
    } finally {
      recycling.terminate();
    }
    spawned = 0;
    const keeping = webWorkerSolver({ createWorker: counting });
    try {
      await keeping.solve(maxLp());
      await keeping.solve(maxLp());
      expect(spawned).toBe(1);
    } finally {
      keeping.terminate();
    }
  });

  it("webWorkerSolver() rejects a negative recycleAboveMB naming the field", () => {
    expect(() => webWorkerSolver({ createWorker, recycleAboveMB: -1 })).toThrow(/options\.recycleAboveMB: -1/);
  });

  it("webWorkerSolver() without createWorker or workerUrl, or without a global Worker, throws invalid_input", () => {
    expect(() => webWorkerSolver({})).toThrow(/pass createWorker or workerUrl/);
    expect(() => webWorkerSolver({ workerUrl: "https://example.org/w.js" })).toThrow(/no global Worker/);
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A real browser: the built ESM bundle (dist/) runs an allocation whose HiGHS wasm solve happens inside a
// Web Worker started from lotwise/solver-worker, in headless Debian Chromium. CI installs chromium with
// apt-get (.ci/run); a developer machine without it skips this file, CI never does.
const CHROMIUM = "/usr/bin/chromium";
const root = resolve(new URL("../..", import.meta.url).pathname);
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must apt-get install chromium`);

describe.skipIf(!haveChromium)("lotwise in headless Chromium", () => {
  let dir: string;
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    if (!existsSync(join(root, "dist/index.js")) || !existsSync(join(root, "dist/web-solver-worker.js"))) {
      execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    }
    dir = mkdtempSync(join(tmpdir(), "lotwise-browser-"));
    writeFileSync(
      join(dir, "page.js"),
      `import { allocate, generateAllocationInstance, webWorkerSolver, isLotwiseError } from ${JSON.stringify(join(root, "dist/index.js"))};
window.runAllocation = async () => {
  const inst = generateAllocationInstance({ lots: 6, providers: 10, seed: 3 });
  const solver = webWorkerSolver({ workerUrl: "/worker.js", wasmUrl: "/highs.wasm" });
  const progress = [];
  try {
    const plan = await allocate(inst.input, { solver, onProgress: (p) => progress.push(p.elapsedSec) });
    return { status: plan.status, lots: plan.lots.map((l) => ({ id: l.lotId, lead: l.lead, contingency: l.contingency })),
      weeklyCost: plan.weeklyCost, planted: inst.planted.weeklyCost, unmet: plan.unmetHours, progress: progress.length,
      inWorker: typeof window.Worker === "function" };
  } finally { solver.terminate(); }
};
window.cancelSolve = async () => {
  const inst = generateAllocationInstance({ lots: 150, providers: 400, seed: 1 });
  const solver = webWorkerSolver({ workerUrl: "/worker.js", wasmUrl: "/highs.wasm" });
  await solver.warmUp(); // the worker is alive and HiGHS loaded: a cancel below is a real mid-solve cancel
  const c = new AbortController();
  let started = 0;
  const t0 = performance.now();
  try {
    await allocate(inst.input, { solver, signal: c.signal, timeLimitSec: 60, onProgress: () => { if (started++ === 0) setTimeout(() => c.abort(), 200); } });
    return { code: "finished", started, ms: performance.now() - t0 };
  } catch (e) { return { code: isLotwiseError(e) ? e.code : String(e), started, ms: performance.now() - t0 }; }
  finally { solver.terminate(); }
};`,
    );
    writeFileSync(join(dir, "worker.js"), `import ${JSON.stringify(join(root, "dist/web-solver-worker.js"))};\n`);
    const common = { bundle: true, platform: "browser" as const, format: "esm" as const, logLevel: "silent" as const, external: ["node:*"] };
    await build({ ...common, entryPoints: [join(dir, "page.js")], outfile: join(dir, "out/page.js") });
    await build({ ...common, entryPoints: [join(dir, "worker.js")], outfile: join(dir, "out/worker.js") });
    const files: Record<string, [string, Buffer]> = {
      "/": ["text/html", Buffer.from(`<!doctype html><meta charset="utf-8"><title>lotwise</title><script type="module" src="/page.js"></script>`)],
      "/page.js": ["text/javascript", readFileSync(join(dir, "out/page.js"))],
      "/worker.js": ["text/javascript", readFileSync(join(dir, "out/worker.js"))],
      "/highs.wasm": ["application/wasm", readFileSync(join(root, "node_modules/highs/build/highs.wasm"))],
    };
    server = createServer((req, res) => {
      const f = files[(req.url ?? "/").split("?")[0]!];
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": f[0] }).end(f[1]);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("allocate() solves with HiGHS wasm inside a Web Worker and returns a verified plan", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(origin);
    await page.waitForFunction(() => typeof (window as unknown as { runAllocation?: unknown }).runAllocation === "function");
    const r = await page.evaluate(() => (window as unknown as { runAllocation: () => Promise<any> }).runAllocation());
    expect(errors).toEqual([]);
    expect(r.status).toBe("optimal");
    expect(r.lots.length).toBe(6);
    for (const l of r.lots) {
      expect(typeof l.lead).toBe("string");
      expect(l.contingency).not.toBe(l.lead);
    }
    // The generator plants a feasible plan; the optimum can only be as cheap or cheaper.
    expect(r.weeklyCost).toBeLessThanOrEqual(r.planted + 1e-6);
    expect(r.progress).toBeGreaterThan(0);
  });

  it("aborting the signal cancels a long solve in the worker", async () => {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => typeof (window as unknown as { cancelSolve?: unknown }).cancelSolve === "function");
    const r = await page.evaluate(() => (window as unknown as { cancelSolve: () => Promise<any> }).cancelSolve());
    expect(r.code).toBe("cancelled");
    expect(r.started).toBeGreaterThan(0); // the solve had begun
    expect(r.ms).toBeLessThan(30_000); // and it stopped long before its 60 s limit
  });
});

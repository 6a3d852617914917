/**
 * Node variant of off-main-thread solving: HiGHS runs in a `node:worker_threads` Worker, so the event
 * loop stays free (servers, CLIs showing progress) and an AbortSignal can stop a solve that is deep in
 * synchronous wasm code: the worker is terminated (hard kill) and its wasm memory released.
 *
 * The worker script is `solver-worker.js` (ESM build), `solver-worker.cjs` (CJS build) or, when running
 * from TypeScript sources (tests, tsx), `solver-worker.ts` loaded through `--import tsx`.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { invalid } from "../errors.js";
import { createWorkerSolver, type WorkerHandle, type WorkerSolver } from "../solvers/worker-client.js";
import type { WorkerSolverSettings } from "../solvers/worker-protocol.js";

/** Options of {@link workerSolver}. */
export interface NodeWorkerSolverOptions extends Omit<WorkerSolverSettings, "wasmUrl"> {
  /** Path or file URL of the worker script; by default the `solver-worker` file shipped beside this module. */
  workerFile?: string | URL;
}

function here(): string {
  // In the CJS build tsup's shims replace import.meta.url with a URL made from __filename. Do not mention
  // __filename here: that would make tsup inject an ESM shim importing "path" and "url" into a shared chunk.
  return import.meta.url;
}

interface WorkerScript {
  /** A file URL/path, or bootstrap code when `evalCode` is true. */
  file: URL | string;
  evalCode: boolean;
}

/**
 * A TypeScript worker (sources run through tsx, e.g. in tests) needs tsx's loader inside the thread.
 * `--import tsx` in a worker's execArgv does not reach the worker's own entry on Node 20, so a tiny
 * bootstrap registers tsx first and then imports the script.
 */
function tsBootstrap(file: URL): WorkerScript {
  // The "require" build of tsx/esm/api mis-resolves its own chunks; load the ESM build beside it.
  const tsxApi = pathToFileURL(createRequire(here()).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(file.href)}); });`;
  return { file: code, evalCode: true };
}

function defaultWorkerScript(): WorkerScript {
  const base = here();
  for (const name of ["./solver-worker.js", "./solver-worker.cjs"]) {
    const u = new URL(name, base);
    if (existsSync(fileURLToPath(u))) return { file: u, evalCode: false };
  }
  const ts = new URL("./solver-worker.ts", base);
  if (existsSync(fileURLToPath(ts))) return tsBootstrap(ts);
  throw new Error(`no solver-worker.js, .cjs or .ts next to ${fileURLToPath(base)}`);
}

/**
 * Creates a {@link WorkerSolver} that runs HiGHS in a worker thread. The worker starts on the first
 * solve (or `warmUp()`), stays warm between solves, and is killed when a solve's signal aborts.
 *
 * @param options - `timeLimitSec`, `relGap`, `highsOptions` (defaults for the worker's HiGHS solver),
 *   `workerFile` (override the worker script).
 * @returns a {@link WorkerSolver}: `solve(model, options)` with `signal` and `onProgress` forwarded,
 *   `warmUp()`, `terminate()`.
 * @throws {LotwiseError} `invalid_input` for a `workerFile` that does not exist; solves reject with
 *   `cancelled` on abort and `solver_error` when the worker cannot start or crashes.
 * @example
 * ```ts
 * import { workerSolver } from "lotwise/node";
 * const solver = workerSolver({ timeLimitSec: 60 });
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 5_000); // hard stop after 5 s
 * const result = await solver.solve(model, { signal: controller.signal, onProgress: (p) => console.log(p.gap) });
 * solver.terminate(); // free the worker when done
 * ```
 */
export function workerSolver(options: NodeWorkerSolverOptions = {}): WorkerSolver {
  const { workerFile, ...settings } = options;
  let resolved: WorkerScript | undefined;
  if (workerFile !== undefined) {
    const path = workerFile instanceof URL ? fileURLToPath(workerFile) : workerFile;
    if (!existsSync(path)) invalid(["options", "workerFile"], String(workerFile), "file not found");
    resolved = path.endsWith(".ts") ? tsBootstrap(pathToFileURL(path)) : { file: workerFile, evalCode: false };
  }
  const spawn = (): WorkerHandle => {
    resolved ??= defaultWorkerScript();
    const w = new Worker(resolved.file, { eval: resolved.evalCode, name: "lotwise-solver" });
    let terminated = false;
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (listener) => {
        w.on("message", listener);
      },
      onCrash: (listener) => {
        w.on("error", (e: Error) => listener(e.message));
        w.on("exit", (code: number) => {
          if (!terminated) listener(`exit code ${code}`);
        });
      },
      terminate: () => {
        terminated = true;
        void w.terminate();
      },
      ref: () => w.ref(),
      unref: () => w.unref(),
    };
  };
  return createWorkerSolver("highs-worker", spawn, settings);
}

/**
 * Browser variant of off-main-thread solving: HiGHS runs in a Web Worker built from lotwise's worker
 * entry (`src/solvers/worker-entry.ts`, shipped as `lotwise/solver-worker`). The page stays
 * responsive, and aborting the signal terminates the worker outright (freeing its wasm memory).
 * `Worker` is reached through `globalThis` with a minimal local type, so the core needs no DOM types.
 */
import { invalid } from "../errors.js";
import { createWorkerSolver, type WorkerHandle, type WorkerSolver } from "./worker-client.js";
import type { WorkerSolverSettings } from "./worker-protocol.js";

/** The part of the DOM `Worker` lotwise uses. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: "message" | "error" | "messageerror", listener: (event: { data?: unknown; message?: string }) => void): void;
}

/** Options of {@link webWorkerSolver}: how to start the worker, plus HiGHS settings for it. */
export interface WebWorkerSolverOptions extends WorkerSolverSettings {
  /** Returns a new Worker running lotwise's solver worker entry (wins over `workerUrl`). */
  createWorker?: () => WorkerLike;
  /** URL of the built worker entry; started as `new Worker(url, { type: "module" })`. */
  workerUrl?: string | { href: string };
}

type WorkerCtor = new (url: string, options?: { type?: "module" | "classic"; name?: string }) => WorkerLike;

/**
 * Creates a {@link WorkerSolver} that runs HiGHS in a Web Worker.
 *
 * @param options - `createWorker` (a factory, e.g. `() => new Worker(new URL("lotwise/solver-worker", import.meta.url), { type: "module" })`)
 *   or `workerUrl`; and the worker's HiGHS settings: `wasmUrl` (where `highs.wasm` is served),
 *   `timeLimitSec`, `relGap`, `highsOptions`.
 * @returns a {@link WorkerSolver}: `solve`, `warmUp`, `terminate`.
 * @throws {LotwiseError} `invalid_input` when neither `createWorker` nor `workerUrl` is given, or when
 *   `workerUrl` is given on a platform without a global `Worker`.
 * @example
 * ```ts
 * // solver.worker.ts in your app is one line: import "lotwise/solver-worker";
 * import { webWorkerSolver } from "lotwise";
 * import highsWasmUrl from "highs/runtime?url"; // Vite; other bundlers have their own asset-URL syntax
 * const solver = webWorkerSolver({
 *   createWorker: () => new Worker(new URL("./solver.worker.ts", import.meta.url), { type: "module" }),
 *   wasmUrl: highsWasmUrl,
 * });
 * void solver.warmUp(); // pay the wasm JIT while the user is still reading the page
 * const controller = new AbortController(); // controller.abort() kills the worker mid-solve
 * // const result = await solver.solve(model, { signal: controller.signal, onProgress: (p) => show(p.gap) });
 * ```
 */
export function webWorkerSolver(options: WebWorkerSolverOptions): WorkerSolver {
  const { createWorker, workerUrl, ...settings } = options;
  let make: () => WorkerLike;
  if (createWorker !== undefined) {
    if (typeof createWorker !== "function") invalid(["options", "createWorker"], createWorker, "expected a function returning a Worker");
    make = createWorker;
  } else if (workerUrl !== undefined) {
    const Ctor = (globalThis as { Worker?: WorkerCtor }).Worker;
    if (Ctor === undefined) invalid(["options", "workerUrl"], workerUrl, "this platform has no global Worker; pass options.createWorker (or use workerSolver from lotwise/node)");
    const url = typeof workerUrl === "string" ? workerUrl : workerUrl.href;
    make = () => new Ctor(url, { type: "module", name: "lotwise-solver" });
  } else {
    invalid(["options"], options, "pass createWorker or workerUrl");
  }
  const spawn = (): WorkerHandle => {
    const w = make();
    const handle: WorkerHandle = {
      postMessage: (m) => w.postMessage(m),
      onMessage: (listener) => w.addEventListener("message", (e) => listener(e.data)),
      onCrash: (listener) => {
        w.addEventListener("error", (e) => listener(e.message ?? "worker error"));
        w.addEventListener("messageerror", () => listener("a message could not be deserialised"));
      },
      terminate: () => w.terminate(),
    };
    return handle;
  };
  return createWorkerSolver("highs-web-worker", spawn, settings);
}

// The worker side of off-main-thread solving: receives WorkerRequests, runs highsSolver(), posts
// WorkerResponses. Platform-neutral: the Web Worker entry and the Node worker_threads entry wire it to
// their own message ports.
import { isLotwiseError } from "../errors.js";
import { highsSolver, type HighsSolver, type HighsSolverOptions } from "./highs.js";
import type { SolveOptions } from "./types.js";
import type { WorkerRequest, WorkerResponse, WorkerSolverSettings } from "./worker-protocol.js";

/** The two operations a host needs from its port. */
export interface SolverHostPort {
  postMessage(message: WorkerResponse): void;
  onMessage(listener: (message: unknown) => void): void;
}

function makeSolver(settings: WorkerSolverSettings): HighsSolver {
  const o: HighsSolverOptions = {};
  if (settings.wasmUrl !== undefined) {
    const url = settings.wasmUrl;
    o.locateFile = () => url;
  }
  if (settings.timeLimitSec !== undefined) o.timeLimitSec = settings.timeLimitSec;
  if (settings.relGap !== undefined) o.relGap = settings.relGap;
  if (settings.highsOptions !== undefined) o.highsOptions = settings.highsOptions;
  return highsSolver(o);
}

/**
 * Serves solve requests on a worker port, one at a time (the client queues them). Called once by each
 * worker entry module.
 *
 * @param port - posts responses and delivers incoming messages.
 * @returns nothing; the host lives as long as the worker.
 * @throws never: failures are posted back as `error` responses with their LotwiseError code.
 * @internal
 */
export function serveSolverRequests(port: SolverHostPort): void {
  let solver: HighsSolver = makeSolver({});
  let chain: Promise<void> = Promise.resolve();
  const fail = (id: number, e: unknown): void => {
    port.postMessage({
      type: "error",
      id,
      code: isLotwiseError(e) ? e.code : "solver_error",
      message: e instanceof Error ? e.message : String(e),
    });
  };
  port.onMessage((raw) => {
    const msg = raw as WorkerRequest;
    if (msg.type === "init") {
      solver = makeSolver(msg.settings);
      return;
    }
    chain = chain.then(async () => {
      try {
        if (msg.type === "warmUp") {
          port.postMessage({ type: "warmedUp", id: msg.id, ms: await solver.warmUp() });
          return;
        }
        if (msg.type === "solve") {
          const { progress, ...rest } = msg.options;
          const options: SolveOptions = { ...rest };
          if (progress) options.onProgress = (p) => port.postMessage({ type: "progress", id: msg.id, progress: p });
          const result = await solver.solve(msg.model, options);
          const memoryBytes = solver.memoryBytes();
          port.postMessage(memoryBytes === undefined ? { type: "result", id: msg.id, result } : { type: "result", id: msg.id, result, memoryBytes });
        }
      } catch (e) {
        fail((msg as { id: number }).id, e);
      }
    });
  });
}

// Web Worker entry for webWorkerSolver(): build this module as its own bundle (lotwise/solver-worker)
// and start it with `new Worker(url, { type: "module" })`. It only wires the worker's global scope to
// the platform-neutral solver host.
import { serveSolverRequests } from "./worker-host.js";

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
serveSolverRequests({
  postMessage: (m) => scope.postMessage(m),
  onMessage: (listener) => scope.addEventListener("message", (e) => listener(e.data)),
});

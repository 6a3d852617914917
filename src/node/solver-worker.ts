// worker_threads entry for workerSolver(): wires the thread's parentPort to the platform-neutral solver
// host. Built as its own file (dist/solver-worker.js / .cjs) next to the lotwise/node bundle.
import { parentPort } from "node:worker_threads";
import { serveSolverRequests } from "../solvers/worker-host.js";

const port = parentPort;
if (port !== null) {
  serveSolverRequests({
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => port.on("message", listener),
  });
}

/**
 * The main-thread side of off-main-thread solving, shared by `webWorkerSolver` (browsers) and
 * `workerSolver` (`lotwise/node`). Design:
 * - one worker, spawned lazily on the first solve or `warmUp()`, kept warm between solves (the wasm JIT
 *   cost is paid once); solves are queued and run one at a time;
 * - cancellation is a hard kill: when the signal aborts, the worker is terminated at once (freeing its
 *   wasm memory) and the solve rejects with LotwiseError `cancelled`; the next solve spawns a new worker;
 * - progress messages are forwarded to `onProgress`; a worker crash rejects with `solver_error`;
 * - after a solve that left the worker's wasm memory above `recycleAboveMB` (default 512 MB), the worker
 *   is terminated so the memory goes back to the OS (wasm memory never shrinks);
 * - the result is re-verified on this side too (`applyVerification`), so even a protocol bug cannot
 *   pass a wrong plan.
 */
import { LotwiseError, parseInput } from "../errors.js";
import { applyVerification } from "./verify.js";
import { WorkerSolverSettingsSchema, checkSparseModel, parseSolveOptions } from "./schema.js";
import { cancelledError, throwIfAborted } from "./runtime.js";
import type { SolveOptions, SolveResult, Solver, SparseModel } from "./types.js";
import type { WorkerRequest, WorkerResponse, WorkerSolverSettings } from "./worker-protocol.js";

/** What the client needs from a spawned worker, whatever the platform. @internal */
export interface WorkerHandle {
  postMessage(message: WorkerRequest): void;
  /** Registers the single message listener. */
  onMessage(listener: (message: unknown) => void): void;
  /** Registers the single crash listener (error event, or unexpected exit). */
  onCrash(listener: (reason: string) => void): void;
  terminate(): void;
  /** Node only: keep the process alive while a solve runs, let it exit when idle. */
  ref?(): void;
  unref?(): void;
}

/** A {@link Solver} running HiGHS in a worker, with warm-up and explicit termination. */
export interface WorkerSolver extends Solver {
  /** Spawns the worker if needed and warms HiGHS up inside it; resolves with the milliseconds taken. */
  warmUp(): Promise<number>;
  /** Terminates the worker (freeing its wasm memory). Pending solves reject with `cancelled`. */
  terminate(): void;
}

interface Pending {
  resolve(value: WorkerResponse): void;
  reject(e: unknown): void;
  onProgress?: SolveOptions["onProgress"];
}

/** Builds a WorkerSolver over a platform's spawn function. @internal */
export function createWorkerSolver(id: string, spawn: () => WorkerHandle, rawSettings: WorkerSolverSettings): WorkerSolver {
  const parsed = parseInput(WorkerSolverSettingsSchema, rawSettings, "options");
  const settings: WorkerSolverSettings = {};
  if (parsed.wasmUrl !== undefined) settings.wasmUrl = parsed.wasmUrl;
  if (parsed.timeLimitSec !== undefined) settings.timeLimitSec = parsed.timeLimitSec;
  if (parsed.relGap !== undefined) settings.relGap = parsed.relGap;
  if (parsed.highsOptions !== undefined) settings.highsOptions = parsed.highsOptions;
  if (parsed.recycleAboveMB !== undefined) settings.recycleAboveMB = parsed.recycleAboveMB;
  let handle: WorkerHandle | undefined;
  let nextId = 1;
  let chain: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, Pending>();
  const recycleAboveBytes = (settings.recycleAboveMB ?? 512) * 2 ** 20;

  const rejectAll = (e: unknown): void => {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(e);
  };
  const kill = (): void => {
    const h = handle;
    handle = undefined;
    h?.terminate();
  };
  const ensure = (): WorkerHandle => {
    if (handle !== undefined) return handle;
    let h: WorkerHandle;
    try {
      h = spawn();
    } catch (e) {
      throw new LotwiseError("solver_error", `Could not start the solver worker: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    h.onMessage((raw) => {
      const msg = raw as WorkerResponse;
      const p = pending.get(msg.id);
      if (p === undefined) return;
      if (msg.type === "progress") {
        p.onProgress?.(msg.progress);
        return;
      }
      pending.delete(msg.id);
      p.resolve(msg);
    });
    h.onCrash((reason) => {
      if (handle === h) handle = undefined;
      rejectAll(new LotwiseError("solver_error", `The solver worker stopped unexpectedly: ${reason}`));
    });
    h.postMessage({ type: "init", settings });
    h.unref?.();
    handle = h;
    return h;
  };
  const request = (make: (id: number) => WorkerRequest, onProgress: SolveOptions["onProgress"] | undefined, signal: SolveOptions["signal"]): Promise<WorkerResponse> => {
    const run = (): Promise<WorkerResponse> =>
      new Promise<WorkerResponse>((resolve, reject) => {
        if (signal?.aborted) {
          reject(cancelledError(signal));
          return;
        }
        let h: WorkerHandle;
        try {
          h = ensure();
        } catch (e) {
          reject(e);
          return;
        }
        const rid = nextId++;
        const onAbort = (): void => {
          if (!pending.has(rid)) return;
          pending.delete(rid);
          kill(); // hard stop: the solve may be deep inside synchronous wasm code
          reject(cancelledError(signal));
        };
        const done = (): void => {
          signal?.removeEventListener("abort", onAbort);
          h.unref?.();
        };
        const entry: Pending = {
          resolve: (v) => {
            done();
            resolve(v);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        };
        if (onProgress !== undefined) entry.onProgress = onProgress;
        pending.set(rid, entry);
        signal?.addEventListener("abort", onAbort, { once: true });
        h.ref?.();
        h.postMessage(make(rid));
      });
    const p = chain.then(run, run);
    chain = p.catch(() => undefined);
    return p;
  };
  const unwrap = (msg: WorkerResponse): WorkerResponse => {
    if (msg.type === "error") throw new LotwiseError(msg.code, msg.message);
    return msg;
  };

  return {
    id,
    capabilities: { duals: true, dualBound: true, warmStart: true, interrupt: true },
    async solve(model: SparseModel, options: SolveOptions = {}): Promise<SolveResult> {
      checkSparseModel(model);
      const so = parseSolveOptions(options, model);
      throwIfAborted(so.signal);
      const opts: Extract<WorkerRequest, { type: "solve" }>["options"] = { progress: so.onProgress !== undefined };
      if (so.timeLimitSec !== undefined) opts.timeLimitSec = so.timeLimitSec;
      if (so.relGap !== undefined) opts.relGap = so.relGap;
      if (so.warmStart !== undefined) opts.warmStart = so.warmStart;
      if (so.wantDuals !== undefined) opts.wantDuals = so.wantDuals;
      const plain: SparseModel = { ...model };
      const msg = unwrap(await request((rid) => ({ type: "solve", id: rid, model: plain, options: opts }), so.onProgress, so.signal));
      if (msg.type !== "result") throw new LotwiseError("solver_error", `Unexpected worker reply "${msg.type}"`);
      if (msg.memoryBytes !== undefined && msg.memoryBytes > recycleAboveBytes) kill();
      return applyVerification(model, msg.result);
    },
    async warmUp(): Promise<number> {
      const msg = unwrap(await request((rid) => ({ type: "warmUp", id: rid }), undefined, undefined));
      if (msg.type !== "warmedUp") throw new LotwiseError("solver_error", `Unexpected worker reply "${msg.type}"`);
      return msg.ms;
    },
    terminate(): void {
      kill();
      rejectAll(new LotwiseError("cancelled", "The solver worker was terminated."));
    },
  };
}

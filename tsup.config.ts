import { defineConfig } from "tsup";

// splitting: true keeps one copy of shared code (LotwiseError among it) for both entries,
// so `instanceof LotwiseError` holds between `lotwise` and `lotwise/node` in CJS too (tsup#408).
export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node/index.ts",
    // Worker-thread script for workerSolver() (lotwise/node); it looks for ./solver-worker.js beside itself.
    "solver-worker": "src/node/solver-worker.ts",
    // The Web Worker entry for webWorkerSolver() (browsers): a module that serves solve requests with HiGHS.
    "web-solver-worker": "src/solvers/worker-entry.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  // workerSolver() finds its worker script via import.meta.url; shims turn that into a __filename URL in CJS.
  shims: true,
  target: "es2022",
  // The core is typechecked without Node types by tsconfig.json; declarations need them for src/node.
  tsconfig: "tsconfig.build.json",
});

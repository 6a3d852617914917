import { defineConfig } from "tsup";

// splitting: true keeps one copy of shared code (LotwiseError among it) for both entries,
// so `instanceof LotwiseError` holds between `lotwise` and `lotwise/node` in CJS too (tsup#408).
export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node/index.ts",
    // The Web Worker entry for webWorkerSolver(): a module that serves solve requests with HiGHS.
    "solver-worker": "src/allocate/solvers/worker-entry.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // The core is typechecked without Node types by tsconfig.json; declarations need them for src/node.
  tsconfig: "tsconfig.build.json",
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Examples import the package by name ("lotwise", "lotwise/node"), as a user would; tests run them from source.
const src = (p: string): string => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^lotwise$/, replacement: src("index.ts") },
      { find: /^lotwise\/node$/, replacement: src("node/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

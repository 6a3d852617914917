// Examples are what users copy: they may import only the package's public entries ("lotwise",
// "lotwise/node") and Node's own modules, never ../src internals or another example.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import ts from "typescript";

const DIR = new URL("../../examples/", import.meta.url);
const examples = readdirSync(DIR).filter((f) => f.endsWith(".ts"));
const allowed = (spec: string): boolean => spec === "lotwise" || spec === "lotwise/node" || spec.startsWith("node:");

/** Every module specifier a file imports or re-exports, static or dynamic (TypeScript's own scanner). */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

describe("examples use the public API only", () => {
  it("the scanner sees static, type-only, re-export and dynamic imports (so the check below can fail)", () => {
    expect(importsOf(`import { a } from "../src/x.js"; import type { B } from "zod"; export * from "./y.js"; await import("lotwise");`)).toEqual(["../src/x.js", "zod", "./y.js", "lotwise"]);
  });

  it.each(examples)("examples/%s imports only lotwise, lotwise/node and node: modules", (file) => {
    const specs = importsOf(readFileSync(new URL(file, DIR), "utf8"));
    expect(specs.length).toBeGreaterThan(0);
    expect(specs.filter((s) => !allowed(s))).toEqual([]);
  });
});

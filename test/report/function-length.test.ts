import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// src/report is read and reviewed as code: no function there may grow past 120 lines (renderMap was 211).
const MAX_LINES = 120;
const dir = resolve(new URL("../../src/report", import.meta.url).pathname);

/** Every function in a file with its name and length in lines (first to last line, inclusive). */
function functionLengths(file: string): { name: string; lines: number }[] {
  const text = readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) ? (node.name?.getText(sf) ?? "(anonymous)") : `(function at line ${start + 1})`;
      out.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("src/report function length", () => {
  it(`no function in src/report is longer than ${MAX_LINES} lines`, () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files).toContain("render-map.ts");
    const all = files.flatMap((f) => functionLengths(join(dir, f)).map((x) => ({ ...x, file: f })));
    expect(all.find((x) => x.name === "renderMap")).toBeDefined();
    expect(all.filter((x) => x.lines > MAX_LINES)).toEqual([]);
  });
});

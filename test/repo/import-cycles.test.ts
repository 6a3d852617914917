// The folders of src/ import each other as a DAG, in layers. A folder is src/<name>/; a file directly in
// src/ (index.ts, errors.ts) is a node of its own.
//
// Layers, bottom to top. A folder imports only from layers below its own, except that engines (layer 4)
// may import other engines as long as the whole graph stays acyclic:
//   0  domain, errors   the shared nouns (types + tiny constants) and LotwiseError; they import nothing in src/
//   1  internal         private helpers (rng, sort, min-heap, clock, formatting, geo, matrix checks)
//   2  solvers          Solver interface, backends, workers, model builder; solver types are nouns the
//                       schemas refer to, so solvers sit below schema and never import it
//   3  schema           every zod schema (the `lotwise/schema` entry), built from domain and solver types
//   4  engines          boundaries, demand, providers, lots, coverage, locate, allocate, cost, report, io
//   5  study            runStudy: calls the engines in pipeline order
//   6  node             lotwise/node: files, CSV, CLI, worker threads
//   7  index            the root entry: re-exports only
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findCycle, folderGraph, folderOf, relativeImports } from "../helpers/import-graph.js";

const LAYER: Readonly<Record<string, number>> = {
  domain: 0,
  errors: 0,
  internal: 1,
  solvers: 2,
  schema: 3,
  boundaries: 4,
  demand: 4,
  providers: 4,
  lots: 4,
  coverage: 4,
  locate: 4,
  allocate: 4,
  cost: 4,
  report: 4,
  io: 4,
  study: 5,
  node: 6,
  index: 7,
};
const ENGINES = 4;

describe("cycle finder", () => {
  it("findCycle returns the path of a cycle, starting and ending at the same node", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["a"]],
    ]);
    expect(findCycle(g)).toEqual(["a", "b", "c", "a"]);
  });

  it("findCycle finds a two-node cycle reached from an acyclic part", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["d"]],
      ["d", ["c"]],
    ]);
    expect(findCycle(g)).toEqual(["c", "d", "c"]);
  });

  it("findCycle returns null for a DAG with shared descendants (a diamond is not a cycle)", () => {
    const g = new Map([
      ["a", ["b", "c"]],
      ["b", ["d"]],
      ["c", ["d"]],
      ["d", []],
    ]);
    expect(findCycle(g)).toBeNull();
  });

  it("relativeImports reads import, import type, export-from, import() types and dynamic imports, not comments or packages", () => {
    const src = [
      '// import { x } from "./commented.js";',
      'import { a } from "../a.js";',
      'import type { B } from "../b.js";',
      'export { c } from "../c.js";',
      'export * from "./d.js";',
      'const s = z.custom<import("../e.js").Solver>(() => true);',
      'const m = await import("../f.js");',
      'import {',
      "  g,",
      '} from "../g.js";',
      'import { z } from "zod";',
      '/** @example import { k } from "lotwise"; */',
    ].join("\n");
    expect(relativeImports(src)).toEqual(["../a.js", "../b.js", "../c.js", "./d.js", "../e.js", "../f.js", "../g.js"]);
  });

  it("folderOf names the top folder under src/, or the file itself for src/*.ts", () => {
    expect(folderOf("/r/src", "/r/src/coverage/network/graph.ts")).toBe("coverage");
    expect(folderOf("/r/src", "/r/src/errors.ts")).toBe("errors");
    expect(folderOf("/r/src", "/r/src/errors.js")).toBe("errors");
  });
});

describe("src/ folder imports", () => {
  const graph = folderGraph(resolve(__dirname, "../../src"));
  const adjacency = new Map(graph.nodes.map((n) => [n, [...(graph.edges.get(n)?.keys() ?? [])]]));

  it("have no cycle", () => {
    const cycle = findCycle(adjacency);
    const why = cycle?.slice(1).map((to, i) => `${cycle[i]} -> ${to}: ${graph.edges.get(cycle[i]!)!.get(to)!.join("; ")}`);
    expect(cycle && { cycle: cycle.join(" -> "), why }).toBeNull();
  });

  it("every folder has a layer, and imports only from lower layers (engines also from other engines)", () => {
    expect(graph.nodes.filter((n) => LAYER[n] === undefined)).toEqual([]);
    const upward: string[] = [];
    for (const [from, row] of graph.edges) {
      for (const [to, lines] of row) {
        const a = LAYER[from]!, b = LAYER[to]!;
        if (a > b || (a === ENGINES && b === ENGINES)) continue;
        upward.push(`${from} (layer ${a}) -> ${to} (layer ${b}): ${lines[0]}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("the graph is read from the real tree (the root entry imports every engine)", () => {
    const fromIndex = [...(graph.edges.get("index")?.keys() ?? [])];
    expect(fromIndex).toEqual(expect.arrayContaining(["errors", "domain", "boundaries", "coverage", "lots", "allocate", "study"]));
    expect(graph.nodes.length).toBeGreaterThanOrEqual(18);
  });
});

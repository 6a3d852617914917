// The folder-level import graph of src/ and a cycle finder, for test/repo/import-cycles.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import ts from "typescript";

/** Folder → the folders it imports (sorted), each edge with the import lines that make it. */
export interface FolderGraph {
  readonly nodes: readonly string[];
  readonly edges: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

/**
 * The relative module specifiers one source file imports: `import`, `import type`, `export … from`,
 * `import("…")` (also in type positions), side-effect imports. Comments and strings are not read
 * (TypeScript's own pre-processor does the scanning).
 */
export function relativeImports(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => s.startsWith("."));
}

/** The graph node of a file under `srcDir`: its top folder, or the file's own name for `src/*.ts`. */
export function folderOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.[cm]?[jt]s$/, "");
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.[cm]?ts$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Reads every `.ts` file under `srcDir` and builds the folder graph of its relative imports. */
export function folderGraph(srcDir: string): FolderGraph {
  const nodes = new Set<string>();
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(srcDir)) {
    const from = folderOf(srcDir, file);
    nodes.add(from);
    for (const spec of relativeImports(readFileSync(file, "utf8"))) {
      const to = folderOf(srcDir, normalize(join(dirname(file), spec)));
      if (to === from) continue;
      const row = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, row);
      row.set(to, [...(row.get(to) ?? []), `${relative(srcDir, file)} imports "${spec}"`]);
    }
  }
  return { nodes: [...nodes].sort(), edges };
}

/**
 * One cycle of a directed graph, as the path `[a, b, …, a]`, or `null` when the graph is a DAG.
 * Depth-first from each node in sorted order, neighbours sorted, so the same graph gives the same cycle.
 */
export function findCycle(graph: ReadonlyMap<string, Iterable<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

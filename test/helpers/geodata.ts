// Test helpers: load the real open data in geodata/ (OGL v3, see geodata/README.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const REPO_ROOT = new URL("../..", import.meta.url).pathname;
export const GEODATA = join(REPO_ROOT, "geodata");
/** The shared benchmark data sits beside the project root (`../shared`), locally and in CI. */
export const SHARED_BENCHMARKS = join(REPO_ROOT, "..", "shared", "benchmarks");

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(GEODATA, name), "utf8")) as unknown;
}

/** Splits one CSV line, honouring double quotes ("a, b" stays one cell; "" is a literal quote). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") cells.push(cur), (cur = "");
    else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/** CSV reader for the geodata files (quoted cells such as CCG names with commas are kept whole). */
export function readCsvRows(name: string): Record<string, string>[] {
  const lines = readFileSync(join(GEODATA, name), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!);
  return lines.slice(1).map((l) => {
    const cells = splitCsvLine(l);
    if (cells.length !== header.length) throw new Error(`${name}: a row has ${cells.length} cells, the header ${header.length}: ${l}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

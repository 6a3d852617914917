// Test helpers: load the real open data in geodata/ (OGL v3, see geodata/README.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const GEODATA = join(new URL("../..", import.meta.url).pathname, "geodata");

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(GEODATA, name), "utf8")) as unknown;
}

/** Minimal CSV reader for the geodata files (no quoted commas in them). */
export function readCsvRows(name: string): Record<string, string>[] {
  const lines = readFileSync(join(GEODATA, name), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split(",");
  return lines.slice(1).map((l) => {
    const cells = l.split(",");
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

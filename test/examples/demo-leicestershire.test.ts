import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsvRows } from "../helpers/geodata.js";
import { runDemo, type DemoSummary } from "../../examples/demo-leicestershire.js";

let dirA = "";
let dirB = "";
let summary: DemoSummary;

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), "lotwise-demo-a-"));
  dirB = await mkdtemp(join(tmpdir(), "lotwise-demo-b-"));
  summary = await runDemo({ outDir: dirA });
  await runDemo({ outDir: dirB });
}, 120_000);

describe("runDemo (Leicestershire)", () => {
  it("runDemo({ outDir }) uses the 396 County Council LSOAs, split between the two CCGs as in the ONS lookup", () => {
    // Independent count from the master table (not from the GeoJSON the demo reads).
    const rows = readCsvRows("lsoa11_master.csv").filter((r) => r.utla_cd === "E10000018");
    expect(summary.lsoas).toBe(396);
    expect(rows.length).toBe(396);
    const byCcg: Record<string, number> = {};
    for (const r of rows) byCcg[r.ccg19cd!] = (byCcg[r.ccg19cd!] ?? 0) + 1;
    expect(summary.lsoasByCcg).toEqual(byCcg);
    expect(summary.adjacency.components).toBe(1);
  });

  it("runDemo({ outDir }) conserves the 20,317 weekly hours exactly in demand.csv", async () => {
    const text = await readFile(join(dirA, "demand.csv"), "utf8");
    const lines = text.trim().split("\n").slice(1);
    expect(lines.length).toBe(396);
    const total = lines.reduce((s, l) => s + Number(l.split(",").at(-1)), 0);
    expect(total).toBe(20317);
    expect(summary.demand.totalHours).toBe(20317);
  });

  it("runDemo({ outDir }) writes byte-identical files on two runs", async () => {
    const names = (await readdir(dirA)).sort();
    expect(names).toEqual((await readdir(dirB)).sort());
    expect(names).toEqual([...summary.files].sort());
    for (const n of names) expect(await readFile(join(dirB, n)), n).toEqual(await readFile(join(dirA, n)));
  });
});

import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isLotwiseError } from "../../src/errors.js";
import { formatCsv, formatCsvCell, readCsv, writeCsv } from "../../src/node/csv.js";

const ProviderRow = z.object({
  provider_id: z.string(),
  capacity_hours: z.coerce.number().min(0),
  note: z.string().optional(),
});

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "lotwise-csv-"));
}

describe("readCsv", () => {
  it("readCsv(path, schema) coerces numbers, keeps file order and reads blank optional cells as undefined", async () => {
    const dir = await tempDir();
    const path = join(dir, "p.csv");
    await writeFile(path, "\uFEFFprovider_id,capacity_hours,note\nP2,12.5,\nP1,40,\"a, b\"\n");
    const rows = await readCsv(path, ProviderRow);
    expect(rows).toEqual([
      { provider_id: "P2", capacity_hours: 12.5 },
      { provider_id: "P1", capacity_hours: 40, note: "a, b" },
    ]);
  });

  it("readCsv(path, schema) names the spreadsheet row, the column and the value of a bad number", async () => {
    const dir = await tempDir();
    const path = join(dir, "p.csv");
    const lines = ["provider_id,capacity_hours"];
    for (let i = 0; i < 15; i++) lines.push(`P${i},10`);
    lines.push("P15,12x");
    await writeFile(path, `${lines.join("\n")}\n`);
    // header = row 1, 15 good rows = rows 2..16, the bad one is row 17
    await expect(readCsv(path, ProviderRow)).rejects.toThrow(`row 17, column capacity_hours: "12x" is not a number`);
  });

  it("readCsv(path, schema) rejects an empty required cell instead of reading it as 0", async () => {
    const dir = await tempDir();
    const path = join(dir, "p.csv");
    await writeFile(path, "provider_id,capacity_hours\nP1,\n");
    const err = await readCsv(path, ProviderRow).catch((e: unknown) => e);
    expect(isLotwiseError(err)).toBe(true);
    expect((err as Error).message).toContain("row 2, column capacity_hours: is missing");
  });

  it("readCsv(path, schema) reports a missing column and an unreadable file with stable codes", async () => {
    const dir = await tempDir();
    const path = join(dir, "p.csv");
    await writeFile(path, "provider_id,hours\nP1,3\n");
    await expect(readCsv(path, ProviderRow)).rejects.toThrow("missing column capacity_hours");
    const err = await readCsv(join(dir, "nope.csv"), ProviderRow).catch((e: unknown) => e);
    expect(isLotwiseError(err) && err.code).toBe("io_error");
  });
});

describe("writeCsv", () => {
  it("formatCsvCell(x) rounds to fixed decimals, drops trailing zeros and writes -0 as 0", () => {
    expect(formatCsvCell(1 / 3)).toBe("0.333333");
    expect(formatCsvCell(2.5)).toBe("2.5");
    expect(formatCsvCell(-0)).toBe("0");
    expect(formatCsvCell(-1e-9)).toBe("0");
    expect(formatCsvCell(0.1 + 0.2)).toBe("0.3");
    expect(formatCsvCell(null)).toBe("");
    expect(formatCsvCell(Infinity)).toBe("Infinity");
  });

  it("formatCsv(rows) keeps the first row's column order, appends new columns and quotes commas", async () => {
    const text = await formatCsv([{ b: 1, a: "x,y" }, { b: 2, a: "z", c: true }]);
    expect(text).toBe('b,a,c\n1,"x,y",\n2,z,true\n');
  });

  it("writeCsv(path, rows) round-trips through readCsv and leaves no temporary file", async () => {
    const dir = await tempDir();
    const path = join(dir, "sub", "out.csv");
    await writeCsv(path, [{ provider_id: "P1", capacity_hours: 7.25 }], { columns: ["provider_id", "capacity_hours"] });
    expect(await readFile(path, "utf8")).toBe("provider_id,capacity_hours\nP1,7.25\n");
    expect(await readCsv(path, ProviderRow)).toEqual([{ provider_id: "P1", capacity_hours: 7.25 }]);
    expect(await readdir(join(dir, "sub"))).toEqual(["out.csv"]);
  });
});

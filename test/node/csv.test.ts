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

describe("CSV safety", () => {
  const Ids = z.object({ id: z.string(), note: z.string().optional() });

  it("formatCsv(rows) neutralises formula cells (= + - @ tab CR) with a leading ', keeping numbers and plain negative numbers as they are", async () => {
    const ids = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y", "-3.5", "+2", "-1e-9", "-3.5x", "P1", "a=b", "'plain"];
    const text = await formatCsv(ids.map((id, i) => ({ id, change: -3.5 * i })), { columns: ["id", "change"] });
    const lines = text.split("\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",0`);
    expect(lines[2]).toBe("'+1+1,-3.5");
    expect(lines[3]).toBe("'-2+3,-7");
    expect(lines[4]).toBe("'@SUM(A1),-10.5");
    expect(lines[5]).toBe("'\tx,-14");
    expect(lines[6]).toBe(`"'\rx",-17.5`);
    expect(lines[7]).toBe("''=x,-21");
    expect(lines[8]).toBe("'''+y,-24.5");
    expect(lines.slice(9, 16)).toEqual(["-3.5,-28", "+2,-31.5", "-1e-9,-35", "'-3.5x,-38.5", "P1,-42", "a=b,-45.5", "'plain,-49"]);
    // lotwise reads its own files back exactly as the rows were.
    const dir = await tempDir();
    await writeCsv(join(dir, "ids.csv"), ids.map((id) => ({ id })));
    expect((await readCsv(join(dir, "ids.csv"), Ids)).map((r) => r.id)).toEqual(ids.map((s) => (s.trim() === "" ? undefined : s)));
    // Turned off, cells are written as they are (and read back raw when asked).
    const raw = await formatCsv([{ id: "=1+1" }], { escapeFormulas: false });
    expect(raw).toBe("id\n=1+1\n");
    await writeFile(join(dir, "raw.csv"), "id\n'=1+1\n");
    expect(await readCsv(join(dir, "raw.csv"), Ids, { unescapeFormulas: false })).toEqual([{ id: "'=1+1" }]);
  });

  it("formatCsv(rows, { bom: true }) starts with a UTF-8 byte-order mark that readCsv skips", async () => {
    const text = await formatCsv([{ id: "Ünïcödé" }], { bom: true });
    expect(text).toBe("\uFEFFid\nÜnïcödé\n");
    const dir = await tempDir();
    await writeCsv(join(dir, "b.csv"), [{ id: "Ünïcödé" }], { bom: true });
    expect((await readFile(join(dir, "b.csv"))).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await readCsv(join(dir, "b.csv"), Ids)).toEqual([{ id: "Ünïcödé" }]);
  });

  it("formatCsv / writeCsv refuse NUL and other control characters (naming row and column) instead of dropping them", async () => {
    for (const bad of ["A\u0000B", "\u0007", "x\u001b[31m", "\uD800", "a\u007f"]) {
      const err = await formatCsv([{ id: "ok" }, { id: bad }]).catch((e: unknown) => e);
      expect(isLotwiseError(err) && err.code).toBe("invalid_input");
      expect((err as Error).message).toContain('rows[1]["id"]');
    }
    const dir = await tempDir();
    await expect(writeCsv(join(dir, "n.csv"), [{ id: "A\u0000B" }])).rejects.toThrow("U+0000");
    expect(await readdir(dir)).toEqual([]);
    // Tabs, newlines and CRs inside a cell are kept (quoted).
    expect(await formatCsv([{ id: "a\tb\nc\rd" }])).toBe('id\n"a\tb\nc\rd"\n');
  });

  it("readCsv(path, schema) refuses a cell with NUL, naming the row and column", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "n.csv"), "id,note\nA,ok\nB\u0000C,x\n");
    await expect(readCsv(join(dir, "n.csv"), Ids)).rejects.toThrow("row 3, column id");
  });

  it("readCsv(path, schema) numbers rows as a spreadsheet does after blank lines", async () => {
    const dir = await tempDir();
    // rows: 1 header, 2 P1, 3 blank, 4 blank, 5 P2, 6 bad
    await writeFile(join(dir, "p.csv"), "provider_id,capacity_hours\nP1,10\n\n,\nP2,20\nP3,abc\n");
    await expect(readCsv(join(dir, "p.csv"), ProviderRow)).rejects.toThrow('row 6, column capacity_hours: "abc" is not a number');
    await writeFile(join(dir, "q.csv"), "provider_id,capacity_hours\n\n\"P1\",\"1\n2\"\nP2,1,extra\n");
    // A quoted newline stays inside row 3, so the row with an extra cell is row 4.
    await expect(readCsv(join(dir, "q.csv"), ProviderRow)).rejects.toThrow("row 4: has 3 cells but the header has 2 columns");
  });

  it("readCsv / formatCsv treat __proto__ and constructor as ordinary column names", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "p.csv"), "__proto__,constructor\nx,y\n");
    // z.any() passes the raw record through (zod's own object and record outputs assign keys, which
    // for `__proto__` sets the prototype instead: lotwise's row schemas have fixed, ordinary column names).
    const rows = (await readCsv(join(dir, "p.csv"), z.any())) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["__proto__", "constructor"]);
    expect(rows[0]!.__proto__).toBe("x");
    expect(rows[0]!.constructor).toBe("y");
    expect(await readCsv(join(dir, "p.csv"), z.object({ constructor: z.string() }))).toEqual([{ constructor: "y" }]);
    // A column absent from a row is an empty cell, not Object.prototype.constructor.
    expect(await formatCsv([{ id: "a" }], { columns: ["id", "constructor", "toString"] })).toBe("id,constructor,toString\na,,\n");
    expect(await formatCsv([JSON.parse('{"__proto__":"p"}') as Record<string, string>])).toBe("__proto__\np\n");
  });

  it("formatCsv(junk) rejects with LotwiseError: a Symbol column, a cell object, rows that are not an array", async () => {
    const cases: [unknown, unknown][] = [
      [[{ a: 1 }], { columns: [Symbol("x")] }],
      [[{ a: { nested: 1 } }], {}],
      [[{ a: 1n }], {}],
      ["rows", {}],
      [[null], {}],
      [[{ a: 1 }], { decimals: -1 }],
      [[{ a: 1 }], { columns: ["a", "a"] }],
      [[{ a: 1 }], { bogus: true }],
    ];
    for (const [rows, options] of cases) {
      const err = await formatCsv(rows as never, options as never).catch((e: unknown) => e);
      expect(isLotwiseError(err), String(err)).toBe(true);
    }
  });
});

import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rename, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commitFiles, writeFileAtomic, writeFilesAtomic, writeGeoJSON, type CommitFs } from "../../src/node/files.js";
import { asyncErrorOf } from "../helpers/errors.js";

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "lotwise-files-"));
}

/** Every file under `dir` (recursively, hidden ones too) → its bytes as text; symlinks as `-> target`. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath, e.name);
    const rel = p.slice(dir.length + 1);
    if (e.isSymbolicLink()) out[rel] = `-> ${await readlink(p)}`;
    else if (e.isFile()) out[rel] = await readFile(p, "latin1");
    else out[`${rel}/`] = "";
  }
  return out;
}

describe("writeFileAtomic", () => {
  it("writeFileAtomic(path, text) never writes through a symlink planted at the old predictable temp name", async () => {
    const dir = await tempDir();
    const victim = join(dir, "victim.txt");
    await writeFile(victim, "precious");
    const target = join(dir, "out.csv");
    // The pre-fix temp name was `${path}.${pid}.tmp`: plant symlinks there and at a few variants.
    for (const name of [`out.csv.${process.pid}.tmp`, `.out.csv.${process.pid}.tmp`, `out.csv.tmp`]) await symlink(victim, join(dir, name));
    await writeFileAtomic(target, "new content\n");
    expect(await readFile(victim, "utf8")).toBe("precious");
    expect(await readFile(target, "utf8")).toBe("new content\n");
    expect((await lstat(target)).isFile()).toBe(true);
    // Only the planted links, the victim and the target: no temporary file left behind.
    expect((await readdir(dir)).sort()).toEqual([`.out.csv.${process.pid}.tmp`, "out.csv", `out.csv.${process.pid}.tmp`, "out.csv.tmp", "victim.txt"]);
  });

  it("writeFileAtomic(path, text) replaces a symlink at the target itself, leaving the file it pointed to untouched", async () => {
    const dir = await tempDir();
    const victim = join(dir, "victim.txt");
    await writeFile(victim, "precious");
    await symlink(victim, join(dir, "report.md"));
    await writeFileAtomic(join(dir, "report.md"), "# report\n");
    expect(await readFile(victim, "utf8")).toBe("precious");
    expect((await lstat(join(dir, "report.md"))).isSymbolicLink()).toBe(false);
    expect(await readFile(join(dir, "report.md"), "utf8")).toBe("# report\n");
  });

  it("writeFileAtomic(path, text) × 20 at once on one path: each write succeeds with its own temp file; the file is one of them, whole", async () => {
    const dir = await tempDir();
    const path = join(dir, "same.txt");
    const texts = Array.from({ length: 20 }, (_, i) => `${String(i).repeat(5000)}\n`);
    await Promise.all(texts.map((t) => writeFileAtomic(path, t)));
    expect(texts).toContain(await readFile(path, "utf8"));
    expect(await readdir(dir)).toEqual(["same.txt"]);
  });

  it("writeFileAtomic(path, text) onto a folder fails with io_error and leaves neither a temp file nor a change", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "taken"));
    const err = await asyncErrorOf(() => writeFileAtomic(join(dir, "taken"), "x"));
    expect(err.code).toBe("io_error");
    expect(err.message).toContain("taken");
    expect(await snapshot(dir)).toEqual({ "taken/": "" });
  });
});

describe("writeFilesAtomic", () => {
  const NEW = [
    { name: "a.csv", text: "new a\n" },
    { name: "b.svg", text: "new b\n" },
    { name: "c.md", text: "new c\n" },
    { name: "d.html", text: "new d\n" },
  ];

  async function previousRun(): Promise<string> {
    const dir = await tempDir();
    // a and c exist from a previous run; b is a symlink to another file; d is absent.
    await writeFile(join(dir, "a.csv"), "old a\n");
    await writeFile(join(dir, "c.md"), "old c \u00e9\n");
    await writeFile(join(dir, "elsewhere.txt"), "linked");
    await symlink("elsewhere.txt", join(dir, "b.svg"));
    return dir;
  }

  /** The real calls, failing at the n-th call (counted over every method), or never when n < 0. */
  function failingAt(n: number): { fs: CommitFs; calls: () => number } {
    let count = 0;
    const real: CommitFs = {
      lstat: (p) => lstat(p),
      link: async (a, b) => {
        const { link } = await import("node:fs/promises");
        await link(a, b);
      },
      copyFile: async (a, b) => {
        const { copyFile } = await import("node:fs/promises");
        await copyFile(a, b);
      },
      rename: (a, b) => rename(a, b),
      unlink: async (p) => {
        const { unlink } = await import("node:fs/promises");
        await unlink(p);
      },
      writeNewFile: (p, t) => writeFile(p, t, { flag: "wx" }),
    };
    const wrap = <K extends keyof CommitFs>(k: K): CommitFs[K] =>
      (async (...args: unknown[]) => {
        if (count++ === n) throw Object.assign(new Error(`injected failure in ${k}`), { code: "ENOSPC" });
        return (real[k] as (...a: unknown[]) => Promise<unknown>)(...args);
      }) as CommitFs[K];
    const fs = { lstat: wrap("lstat"), link: wrap("link"), copyFile: wrap("copyFile"), rename: wrap("rename"), unlink: wrap("unlink"), writeNewFile: wrap("writeNewFile") } as CommitFs;
    return { fs, calls: () => count };
  }

  it("writeFilesAtomic(dir, files) replaces every file and leaves no temporary folder", async () => {
    const dir = await previousRun();
    const paths = await writeFilesAtomic(dir, NEW);
    expect(paths).toEqual(NEW.map((f) => join(dir, f.name)));
    expect(await snapshot(dir)).toEqual({ "a.csv": "new a\n", "b.svg": "new b\n", "c.md": "new c\n", "d.html": "new d\n", "elsewhere.txt": "linked" });
  });

  it("writeFilesAtomic(dir, files) failing at any step leaves the previous outputs byte for byte and no new file", async () => {
    // Count the calls of a successful run, then fail at each one in turn (the write phase, each backup,
    // each rename into place): the folder must look exactly as before, or (when only a hard link failed
    // and the copy fallback took over) exactly as after a clean run.
    const probe = failingAt(-1);
    const after = await previousRun();
    await commitFiles(after, NEW, probe.fs);
    const clean = await snapshot(after);
    const total = probe.calls();
    expect(total).toBe(4 + 4 + 3 + 4); // 4 writes, 4 lstat, 3 backups (a, b, c), 4 renames
    let failed = 0;
    for (let n = 0; n < total; n++) {
      const dir = await previousRun();
      const before = await snapshot(dir);
      try {
        await commitFiles(dir, NEW, failingAt(n).fs);
        expect(await snapshot(dir), `call ${n} failed, the fallback took over`).toEqual(clean);
      } catch (e) {
        failed++;
        expect((e as Error).message).toContain("injected failure");
        expect((e as Error).message).toContain("no output was changed");
        expect(await snapshot(dir), `failure at call ${n}`).toEqual(before);
      }
    }
    expect(failed).toBe(total - 3); // every call but the three hard links (which fall back to a copy) is fatal
  });

  it("writeFilesAtomic(dir, files) keeps the backups and names their folder when a restore fails too", async () => {
    const dir = await previousRun();
    let renames = 0;
    const fs = failingAt(-1).fs;
    const flaky: CommitFs = {
      ...fs,
      rename: async (a, b) => {
        renames++;
        // renames 1-3 move a, b, c into place; the 4th (d) fails; the 5th would restore c: fail it too.
        if (renames === 4 || renames === 5) throw new Error(`rename ${renames} failed`);
        return fs.rename(a, b);
      },
    };
    const err = await asyncErrorOf(() => commitFiles(dir, NEW, flaky));
    expect(err.message).toContain('could not restore "c.md"');
    const tmp = (await readdir(dir)).find((n) => n.startsWith(".lotwise-"));
    expect(tmp).toBeDefined();
    expect(err.message).toContain(tmp);
    // a and b were restored; c's previous content survives in the kept folder.
    expect(await readFile(join(dir, "a.csv"), "utf8")).toBe("old a\n");
    expect(await readlink(join(dir, "b.svg"))).toBe("elsewhere.txt");
    expect(await readFile(join(dir, tmp!, "old-2"), "utf8")).toBe("old c \u00e9\n");
  });

  it("writeFilesAtomic(dir, files) creates a missing output folder and removes it again on failure", async () => {
    const root = await tempDir();
    const dir = join(root, "x", "y");
    await asyncErrorOf(() => commitFiles(dir, NEW, failingAt(5).fs));
    expect(await readdir(root)).toEqual([]);
    await writeFilesAtomic(dir, NEW);
    expect((await readdir(dir)).sort()).toEqual(["a.csv", "b.svg", "c.md", "d.html"]);
  });

  it("writeFilesAtomic(dir, files) refuses a file name with a folder in it or given twice (invalid_input)", async () => {
    const dir = await tempDir();
    for (const files of [[{ name: "../x", text: "" }], [{ name: "a", text: "" }, { name: "a", text: "" }], [{ name: "..", text: "" }], [{ name: "ok", text: 3 }], "x"]) {
      const err = await asyncErrorOf(() => writeFilesAtomic(dir, files as never));
      expect(err.code).toBe("invalid_input");
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("writeGeoJSON", () => {
  it("writeGeoJSON(path, undefined | NaN | Map | cycle) throws invalid_input naming the field and writes nothing", async () => {
    const dir = await tempDir();
    const cyclic: Record<string, unknown> = { type: "Feature", properties: {}, geometry: null };
    cyclic.properties = { self: cyclic };
    const cases: [unknown, string][] = [
      [undefined, "expected a GeoJSON object"],
      [null, "expected a GeoJSON object"],
      [{ type: "Nope" }, "expected a GeoJSON object"],
      [{ type: "Point", coordinates: [1, Number.NaN] }, "value.coordinates[1]"],
      [{ type: "Feature", properties: new Map([["a", 1]]), geometry: null }, "value.properties"],
      [{ type: "Feature", properties: { n: 1n }, geometry: null }, "value.properties.n"],
      [{ type: "MultiPoint", coordinates: [[1, 2], undefined] }, "element 1 is undefined"],
      [cyclic, "cycle"],
    ];
    for (const [value, text] of cases) {
      const err = await asyncErrorOf(() => writeGeoJSON(join(dir, "x.geojson"), value));
      expect(err.code).toBe("invalid_input");
      expect(err.message).toContain(text);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("writeGeoJSON(path, fc) writes compact JSON with a newline, keeping a property named __proto__", async () => {
    const dir = await tempDir();
    const fc = JSON.parse('{"type":"FeatureCollection","features":[{"type":"Feature","id":"__proto__","properties":{"__proto__":1,"x":null},"geometry":null}]}') as unknown;
    await writeGeoJSON(join(dir, "x.geojson"), fc);
    const text = await readFile(join(dir, "x.geojson"), "utf8");
    expect(text).toBe('{"type":"FeatureCollection","features":[{"type":"Feature","id":"__proto__","properties":{"__proto__":1,"x":null},"geometry":null}]}\n');
  });
});

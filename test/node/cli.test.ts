import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/node/cli.js";
import { step, type CliIo } from "../../src/node/cli-io.js";

// A 4 × 3 grid of 0.02° squares near Leicester; column c < 2 in parent "W", else "E"; row 0 rural.
function gridGeoJSON() {
  const features = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      const x = Math.round((-1.2 + c * 0.02) * 1e6) / 1e6;
      const y = Math.round((52.6 + r * 0.02) * 1e6) / 1e6;
      const x2 = Math.round((x + 0.02) * 1e6) / 1e6;
      const y2 = Math.round((y + 0.02) * 1e6) / 1e6;
      features.push({
        type: "Feature",
        properties: { code: `A${r}${c}`, ccg: c < 2 ? "W" : "E", urban_rural: r === 0 ? "Rural" : "Urban", keep: r < 3 ? "yes" : "no" },
        geometry: { type: "Polygon", coordinates: [[[x, y], [x2, y], [x2, y2], [x, y2], [x, y]]] },
      });
    }
  }
  return { type: "FeatureCollection", features };
}

let dir = "";
const ids = [0, 1, 2].flatMap((r) => [0, 1, 2, 3].map((c) => `A${r}${c}`));

function capture(): { io: Partial<CliIo>; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir }, out: () => out, err: () => err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lotwise-cli-"));
  await writeFile(join(dir, "grid.geojson"), JSON.stringify(gridGeoJSON()));
  await writeFile(join(dir, "demand.csv"), `area_id,hours\n${ids.map((id, i) => `${id},${10 + i}`).join("\n")}\n`);
  await writeFile(
    join(dir, "providers.csv"),
    "provider_id,lon,lat,capacity_hours,rate_per_hour,drive,walk\nP1,-1.17,52.63,200,20,1,\nP2,-1.15,52.62,200,21,0.8,0.2\nP3,-1.13,52.64,200,22,1,\n",
  );
});

const BASE = ["--boundaries", "grid.geojson", "--id-property", "code", "--demand", "demand.csv"];

describe("runCli", () => {
  it("runCli([cmd, '--help']) prints usage with an example for every command and exits 0", async () => {
    for (const cmd of ["design", "coverage", "allocate", "withdraw", "evaluate"]) {
      const c = capture();
      expect(await runCli([cmd, "--help"], c.io)).toBe(0);
      expect(c.out()).toContain(`Usage: lotwise ${cmd} [options]`);
      expect(c.out()).toContain(`Example:\n  lotwise ${cmd} `);
    }
  });

  it("runCli(['design', …]) writes lots that cover every area once, nested in the parent, with hours conserved", async () => {
    const c = capture();
    const code = await runCli(["design", ...BASE, "--parent-property", "ccg", "--lots-per-parent", "W=2,E=2", "--out", "design"], c.io);
    expect(c.err()).toBe("");
    expect(code).toBe(0);
    expect((await readdir(join(dir, "design"))).sort()).toEqual(["lot-areas.csv", "lots.csv", "lots.geojson", "map.svg", "report.html", "report.md"]);
    const rows = (await readFile(join(dir, "design", "lot-areas.csv"), "utf8")).trim().split("\n").slice(1).map((l) => l.split(","));
    expect(rows.map((r) => r[0]).sort()).toEqual([...ids].sort());
    for (const [area, lot] of rows) expect(lot!.startsWith(Number(area!.slice(2)) < 2 ? "W" : "E")).toBe(true);
    const lots = (await readFile(join(dir, "design", "lots.csv"), "utf8")).trim().split("\n").slice(1).map((l) => l.split(","));
    expect(lots.length).toBe(4);
    // Σ (10 + i), i = 0..11 = 120 + 66 = 186
    expect(lots.reduce((s, l) => s + Number(l[3]), 0)).toBe(186);
    expect(c.out()).toContain("Designed 4 lots");
  });

  it("runCli(['allocate', …]) and ['withdraw', …] give each lot a lead and sweep every provider", async () => {
    const lotsFile = join("design", "lot-areas.csv");
    const c = capture();
    expect(await runCli(["allocate", ...BASE, "--lots", lotsFile, "--providers", "providers.csv", "--out", "alloc"], c.io)).toBe(0);
    const alloc = (await readFile(join(dir, "alloc", "allocation-lots.csv"), "utf8")).trim().split("\n").slice(1).map((l) => l.split(","));
    expect(alloc.length).toBe(4);
    for (const l of alloc) expect(["P1", "P2", "P3"]).toContain(l[2]);
    const w = capture();
    expect(await runCli(["withdraw", ...BASE, "--lots", lotsFile, "--providers", "providers.csv", "--out", "withdraw"], w.io)).toBe(0);
    const sweep = (await readFile(join(dir, "withdraw", "withdrawal.csv"), "utf8")).trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    expect(sweep).toEqual(["P1", "P2", "P3"]);
    expect(await readFile(join(dir, "withdraw", "report.md"), "utf8")).toContain("## N-1 withdrawal");
  });

  it("runCli(…) exits 1 with the row-numbered CSV message and writes nothing on bad input", async () => {
    await writeFile(join(dir, "bad-demand.csv"), "area_id,hours\nA00,10\nA01,12x\n");
    const c = capture();
    const code = await runCli(["design", "--boundaries", "grid.geojson", "--id-property", "code", "--demand", "bad-demand.csv", "--lots", "2", "--out", "bad"], c.io);
    expect(code).toBe(1);
    expect(c.err()).toContain('row 3, column hours: "12x" is not a number');
    await expect(readdir(join(dir, "bad"))).rejects.toThrow();
  });

  it("runCli(…) exits 2 on an unknown option or command, naming it", async () => {
    const c = capture();
    expect(await runCli(["design", "--bogus"], c.io)).toBe(2);
    expect(c.err()).toContain("--bogus");
    expect(await runCli(["frobnicate"], c.io)).toBe(2);
    expect(c.err()).toContain('unknown command "frobnicate"');
  });

  it("runCli(…) removes the files it wrote when a later output cannot be written", async () => {
    // report.md exists as a folder, so renaming the report onto it fails after lots.csv etc. were written.
    await mkdir(join(dir, "blocked", "report.md"), { recursive: true });
    const c = capture();
    const code = await runCli(["design", ...BASE, "--lots", "2", "--out", "blocked"], c.io);
    expect(code).toBe(1);
    expect(c.err()).toContain("[io_error]");
    expect((await readdir(join(dir, "blocked"))).sort()).toEqual(["report.md"]);
  });

  it("step(io, label, work) prints a progress line on stderr only for work longer than a second", async () => {
    let err = "";
    const io: CliIo = { stdout: () => {}, stderr: (t) => (err += t), cwd: dir };
    await step(io, "quick", () => 1);
    expect(err).toBe("");
    await step(io, "slow", () => new Promise((r) => setTimeout(r, 1100)));
    expect(err).toMatch(/^… slow\n✓ slow \(1\.\d s\)\n$/);
  });
});

/** Every file in `sub` → its bytes (base64), hidden files included. */
async function filesOf(sub: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(join(dir, sub))).sort()) {
    out[name] = await readFile(join(dir, sub, name), "base64").catch(() => "<folder>");
  }
  return out;
}

describe("runCli outputs are committed as a unit", () => {
  it("runCli(['design', …]) that cannot write report.md leaves the previous run's outputs byte for byte", async () => {
    expect(await runCli(["design", ...BASE, "--lots", "2", "--out", "unit"], capture().io)).toBe(0);
    // report.md becomes a folder; everything else is the previous run's output.
    await rm(join(dir, "unit", "report.md"));
    await mkdir(join(dir, "unit", "report.md"));
    const before = await filesOf("unit");
    expect(Object.keys(before)).toEqual(["lot-areas.csv", "lots.csv", "lots.geojson", "map.svg", "report.html", "report.md"]);
    // A different design (3 lots) would change every file; lots.csv … map.svg are replaced before report.md fails.
    const c = capture();
    expect(await runCli(["design", ...BASE, "--lots", "3", "--out", "unit"], c.io)).toBe(1);
    expect(c.err()).toContain("report.md");
    expect(c.err()).toContain("it is a folder");
    expect(c.err()).toContain("no output was changed");
    expect(await filesOf("unit")).toEqual(before);
  });

  it("runCli(['design', …]) under a 2 KiB file-size limit (ulimit -f) fails with io_error and keeps the previous outputs", async () => {
    expect(await runCli(["design", ...BASE, "--lots", "2", "--out", "limit"], capture().io)).toBe(0);
    const before = await filesOf("limit");
    const root = resolve(new URL("../..", import.meta.url).pathname);
    const script = join(root, "test/node/run-cli.ts");
    const args = ["design", "--boundaries", join(dir, "grid.geojson"), "--id-property", "code", "--demand", join(dir, "demand.csv"), "--lots", "3", "--out", join(dir, "limit")];
    // map.svg (about 4 KB) exceeds the limit while lots.csv (about 150 B) does not. Node ignores SIGXFSZ,
    // so the write fails with EFBIG instead of killing the process.
    const run = await promisify(execFile)("bash", ["-c", 'ulimit -f 2 && exec "$@"', "bash", process.execPath, "--import", "tsx", script, ...args], { cwd: root }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(run.stderr).toContain("[io_error]");
    expect(run.stderr).toMatch(/EFBIG|too large/i);
    expect(run.code).toBe(1);
    expect(await filesOf("limit")).toEqual(before);
  });
});

describe("runCli never throws", () => {
  it("runCli([name, '--help']) for Object.prototype names (constructor, __proto__, toString …) is an unknown command, exit 2", async () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      const c = capture();
      expect(await runCli([name, "--help"], c.io)).toBe(2);
      expect(c.err()).toContain(`unknown command ${JSON.stringify(name)}`);
      expect(c.err()).not.toContain("    at ");
    }
  });

  it("runCli(junk argv or io) returns a non-zero code with a message instead of throwing", async () => {
    const c = capture();
    expect(await runCli(undefined as never, c.io)).toBe(2);
    expect(await runCli([1, 2] as never, c.io)).toBe(2);
    expect(await runCli("design" as never, c.io)).toBe(2);
    expect(c.err()).toContain("must be a list of strings");
    // A stdout that throws cannot turn into an exception either.
    const broken = { ...c.io, stdout: () => { throw new Error("EPIPE"); } };
    expect(await runCli(["--help"], broken)).toBe(0);
    expect(await runCli(["design", "--constructor", "x"], c.io)).toBe(2);
    expect(c.err()).toContain("--constructor");
  });
});

describe("runCli coverage --travel", () => {
  it("runCli(['coverage', '--travel', file]) uses the given times: a provider with no row reaches nothing", async () => {
    // P1 reaches every area in 10 min by car; P2 and P3 have no rows (unreachable).
    const rows = ids.map((a) => `P1,${a},drive,10`).join("\n");
    await writeFile(join(dir, "travel.csv"), `origin_id,destination_id,mode,minutes\n${rows}\n`);
    await writeFile(join(dir, "drivers.csv"), "provider_id,lon,lat,capacity_hours,rate_per_hour\nP1,-1.17,52.63,200,20\nP2,-1.15,52.62,200,21\nP3,-1.13,52.64,200,22\n");
    const c = capture();
    const code = await runCli(["coverage", ...BASE, "--lots", join("design", "lot-areas.csv"), "--providers", "drivers.csv", "--travel", "travel.csv", "--threshold", "drive=30", "--out", "cov"], c.io);
    expect(c.err()).toBe("");
    expect(code).toBe(0);
    const out = (await readFile(join(dir, "cov", "coverage.csv"), "utf8")).trim().split("\n").slice(1).map((l) => l.split(","));
    expect(out.length).toBe(4);
    for (const r of out) {
      expect(r[0]).toBe("P1");
      expect(r[2]).toBe("1");
    }
  });
});

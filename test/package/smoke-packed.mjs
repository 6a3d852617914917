// Packs the package, installs the tarball in a fresh folder, and imports both entries from ESM and
// CJS. Checks one LotwiseError identity across `lotwise` and `lotwise/node` in each module system.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(new URL("../..", import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), "lotwise-pack-"));
try {
  execFileSync("npm", ["pack", "--pack-destination", dir], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "smoke", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(dir, tgz)], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const listed = execFileSync("tar", ["-tzf", join(dir, tgz)], { encoding: "utf8" });
  if (listed.includes("geodata/")) throw new Error("geodata/ must not ship in the npm tarball");
  writeFileSync(
    join(dir, "esm.mjs"),
    `import { LotwiseError, loadBoundaries } from "lotwise";
import * as node from "lotwise/node";
try { loadBoundaries({ type: "FeatureCollection", features: [] }); } catch (e) {
  if (!(e instanceof LotwiseError)) throw new Error("ESM: wrong error class");
  await node.readGeoJSON("/no/such/file").catch((e2) => { if (!(e2 instanceof LotwiseError)) throw new Error("ESM: node entry has another LotwiseError"); });
  console.log("esm ok:", e.code);
}`,
  );
  writeFileSync(
    join(dir, "cjs.cjs"),
    `const { LotwiseError, loadBoundaries } = require("lotwise");
const node = require("lotwise/node");
try { loadBoundaries({ type: "FeatureCollection", features: [] }); } catch (e) {
  if (!(e instanceof LotwiseError)) throw new Error("CJS: wrong error class");
  node.readGeoJSON("/no/such/file").catch((e2) => { if (!(e2 instanceof LotwiseError)) { console.error("CJS: node entry has another LotwiseError"); process.exit(1); } console.log("cjs ok:", e.code); });
}`,
  );
  writeFileSync(
    join(dir, "worker.mjs"),
    `import { workerSolver } from "lotwise/node";
const s = workerSolver();
const m = { sense: "max", numCols: 2, numRows: 2, cost: new Float64Array([5, 4]), colLower: new Float64Array([0, 0]),
  colUpper: new Float64Array([Infinity, Infinity]), integrality: new Uint8Array([1, 1]), rowLower: new Float64Array([-Infinity, -Infinity]),
  rowUpper: new Float64Array([24, 6]), rowStart: new Int32Array([0, 2, 4]), colIndex: new Int32Array([0, 1, 0, 1]), value: new Float64Array([6, 4, 1, 2]) };
const r = await s.solve(m, { relGap: 0 });
s.terminate();
if (r.status !== "optimal" || r.objective !== 20) throw new Error("worker solve from the tarball: " + r.status + " " + r.objective);
console.log("worker ok:", r.status, r.objective);`,
  );
  execFileSync(process.execPath, ["esm.mjs"], { cwd: dir, stdio: "inherit" });
  execFileSync(process.execPath, ["worker.mjs"], { cwd: dir, stdio: "inherit" });
  // The CJS build finds its worker script through tsup's import.meta.url shim.
  writeFileSync(
    join(dir, "worker.cjs"),
    `const { workerSolver } = require("lotwise/node");
const s = workerSolver();
s.warmUp().then(() => { s.terminate(); console.log("cjs worker ok"); }, (e) => { console.error(e); process.exit(1); });`,
  );
  execFileSync(process.execPath, ["worker.cjs"], { cwd: dir, stdio: "inherit" });
  execFileSync(process.execPath, ["cjs.cjs"], { cwd: dir, stdio: "inherit" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Runs every bench/*.bench.ts in its own process (so wasm memory and JIT state do not leak between
// benchmarks) and leaves each one's results in bench/results/<name>.json.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const only = process.argv.slice(2);
const dir = new URL(".", import.meta.url).pathname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const f of files) {
  console.log(`\n=== ${f}`);
  execFileSync(process.execPath, ["--import", "tsx", "--expose-gc", join(dir, f)], { stdio: "inherit" });
}

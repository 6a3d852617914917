import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const NODE_ONLY = /^(node:|fs$|fs\/|path$|os$|stream$|child_process$|worker_threads$|url$|crypto$|module$|string_decoder$|@fast-csv\/)/;

describe("browser safety", () => {
  it("the root entry bundles for the browser with no Node built-in, fast-csv, process or Buffer in lotwise's own code", async () => {
    const offenders: string[] = [];
    const result = await build({
      entryPoints: ["src/index.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      plugins: [
        {
          name: "no-node-in-core",
          setup(b) {
            b.onResolve({ filter: NODE_ONLY }, (args) => {
              // highs' emscripten glue imports node:* only inside its Node branch; it is loaded lazily and
              // tested in a real browser separately. Anything else, above all our own src/, is an offender.
              const fromHighs = args.importer.includes("/node_modules/highs/");
              if (!fromHighs) offenders.push(`${args.path} imported by ${args.importer}`);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    expect(offenders).toEqual([]);
    const ours = Object.keys(result.metafile.inputs).filter((f) => f.startsWith("src/"));
    expect(ours).toContain("src/index.ts");
    expect(ours.some((f) => f.startsWith("src/node/"))).toBe(false);
  });
});

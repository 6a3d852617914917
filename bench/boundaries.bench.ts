// Boundaries engine speed: point location (indexBoundaries.locateMany) against a brute-force loop,
// adjacency (boundaryAdjacency) and nesting (nestAreas) on the real geodata/ LSOAs.
// Run: npx tsx bench/boundaries.bench.ts  → bench/results/boundaries.json
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { boundaryAdjacency, indexBoundaries, loadBoundaries, nestAreas, type Boundaries, type LonLat } from "../src/index.js";
import { OUTSIDE, packBoundaries, pointInPackedAll } from "../src/boundaries/geometry.js";
import { mulberry32 } from "../src/internal/rng.js";
import { medianMs, timeMs, writeResults } from "./util.js";

const GEODATA = join(new URL("..", import.meta.url).pathname, "geodata");
const readJson = (name: string): { features: unknown[] } => JSON.parse(readFileSync(join(GEODATA, name), "utf8")) as { features: unknown[] };

const lsoaFc = { type: "FeatureCollection", features: [...readJson("lsoa11_leicestershire.geojson").features, ...readJson("lsoa11_bradford.geojson").features] };
const b: Boundaries = loadBoundaries(lsoaFc, { idProperty: "lsoa11cd" });

const lines = readFileSync(join(GEODATA, "postcode_centroids.csv"), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
const header = lines[0]!.split(",");
const latCol = header.indexOf("lat"), lonCol = header.indexOf("lon");
const postcodes: LonLat[] = lines.slice(1).map((l) => {
  const c = l.split(",");
  return [Number(c[lonCol]), Number(c[latCol])];
});

const results: Record<string, unknown>[] = [];

// 1. Build the index.
const buildMs = medianMs(() => indexBoundaries(b), 5);
const index = indexBoundaries(b);
results.push({ name: "indexBoundaries (921 LSOAs)", size: { boundaries: b.ids.length }, ms: round(buildMs) });

// 2. locateMany on all postcodes vs brute force.
const locateMs = medianMs(() => index.locateMany(postcodes), 7);
// Brute force: every polygon in id order, exact crossing test over all its edges, first hit wins; on a
// seeded sample (the full run would take minutes), extrapolated per point.
const packed = packBoundaries(b);
const rand = mulberry32(7);
const sample = Array.from({ length: 2000 }, () => postcodes[Math.floor(rand() * postcodes.length)]!);
const brute = (pts: readonly LonLat[]) =>
  pts.map(([x, y]) => {
    for (let i = 0; i < packed.length; i++) if (pointInPackedAll(packed[i]!, x, y) !== OUTSIDE) return b.ids[i]!;
    return null;
  });
const bruteMsSample = medianMs(() => brute(sample), 3);
const bruteMsPerPoint = bruteMsSample / sample.length;
// A stronger baseline: the same loop with a bbox check before each polygon (no tree, no bands).
const bboxScan = (pts: readonly LonLat[]) =>
  pts.map(([x, y]) => {
    for (let i = 0; i < packed.length; i++) {
      const bb = b.bboxes[i]!;
      if (x < bb[0] || x > bb[2] || y < bb[1] || y > bb[3]) continue;
      if (pointInPackedAll(packed[i]!, x, y) !== OUTSIDE) return b.ids[i]!;
    }
    return null;
  });
const bboxScanMs = medianMs(() => bboxScan(postcodes), 3);
const agree = index.locateMany(sample).every((id, k) => id === brute([sample[k]!])[0]);
const ratio = (bruteMsPerPoint * postcodes.length) / locateMs;
results.push({
  name: "locateMany, 58,078 postcode centroids in 921 LSOAs",
  size: { points: postcodes.length, boundaries: b.ids.length },
  ms: round(locateMs),
  pointsPerSecond: Math.round((postcodes.length / locateMs) * 1000),
  bruteForce: { method: "all polygons, all edges, 2,000-point seeded sample, extrapolated", msPerPoint: round(bruteMsPerPoint, 4), extrapolatedMs: Math.round(bruteMsPerPoint * postcodes.length), agreesOnSample: agree },
  ratioToBruteForce: round(ratio, 1),
  bboxLinearScan: { ms: round(bboxScanMs), ratio: round(bboxScanMs / locateMs, 1) },
  target: "< 300 ms and ≥ 50× faster than brute force",
  met: locateMs < 300 && ratio >= 50,
});

// 3. Seeded uniform points over the LSOAs' bbox, labelled by N (about half fall outside every polygon).
const [minX, minY, maxX, maxY] = index.bbox();
for (const n of [10_000, 100_000]) {
  const r = mulberry32(n);
  const pts: LonLat[] = Array.from({ length: n }, () => [minX + r() * (maxX - minX), minY + r() * (maxY - minY)]);
  const ms = medianMs(() => index.locateMany(pts), 5);
  const msTol = medianMs(() => index.locateMany(pts, { toleranceMetres: 20 }), 3);
  results.push({ name: `locateMany, seeded uniform points (N=${n})`, size: { points: n }, ms: round(ms), pointsPerSecond: Math.round((n / ms) * 1000), withTolerance20m: { ms: round(msTol) } });
}

// 4. Adjacency of all 921 LSOAs.
for (const rule of ["rook", "queen"] as const) {
  const ms = medianMs(() => boundaryAdjacency(b, { rule }), 5);
  const adj = boundaryAdjacency(b, { rule });
  results.push({
    name: `boundaryAdjacency ${rule}, 921 LSOAs (Leicestershire + Bradford)`,
    size: { boundaries: b.ids.length, vertices: packed.reduce((s, g) => s + g.xy.length / 2, 0), pairs: adj.pairCount },
    ms: round(ms),
    target: "< 300 ms",
    met: ms < 300,
  });
}

// 5. nestAreas against CCG and LAD boundaries.
for (const [file, prop] of [["ccg_boundaries_2019.geojson", "ccg19cd"], ["lad_boundaries.geojson", "lad19cd"]] as const) {
  const large = loadBoundaries(readJson(file), { idProperty: prop });
  const { ms, value } = timeMs(() => nestAreas(b, large, { property: prop }));
  results.push({ name: `nestAreas 921 LSOAs in ${large.ids.length} ${prop.slice(0, 3).toUpperCase()}s (property verified)`, size: { small: b.ids.length, large: large.ids.length }, ms: round(ms), ok: value.ok });
}

writeResults("boundaries", results);

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

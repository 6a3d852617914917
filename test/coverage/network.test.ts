import { describe, expect, it } from "vitest";
import { networkTravel } from "../../src/index.js";
import { mulberry32 } from "../../src/internal/rng.js";
import { errorOf } from "../helpers/errors.js";

// Grid at the equator: 1 km = 1000 / (R·π/180) degrees along both axes (R = 6371008.8 m), so every
// edge is 1.000 km to better than 0.1 m and hand times are exact to ~1e-5 min.
const KM = 1000 / ((6371008.8 * Math.PI) / 180);
const node = (i: number, j: number): [number, number] => [i * KM, j * KM];
const line = (cls: string, coords: [number, number][]) => ({
  type: "Feature",
  properties: { roadFunction: cls },
  geometry: { type: "LineString", coordinates: coords },
});
// Speeds chosen for round numbers: motorway 60 km/h = 1 min/km (walkers barred), A road 30 km/h =
// 2 min/km, local road 20 km/h = 3 min/km; walking 6 km/h = 10 min/km off the motorway.
const speedsKmh = {
  Motorway: { drive: 60, walk: 0 },
  "A Road": { drive: 30, walk: 6 },
  "Local Road": { drive: 20, walk: 6 },
};
function grid4(extra: unknown[] = []) {
  const features: unknown[] = [];
  for (let j = 0; j < 4; j++) features.push(line(j === 0 ? "Motorway" : "Local Road", [0, 1, 2, 3].map((i) => node(i, j))));
  for (let i = 0; i < 4; i++) features.push(line("A Road", [0, 1, 2, 3].map((j) => node(i, j))));
  return { type: "FeatureCollection", features: [...features, ...extra] };
}
const points = () => {
  const out: { id: string; lonLat: [number, number] }[] = [];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) out.push({ id: `n${i}${j}`, lonLat: node(i, j) });
  return out;
};

describe("networkTravel", () => {
  it("networkTravel(4×4 grid) gives the hand-computed Dijkstra times for driving and walking", () => {
    const net = networkTravel(grid4(), { speedsKmh });
    expect(net.nodeCount).toBe(16);
    expect(net.edgeCount).toBe(24);
    const dest = points();
    const m = net.matrix([{ id: "o", lonLat: node(0, 0) }], dest, ["drive", "walk"]);
    dest.forEach((p, k) => {
      const i = Number(p.id[1]), j = Number(p.id[2]);
      // Driving: along the motorway row (1 min/km), then up an A road column (2 min/km).
      expect(m.minutes.drive![k]).toBeCloseTo(i + 2 * j, 4);
      // Walking: the motorway is barred, so (i, 0) is reached by going up, across and back down.
      const walk = j === 0 && i > 0 ? 10 * (i + 2) : 10 * (i + j);
      expect(m.minutes.walk![k]).toBeCloseTo(walk, 4);
    });
    expect(m.unreachable).toEqual([]);
  });

  it("networkTravel(grid) adds the connector time for a point off the network", () => {
    const net = networkTravel(grid4(), { speedsKmh });
    const off: [number, number] = [0, 3 * KM + 0.1 * KM]; // 100 m north of node (0,3)
    const m = net.matrix([{ id: "o", lonLat: node(0, 0) }], [{ id: "x", lonLat: off }], ["walk"]);
    // 3 km on foot at 6 km/h = 30 min, plus 100 m at the 4.8 km/h walking connector = 1.25 min.
    expect(m.minutes.walk![0]).toBeCloseTo(31.25, 3);
    expect(m.snaps.walk!.destinations[0]!.snapMetres).toBeCloseTo(100, 1);
  });

  it("networkTravel(grid, { maxMinutes }) stops early and counts the pairs it cut off", () => {
    const net = networkTravel(grid4(), { speedsKmh, maxMinutes: 25 });
    const dest = points();
    const m = net.matrix([{ id: "o", lonLat: node(0, 0) }], dest, ["walk"]);
    let cut = 0;
    dest.forEach((p, k) => {
      const i = Number(p.id[1]), j = Number(p.id[2]);
      const walk = j === 0 && i > 0 ? 10 * (i + 2) : 10 * (i + j);
      if (walk <= 25) expect(m.minutes.walk![k]).toBeCloseTo(walk, 4);
      else {
        expect(m.minutes.walk![k]).toBe(Infinity);
        cut++;
      }
    });
    // Within 25 min on foot: (0,0) 0, (0,1) 10, (0,2) 20, (1,1) 20. The other 12 are cut off.
    expect(cut).toBe(12);
    expect(m.beyondMaxMinutes.walk).toBe(cut);
  });

  it("networkTravel reports a destination on a disconnected road and a point too far to snap, not silent Infinity", () => {
    const island = line("Local Road", [node(40, 40), node(41, 40)]);
    const net = networkTravel(grid4([island]), { speedsKmh, maxSnapMetres: 2000 });
    expect(net.components.drive.count).toBe(2);
    expect(net.components.drive.sizes).toEqual([16, 2]);
    const m = net.matrix(
      [{ id: "o", lonLat: node(0, 0) }],
      [
        { id: "isle", lonLat: node(41, 40) },
        { id: "sea", lonLat: node(100, 100) },
      ],
      ["drive"],
    );
    expect(m.minutes.drive![0]).toBe(Infinity);
    expect(m.minutes.drive![1]).toBe(Infinity);
    expect(m.unreachable).toEqual([
      { originId: "o", destinationId: "isle", mode: "drive", reason: "different_component" },
      { originId: "o", destinationId: "sea", mode: "drive", reason: "not_snapped" },
    ]);
  });

  it("networkTravel on a random 6×6 grid matches Floyd–Warshall on the same edges", () => {
    const rand = mulberry32(7);
    const classes = ["Motorway", "A Road", "Local Road"];
    const features: unknown[] = [];
    const edges: [number, number, number, string][] = []; // u, v, km, class
    const id = (i: number, j: number) => i * 6 + j;
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        for (const [di, dj] of [[1, 0], [0, 1]] as const) {
          if (i + di > 5 || j + dj > 5 || rand() < 0.15) continue;
          const cls = classes[Math.floor(rand() * 3)]!;
          features.push(line(cls, [node(i, j), node(i + di, j + dj)]));
          edges.push([id(i, j), id(i + di, j + dj), 1, cls]);
        }
      }
    const net = networkTravel({ type: "FeatureCollection", features }, { speedsKmh });
    const pts: { id: string; lonLat: [number, number] }[] = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) pts.push({ id: String(id(i, j)), lonLat: node(i, j) });
    const used = new Set(edges.flatMap((e) => [e[0], e[1]]));
    const live = pts.filter((p) => used.has(Number(p.id)));
    for (const mode of ["drive", "walk"] as const) {
      const n = 36;
      const d = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => (a === b ? 0 : Infinity)));
      for (const [u, v, km, cls] of edges) {
        const s = speedsKmh[cls as keyof typeof speedsKmh][mode];
        if (!s) continue;
        const w = (60 * km) / s;
        d[u]![v] = Math.min(d[u]![v]!, w);
        d[v]![u] = Math.min(d[v]![u]!, w);
      }
      for (let k = 0; k < n; k++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (d[a]![k]! + d[k]![b]! < d[a]![b]!) d[a]![b] = d[a]![k]! + d[k]![b]!;
      // Only points on an edge the mode may use have a time.
      const usable = live.filter((p) => edges.some((e) => (e[0] === Number(p.id) || e[1] === Number(p.id)) && (speedsKmh[e[3] as keyof typeof speedsKmh][mode] ?? 0) > 0));
      const m = net.matrix(usable, usable, [mode]);
      usable.forEach((o, a) =>
        usable.forEach((t, b) => {
          const want = d[Number(o.id)]![Number(t.id)]!;
          const got = m.minutes[mode]![a * usable.length + b]!;
          if (want === Infinity) expect(got).toBe(Infinity);
          else expect(got).toBeCloseTo(want, 4);
        }),
      );
    }
  });

  it("networkTravel rejects an empty road layer, a polygon road and an unknown road class", () => {
    const e1 = errorOf(() => networkTravel({ type: "FeatureCollection", features: [] }));
    expect(e1.code).toBe("invalid_input");
    expect(e1.message).toContain("roads.features");
    expect(e1.message).toContain("empty");
    const poly = { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] } };
    expect(errorOf(() => networkTravel({ type: "FeatureCollection", features: [poly] })).message).toContain('"Polygon"');
    const e3 = errorOf(() => networkTravel({ type: "FeatureCollection", features: [line("Goat Track", [node(0, 0), node(1, 0)])] }));
    expect(e3.message).toContain("roads.features[0].properties.roadFunction");
    expect(e3.message).toContain('"Goat Track"');
  });
});

import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { isLotwiseError } from "../../src/errors.js";
import { lotEdges } from "../../src/report/lot-edges.js";
import { colourLots, LOT_PALETTE } from "../../src/report/palette.js";
import { renderMap } from "../../src/report/render-map.js";

// A 3×2 grid of 0.1° squares sharing vertices: A0 A1 A2 on the bottom row, B0 B1 B2 on top.
function grid() {
  const features = [];
  for (const [row, y] of [["A", 52], ["B", 52.1]] as const) {
    for (let c = 0; c < 3; c++) {
      const x = -1.3 + c * 0.1;
      const r = (v: number) => Math.round(v * 1e6) / 1e6;
      features.push({
        type: "Feature",
        id: `${row}${c}`,
        properties: {},
        geometry: { type: "Polygon", coordinates: [[[r(x), y], [r(x + 0.1), y], [r(x + 0.1), r(y + 0.1)], [r(x), r(y + 0.1)], [r(x), y]]] },
      });
    }
  }
  return loadBoundaries({ type: "FeatureCollection", features });
}
const plan = { lots: [{ id: "L1", areaIds: ["A0", "A1", "B0"] }, { id: "L2", areaIds: ["A2", "B1", "B2"] }] };

describe("lotEdges", () => {
  it("lotEdges(b, plan) keeps only edges not shared within a lot, so outline length equals the lot perimeter", () => {
    const { outlines, neighbours } = lotEdges(grid(), plan);
    // L1 is an L-shape of 3 unit squares: perimeter 8 units of 0.1°; outline segments are unit edges.
    const segs = (outlines.get("L1") ?? []).reduce((s, l) => s + l.length - 1, 0);
    expect(segs).toBe(8);
    // The outline closes on itself: one polyline whose ends coincide.
    const line = outlines.get("L1")![0]!;
    expect(line[0]).toEqual(line[line.length - 1]);
    expect(neighbours.get("L1")).toEqual(["L2"]);
  });
});

describe("colourLots", () => {
  it("colourLots(ids, neighbours) never gives two neighbouring lots the same colour on a wheel graph", () => {
    // Wheel: hub H adjacent to all of a 5-cycle (odd cycle + hub needs 4 colours).
    const ring = ["R0", "R1", "R2", "R3", "R4"];
    const n = new Map<string, string[]>([["H", ring]]);
    ring.forEach((r, i) => n.set(r, ["H", ring[(i + 1) % 5]!, ring[(i + 4) % 5]!]));
    const c = colourLots(["H", ...ring], n);
    for (const [id, ns] of n) for (const m of ns) expect(c.get(id)).not.toBe(c.get(m));
    for (const v of c.values()) expect(v).toBeLessThan(LOT_PALETTE.length);
  });
});

describe("renderMap", () => {
  it("renderMap(b, plan, opts) draws title, legend entries, lead labels, providers, scale bar, north arrow and attribution", () => {
    const svg = renderMap(grid(), plan, {
      title: "Grid <lots>",
      providers: [{ id: "P1", lonLat: [-1.25, 52.05] }],
      leadProviders: { L1: "P1" },
      coverage: { A0: 0.5, A1: 1 },
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Grid &lt;lots&gt;");
    expect(svg).toContain("lead P1");
    expect(svg).toContain('id="north-arrow"');
    expect(svg).toContain('id="scale-bar"');
    expect(svg).toContain("Contains National Statistics and OS data © Crown copyright and database right 2011-2025 (OGL v3)");
    // One hatched area (A0 at 50% uncovered); A1 fully covered is not hatched.
    expect(svg).toMatch(/<path fill-opacity="0.5" d="M[^"]*Z"\/>/);
    expect(svg.match(/fill-opacity=/g)?.length).toBe(1);
    // The two lots touch, so they get different fills.
    const fills = [...svg.matchAll(/<path fill="(#[0-9a-f]{6})" d=/g)].map((m) => m[1]);
    expect(new Set(fills).size).toBe(2);
  });

  it("renderMap(...) writes coordinates with at most one decimal and is byte-identical across calls", () => {
    const a = renderMap(grid(), plan);
    const b = renderMap(grid(), plan);
    expect(a).toBe(b);
    const numbers = [...a.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].flatMap((m) => [m[1]!, m[2]!]);
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(n).toMatch(/^-?\d+(\.\d)?$/);
  });

  it("renderMap(...) scale bar length matches the projection: the 0.1° grid width in px equals its km width × px/km", () => {
    const svg = renderMap(grid(), plan, { widthPx: 800, heightPx: 1000 });
    const bar = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="5" fill="#111"\/>/.exec(svg)!;
    const label = /<text x="[\d.]+" y="[\d.]+">(\d+) km<\/text>/.exec(svg)!;
    const halfBarPx = Number(bar[2]);
    const km = Number(label[1]);
    // Grid: 0.3° wide at lat 52.1 → 0.3·cos(52.1°)·111.195 km; its px width from the outline path extent.
    const areas = svg.slice(svg.indexOf('<g id="areas"'), svg.indexOf("</g>", svg.indexOf('<g id="areas"')));
    const xs = [...areas.matchAll(/[ML](-?[\d.]+) -?[\d.]+/g)].map((m) => Number(m[1]));
    const widthPx = Math.max(...xs) - Math.min(...xs);
    const widthKm = 0.3 * Math.cos((52.1 * Math.PI) / 180) * ((6371008.8 * Math.PI) / 180 / 1000);
    expect((2 * halfBarPx) / km).toBeCloseTo(widthPx / widthKm, 0);
  });

  it("renderMap(...) rejects a lot naming an unknown area and a coverage share above 1", () => {
    const e1 = (() => {
      try {
        renderMap(grid(), { lots: [{ id: "L1", areaIds: ["ZZ"] }] });
      } catch (e) {
        return e;
      }
    })();
    expect(isLotwiseError(e1) && e1.code).toBe("unknown_id");
    expect(() => renderMap(grid(), plan, { coverage: { A0: 1.5 } })).toThrow(/options\.coverage\.A0/);
  });
});

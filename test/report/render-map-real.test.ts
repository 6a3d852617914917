import { describe, expect, it } from "vitest";
import { boundaryAdjacency } from "../../src/boundaries/adjacency.js";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { renderMap } from "../../src/report/render-map.js";
import { readJson } from "../helpers/geodata.js";

describe("renderMap on the Leicestershire LSOAs", () => {
  it("renderMap(lsoas, districts-as-lots) colours every pair of bordering districts differently", () => {
    const fc = readJson("lsoa11_leicestershire.geojson") as { type: string; features: { properties: Record<string, unknown> }[] };
    const b = loadBoundaries({ ...fc, features: fc.features.filter((f) => f.properties.utla_cd === "E10000018") }, { idProperty: "lsoa11cd" });
    const ladOf = new Map(b.ids.map((id, i) => [id, String(b.features[i]!.properties.lad19cd)]));
    const lots = new Map<string, string[]>();
    for (const [id, lad] of ladOf) (lots.get(lad) ?? lots.set(lad, []).get(lad)!).push(id);
    const svg = renderMap(b, { lots: [...lots].map(([id, areaIds]) => ({ id, areaIds })) });
    // lot → colour, read from the legend swatches (rect followed by the lot id in bold)
    const colour = new Map([...svg.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"[^>]*\/><text [^>]*><tspan font-weight="bold">([^<]+)<\/tspan>/g)].map((m) => [m[2]!, m[1]!]));
    expect(colour.size).toBe(7);
    // District borders found independently from LSOA adjacency.
    const bordering = new Set<string>();
    for (const p of boundaryAdjacency(b).pairs) {
      const x = ladOf.get(p.a)!;
      const y = ladOf.get(p.b)!;
      if (x !== y) bordering.add(x < y ? `${x}|${y}` : `${y}|${x}`);
    }
    expect(bordering.size).toBeGreaterThan(6);
    for (const pair of bordering) {
      const [x, y] = pair.split("|");
      expect(colour.get(x!), pair).not.toBe(colour.get(y!));
    }
    // A4 portrait and under 1 MB for 396 LSOAs.
    expect(svg).toContain('width="794" height="1123"');
    expect(svg.length).toBeLessThan(1_000_000);
  });
});

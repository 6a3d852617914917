// The @example blocks of the boundaries engine's TSDoc, run as written, with their commented results.
import { describe, expect, it } from "vitest";
import { boundaryAdjacency, indexBoundaries, loadBoundaries, nestAreas } from "../../src/index.js";

describe("boundaries TSDoc examples", () => {
  it("indexBoundaries example: locate, shared edge, locateMany, tolerance", () => {
    const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52], [x + 1, 52], [x + 1, 53], [x, 53], [x, 52]]] });
    const b = loadBoundaries({ type: "FeatureCollection", features: [
      { type: "Feature", id: "W", properties: {}, geometry: sq(-2) },
      { type: "Feature", id: "E", properties: {}, geometry: sq(-1) },
    ] });
    const index = indexBoundaries(b);
    expect(index.locate([-1.5, 52.5])).toBe("W");
    expect(index.locate([-1, 52.5])).toBe("E");
    expect(index.locateMany([[-0.5, 52.5], [5, 5]])).toEqual(["E", null]);
    expect(index.locate([0.000005, 52.5], { toleranceMetres: 1 })).toBe("E");
  });

  it("boundaryAdjacency example: rook vs queen on three squares", () => {
    const sq = (x: number, y: number) => ({ type: "Polygon", coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
    const b = loadBoundaries({ type: "FeatureCollection", features: [
      { type: "Feature", id: "A", properties: {}, geometry: sq(0, 52) },
      { type: "Feature", id: "B", properties: {}, geometry: sq(0.01, 52) },
      { type: "Feature", id: "C", properties: {}, geometry: sq(0.01, 52.01) },
    ] });
    expect(boundaryAdjacency(b).neighbours.get("A")).toEqual(["B"]);
    expect(boundaryAdjacency(b, { rule: "queen" }).neighbours.get("A")).toEqual(["B", "C"]);
  });

  it("nestAreas example: parent, straddling, mismatch", () => {
    const rect = (x0: number, x1: number) => ({ type: "Polygon", coordinates: [[[x0, 52], [x1, 52], [x1, 52.1], [x0, 52.1], [x0, 52]]] });
    const fc = (fs: [string, number, number][]) => ({ type: "FeatureCollection", features: fs.map(([id, a, c]) => ({ type: "Feature", id, properties: { lad: "L" }, geometry: rect(a, c) })) });
    const small = loadBoundaries(fc([["s1", 0, 0.1], ["s2", 0.1, 0.2], ["s3", 0.15, 0.25]]));
    const large = loadBoundaries(fc([["L", 0, 0.2]]));
    const r = nestAreas(small, large);
    expect(r.parentOf.get("s1")).toBe("L");
    expect(r.straddling.map((a) => a.id)).toEqual(["s3"]);
    expect(nestAreas(small, large, { property: "lad" }).mismatches.map((m) => m.id)).toEqual(["s3"]);
  });
});

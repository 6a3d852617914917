// Real LSOA boundaries from geodata/ (OGL v3), loaded once per test file.
import { loadBoundaries, type Boundaries } from "../../src/index.js";
import { readJson } from "../helpers/geodata.js";

interface Fc {
  type: "FeatureCollection";
  features: unknown[];
}

export function leicestershire(): Boundaries {
  return loadBoundaries(readJson("lsoa11_leicestershire.geojson"), { idProperty: "lsoa11cd" });
}

/** Leicestershire (611) + Bradford (310) LSOAs in one set. */
export function allLsoas(): Boundaries {
  const l = readJson("lsoa11_leicestershire.geojson") as Fc;
  const b = readJson("lsoa11_bradford.geojson") as Fc;
  return loadBoundaries({ type: "FeatureCollection", features: [...l.features, ...b.features] }, { idProperty: "lsoa11cd" });
}

export const square = (x: number, y: number, d: number) => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});

export const collection = (features: [string, unknown][]) => ({
  type: "FeatureCollection",
  features: features.map(([id, geometry]) => ({ type: "Feature", id, properties: {}, geometry })),
});

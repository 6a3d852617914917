// Leicestershire County Council test bed for the location models: the 396 County LSOAs (pop-weighted
// centroids, urban/rural class, 60+ population as demand), seeded SYNTHETIC providers on real postcode
// centroids in the County's districts (generateProviders), straight-line driving minutes (straightLineTravel:
// haversine × 1.3 at 30 km/h urban / 50 km/h rural, half the trip at each end's speed).
import { straightLineTravel } from "../../src/coverage/straight-line.js";
import type { TravelMatrix, LonLat } from "../../src/domain/index.js";
import { generateProviders } from "../../src/providers/generate.js";
import { readCsvRows } from "./geodata.js";

export interface LeicsBed {
  areas: { id: string; lonLat: LonLat; urbanRural: "urban" | "rural" }[];
  /** 60+ population (mid-2015) per area */
  demand: Record<string, number>;
  providerIds: string[];
  providers: ReturnType<typeof generateProviders>;
  /** providers (origins) × areas (destinations), drive minutes */
  matrix: TravelMatrix;
}

export function leicsBed(providerCount: number, seed = 9, areaSet: "county" | "all" = "county"): LeicsBed {
  const rows = readCsvRows("lsoa11_master.csv").filter((r) => (areaSet === "all" ? true : r.area_set === "leicestershire" && r.utla_cd === "E10000018"));
  const areas = rows.map((r) => ({
    id: r.lsoa11cd!,
    lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)] as LonLat,
    urbanRural: (r.urban_rural === "Rural" ? "rural" : "urban") as "urban" | "rural",
  }));
  const demand = Object.fromEntries(rows.map((r) => [r.lsoa11cd!, Number(r.age_60plus_mid2015)]));
  const lads = new Set(rows.map((r) => r.lad19cd!));
  const points = readCsvRows("postcode_centroids.csv")
    .filter((r) => lads.has(r.lad19cd_pip!))
    .map((r) => [Number(r.lon), Number(r.lat)] as LonLat);
  const providers = generateProviders({ count: providerCount, seed, points });
  const matrix = straightLineTravel().matrix(
    providers.map((p) => ({ id: p.id, lonLat: p.lonLat })),
    areas,
    ["drive"],
  );
  return { areas, demand, providerIds: providers.map((p) => p.id), providers, matrix };
}

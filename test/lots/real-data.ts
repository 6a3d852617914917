// Real-data fixtures for lot tests and the bench: LSOAs from geodata/, rook adjacency from boundaryAdjacency.
import { boundaryAdjacency } from "../../src/boundaries/adjacency.js";
import { loadBoundaries } from "../../src/boundaries/load.js";
import type { Boundaries } from "../../src/boundaries/types.js";
import { estimateDemand, type DemandEstimate } from "../../src/demand/estimate-demand.js";
import type { Area } from "../../src/domain/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GEODATA, readJson } from "../helpers/geodata.js";

/** CSV rows with quoted fields (lsoa11_master.csv quotes CCG names that contain commas). */
export function readQuotedCsv(name: string): Record<string, string>[] {
  const lines = readFileSync(join(GEODATA, name), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = "", q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (q) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") {
        out.push(cur);
        cur = "";
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

export interface RealSet {
  boundaries: Boundaries;
  areas: Area[];
  adjacency: ReadonlyMap<string, readonly string[]>;
  demand: DemandEstimate;
  rows: Record<string, string>[];
}

/** Published totals: Leicestershire County Council 20,317 h/week (1,994 people, 2019); Bradford 35,000 h/week (3,701 people, 2018). */
export const LEICS_HOURS = 20317;
export const BRADFORD_HOURS = 35000;
export const ELR = "E38000051";
export const WL = "E38000201";

/**
 * `which`: "county" = Leicestershire County Council area (utla E10000018, 396 LSOAs); "leics" = all 611;
 * "bradford" = 310. Parent = ccg19cd (or ccg19cd|lad19cd with `parent: "ccg-lad"`). Area points are the
 * ONS population-weighted centroids.
 */
export function realSet(which: "county" | "leics" | "bradford" | "all", parent: "ccg" | "ccg-lad" | "none" = "ccg", totalHours?: number): RealSet {
  const all = readQuotedCsv("lsoa11_master.csv");
  const rows = all.filter((r) => (which === "all" ? true : which === "county" ? r.utla_cd === "E10000018" : which === "leics" ? r.area_set === "leicestershire" : r.area_set === "bradford"));
  const keep = new Set(rows.map((r) => r.lsoa11cd));
  type FC = { type: string; features: { properties: Record<string, unknown> }[] };
  const files = which === "all" ? ["lsoa11_leicestershire.geojson", "lsoa11_bradford.geojson"] : [which === "bradford" ? "lsoa11_bradford.geojson" : "lsoa11_leicestershire.geojson"];
  const features = files.flatMap((f) => (readJson(f) as FC).features);
  const boundaries = loadBoundaries({ type: "FeatureCollection", features: features.filter((f) => keep.has(String(f.properties.lsoa11cd))) }, { idProperty: "lsoa11cd" });
  const adjacency = boundaryAdjacency(boundaries, { rule: "rook" }).neighbours;
  const areas: Area[] = rows.map((r) => {
    const a = { id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number], areaKm2: boundaries.areasKm2[boundaries.indexById.get(r.lsoa11cd!)!]!, population: Number(r.pop_mid2018), urbanRural: r.urban_rural === "Urban" ? ("urban" as const) : ("rural" as const) };
    return parent === "none" ? a : { ...a, parent: parent === "ccg" ? r.ccg19cd! : `${r.ccg19cd}|${r.lad19cd}` };
  });
  const demand = estimateDemand(
    rows.map((r) => ({ ...r, id: r.lsoa11cd })),
    { totalHours: totalHours ?? (which === "bradford" ? BRADFORD_HOURS : LEICS_HOURS), weightBy: ["census2011_age_65plus", "age_60plus_mid2015"] },
  );
  return { boundaries, areas, adjacency, demand, rows };
}

// pysal/spopt San Francisco test data (/work/shared/benchmarks/spopt-sf/SOURCES.md, BSD-3-Clause): 205 census
// tracts × 16 candidate stores, network distance in metres, POP2000 as the demand weight.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED_BENCHMARKS } from "./geodata.js";

export const SF_DIR = join(SHARED_BENCHMARKS, "spopt-sf");

function rows(file: string): Record<string, string>[] {
  const lines = readFileSync(`${SF_DIR}/${file}`, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const unq = (s: string): string => s.replace(/^"|"$/g, "");
  const header = lines[0]!.split(",").map(unq);
  return lines.slice(1).map((l) => {
    const cells = l.split(",").map(unq);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

export interface SfData {
  tractIds: string[];
  storeIds: string[];
  /** metres, tract-major in the order of tractIds × storeIds */
  cost: number[][];
  pop: number[];
}

export function readSf(): SfData {
  const demand = rows("SF_demand_205_centroid_uniform_weight.csv");
  const dist = rows("SF_network_distance_candidateStore_16_censusTract_205_new.csv");
  const tractIds = demand.map((r) => r.NAME!);
  const pop = demand.map((r) => Number(r.POP2000));
  const storeIds = [...new Set(dist.map((r) => r.name!))];
  const ti = new Map(tractIds.map((t, i) => [t, i]));
  const si = new Map(storeIds.map((s, j) => [s, j]));
  const cost = tractIds.map(() => storeIds.map(() => Number.NaN));
  for (const r of dist) {
    const i = ti.get(r.DestinationName!);
    const j = si.get(r.name!);
    if (i === undefined || j === undefined) throw new Error(`unknown tract/store in distance row ${JSON.stringify(r)}`);
    cost[i]![j] = Number(r.distance);
  }
  for (const row of cost) if (row.some(Number.isNaN)) throw new Error("missing distance");
  return { tractIds, storeIds, cost, pop };
}

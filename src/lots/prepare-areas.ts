// Turns validated areas + adjacency + demand into the flat arrays the lot engine works on.
import { LotwiseError, invalid } from "../errors.js";
import { metresPerDegree } from "../internal/geo.js";
import { compareIds } from "../internal/sort.js";
import type { Id, DemandHours, Area } from "../domain/index.js";
import type { AreaAdjacency } from "./types.js";

/** Areas in id order with projected km coordinates and a symmetric CSR adjacency (same-parent edges only when `nestOnly`). */
export interface PreparedAreas {
  readonly ids: readonly Id[];
  readonly index: ReadonlyMap<Id, number>;
  readonly areas: readonly Area[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly hours: Float64Array;
  /** Parent value per area ("" when areas have none). */
  readonly parent: readonly string[];
  readonly hasParents: boolean;
  /** CSR adjacency over all areas (symmetric, no self-loops, duplicates removed). */
  readonly adjStart: Int32Array;
  readonly adjList: Int32Array;
}

/** Validates cross-references (every area in the adjacency and in demand, no unknown demand ids) and builds arrays. */
export function prepareAreas(areas: readonly Area[], adjacency: AreaAdjacency, demand: DemandHours | null, argNames = { areas: "areas", adjacency: "adjacency", demand: "demand" }): PreparedAreas {
  const order = areas.map((_, i) => i).sort((a, b) => compareIds(areas[a]!.id, areas[b]!.id));
  const index = new Map<Id, number>();
  const seenAt = new Map<Id, number>();
  areas.forEach((a, i) => {
    const before = seenAt.get(a.id);
    if (before !== undefined) invalid([argNames.areas, i, "id"], a.id, `duplicate id: ${argNames.areas}[${before}] has the same id`, "duplicate_id");
    seenAt.set(a.id, i);
  });
  const sorted = order.map((i) => areas[i]!);
  sorted.forEach((a, i) => index.set(a.id, i));
  const n = sorted.length;

  const withParent = sorted.filter((a) => a.parent !== undefined).length;
  if (withParent !== 0 && withParent !== n) {
    const i = areas.findIndex((a) => a.parent === undefined);
    invalid([argNames.areas, i, "parent"], undefined, `${withParent} of ${n} areas have a parent and this one has none: give every area a parent or none`);
  }

  let meanLat = 0;
  for (const a of sorted) meanLat += a.lonLat[1] / n;
  const { mx, my } = metresPerDegree(meanLat);
  const x = new Float64Array(n), y = new Float64Array(n), hours = new Float64Array(n);
  sorted.forEach((a, i) => {
    x[i] = (a.lonLat[0] * mx) / 1000;
    y[i] = (a.lonLat[1] * my) / 1000;
  });

  if (demand !== null) {
    for (const id of Object.keys(demand).sort(compareIds)) {
      if (!index.has(id)) invalid([argNames.demand, id], demand[id], `demand is given for area "${id}", which is not in ${argNames.areas}`, "unknown_id");
    }
    sorted.forEach((a, i) => {
      const h = demand[a.id];
      if (h === undefined) invalid([argNames.demand, a.id], undefined, `area "${a.id}" has no demand entry (give 0 explicitly for an area with no care hours)`);
      hours[i] = h;
    });
  }

  // Adjacency: every area needs an entry; neighbours outside the area set are ignored (the adjacency may
  // have been computed on a larger boundary set); edges are made symmetric.
  const wrapped = (adjacency as { neighbours?: unknown }).neighbours;
  if (!(adjacency instanceof Map) && wrapped instanceof Map) adjacency = wrapped as ReadonlyMap<Id, readonly Id[]>;
  const adjMap = adjacency instanceof Map ? (adjacency as ReadonlyMap<Id, readonly Id[]>) : null;
  const adjRec = adjacency as Readonly<Record<Id, readonly Id[]>>;
  const get = (id: Id): readonly Id[] | undefined => (adjMap !== null ? adjMap.get(id) : Object.prototype.hasOwnProperty.call(adjRec, id) ? adjRec[id] : undefined);
  const nbrs: Set<number>[] = sorted.map(() => new Set<number>());
  sorted.forEach((a, i) => {
    const list = get(a.id);
    if (list === undefined) {
      throw new LotwiseError(
        "unknown_id",
        `Invalid ${argNames.adjacency}: area "${a.id}" (${argNames.areas}[${seenAt.get(a.id)}]) has no entry in the adjacency. Give an empty list for an island; lot design joins islands to their nearest area and reports the bridge.`,
        { issues: [{ path: [argNames.adjacency, a.id], message: "missing adjacency entry", input: undefined }] },
      );
    }
    for (const nb of list) {
      const j = index.get(nb);
      if (j === undefined || j === i) continue;
      nbrs[i]!.add(j);
      nbrs[j]!.add(i);
    }
  });
  const adjStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) adjStart[i + 1] = adjStart[i]! + nbrs[i]!.size;
  const adjList = new Int32Array(adjStart[n]!);
  for (let i = 0; i < n; i++) {
    const s = [...nbrs[i]!].sort((a, b) => a - b);
    adjList.set(s, adjStart[i]!);
  }
  return {
    ids: sorted.map((a) => a.id),
    index,
    areas: sorted,
    x,
    y,
    hours,
    parent: sorted.map((a) => a.parent ?? ""),
    hasParents: withParent === n,
    adjStart,
    adjList,
  };
}

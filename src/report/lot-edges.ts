// Lot outlines and lot adjacency from shared polygon edges. ONS LSOA boundaries are cut from one
// topology, so neighbours share identical vertices: an edge used by two areas of the same lot is
// interior, every other edge is on the lot's outline. This is exact on such data and needs no polygon
// union; where neighbours do not share vertices the outline simply includes the internal edges.
import type { MultiPolygon, Polygon, Position } from "geojson";
import type { Boundaries } from "../boundaries/types.js";
import type { LotPlan, Id } from "../domain/index.js";
import { compareIds } from "../internal/sort.js";

/** Outline polylines per lot (`[lon, lat]` positions) and the pairs of lots that share an edge. */
export interface LotEdges {
  /** Lot id → polylines of its outline, each a list of positions. */
  readonly outlines: ReadonlyMap<Id, Position[][]>;
  /** Lot id → ids of lots sharing at least one edge, sorted. */
  readonly neighbours: ReadonlyMap<Id, Id[]>;
}

function rings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

const key = (p: Position): string => `${p[0]},${p[1]}`;

/**
 * Computes lot outlines and lot adjacency from the area polygons.
 * @internal
 */
export function lotEdges(boundaries: Boundaries, plan: LotPlan): LotEdges {
  const lotOf = new Map<Id, Id>();
  for (const lot of plan.lots) for (const a of lot.areaIds) lotOf.set(a, lot.id);
  // edge key → lots using it (one entry per use) and its endpoints
  const uses = new Map<string, { lots: Id[]; a: Position; b: Position }>();
  boundaries.ids.forEach((id, i) => {
    const lot = lotOf.get(id);
    if (lot === undefined) return;
    for (const ring of rings(boundaries.features[i]!.geometry)) {
      for (let j = 0; j + 1 < ring.length; j++) {
        const a = ring[j]!;
        const b = ring[j + 1]!;
        const ka = key(a);
        const kb = key(b);
        if (ka === kb) continue;
        const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
        const e = uses.get(k);
        if (e === undefined) uses.set(k, { lots: [lot], a, b });
        else e.lots.push(lot);
      }
    }
  });
  const segments = new Map<Id, [Position, Position][]>();
  const neighbourSets = new Map<Id, Set<Id>>();
  for (const e of uses.values()) {
    const distinct = [...new Set(e.lots)];
    if (distinct.length > 1) {
      for (const x of distinct) for (const y of distinct) if (x !== y) (neighbourSets.get(x) ?? neighbourSets.set(x, new Set()).get(x)!).add(y);
    }
    for (const lot of distinct) {
      const count = e.lots.filter((l) => l === lot).length;
      if (count === 1) (segments.get(lot) ?? segments.set(lot, []).get(lot)!).push([e.a, e.b]);
    }
  }
  const outlines = new Map<Id, Position[][]>();
  for (const lot of plan.lots) outlines.set(lot.id, chain(segments.get(lot.id) ?? []));
  const neighbours = new Map<Id, Id[]>();
  for (const lot of plan.lots) neighbours.set(lot.id, [...(neighbourSets.get(lot.id) ?? [])].sort(compareIds));
  return { outlines, neighbours };
}

/** Joins undirected segments into polylines by walking shared endpoints (deterministic: input order). */
function chain(segments: readonly [Position, Position][]): Position[][] {
  const at = new Map<string, number[]>();
  segments.forEach(([a, b], i) => {
    for (const p of [a, b]) (at.get(key(p)) ?? at.set(key(p), []).get(key(p))!).push(i);
  });
  const used = new Uint8Array(segments.length);
  const lines: Position[][] = [];
  const extend = (line: Position[]): void => {
    for (;;) {
      const end = line[line.length - 1]!;
      const next = (at.get(key(end)) ?? []).find((i) => used[i] === 0);
      if (next === undefined) return;
      used[next] = 1;
      const [a, b] = segments[next]!;
      line.push(key(a) === key(end) ? b : a);
    }
  };
  segments.forEach(([a, b], i) => {
    if (used[i] === 1) return;
    used[i] = 1;
    const line: Position[] = [a, b];
    extend(line);
    line.reverse();
    extend(line);
    lines.push(line);
  });
  return lines;
}

// Polsby–Popper compactness of dissolved lots, without dissolving them.
//
// PP = 4π·A / P² (1 for a disc, lower for stretched or ragged shapes; Polsby & Popper 1991). A is the sum of
// the areas' geodesic km² (@turf/area, from loadBoundaries). P is the perimeter of the union: every ring edge
// of the lot's polygons, less the edges two areas of the same lot share. Shared edges are found by their
// endpoints (rounded to 1e-7°, about 1 cm), which is exact for topologically consistent boundaries such as
// ONS's, where neighbours carry the same vertices along their common border; where they do not, shared
// borders count as outline and PP comes out lower (never higher) than the dissolved polygon's.
import { haversineMetresXY } from "../internal/geo.js";
import type { Boundaries } from "../boundaries/types.js";

/** Per boundary: its ring edges as (endpoint key, length km). */
export interface BoundaryEdges {
  readonly keys: readonly (readonly string[])[];
  readonly lengthsKm: readonly Float64Array[];
}

const key = (x: number, y: number): string => `${Math.round(x * 1e7)},${Math.round(y * 1e7)}`;

/** Splits every boundary's rings into edges keyed by their (unordered) rounded endpoints. */
export function boundaryEdges(b: Boundaries): BoundaryEdges {
  const keys: string[][] = [];
  const lengthsKm: Float64Array[] = [];
  for (const f of b.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const ks: string[] = [];
    const ls: number[] = [];
    for (const poly of polys) {
      for (const ring of poly) {
        for (let p = 0; p + 1 < ring.length; p++) {
          const [x1, y1] = ring[p]! as [number, number];
          const [x2, y2] = ring[p + 1]! as [number, number];
          const a = key(x1, y1), c = key(x2, y2);
          if (a === c) continue; // repeated vertex
          ks.push(a < c ? `${a}|${c}` : `${c}|${a}`);
          ls.push(haversineMetresXY(x1, y1, x2, y2) / 1000);
        }
      }
    }
    keys.push(ks);
    lengthsKm.push(Float64Array.from(ls));
  }
  return { keys, lengthsKm };
}

/** Outline length (km) of the union of the given boundaries (indices into `Boundaries`). */
export function unionPerimeterKm(edges: BoundaryEdges, members: readonly number[]): number {
  const count = new Map<string, number>();
  for (const i of members) for (const k of edges.keys[i]!) count.set(k, (count.get(k) ?? 0) + 1);
  let p = 0;
  for (const i of members) {
    const ks = edges.keys[i]!, ls = edges.lengthsKm[i]!;
    for (let e = 0; e < ks.length; e++) if (count.get(ks[e]!) === 1) p += ls[e]!;
  }
  return p;
}

/** Polsby–Popper score 4πA/P² of the union of the given boundaries; null when the perimeter is 0. */
export function polsbyPopper(b: Boundaries, edges: BoundaryEdges, members: readonly number[]): number | null {
  let area = 0;
  for (const i of members) area += b.areasKm2[i]!;
  const p = unionPerimeterKm(edges, members);
  return p > 0 ? (4 * Math.PI * area) / (p * p) : null;
}

/**
 * Contiguity (rook / queen) between boundaries, robust to the noise of generalised, 6-dp data.
 *
 * Algorithm.
 * 1. Prefilter: an rbush of bboxes expanded by the tolerance gives the candidate pairs (i < j).
 * 2. For a candidate pair, the segments of each polygon that meet the intersection of the two
 *    expanded bboxes are projected to metres (local equirectangular frame at that box's latitude).
 * 3. Rook: for every segment pair (a, b), b is projected onto a's line; the part of b whose
 *    projection falls inside a is kept if both its ends lie within `toleranceMetres` of a's line,
 *    and its projected length is the overlap. The pair's shared boundary length is the sum of the
 *    overlaps; they are rook neighbours when it exceeds `toleranceMetres`.
 *    This handles collinear, overlapping segments whose vertices do not coincide (one polygon has
 *    extra vertices along the other's edge), which a hash of identical segments misses.
 * 4. Queen: rook neighbours, plus pairs where a vertex of one lies within `toleranceMetres` of an
 *    edge of the other (they touch at a point).
 * Output is sorted by id; components are found by breadth-first search on the CSR graph.
 */
import RBush from "rbush";
import { parseInput } from "../errors.js";
import { metresPerDegree } from "../internal/geo.js";
import { BoundaryAdjacencyOptionsSchema, type BoundaryAdjacencyOptions } from "../schema/boundary.js";
import type { Id } from "../domain/index.js";
import { packBoundaries, type BoxItem, type PackedGeometry } from "./geometry.js";
import { checkBoundaries } from "./spatial-index.js";
import type { Boundaries } from "./types.js";

/** A contiguity rule: `"rook"` = shared edge; `"queen"` = shared edge or a shared point. */
export type AdjacencyRule = "rook" | "queen";

/** One neighbour pair, `a < b` in id order. */
export interface AdjacencyPair {
  readonly a: Id;
  readonly b: Id;
  /** Length of shared boundary in metres (0 for queen pairs that touch at a point only). */
  readonly sharedMetres: number;
}

/** Contiguity graph of a set of boundaries, returned by {@link boundaryAdjacency}. */
export interface Adjacency {
  readonly rule: AdjacencyRule;
  readonly toleranceMetres: number;
  /** The boundary ids, as in `Boundaries.ids` (sorted). */
  readonly ids: readonly Id[];
  /** Neighbours of each id, sorted; every id is a key (islands map to `[]`). */
  readonly neighbours: ReadonlyMap<Id, readonly Id[]>;
  /**
   * The same graph in CSR form over positions in `ids`: the neighbours of `ids[i]` are
   * `indices[offsets[i] .. offsets[i + 1])`, ascending. `offsets.length === ids.length + 1`.
   */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  /** Every neighbour pair once, sorted by `a` then `b`. */
  readonly pairs: readonly AdjacencyPair[];
  /** `pairs.length`: the number of undirected edges. */
  readonly pairCount: number;
  /** Connected components, each sorted; components ordered by their smallest id. */
  readonly components: readonly (readonly Id[])[];
  /** Ids with no neighbour, sorted (each is also a one-element component). */
  readonly islands: readonly Id[];
}

/**
 * Finds which boundaries are neighbours (rook: share a stretch of edge; queen: share an edge or a
 * point), tolerant of coordinate noise and of shared edges whose vertices do not coincide.
 *
 * @param boundaries - the result of {@link loadBoundaries}.
 * @param options - `rule` (`"rook"` default, or `"queen"`), `toleranceMetres` (default 0.5).
 * @returns the {@link Adjacency}: sorted neighbour lists, CSR arrays, pairs with shared length,
 *   connected components and islands.
 * @throws {LotwiseError} `invalid_input` naming the option and value (e.g. an unknown rule).
 * @example
 * ```ts
 * import { boundaryAdjacency, loadBoundaries } from "lotwise";
 * const sq = (x: number, y: number) => ({ type: "Polygon", coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
 * const b = loadBoundaries({ type: "FeatureCollection", features: [
 *   { type: "Feature", id: "A", properties: {}, geometry: sq(0, 52) },
 *   { type: "Feature", id: "B", properties: {}, geometry: sq(0.01, 52) },
 *   { type: "Feature", id: "C", properties: {}, geometry: sq(0.01, 52.01) },
 * ] });
 * boundaryAdjacency(b).neighbours.get("A"); // ["B"]
 * boundaryAdjacency(b, { rule: "queen" }).neighbours.get("A"); // ["B", "C"] (C touches A at a corner)
 * ```
 */
export function boundaryAdjacency(boundaries: Boundaries, options: BoundaryAdjacencyOptions = {}): Adjacency {
  checkBoundaries(boundaries, "boundaries");
  const opts = parseInput(BoundaryAdjacencyOptionsSchema, options, "options");
  const b = boundaries;
  const tol = opts.toleranceMetres;
  const queen = opts.rule === "queen";
  const n = b.ids.length;
  const packed = packBoundaries(b);

  // Expand bboxes by the tolerance in degrees (longitude scale taken at the box's pole-ward edge).
  const items: BoxItem[] = b.bboxes.map(([minX, minY, maxX, maxY], i) => {
    const { mx, my } = metresPerDegree(Math.max(Math.abs(minY), Math.abs(maxY)));
    const ex = tol / Math.max(mx, 1e-9), ey = tol / my;
    return { minX: minX - ex, minY: minY - ey, maxX: maxX + ex, maxY: maxY + ey, i };
  });
  const tree = new RBush<BoxItem>(9).load(items);

  const found: { i: number; j: number; shared: number }[] = [];
  const scratch = new PairScratch();
  for (let i = 0; i < n; i++) {
    const bi = items[i]!;
    const cands = tree.search(bi);
    for (const c of cands) {
      const j = c.i;
      if (j <= i) continue;
      const box = {
        minX: Math.max(bi.minX, c.minX),
        minY: Math.max(bi.minY, c.minY),
        maxX: Math.min(bi.maxX, c.maxX),
        maxY: Math.min(bi.maxY, c.maxY),
      };
      const r = comparePair(packed[i]!, packed[j]!, box, tol, queen, scratch);
      if (r.shared > tol || (queen && r.touches)) found.push({ i, j, shared: r.shared > tol ? r.shared : 0 });
    }
  }
  found.sort((p, q) => p.i - q.i || p.j - q.j);
  return buildAdjacency(b.ids, found, opts.rule, tol);
}

/** Segments of one polygon inside a box, in metres: [x1, y1, x2, y2] per segment. */
class SegList {
  xy = new Float64Array(256);
  order = new Int32Array(64);
  n = 0;
  reset(): void {
    this.n = 0;
  }
  push(x1: number, y1: number, x2: number, y2: number): void {
    if ((this.n + 1) * 4 > this.xy.length) {
      const next = new Float64Array(this.xy.length * 2);
      next.set(this.xy);
      this.xy = next;
    }
    const o = this.n * 4;
    this.xy[o] = x1;
    this.xy[o + 1] = y1;
    this.xy[o + 2] = x2;
    this.xy[o + 3] = y2;
    this.n++;
  }
  /** Fills `order` with segment numbers sorted by their minimum x. */
  sortByMinX(): void {
    if (this.order.length < this.n) this.order = new Int32Array(this.xy.length / 4);
    const xy = this.xy;
    const ord = Array.from({ length: this.n }, (_, k) => k);
    ord.sort((p, q) => Math.min(xy[4 * p]!, xy[4 * p + 2]!) - Math.min(xy[4 * q]!, xy[4 * q + 2]!));
    for (let k = 0; k < this.n; k++) this.order[k] = ord[k]!;
  }
}

class PairScratch {
  a = new SegList();
  b = new SegList();
}

function collect(g: PackedGeometry, box: { minX: number; minY: number; maxX: number; maxY: number }, x0: number, y0: number, mx: number, my: number, out: SegList): void {
  out.reset();
  const xy = g.xy, rs = g.ringStart;
  const nRings = rs.length - 1;
  for (let r = 0; r < nRings; r++) {
    const end = rs[r + 1]! - 1;
    for (let k = rs[r]!; k < end; k++) {
      const x1 = xy[2 * k]!, y1 = xy[2 * k + 1]!, x2 = xy[2 * k + 2]!, y2 = xy[2 * k + 3]!;
      if ((x1 < box.minX && x2 < box.minX) || (x1 > box.maxX && x2 > box.maxX)) continue;
      if ((y1 < box.minY && y2 < box.minY) || (y1 > box.maxY && y2 > box.maxY)) continue;
      out.push((x1 - x0) * mx, (y1 - y0) * my, (x2 - x0) * mx, (y2 - y0) * my);
    }
  }
}

/**
 * Shared boundary length (metres) of two polygons within `box`, and whether they touch (a vertex of
 * one within `tol` of an edge of the other). @internal
 */
export function comparePair(
  ga: PackedGeometry,
  gb: PackedGeometry,
  box: { minX: number; minY: number; maxX: number; maxY: number },
  tol: number,
  needTouch: boolean,
  scratch = new PairScratch(),
): { shared: number; touches: boolean } {
  if (box.minX > box.maxX || box.minY > box.maxY) return { shared: 0, touches: false };
  const x0 = box.minX, y0 = box.minY;
  const { mx, my } = metresPerDegree((box.minY + box.maxY) / 2);
  const A = scratch.a, B = scratch.b;
  collect(ga, box, x0, y0, mx, my, A);
  if (A.n === 0) return { shared: 0, touches: false };
  collect(gb, box, x0, y0, mx, my, B);
  if (B.n === 0) return { shared: 0, touches: false };
  B.sortByMinX();
  const axy = A.xy, bxy = B.xy, bord = B.order;
  const tol2 = tol * tol;
  let shared = 0;
  let touches = false;
  for (let s = 0; s < A.n; s++) {
    const ax1 = axy[4 * s]!, ay1 = axy[4 * s + 1]!, ax2 = axy[4 * s + 2]!, ay2 = axy[4 * s + 3]!;
    const aminX = Math.min(ax1, ax2) - tol, amaxX = Math.max(ax1, ax2) + tol;
    const aminY = Math.min(ay1, ay2) - tol, amaxY = Math.max(ay1, ay2) + tol;
    const dx = ax2 - ax1, dy = ay2 - ay1;
    const L = Math.sqrt(dx * dx + dy * dy);
    const ux = L > 0 ? dx / L : 0, uy = L > 0 ? dy / L : 0;
    for (let k = 0; k < B.n; k++) {
      const t = bord[k]!;
      const bx1 = bxy[4 * t]!, by1 = bxy[4 * t + 1]!, bx2 = bxy[4 * t + 2]!, by2 = bxy[4 * t + 3]!;
      const bminX = bx1 < bx2 ? bx1 : bx2;
      if (bminX > amaxX) break; // sorted by min x: no later segment can come within tol
      if ((bx1 > bx2 ? bx1 : bx2) < aminX) continue;
      if ((by1 > by2 ? by1 : by2) < aminY || (by1 < by2 ? by1 : by2) > amaxY) continue;
      if (L > 0) {
        // Project b onto a's line: t = along, e = signed offset.
        const t1 = (bx1 - ax1) * ux + (by1 - ay1) * uy;
        const t2 = (bx2 - ax1) * ux + (by2 - ay1) * uy;
        if (t1 !== t2) {
          const e1 = ux * (by1 - ay1) - uy * (bx1 - ax1);
          const e2 = ux * (by2 - ay1) - uy * (bx2 - ax1);
          const tLo = t1 < t2 ? t1 : t2, tHi = t1 < t2 ? t2 : t1;
          const lo = tLo > 0 ? tLo : 0, hi = tHi < L ? tHi : L;
          if (hi > lo) {
            const eLo = e1 + ((lo - t1) / (t2 - t1)) * (e2 - e1);
            const eHi = e1 + ((hi - t1) / (t2 - t1)) * (e2 - e1);
            if (Math.abs(eLo) <= tol && Math.abs(eHi) <= tol) shared += hi - lo;
          }
        }
      }
      if (needTouch && !touches) {
        touches =
          pointSegDist2(ax1, ay1, bx1, by1, bx2, by2) <= tol2 || pointSegDist2(bx1, by1, ax1, ay1, ax2, ay2) <= tol2;
      }
    }
  }
  return { shared, touches };
}

function pointSegDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px, ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

function buildAdjacency(ids: readonly Id[], found: readonly { i: number; j: number; shared: number }[], rule: AdjacencyRule, tol: number): Adjacency {
  const n = ids.length;
  const degree = new Int32Array(n);
  for (const p of found) {
    degree[p.i]!++;
    degree[p.j]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const indices = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  // `found` is sorted by (i, j), so each row is filled in ascending order once both directions are
  // merged below.
  for (const p of found) {
    indices[fill[p.i]!++] = p.j;
    indices[fill[p.j]!++] = p.i;
  }
  for (let i = 0; i < n; i++) indices.subarray(offsets[i]!, offsets[i + 1]!).sort();

  const neighbours = new Map<Id, Id[]>();
  for (let i = 0; i < n; i++) {
    const row: Id[] = [];
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) row.push(ids[indices[k]!]!);
    neighbours.set(ids[i]!, row);
  }

  const comp = new Int32Array(n).fill(-1);
  const components: Id[][] = [];
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (comp[s] !== -1) continue;
    const c = components.length;
    let head = 0, tail = 0;
    queue[tail++] = s;
    comp[s] = c;
    const members: number[] = [];
    while (head < tail) {
      const v = queue[head++]!;
      members.push(v);
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = indices[k]!;
        if (comp[w] === -1) {
          comp[w] = c;
          queue[tail++] = w;
        }
      }
    }
    members.sort((x, y) => x - y);
    components.push(members.map((m) => ids[m]!));
  }
  const islands: Id[] = [];
  for (let i = 0; i < n; i++) if (degree[i] === 0) islands.push(ids[i]!);

  const pairs = found.map((p) => ({ a: ids[p.i]!, b: ids[p.j]!, sharedMetres: p.shared }));
  return { rule, toleranceMetres: tol, ids, neighbours, offsets, indices, pairs, pairCount: pairs.length, components, islands };
}

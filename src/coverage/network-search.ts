/**
 * Snapping and shortest paths for {@link networkTravel}.
 *
 * A point is snapped to the nearest position on a segment its mode may use (in either direction), found
 * in an rbush of segment boxes searched in growing squares, and reaches that position along a straight
 * connector at `connectorKmh`. From there it may travel along the segment to either end the segment's
 * direction allows. Times come from Dijkstra's algorithm with a binary heap, seeded at both ends
 * (multi-source), stopped at the time limit or once every destination segment's ends are settled.
 */
import RBush from "rbush";
import { metresPerDegree } from "../internal/geo.js";
import type { Id, TravelMode, TravelPoint } from "../domain/index.js";
import { MinHeap } from "../internal/min-heap.js";
import type { ModeGraph, RoadSegments } from "./network-graph.js";

/** Where a point was snapped for one mode. */
export interface NetworkSnap {
  readonly id: Id;
  /** Segment index (−1: no usable road within `maxSnapMetres`). */
  readonly segment: number;
  /** Position along the segment, 0 at its first vertex, 1 at its last. */
  readonly along: number;
  /** Straight distance from the point to the road, metres (to the nearest usable road even when too far to snap; `Infinity` if none within 100 km). */
  readonly snapMetres: number;
  /** Component label for this mode (−1 when not snapped). */
  readonly component: number;
}

/** Why a pair has no time. `no_path`: same connected part, but one-way streets allow no way there. */
export type UnreachableReason = "not_snapped" | "different_component" | "no_path";

/** A pair without a time, and why. */
export interface UnreachablePair {
  readonly originId: Id;
  readonly destinationId: Id;
  readonly mode: TravelMode;
  readonly reason: UnreachableReason;
}

interface SegItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  e: number;
}

/** An rbush of segment bounding boxes. @internal */
export function indexSegments(seg: RoadSegments): RBush<SegItem> {
  const tree = new RBush<SegItem>();
  const items: SegItem[] = new Array(seg.su.length);
  for (let e = 0; e < seg.su.length; e++) {
    const u = seg.su[e]!, v = seg.sv[e]!;
    const ax = seg.xs[u]!, ay = seg.ys[u]!, bx = seg.xs[v]!, by = seg.ys[v]!;
    items[e] = { minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by), e };
  }
  tree.load(items);
  return tree;
}

/**
 * Nearest usable segment to p for graph g. A point whose nearest road is an isolated fragment (a private
 * estate's footpaths, a footway mapped alone) snaps to the mode's main component (the one with the most
 * road) instead when that is at most `preferMainMetres` further away and within `maxSnapMetres`; else
 * it stays on the fragment, whose pairs are then reported `different_component`. Exact: a segment within
 * d of p has a box meeting p's d-square. @internal
 */
export function snapPoint(p: TravelPoint, g: ModeGraph, seg: RoadSegments, tree: RBush<SegItem>, maxSnapMetres: number, preferMainMetres = 0): NetworkSnap {
  let s = nearestSegment(p, g, seg, tree, maxSnapMetres, -1);
  if (s.segment >= 0 && g.component[seg.su[s.segment]!] !== g.mainComponent && preferMainMetres > 0) {
    const main = nearestSegment(p, g, seg, tree, Math.min(maxSnapMetres, s.metres + preferMainMetres), g.mainComponent);
    if (main.segment >= 0 && main.metres <= Math.min(maxSnapMetres, s.metres + preferMainMetres)) s = main;
  }
  if (s.segment < 0 || s.metres > maxSnapMetres) return { id: p.id, segment: -1, along: 0, snapMetres: s.metres, component: -1 };
  return { id: p.id, segment: s.segment, along: s.along, snapMetres: s.metres, component: g.component[seg.su[s.segment]!]! };
}

/** Nearest usable segment (in component `only`, or any when −1), searched out to `reach` metres (at least 100 km when looking in any component). */
function nearestSegment(p: TravelPoint, g: ModeGraph, seg: RoadSegments, tree: RBush<SegItem>, reach: number, only: number): { segment: number; along: number; metres: number } {
  const [px, py] = p.lonLat;
  const { mx, my } = metresPerDegree(py);
  let best = -1, bestD = Infinity, bestT = 0;
  const search = (r: number) => {
    const dx = r / Math.max(mx, 1), dy = r / my;
    for (const it of tree.search({ minX: px - dx, minY: py - dy, maxX: px + dx, maxY: py + dy })) {
      const e = it.e;
      if (g.fwd[e] === 0 && g.bwd[e] === 0) continue;
      if (only >= 0 && g.component[seg.su[e]!] !== only) continue;
      const u = seg.su[e]!, v = seg.sv[e]!;
      const ax = (seg.xs[u]! - px) * mx, ay = (seg.ys[u]! - py) * my;
      const bx = (seg.xs[v]! - px) * mx, by = (seg.ys[v]! - py) * my;
      const dx2 = bx - ax, dy2 = by - ay, len2 = dx2 * dx2 + dy2 * dy2;
      let t = len2 > 0 ? -(ax * dx2 + ay * dy2) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx2, ey = ay + t * dy2;
      const d = Math.sqrt(ex * ex + ey * ey);
      if (d < bestD || (d === bestD && e < best)) {
        bestD = d;
        best = e;
        bestT = t;
      }
    }
  };
  // Grow the square until a segment is found within it, then search once more at the found distance.
  const cap = only >= 0 ? reach : Math.max(reach, 100_000);
  for (let r = Math.min(50, cap); ; r = Math.min(r * 4, cap)) {
    search(r);
    if (best >= 0 && bestD <= r) break;
    if (best >= 0) {
      search(bestD);
      break;
    }
    if (r >= cap) break;
  }
  return { segment: best, along: bestT, metres: bestD };
}

/**
 * Multi-source Dijkstra: each source node starts at its own time. Writes settled times into `dist`
 * (which must be all `Infinity` on entry) and lists the nodes it touched in `touched` so the caller can
 * reset them. Stops when the heap top exceeds `limit` or all `targetCount` target nodes are settled.
 * Returns the touched count and whether the search ran out of nodes (`exhausted`): only then does an
 * unreached node have no path at all. The heap uses lazy deletion (room for every relaxation).
 * @internal
 */
export function dijkstra(
  g: { offsets: Int32Array; targets: Int32Array; weights: Float64Array },
  heap: MinHeap,
  dist: Float64Array,
  touched: Int32Array,
  sources: readonly number[],
  startMinutes: readonly number[],
  limit: number,
  isTarget: Uint8Array,
  targetCount: number,
): { touched: number; exhausted: boolean } {
  let nTouched = 0;
  heap.clear();
  sources.forEach((s, k) => {
    const t = startMinutes[k]!;
    if (t < dist[s]!) {
      if (dist[s] === Infinity) touched[nTouched++] = s;
      dist[s] = t;
      heap.push(t, s);
    }
  });
  const { offsets, targets, weights } = g;
  let settledTargets = 0;
  while (heap.size > 0) {
    const key = heap.peekKey();
    if (key > limit) return { touched: nTouched, exhausted: false };
    const u = heap.pop();
    if (key > dist[u]!) continue; // stale entry
    if (isTarget[u] === 1 && ++settledTargets === targetCount) return { touched: nTouched, exhausted: false };
    for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
      const v = targets[k]!;
      const t = key + weights[k]!;
      if (t < dist[v]!) {
        if (dist[v] === Infinity) touched[nTouched++] = v;
        dist[v] = t;
        heap.push(t, v);
      }
    }
  }
  return { touched: nTouched, exhausted: true };
}

/** Scratch arrays shared by every search on one network. @internal */
export interface SearchScratch {
  readonly heap: MinHeap;
  readonly dist: Float64Array;
  readonly touched: Int32Array;
}

/** Result rows of one mode: minutes (origin-major), unreachable pairs and the count cut by the limit. */
export interface ModeMatrix {
  readonly minutes: Float64Array;
  readonly unreachable: UnreachablePair[];
  readonly beyond: number;
}

/**
 * Minutes from every origin snap to every destination snap for one mode. A time is the origin connector
 * + the road part + the destination connector + `extraMinutes` (the transit wait); above `limit` it is
 * `Infinity` and counted in `beyond`. @internal
 */
export function modeMatrix(
  mode: TravelMode,
  g: ModeGraph,
  seg: RoadSegments,
  scratch: SearchScratch,
  oSnaps: readonly NetworkSnap[],
  dSnaps: readonly NetworkSnap[],
  connectorKmh: number,
  extraMinutes: number,
  limit: number,
): ModeMatrix {
  const nO = oSnaps.length, nD = dSnaps.length;
  const out = new Float64Array(nO * nD).fill(Infinity);
  const unreachable: UnreachablePair[] = [];
  const conn = (s: NetworkSnap) => (60 * s.snapMetres) / 1000 / connectorKmh;
  const isTarget = new Uint8Array(seg.xs.length);
  let targetCount = 0;
  for (const d of dSnaps) {
    if (d.segment < 0) continue;
    for (const n of [seg.su[d.segment]!, seg.sv[d.segment]!]) if (isTarget[n] === 0) {
      isTarget[n] = 1;
      targetCount++;
    }
  }
  const searchLimit = limit - extraMinutes;
  let beyond = 0;
  for (let i = 0; i < nO; i++) {
    const o = oSnaps[i]!;
    const push = (j: number, reason: UnreachableReason) => unreachable.push({ originId: o.id, destinationId: dSnaps[j]!.id, mode, reason });
    if (o.segment < 0) {
      for (let j = 0; j < nD; j++) push(j, "not_snapped");
      continue;
    }
    const e = o.segment, len = seg.slen[e]!, start = conn(o);
    const sources: number[] = [], starts: number[] = [];
    if (g.fwd[e]! > 0) { sources.push(seg.sv[e]!); starts.push(start + (1 - o.along) * len * g.fwd[e]!); }
    if (g.bwd[e]! > 0) { sources.push(seg.su[e]!); starts.push(start + o.along * len * g.bwd[e]!); }
    const run = searchLimit >= 0 ? dijkstra(g, scratch.heap, scratch.dist, scratch.touched, sources, starts, searchLimit, isTarget, targetCount) : { touched: 0, exhausted: false };
    const dist = scratch.dist;
    for (let j = 0; j < nD; j++) {
      const d = dSnaps[j]!;
      if (d.segment < 0) { push(j, "not_snapped"); continue; }
      if (d.component !== o.component) { push(j, "different_component"); continue; }
      const f = d.segment, fl = seg.slen[f]!;
      let road = Infinity;
      if (g.fwd[f]! > 0) road = Math.min(road, dist[seg.su[f]!]! + d.along * fl * g.fwd[f]!);
      if (g.bwd[f]! > 0) road = Math.min(road, dist[seg.sv[f]!]! + (1 - d.along) * fl * g.bwd[f]!);
      if (f === e) {
        if (d.along >= o.along && g.fwd[e]! > 0) road = Math.min(road, start + (d.along - o.along) * len * g.fwd[e]!);
        if (d.along <= o.along && g.bwd[e]! > 0) road = Math.min(road, start + (o.along - d.along) * len * g.bwd[e]!);
      }
      const t = road + conn(d) + extraMinutes;
      if (t <= limit && t < Infinity) out[i * nD + j] = t;
      else if (t === Infinity && run.exhausted) push(j, "no_path");
      else beyond++;
    }
    for (let k = 0; k < run.touched; k++) dist[scratch.touched[k]!] = Infinity;
  }
  return { minutes: out, unreachable, beyond };
}

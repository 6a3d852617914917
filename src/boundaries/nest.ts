/**
 * Nesting of small areas (e.g. LSOAs) in large ones (e.g. CCGs, LADs), checked geometrically.
 *
 * Overlap shares, in two steps.
 * 1. Screening: a deterministic lattice of about `samples` points inside each small area (cell
 *    centres of a lattice over its bbox, kept where inside the polygon) is located in the large areas
 *    with {@link indexBoundaries} (closed polygons, smallest id on shared edges).
 * 2. If every sample falls in one large area P and every vertex of the small area lies inside or on
 *    P, the share is 1 (the usual case when small areas tile the large ones, as LSOAs tile CCGs and
 *    LADs: no polygon clipping needed). Otherwise the shares are computed exactly:
 *    area(small ∩ P) / area(small) with @turf/intersect and @turf/area, for every large area P whose
 *    bbox meets the small one.
 * (Step 2's shortcut would miss a small area that leaves P only through a notch of P between two of
 * its vertices and between lattice points; on tiling data that cannot happen.)
 *
 * With `property`, the parent is the small area's property value (the official lookup), and it is
 * verified: a parent id that no large area has, or a share inside the named parent below
 * `minShare`, is reported in `mismatches`. Without it, the parent is the large area with the largest
 * share. In both modes, areas whose largest share is below `minShare` are `straddling`, and areas with
 * no sample in any large area are `outside` (parent `null`).
 */
import turfArea from "@turf/area";
import { intersect } from "@turf/intersect";
import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { NestAreasOptionsSchema, type NestAreasOptions } from "../schema/boundary.js";
import type { Id, LonLat } from "../domain/index.js";
import { OUTSIDE, packBoundaries, packGeometry, pointInPacked, type PackedGeometry } from "./geometry.js";
import { checkBoundaries, indexBoundaries } from "./spatial-index.js";
import type { Boundaries } from "./types.js";

/** A large area's share of a small area. */
export interface NestShare {
  readonly parent: Id;
  /** Fraction of the small area's area inside `parent`, in [0, 1]. */
  readonly share: number;
}

/** Where one small area nests. */
export interface NestAssignment {
  /** The small area's id. */
  readonly id: Id;
  /**
   * The parent: the `property` value when that option is given (even if geometry disagrees: see
   * `mismatches`), else the large area with the largest share; `null` when the area is outside all.
   */
  readonly parent: Id | null;
  /** Share of the small area inside `parent` (0 when `parent` is null or unknown). */
  readonly share: number;
  /** Shares of every large area the samples fell in, largest first (ties by id). */
  readonly shares: readonly NestShare[];
}

/** A small area whose named parent the geometry does not confirm. */
export interface NestMismatch {
  readonly id: Id;
  /** The parent named by the property. */
  readonly parent: Id;
  /** Why: the parent id is not among the large areas, or the share inside it is below `minShare`. */
  readonly reason: "unknown_parent" | "low_share";
  /** Share inside the named parent. */
  readonly share: number;
  /** The large area with the largest share, and that share (null / 0 when outside all). */
  readonly largest: Id | null;
  readonly largestShare: number;
}

/** Result of {@link nestAreas}. */
export interface NestReport {
  /** `"property"` when the parent came from `options.property`, else `"overlap"`. */
  readonly method: "property" | "overlap";
  readonly property: string | null;
  readonly minShare: number;
  /** Target lattice samples per small area used for screening. */
  readonly samples: number;
  /** One entry per small area, sorted by id. */
  readonly assignments: readonly NestAssignment[];
  /** Small id → parent id (or null). */
  readonly parentOf: ReadonlyMap<Id, Id | null>;
  /** Large id → its small areas (by `parent`), sorted; every large id is a key. */
  readonly children: ReadonlyMap<Id, readonly Id[]>;
  /** Small areas whose largest share is below `minShare`, sorted by id. */
  readonly straddling: readonly NestAssignment[];
  /** Small areas with no sample inside any large area, sorted. */
  readonly outside: readonly Id[];
  /** With `property`: areas whose named parent is unknown or not confirmed by geometry, sorted by id. */
  readonly mismatches: readonly NestMismatch[];
  /** True when there is no straddling, outside or mismatched area. */
  readonly ok: boolean;
}

/**
 * Finds which large boundary each small boundary lies in, and reports areas that straddle two
 * large ones, fall outside all, or disagree with a named parent property.
 *
 * @param small - the small areas (result of {@link loadBoundaries}), e.g. LSOAs.
 * @param large - the large areas, e.g. CCGs loaded with `idProperty: "ccg19cd"`.
 * @param options - `property` (the small areas' parent-id property, verified geometrically),
 *   `minShare` (default 0.99), `samples` (default 400).
 * @returns the {@link NestReport}.
 * @throws {LotwiseError} `invalid_input` for a bad option, or when a small area lacks `property`.
 * @example
 * ```ts
 * import { loadBoundaries, nestAreas } from "lotwise";
 * const rect = (x0: number, x1: number) => ({ type: "Polygon", coordinates: [[[x0, 52], [x1, 52], [x1, 52.1], [x0, 52.1], [x0, 52]]] });
 * const fc = (fs: [string, number, number][]) => ({ type: "FeatureCollection", features: fs.map(([id, a, c]) => ({ type: "Feature", id, properties: { lad: "L" }, geometry: rect(a, c) })) });
 * const small = loadBoundaries(fc([["s1", 0, 0.1], ["s2", 0.1, 0.2], ["s3", 0.15, 0.25]]));
 * const large = loadBoundaries(fc([["L", 0, 0.2]]));
 * const r = nestAreas(small, large);
 * r.parentOf.get("s1"); // "L"
 * r.straddling.map((a) => a.id); // ["s3"] (half of it lies outside L)
 * nestAreas(small, large, { property: "lad" }).mismatches.map((m) => m.id); // ["s3"]
 * ```
 */
export function nestAreas(small: Boundaries, large: Boundaries, options: NestAreasOptions = {}): NestReport {
  checkBoundaries(small, "small");
  checkBoundaries(large, "large");
  const opts = parseInput(NestAreasOptionsSchema, options, "options");
  const property = opts.property ?? null;
  const index = indexBoundaries(large);
  const largePacked = packBoundaries(large);

  // Property values, checked before any geometry work so a missing one fails fast.
  const named: (Id | null)[] = small.features.map((f, i) => {
    if (property === null) return null;
    const v = f.properties[property];
    if (typeof v !== "string" && typeof v !== "number") {
      invalid(["small", "features", i, "properties", property], v, `area ${small.ids[i]} has no "${property}" value (string or number)`);
    }
    return String(v);
  });

  const assignments: NestAssignment[] = [];
  const straddling: NestAssignment[] = [];
  const outside: Id[] = [];
  const mismatches: NestMismatch[] = [];
  const counts = new Map<Id, number>();
  small.features.forEach((f, i) => {
    const id = small.ids[i]!;
    const g = packGeometry(f.geometry);
    const pts = samplePoints(g, small.bboxes[i]!, small.areasKm2[i]!, opts.samples, small.centroids[i]!);
    counts.clear();
    for (const hit of index.locateMany(pts)) if (hit !== null) counts.set(hit, (counts.get(hit) ?? 0) + 1);
    const only = counts.size === 1 ? [...counts.keys()][0]! : null;
    const inOne = only !== null && counts.get(only) === pts.length && verticesInside(g, largePacked[large.indexById.get(only)!]!);
    const shares: NestShare[] = inOne
      ? [{ parent: only, share: 1 }]
      : exactShares(f, small.areasKm2[i]!, index.search(small.bboxes[i]!), large);
    const largest = shares[0] ?? null;
    const name = named[i] ?? null;
    const parent = name ?? largest?.parent ?? null;
    const share = parent === null ? 0 : (shares.find((s) => s.parent === parent)?.share ?? 0);
    const a: NestAssignment = { id, parent, share, shares };
    assignments.push(a);
    if (largest === null) outside.push(id);
    else if (largest.share < opts.minShare) straddling.push(a);
    if (name !== null) {
      const known = large.indexById.has(name);
      if (!known || share < opts.minShare) {
        mismatches.push({ id, parent: name, reason: known ? "low_share" : "unknown_parent", share, largest: largest?.parent ?? null, largestShare: largest?.share ?? 0 });
      }
    }
  });

  const children = new Map<Id, Id[]>(large.ids.map((id) => [id, []]));
  for (const a of assignments) if (a.parent !== null) children.get(a.parent)?.push(a.id);
  return {
    method: property === null ? "overlap" : "property",
    property,
    minShare: opts.minShare,
    samples: opts.samples,
    assignments,
    parentOf: new Map(assignments.map((a) => [a.id, a.parent])),
    children,
    straddling,
    outside,
    mismatches,
    ok: straddling.length === 0 && outside.length === 0 && mismatches.length === 0,
  };
}

/** True when every vertex of `g` lies inside or on `parent`. */
function verticesInside(g: PackedGeometry, parent: PackedGeometry): boolean {
  const xy = g.xy;
  for (let k = 0; k < xy.length; k += 2) if (pointInPacked(parent, xy[k]!, xy[k + 1]!) === OUTSIDE) return false;
  return true;
}

/** Exact shares by polygon intersection, largest first (ties by id); zero shares dropped. */
function exactShares(f: Boundaries["features"][number], areaKm2: number, candidates: readonly Id[], large: Boundaries): NestShare[] {
  if (!(areaKm2 > 0)) return [];
  const out: NestShare[] = [];
  for (const parent of candidates) {
    const other = large.features[large.indexById.get(parent)!]!;
    const inter = intersect({ type: "FeatureCollection", features: [f, other] });
    if (inter === null) continue;
    const share = Math.min(1, turfArea(inter) / 1e6 / areaKm2);
    if (share > 0) out.push({ parent, share });
  }
  return out.sort((a, b) => b.share - a.share || compareIds(a.parent, b.parent));
}

/**
 * Cell centres of a lattice over the bbox that fall inside the polygon, aiming at `target` points.
 * The lattice is refined (up to 4 times) when too few land inside a thin or ragged shape; a polygon
 * too thin for any lattice point falls back to its vertices' midpoints on the first ring.
 */
function samplePoints(g: PackedGeometry, bbox: readonly number[], areaKm2: number, target: number, centroid: LonLat): LonLat[] {
  const [minX, minY, maxX, maxY] = bbox as [number, number, number, number];
  const latMid = (minY + maxY) / 2;
  const kmPerDegY = 111.195;
  const kmPerDegX = kmPerDegY * Math.cos((latMid * Math.PI) / 180);
  const wKm = Math.max((maxX - minX) * kmPerDegX, 1e-9), hKm = Math.max((maxY - minY) * kmPerDegY, 1e-9);
  const fill = Math.min(1, Math.max(areaKm2 / (wKm * hKm), 1e-6));
  let perCellKm2 = areaKm2 > 0 ? areaKm2 / target : (wKm * hKm) / target / fill;
  let pts: LonLat[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const stepKm = Math.sqrt(perCellKm2);
    const nx = Math.max(1, Math.min(4096, Math.round(wKm / stepKm)));
    const ny = Math.max(1, Math.min(4096, Math.round(hKm / stepKm)));
    const dx = (maxX - minX) / nx, dy = (maxY - minY) / ny;
    pts = [];
    for (let r = 0; r < ny; r++) {
      const y = minY + (r + 0.5) * dy;
      for (let c = 0; c < nx; c++) {
        const x = minX + (c + 0.5) * dx;
        if (pointInPacked(g, x, y) !== OUTSIDE) pts.push([x, y]);
      }
    }
    if (pts.length >= target / 2) return pts;
    perCellKm2 /= 4;
  }
  if (pts.length > 0) return pts;
  if (pointInPacked(g, centroid[0], centroid[1]) !== OUTSIDE) return [centroid];
  const xy = g.xy;
  return [[(xy[0]! + xy[2]!) / 2, (xy[1]! + xy[3]!) / 2]];
}

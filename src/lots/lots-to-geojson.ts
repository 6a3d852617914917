import { union } from "@turf/union";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { LotPlanSchema, LotsToGeoJSONOptionsSchema, type LotsToGeoJSONOptions } from "../schema/lots.js";
import type { Boundaries } from "../boundaries/types.js";
import type { LotPlan } from "../domain/index.js";

/** Properties of each lot feature from {@link lotsToGeoJSON}. */
export interface LotFeatureProperties {
  lotId: string;
  parent: string | null;
  areaCount: number;
  /** Weekly hours, when the plan carries them (a `LotDesign`). */
  hours: number | null;
  /** `"union"`: dissolved with @turf/union. `"parts"`: union failed, geometry is a MultiPolygon of the areas' parts. */
  dissolve: "union" | "parts";
  /** Why union failed (only with `dissolve: "parts"`). */
  dissolveError?: string;
  [metric: string]: unknown;
}

/**
 * Dissolves each lot's area polygons into one (Multi)Polygon with @turf/union, attaching the lot's
 * metrics as properties; features sorted by lot id. If union throws or returns nothing for a lot (it can on
 * slivers or self-touching rings), that lot falls back to a MultiPolygon of its areas' parts, marked
 * `dissolve: "parts"` with the error message, so no lot is ever dropped.
 *
 * @param plan - any {@link LotPlan}.
 * @param boundaries - the area boundaries (from `loadBoundaries`).
 * @param options - `evaluation`: the result of {@link evaluateLots}; each lot's metrics become properties.
 * @returns a GeoJSON FeatureCollection, one feature per lot.
 * @throws {LotwiseError} `unknown_id` when a lot names an area with no boundary.
 * @example
 * ```ts
 * import { loadBoundaries, lotsToGeoJSON } from "lotwise";
 * const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52], [x + 0.01, 52], [x + 0.01, 52.01], [x, 52.01], [x, 52]]] });
 * const b = loadBoundaries({ type: "FeatureCollection", features: [
 *   { type: "Feature", id: "A", properties: {}, geometry: sq(0) },
 *   { type: "Feature", id: "B", properties: {}, geometry: sq(0.01) },
 * ] });
 * const fc = lotsToGeoJSON({ lots: [{ id: "L1", areaIds: ["A", "B"] }] }, b);
 * fc.features[0].geometry.type; // "Polygon" (the two squares dissolved)
 * ```
 */
export function lotsToGeoJSON(plan: LotPlan, boundaries: Boundaries, options: LotsToGeoJSONOptions = {}): FeatureCollection<Polygon | MultiPolygon, LotFeatureProperties> {
  const p = parseInput(LotPlanSchema, plan, "plan");
  const opts = parseInput(LotsToGeoJSONOptionsSchema, options, "options");
  const metricsById = new Map((opts.evaluation?.lots ?? []).map((m) => [m.id, m]));
  const order = p.lots.map((l, li) => ({ l, li, hours: (plan.lots[li] as { hours?: unknown }).hours })).sort((a, b) => compareIds(a.l.id, b.l.id));
  const features: Feature<Polygon | MultiPolygon, LotFeatureProperties>[] = order.map(({ l, li, hours }) => {
    const parts = l.areaIds.map((id, ai) => {
      const i = boundaries.indexById.get(id);
      if (i === undefined) invalid(["plan", "lots", li, "areaIds", ai], id, "no boundary has this id", "unknown_id");
      return boundaries.features[i]!;
    });
    let geometry: Polygon | MultiPolygon | null = null;
    let error: string | undefined;
    try {
      if (parts.length === 1) geometry = parts[0]!.geometry;
      else {
        const u = union({ type: "FeatureCollection", features: parts.map((f) => ({ type: "Feature", properties: {}, geometry: f.geometry })) });
        geometry = u?.geometry ?? null;
        if (geometry === null) error = "union returned no geometry";
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const metrics = { ...(metricsById.get(l.id) ?? {}) } as Record<string, unknown>;
    const evalHours = metrics.hours;
    delete metrics.id;
    delete metrics.parent;
    delete metrics.hours;
    const props: LotFeatureProperties = {
      lotId: l.id,
      parent: l.parent ?? ((metricsById.get(l.id) as { parent?: string } | undefined)?.parent ?? null),
      areaCount: l.areaIds.length,
      hours: typeof hours === "number" ? hours : typeof evalHours === "number" ? evalHours : null,
      dissolve: geometry === null ? "parts" : "union",
      ...metrics,
    };
    if (geometry === null) {
      const coords: Position[][][] = [];
      for (const f of parts) {
        if (f.geometry.type === "Polygon") coords.push(f.geometry.coordinates);
        else coords.push(...f.geometry.coordinates);
      }
      geometry = { type: "MultiPolygon", coordinates: coords };
      props.dissolveError = error ?? "unknown error";
    }
    return { type: "Feature", id: l.id, properties: props, geometry };
  });
  return { type: "FeatureCollection", features };
}

import type { Id, LonLat } from "./ids.js";

/** Rural-urban class of a small area (ONS 2011 two-fold split: A1–C2 urban, D1–E2 rural). */
export type UrbanRural = "urban" | "rural";

/**
 * A small area as a point for travel times: its id, the point people are taken to live at (best a
 * population-weighted centroid) and its rural-urban class (which sets the straight-line driving speed).
 * Build them from boundaries with {@link areasFromBoundaries}.
 */
export interface Area {
  readonly id: Id;
  readonly lonLat: LonLat;
  readonly urbanRural: UrbanRural;
}

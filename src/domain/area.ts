import type { Id, LonLat } from "./ids.js";

/** Rural-urban class of a small area (ONS 2011 two-fold split: A1–C2 urban, D1–E2 rural). */
export type UrbanRural = "urban" | "rural";

/**
 * A small area (an LSOA): the one area type every engine takes. Travel sources route to its point and
 * use its class for the straight-line driving speed; lot design nests lots in its parent; lot metrics sum
 * its population and km² and report the urban share. Build them from boundaries with
 * {@link areasFromBoundaries}, or from table rows (e.g. lsoa11_master.csv: population-weighted centroid,
 * ccg19cd, urban_rural, population).
 */
export interface Area {
  readonly id: Id;
  /** Representative point `[lon, lat]`: best the population-weighted centroid, else the area centroid. */
  readonly lonLat: LonLat;
  /** Rural-urban class. Without one, straight-line driving takes the other end's class (else urban) and lot metrics give no urban share. */
  readonly urbanRural?: UrbanRural | undefined;
  /** The parent the area nests in (CCG code, district code, or `"CCG|LAD"`). For lot design, every area has one or none. */
  readonly parent?: string | undefined;
  /** Land area in km², for lot metrics. */
  readonly areaKm2?: number | undefined;
  /** Resident population, for lot metrics. */
  readonly population?: number | undefined;
}

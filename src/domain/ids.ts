/** An identifier of an area, lot, provider or site. Outputs are sorted by id in code-unit order. */
export type Id = string;
/** A WGS84 position as `[longitude, latitude]` in degrees (GeoJSON axis order). */
export type LonLat = [number, number];
/** A bounding box `[minX, minY, maxX, maxY]` in degrees. */
export type BBox = [number, number, number, number];

/** An identifier of an area, lot, provider or site. Outputs are sorted by id in code-unit order. */
export type Id = string;
/** A WGS84 position as `[longitude, latitude]` in degrees (GeoJSON axis order). */
export type LonLat = [number, number];
/** A bounding box `[minX, minY, maxX, maxY]` in degrees. */
export type BBox = [number, number, number, number];

/**
 * The part of the standard `AbortSignal` lotwise uses; a real `AbortController().signal` fits it in
 * browsers, workers, Node and Deno. Declared here so the core typechecks without DOM or Node types.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

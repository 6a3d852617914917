import { z } from "zod";

/** Options for {@link loadBoundaries}. */
export const LoadBoundariesOptionsSchema = z
  .object({
    /** Feature property holding the unique id (e.g. `"lsoa11cd"`). Falls back to `feature.id` when absent. */
    idProperty: z.string().min(1).optional(),
  })
  .strict();
export type LoadBoundariesOptions = z.input<typeof LoadBoundariesOptionsSchema>;

const GeometrySchema = z.object({
  type: z.enum(["Polygon", "MultiPolygon"], {
    error: (iss) => `expected a Polygon or MultiPolygon geometry, received ${JSON.stringify(iss.input)}`,
  }),
  // Coordinates are checked by a hand-written loop (finite, in range, closed rings): one pass,
  // messages that suggest swapped lon/lat, and no per-position zod objects on 100k+ vertices.
  coordinates: z.array(z.unknown()).min(1, "geometry has no coordinates (empty geometry)"),
});

const FeatureSchema = z.object({
  type: z.literal("Feature"),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: GeometrySchema.nullable().refine((g) => g !== null, "geometry is null (every boundary needs a polygon)"),
});

/** A GeoJSON FeatureCollection of Polygon/MultiPolygon features, at least one. */
export const BoundaryCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(FeatureSchema).min(1, "the collection is empty: at least one feature is needed"),
});

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

/** Options for `BoundaryIndex.locate` / `locateMany`. */
export const LocatePointOptionsSchema = z
  .object({
    /**
     * A point inside no polygon is given to the nearest polygon whose edge lies within this many
     * metres (ties: smallest id). Default 0: points outside every polygon locate to `null`.
     */
    toleranceMetres: z.number().finite().min(0, "must be ≥ 0").default(0),
  })
  .strict();
export type LocatePointOptions = z.input<typeof LocatePointOptionsSchema>;

/** Options for {@link boundaryAdjacency}. */
export const BoundaryAdjacencyOptionsSchema = z
  .object({
    /** `"rook"`: neighbours share a stretch of edge; `"queen"`: they share an edge or only a point. */
    rule: z.enum(["rook", "queen"]).default("rook"),
    /**
     * Snapping tolerance in metres: two edges are shared where they run within this distance of each
     * other, and a rook neighbour must share more than this length of boundary. The data is rounded
     * to 6 dp (≤ 0.06 m), so the default 0.5 m absorbs rounding but not real gaps. On the 611
     * Leicestershire LSOAs any value from 0.05 m to 1 m gives the same 1,744 rook pairs; 0 (exact
     * collinearity in floating point) finds only 1,657.
     */
    toleranceMetres: z.number().finite().min(0, "must be ≥ 0").max(1000, "must be ≤ 1000").default(0.5),
  })
  .strict();
export type BoundaryAdjacencyOptions = z.input<typeof BoundaryAdjacencyOptionsSchema>;

/** Options for {@link nestAreas}. */
export const NestAreasOptionsSchema = z
  .object({
    /**
     * A property of the small areas naming their parent's id (e.g. `"ccg19cd"`). When given, that
     * parent is used and checked geometrically; when absent, the parent is the one with the largest
     * overlap.
     */
    property: z.string().min(1).optional(),
    /** An area whose largest overlap share is below this is reported as straddling. Default 0.99. */
    minShare: z.number().finite().gt(0, "must be > 0").max(1, "must be ≤ 1").default(0.99),
    /**
     * Lattice points per small area used to screen for straddling (areas whose samples fall in more
     * than one large area, or whose vertices leave their parent, get exact shares by polygon
     * intersection). Default 400.
     */
    samples: z.number().int().min(16, "must be ≥ 16").max(100_000, "must be ≤ 100000").default(400),
  })
  .strict();
export type NestAreasOptions = z.input<typeof NestAreasOptionsSchema>;

/** Options for {@link areasFromBoundaries}: which feature properties hold each area's class, parent and population. */
export const AreasFromBoundariesOptionsSchema = z
  .object({
    /**
     * Property holding the rural-urban class (`"Urban"`/`"Rural"` in any case, or a boolean, true = urban);
     * every area then needs one. `null`: do not read a class (areas are unclassified).
     * @defaultValue `"urban_rural"`
     */
    urbanRuralProperty: z.string().min(1).nullable().default("urban_rural"),
    /** Property (or properties, joined with `"|"`: CCG × district pieces) holding each area's parent; none when left out. */
    parentProperty: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** Property holding the population (a number or numeric string, ≥ 0); none when left out. */
    populationProperty: z.string().min(1).optional(),
    /** Population-weighted centroids by id; areas without one use the boundary's area-weighted centroid. */
    points: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
  })
  .strict();
export type AreasFromBoundariesOptions = z.input<typeof AreasFromBoundariesOptionsSchema>;

import { z } from "zod";
import { TRAVEL_MODES, type TravelMatrix, type TravelMode, type LotBridge, type LotPlan } from "../domain/index.js";

const finite = z.number().refine(Number.isFinite, "must be a finite number");

/** Weekly hours per area, each finite and ≥ 0. */
export const DemandHoursSchema = z.record(z.string(), finite.nonnegative("hours must be ≥ 0"));

/** `{ [areaId]: neighbourIds }` or a Map of the same. */
export const AreaAdjacencySchema = z.union([
  z.custom<ReadonlyMap<string, readonly string[]>>(
    (v) => v instanceof Map && [...v.entries()].every(([k, n]) => typeof k === "string" && Array.isArray(n) && n.every((x) => typeof x === "string")),
    "expected a Map of area id → neighbour ids",
  ),
  z.record(z.string(), z.array(z.string())),
]);

/** Adjacency as accepted by lot functions: a record, a Map, or an object with a `neighbours` Map (`boundaryAdjacency`'s result). */
export const LotAdjacencyInputSchema = z.union([
  z.custom<{ neighbours: ReadonlyMap<string, readonly string[]> }>(
    (v) => typeof v === "object" && v !== null && !(v instanceof Map) && (v as { neighbours?: unknown }).neighbours instanceof Map,
    "expected an adjacency",
  ),
  AreaAdjacencySchema,
]);

/** A TravelMatrix (shape only; sizes are checked where it is used). */
export const TravelMatrixSchema = z.custom<TravelMatrix>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    Array.isArray((v as TravelMatrix).originIds) &&
    Array.isArray((v as TravelMatrix).destinationIds) &&
    typeof (v as TravelMatrix).minutes === "object",
  "expected a TravelMatrix { originIds, destinationIds, modes, minutes }",
);

/** A lot plan: lots of area ids. */
export const LotPlanSchema = z.object({
  lots: z.array(
    z.object({
      id: z.string().min(1),
      areaIds: z.array(z.string().min(1)),
      parent: z.string().min(1).optional(),
    }),
  ),
});

const LotBridgeSchema = z.object({ from: z.string(), to: z.string(), distanceKm: z.number() });

/** Options for {@link designLots}. Give exactly one of `lotsPerParent`, `lotCount`, `hoursPerLot`. */
export const DesignLotsOptionsSchema = z
  .object({
    /** Lots per parent, keyed by the parent value, e.g. `{ E38000051: 8, E38000201: 10 }`. */
    lotsPerParent: z.record(z.string(), z.number().int("must be a whole number").min(1, "must be ≥ 1")).optional(),
    /** Number of lots when areas have no parent. */
    lotCount: z.number().int("must be a whole number").min(1, "must be ≥ 1").optional(),
    /** Weekly-hours floor and/or ceiling per lot; the number of lots is then maximised (max-p). */
    hoursPerLot: z
      .object({ min: finite.nonnegative().optional(), max: finite.positive("must be > 0").optional() })
      .strict()
      .refine((b) => b.min !== undefined || b.max !== undefined, "give min, max or both")
      .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, "min must be ≤ max")
      .optional(),
    /**
     * Longest travel between any two areas of a lot (the lot's travel diameter), e.g. walking staff:
     * `{ matrix, mode: "walk", maxMinutes: 60 }`. Built into the max-p construction with `hoursPerLot`; with a
     * fixed lot count it only constrains local-search moves, and any lot still over it is reported in `violations`.
     */
    travelLimit: z
      .object({ matrix: TravelMatrixSchema, mode: z.enum(TRAVEL_MODES as [string, ...string[]]), maxMinutes: finite.positive("must be > 0") })
      .strict()
      .optional(),
    /**
     * A current plan to stay close to (a redesign moves as few areas as possible). Used per parent when the
     * plan has exactly the asked number of lots among that parent's areas: the search starts from it (largest
     * connected piece of each lot kept), keeps its lot ids and pays `weights.similarity` × (share of areas moved).
     * Otherwise that parent is designed afresh; `movedAreas` counts areas whose lot id changed either way.
     */
    existingPlan: LotPlanSchema.optional(),
    /** Objective weights. */
    weights: z
      .object({
        balance: finite.nonnegative().default(1),
        compactness: finite.nonnegative().default(1),
        similarity: finite.nonnegative().default(1),
      })
      .strict()
      .prefault({}),
    /** Relative deviation from the parent's mean lot hours tolerated before a steep penalty (count mode). */
    balanceTolerance: finite.min(0).max(1).default(0.05),
    /** Seed for the pseudo-random choices; same seed and input → same plan. */
    seed: z.number().int().default(1),
    /**
     * Independent constructions per parent; the best (after local search) is kept. Default: more for small
     * parents, where lumpy hours make single-area moves stall — max(2, min(64, ⌈2000 / areas⌉)); even restarts
     * use the balance continuation, odd ones the direct search.
     */
    restarts: z.number().int().min(1).max(1000).optional(),
    /** Cap on local-search sweeps per construction. */
    maxSweeps: z.number().int().min(0).default(200),
    /**
     * Lot id prefix per parent, e.g. `{ E38000051: "ELR", E38000201: "WL" }` → lots `ELR-01`…, `WL-01`… (the
     * names a council uses). Parents left out keep their code; `""` keys the prefix of a design without
     * parents. Prefixes must differ from each other and from the codes kept, so ids stay unique.
     * @defaultValue the parent code (`"LOT"` without parents)
     */
    lotIdPrefix: z
      .record(z.string(), z.string().min(1, "a lot id prefix must be a non-empty string"))
      .refine((r) => new Set(Object.values(r)).size === Object.values(r).length, "two parents have the same lot id prefix")
      .optional(),
    /**
     * `"grow-and-improve"` (default): seeded region growing then contiguity-preserving local search.
     * `"grow"`: growing only. `"random-grow"`: naive baseline (uniform random seeds, random growth, no search).
     */
    method: z.enum(["grow-and-improve", "grow", "random-grow"]).default("grow-and-improve"),
  })
  .strict()
  .superRefine((o, ctx) => {
    const given = [o.lotsPerParent, o.lotCount, o.hoursPerLot].filter((x) => x !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: "custom", message: "give exactly one of lotsPerParent, lotCount or hoursPerLot", path: [], input: o });
    }
  });
export type DesignLotsOptions = Omit<z.input<typeof DesignLotsOptionsSchema>, "existingPlan" | "travelLimit"> & {
  existingPlan?: LotPlan;
  travelLimit?: { matrix: TravelMatrix; mode: TravelMode; maxMinutes: number };
};

/** Options for {@link evaluateLots}. */
export const EvaluateLotsOptionsSchema = z
  .object({
    /** Travel times between areas; every mode it holds is reported per lot. */
    travel: TravelMatrixSchema.optional(),
    /** Virtual edges (from `designLots(...).bridges`) to count as adjacency when checking contiguity. */
    bridges: z.array(LotBridgeSchema).optional(),
    /** The areas' polygons (from `loadBoundaries`), for each lot's Polsby–Popper score. */
    boundaries: z
      .custom<BoundariesShape>(
        (v) => typeof v === "object" && v !== null && (v as BoundariesShape).indexById instanceof Map && Array.isArray((v as BoundariesShape).features) && Array.isArray((v as BoundariesShape).areasKm2),
        "expected Boundaries from loadBoundaries",
      )
      .optional(),
  })
  .strict();
/** What evaluateLots reads of `Boundaries` (from `loadBoundaries`; schema/ does not import the boundaries engine). */
export interface BoundariesShape {
  readonly indexById: ReadonlyMap<string, number>;
  readonly features: readonly { readonly geometry: { readonly type: "Polygon" | "MultiPolygon"; readonly coordinates: unknown } }[];
  readonly areasKm2: readonly number[];
}
export type EvaluateLotsOptions = { travel?: TravelMatrix; bridges?: readonly LotBridge[]; boundaries?: BoundariesShape };

/** Options for {@link lotsToGeoJSON}. */
export const LotsToGeoJSONOptionsSchema = z
  .object({
    /** Per-lot metrics to attach as properties (from `evaluateLots`). */
    evaluation: z.object({ lots: z.array(z.object({ id: z.string() }).loose()) }).loose().optional(),
  })
  .strict();
export type LotsToGeoJSONOptions = { evaluation?: { readonly lots: readonly { readonly id: string }[] } };

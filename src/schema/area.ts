import { z } from "zod";

const finite = z.number().refine(Number.isFinite, "must be a finite number");

/** One {@link Area} as lot design and lot metrics take it (unknown fields are refused, so a typo is not ignored). */
export const AreaSchema = z
  .object({
    id: z.string().min(1, "an area id must be a non-empty string"),
    lonLat: z.tuple([finite.refine((x) => x >= -180 && x <= 180, "longitude must be in [-180, 180]"), finite.refine((y) => y >= -90 && y <= 90, "latitude must be in [-90, 90]; are lon/lat swapped?")]),
    urbanRural: z.enum(["urban", "rural"], { error: (iss) => `expected "urban" or "rural", received ${JSON.stringify(iss.input)}` }).optional(),
    parent: z.string().min(1).optional(),
    areaKm2: finite.nonnegative().optional(),
    population: finite.nonnegative().optional(),
  })
  .strict();
/** A non-empty list of {@link Area}s. */
export const AreaListSchema = z.array(AreaSchema).min(1, "at least one area is needed");

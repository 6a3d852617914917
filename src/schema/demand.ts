import { z } from "zod";

/** Options for {@link estimateDemand}. */
export const EstimateDemandOptionsSchema = z
  .object({
    /** Known weekly care hours for the whole set of areas; whole hours, conserved exactly. */
    totalHours: z.number().int("must be a whole number of hours").nonnegative("must be ≥ 0"),
    /**
     * Column(s) holding the age population to weight by, in order of preference (e.g.
     * `["census2011_age_65plus", "age_60plus_mid2015"]`). The first column with a value for EVERY area is used.
     */
    weightBy: z.union([z.string().min(1), z.array(z.string().min(1)).min(1, "give at least one column")]),
    /** Row property holding the area id. */
    idProperty: z.string().min(1).default("id"),
  })
  .strict();
export type EstimateDemandOptions = z.input<typeof EstimateDemandOptionsSchema>;

/** The rows passed to {@link estimateDemand}: one plain record per area (numbers or numeric strings, as CSV gives them). */
export const DemandAreaRowsSchema = z
  .array(z.record(z.string(), z.unknown()), { error: "expected an array of row objects" })
  .min(1, "at least one area is needed");

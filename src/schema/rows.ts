import { z } from "zod";

// CSV row schemas for the command line and `readCsv`. Cells arrive as strings (blank cells as
// undefined), so numbers use z.coerce; blanks in optional columns stay undefined.
// Ids may also arrive as numbers (JSON, or a browser CSV parser's type inference); they are kept as text.
const id = (what: string) =>
  z
    .union([z.string(), z.number().refine(Number.isFinite, `${what} must be text or a finite number`)])
    .transform((v) => String(v).trim())
    .pipe(z.string().min(1, `${what} must not be empty`));
const num = z.coerce.number().refine(Number.isFinite, "is not a number");
const nonNeg = num.refine((v) => v >= 0, "must be ≥ 0");
const share = num.refine((v) => v >= 0 && v <= 1, "must be in [0, 1]");

/** `area_id,hours`: weekly demand per area. */
export const DemandRowSchema = z.object({ area_id: id("area_id"), hours: nonNeg });
/**
 * `area_id,lot_id[,parent]`: which lot each area is in (a lot plan as a table, e.g. a council's current
 * plan or lotwise's own lot-areas.csv). A blank parent is no parent.
 */
export const PlanRowSchema = z.object({
  area_id: id("area_id"),
  lot_id: id("lot_id"),
  parent: z
    .union([z.string(), z.number().refine(Number.isFinite, "parent must be text or a finite number")])
    .transform((v) => String(v).trim())
    .optional(),
});
/**
 * `provider_id,lon,lat,capacity_hours,rate_per_hour[,drive,walk,cycle,transit]`: a provider base, weekly
 * capacity, hourly rate and staff travel mix (shares summing to 1; all blank = everyone drives).
 */
export const ProviderRowSchema = z.object({
  provider_id: id("provider_id"),
  lon: num.refine((v) => v >= -180 && v <= 180, "longitude must be in [-180, 180]"),
  lat: num.refine((v) => v >= -90 && v <= 90, "latitude must be in [-90, 90]; are lon/lat swapped?"),
  capacity_hours: nonNeg,
  rate_per_hour: nonNeg,
  drive: share.optional(),
  walk: share.optional(),
  cycle: share.optional(),
  transit: share.optional(),
  postcode: z.string().optional(),
});
/** `lot_id,provider_id,share`: the share of a lot's demand a provider can reach (allocation eligibility). */
export const EligibilityRowSchema = z.object({ lot_id: id("lot_id"), provider_id: id("provider_id"), share });

export type DemandRow = z.output<typeof DemandRowSchema>;
/** One row of a lot plan table; ids may be numbers (they become text). */
export type PlanRow = z.input<typeof PlanRowSchema>;
export type ProviderRow = z.output<typeof ProviderRowSchema>;
export type EligibilityRow = z.output<typeof EligibilityRowSchema>;

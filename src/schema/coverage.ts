import { z } from "zod";
import { TRAVEL_MODES, type TravelMode } from "../domain/index.js";
import { ProviderListSchema } from "./provider.js";
import { TravelModeSchema } from "./travel.js";

const minutes = z
  .number({ error: (iss) => `expected a number of minutes, received ${JSON.stringify(iss.input)}` })
  .min(0, "must be ≥ 0")
  .refine((n) => !Number.isNaN(n), "must not be NaN");

/**
 * Threshold in minutes: one number (≥ 0) for every mode, or one per mode `{ drive?, walk?, cycle?,
 * transit? }` (modes left out are not assessed). Messages name the mode at fault.
 */
export const ThresholdMinutesSchema = z.unknown().transform((v, ctx): number | Partial<Record<TravelMode, number>> => {
  const bad = (input: unknown, message: string, path: PropertyKey[] = []) => {
    ctx.addIssue({ code: "custom", input, message, path });
    return z.NEVER;
  };
  const checkNumber = (n: unknown, path: PropertyKey[]) =>
    typeof n !== "number" || Number.isNaN(n) ? bad(n, "expected a number of minutes", path) : n < 0 ? bad(n, "must be ≥ 0", path) : n;
  if (typeof v === "number") return checkNumber(v, []);
  if (typeof v !== "object" || v === null || Array.isArray(v)) return bad(v, "expected minutes (a number) or { mode: minutes }");
  const keys = Object.keys(v);
  if (keys.length === 0) return bad(v, "give a threshold for at least one mode");
  const out: Partial<Record<TravelMode, number>> = {};
  for (const k of keys) {
    if (!(TRAVEL_MODES as readonly string[]).includes(k)) return bad(k, `unknown travel mode; expected one of ${TRAVEL_MODES.join(", ")}`, [k]);
    out[k as TravelMode] = checkNumber((v as Record<string, unknown>)[k], [k]);
  }
  return out;
});
/** One number of minutes for every mode, or `{ drive?: n, walk?: n, cycle?: n, transit?: n }`. */
export type ThresholdMinutes = number | Partial<Record<TravelMode, number>>;

const MatrixLikeSchema = z.custom<object>((v) => typeof v === "object" && v !== null, "expected a TravelMatrix or a TravelTimeSource");

/** Input of {@link computeCoverage}. */
export const ComputeCoverageInputSchema = z
  .object({
    providers: ProviderListSchema.refine((p) => p.length > 0, "at least one provider is needed"),
    // Points are checked element by element by a hand-written pass (lists reach 58k postcodes).
    areas: z.array(z.unknown()).min(1, "at least one area is needed"),
    travel: MatrixLikeSchema,
    thresholdMinutes: ThresholdMinutesSchema,
  })
  .strict();

/** Weekly demand hours per area id: finite and ≥ 0. */
export const DemandHoursSchema = z.record(z.string(), z.number().min(0, "demand must be ≥ 0").refine(Number.isFinite, "demand must be finite"));

/** A lot plan as {@link lotCoverage} reads it. */
export const LotPlanInputSchema = z.object({
  lots: z
    .array(z.object({ id: z.string().min(1), areaIds: z.array(z.string().min(1)).min(1, "a lot needs at least one area"), parent: z.string().optional() }))
    .min(1, "at least one lot is needed"),
});

/** Options for {@link lotWalkability}. */
export const LotWalkabilityOptionsSchema = z
  .object({
    /** A lot is walkable/cyclable by a mode when its demand-weighted 90th-percentile time is at most this. */
    thresholdMinutes: minutes.default(20),
    /** Modes assessed (default walk and cycle). */
    modes: z.array(TravelModeSchema).min(1).default(["walk", "cycle"]),
  })
  .strict();
export type LotWalkabilityOptions = z.input<typeof LotWalkabilityOptionsSchema>;

import { z } from "zod";
import { LonLatSchema } from "./travel.js";

const share = z.number().min(0, "a share must be in [0, 1]").max(1, "a share must be in [0, 1]");

/** Staff mix: shares of hours by mode, each in [0, 1], absent = 0, summing to 1 (±1e-6). Unknown modes are rejected. */
export const StaffMixSchema = z
  .object({ drive: share.default(0), walk: share.default(0), cycle: share.default(0), transit: share.default(0) })
  .strict()
  .refine((m) => Math.abs(m.drive + m.walk + m.cycle + m.transit - 1) <= 1e-6, {
    message: "staff mix shares must sum to 1",
  });

/** A provider ({@link Provider}). */
export const ProviderSchema = z.object({
  id: z.string().min(1, "an id must be a non-empty string"),
  lonLat: LonLatSchema,
  capacityHours: z.number().min(0, "must be ≥ 0").refine(Number.isFinite, "must be finite"),
  ratePerHour: z.number().min(0, "must be ≥ 0").refine(Number.isFinite, "must be finite"),
  staffMix: StaffMixSchema,
});

/** Providers with unique ids. */
export const ProviderListSchema = z.array(ProviderSchema).superRefine((ps, ctx) => {
  const seen = new Set<string>();
  ps.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: [i, "id"], input: p.id, message: "duplicate provider id" });
    seen.add(p.id);
  });
});

const range = (lo: number, hi: number) =>
  z
    .tuple([z.number().min(0, "must be ≥ 0"), z.number().min(0, "must be ≥ 0")])
    .refine(([a, b]) => a <= b, "range must be [min, max] with min ≤ max")
    .default([lo, hi]);

/**
 * Options for {@link generateProviders}. Defaults: capacity 200–1,500 h/week (in steps of 10),
 * rate £20–24/h, driving share of staff 60–95 % with the rest split at random between walking,
 * cycling and public transport.
 */
export const GenerateProvidersOptionsSchema = z
  .object({
    count: z.number().int("must be a whole number").min(1, "must be ≥ 1").max(9999, "must be ≤ 9999"),
    seed: z.number().int("must be a whole number"),
    /** Candidate base locations, e.g. real postcode centroids; duplicates are collapsed before drawing. */
    points: z.array(LonLatSchema).min(1, "at least one candidate point is needed"),
    capacityHours: range(200, 1500),
    ratePerHour: range(20, 24),
    driveShare: range(0.6, 0.95).refine(([, b]) => b <= 1, "a share range lies in [0, 1]"),
    /** Id prefix (default `"P"`). */
    idPrefix: z.string().default("P"),
  })
  .strict();
export type GenerateProvidersOptions = z.input<typeof GenerateProvidersOptionsSchema>;

import { z } from "zod";

const LonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A provider base drawn on the map. */
export const MapProviderSchema = z.object({
  id: z.string().min(1),
  lonLat: LonLatSchema,
});

/** Options for {@link renderMap}. */
export const RenderMapOptionsSchema = z
  .object({
    /** Title printed at the top. */
    title: z.string().default("Home-care lots"),
    /** Second line under the title. */
    subtitle: z.string().optional(),
    /** Provider bases, drawn as triangles with their ids. */
    providers: z.array(MapProviderSchema).default([]),
    /** Lot id → lead provider id, printed under the lot label. */
    leadProviders: z.record(z.string(), z.string()).default({}),
    /** Lot id → legend text after the lot id (default: number of areas, and the lead provider when given). */
    lotLegend: z.record(z.string(), z.string()).default({}),
    /** Area id → covered share of its hours in [0, 1]; areas below 1 are hatched, darker when less covered. */
    coverage: z.record(z.string(), z.number().min(0).max(1)).optional(),
    /** Legend text for the coverage hatching. */
    coverageLabel: z.string().default("hours not reachable in time (darker = less covered)"),
    /** Page width in px (default 794 = A4 portrait at 96 dpi). */
    widthPx: z.number().int().min(300).max(5000).default(794),
    /** Page height in px (default 1123 = A4 portrait at 96 dpi). */
    heightPx: z.number().int().min(300).max(5000).default(1123),
    /** Attribution line printed at the foot of the map. */
    attribution: z
      .string()
      .default("Contains National Statistics and OS data © Crown copyright and database right 2011-2025 (OGL v3)"),
  })
  .strict();
export type RenderMapOptions = z.input<typeof RenderMapOptionsSchema>;

const Hours = z.number().finite().min(0);

/** One row of the per-lot table of {@link renderReport}. */
export const ReportLotRowSchema = z.object({
  lotId: z.string().min(1),
  parent: z.string().optional(),
  areaCount: z.number().int().min(0),
  demandHours: Hours,
  leadProviderId: z.string().optional(),
  supplementaryProviderIds: z.array(z.string()).default([]),
  contingencyProviderId: z.string().optional(),
  assignedHours: Hours.optional(),
  unmetHours: Hours.optional(),
  weeklyCost: z.number().finite().optional(),
  coveredShare: z.number().min(0).max(1).optional(),
});

/** One row of the provider table of {@link renderReport}. */
export const ReportProviderRowSchema = z.object({
  providerId: z.string().min(1),
  base: z.string().optional(),
  mode: z.string().optional(),
  capacityHours: Hours,
  assignedHours: Hours,
  leadLots: z.array(z.string()).default([]),
  supplementaryLots: z.array(z.string()).default([]),
  contingencyLots: z.array(z.string()).default([]),
});

/** One row of the withdrawal table of {@link renderReport}: the effect of one provider (or group) leaving. */
export const ReportWithdrawalRowSchema = z.object({
  /** The provider withdrawn, or the scenario's name (a pair, a group). */
  providerId: z.string().min(1),
  lostHours: Hours,
  reassignedHours: Hours,
  /** Hours covered by last-resort providers (interim providers, in-house reablement); the column shows when any row has it. */
  lastResortHours: Hours.optional(),
  unmetHours: Hours,
  /** Lots whose lead changed; the column shows when any row has it. */
  newLeadLots: z.array(z.string()).optional(),
  /** Change in the weekly cost of the hours still delivered (like for like; unmet hours are never a saving). */
  costChange: z.number().finite().optional(),
  status: z.string(),
});

/** One row of the re-let table of {@link renderReport}: a lot re-let after a withdrawal. */
export const ReportReletRowSchema = z.object({
  lotId: z.string().min(1),
  leadBefore: z.string().nullable(),
  /** The new lead, or null when the lot cannot be let. */
  leadAfter: z.string().nullable(),
  lostHours: Hours,
  /** Hours staying or new market providers took on. */
  replacedHours: Hours,
  lastResortHours: Hours,
  unmetHours: Hours,
  /** Reason code of the unmet hours (`no_eligible_lead`, `capacity_exhausted`, ...), or null. */
  unmetReason: z.string().nullable(),
  /** Change in the weekly cost of the hours still delivered in the lot (like for like). */
  costChange: z.number().finite(),
  /** True when the lot is let without a contingency provider. */
  withoutContingency: z.boolean().default(false),
});

/** A withdrawal scenario shown lot by lot (e.g. the lead holding most lots withdrawing before launch). */
export const ReportReletSchema = z.object({
  title: z.string().min(1),
  note: z.string().optional(),
  rows: z.array(ReportReletRowSchema),
});

/** Input of {@link renderReport}. */
export const ReportInputSchema = z
  .object({
    title: z.string().min(1),
    /** Short paragraph under the title (what was run, on what data). */
    intro: z.string().optional(),
    /** Key figures, in order, e.g. `[["Demand", "20,317 h/week"]]`. */
    summary: z.array(z.tuple([z.string(), z.string()])).default([]),
    currency: z.string().default("£"),
    lots: z.array(ReportLotRowSchema),
    providers: z.array(ReportProviderRowSchema).default([]),
    withdrawal: z.array(ReportWithdrawalRowSchema).optional(),
    /** One withdrawal scenario, lot by lot (lots re-let, new leads, last-resort hours, unmet hours, cost). */
    relet: ReportReletSchema.optional(),
    /** An SVG from {@link renderMap}; inlined in the HTML, referenced as `mapHref` in Markdown. */
    mapSvg: z.string().optional(),
    mapHref: z.string().default("map.svg"),
    /** Notes printed at the end (caveats, missing steps). */
    notes: z.array(z.string()).default([]),
    attribution: z
      .string()
      .default("Contains National Statistics and OS data © Crown copyright and database right 2011-2025 (OGL v3)"),
  })
  .strict();
export type ReportInput = z.input<typeof ReportInputSchema>;
export type ReportLotRow = z.input<typeof ReportLotRowSchema>;
export type ReportProviderRow = z.input<typeof ReportProviderRowSchema>;
export type ReportWithdrawalRow = z.input<typeof ReportWithdrawalRowSchema>;
export type ReportReletRow = z.input<typeof ReportReletRowSchema>;
export type ReportRelet = z.input<typeof ReportReletSchema>;

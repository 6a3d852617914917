import { z } from "zod";

/** Weekdays of a service table's columns (`runs_<Day>_<Band>`). */
export const BUS_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
/** Time bands of a service table's columns. */
export const BUS_BANDS = ["Night", "Morning Peak", "Midday", "Afternoon Peak", "Evening"] as const;

/**
 * Assumed length of each time band in hours. The source table (ITS Leeds TransportBlackspots) does not
 * document its band edges; these are our assumption, summing to 24 h: Night 22:00–06:00, Morning Peak
 * 06:00–09:30, Midday 09:30–15:30, Afternoon Peak 15:30–18:30, Evening 18:30–22:00. Set `bandHours` to
 * your table's definitions.
 */
export const DEFAULT_BAND_HOURS: Readonly<Record<(typeof BUS_BANDS)[number], number>> = {
  Night: 8,
  "Morning Peak": 3.5,
  Midday: 6,
  "Afternoon Peak": 3,
  Evening: 3.5,
};

const minutes = (v: number) => z.number().min(0, "must be ≥ 0 minutes").default(v);
const positive = (v: number, unit: string) => z.number().positive(`must be > 0 ${unit}`).default(v);

/**
 * Options for {@link busServiceTravel}. Defaults and their sources:
 * - `day` Tue, `band` Midday: home-care visits are spread over the day; a weekday midday is the typical
 *   service. Choose the band your staff travel in (a 07:00 call: `Morning Peak`).
 * - `accessWalkMinutes` 5 at each end: 400 m at 4.8 km/h, the usual bus-stop catchment ("within 400 m",
 *   CIHT, Planning for Public Transport in Developments, 1999).
 * - `maxWaitMinutes` 30: with fewer than one bus an hour people time their arrival by the timetable, so the
 *   random-arrival wait (half the headway) is capped (our assumption).
 * - `busKmh` 20 in the vehicle including stops (our assumption, about 12 mph for English local buses
 *   outside London); `detour` 1.3 road distance ÷ straight line (as {@link straightLineTravel}'s drive).
 * - `transferAboveKm` 8 and `transferMinutes` 10: a trip longer than 8 km straight is assumed to need one
 *   change, costing 10 minutes (our assumption; the table says nothing about routes).
 */
export const BusServiceOptionsSchema = z
  .object({
    /** Column holding the zone code in each service row. */
    codeColumn: z.string().min(1).default("LSOA21CD"),
    day: z.enum(BUS_DAYS).default("Tue"),
    band: z.enum(BUS_BANDS).default("Midday"),
    /** Hours in each band, to turn trips per band into departures per hour. */
    bandHours: z
      .object(Object.fromEntries(BUS_BANDS.map((b) => [b, positive(DEFAULT_BAND_HOURS[b], "hours")])) as Record<(typeof BUS_BANDS)[number], z.ZodDefault<z.ZodNumber>>)
      .strict()
      .prefault({}),
    /**
     * Zone code for points whose id is not itself a code in the table (providers, or 2011 LSOA codes that
     * changed in 2021): `{ pointId: zoneCode }`.
     */
    zoneOf: z.record(z.string(), z.string().min(1)).default({}),
    accessWalkMinutes: minutes(5),
    maxWaitMinutes: minutes(30),
    busKmh: positive(20, "km/h"),
    detour: z.number().min(1, "a detour factor is ≥ 1").default(1.3),
    transferAboveKm: z.number().min(0, "must be ≥ 0 km").default(8),
    transferMinutes: minutes(10),
    /** Door-to-door times above this are `Infinity` (counted in `beyondMaxMinutes`). */
    maxMinutes: z.number().positive("must be > 0").optional(),
  })
  .strict();
export type BusServiceOptions = z.input<typeof BusServiceOptionsSchema>;
export type BusServiceSettings = z.output<typeof BusServiceOptionsSchema>;

/** A service table: one row per zone, at least one (e.g. `readCsv` of the ITS Leeds file). */
export const BusServiceRowsSchema = z.array(z.record(z.string(), z.unknown())).min(1, "the service table is empty: at least one row is needed");

import { z } from "zod";
import { TRAVEL_MODES } from "../domain/index.js";

/** One of `drive`, `walk`, `cycle`, `transit`. */
export const TravelModeSchema = z.enum(["drive", "walk", "cycle", "transit"], {
  error: (iss) => `unknown travel mode ${JSON.stringify(iss.input)}; expected one of ${TRAVEL_MODES.join(", ")}`,
});

/** `[lon, lat]` in WGS84 degrees. */
export const LonLatSchema = z.tuple([
  z.number().min(-180, "longitude must be in [-180, 180]").max(180, "longitude must be in [-180, 180]"),
  z.number().min(-90, "latitude must be in [-90, 90] (are lon and lat swapped?)").max(90, "latitude must be in [-90, 90] (are lon and lat swapped?)"),
]);

/** `"urban"` or `"rural"`. */
export const UrbanRuralSchema = z.enum(["urban", "rural"]);

const IdSchema = z.string().min(1, "an id must be a non-empty string");

/** A point travel sources route from or to ({@link TravelPoint}); extra fields are ignored. */
export const TravelPointSchema = z.object({ id: IdSchema, lonLat: LonLatSchema, urbanRural: UrbanRuralSchema.optional() });

/** A list of points with unique ids. */
export const TravelPointListSchema = z.array(TravelPointSchema).superRefine((pts, ctx) => {
  const seen = new Set<string>();
  pts.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: [i, "id"], input: p.id, message: "duplicate id" });
    seen.add(p.id);
  });
});

/** A list of modes, each once, at least one. */
export const TravelModeListSchema = z
  .array(TravelModeSchema)
  .min(1, "at least one mode is needed")
  .refine((m) => new Set(m).size === m.length, "each mode may appear once");

const speed = (v: number) => z.number().positive("a speed must be > 0 km/h").default(v);
const detour = (v: number) => z.number().min(1, "a detour factor is ≥ 1 (roads are never shorter than the straight line)").default(v);

/**
 * Options for {@link straightLineTravel}. Defaults and their sources:
 * - `walkKmh` 4.8 and `cycleKmh` 16: the speeds of the DfT Journey Time Statistics (accessibility) series.
 * - `driveUrbanKmh` 30 and `driveRuralKmh` 50: set around DfT's 25.4 mph (40.9 km/h) average
 *   weekday-morning-peak speed on local 'A' roads in England (Travel time measures, year to June 2019),
 *   lower in towns, higher on rural roads.
 * - detour (circuity) factors 1.3 driving and transit, 1.25 walking and cycling: road distance over
 *   straight-line distance is typically 1.2–1.4 (Ballou, Rahardja & Sakai 2002, Transportation Research
 *   Part A 36:843–848; Boscoe, Henry & Zdeb 2012, The Professional Geographer 64:188–196).
 * - transit (APPROXIMATE proxy, not a timetable): 12 km/h door to door plus a 10-minute wait.
 */
export const StraightLineOptionsSchema = z
  .object({
    walkKmh: speed(4.8),
    cycleKmh: speed(16),
    driveUrbanKmh: speed(30),
    driveRuralKmh: speed(50),
    transitKmh: speed(12),
    transitWaitMinutes: z.number().min(0, "must be ≥ 0").default(10),
    detour: z
      .object({ drive: detour(1.3), walk: detour(1.25), cycle: detour(1.25), transit: detour(1.3) })
      .strict()
      .prefault({}),
  })
  .strict();
export type StraightLineOptions = z.input<typeof StraightLineOptionsSchema>;
export type StraightLineSettings = z.output<typeof StraightLineOptionsSchema>;

const ModeSpeedsSchema = z
  .object({
    drive: z.number().min(0).optional(),
    walk: z.number().min(0).optional(),
    cycle: z.number().min(0).optional(),
    transit: z.number().min(0).optional(),
  })
  .strict();

/**
 * Default speeds (km/h) by OS Open Roads `roadFunction` and mode; 0 or absent = barred. Driving speeds
 * are typical free-flowing averages (DfT: 59 mph on the strategic road network, 25.4 mph on local 'A'
 * roads in the morning peak); walking 4.8 and cycling 16 as DfT Journey Time Statistics. Walkers and
 * cyclists are barred from motorways. Transit is an APPROXIMATE bus proxy (about half the car speed,
 * plus `transitWaitMinutes`).
 */
export const DEFAULT_ROAD_SPEEDS_KMH: Readonly<Record<string, Readonly<Partial<Record<"drive" | "walk" | "cycle" | "transit", number>>>>> = {
  Motorway: { drive: 96, walk: 0, cycle: 0, transit: 48 },
  "A Road": { drive: 50, walk: 4.8, cycle: 16, transit: 22 },
  "B Road": { drive: 45, walk: 4.8, cycle: 16, transit: 20 },
  "Minor Road": { drive: 35, walk: 4.8, cycle: 16, transit: 16 },
  "Local Road": { drive: 25, walk: 4.8, cycle: 16, transit: 12 },
  "Local Access Road": { drive: 20, walk: 4.8, cycle: 16, transit: 10 },
  "Restricted Local Access Road": { drive: 15, walk: 4.8, cycle: 16, transit: 0 },
  "Secondary Access Road": { drive: 15, walk: 4.8, cycle: 16, transit: 0 },
};

/**
 * Default driving speeds (km/h) by OSM `highway` class: the OSRM car profile's class speeds (Project-OSRM
 * osrm-backend `profiles/car.lua`: motorway 90, trunk 85, primary 65, secondary 55, tertiary 40,
 * unclassified and residential 25, living street 10, service 15; links as that profile's v5 values),
 * before `trafficFactor`.
 * `track` 15 applies only where `motor_vehicle`/`motorcar` opens a track (our assumption; OSRM's car
 * profile does not route tracks). A posted `maxspeed` can only lower these (see `trafficFactor`).
 */
export const OSM_DRIVE_KMH: Readonly<Record<string, number>> = {
  motorway: 90,
  motorway_link: 45,
  trunk: 85,
  trunk_link: 40,
  primary: 65,
  primary_link: 30,
  secondary: 55,
  secondary_link: 25,
  tertiary: 40,
  tertiary_link: 20,
  unclassified: 25,
  residential: 25,
  road: 25,
  living_street: 10,
  service: 15,
  track: 15,
};

/**
 * How {@link networkTravel} reads OpenStreetMap tags (`format: "osm"`). Defaults and their sources:
 * - `driveKmh`: {@link OSM_DRIVE_KMH} (OSRM car profile class speeds).
 * - `trafficFactor` 0.8: a car averages 4/5 of the lower of the class speed and the posted `maxspeed`.
 *   4/5 is OSRM's reduction of posted limits ("OSRM will use 4/5 of the projected free-flow speed",
 *   osrm-backend `features/car/maxspeed.feature`); we apply it to class speeds too because this graph has
 *   no junction, turn or signal delays (OSRM adds those separately). A posted limit can only lower a speed,
 *   so 60 mph on a single-track lane stays at the lane's class speed. Unreadable `maxspeed` strings are
 *   reported ({@link RoadNetworkReport}) and the class speed is used.
 * - `walkKmh` 4.8, `cycleKmh` 16: the DfT Journey Time Statistics speeds (as {@link straightLineTravel}).
 * - `stepsWalkKmh` 2.4 (half walking pace on steps) and `roughCycleKmh` 12 on tracks, bridleways and paths:
 *   our assumptions, not measured.
 * - `walkOnTrunk` false: walkers use a trunk road only where it has a footway (`sidewalk` both/left/right/yes,
 *   a `footway` tag, or `foot` yes/designated/permissive). Motorways are always closed to walkers and
 *   cyclists (Highway Code rule 253). Bridleways are open to cyclists (Countryside Act 1968 s.30).
 */
export const OsmProfileSchema = z
  .object({
    driveKmh: z.record(z.string(), z.number().min(0, "a speed must be ≥ 0 km/h (0 = barred)")).default(OSM_DRIVE_KMH as Record<string, number>),
    trafficFactor: z.number().positive("must be > 0").max(1.5, "must be ≤ 1.5").default(0.8),
    walkKmh: speed(4.8),
    stepsWalkKmh: speed(2.4),
    cycleKmh: speed(16),
    roughCycleKmh: speed(12),
    walkOnTrunk: z.boolean().default(false),
  })
  .strict();
export type OsmProfileOptions = z.input<typeof OsmProfileSchema>;
export type OsmProfile = z.output<typeof OsmProfileSchema>;

/** Options for {@link networkTravel}. */
export const NetworkTravelOptionsSchema = z
  .object({
    /**
     * How to read road features: `"osm"` (OpenStreetMap `highway` and related tags), `"classes"` (one class
     * property per road, looked up in `speedsKmh`, e.g. OS Open Roads `roadFunction`), or `"auto"`: classes
     * when some feature has `classProperty`, else OSM when some feature has a `highway` tag.
     */
    format: z.enum(["auto", "osm", "classes"]).default("auto"),
    /** Tag reading for `format: "osm"`. */
    osm: OsmProfileSchema.prefault({}),
    /** Feature property holding the road class (OS Open Roads: `roadFunction`, or `class`). */
    classProperty: z.string().min(1).default("roadFunction"),
    /** Speeds by class value and mode (km/h); replaces the default table when given. */
    speedsKmh: z.record(z.string(), ModeSpeedsSchema).default(DEFAULT_ROAD_SPEEDS_KMH as Record<string, Record<string, number>>),
    /** Class used for roads whose class is missing or not in `speedsKmh`; absent = such a road is an error. */
    fallbackClass: z.string().optional(),
    /** Times above this many minutes (door to door, connectors and transit wait included) are `Infinity`. */
    maxMinutes: z.number().positive("must be > 0").optional(),
    /**
     * Points further than this from every road the mode may use are not snapped: they are listed in the
     * matrix's `unreachable` (reason `not_snapped`) with their distance in `snaps`, never routed.
     */
    maxSnapMetres: z.number().min(0, "must be ≥ 0").default(2000),
    /**
     * A point whose nearest road is an isolated fragment (not the mode's main component, the one with the
     * most road) snaps to the main component instead when that is at most this much further away: a
     * centroid beside a private estate's unconnected paths is routed from the street, not stranded.
     * 0 = always the nearest road.
     */
    preferMainComponentMetres: z.number().min(0, "must be ≥ 0").default(250),
    /** Speed on the straight connector from a point to its snapped position on a road, per mode (km/h). */
    connectorKmh: z
      .object({ drive: speed(20), walk: speed(4.8), cycle: speed(12), transit: speed(4.8) })
      .strict()
      .prefault({}),
    /** Wait added to every finite transit time, minutes (approximate proxy). */
    transitWaitMinutes: z.number().min(0, "must be ≥ 0").default(10),
  })
  .strict();
export type NetworkTravelOptions = z.input<typeof NetworkTravelOptionsSchema>;
export type NetworkTravelSettings = z.output<typeof NetworkTravelOptionsSchema>;

const minutesCell = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? Number.NaN : Number(v)) : v),
  z
    .number({ error: (iss) => `minutes must be a number, received ${JSON.stringify(iss.input)}` })
    .refine((n) => !Number.isNaN(n), "minutes is NaN")
    .refine((n) => n >= 0, "minutes must be ≥ 0"),
);
const idCell = z.union([z.string().min(1, "an id must be non-empty"), z.number()]).transform(String);

/** One row of an origin-destination table: `origin_id, destination_id, mode, minutes` (strings are coerced). */
export const TravelTimeRowSchema = z.object({
  origin_id: idCell,
  destination_id: idCell,
  mode: TravelModeSchema,
  minutes: minutesCell,
});
export type TravelTimeRow = z.input<typeof TravelTimeRowSchema>;

/** Rows for {@link travelMatrixFromRows}: at least one. */
export const TravelTimeRowsSchema = z.array(TravelTimeRowSchema).min(1, "the table is empty: at least one row is needed");

/** Options for {@link travelMatrixFromRows}. */
export const TravelMatrixFromRowsOptionsSchema = z
  .object({
    /** The allowed origin ids (and their order); a row naming another is rejected. Default: ids in the rows. */
    originIds: z.array(IdSchema).optional(),
    /** The allowed destination ids (and their order). Default: ids in the rows. */
    destinationIds: z.array(IdSchema).optional(),
  })
  .strict();
export type TravelMatrixFromRowsOptions = z.input<typeof TravelMatrixFromRowsOptionsSchema>;

/**
 * A road layer: a GeoJSON FeatureCollection of LineString/MultiLineString features, at least one.
 * Coordinates are checked by a loop in {@link networkTravel} (one pass over 100k+ vertices).
 */
export const RoadLayerSchema = z.object({
  type: z.literal("FeatureCollection"),
  // Each feature is checked by a loop in networkTravel (type, geometry type, coordinates): one pass,
  // no per-feature zod objects on 100k+ roads.
  features: z.array(z.unknown()).min(1, "the road layer is empty: at least one road is needed"),
});

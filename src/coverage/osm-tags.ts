/**
 * Reading OpenStreetMap way tags as travel speeds per mode and direction (used by {@link networkTravel}
 * for OSM highway data). Each rule and default is stated in {@link OsmProfileSchema}; in short:
 *
 * - **drive**: speed = `trafficFactor` × min(class speed, posted `maxspeed`); barred on paths, footways,
 *   cycleways, bridleways, steps, pedestrian streets and (unless `motor_vehicle`/`motorcar` allows it)
 *   tracks; `oneway` (yes/1/true, -1/reverse, roundabouts and motorways one-way unless `oneway=no`);
 *   `oneway=reversible|alternating` barred (direction unknown at any time).
 * - **walk**: every road but motorways, and trunk roads without a footway (`sidewalk` both/left/right/yes,
 *   or `foot` yes/designated/permissive); steps at `stepsWalkKmh`.
 * - **cycle**: every road but motorways; footways, pedestrian streets only where `bicycle` allows; never
 *   steps; tracks, bridleways and paths at `roughCycleKmh`; one-way streets one-way unless
 *   `oneway:bicycle=no` or a contraflow `cycleway=opposite*`.
 * - Access: the mode's own tag first (`motorcar` > `motor_vehicle` > `vehicle` > `access` for driving,
 *   `bicycle` > `vehicle` > `access` for cycling, `foot` > `access` for walking); `no`, `private`,
 *   `agricultural`, `forestry`, `emergency`, `military` bar the mode.
 * - **transit** is never routed on OSM roads: use the service-level model ({@link busServiceTravel}).
 */
import type { OsmProfile } from "../schema/travel.js";

/** Speeds (km/h) for one way: forward (along its vertex order) and backward, per mode; 0 = barred. */
export interface WaySpeeds {
  readonly fwd: readonly [number, number, number, number];
  readonly bwd: readonly [number, number, number, number];
}

/** What reading a way's tags found that a user should hear about. */
export type WayVerdict =
  | { kind: "road"; speeds: WaySpeeds; unknownMaxspeed?: string }
  | { kind: "excluded"; reason: "not_a_road" | "unknown_highway"; highway: string };

/** `highway` values that are not travelled ways (OSM wiki "Key:highway": lifecycle and non-way values). */
const NOT_A_ROAD = new Set([
  "proposed", "construction", "abandoned", "disused", "razed", "no", "platform", "bus_stop", "rest_area", "services",
  "corridor", "raceway", "elevator", "emergency_bay", "escape", "bus_guideway", "via_ferrata", "turning_circle",
  "turning_loop", "traffic_signals", "crossing", "street_lamp", "stop", "give_way", "mini_roundabout", "milestone",
  "speed_camera", "passing_place", "motorway_junction", "busway",
]);
const ROAD_CLASSES = new Set([
  "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
  "tertiary", "tertiary_link", "unclassified", "residential", "living_street", "service", "road",
]);
const NON_MOTOR = new Set(["footway", "path", "cycleway", "bridleway", "steps", "pedestrian", "track"]);
const BARRED_VALUES = new Set(["no", "private", "agricultural", "forestry", "emergency", "military", "restricted"]);
const ALLOWED_VALUES = new Set(["yes", "designated", "permissive", "destination", "delivery", "customers", "official", "discouraged", "use_sidepath", "optional_sidepath", "dismount"]);
const SIDEWALK = new Set(["both", "left", "right", "yes"]);

const MPH_KMH = 1.609344;
/** UK/GB implicit limits (OSM wiki "Key:maxspeed", United Kingdom: national speed limit values). */
const ZONE_KMH: Readonly<Record<string, number>> = {
  "gb:nsl_single": 60 * MPH_KMH,
  "gb:nsl_dual": 70 * MPH_KMH,
  "gb:motorway": 70 * MPH_KMH,
  "gb:nsl_restricted": 30 * MPH_KMH,
  "uk:nsl_single": 60 * MPH_KMH,
  "uk:nsl_dual": 70 * MPH_KMH,
  "uk:motorway": 70 * MPH_KMH,
  "gb:urban": 30 * MPH_KMH,
  "uk:urban": 30 * MPH_KMH,
};
/** Values that mean "no posted number here": the class speed applies and nothing is reported. */
const NO_NUMBER = new Set(["none", "signals", "variable", "implicit", "national"]);

/**
 * Parses an OSM `maxspeed` value to km/h: a number (km/h, the OSM default unit), `"<n> mph"`,
 * `"<n> km/h"`/`kmh`/`kph`, `"<n> knots"`, a UK zone code (`GB:nsl_single` 60 mph, `GB:nsl_dual` and
 * `GB:motorway` 70 mph, `GB:nsl_restricted` 30 mph), or a `;`-list (the lowest). Returns `null` for a
 * value that posts no number (`none`, `signals`, `variable`) and `undefined` for one it cannot read.
 * @internal
 */
export function parseMaxspeedKmh(raw: string): number | null | undefined {
  const v = raw.trim().toLowerCase();
  if (v === "") return undefined;
  if (v.includes(";")) {
    const parts = v.split(";").map(parseMaxspeedKmh);
    if (parts.some((p) => p === undefined)) return undefined;
    const nums = parts.filter((p): p is number => typeof p === "number");
    return nums.length > 0 ? Math.min(...nums) : null;
  }
  if (NO_NUMBER.has(v)) return null;
  if (Object.hasOwn(ZONE_KMH, v)) return ZONE_KMH[v]!;
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph|knots)?$/.exec(v);
  if (m === null) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  const unit = m[2];
  return unit === "mph" ? n * MPH_KMH : unit === "knots" ? n * 1.852 : n;
}

function str(tags: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = tags[key];
  return typeof v === "string" ? v.trim().toLowerCase() : undefined;
}

/** First tag in `keys` that is set: true = allowed, false = barred, undefined = none set (or a value not listed). */
function access(tags: Readonly<Record<string, unknown>>, keys: readonly string[]): boolean | undefined {
  for (const k of keys) {
    const v = str(tags, k);
    if (v === undefined) continue;
    if (BARRED_VALUES.has(v)) return false;
    if (ALLOWED_VALUES.has(v)) return true;
  }
  return undefined;
}

/** Direction for vehicles: 1 forward only, −1 backward only, 0 both, null barred (reversible). */
function vehicleDirection(tags: Readonly<Record<string, unknown>>, highway: string): 1 | -1 | 0 | null {
  const ow = str(tags, "oneway");
  if (ow === "reversible" || ow === "alternating") return null;
  if (ow === "-1" || ow === "reverse") return -1;
  if (ow === "yes" || ow === "1" || ow === "true") return 1;
  if (ow === "no" || ow === "0" || ow === "false") return 0;
  const junction = str(tags, "junction");
  if (junction === "roundabout" || junction === "circular") return 1;
  if (highway === "motorway" || highway === "motorway_link") return 1;
  return 0;
}

function driveKmh(tags: Readonly<Record<string, unknown>>, highway: string, p: OsmProfile): { kmh: number; unknownMaxspeed?: string } {
  const allowed = access(tags, ["motorcar", "motor_vehicle", "vehicle", "access"]);
  if (allowed === false) return { kmh: 0 };
  const cls = Object.hasOwn(p.driveKmh, highway) ? p.driveKmh[highway]! : 0;
  // Tracks and other non-motor ways only when a motor tag opens them explicitly.
  let base = cls;
  if (NON_MOTOR.has(highway)) base = access(tags, ["motorcar", "motor_vehicle"]) === true ? (Object.hasOwn(p.driveKmh, highway) ? p.driveKmh[highway]! : (p.driveKmh.track ?? 0)) : 0;
  if (!(base > 0)) return { kmh: 0 };
  const k = p.trafficFactor;
  const raw = tags.maxspeed;
  if (typeof raw !== "string") return { kmh: k * base };
  const posted = parseMaxspeedKmh(raw);
  if (posted === undefined) return { kmh: k * base, unknownMaxspeed: raw };
  if (posted === null) return { kmh: k * base };
  return { kmh: k * Math.min(base, posted) };
}

function walkKmh(tags: Readonly<Record<string, unknown>>, highway: string, p: OsmProfile): number {
  const allowed = access(tags, ["foot", "access"]);
  if (allowed === false) return 0;
  const speed = highway === "steps" ? p.stepsWalkKmh : p.walkKmh;
  if (highway === "motorway" || highway === "motorway_link") return str(tags, "foot") === "yes" || str(tags, "foot") === "designated" ? speed : 0;
  if ((highway === "trunk" || highway === "trunk_link") && !p.walkOnTrunk) {
    const foot = str(tags, "foot");
    const hasWay = SIDEWALK.has(str(tags, "sidewalk") ?? "") || tags.footway !== undefined || foot === "yes" || foot === "designated" || foot === "permissive";
    return hasWay ? speed : 0;
  }
  return speed;
}

function cycleKmh(tags: Readonly<Record<string, unknown>>, highway: string, p: OsmProfile): number {
  const allowed = access(tags, ["bicycle", "vehicle", "access"]);
  if (allowed === false) return 0;
  if (highway === "motorway" || highway === "motorway_link" || highway === "steps") return 0;
  if (highway === "footway" || highway === "pedestrian") {
    const b = str(tags, "bicycle");
    return b === "yes" || b === "designated" || b === "permissive" ? p.cycleKmh : 0;
  }
  if (highway === "track" || highway === "bridleway" || highway === "path") return p.roughCycleKmh;
  return p.cycleKmh;
}

/**
 * Reads one OSM way's tags: speeds per mode and direction, or why it is not routed.
 * @internal
 */
export function osmWaySpeeds(tags: Readonly<Record<string, unknown>>, p: OsmProfile): WayVerdict {
  const highway = str(tags, "highway") ?? "";
  if (NOT_A_ROAD.has(highway)) return { kind: "excluded", reason: "not_a_road", highway };
  if (!ROAD_CLASSES.has(highway) && !NON_MOTOR.has(highway)) return { kind: "excluded", reason: "unknown_highway", highway };
  if (str(tags, "area") === "yes" && highway !== "pedestrian" && highway !== "footway") return { kind: "excluded", reason: "not_a_road", highway: `${highway} (area=yes)` };
  const d = driveKmh(tags, highway, p);
  const w = walkKmh(tags, highway, p);
  const c = cycleKmh(tags, highway, p);
  const dir = vehicleDirection(tags, highway);
  const drive = dir === null ? 0 : d.kmh;
  const fwdDrive = dir === -1 ? 0 : drive;
  const bwdDrive = dir === 1 ? 0 : drive;
  const bikeFree = str(tags, "oneway:bicycle") === "no" || (str(tags, "cycleway") ?? "").startsWith("opposite");
  const bikeDir = bikeFree || dir === null ? 0 : dir;
  const fwdCycle = bikeDir === -1 ? 0 : c;
  const bwdCycle = bikeDir === 1 ? 0 : c;
  const speeds: WaySpeeds = { fwd: [fwdDrive, w, fwdCycle, 0], bwd: [bwdDrive, w, bwdCycle, 0] };
  return d.unknownMaxspeed === undefined ? { kind: "road", speeds } : { kind: "road", speeds, unknownMaxspeed: d.unknownMaxspeed };
}

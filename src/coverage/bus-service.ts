/**
 * Transit times from bus service levels per zone: an ACCESSIBILITY INDEX, not a timetable router.
 *
 * For origin o in zone z(o), destination d in zone z(d), and the chosen weekday and time band:
 *
 *   f        = min(runs[z(o)], runs[z(d)]) / bandHours        departures per hour (both ends must be served)
 *   wait     = min(maxWait, 60 / (2 f))                        half the headway (random arrival), capped
 *   ride     = 60 · km(o, d) · detour / busKmh                 straight-line km × detour, at a bus speed
 *   minutes  = 2 · accessWalk + wait + ride + [km > transferAboveKm] · transferMinutes
 *
 * A zone with no trips in the band, or absent from the table, has no transit: its pairs are `Infinity`
 * and the point is listed in `unserved` with the reason, never given a time.
 *
 * What it is not: it knows how many buses call in a zone, not where they go, so it cannot tell whether a
 * bus from o reaches d, when the last one leaves, or how long a change waits. A GTFS-based router (e.g.
 * RAPTOR over Bus Open Data Service timetables, as in r5 or OpenTripPlanner) would add the real routes
 * and stop times, walking to the actual stops, scheduled connections and transfer waits, and departure
 * times (a 07:00 call versus a 13:00 one), at the cost of a timetable feed and a much heavier engine.
 */
import { invalid, parseInput } from "../errors.js";
import { haversineMetresXY } from "../internal/geo.js";
import { BusServiceOptionsSchema, BusServiceRowsSchema, type BusServiceOptions } from "../schema/transit.js";
import type { Id, TravelMatrix, TravelMode, SyncTravelTimeSource, TravelPoint } from "../domain/index.js";
import { parseMatrixRequest } from "./parse-points.js";

/** A point that gets no transit time, and why. */
export interface UnservedPoint {
  readonly id: Id;
  /** The zone code looked up for it. */
  readonly zone: string;
  readonly role: "origin" | "destination";
  /** `not_in_table`: the zone has no row (no stop, or a code from another edition); `no_service`: no trips in the band. */
  readonly reason: "not_in_table" | "no_service";
}

/** Transit minutes by the service-level model, with the points it could not serve. */
export interface BusTravelMatrix extends TravelMatrix {
  readonly unserved: readonly UnservedPoint[];
  /** Pairs above `maxMinutes` (left `Infinity`). */
  readonly beyondMaxMinutes: number;
}

/** A {@link TravelTimeSource} for `transit` only, from a bus service table. */
export interface BusServiceSource extends SyncTravelTimeSource {
  /** Trips in the chosen day and band, by zone code. */
  readonly tripsByZone: ReadonlyMap<string, number>;
  /** The column read (`runs_<day>_<band>`). */
  readonly column: string;
  matrix(origins: readonly TravelPoint[], destinations: readonly TravelPoint[], modes: readonly TravelMode[]): BusTravelMatrix;
}

/**
 * Builds a transit travel-time source from a bus service-level table (one row per zone with trips per
 * weekday and time band, e.g. ITS Leeds' trips per LSOA, shipped in `realdata/` as an example). Points are
 * matched to zones by their id (areas whose id is the zone code) or by `options.zoneOf` (providers, and
 * 2011 LSOA codes that changed in 2021: the shipped table is keyed by `LSOA21CD`).
 *
 * @param service - rows, each with `codeColumn` and the `runs_<day>_<band>` column (numbers or numeric strings).
 * @param options - day, band, band hours, `zoneOf`, walking, wait cap, bus speed, detour, transfer rule,
 *   `maxMinutes`; see {@link BusServiceOptionsSchema} for defaults and their sources.
 * @returns a source whose `matrix(origins, destinations, ["transit"])` gives minutes by the formula above
 *   and lists `unserved` points.
 * @throws {LotwiseError} `invalid_input` for an empty table, a row without a code, a missing or non-numeric
 *   (negative, NaN) trips cell, a duplicate code, bad options, or a mode other than `transit`.
 * @example
 * ```ts
 * import { busServiceTravel } from "lotwise";
 * const bus = busServiceTravel([{ LSOA21CD: "A", "runs_Tue_Midday": 12 }, { LSOA21CD: "B", "runs_Tue_Midday": 24 }]);
 * const m = bus.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "B", lonLat: [0, 0.045] }], ["transit"]);
 * m.minutes.transit![0]; // ≈ 44.5: 5 + 5 walking, 15 wait (12 trips in 6 h), 5.0 km × 1.3 at 20 km/h = 19.5, no change
 * ```
 */
export function busServiceTravel(service: unknown, options: BusServiceOptions = {}): BusServiceSource {
  const o = parseInput(BusServiceOptionsSchema, options, "options");
  const rows = parseInput(BusServiceRowsSchema, service, "service");
  const column = `runs_${o.day}_${o.band}`;
  const trips = new Map<string, number>();
  rows.forEach((row, i) => {
    const code = row[o.codeColumn];
    if (typeof code !== "string" || code.trim() === "") invalid(["service", i, o.codeColumn], code, `each row needs a zone code in "${o.codeColumn}"`);
    if (!(column in row)) invalid(["service", i, column], undefined, `no "${column}" column (columns: ${Object.keys(row).slice(0, 12).join(", ")}${Object.keys(row).length > 12 ? ", ..." : ""})`);
    const raw = row[column];
    const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n) || n < 0) invalid(["service", i, column], raw, "trips must be a finite number ≥ 0");
    if (trips.has(code)) invalid(["service", i, o.codeColumn], code, "duplicate zone code", "duplicate_id");
    trips.set(code, n);
  });
  const perHour = (trips: number) => trips / o.bandHours[o.band];
  const limit = o.maxMinutes ?? Infinity;
  const kRide = (60 * o.detour) / o.busKmh;
  return {
    tripsByZone: trips,
    column,
    matrix(origins, destinations, modes) {
      const { os, ds, ms } = parseMatrixRequest(origins, destinations, modes);
      if (ms.some((m) => m !== "transit")) invalid(["modes"], ms, "busServiceTravel gives transit times only; take the other modes from another source (e.g. networkTravel) and combine with combineTravel");
      const unserved: UnservedPoint[] = [];
      const freq = (pts: TravelPoint[], role: UnservedPoint["role"]) =>
        pts.map((p) => {
          const zone = Object.hasOwn(o.zoneOf, p.id) ? o.zoneOf[p.id]! : p.id; // ids such as "constructor" are not keys of every object
          const t = trips.get(zone);
          if (t === undefined || t === 0) unserved.push({ id: p.id, zone, role, reason: t === undefined ? "not_in_table" : "no_service" });
          return t === undefined ? 0 : perHour(t);
        });
      const fo = freq(os, "origin"), fd = freq(ds, "destination");
      const out = new Float64Array(os.length * ds.length).fill(Infinity);
      let beyond = 0;
      for (let i = 0; i < os.length; i++) {
        if (fo[i] === 0) continue;
        const [ox, oy] = os[i]!.lonLat;
        for (let j = 0; j < ds.length; j++) {
          const f = Math.min(fo[i]!, fd[j]!);
          if (f === 0) continue;
          const km = haversineMetresXY(ox, oy, ds[j]!.lonLat[0], ds[j]!.lonLat[1]) / 1000;
          const wait = Math.min(o.maxWaitMinutes, 30 / f);
          const t = 2 * o.accessWalkMinutes + wait + km * kRide + (km > o.transferAboveKm ? o.transferMinutes : 0);
          if (t <= limit) out[i * ds.length + j] = t;
          else beyond++;
        }
      }
      return { originIds: os.map((p) => p.id), destinationIds: ds.map((p) => p.id), modes: ["transit"], minutes: { transit: out }, unserved, beyondMaxMinutes: beyond };
    },
  };
}

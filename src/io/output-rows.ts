// Browser-safe mappers from lotwise results to CSV-ready rows (snake_case columns, lists space-separated,
// sorted by id): the tables writeStudy, the CLI and the examples write. The inverse mappers (rows →
// inputs) are in rows.ts; every column these write that an input reads has the input's name.
import type { Boundaries } from "../boundaries/types.js";
import type { LotCoverageRow } from "../coverage/lot-coverage.js";
import type { DemandHours, Id, LotPlan, Provider } from "../domain/index.js";
import { invalid } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { LotEvaluation } from "../lots/evaluate-lots.js";
import type { OutputRow } from "./rows.js";

const sortedIds = (ids: Iterable<Id>): Id[] => [...ids].sort(compareIds);

/**
 * Weekly demand per area as rows `area_id, hours` (the columns {@link demandFromRows} reads), plus any
 * boundary properties asked for, in area id order.
 *
 * @param demand - hours per area id.
 * @param options - `boundaries` and `properties`: feature properties to add as columns (blank where an
 *   area has none or is not in the boundaries).
 * @returns one row per area of `demand`, sorted by id.
 * @throws {LotwiseError} `invalid_input` when `properties` is given without `boundaries`.
 * @example
 * ```ts
 * import { demandToRows } from "lotwise";
 * demandToRows({ B: 2, A: 3 }); // [{ area_id: "A", hours: 3 }, { area_id: "B", hours: 2 }]
 * ```
 */
export function demandToRows(demand: DemandHours, options: { readonly boundaries?: Boundaries; readonly properties?: readonly string[] } = {}): OutputRow[] {
  const props = options.properties ?? [];
  const b = options.boundaries;
  if (props.length > 0 && b === undefined) invalid(["options", "properties"], props, "give options.boundaries to read the properties from");
  return sortedIds(Object.keys(demand)).map((id) => {
    const row: OutputRow = { area_id: id, hours: demand[id]! };
    const i = b?.indexById.get(id);
    for (const p of props) {
      const v = i === undefined ? undefined : b!.features[i]!.properties[p];
      row[p] = typeof v === "string" || typeof v === "number" ? v : v === undefined || v === null ? null : String(v);
    }
    return row;
  });
}

/**
 * Lot membership as rows `area_id, lot_id, parent` (the columns {@link planFromRows} reads: the
 * `lot-areas.csv` table), sorted by area id.
 *
 * @param plan - any lot plan.
 * @returns one row per area of the plan.
 * @example
 * ```ts
 * import { planToRows } from "lotwise";
 * planToRows({ lots: [{ id: "L1", areaIds: ["B", "A"], parent: "P" }] });
 * // [{ area_id: "A", lot_id: "L1", parent: "P" }, { area_id: "B", lot_id: "L1", parent: "P" }]
 * ```
 */
export function planToRows(plan: LotPlan): OutputRow[] {
  return plan.lots
    .flatMap((l) => l.areaIds.map((a) => ({ area_id: a, lot_id: l.id, parent: l.parent ?? "" })))
    .sort((x, y) => compareIds(x.area_id, y.area_id));
}

/**
 * One row per lot: `lot_id, parent, areas, hours` and, with an evaluation, its metrics
 * (`population, area_km2, urban_share, mean_distance_km, max_distance_km, compactness, polsby_popper,
 * pieces`), sorted by lot id.
 *
 * @param plan - a lot plan; `hours` is read from designed lots, else summed from `options.demand`.
 * @param options - `evaluation` from `evaluateLots` (its metrics become columns); `demand` for plans
 *   without hours.
 * @returns the rows.
 * @throws {LotwiseError} `invalid_input` when a lot has no hours and no demand is given.
 * @example
 * ```ts
 * import { lotsToRows } from "lotwise";
 * lotsToRows({ lots: [{ id: "L1", areaIds: ["A", "B"] }] }, { demand: { A: 3, B: 2 } });
 * // [{ lot_id: "L1", parent: "", areas: 2, hours: 5 }]
 * ```
 */
export function lotsToRows(plan: LotPlan, options: { readonly evaluation?: LotEvaluation; readonly demand?: DemandHours } = {}): OutputRow[] {
  const metrics = new Map((options.evaluation?.lots ?? []).map((m) => [m.id, m]));
  return [...plan.lots]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((l, i) => {
      const given = (l as { hours?: unknown }).hours;
      let hours: number;
      if (typeof given === "number") hours = given;
      else if (options.demand !== undefined) hours = l.areaIds.reduce((s, a) => s + (options.demand![a] ?? 0), 0);
      else return invalid(["plan", "lots", i, "hours"], given, "a lot without hours needs options.demand");
      const row: OutputRow = { lot_id: l.id, parent: l.parent ?? "", areas: l.areaIds.length, hours };
      const m = metrics.get(l.id);
      if (options.evaluation !== undefined) {
        row.population = m?.population ?? null;
        row.area_km2 = m?.areaKm2 ?? null;
        row.urban_share = m?.urbanShare ?? null;
        row.mean_distance_km = m?.meanDistanceKm ?? null;
        row.max_distance_km = m?.maxDistanceKm ?? null;
        row.compactness = m?.compactness ?? null;
        row.polsby_popper = m?.polsbyPopper ?? null;
        row.pieces = m?.pieces ?? null;
      }
      return row;
    });
}

/**
 * Providers as rows with the columns {@link providersFromRows} reads (`provider_id, lon, lat,
 * capacity_hours, rate_per_hour, drive, walk, cycle, transit`), after `name` and `postcode` (blank when
 * absent), sorted by id.
 *
 * @param providers - providers as the library returns them.
 * @returns one row per provider.
 * @example
 * ```ts
 * import { providersToRows } from "lotwise";
 * providersToRows([{ id: "P1", lonLat: [-1.1, 52.6], capacityHours: 400, ratePerHour: 21,
 *   staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }])[0].capacity_hours; // 400
 * ```
 */
export function providersToRows(providers: readonly Provider[]): OutputRow[] {
  return [...providers]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((p) => ({
      provider_id: p.id,
      name: p.name ?? "",
      postcode: p.postcode ?? "",
      lon: p.lonLat[0],
      lat: p.lonLat[1],
      capacity_hours: p.capacityHours,
      rate_per_hour: p.ratePerHour,
      drive: p.staffMix.drive,
      walk: p.staffMix.walk,
      cycle: p.staffMix.cycle,
      transit: p.staffMix.transit,
    }));
}

/** The columns of {@link lotCoverageToRows}, in order. */
export const LOT_COVERAGE_COLUMNS: readonly string[] = ["provider_id", "lot_id", "share", "non_driving_share", "drive", "walk", "cycle", "transit"];

/**
 * Lot coverage (from `lotCoverage`) as rows `provider_id, lot_id, share, non_driving_share` and the
 * share per mode (blank for a mode not assessed), in the order given (provider, then lot).
 *
 * @param reach - rows from `lotCoverage`.
 * @returns one row per provider × lot pair.
 * @example
 * ```ts
 * import { lotCoverageToRows } from "lotwise";
 * lotCoverageToRows([{ providerId: "P1", lotId: "L1", share: 0.85, nonDrivingShare: 0.25, byMode: { drive: 1, walk: 0.25 }, lotDemandHours: 40 }]);
 * // [{ provider_id: "P1", lot_id: "L1", share: 0.85, non_driving_share: 0.25, drive: 1, walk: 0.25, cycle: null, transit: null }]
 * ```
 */
export function lotCoverageToRows(reach: readonly LotCoverageRow[]): OutputRow[] {
  return reach.map((r) => ({
    provider_id: r.providerId,
    lot_id: r.lotId,
    share: r.share,
    non_driving_share: r.nonDrivingShare,
    drive: r.byMode.drive ?? null,
    walk: r.byMode.walk ?? null,
    cycle: r.byMode.cycle ?? null,
    transit: r.byMode.transit ?? null,
  }));
}

// Browser-safe mappers between CSV-shaped records and lotwise inputs/outputs. Rows are validated by
// the schemas in schema/rows.ts (readCsv does that in Node; d3.csvParse + parse in a browser).
import { invalid } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { DemandHours, LotPlan } from "../lots/types.js";
import type { Provider } from "../coverage/types.js";
import type { DemandRow, LotAreaRow, ProviderRow } from "../schema/rows.js";
import type { Id } from "../types.js";

/**
 * Demand rows (`area_id,hours`) to {@link DemandHours}.
 *
 * @param rows - validated rows.
 * @returns hours per area id.
 * @throws {LotwiseError} `duplicate_id` when an area appears twice (row numbers as in a spreadsheet).
 * @example
 * ```ts
 * import { demandFromRows } from "lotwise";
 * demandFromRows([{ area_id: "A", hours: 3 }]); // { A: 3 }
 * ```
 */
export function demandFromRows(rows: readonly DemandRow[]): DemandHours {
  const out: Record<Id, number> = {};
  rows.forEach((r, i) => {
    if (r.area_id in out) invalid(["rows", i + 2, "area_id"], r.area_id, "the area appears twice", "duplicate_id");
    out[r.area_id] = r.hours;
  });
  return out;
}

/**
 * Lot membership rows (`area_id,lot_id[,parent]`) to a {@link LotPlan}, lots and areas sorted by id.
 *
 * @param rows - validated rows.
 * @returns the plan.
 * @throws {LotwiseError} `duplicate_id` when an area is listed twice.
 * @example
 * ```ts
 * import { planFromRows } from "lotwise";
 * planFromRows([{ area_id: "B", lot_id: "L1" }, { area_id: "A", lot_id: "L1" }]); // { lots: [{ id: "L1", areaIds: ["A", "B"] }] }
 * ```
 */
export function planFromRows(rows: readonly LotAreaRow[]): LotPlan {
  const seen = new Set<Id>();
  const lots = new Map<Id, { areaIds: Id[]; parent?: string }>();
  rows.forEach((r, i) => {
    if (seen.has(r.area_id)) invalid(["rows", i + 2, "area_id"], r.area_id, "the area is listed twice (an area is in one lot)", "duplicate_id");
    seen.add(r.area_id);
    const lot = lots.get(r.lot_id) ?? lots.set(r.lot_id, { areaIds: [] }).get(r.lot_id)!;
    lot.areaIds.push(r.area_id);
    if (r.parent !== undefined && r.parent !== "") lot.parent = r.parent;
  });
  return {
    lots: [...lots.entries()]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([id, l]) => ({ id, areaIds: l.areaIds.sort(compareIds), ...(l.parent === undefined ? {} : { parent: l.parent }) })),
  };
}

/**
 * Provider rows to {@link Provider}s, sorted by id. Blank mode shares count as 0; a row with every
 * share blank is all driving. Shares must then sum to 1 (checked by the engines).
 *
 * @param rows - validated rows.
 * @returns providers.
 * @throws {LotwiseError} `duplicate_id` for a repeated provider id.
 * @example
 * ```ts
 * import { providersFromRows } from "lotwise";
 * providersFromRows([{ provider_id: "P1", lon: -1.1, lat: 52.6, capacity_hours: 400, rate_per_hour: 21 }])[0].staffMix;
 * // { drive: 1, walk: 0, cycle: 0, transit: 0 }
 * ```
 */
export function providersFromRows(rows: readonly ProviderRow[]): Provider[] {
  const seen = new Set<Id>();
  const out = rows.map((r, i) => {
    if (seen.has(r.provider_id)) invalid(["rows", i + 2, "provider_id"], r.provider_id, "duplicate provider id", "duplicate_id");
    seen.add(r.provider_id);
    const blank = r.drive === undefined && r.walk === undefined && r.cycle === undefined && r.transit === undefined;
    return {
      id: r.provider_id,
      lonLat: [r.lon, r.lat] as [number, number],
      capacityHours: r.capacity_hours,
      ratePerHour: r.rate_per_hour,
      staffMix: blank ? { drive: 1, walk: 0, cycle: 0, transit: 0 } : { drive: r.drive ?? 0, walk: r.walk ?? 0, cycle: r.cycle ?? 0, transit: r.transit ?? 0 },
    };
  });
  return out.sort((a, b) => compareIds(a.id, b.id));
}

// Browser-safe mappers between CSV-shaped records and lotwise inputs/outputs. Rows are validated by
// the schemas in schema/rows.ts (readCsv does that in Node; d3.csvParse + parse in a browser).
import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { DemandHours, LotPlan, Provider, Id } from "../domain/index.js";
import { z } from "zod";
import { DemandRowSchema, LotAreaRowSchema, ProviderRowSchema, type DemandRow, type LotAreaRow, type ProviderRow } from "../schema/rows.js";
import type { AllocationResult, WithdrawalSweepEntry } from "../allocate/types.js";

/**
 * Demand rows (`area_id,hours`) to {@link DemandHours}.
 *
 * @param input - rows (from `readCsv`, or strings as a browser CSV parser gives them); validated here.
 * @returns hours per area id.
 * @throws {LotwiseError} `invalid_input` for a bad row; `duplicate_id` when an area appears twice (row numbers as in a spreadsheet).
 * @example
 * ```ts
 * import { demandFromRows } from "lotwise";
 * demandFromRows([{ area_id: "A", hours: 3 }]); // { A: 3 }
 * ```
 */
export function demandFromRows(input: readonly DemandRow[]): DemandHours {
  const rows = parseInput(z.array(DemandRowSchema), input, "rows");
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
 * @param input - rows; validated here.
 * @returns the plan.
 * @throws {LotwiseError} `invalid_input` for a bad row; `duplicate_id` when an area is listed twice.
 * @example
 * ```ts
 * import { planFromRows } from "lotwise";
 * planFromRows([{ area_id: "B", lot_id: "L1" }, { area_id: "A", lot_id: "L1" }]); // { lots: [{ id: "L1", areaIds: ["A", "B"] }] }
 * ```
 */
export function planFromRows(input: readonly LotAreaRow[]): LotPlan {
  const rows = parseInput(z.array(LotAreaRowSchema), input, "rows");
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
 * @param input - rows; validated here.
 * @returns providers.
 * @throws {LotwiseError} `invalid_input` for a bad row; `duplicate_id` for a repeated provider id.
 * @example
 * ```ts
 * import { providersFromRows } from "lotwise";
 * providersFromRows([{ provider_id: "P1", lon: -1.1, lat: 52.6, capacity_hours: 400, rate_per_hour: 21 }])[0].staffMix;
 * // { drive: 1, walk: 0, cycle: 0, transit: 0 }
 * ```
 */
export function providersFromRows(input: readonly ProviderRow[]): Provider[] {
  const rows = parseInput(z.array(ProviderRowSchema), input, "rows");
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

/** A flat record for CSV output: string, number or null cells. */
export type OutputRow = Record<string, string | number | null>;

/** The three CSV tables of an allocation (see {@link allocationToRows}). */
export interface AllocationRows {
  /** One row per lot: lead, supplementary, contingency, delivered and unmet hours, cost. */
  lots: OutputRow[];
  /** One row per provider: capacity, hours, reserve, utilisation, lots led and covered, cost. */
  providers: OutputRow[];
  /** One row per lot × provider × role (`lead`, `supplementary`, `contingency`) with its hours. */
  hours: OutputRow[];
}

/**
 * An allocation result as CSV-ready rows (snake_case columns, lists space-separated, sorted by id as the
 * result is). The demo and the `lotwise allocate` command write these as allocation-*.csv.
 *
 * @param result - an {@link AllocationResult} from `allocate`.
 * @returns `{ lots, providers, hours }` row arrays.
 * @example
 * ```ts
 * import { allocate, allocationToRows } from "lotwise";
 * const plan = await allocate({ lots: [{ id: "L1", urbanHours: 100, ruralHours: 0 }],
 *   providers: [{ id: "A", capacityHours: 200, ratePerHour: 20 }, { id: "B", capacityHours: 200, ratePerHour: 22 }],
 *   eligibility: [{ lotId: "L1", providerId: "A", share: 1 }, { lotId: "L1", providerId: "B", share: 1 }] });
 * allocationToRows(plan).hours.map((r) => r.role); // ["lead", "supplementary", "contingency"]
 * ```
 */
export function allocationToRows(result: AllocationResult): AllocationRows {
  const lots = result.lots.map((l) => ({
    lot_id: l.lotId,
    demand_hours: l.demandHours,
    lead: l.lead,
    lead_hours: l.leadHours,
    supplementary: l.supplementary.map((s) => s.providerId).join(" "),
    supplementary_hours: l.supplementary.reduce((s, x) => s + x.hours, 0),
    contingency: l.contingency,
    contingency_reserve_hours: l.contingencyReserveHours,
    delivered_hours: l.deliveredHours,
    unmet_hours: l.unmetHours,
    unmet_reason: l.unmetReason,
    weekly_cost: l.weeklyCost,
  }));
  const providers = result.providers.map((p) => ({
    provider_id: p.providerId,
    capacity_hours: p.capacityHours,
    hours: p.hours,
    reserved_hours: p.reservedHours,
    utilisation: p.utilisation,
    lead_lots: p.leadLots.join(" "),
    contingency_lots: p.contingencyLots.join(" "),
    weekly_cost: p.weeklyCost,
  }));
  const hours = result.lots.flatMap((l) => [
    ...(l.lead === null ? [] : [{ lot_id: l.lotId, provider_id: l.lead, role: "lead", hours: l.leadHours }]),
    ...l.supplementary.map((s) => ({ lot_id: l.lotId, provider_id: s.providerId, role: "supplementary", hours: s.hours })),
    ...(l.contingency === null ? [] : [{ lot_id: l.lotId, provider_id: l.contingency, role: "contingency", hours: l.contingencyReserveHours }]),
  ]);
  return { lots, providers, hours };
}

/**
 * An N-1 withdrawal sweep as CSV-ready rows, in the sweep's order (most unmet hours first).
 *
 * @param sweep - entries from `withdrawalSweep`.
 * @returns one row per withdrawn provider.
 * @example
 * ```ts
 * import { withdrawalToRows } from "lotwise";
 * withdrawalToRows([{ providerId: "A", status: "optimal", lostHours: 10, addedUnmetHours: 0, weeklyCostChange: 5, lotsAffected: ["L1"] }]);
 * // [{ provider_id: "A", status: "optimal", lost_hours: 10, added_unmet_hours: 0, weekly_cost_change: 5, lots_affected: "L1" }]
 * ```
 */
export function withdrawalToRows(
  sweep: readonly Pick<WithdrawalSweepEntry, "providerId" | "status" | "lostHours" | "addedUnmetHours" | "weeklyCostChange" | "lotsAffected">[],
): OutputRow[] {
  return sweep.map((w) => ({
    provider_id: w.providerId,
    status: w.status,
    lost_hours: w.lostHours,
    added_unmet_hours: w.addedUnmetHours,
    weekly_cost_change: w.weeklyCostChange,
    lots_affected: w.lotsAffected.join(" "),
  }));
}

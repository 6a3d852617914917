// Browser-safe mappers between CSV-shaped records and lotwise inputs/outputs. Rows are validated by
// the schemas in schema/rows.ts (readCsv does that in Node; d3.csvParse + parse in a browser).
import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { DemandHours, Id, Lot, LotPlan, Provider } from "../domain/index.js";
import { z } from "zod";
import { DemandRowSchema, PlanRowSchema, ProviderRowSchema, type DemandRow, type PlanRow, type ProviderRow } from "../schema/rows.js";
import type { AllocationResult, WithdrawalLotImpact, WithdrawalResult, WithdrawalSweepEntry } from "../allocate/types.js";

/** `rows[i] (spreadsheet row i + 2)`: the header is row 1, so the first record is row 2 (as readCsv counts). */
const rowRef = (i: number): string => `rows[${i}] (spreadsheet row ${i + 2})`;

/**
 * Demand rows (`area_id,hours`) to {@link DemandHours}.
 *
 * @param input - rows (from `readCsv`, or strings as a browser CSV parser gives them); validated here.
 * @returns hours per area id.
 * @throws {LotwiseError} `invalid_input` for a bad row; `duplicate_id` when an area appears twice (the message names both rows, with their spreadsheet row numbers).
 * @example
 * ```ts
 * import { demandFromRows } from "lotwise";
 * demandFromRows([{ area_id: "A", hours: 3 }]); // { A: 3 }
 * ```
 */
export function demandFromRows(input: readonly DemandRow[]): DemandHours {
  const rows = parseInput(z.array(DemandRowSchema), input, "rows");
  const out: Record<Id, number> = {};
  const firstRow = new Map<Id, number>();
  rows.forEach((r, i) => {
    const before = firstRow.get(r.area_id);
    if (before !== undefined) invalid(["rows", i, "area_id"], r.area_id, `the area appears twice: ${rowRef(before)} and ${rowRef(i)}`, "duplicate_id");
    firstRow.set(r.area_id, i);
    out[r.area_id] = r.hours;
  });
  return out;
}

/**
 * Lot membership rows (`area_id,lot_id[,parent]`, the columns of lot-areas.csv) to a {@link LotPlan}: one lot
 * per `lot_id`, lots and their areas sorted by id. The one plan parser: for a council's current plan,
 * lotwise's own lot-areas.csv, or rows a browser CSV parser gave (ids may be numbers; they become text).
 *
 * @param input - one row per area; validated here. A blank `parent` is no parent.
 * @returns the plan; a lot's `parent` is set when its rows give one.
 * @throws {LotwiseError} `invalid_input` for a bad row, no rows, or a lot whose rows give different
 *   parents; `duplicate_id` for an area listed twice. Issue paths index the array (`rows[1]`); messages
 *   add the spreadsheet row (header = row 1), e.g. `rows[0] (spreadsheet row 2) puts it in lot L1`.
 * @example
 * ```ts
 * import { planFromRows } from "lotwise";
 * planFromRows([{ area_id: "B", lot_id: "L1" }, { area_id: "A", lot_id: "L1" }, { area_id: "C", lot_id: 2, parent: "E38000051" }]);
 * // { lots: [{ id: "2", areaIds: ["C"], parent: "E38000051" }, { id: "L1", areaIds: ["A", "B"] }] }
 * ```
 */
export function planFromRows(input: readonly PlanRow[]): LotPlan {
  const rows = parseInput(z.array(PlanRowSchema).min(1, "at least one row is needed"), input, "rows");
  const rowOf = new Map<Id, number>();
  const lots = new Map<Id, { areaIds: Id[]; parent?: string; parentRow?: number }>();
  rows.forEach((r, i) => {
    const before = rowOf.get(r.area_id);
    if (before !== undefined) {
      invalid(["rows", i, "area_id"], r.area_id, `the area is listed twice (an area is in one lot): ${rowRef(before)} puts it in lot ${rows[before]!.lot_id}, ${rowRef(i)} in lot ${r.lot_id}`, "duplicate_id");
    }
    rowOf.set(r.area_id, i);
    const lot = lots.get(r.lot_id) ?? lots.set(r.lot_id, { areaIds: [] }).get(r.lot_id)!;
    lot.areaIds.push(r.area_id);
    if (r.parent !== undefined && r.parent !== "") {
      if (lot.parent !== undefined && lot.parent !== r.parent) {
        invalid(["rows", i, "parent"], r.parent, `lot ${r.lot_id} has parent ${lot.parent} in ${rowRef(lot.parentRow!)}; a lot nests in one parent`);
      }
      lot.parent = r.parent;
      lot.parentRow = i;
    }
  });
  return {
    lots: [...lots.entries()]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([id, l]): Lot => {
        const areaIds = l.areaIds.sort(compareIds);
        return l.parent === undefined ? { id, areaIds } : { id, areaIds, parent: l.parent };
      }),
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
  const firstRow = new Map<Id, number>();
  const out = rows.map((r, i) => {
    const before = firstRow.get(r.provider_id);
    if (before !== undefined) invalid(["rows", i, "provider_id"], r.provider_id, `duplicate provider id: ${rowRef(before)} and ${rowRef(i)}`, "duplicate_id");
    firstRow.set(r.provider_id, i);
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
 * Withdrawal scenarios (from `withdrawalSweep(...).scenarios`) as CSV-ready rows, in the sweep's order
 * (worst first). Hours are weekly; `cost_of_delivered_hours_change` is the like-for-like change in the
 * weekly cost of the hours still delivered (hours no longer delivered are in `added_unmet_hours`, never a
 * saving), and `added_unmet_hours_at_penalty` weighs those hours at the plan's penalty, apart from any cost.
 *
 * @param scenarios - entries of a {@link WithdrawalSweepResult}.
 * @returns one row per scenario.
 * @throws {LotwiseError} `invalid_input` when `scenarios` is not an array of sweep entries.
 * @example
 * ```ts
 * import { allocate, generateAllocationInstance, withdrawalSweep, withdrawalToRows } from "lotwise";
 * const { input } = generateAllocationInstance({ lots: 4, providers: 6, candidatesPerLot: 4, seed: 2 });
 * const rows = withdrawalToRows((await withdrawalSweep(await allocate(input))).scenarios);
 * Object.keys(rows[0]); // ["scenario", "withdrawn", "status", "lost_hours", "replaced_lead_hours", ...]
 * ```
 */
export function withdrawalToRows(scenarios: readonly WithdrawalSweepEntry[]): OutputRow[] {
  if (!Array.isArray(scenarios)) invalid(["scenarios"], scenarios, "expected the scenarios of a withdrawal sweep (an array)");
  return scenarios.map((w: WithdrawalSweepEntry, i) => {
    const ok = typeof w === "object" && w !== null && typeof w.scenario === "string" && Array.isArray(w.withdrawn);
    if (!ok) invalid(["scenarios", i], w, "expected a withdrawal sweep entry");
    return {
      scenario: w.scenario,
      withdrawn: w.withdrawn.join(" "),
      status: w.status,
      lost_hours: w.lostHours,
      replaced_lead_hours: w.replacedHours.lead,
      replaced_supplementary_hours: w.replacedHours.supplementary,
      last_resort_hours: w.lastResortHours,
      unmet_hours_after: w.unmetHoursAfter,
      added_unmet_hours: w.addedUnmetHours,
      added_unmet_hours_at_penalty: w.addedUnmetPenaltyWeekly,
      cost_of_delivered_hours_change: w.deliveredCostChange,
      reserves_drawn_hours: w.reservesDrawnHours,
      lots_affected: w.lotsAffected.join(" "),
      lots_changed_lead: w.lotsChangedLead.join(" "),
      lots_without_contingency: w.lotsWithoutContingency.join(" "),
      lots_vacant: w.lotsVacant.join(" "),
      unmet_lots: w.unmetLots.map((u) => `${u.lotId}:${u.reason ?? ""}`).join(" "),
    };
  });
}

/**
 * One withdrawal's re-let lots as CSV-ready rows (sorted by lot id): lead and contingency before and
 * after, hours lost, re-placed by role, released by staying providers, from last resort, reserve drawn,
 * unmet hours with the reason, and the cost of delivered hours before, after and like for like.
 *
 * @param result - a {@link WithdrawalResult} from `simulateWithdrawal`.
 * @returns one row per re-let lot.
 * @throws {LotwiseError} `invalid_input` when `result` is not a withdrawal result.
 * @example
 * ```ts
 * import { allocate, generateAllocationInstance, simulateWithdrawal, withdrawalLotsToRows } from "lotwise";
 * const { input } = generateAllocationInstance({ lots: 4, providers: 6, candidatesPerLot: 4, seed: 2 });
 * const plan = await allocate(input);
 * withdrawalLotsToRows(await simulateWithdrawal(plan, [plan.lots[0].lead!]))[0].lead_before; // the lead that left
 * ```
 */
export function withdrawalLotsToRows(result: WithdrawalResult): OutputRow[] {
  const ok = typeof result === "object" && result !== null && Array.isArray(result.lots);
  if (!ok) invalid(["result"], result, "expected the result of simulateWithdrawal");
  return result.lots.map((l: WithdrawalLotImpact) => ({
    lot_id: l.lotId,
    replanned: l.replanned,
    demand_hours: l.demandHours,
    lost_hours: l.lostHours,
    lead_before: l.leadBefore,
    lead_after: l.leadAfter,
    contingency_before: l.contingencyBefore,
    contingency_after: l.contingencyAfter,
    replaced_lead_hours: l.replacedHours.lead,
    replaced_supplementary_hours: l.replacedHours.supplementary,
    last_resort_hours: l.lastResortHours,
    released_hours: l.releasedHours,
    reserve_drawn_hours: l.reserveDrawnHours,
    unmet_hours: l.unmetHours,
    added_unmet_hours: l.addedUnmetHours,
    unmet_reason: l.unmetReason,
    cost_of_delivered_hours_before: l.deliveredCostBefore,
    cost_of_delivered_hours_after: l.deliveredCostAfter,
    cost_of_delivered_hours_change: l.deliveredCostChange,
    hours_after: l.providers
      .filter((p) => p.hoursAfter > 0)
      .map((p) => `${p.providerId}:${p.hoursAfter}`)
      .join(" "),
  }));
}

import { invalid, parseInput } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import { LotPlanRowsSchema, type LotPlanRow } from "../schema/lots.js";
import type { Id, Lot, LotPlan } from "../domain/index.js";

/**
 * Builds a {@link LotPlan} from rows of area → lot (e.g. a council's current plan read with
 * `readCsv` from `lotwise/node`). Lots and their areas come out sorted by id.
 *
 * @param rows - `{ areaId, lotId, parent? }` per area; ids may be numbers (they are turned into strings).
 * @returns the plan; a lot's `parent` is set when its rows give one.
 * @throws {LotwiseError} `invalid_input` for a bad row or a lot whose rows give different parents;
 *   `duplicate_id` for an area listed twice (naming both rows).
 * @example
 * ```ts
 * import { lotPlanFromRows } from "lotwise";
 * lotPlanFromRows([{ areaId: "A", lotId: "L2" }, { areaId: "B", lotId: "L1" }, { areaId: "C", lotId: "L1" }]);
 * // { lots: [{ id: "L1", areaIds: ["B", "C"] }, { id: "L2", areaIds: ["A"] }] }
 * ```
 */
export function lotPlanFromRows(rows: readonly LotPlanRow[]): LotPlan {
  const parsed = parseInput(LotPlanRowsSchema, rows, "rows");
  const rowOf = new Map<Id, number>();
  const lots = new Map<Id, { areaIds: Id[]; parent?: string; parentRow?: number }>();
  parsed.forEach((r, i) => {
    const before = rowOf.get(r.areaId);
    if (before !== undefined) invalid(["rows", i, "areaId"], r.areaId, `area listed twice: rows[${before}] puts it in lot ${parsed[before]!.lotId}`, "duplicate_id");
    rowOf.set(r.areaId, i);
    const lot = lots.get(r.lotId) ?? lots.set(r.lotId, { areaIds: [] }).get(r.lotId)!;
    lot.areaIds.push(r.areaId);
    if (r.parent !== undefined) {
      if (lot.parent !== undefined && lot.parent !== r.parent) {
        invalid(["rows", i, "parent"], r.parent, `lot ${r.lotId} has parent ${lot.parent} in rows[${lot.parentRow}]`);
      }
      lot.parent = r.parent;
      lot.parentRow = i;
    }
  });
  const out: Lot[] = [...lots.entries()]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([id, l]) => {
      const areaIds = l.areaIds.sort(compareIds);
      return l.parent === undefined ? { id, areaIds } : { id, areaIds, parent: l.parent };
    });
  return { lots: out };
}

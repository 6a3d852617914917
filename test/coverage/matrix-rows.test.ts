import { describe, expect, it } from "vitest";
import { straightLineTravel, travelMatrixFromRows, travelMatrixToRows } from "../../src/index.js";
import { KM, errorOf } from "./helpers.js";

describe("travelMatrixFromRows", () => {
  it("travelMatrixFromRows(travelMatrixToRows(m)) round-trips a matrix exactly, through CSV-like strings too", () => {
    const pts = (p: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, lonLat: [i * KM, (i % 2) * KM] as [number, number] }));
    const m = straightLineTravel().matrix(pts("P", 3), pts("A", 4), ["drive", "walk"]);
    const rows = travelMatrixToRows(m);
    expect(rows.length).toBe(3 * 4 * 2);
    const opts = { originIds: [...m.originIds], destinationIds: [...m.destinationIds] };
    const back = travelMatrixFromRows(rows, opts);
    expect(back.modes).toEqual(["drive", "walk"]);
    expect([...back.minutes.walk!]).toEqual([...m.minutes.walk!]);
    expect([...back.minutes.drive!]).toEqual([...m.minutes.drive!]);
    const csv = rows.map((r) => ({ ...r, minutes: String(r.minutes) }));
    expect([...travelMatrixFromRows(csv, opts).minutes.drive!]).toEqual([...m.minutes.drive!]);
  });

  it("travelMatrixFromRows leaves a pair without a row unreachable", () => {
    const m = travelMatrixFromRows(
      [
        { origin_id: "P", destination_id: "A", mode: "walk", minutes: 5 },
        { origin_id: "P", destination_id: "B", mode: "cycle", minutes: 7 },
      ],
    );
    expect(m.destinationIds).toEqual(["A", "B"]);
    expect(m.modes).toEqual(["walk", "cycle"]);
    expect([...m.minutes.walk!]).toEqual([5, Infinity]);
    expect([...m.minutes.cycle!]).toEqual([Infinity, 7]);
  });

  it("travelMatrixFromRows rejects an unknown id, NaN, negative and blank minutes, an unknown mode and a duplicate row", () => {
    const ok = { origin_id: "P1", destination_id: "A", mode: "drive", minutes: 3 };
    const e1 = errorOf(() => travelMatrixFromRows([ok, { ...ok, destination_id: "Z" }], { originIds: ["P1"], destinationIds: ["A"] }));
    expect(e1.code).toBe("unknown_id");
    expect(e1.message).toContain('rows[1].destination_id: "Z"');
    const e2 = errorOf(() => travelMatrixFromRows([ok, { ...ok, destination_id: "B", minutes: "abc" }]));
    expect(e2.message).toContain("rows[1].minutes");
    expect(e2.message).toContain("NaN");
    expect(errorOf(() => travelMatrixFromRows([{ ...ok, minutes: -1 }])).message).toContain("rows[0].minutes: -1. minutes must be ≥ 0");
    expect(errorOf(() => travelMatrixFromRows([{ ...ok, minutes: "" }])).message).toContain("rows[0].minutes");
    expect(errorOf(() => travelMatrixFromRows([{ ...ok, mode: "boat" }])).message).toContain('unknown travel mode "boat"');
    const e6 = errorOf(() => travelMatrixFromRows([ok, ok]));
    expect(e6.code).toBe("duplicate_id");
    expect(e6.message).toContain("rows[1]");
  });
});

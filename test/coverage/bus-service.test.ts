// busServiceTravel: transit times from bus service levels (hand-computed), the shipped ITS Leeds table
// (realdata/, MIT © ITS Leeds) with 2011 LSOA codes, and combineTravel.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { busServiceTravel, combineTravel, computeCoverage, straightLineTravel } from "../../src/index.js";
import { errorOf } from "../helpers/errors.js";
import { readCsvRows, REPO_ROOT, splitCsvLine } from "../helpers/geodata.js";

const KM_LAT = 1 / 111.19508; // degrees of latitude per km (R = 6371008.8 m)
const row = (code: string, midday: number | string) => ({ LSOA21CD: code, runs_Tue_Midday: midday, runs_Tue_Evening: 0 });

describe("busServiceTravel", () => {
  it("adds walking, half the headway, the ride and a change, as documented", () => {
    const bus = busServiceTravel([row("A", 12), row("B", 24), row("C", "36")]);
    const pts = [{ id: "A", lonLat: [0, 0] as [number, number] }, { id: "B", lonLat: [0, 5 * KM_LAT] as [number, number] }, { id: "C", lonLat: [0, 10 * KM_LAT] as [number, number] }];
    const m = bus.matrix(pts, pts, ["transit"]);
    const t = m.minutes.transit!;
    // A → B: min(12, 24) trips in 6 h = 2 an hour → 15 min wait; 5 km × 1.3 at 20 km/h = 19.5 min; 2 × 5 walking.
    expect(t[1]).toBeCloseTo(10 + 15 + 19.5, 6);
    // B → C: 24 trips → 4 an hour → 7.5 min wait; 5 km ride.
    expect(t[1 * 3 + 2]).toBeCloseTo(10 + 7.5 + 19.5, 6);
    // A → C: 10 km > 8 km, one change (+10 min); 39 min ride; A's 2 an hour.
    expect(t[2]).toBeCloseTo(10 + 15 + 39 + 10, 6);
    expect(m.unserved).toEqual([]);
  });

  it("gives an area with no bus service no transit reach, and reports it", () => {
    const bus = busServiceTravel([row("A", 12), row("B", 0)]);
    const areas = [
      { id: "A", lonLat: [0, 0.001] as [number, number], urbanRural: "rural" as const },
      { id: "B", lonLat: [0, 0.002] as [number, number], urbanRural: "rural" as const },
      { id: "Z", lonLat: [0, 0.003] as [number, number], urbanRural: "rural" as const },
    ];
    const provider = { id: "P", lonLat: [0, 0] as [number, number], capacityHours: 100, ratePerHour: 20, staffMix: { drive: 0, walk: 0, cycle: 0, transit: 1 } };
    const m = bus.matrix([provider], areas, ["transit"]);
    // P is in zone A (zoneOf is not given, and "P" is no code): it is unserved too.
    expect(m.unserved.map((u) => [u.id, u.reason])).toEqual([["P", "not_in_table"], ["B", "no_service"], ["Z", "not_in_table"]]);
    const bus2 = busServiceTravel([row("A", 12), row("B", 0)], { zoneOf: { P: "A" } });
    const m2 = bus2.matrix([provider], areas, ["transit"]);
    expect(Number.isFinite(m2.minutes.transit![0])).toBe(true);
    expect(m2.minutes.transit![1]).toBe(Infinity);
    expect(m2.minutes.transit![2]).toBe(Infinity);
    const cov = computeCoverage({ providers: [provider], areas, travel: bus2, thresholdMinutes: { transit: 600 } });
    expect([...cov.areaIndex].map((k) => areas[k]!.id)).toEqual(["A"]);
  });

  it("never lengthens the wait when departures rise (0 to 400 trips, every band length)", () => {
    for (const hours of [1, 3.5, 6, 8]) {
      let prev = Infinity;
      for (let trips = 0; trips <= 400; trips++) {
        const bus = busServiceTravel([row("A", trips)], { bandHours: { Midday: hours } });
        const t = bus.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0] }], ["transit"]).minutes.transit![0]!;
        expect(t).toBeLessThanOrEqual(prev);
        if (trips > 0) expect(t).toBeGreaterThanOrEqual(10); // walking at both ends is never skipped
        prev = t;
      }
      expect(prev).toBeCloseTo(10 + (30 * hours) / 400, 9);
    }
  });

  it("caps the wait and applies maxMinutes to the door-to-door time", () => {
    const bus = busServiceTravel([row("A", 1)], { maxMinutes: 45 });
    const m = bus.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0] }, { id: "A2", lonLat: [0, 5 * KM_LAT] }], ["transit"]);
    // One trip in 6 h: a 180-minute half-headway, capped at 30.
    expect(m.minutes.transit![0]).toBeCloseTo(40, 9);
    expect(m.unserved.map((u) => u.id)).toEqual(["A2"]);
    const far = busServiceTravel([row("A", 1), row("B", 1)], { maxMinutes: 45 }).matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "B", lonLat: [0, 5 * KM_LAT] }], ["transit"]);
    expect(far.minutes.transit![0]).toBe(Infinity); // 40 + 19.5 > 45
    expect(far.beyondMaxMinutes).toBe(1);
  });

  it("looks up ids such as constructor and __proto__ as plain strings", () => {
    const bus = busServiceTravel([row("constructor", 12), row("__proto__", 24)], { zoneOf: { toString: "constructor" } });
    const pts = [{ id: "constructor", lonLat: [0, 0] as [number, number] }, { id: "__proto__", lonLat: [0, 0] as [number, number] }, { id: "toString", lonLat: [0, 0] as [number, number] }, { id: "hasOwnProperty", lonLat: [0, 0] as [number, number] }];
    const m = bus.matrix(pts, pts, ["transit"]);
    expect(m.minutes.transit![1]).toBeCloseTo(10 + 15, 9); // constructor → __proto__: min(12, 24) in 6 h
    expect(m.minutes.transit![2 * 4 + 1]).toBeCloseTo(10 + 15, 9); // toString is in zone "constructor"
    expect(m.unserved.filter((u) => u.role === "origin")).toEqual([{ id: "hasOwnProperty", zone: "hasOwnProperty", role: "origin", reason: "not_in_table" }]);
  });

  it("rejects junk tables and modes other than transit", () => {
    expect(errorOf(() => busServiceTravel([])).message).toContain("empty");
    expect(errorOf(() => busServiceTravel([{ LSOA21CD: "A" }])).message).toContain('"runs_Tue_Midday" column');
    expect(errorOf(() => busServiceTravel([row("A", -3)])).message).toContain("service[0].runs_Tue_Midday");
    expect(errorOf(() => busServiceTravel([row("A", "lots")])).message).toContain('"lots"');
    expect(errorOf(() => busServiceTravel([row("A", 1), row("A", 2)])).code).toBe("duplicate_id");
    expect(errorOf(() => busServiceTravel([row("A", 1)], { band: "Lunch" as never })).code).toBe("invalid_input");
    const bus = busServiceTravel([row("A", 1)]);
    expect(errorOf(() => bus.matrix([{ id: "A", lonLat: [0, 0] }], [{ id: "A", lonLat: [0, 0] }], ["drive"])).message).toContain("transit times only");
  });
});

describe("busServiceTravel on the ITS Leeds table for Rutland (keyed by LSOA21CD)", () => {
  const lines = readFileSync(join(REPO_ROOT, "realdata", "bus_departures_per_lsoa_2022_LLR_Bradford.csv"), "utf8").trim().split("\n");
  const header = splitCsvLine(lines[0]!);
  const service = lines.slice(1).map((l) => Object.fromEntries(splitCsvLine(l).map((c, i) => [header[i]!, c])));
  const rutland = readCsvRows("lsoa11_master.csv")
    .filter((r) => r.lad19nm === "Rutland")
    .map((r) => ({ id: r.lsoa11cd!, lonLat: [Number(r.pwc_lon), Number(r.pwc_lat)] as [number, number] }));

  it("reports the 2011 Rutland LSOAs the 2021-keyed table does not hold, and serves them once mapped", () => {
    expect(rutland).toHaveLength(23);
    const bus = busServiceTravel(service);
    const oakham = rutland.find((a) => a.id === "E01013799")!; // Rutland 003B, Oakham (104 morning-peak trips)
    const m = bus.matrix([oakham], rutland, ["transit"]);
    // Not in the table: E01013801 and E01013802 (split in 2021 into E01035102–E01035106) and E01013800,
    // E01013803 (same codes in 2021 but no stop inside).
    expect(m.unserved.map((u) => u.id).sort()).toEqual(["E01013800", "E01013801", "E01013802", "E01013803"]);
    expect(m.unserved.every((u) => u.reason === "not_in_table")).toBe(true);
    const served = m.minutes.transit!.filter(Number.isFinite).length;
    expect(served).toBe(19);
    // Mapping each to the Oakham zone it borders serves them (a user's choice, stated in zoneOf).
    const zoneOf = { E01013800: "E01013799", E01013801: "E01013799", E01013802: "E01013799", E01013803: "E01013799" };
    expect(busServiceTravel(service, { zoneOf }).matrix([oakham], rutland, ["transit"]).unserved).toEqual([]);
  });

  it("waits longer in the evening than at midday, and has no transit where evening trips are zero", () => {
    const mid = busServiceTravel(service).matrix(rutland, rutland, ["transit"]).minutes.transit!;
    const eve = busServiceTravel(service, { band: "Evening" }).matrix(rutland, rutland, ["transit"]);
    let both = 0;
    eve.minutes.transit!.forEach((t, k) => {
      if (Number.isFinite(t)) {
        both++;
        expect(t).toBeGreaterThanOrEqual(mid[k]!);
      }
    });
    expect(both).toBeGreaterThan(0);
    // E01013788 (Rutland 001A) has 0 evening trips: no transit at all then.
    expect(eve.unserved.filter((u) => u.id === "E01013788").map((u) => u.reason)).toEqual(["no_service", "no_service"]);
  });
});

describe("combineTravel", () => {
  it("takes each mode from its own source and refuses a mode with none", () => {
    const bus = busServiceTravel([row("A", 12)]);
    const travel = combineTravel({ drive: straightLineTravel(), transit: bus });
    const o = [{ id: "A", lonLat: [0, 0] as [number, number] }];
    const m = travel.matrix(o, o, ["drive", "transit"]);
    expect(m.modes).toEqual(["drive", "transit"]);
    expect(m.minutes.transit![0]).toBeCloseTo(25, 9);
    expect(m.minutes.drive![0]).toBe(0);
    expect(errorOf(() => travel.matrix(o, o, ["walk"])).message).toContain("no source for walk");
    expect(errorOf(() => combineTravel({ boat: bus } as never)).code).toBe("invalid_input");
  });
});

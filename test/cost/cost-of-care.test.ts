// costOfCare: hand cases from the model in src/cost/travel-model.ts, the Minimum Price structure,
// scaling laws, monotonicity, real Leicestershire lots, and bad input.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CostOfCareOptionsSchema, costOfCare, straightLineTravel, MINIMUM_PRICE_2020_21, type CostOfCare } from "../../src/index.js";
import { buildUpCost } from "../../src/cost/build-up.js";
import { designLots } from "../../src/lots/design-lots.js";
import type { LotDesign } from "../../src/lots/types.js";
import { asyncErrorOf } from "../helpers/errors.js";
import { ELR, WL, realSet, type RealSet } from "../lots/real-data.js";

const LEICESTER: [number, number] = [-1.13, 52.63];
const oneArea = (areaKm2: number, urbanRural: "urban" | "rural" = "urban") => [{ id: "A", lonLat: LEICESTER, areaKm2, urbanRural }];
const onePlan = { lots: [{ id: "L1", areaIds: ["A"] }] };

/** Every number anywhere in `v` is finite (no NaN or ±Infinity leaks into a result). */
function allFinite(v: unknown, path = "result"): string[] {
  if (typeof v === "number") return Number.isFinite(v) ? [] : [`${path} = ${v}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => allFinite(x, `${path}[${i}]`));
  if (typeof v === "object" && v !== null) return Object.entries(v).flatMap(([k, x]) => allFinite(x, `${path}.${k}`));
  return [];
}

describe("costOfCare: hand cases", () => {
  it("costOfCare(one 4 km² urban area, 100 h/week of 30-minute visits) gives the travel per visit and cost computed by hand from the model", async () => {
    const c = await costOfCare(onePlan, oneArea(4), { A: 100 }, { visitMix: [{ minutes: 30, share: 1 }] });
    // Model (travel-model.ts) with the defaults W = 4, σ = 0.6, k = 6, β = 0.92, φ = 3.65:
    const visits = (60 * 100) / 30; // 200 a week
    const density = (0.6 * visits) / (7 * 4 * 4); // 1.0714 visits per km² per call window
    const legKm = (3.65 * 0.92) / Math.sqrt(density); // 3.2441 km straight line
    const paid = 5 / 6; // 5 paid legs in a run of 6
    // Straight-line source defaults: walk 4.8 km/h × detour 1.25; urban drive 30 km/h × 1.3; cycle 16 × 1.25; bus 12 km/h × 1.3 + 10 min wait.
    const perVisit = { walk: paid * legKm * 1.25 * (60 / 4.8), drive: paid * legKm * 1.3 * (60 / 30), cycle: paid * legKm * 1.25 * (60 / 16), transit: paid * (10 + legKm * 1.3 * (60 / 12)) };
    const l = c.lots[0]!;
    expect(l.visitsPerWeek).toBeCloseTo(200, 12);
    expect(l.visitsPerWindow).toBeCloseTo(0.6 * 200 / 28, 12);
    expect(l.legKm).toBeCloseTo(legKm, 9);
    for (const m of ["walk", "drive", "cycle", "transit"] as const) {
      expect(l.travelMinutesPerVisit[m]).toBeCloseTo(perVisit[m], 6);
      expect(l.travelMinutesPerContactHour[m]).toBeCloseTo((60 / 30) * perVisit[m], 6);
    }
    expect(l.travelMinutesPerVisit.drive).toBeCloseTo(7.0290, 3);
    expect(l.travelMinutesPerContactHour.walk).toBeCloseTo(84.484, 2);
    // Cost with the default all-drive staff: pay on contact + travel time, on-costs 29.85 % of pay,
    // mileage at 45p on 1.3 × the leg, £5.20 business, 3 % surplus.
    const travelPerHour = 2 * perVisit.drive;
    const pay = 8.72 * (1 + travelPerHour / 60);
    const miles = 2 * paid * legKm * 1.3 / 1.609344;
    const cost = (pay * (1 + 0.0794 + 0.03 + 0.1207 + 0.029 + 0.0394) + miles * 0.45 + 5.2) * 1.03;
    expect(l.driverMilesPerVisit).toBeCloseTo(paid * legKm * 1.3 / 1.609344, 9);
    expect(l.costPerContactHour).toBeCloseTo(cost, 9);
    expect(l.costPerContactHour).toBeCloseTo(21.776, 2);
    expect(l.weeklyCost).toBeCloseTo(cost * 100, 6);
    const p = l.parts!;
    const sum = p.contactPay + p.travelPay + p.employerNi + p.pension + p.holiday + p.sickness + p.training + p.mileage + p.business + p.surplus;
    expect(sum).toBeCloseTo(l.costPerContactHour!, 12);
    expect(p.travelPay).toBeCloseTo((8.72 * travelPerHour) / 60, 12);
  });

  it("the cost build-up reproduces the Homecare Association Minimum Price 2020-21 (£20.69) line by line from its own travel inputs", () => {
    const s = CostOfCareOptionsSchema.parse({});
    const mp = MINIMUM_PRICE_2020_21;
    // Its travel line is £1.70 of pay at £8.72/h, i.e. 11.70 minutes per contact hour; its mileage £1.36.
    const { parts, costPerContactHour } = buildUpCost((mp.travelTime / mp.contactTime) * 60, mp.mileage / s.mileageRatePerMile, s);
    expect(parts.contactPay).toBeCloseTo(8.72, 10);
    expect(parts.travelPay).toBeCloseTo(1.7, 10);
    expect(parts.employerNi + parts.pension).toBeCloseTo(mp.employerNiAndPension, 2);
    expect(parts.holiday + parts.sickness + parts.training).toBeCloseTo(mp.otherWageOnCosts, 2);
    expect(parts.mileage).toBeCloseTo(1.36, 10);
    expect(parts.business).toBe(5.2);
    expect(parts.surplus).toBeCloseTo(0.6, 2);
    expect(costPerContactHour).toBeCloseTo(20.69, 2);
  });

  it("doubling every visit length halves travel minutes per contact hour at the same number of visits, and divides it by √2 at the same hours", async () => {
    const areas = [
      { id: "A", lonLat: LEICESTER, areaKm2: 1.5, urbanRural: "urban" as const },
      { id: "B", lonLat: [-1.0, 52.7] as [number, number], areaKm2: 25, urbanRural: "rural" as const },
    ];
    const plan = { lots: [{ id: "L", areaIds: ["A", "B"] }] };
    const mix = [{ minutes: 20, share: 0.4 }, { minutes: 40, share: 0.6 }];
    const doubled = mix.map((v) => ({ ...v, minutes: 2 * v.minutes }));
    const base = (await costOfCare(plan, areas, { A: 300, B: 60 }, { visitMix: mix })).lots[0]!;
    const sameVisits = (await costOfCare(plan, areas, { A: 600, B: 120 }, { visitMix: doubled })).lots[0]!;
    const sameHours = (await costOfCare(plan, areas, { A: 300, B: 60 }, { visitMix: doubled })).lots[0]!;
    expect(sameVisits.visitsPerWeek).toBeCloseTo(base.visitsPerWeek, 9);
    for (const m of ["drive", "walk", "cycle", "transit"] as const) {
      expect(sameVisits.travelMinutesPerVisit[m]).toBeCloseTo(base.travelMinutesPerVisit[m]!, 9);
      expect(sameVisits.travelMinutesPerContactHour[m]! / base.travelMinutesPerContactHour[m]!).toBeCloseTo(0.5, 12);
    }
    // Same hours: half the visits, legs √2 longer. Exact for sources linear in distance (not the bus's wait).
    for (const m of ["drive", "walk", "cycle"] as const) {
      expect(sameHours.travelMinutesPerContactHour[m]! / base.travelMinutesPerContactHour[m]!).toBeCloseTo(Math.SQRT1_2, 12);
    }
  });

  it("a denser lot (the same areas with more hours each by one factor, or the same hours on less land) never costs more per contact hour", async () => {
    const area = fc.record({
      km2: fc.double({ min: 0.05, max: 80, noNaN: true }),
      hours: fc.double({ min: 0.5, max: 600, noNaN: true }),
      urban: fc.boolean(),
      dx: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      dy: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
    });
    const mix = fc.constantFrom(
      [{ minutes: 30, share: 1 }],
      [{ minutes: 15, share: 0.2 }, { minutes: 30, share: 0.5 }, { minutes: 60, share: 0.3 }],
    );
    const staff = fc.constantFrom({ drive: 1 }, { drive: 0.5, walk: 0.3, transit: 0.2 }, { walk: 1 });
    await fc.assert(
      fc.asyncProperty(fc.array(area, { minLength: 1, maxLength: 6 }), fc.double({ min: 1, max: 20, noNaN: true }), mix, staff, async (as, k, visitMix, staffMix) => {
        const areas = as.map((a, i) => ({ id: `A${i}`, lonLat: [LEICESTER[0] + a.dx, LEICESTER[1] + a.dy] as [number, number], areaKm2: a.km2, urban: a.urban }));
        const plan = { lots: [{ id: "L", areaIds: areas.map((a) => a.id) }] };
        const hours = Object.fromEntries(as.map((a, i) => [`A${i}`, a.hours]));
        const opts = { visitMix, staffMix };
        const sparse = (await costOfCare(plan, areas, hours, opts)).lots[0]!.costPerContactHour!;
        const moreHours = (await costOfCare(plan, areas, Object.fromEntries(Object.entries(hours).map(([id, h]) => [id, h * k])), opts)).lots[0]!.costPerContactHour!;
        const lessLand = (await costOfCare(plan, areas.map((a) => ({ ...a, areaKm2: a.areaKm2 / k })), hours, opts)).lots[0]!.costPerContactHour!;
        expect(moreHours).toBeLessThanOrEqual(sparse * (1 + 1e-12));
        expect(lessLand).toBeLessThanOrEqual(sparse * (1 + 1e-12));
        expect(lessLand).toBeCloseTo(moreHours, 9); // only hours ÷ km² matters
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});

describe("costOfCare on the 18 Leicestershire County Council lots (396 LSOAs, 20,317 h/week)", () => {
  let s: RealSet;
  let plan: LotDesign;
  let costs: CostOfCare;
  beforeAll(async () => {
    s = realSet("county");
    plan = designLots(s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 }, seed: 2019 });
    costs = await costOfCare(plan, s.areas, s.demand.hours);
  });

  it("costs every lot, conserves the 20,317 hours and gives each lot a finite cost built from its parts", () => {
    expect(costs.lots).toHaveLength(18);
    expect(costs.lots.map((l) => l.lotId)).toEqual([...plan.lots.map((l) => l.id)].sort());
    expect(costs.totals.hours).toBe(20317);
    expect(costs.areas).toHaveLength(396);
    expect(costs.warnings).toEqual([]);
    for (const l of costs.lots) {
      expect(l.status).toBe("ok");
      const p = l.parts!;
      expect(p.contactPay + p.travelPay + p.employerNi + p.pension + p.holiday + p.sickness + p.training + p.mileage + p.business + p.surplus).toBeCloseTo(l.costPerContactHour!, 10);
    }
    expect(allFinite(costs)).toEqual([]);
    const weekly = costs.lots.reduce((t, l) => t + l.weeklyCost!, 0);
    expect(costs.totals.weeklyCost).toBeCloseTo(weekly, 6);
    expect(costs.totals.costPerContactHour).toBeCloseTo(weekly / 20317, 9);
  });

  it("the default roster factor is calibrated: the county averages 2.9 road miles per visit (Homecare Association 2022) and about the Minimum Price's 11.7 driving minutes per contact hour", () => {
    const visits = costs.lots.reduce((t, l) => t + l.visitsPerWeek, 0);
    const miles = costs.lots.reduce((t, l) => t + l.visitsPerWeek * l.driverMilesPerVisit!, 0) / visits;
    const drive = costs.lots.reduce((t, l) => t + l.hours * l.travelMinutesPerContactHour.drive!, 0) / 20317;
    expect(miles).toBeGreaterThan(2.85);
    expect(miles).toBeLessThan(2.95);
    expect(drive).toBeGreaterThan(11.0);
    expect(drive).toBeLessThan(12.0);
  });

  it("walkers' travel minutes exceed drivers' in every lot, and the rural lots travel more per contact hour than the urban ones", () => {
    for (const l of costs.lots) {
      expect(l.travelMinutesPerContactHour.walk!).toBeGreaterThan(l.travelMinutesPerContactHour.drive!);
      expect(l.travelMinutesPerContactHour.cycle!).toBeGreaterThan(l.travelMinutesPerContactHour.drive!);
    }
    const byKm2 = [...costs.lots].sort((a, b) => a.areaKm2 - b.areaKm2);
    const urban = byKm2[0]!, rural = byKm2[byKm2.length - 1]!;
    expect(rural.travelMinutesPerContactHour.drive!).toBeGreaterThan(2 * urban.travelMinutesPerContactHour.drive!);
    expect(rural.costPerContactHour!).toBeGreaterThan(urban.costPerContactHour!);
  });

  it("a lot's cost is the hours-weighted mean of its areas' costs (the model is local) and four price bands partition the areas by cost", () => {
    for (const l of costs.lots) {
      const as = costs.areas.filter((a) => a.lotId === l.lotId);
      expect(as.reduce((t, a) => t + a.hours * a.costPerContactHour!, 0) / l.hours).toBeCloseTo(l.costPerContactHour!, 9);
    }
    expect(costs.bands.map((b) => b.band)).toEqual(["urban", "fringe", "rural", "isolated"]);
    expect(costs.bands.reduce((t, b) => t + b.areaCount, 0)).toBe(396);
    expect(costs.bands.reduce((t, b) => t + b.hours, 0)).toBe(20317);
    for (let i = 1; i < costs.bands.length; i++) expect(costs.bands[i]!.minCostPerContactHour).toBeGreaterThan(costs.bands[i - 1]!.maxCostPerContactHour);
    for (const a of costs.areas) {
      const b = costs.bands.find((x) => x.band === a.band)!;
      expect(a.costPerContactHour!).toBeGreaterThanOrEqual(b.minCostPerContactHour);
      expect(a.costPerContactHour!).toBeLessThanOrEqual(b.maxCostPerContactHour);
    }
  });

  it("lists every default with its source and date, and marks the ones the caller overrode", async () => {
    const names = costs.assumptions.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["hourlyPay", "onCosts.employerNi", "mileageRatePerMile", "businessPerContactHour", "surplusRate", "visitMix", "travelModel.rosterFactor"]));
    const pay = costs.assumptions.find((a) => a.name === "hourlyPay")!;
    expect(pay).toMatchObject({ value: 8.72, date: "2020-04-01", overridden: false });
    const c2 = await costOfCare(plan, s.areas, s.demand.hours, { hourlyPay: 10.42, travelModel: { rosterFactor: 2 } });
    expect(c2.assumptions.find((a) => a.name === "hourlyPay")).toMatchObject({ value: 10.42, overridden: true, source: "given by the caller" });
    expect(c2.assumptions.find((a) => a.name === "travelModel.rosterFactor")).toMatchObject({ value: 2, overridden: true });
    expect(c2.assumptions.find((a) => a.name === "businessPerContactHour")).toMatchObject({ value: 5.2, overridden: false });
  });

  it("is deterministic: the same input gives byte-identical output", async () => {
    const again = await costOfCare(plan, s.areas, s.demand.hours);
    expect(JSON.stringify(again)).toBe(JSON.stringify(costs));
  });
});

describe("costOfCare: staff mixes and travel sources", () => {
  it("blends the modes by the staff mix and reports the non-driving figure on its own", async () => {
    const mix = { drive: 0.5, walk: 0.3, cycle: 0, transit: 0.2 };
    const l = (await costOfCare(onePlan, oneArea(2), { A: 150 }, { staffMix: mix })).lots[0]!;
    const t = l.travelMinutesPerContactHour;
    expect(l.blendedTravelMinutesPerContactHour).toBeCloseTo(0.5 * t.drive! + 0.3 * t.walk! + 0.2 * t.transit!, 12);
    expect(l.nonDrivingTravelMinutesPerContactHour).toBeCloseTo((0.3 * t.walk! + 0.2 * t.transit!) / 0.5, 12);
    // Mileage only for the drivers' half.
    expect(l.parts!.mileage).toBeCloseTo(0.5 * (60 / l.meanVisitMinutes) * l.driverMilesPerVisit! * 0.45, 12);
    const driversOnly = (await costOfCare(onePlan, oneArea(2), { A: 150 })).lots[0]!;
    expect(driversOnly.nonDrivingTravelMinutesPerContactHour).toBeNull();
    expect(l.costPerContactHour!).toBeGreaterThan(driversOnly.costPerContactHour!); // walking and bus time is paid time
  });

  it("staffMixByLot overrides the staff mix for the lots it names", async () => {
    const areas = [...oneArea(2), { id: "B", lonLat: LEICESTER, areaKm2: 2, urbanRural: "urban" as const }];
    const plan = { lots: [{ id: "L1", areaIds: ["A"] }, { id: "L2", areaIds: ["B"] }] };
    const c = await costOfCare(plan, areas, { A: 150, B: 150 }, { staffMixByLot: { L2: { walk: 1 } } });
    expect(c.lots[0]!.staffMix.drive).toBe(1);
    expect(c.lots[1]!.staffMix.walk).toBe(1);
    expect(c.lots[1]!.blendedTravelMinutesPerContactHour).toBeCloseTo(c.lots[1]!.travelMinutesPerContactHour.walk!, 12);
    expect(c.lots[1]!.parts!.mileage).toBe(0);
  });

  it("takes any TravelTimeSource: a slower straight-line source gives proportionally more travel minutes", async () => {
    const base = (await costOfCare(onePlan, oneArea(3), { A: 200 })).lots[0]!;
    const slow = (await costOfCare(onePlan, oneArea(3), { A: 200 }, { travel: straightLineTravel({ walkKmh: 2.4, driveUrbanKmh: 15 }) })).lots[0]!;
    expect(slow.travelMinutesPerVisit.walk! / base.travelMinutesPerVisit.walk!).toBeCloseTo(2, 9);
    expect(slow.travelMinutesPerVisit.drive! / base.travelMinutesPerVisit.drive!).toBeCloseTo(2, 9);
    expect(slow.driverMilesPerVisit).toBeCloseTo(base.driverMilesPerVisit!, 12); // miles come from the leg, not the speed
  });
});

describe("costOfCare: bad input and edge cases", () => {
  it("a zero-hour lot is reported with status no_demand and null costs, without NaN or division by zero", async () => {
    const areas = [...oneArea(2), { id: "Z", lonLat: LEICESTER, areaKm2: 5, urbanRural: "rural" as const }];
    const plan = { lots: [{ id: "L1", areaIds: ["A"] }, { id: "L0", areaIds: ["Z"] }] };
    const c = await costOfCare(plan, areas, { A: 100, Z: 0 });
    const zero = c.lots.find((l) => l.lotId === "L0")!;
    expect(zero).toMatchObject({ status: "no_demand", hours: 0, visitsPerWeek: 0, legKm: null, costPerContactHour: null, weeklyCost: null, rateWeight: null, parts: null });
    expect(zero.travelMinutesPerContactHour).toEqual({ drive: null, walk: null, cycle: null, transit: null });
    expect(c.warnings.some((w) => w.includes("L0") && w.includes("no demand"))).toBe(true);
    expect(c.areas.find((a) => a.areaId === "Z")).toMatchObject({ hours: 0, legKm: null, costPerContactHour: null, band: null });
    expect(c.allocationLots.find((l) => l.id === "L0")).toEqual({ id: "L0", urbanHours: 0, ruralHours: 0 });
    expect(c.lots.find((l) => l.lotId === "L1")!.rateWeight).toBe(1);
    expect(allFinite(c)).toEqual([]);
    // A plan whose only lot has no hours: no cost anywhere, still no NaN.
    const none = await costOfCare({ lots: [{ id: "L0", areaIds: ["Z"] }] }, areas, {});
    expect(none.totals).toEqual({ hours: 0, weeklyCost: null, costPerContactHour: null });
    expect(none.bands).toEqual([]);
    expect(allFinite(none)).toEqual([]);
  });

  it("a visit-length mix whose shares do not sum to 1 is an invalid_input error naming the field and the sum", async () => {
    const e = await asyncErrorOf(() => costOfCare(onePlan, oneArea(2), { A: 100 }, { visitMix: [{ minutes: 15, share: 0.4 }, { minutes: 30, share: 0.5 }] }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("options.visitMix");
    expect(e.message).toContain("sum to 0.9");
    const dup = await asyncErrorOf(() => costOfCare(onePlan, oneArea(2), { A: 100 }, { visitMix: [{ minutes: 30, share: 0.5 }, { minutes: 30, share: 0.5 }] }));
    expect(dup.message).toContain("options.visitMix[1].minutes");
    const zeroLength = await asyncErrorOf(() => costOfCare(onePlan, oneArea(2), { A: 100 }, { visitMix: [{ minutes: 0, share: 1 }] }));
    expect(zeroLength.message).toContain("options.visitMix[0].minutes: 0");
  });

  it("negative wages, on-costs, mileage or business costs are invalid_input errors quoting the value", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ hourlyPay: -8.72 }, "options.hourlyPay: -8.72"],
      [{ onCosts: { employerNi: -0.1 } }, "options.onCosts.employerNi: -0.1"],
      [{ mileageRatePerMile: -0.45 }, "options.mileageRatePerMile: -0.45"],
      [{ businessPerContactHour: -5 }, "options.businessPerContactHour: -5"],
      [{ hourlyPay: Number.NaN }, "options.hourlyPay: NaN"],
      [{ travelModel: { providerShare: 0 } }, "options.travelModel.providerShare: 0"],
      [{ travelModel: { rosterFactor: 0.5 } }, "options.travelModel.rosterFactor: 0.5"],
      [{ staffMix: { drive: 0.5, walk: 0.2 } }, "staff mix shares must sum to 1"],
      [{ wage: 9 }, "options"],
    ];
    for (const [opts, text] of cases) {
      const e = await asyncErrorOf(() => costOfCare(onePlan, oneArea(2), { A: 100 }, opts as never));
      expect(e.code).toBe("invalid_input");
      expect(e.message).toContain(text);
    }
  });

  it("bad areas, plans and demand are LotwiseErrors naming the field", async () => {
    const bad = async (plan: unknown, areas: unknown, demand: unknown) => asyncErrorOf(() => costOfCare(plan as never, areas as never, demand as never));
    expect((await bad(onePlan, oneArea(0), { A: 1 })).message).toContain("areas[0].areaKm2: 0");
    expect((await bad(onePlan, [{ id: "A", lonLat: LEICESTER, areaKm2: 1 }], { A: 1 })).message).toContain("class");
    expect((await bad(onePlan, [{ id: "A", lonLat: [-1.13, 95], areaKm2: 1, urban: true }], { A: 1 })).message).toContain("areas[0].lonLat[1]: 95");
    expect((await bad(onePlan, oneArea(1), { A: -3 })).message).toContain("demand.A: -3");
    const unknown = await bad({ lots: [{ id: "L1", areaIds: ["A", "X"] }] }, oneArea(1), { A: 1 });
    expect(unknown.code).toBe("unknown_id");
    expect(unknown.message).toContain('"X"');
    const twice = await bad({ lots: [{ id: "L1", areaIds: ["A"] }, { id: "L2", areaIds: ["A"] }] }, oneArea(1), { A: 1 });
    expect(twice.code).toBe("duplicate_id");
    const dupLot = await bad({ lots: [{ id: "L1", areaIds: [] }, { id: "L1", areaIds: ["A"] }] }, oneArea(1), { A: 1 });
    expect(dupLot.code).toBe("duplicate_id");
    const e = await asyncErrorOf(() => costOfCare(onePlan, oneArea(1), { A: 1 }, { staffMixByLot: { L9: { drive: 1 } } }));
    expect(e.code).toBe("unknown_id");
    expect(e.message).toContain('"L9"');
  });

  it("reports demand outside the plan instead of dropping it silently", async () => {
    const c = await costOfCare(onePlan, oneArea(1), { A: 10, B: 25.5 });
    expect(c.warnings[0]).toContain("1 area(s) with demand are in no lot of the plan (25.5 h/week, e.g. B)");
  });
});

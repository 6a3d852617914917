// compareVisitMixes: the same lots with and without 15-minute visits.
import { beforeAll, describe, expect, it } from "vitest";
import { compareVisitMixes, type VisitMixComparison } from "../../src/index.js";
import { designLots } from "../../src/lots/design-lots.js";
import { asyncErrorOf } from "../helpers/errors.js";
import { ELR, WL, realSet, type RealSet } from "../lots/real-data.js";

const WITH_15 = [{ minutes: 15, share: 0.1 }, { minutes: 30, share: 0.5 }, { minutes: 45, share: 0.2 }, { minutes: 60, share: 0.2 }]; // mean 37.5
// The 15-minute visits become 30-minute ones (Bradford's Ethical Care Charter policy): mean 39 minutes.
const WITHOUT_15 = [{ minutes: 30, share: 0.6 }, { minutes: 45, share: 0.2 }, { minutes: 60, share: 0.2 }];

describe("compareVisitMixes on the 18 Leicestershire County Council lots", () => {
  let s: RealSet;
  let cmp: VisitMixComparison;
  beforeAll(async () => {
    s = realSet("county");
    const design = designLots(s.areas, s.adjacency, s.demand.hours, { lotsPerParent: { [ELR]: 8, [WL]: 10 }, seed: 2019 });
    cmp = await compareVisitMixes(design, s.areas, s.demand.hours, { baseline: WITH_15, alternative: WITHOUT_15 }, { staffMix: { drive: 0.7, walk: 0.2, transit: 0.1 } });
  });

  it("reports both policies per lot: longer mean visits, fewer visits, the same hours", () => {
    expect(cmp.lots).toHaveLength(18);
    for (const l of cmp.lots) {
      expect(l.baseline.meanVisitMinutes).toBeCloseTo(37.5, 12);
      expect(l.alternative.meanVisitMinutes).toBeCloseTo(39, 12);
      expect(l.alternative.visitsPerWeek / l.baseline.visitsPerWeek).toBeCloseTo(37.5 / 39, 12);
      expect(cmp.baseline.lots.find((x) => x.lotId === l.lotId)!.hours).toBe(l.hours);
    }
    expect(cmp.totals.hours).toBe(20317);
  });

  it("driving and walking travel per contact hour fall by exactly √(37.5 / 39) at the same hours (legs √(39/37.5) longer, 37.5/39 as many per hour)", () => {
    const f = Math.sqrt(37.5 / 39);
    for (const l of cmp.baseline.lots) {
      const a = cmp.alternative.lots.find((x) => x.lotId === l.lotId)!;
      expect(a.travelMinutesPerContactHour.drive! / l.travelMinutesPerContactHour.drive!).toBeCloseTo(f, 12);
      expect(a.travelMinutesPerContactHour.walk! / l.travelMinutesPerContactHour.walk!).toBeCloseTo(f, 12);
      // Per visit, travel rises: each visit's legs are longer.
      expect(a.travelMinutesPerVisit.drive!).toBeGreaterThan(l.travelMinutesPerVisit.drive!);
    }
  });

  it("every lot's blended travel and cost per contact hour fall, and the changes add up to the totals", () => {
    for (const l of cmp.lots) {
      expect(l.change.travelMinutesPerContactHour!).toBeLessThan(0);
      expect(l.change.costPerContactHour!).toBeLessThan(0);
      expect(l.change.weeklyCost).toBeCloseTo(l.alternative.weeklyCost! - l.baseline.weeklyCost!, 9);
      expect(l.change.travelHoursPerWeek).toBeCloseTo((l.change.travelMinutesPerContactHour! * l.hours) / 60, 9);
      expect(l.baseline.travelMinutesPerVisit).toBeCloseTo((l.baseline.travelMinutesPerContactHour! * 37.5) / 60, 12);
    }
    expect(cmp.totals.weeklyCostChange).toBeCloseTo(cmp.lots.reduce((t, l) => t + l.change.weeklyCost!, 0), 6);
    expect(cmp.totals.travelHoursPerWeekChange).toBeCloseTo(cmp.lots.reduce((t, l) => t + l.change.travelHoursPerWeek!, 0), 6);
    expect(cmp.totals.weeklyCostChange!).toBeLessThan(0);
  });
});

describe("compareVisitMixes: bad input", () => {
  const plan = { lots: [{ id: "L1", areaIds: ["A"] }] };
  const areas = [{ id: "A", lonLat: [-1.75, 53.79] as [number, number], areaKm2: 3, urbanRural: "urban" as const }];
  it("rejects a policy whose shares do not sum to 1, naming it, and a visitMix in the options", async () => {
    const e = await asyncErrorOf(() => compareVisitMixes(plan, areas, { A: 100 }, { baseline: WITH_15, alternative: [{ minutes: 30, share: 0.7 }] }));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("policies.alternative");
    expect(e.message).toContain("sum to 0.7");
    const e2 = await asyncErrorOf(() => compareVisitMixes(plan, areas, { A: 100 }, { baseline: WITH_15, alternative: WITHOUT_15 }, { visitMix: WITH_15 } as never));
    expect(e2.message).toContain("options.visitMix");
  });
});

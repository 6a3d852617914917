import { describe, expect, it } from "vitest";
import {
  allocate,
  allocationInputFrom,
  areasFromBoundaries,
  boundaryAdjacency,
  computeCoverage,
  designLots,
  evaluateLots,
  lotCoverage,
  runStudy,
  STUDY_STAGES,
  straightLineTravel,
  withdrawalSweep,
  type StudyInput,
  type StudyProgress,
  type TravelTimeSource,
} from "../../src/index.js";
import { asyncErrorOf } from "../helpers/errors.js";
import { STRIP_HOURS, stripBoundaries, stripProviders } from "./fixture.js";

const base = (): StudyInput => ({
  boundaries: stripBoundaries(),
  demand: { hours: STRIP_HOURS },
  lots: { design: { lotCount: 2, seed: 1 } },
  providers: stripProviders,
  travel: straightLineTravel(),
  thresholdMinutes: { drive: 30 },
});

describe("runStudy", () => {
  it("runStudy(input) returns each stage's result exactly as calling the public functions in order gives it", async () => {
    const input = base();
    const study = await runStudy(input);
    const areas = areasFromBoundaries(input.boundaries);
    const adjacency = boundaryAdjacency(input.boundaries);
    const design = designLots(areas, adjacency, STRIP_HOURS, { lotCount: 2, seed: 1 });
    const coverage = computeCoverage({ providers: stripProviders, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 30 } });
    const reach = lotCoverage(design, coverage, STRIP_HOURS);
    const allocationInput = allocationInputFrom({ plan: design, areas, demand: STRIP_HOURS, providers: stripProviders, reach });
    const allocation = await allocate(allocationInput);
    expect(study.areas).toEqual(areas);
    expect(study.plan).toEqual(design);
    expect(study.design).toEqual(design);
    expect(study.evaluation).toEqual(evaluateLots(design, areas, adjacency, STRIP_HOURS, { boundaries: input.boundaries, bridges: [...design.bridges] }));
    expect(study.reach).toEqual(reach);
    expect(study.allocationInput).toEqual(allocationInput);
    const { timeSec: _a, ...got } = study.allocation!;
    const { timeSec: _b, ...want } = allocation;
    expect(got).toEqual(want);
    expect(study.withdrawal!.scenarios).toEqual((await withdrawalSweep(allocation)).scenarios);
    expect(study.relet).toBeNull();
    expect(study.security).toBeNull();
    expect(study.stages.map((s) => [s.stage, s.ran])).toEqual(STUDY_STAGES.map((s) => [s, s !== "relet" && s !== "security"]));
  });

  it("runStudy(input) splits each lot's hours by its areas' class: the west lot 80 urban hours, the east lot 80 rural", async () => {
    const study = await runStudy(base(), { withdrawal: false });
    const lots = study.allocationInput!.lots;
    const west = study.plan.lots.find((l) => l.areaIds.includes("A0"))!;
    const east = study.plan.lots.find((l) => l.areaIds.includes("A3"))!;
    expect(west.areaIds).toEqual(["A0", "A1"]);
    expect(lots.find((l) => l.id === west.id)).toEqual({ id: west.id, urbanHours: 80, ruralHours: 0 });
    expect(lots.find((l) => l.id === east.id)).toEqual({ id: east.id, urbanHours: 0, ruralHours: 80 });
    // every provider reaches all of both lots: 2 lots × 3 providers, share 1
    expect(study.allocationInput!.eligibility).toHaveLength(6);
    expect(study.allocationInput!.eligibility.every((e) => e.share === 1)).toBe(true);
    expect(study.allocation!.summary).toMatchObject({ outcome: "all_let", let: 2, unlet: 0, unmetHours: 0 });
  });

  it("runStudy(input, { allocation: false }) stops before the allocation: no allocation, withdrawal, relet or security", async () => {
    const study = await runStudy(base(), { allocation: false, relet: { providers: "largest-lead" }, security: {} });
    expect(study.reach).not.toBeNull();
    expect([study.allocationInput, study.allocation, study.withdrawal, study.relet, study.security]).toEqual([null, null, null, null, null]);
  });

  it("runStudy(input, { coverage: false }) needs no providers or travel and stops after the lots", async () => {
    const { providers: _p, travel: _t, thresholdMinutes: _m, ...rest } = base();
    const study = await runStudy(rest, { coverage: false });
    expect(study.plan.lots).toHaveLength(2);
    expect(study.evaluation).not.toBeNull();
    expect([study.coverage, study.reach, study.allocation]).toEqual([null, null, null]);
  });

  it("runStudy(input) without providers names the missing field and the way to stop early", async () => {
    const { providers: _p, ...rest } = base();
    const e = await asyncErrorOf(() => runStudy(rest));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("input.providers");
    expect(e.message).toContain("coverage: false");
  });

  it("runStudy(input, options) refuses an unknown option or input field (a typo is not ignored)", async () => {
    expect((await asyncErrorOf(() => runStudy(base(), { alocation: false } as never))).message).toContain("options.alocation");
    expect((await asyncErrorOf(() => runStudy({ ...base(), polcy: {} } as never))).message).toContain("input.polcy");
  });

  it("runStudy(input, { lots: { plan } }) evaluates and allocates a plan given, with no design", async () => {
    const study = await runStudy({ ...base(), lots: { plan: { lots: [{ id: "X", areaIds: ["A0", "A1", "A2"] }, { id: "Y", areaIds: ["A3"] }] } } }, { withdrawal: false });
    expect(study.design).toBeNull();
    expect(study.allocationInput!.lots).toEqual([
      { id: "X", urbanHours: 80, ruralHours: 20 },
      { id: "Y", urbanHours: 0, ruralHours: 60 },
    ]);
    expect(study.evaluation!.lots.map((l) => l.hours)).toEqual([100, 60]);
  });

  it("runStudy(input, { relet: { providers: 'largest-lead' }, security: {} }) withdraws the lead of most lots and finds an N-1-secure plan", async () => {
    const study = await runStudy(base(), { relet: { providers: "largest-lead" }, security: {} });
    const leads = study.allocation!.providers.filter((p) => p.leadLots.length > 0).sort((a, b) => b.leadLots.length - a.leadLots.length || b.hours - a.hours);
    expect(study.relet!.withdrawn).toEqual([leads[0]!.providerId]);
    expect(study.security!.security!.priceOfSecurityWeekly).toBeGreaterThanOrEqual(0);
    expect(study.security!.security!.plainWeeklyCost).toBeCloseTo(study.allocation!.weeklyCost, 6);
  });

  it("runStudy(input, { onProgress }) reports start and done for each stage that runs and skipped for the others, in stage order", async () => {
    const seen: StudyProgress[] = [];
    await runStudy(base(), { withdrawal: false, onProgress: (p) => seen.push(p) });
    const events = seen.map((p) => `${p.stage}:${p.state}`);
    expect(events.slice(0, 4)).toEqual(["areas:start", "areas:done", "adjacency:start", "adjacency:done"]);
    expect(events).toContain("withdrawal:skipped");
    expect(events.at(-1)).toBe("security:skipped");
    expect(seen.every((p) => p.of === STUDY_STAGES.length && STUDY_STAGES[p.index] === p.stage)).toBe(true);
  });

  it("runStudy(input, { signal }) with an aborted signal is cancelled", async () => {
    const c = new AbortController();
    c.abort();
    expect((await asyncErrorOf(() => runStudy(base(), { signal: c.signal }))).code).toBe("cancelled");
  });

  it("runStudy(input) awaits an asynchronous travel source and keeps its matrix", async () => {
    const sync = straightLineTravel();
    const asyncSource: TravelTimeSource = { matrix: async (o, d, m) => sync.matrix(o, d, m) };
    const a = await runStudy({ ...base(), travel: asyncSource }, { allocation: false });
    const b = await runStudy(base(), { allocation: false });
    expect(a.reach).toEqual(b.reach);
    expect(a.travelMatrix!.modes).toEqual(["drive"]);
  });

  it("runStudy(input, { estimate }) spreads a total by a weight column and keeps the estimate", async () => {
    const rows = [{ id: "A0", w: 1 }, { id: "A1", w: 1 }, { id: "A2", w: 1 }, { id: "A3", w: 1 }];
    const study = await runStudy({ ...base(), demand: { estimate: { rows, options: { totalHours: 10, weightBy: "w" } } } }, { coverage: false });
    expect(study.demand).toEqual({ A0: 3, A1: 3, A2: 2, A3: 2 });
    expect(study.demandEstimate!.weightColumn).toBe("w");
  });

  it("a Study is plain frozen data whose String() is a short summary, not the polygons", async () => {
    const study = await runStudy(base(), { withdrawal: false });
    expect(Object.isFrozen(study)).toBe(true);
    expect(Object.keys(study)).not.toContain("toString");
    const text = String(study);
    expect(text.split("\n")[0]).toBe("Study: 4 areas, 160.0 h/week, 2 lots (feasible), 3 providers");
    expect(text).toContain("allocation: All 2 lots let with a lead; no hours unmet.");
    expect(text.length).toBeLessThan(1000);
  });
});

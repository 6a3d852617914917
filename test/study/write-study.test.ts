import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  areasFromBoundaries,
  boundaryAdjacency,
  computeCoverage,
  demandFromRows,
  demandToRows,
  designLots,
  lastResortFrom,
  lotCoverage,
  planFromRows,
  planToRows,
  providersFromRows,
  providersReachingAreas,
  providersToRows,
  renderStudy,
  runStudy,
  straightLineTravel,
} from "../../src/index.js";
import { studyFiles, writeStudy } from "../../src/node/index.js";
import { securitySummary } from "../../src/report/allocation-report-rows.js";
import { errorOf } from "../helpers/errors.js";
import { STRIP_HOURS, stripBoundaries, stripProviders } from "./fixture.js";

const input = () => ({
  boundaries: stripBoundaries(),
  demand: { hours: STRIP_HOURS },
  lots: { design: { lotCount: 2, seed: 1 } },
  providers: stripProviders,
  travel: straightLineTravel(),
  thresholdMinutes: { drive: 30 },
});

describe("writeStudy", () => {
  it("writeStudy(dir, study) writes one file per table of the stages that ran, named after the Study field, plus map, report and summary", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lotwise-study-"));
    const study = await runStudy(input(), { relet: { providers: ["P1"] } });
    const names = await writeStudy(dir, study);
    expect(names).toEqual([
      "allocation-hours.csv",
      "allocation-lots.csv",
      "allocation-providers.csv",
      "coverage.csv",
      "demand.csv",
      "lot-areas.csv",
      "lots.csv",
      "lots.geojson",
      "map.svg",
      "providers.csv",
      "relet-lots.csv",
      "report.html",
      "report.md",
      "summary.json",
      "withdrawal.csv",
    ]);
    expect((await readdir(dir)).sort()).toEqual(names);
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8"));
    expect(summary.files).toEqual(names);
    expect(summary.allocation.outcome).toBe("all_let");
    expect(summary.relet.withdrawn).toEqual(["P1"]);
    // the report leads with the outcome in words, before the solver status
    const md = await readFile(join(dir, "report.md"), "utf8");
    expect(md.indexOf("**Outcome:** All 2 lots let with a lead")).toBeGreaterThan(0);
    expect(md.indexOf("**Outcome:**")).toBeLessThan(md.indexOf("solver status"));
    expect(md).toContain("## Withdrawal of P1: lots re-let");
  });

  it("a study stopped after the lots writes no coverage or allocation tables; reportPrefix renames map, report and summary only", async () => {
    const { providers: _p, travel: _t, thresholdMinutes: _m, ...rest } = input();
    const study = await runStudy(rest, { coverage: false });
    const names = (await studyFiles(study, { reportPrefix: "design-" })).map((f) => f.name);
    expect(names).toEqual(["demand.csv", "design-map.svg", "design-report.html", "design-report.md", "design-summary.json", "lot-areas.csv", "lots.csv", "lots.geojson"]);
    expect(errorOf(() => renderStudy(study, { thinReach: { minProviders: 0 } })).message).toBeDefined();
  });

  it("two studies of the same input write byte-identical files", async () => {
    const a = await studyFiles(await runStudy(input()));
    const b = await studyFiles(await runStudy(input()));
    expect(a).toEqual(b);
  });

  it("lots.csv and lot-areas.csv read back as the plan; demand.csv as the demand; providers.csv as the providers", async () => {
    const study = await runStudy(input(), { allocation: false });
    expect(planFromRows(planToRows(study.plan) as never).lots.map((l) => [l.id, l.areaIds])).toEqual(study.plan.lots.map((l) => [l.id, l.areaIds]));
    expect(demandFromRows(demandToRows(study.demand) as never)).toEqual(STRIP_HOURS);
    const back = providersFromRows(providersToRows(stripProviders) as never);
    expect(back.map((p) => [p.id, p.lonLat, p.capacityHours, p.ratePerHour, p.staffMix])).toEqual(stripProviders.map((p) => [p.id, p.lonLat, p.capacityHours, p.ratePerHour, p.staffMix]));
    expect(providersToRows(stripProviders)[0]).toMatchObject({ name: "Acorn Care", postcode: "LE1 1AA" });
    expect(errorOf(() => demandToRows(STRIP_HOURS, { properties: ["x"] })).message).toContain("options.boundaries");
  });
});

describe("connectors", () => {
  it("providersReachingAreas(coverage, { modes }) lists, per area, the providers within the threshold (by hand on the strip)", () => {
    const b = stripBoundaries();
    const areas = areasFromBoundaries(b);
    const coverage = computeCoverage({ providers: stripProviders, areas, travel: straightLineTravel(), thresholdMinutes: { drive: 30, walk: 20 } });
    const all = providersReachingAreas(coverage);
    expect(Object.keys(all)).toEqual(["A0", "A1", "A2", "A3"]);
    for (const id of Object.keys(all)) expect(all[id]).toEqual(["P1", "P2", "P3"]);
    // Walking 20 min reaches well under 3 km: each provider is about 0.65 km from the centre of the area it
    // sits in (A0, A1, A3) and at least 3 km from every other centre, and nobody sits in A2.
    const walk = providersReachingAreas(coverage, { modes: ["walk"] });
    expect(walk).toEqual({ A0: ["P1"], A1: ["P2"], A2: [], A3: ["P3"] });
    expect(errorOf(() => providersReachingAreas(coverage, { modes: ["cycle"] })).message).toContain("did not assess cycle");
  });

  it("lastResortFrom(providers, reach) keeps id, capacity, rate and canLead (false by default) and the positive shares", () => {
    const lr = lastResortFrom([{ ...stripProviders[0]!, id: "HART" }], [
      { providerId: "HART", lotId: "L2", share: 0.5, nonDrivingShare: 0, byMode: {}, lotDemandHours: 10 },
      { providerId: "HART", lotId: "L1", share: 0, nonDrivingShare: 0.2, byMode: {}, lotDemandHours: 10 },
    ]);
    expect(lr).toEqual({ providers: [{ id: "HART", capacityHours: 200, ratePerHour: 20, canLead: false }], eligibility: [{ lotId: "L2", providerId: "HART", share: 0.5 }] });
  });

  it("runStudy with last-resort providers given with a base computes their reach and passes it to allocate as lastResort", async () => {
    const hart = { ...stripProviders[1]!, id: "HART", capacityHours: 50, ratePerHour: 30 };
    const study = await runStudy({ ...input(), lastResort: { providers: [hart] } }, { withdrawal: false });
    expect(study.lastResortReach!.every((r) => r.providerId === "HART" && r.share === 1)).toBe(true);
    expect(study.allocationInput!.lastResort!.providers).toEqual([{ id: "HART", capacityHours: 50, ratePerHour: 30, canLead: false }]);
    expect(study.allocation!.providers.some((p) => p.providerId === "HART")).toBe(false);
  });

  it("designLots(..., { lotIdPrefix }) names lots by the prefix of their parent, and refuses an unknown parent or a repeated prefix", () => {
    const b = stripBoundaries();
    const areas = areasFromBoundaries(b, { parentProperty: "ccg" });
    const adj = boundaryAdjacency(b);
    expect(designLots(areas, adj, STRIP_HOURS, { lotsPerParent: { C1: 2 }, lotIdPrefix: { C1: "WEST" } }).lots.map((l) => l.id)).toEqual(["WEST-01", "WEST-02"]);
    expect(errorOf(() => designLots(areas, adj, STRIP_HOURS, { lotsPerParent: { C1: 2 }, lotIdPrefix: { C9: "X" } })).code).toBe("unknown_id");
    const two = areas.map((a, i) => ({ ...a, parent: i < 2 ? "C1" : "C2" }));
    expect(errorOf(() => designLots(two, adj, STRIP_HOURS, { lotsPerParent: { C1: 1, C2: 1 }, lotIdPrefix: { C1: "C2" } })).message).toContain("lot ids would repeat");
    expect(designLots(two, adj, STRIP_HOURS, { lotsPerParent: { C1: 1, C2: 1 }, lotIdPrefix: { C1: "W", C2: "E" } }).lots.map((l) => l.id)).toEqual(["E-01", "W-01"]);
  });

  it("securitySummary says a worst case is not proven when the search stopped at the time limit", () => {
    const security = { secure: false, worstAddedUnmetHours: 10, worstProviderId: "A", priceOfSecurityWeekly: 0, priceOfSecurityAnnual: 0, plainWeeklyCost: 100, scenarios: [] } as never;
    expect(securitySummary({ security, weeklyCost: 100, status: "timeLimit" })[0]![1]).toContain("not proven");
    expect(securitySummary({ security, weeklyCost: 100, status: "optimal" })[0]![1]).toContain("the least worst case leaves 10.0 h/week unmet");
  });
});

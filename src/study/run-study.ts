// runStudy: the whole pipeline in one call, made only of public functions called in order. Each stage's
// options are passed to its function as they are (the study's signal is added where a stage takes one and
// sets none); its result is kept as returned. The Study is plain data: no methods, no I/O.
import { allocate } from "../allocate/allocate.js";
import type { AllocationResult } from "../allocate/types.js";
import { simulateWithdrawal, withdrawalSweep } from "../allocate/withdrawal.js";
import { boundaryAdjacency } from "../boundaries/adjacency.js";
import { areasFromBoundaries } from "../boundaries/areas.js";
import { computeCoverage } from "../coverage/coverage.js";
import { lotCoverage } from "../coverage/lot-coverage.js";
import { type TravelTimeSource, TRAVEL_MODES, type DemandHours, type Id, type TravelMatrix } from "../domain/index.js";
import { estimateDemand } from "../demand/estimate-demand.js";
import { LotwiseError, invalid } from "../errors.js";
import { nowMs } from "../internal/clock.js";
import { demandFromRows } from "../io/rows.js";
import { designLots } from "../lots/design-lots.js";
import { evaluateLots } from "../lots/evaluate-lots.js";
import { largestLead } from "../report/allocation-report-rows.js";
import type { LastResort } from "../schema/allocation.js";
import { allocationInputFrom, lastResortFrom } from "./allocation-input.js";
import { attachStudySummary } from "./summary.js";
import { STUDY_STAGES, type Study, type StudyInput, type StudyOptions, type StudyStage, type StudyStageRecord } from "./types.js";

const INPUT_KEYS = new Set(["boundaries", "areas", "demand", "lots", "providers", "travel", "thresholdMinutes", "policy", "lastResort"]);
const OPTION_KEYS = new Set(["areas", "adjacency", "evaluation", "coverage", "allocation", "withdrawal", "relet", "security", "signal", "onProgress"]);

function checkKeys(value: unknown, keys: ReadonlySet<string>, name: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) invalid([name], value, "expected an object");
  for (const k of Object.keys(value)) {
    if (!keys.has(k)) invalid([name, k], (value as Record<string, unknown>)[k], `unknown field; expected one of ${[...keys].join(", ")}`);
  }
}

const isSource = (t: unknown): t is TravelTimeSource => typeof (t as { matrix?: unknown } | null)?.matrix === "function";

/**
 * Runs a whole commissioning study: areas → adjacency → demand → lots (designed, or a plan given) → lot
 * evaluation → coverage → reach per lot → allocation input → allocation → withdrawal sweep → one withdrawal
 * lot by lot (optional) → N-1-secure allocation (optional). Every stage is a public function, called in
 * that order with the options given for it (see {@link StudyOptions}); `false` stops a stage and those that
 * need it.
 *
 * - areas: `input.areas`, or `areasFromBoundaries(boundaries, options.areas)`;
 * - adjacency: `boundaryAdjacency(boundaries, options.adjacency)`;
 * - demand: `input.demand.hours`, `demandFromRows(rows)`, or `estimateDemand(rows, options)`;
 * - plan: `designLots(areas, adjacency, demand, input.lots.design)`, or `input.lots.plan`;
 * - evaluation: `evaluateLots(plan, areas, adjacency, demand, options.evaluation)`;
 * - coverage: `computeCoverage({ providers, areas, travel, thresholdMinutes })` (an asynchronous source's
 *   matrix is awaited first);
 * - reach: `lotCoverage(plan, coverage, demand)`;
 * - allocation input: `allocationInputFrom({ plan, areas, demand, providers, reach }, { policy, lastResort })`;
 * - allocation: `allocate(allocationInput, options.allocation)`;
 * - withdrawal: `withdrawalSweep(allocation, options.withdrawal)`;
 * - relet: `simulateWithdrawal(allocation, providers, options.relet.options)` (`"largest-lead"`: `largestLead(allocation)`);
 * - security: `allocate(allocationInput, { ...options.security, security: "n-1" })`.
 *
 * @param input - boundaries, demand, lots, and from the coverage stage on providers, travel and thresholds
 *   (see {@link StudyInput}).
 * @param options - per-stage options, `signal`, `onProgress` (see {@link StudyOptions}).
 * @returns the {@link Study}: each stage's result, `null` for stages that did not run.
 * @throws {LotwiseError} `invalid_input` for an unknown field or a missing input a stage needs (naming it);
 *   whatever a stage's function throws for its input; `cancelled` when the signal aborts.
 * @example
 * ```ts
 * import { loadBoundaries, runStudy, straightLineTravel } from "lotwise";
 * const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52.6], [x + 0.05, 52.6], [x + 0.05, 52.65], [x, 52.65], [x, 52.6]]] });
 * const boundaries = loadBoundaries({ type: "FeatureCollection", features: [0, 1, 2, 3].map((i) => ({ type: "Feature",
 *   properties: { code: `A${i}`, urban_rural: "Urban" }, geometry: sq(-1.2 + i * 0.05) })) }, { idProperty: "code" });
 * const mix = { drive: 1, walk: 0, cycle: 0, transit: 0 };
 * const study = await runStudy({
 *   boundaries,
 *   demand: { hours: { A0: 40, A1: 40, A2: 40, A3: 40 } },
 *   lots: { design: { lotCount: 2 } },
 *   providers: ["P1", "P2", "P3"].map((id, i) => ({ id, lonLat: [-1.15 + i * 0.05, 52.62] as [number, number], capacityHours: 200, ratePerHour: 20 + i, staffMix: mix })),
 *   travel: straightLineTravel(),
 *   thresholdMinutes: { drive: 30 },
 * });
 * study.plan.lots.length; // 2
 * study.allocation?.summary.headline; // "All 2 lots let with a lead; no hours unmet."
 * ```
 */
export async function runStudy(input: StudyInput, options: StudyOptions = {}): Promise<Study> {
  checkKeys(input, INPUT_KEYS, "input");
  checkKeys(options, OPTION_KEYS, "options");
  const t0 = nowMs();
  const records: StudyStageRecord[] = [];
  const signal = options.signal;
  const report = (stage: StudyStage, state: "start" | "done" | "skipped"): void =>
    options.onProgress?.({ stage, index: STUDY_STAGES.indexOf(stage), of: STUDY_STAGES.length, state, elapsedSec: (nowMs() - t0) / 1000 });
  const checkSignal = (): void => {
    if (signal?.aborted === true) throw new LotwiseError("cancelled", "The study was cancelled through its AbortSignal.", signal.reason === undefined ? {} : { cause: signal.reason });
  };
  async function stage<T>(name: StudyStage, run: boolean, f: () => T | Promise<T>): Promise<T | null> {
    checkSignal();
    if (!run) {
      report(name, "skipped");
      records.push({ stage: name, ran: false, timeSec: 0 });
      return null;
    }
    report(name, "start");
    const s = nowMs();
    const value = await f();
    records.push({ stage: name, ran: true, timeSec: (nowMs() - s) / 1000 });
    report(name, "done");
    return value;
  }
  /** Stage options with the study's signal added when they take one and set none. */
  const withSignal = <O extends object>(o: O | undefined): O => (signal === undefined || (o as { signal?: unknown } | undefined)?.signal !== undefined ? ({ ...o } as O) : ({ ...o, signal } as O));

  const { boundaries } = input;
  const areas = (await stage("areas", true, () => input.areas ?? areasFromBoundaries(boundaries, options.areas ?? {})))!;
  const adjacency = (await stage("adjacency", true, () => boundaryAdjacency(boundaries, options.adjacency ?? {})))!;
  let demandEstimate: Study["demandEstimate"] = null;
  const demand = (await stage("demand", true, (): DemandHours => {
    const d = input.demand as Record<string, unknown> | undefined;
    if (typeof d !== "object" || d === null) return invalid(["input", "demand"], d, "expected { hours }, { rows } or { estimate: { rows, options } }");
    if ("hours" in d) return d.hours as DemandHours;
    if ("rows" in d) return demandFromRows(d.rows as never);
    if ("estimate" in d) {
      const e = d.estimate as { rows?: unknown; options?: unknown } | undefined;
      demandEstimate = estimateDemand(e?.rows as never, e?.options as never);
      return demandEstimate.hours;
    }
    return invalid(["input", "demand"], d, "expected { hours }, { rows } or { estimate: { rows, options } }");
  }))!;
  const lotsIn = input.lots as Record<string, unknown> | undefined;
  const designOptions = typeof lotsIn === "object" && lotsIn !== null && "design" in lotsIn ? (lotsIn.design as object) : undefined;
  if (designOptions === undefined && (typeof lotsIn !== "object" || lotsIn === null || !("plan" in lotsIn))) invalid(["input", "lots"], lotsIn, "expected { design: options } or { plan }");
  let design: Study["design"] = null;
  const plan = (await stage("plan", true, () => {
    if (designOptions === undefined) return lotsIn!.plan as Study["plan"];
    design = designLots(areas, adjacency, demand, designOptions as never);
    return design;
  }))!;
  const evaluation = await stage("evaluation", options.evaluation !== false, () =>
    evaluateLots(plan, areas, adjacency, demand, options.evaluation === undefined ? { boundaries, ...(design === null ? {} : { bridges: [...design.bridges] }) } : options.evaluation || {}),
  );

  const wantCoverage = options.coverage !== false;
  if (wantCoverage) {
    for (const k of ["providers", "travel", "thresholdMinutes"] as const) {
      if (input[k] === undefined) invalid(["input", k], undefined, `the coverage stage needs input.${k} (or set options.coverage: false to stop after the lots)`);
    }
  }
  const providers = input.providers ?? [];
  const thresholdMinutes = input.thresholdMinutes ?? null;
  let travelMatrix: TravelMatrix | null = null;
  const coverage = await stage("coverage", wantCoverage, async () => {
    const thr = input.thresholdMinutes!;
    let travel = input.travel!;
    if (isSource(travel)) {
      const modes = typeof thr === "number" ? TRAVEL_MODES : TRAVEL_MODES.filter((m) => typeof thr === "object" && thr !== null && thr[m] !== undefined);
      travel = await travel.matrix(providers, areas, modes);
    }
    travelMatrix = travel;
    return computeCoverage({ providers, areas, travel, thresholdMinutes: thr });
  });
  const reach = await stage("reach", coverage !== null, () => lotCoverage(plan, coverage!, demand));
  // Last-resort providers given with a base: their reach is computed with the same travel and thresholds.
  const lr = input.lastResort;
  const lrWithBase = lr !== undefined && !("eligibility" in lr) ? lr.providers : null;
  let lastResortReach: Study["lastResortReach"] = null;
  if (reach !== null && lrWithBase !== null && lrWithBase.length > 0) {
    const thr = input.thresholdMinutes!;
    const src = input.travel!;
    const modes = typeof thr === "number" ? TRAVEL_MODES : TRAVEL_MODES.filter((m) => typeof thr === "object" && thr !== null && thr[m] !== undefined);
    const travel = isSource(src) ? await src.matrix(lrWithBase, areas, modes) : src;
    lastResortReach = lotCoverage(plan, computeCoverage({ providers: lrWithBase, areas, travel, thresholdMinutes: thr }), demand);
  }
  const lastResort = lr === undefined ? undefined : lrWithBase === null ? (lr as LastResort) : lastResortFrom(lrWithBase, lastResortReach ?? []);
  const allocationInput = await stage("allocationInput", reach !== null && options.allocation !== false, () =>
    allocationInputFrom({ plan, areas, demand, providers, reach: reach! }, { ...(input.policy === undefined ? {} : { policy: input.policy }), ...(lastResort === undefined ? {} : { lastResort }) }),
  );
  const allocation = await stage("allocation", allocationInput !== null, () => allocate(allocationInput!, withSignal(options.allocation || undefined)));
  const withdrawal = await stage("withdrawal", allocation !== null && options.withdrawal !== false, () => withdrawalSweep(allocation!, withSignal(options.withdrawal || undefined)));
  const reletOptions = options.relet === undefined ? false : options.relet;
  const reletIds: readonly Id[] | undefined =
    allocation === null || reletOptions === false
      ? undefined
      : reletOptions.providers === "largest-lead"
        ? (() => {
            const id = largestLead(allocation);
            return id === undefined ? undefined : [id];
          })()
        : reletOptions.providers;
  const relet = await stage("relet", reletIds !== undefined, () => simulateWithdrawal(allocation!, reletIds!, withSignal(reletOptions === false ? undefined : reletOptions.options)));
  const securityOptions = options.security === undefined ? false : options.security;
  const security: AllocationResult | null = await stage("security", allocationInput !== null && securityOptions !== false, () =>
    allocate(allocationInput!, { ...withSignal(securityOptions || undefined), security: "n-1" }),
  );

  const study: Study = {
    boundaries,
    areas,
    adjacency,
    demand,
    demandEstimate,
    plan,
    design,
    evaluation,
    providers,
    thresholdMinutes,
    travelMatrix,
    coverage,
    reach,
    lastResortReach,
    allocationInput,
    allocation,
    withdrawal,
    relet,
    security,
    stages: records,
  };
  return Object.freeze(attachStudySummary(study));
}

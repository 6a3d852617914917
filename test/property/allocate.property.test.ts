import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, generateAllocationInstance, highsSolver, isLotwiseError, simulateWithdrawal, verifySolution } from "../../src/index.js";
import type { AllocationInput, AllocationResult } from "../../src/index.js";
// Internal model builder: the MILP allocate() solves, so its HiGHS answer can be re-checked by verifySolution.
import { prepareAllocation } from "../../src/allocate/prepare.js";
import { buildAllocationModel } from "../../src/allocate/model.js";
import { AllocationInputSchema } from "../../src/schema/allocation.js";

// Property tests for allocate / simulateWithdrawal: random valid instances keep the invariants (capacity,
// shares, delivered + unmet = demand, the MILP point passes verifySolution, withdrawn hours = planned hours);
// random invalid input gives LotwiseError only. Each case is a HiGHS solve, so NUM_RUNS is small.
export const NUM_RUNS = 25;
export const NUM_RUNS_INVALID = 100;

const solver = highsSolver();
const TOL = 1e-6;

/** Random tiny hand-made instance: 1–3 lots, 2–4 providers, random eligibility with shares and capacities incl. 0. */
const tinyArb = fc
  .record({
    lots: fc.array(fc.record({ u: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true })), r: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })) }), { minLength: 1, maxLength: 3 }),
    providers: fc.array(fc.record({ cap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })), rate: fc.oneof(fc.constant(0), fc.double({ min: 10, max: 40, noNaN: true })) }), { minLength: 2, maxLength: 4 }),
    pairs: fc.array(fc.oneof(fc.constant(null), fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 12, maxLength: 12 }),
    leadShare: fc.constantFrom(0.5, 0.6, 0.9, 1),
    minProviders: fc.constantFrom(1, 2),
    maxLead: fc.constantFrom(1, 2, 3),
  })
  .map(({ lots, providers, pairs, leadShare, minProviders, maxLead }): AllocationInput => {
    const eligibility: { lotId: string; providerId: string; share: number }[] = [];
    lots.forEach((_, l) =>
      providers.forEach((_, p) => {
        const s = pairs[l * 4 + p];
        if (s !== null && s !== undefined) eligibility.push({ lotId: `L${l}`, providerId: `P${p}`, share: s });
      }),
    );
    return {
      lots: lots.map((x, l) => ({ id: `L${l}`, urbanHours: x.u, ruralHours: x.r })),
      providers: providers.map((x, p) => ({ id: `P${p}`, capacityHours: x.cap, ratePerHour: x.rate })),
      eligibility,
      policy: { leadShare, minProvidersPerLot: minProviders, maxLeadLotsPerProvider: maxLead, minProviderShare: leadShare === 1 ? 0 : 0.05 },
    };
  });

const generatedArb = fc.record({ lots: fc.integer({ min: 1, max: 6 }), providers: fc.integer({ min: 3, max: 10 }), candidatesPerLot: fc.integer({ min: 3, max: 6 }), seed: fc.integer({ min: 1, max: 1_000_000 }) }).map((o) => generateAllocationInstance(o).input);

/** Checks a plan against its input from the definitions (independently of how allocate builds it). */
function checkPlan(input: AllocationInput, plan: AllocationResult): void {
  expect(["optimal", "timeLimit"]).toContain(plan.status);
  const share = new Map(input.eligibility.map((e) => [`${e.lotId}|${e.providerId}`, e.share]));
  const cap = new Map(input.providers.map((p) => [p.id, p.capacityHours]));
  const used = new Map<string, number>();
  expect(plan.lots.map((l) => l.lotId)).toEqual(input.lots.map((l) => l.id).sort());
  expect(plan.providers.map((p) => p.providerId)).toEqual(input.providers.map((p) => p.id).sort());
  for (const lot of plan.lots) {
    const src = input.lots.find((l) => l.id === lot.lotId)!;
    const demand = src.urbanHours + src.ruralHours;
    expect(lot.demandHours).toBeCloseTo(demand, 6);
    expect(lot.unmetHours).toBeGreaterThanOrEqual(-TOL);
    expect(lot.deliveredHours + lot.unmetHours).toBeCloseTo(demand, 6);
    const pairs = [...(lot.lead !== null && lot.leadHours > 0 ? [{ providerId: lot.lead, hours: lot.leadHours }] : []), ...lot.supplementary];
    expect(pairs.reduce((s, x) => s + x.hours, 0)).toBeCloseTo(lot.deliveredHours, 6);
    for (const x of pairs) {
      const s = share.get(`${lot.lotId}|${x.providerId}`);
      expect(s).toBeDefined(); // no hours for an ineligible pair
      expect(x.hours).toBeGreaterThanOrEqual(-TOL);
      expect(x.hours).toBeLessThanOrEqual(s! * demand + TOL * Math.max(1, demand));
      used.set(x.providerId, (used.get(x.providerId) ?? 0) + x.hours);
    }
  }
  for (const p of plan.providers) {
    expect(p.hours).toBeCloseTo(used.get(p.providerId) ?? 0, 6);
    expect(p.hours).toBeLessThanOrEqual(cap.get(p.providerId)! + TOL * Math.max(1, cap.get(p.providerId)!));
  }
}

describe("allocate properties", () => {
  it("allocate(random tiny instance) keeps hours within capacity and share × demand, and delivered + unmet = demand per lot", async () => {
    await fc.assert(
      fc.asyncProperty(tinyArb, async (input) => {
        const plan = await allocate(input, { solver, relGap: 0, timeLimitSec: 20 });
        checkPlan(input, plan);
      }),
      { numRuns: NUM_RUNS, seed: 41 },
    );
  });

  it("allocate(generateAllocationInstance(random sizes and seed)) keeps the invariants and meets all demand (a feasible plan is planted)", async () => {
    await fc.assert(
      fc.asyncProperty(generatedArb, async (input) => {
        const plan = await allocate(input, { solver, timeLimitSec: 20 });
        checkPlan(input, plan);
        expect(plan.unmetHours).toBeCloseTo(0, 6);
      }),
      { numRuns: NUM_RUNS, seed: 42 },
    );
  });

  it("the MILP allocate solves, answered by HiGHS, passes verifySolution on random instances", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tinyArb, generatedArb), async (input) => {
        const am = buildAllocationModel(prepareAllocation(AllocationInputSchema.parse(input)), "milp");
        const r = await solver.solve(am.model, { timeLimitSec: 20 });
        expect(r.status).toBe("optimal");
        const rep = verifySolution(am.model, r);
        expect(rep.issues).toEqual([]);
        expect(rep.ok).toBe(true);
      }),
      { numRuns: NUM_RUNS, seed: 43 },
    );
  });

  it("simulateWithdrawal(plan, [p]) loses exactly p's planned hours and keeps per-lot hours conserved", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tinyArb, generatedArb), fc.nat(), async (input, pick) => {
        const plan = await allocate(input, { solver, timeLimitSec: 20 });
        expect(["optimal", "timeLimit"]).toContain(plan.status);
        const p = plan.providers[pick % plan.providers.length]!;
        const w = await simulateWithdrawal(plan, [p.providerId], { solver, timeLimitSec: 20 });
        expect(["optimal", "timeLimit"]).toContain(w.status);
        expect(w.lostHours).toBeCloseTo(p.hours, 6);
        expect(w.lots.reduce((s, l) => s + l.lostHours, 0)).toBeCloseTo(p.hours, 6);
        for (const l of w.lots) {
          // Lost hours are either re-placed or become unmet; none vanish (released hours of staying
          // providers count against what is re-placed).
          const placed = l.replacedHours.lead + l.replacedHours.supplementary + l.replacedHours.lastResort - l.releasedHours;
          expect(placed + l.addedUnmetHours).toBeCloseTo(l.lostHours, 6);
          expect(l.providers.find((x) => x.providerId === p.providerId)?.hoursAfter ?? 0).toBe(0);
        }
        expect(w.unmetHoursAfter - w.unmetHoursBefore).toBeCloseTo(w.addedUnmetHours, 6);
      }),
      { numRuns: NUM_RUNS, seed: 44 },
    );
  });

  it("allocate(random invalid input) rejects with LotwiseError only (NaN, negatives, unknown or duplicate ids, wrong types)", async () => {
    const bad = fc.constantFrom(Number.NaN, -1, Infinity, "5", null, undefined, {}, 1.5, -0.0001);
    const corrupt = fc.constantFrom(
      "lotHours",
      "capacity",
      "rate",
      "share",
      "unknownLot",
      "unknownProvider",
      "dupLot",
      "dupProvider",
      "dupPair",
      "emptyId",
      "policy",
      "extraKey",
      "notArray",
      "options",
    );
    await fc.assert(
      fc.asyncProperty(tinyArb, corrupt, bad, async (good, what, v) => {
        const input = structuredClone(good) as { lots: Record<string, unknown>[]; providers: Record<string, unknown>[]; eligibility: Record<string, unknown>[]; policy: Record<string, unknown> };
        let options: Record<string, unknown> = { solver, timeLimitSec: 5 };
        let mustFail = true;
        if (what === "lotHours") input.lots[0]!.urbanHours = v;
        if (what === "capacity") input.providers[0]!.capacityHours = v;
        if (what === "rate") input.providers[0]!.ratePerHour = v;
        if (what === "share") input.eligibility.push({ lotId: "L0", providerId: "P0", share: typeof v === "number" && v >= 0 && v <= 1 ? v + 2 : v });
        if (what === "unknownLot") input.eligibility.push({ lotId: "nope", providerId: "P0", share: 1 });
        if (what === "unknownProvider") input.eligibility.push({ lotId: "L0", providerId: "nope", share: 1 });
        if (what === "dupLot") input.lots.push({ ...input.lots[0]! });
        if (what === "dupProvider") input.providers.push({ ...input.providers[0]! });
        if (what === "dupPair") input.eligibility.push({ lotId: "L0", providerId: "P0", share: 1 }, { lotId: "L0", providerId: "P0", share: 0.5 });
        if (what === "emptyId") input.lots[0]!.id = "";
        if (what === "policy") input.policy.leadShare = v;
        if (what === "extraKey") input.providers[0]!.capacity = 5;
        if (what === "options") options = { solver, timeLimitSec: v };
        if (what === "notArray") (input as Record<string, unknown>).eligibility = v;
        if (what === "options" && (v === undefined || v === 1.5)) mustFail = false;
        if ((what === "lotHours" || what === "capacity" || what === "rate") && v === 1.5) mustFail = false;
        if (what === "policy" && (v === undefined || v === 1.5)) mustFail = v === 1.5;
        try {
          const plan = await allocate(input as never, options as never);
          expect(mustFail).toBe(false);
          checkPlan(input as AllocationInput, plan);
        } catch (e) {
          if (!isLotwiseError(e)) throw e;
          expect(e.message.length).toBeGreaterThan(10);
          expect(mustFail).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS_INVALID, seed: 45 },
    );
  });

  it("generateAllocationInstance(any sizes) returns a valid instance or throws LotwiseError (providers: 2 used to crash with a TypeError)", () => {
    fc.assert(
      fc.property(fc.record({ lots: fc.integer({ min: -1, max: 8 }), providers: fc.integer({ min: -1, max: 8 }), candidatesPerLot: fc.integer({ min: -1, max: 8 }), seed: fc.integer() }), (o) => {
        try {
          const { input, planted } = generateAllocationInstance(o);
          expect(input.lots.length).toBe(o.lots);
          expect(input.providers.length).toBe(o.providers);
          expect(Object.keys(planted.lots).length).toBe(o.lots);
        } catch (e) {
          if (!isLotwiseError(e)) throw e;
          expect(o.lots < 1 || o.providers < 3 || o.candidatesPerLot < 3).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS_INVALID, seed: 47 },
    );
  });

  it("simulateWithdrawal(plan, junk ids) rejects with LotwiseError only", async () => {
    const plan = await allocate(generateAllocationInstance({ lots: 2, providers: 4, seed: 3 }).input, { solver });
    expect(plan.status).toBe("optimal");
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.constant("P1"), fc.integer()), { maxLength: 4 })), async (ids) => {
        try {
          const w = await simulateWithdrawal(plan, ids as never, { solver });
          // Accepted: a list of distinct known ids; the lost hours are theirs.
          const list = ids as string[];
          expect(new Set(list).size).toBe(list.length);
          const planned = plan.providers.filter((p) => list.includes(p.providerId)).reduce((s, p) => s + p.hours, 0);
          expect(w.lostHours).toBeCloseTo(planned, 6);
        } catch (e) {
          if (!isLotwiseError(e)) throw e;
        }
      }),
      { numRuns: NUM_RUNS_INVALID, seed: 46 },
    );
  });
});

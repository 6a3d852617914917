/**
 * Re-letting after a withdrawal, under the same policy as allocate().
 *
 * Given a plan (hours x⁰_lp, contingency reserves q⁰_lp, a lead and a contingency per lot) and a set W of
 * providers who leave:
 *   A⁰ = lots where some w ∈ W delivers hours (x⁰_lw > 0), leads, or is the contingency;
 *   A  = A⁰ (`replan: "affected"`), A⁰ plus every lot where a staying provider active in A⁰ is active
 *        (`"neighbours"`; active = delivers hours, leads or is the contingency), or every lot (`"all"`).
 * Lots outside A keep their hours, reserves, lead and contingency. The lots in A are re-let by the
 * allocation model itself (model.ts, rows (1)-(14): the same policy code as allocate()) built on
 *   lots A, providers P \ W with
 *     c'_p = c_p − Σ_{l∉A} (x⁰_lp + q⁰_lp)     capacity net of the hours and reserves it keeps outside A
 *     K'_p = K_p − |{l ∉ A : p leads l}|        lead cap net of the lots it keeps leading,
 *   the plan's last-resort providers P^R (row (2) becomes s_l + Σ_{p∈P^R} x_lp ≥ d_l n_l: a lot that
 *   cannot be let gets no market hours, but last-resort hours may still cover it), and the plan's
 *   penalty π, so an unmet hour weighs what it weighed in the plan:
 *     min Σ_{l∈A,p} r_p w_l x_lp + π Σ_{l∈A} s_l   s.t. (1)-(14) on A with c', K'.
 * So a re-let lot has a new lead delivering ≥ α·d (or is not let, all its market hours unmet), at least m
 * providers each delivering ≥ f_l, a contingency other than the lead holding β × the lead's hours; and no
 * hour is placed on capacity another lot holds as its contingency reserve. One rule is made soft: a lot
 * that can be let but finds no contingency is let without one (column g_l of model.ts, weighed as one
 * unmet hour, γ = π) and reported in `lotsWithoutContingency`, rather than left vacant for want of a
 * reserve while its care can be delivered. The lead share and the minimum providers stay hard.
 * The after-plan is the old plan outside A and the solution in A. With `"all"` and no last-resort
 * providers this is exactly allocate() on the input without W (same model, same penalty).
 *
 * Reporting (per re-let lot): hours lost; gains of staying or new providers by their role afterwards
 * (lead, supplementary, last resort) and the hours staying providers no longer deliver (replaced −
 * released = lost − added unmet); reserve drawn = min(reserve before, hours the old contingency gained); the unmet hours with
 * the reason re-stated for a withdrawal (an eligible provider with no spare capacity left is
 * `capacity_exhausted`, not `no_eligible_provider`); and the cost of delivered hours like for like: cost
 * after − cost before × min(1, delivered after / delivered before), so hours that are no longer delivered
 * never read as a saving (they are unmet hours, priced apart at π).
 * @module
 */
import { LotwiseError, formatValue } from "../errors.js";
import { formatForMessage } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import type { ResolvedAllocationInput } from "../schema/allocation.js";
import type { Id } from "../domain/index.js";
import { prepareAllocation } from "./prepare.js";
import type { PreparedAllocation } from "./prepare.js";
import { clean } from "./result.js";
import { solvePrepared } from "./solve.js";
import type { PipelineOptions, UncheckedResult } from "./solve.js";
import { nowMs } from "../internal/clock.js";
import type { SolveStatus } from "../solvers/types.js";
import type {
  AllocationResult,
  LastResortUse,
  LotAllocation,
  ProviderAllocation,
  ProviderHours,
  ReplacedHours,
  UnmetReason,
  WithdrawalLotImpact,
  WithdrawalPlan,
  WithdrawalProviderChange,
  WithdrawalResult,
} from "./types.js";

const TOL = 1e-6;
const fmt = formatForMessage;

/** A plan indexed for re-letting: hours and reserves per eligible pair, roles per lot. @internal */
export interface PlanState {
  readonly plan: Pick<AllocationResult, "lots" | "input" | "weeklyCost" | "unmetHours">;
  /** The plan's input prepared without last-resort providers (lots and providers sorted by id). */
  readonly prep: PreparedAllocation;
  readonly lotIndex: ReadonlyMap<Id, number>;
  readonly provIndex: ReadonlyMap<Id, number>;
  /** Per pair of `prep`: hours delivered, contingency reserve held. */
  readonly hours: Float64Array;
  readonly reserve: Float64Array;
  /** Per lot: lead and contingency provider index (-1 for none); unmet hours, delivered hours, cost. */
  readonly leadOf: Int32Array;
  readonly contOf: Int32Array;
  readonly unmet: Float64Array;
  readonly delivered: Float64Array;
  readonly lotCost: Float64Array;
  /** Per provider: lots where it delivers hours, leads or is the contingency (ascending). */
  readonly active: readonly number[][];
  /** Per lot: providers active in it (ascending). */
  readonly lotActive: readonly number[][];
  /** The lots of the plan, by lot index. */
  readonly lots: readonly LotAllocation[];
}

function inconsistent(path: (string | number)[], message: string, input: unknown): LotwiseError {
  return new LotwiseError("invalid_input", `Invalid plan.${path.join(".")}: ${formatValue(input)}. ${message}`, { issues: [{ path: ["plan", ...path], message, input }] });
}

/**
 * Indexes a plan against its own input; throws `invalid_input` when a lot or a provider's hours do not
 * belong to the input (a plan that does not match its input).
 * @internal
 */
export function indexPlan(plan: Pick<AllocationResult, "lots" | "input" | "weeklyCost" | "unmetHours">): PlanState {
  const prep = prepareAllocation(plan.input);
  const { lotIds, providerIds, pairProv, lotPairStart } = prep;
  const L = lotIds.length;
  const Pn = providerIds.length;
  const lotIndex = new Map(lotIds.map((id, i) => [id, i] as const));
  const provIndex = new Map(providerIds.map((id, i) => [id, i] as const));
  const E = pairProv.length;
  const hours = new Float64Array(E);
  const reserve = new Float64Array(E);
  const leadOf = new Int32Array(L).fill(-1);
  const contOf = new Int32Array(L).fill(-1);
  const unmet = new Float64Array(L);
  const delivered = new Float64Array(L);
  const lotCost = new Float64Array(L);
  const lots: LotAllocation[] = new Array<LotAllocation>(L);
  if (plan.lots.length !== L) throw inconsistent(["lots", "length"], `The plan has ${plan.lots.length} lots, its input ${L}.`, plan.lots.length);
  const pairOf = (l: number, p: number): number => {
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) if (pairProv[e] === p) return e;
    return -1;
  };
  plan.lots.forEach((lot, i) => {
    const l = lotIndex.get(lot.lotId);
    if (l === undefined || lots[l] !== undefined) throw inconsistent(["lots", i, "lotId"], "Not a lot of the plan's input, or given twice.", lot.lotId);
    lots[l] = lot;
    const place = (id: Id, h: number, field: string): number => {
      const p = provIndex.get(id);
      const e = p === undefined ? -1 : pairOf(l, p);
      if (e < 0) throw inconsistent(["lots", i, field], `Provider ${formatValue(id)} is not eligible for lot ${formatValue(lot.lotId)} in the plan's input.`, id);
      hours[e] = hours[e]! + h;
      return e;
    };
    if (lot.lead !== null) {
      place(lot.lead, lot.leadHours, "lead");
      leadOf[l] = provIndex.get(lot.lead)!;
    }
    lot.supplementary.forEach((s, k) => place(s.providerId, s.hours, `supplementary.${k}.providerId`));
    if (lot.contingency !== null) {
      const e = place(lot.contingency, 0, "contingency");
      reserve[e] = lot.contingencyReserveHours;
      contOf[l] = provIndex.get(lot.contingency)!;
    }
    unmet[l] = lot.unmetHours;
    delivered[l] = lot.deliveredHours;
    lotCost[l] = lot.weeklyCost;
  });
  const active: number[][] = Array.from({ length: Pn }, () => []);
  const lotActive: number[][] = Array.from({ length: L }, () => []);
  for (let l = 0; l < L; l++) {
    for (let e = lotPairStart[l]!; e < lotPairStart[l + 1]!; e++) {
      const p = pairProv[e]!;
      if (hours[e]! > 0 || leadOf[l] === p || contOf[l] === p) {
        active[p]!.push(l);
        lotActive[l]!.push(p);
      }
    }
  }
  return { plan, prep, lotIndex, provIndex, hours, reserve, leadOf, contOf, unmet, delivered, lotCost, active, lotActive, lots };
}

/** Options of one re-letting. @internal */
export interface ReletOptions extends Omit<PipelineOptions, "formulation" | "warmStart" | "shadowPrices"> {
  readonly replan: "affected" | "neighbours" | "all";
  /** Use the plan's last-resort providers [true]. */
  readonly lastResort?: boolean;
}

/** The lots a withdrawal of W re-lets, with why. @internal */
export function replanLots(state: PlanState, W: ReadonlySet<number>, replan: ReletOptions["replan"]): Map<number, WithdrawalLotImpact["replanned"]> {
  const out = new Map<number, WithdrawalLotImpact["replanned"]>();
  for (const w of [...W].sort((a, b) => a - b)) for (const l of state.active[w]!) out.set(l, "affected");
  if (replan === "neighbours") {
    for (const l of [...out.keys()]) {
      for (const p of state.lotActive[l]!) {
        if (W.has(p)) continue;
        for (const k of state.active[p]!) if (!out.has(k)) out.set(k, "neighbour");
      }
    }
  } else if (replan === "all") {
    for (let l = 0; l < state.lots.length; l++) if (!out.has(l)) out.set(l, "plan");
  }
  return out;
}

/**
 * Re-lets the lots a withdrawal of `withdrawn` reaches (see the module header) and reports the scenario.
 * @internal
 */
export async function reletScenario(state: PlanState, withdrawn: readonly Id[], scenario: string, opts: ReletOptions): Promise<WithdrawalResult> {
  const t0 = nowMs();
  const { prep, plan } = state;
  const input = plan.input;
  const W = new Set(withdrawn.map((id) => state.provIndex.get(id)!));
  const scope = replanLots(state, W, opts.replan);
  const A = [...scope.keys()].sort((a, b) => a - b);
  const inA = new Uint8Array(prep.lotIds.length);
  for (const l of A) inA[l] = 1;

  // Residual capacity and lead cap of staying providers, net of what they keep outside A.
  const { pairLot, pairProv, lotIds, capacity, leadCap } = prep;
  const resid = Float64Array.from(capacity);
  const leadsLeft = Int32Array.from(leadCap);
  for (let e = 0; e < pairLot.length; e++) {
    if (inA[pairLot[e]!]) continue;
    const p = pairProv[e]!;
    resid[p] = resid[p]! - state.hours[e]! - state.reserve[e]!;
  }
  for (let l = 0; l < lotIds.length; l++) if (!inA[l] && state.leadOf[l]! >= 0) leadsLeft[state.leadOf[l]!]!--;

  const lotSet = new Set(A.map((l) => lotIds[l]!));
  const withdrawnIds = new Set(withdrawn);
  const useLastResort = opts.lastResort !== false && input.lastResort !== undefined;
  const sub: ResolvedAllocationInput = {
    lots: input.lots.filter((l) => lotSet.has(l.id)),
    providers: input.providers
      .filter((p) => !withdrawnIds.has(p.id))
      .map((p) => {
        const i = state.provIndex.get(p.id)!;
        return { id: p.id, capacityHours: Math.max(0, clean(resid[i]!)), ratePerHour: p.ratePerHour, maxLeadLots: Math.max(0, leadsLeft[i]!) };
      }),
    eligibility: input.eligibility.filter((e) => lotSet.has(e.lotId) && !withdrawnIds.has(e.providerId)),
    policy: { ...input.policy, unmetPenaltyPerHour: prep.penalty },
    ...(useLastResort ? { lastResort: { providers: input.lastResort!.providers, eligibility: input.lastResort!.eligibility.filter((e) => lotSet.has(e.lotId)) } } : {}),
  };
  const lastResortIds = new Set(useLastResort ? input.lastResort!.providers.map((p) => p.id) : []);

  let status: SolveStatus = "optimal";
  let gap: number | null = 0;
  let subResult: UncheckedResult | undefined;
  const warnings: string[] = [];
  if (A.length > 0) {
    const subPrep = prepareAllocation(sub, { lastResort: useLastResort, noContingencyPenalty: prep.penalty });
    const pipe: PipelineOptions = { formulation: "milp", warmStart: true, shadowPrices: false, timeLimitSec: opts.timeLimitSec, relGap: opts.relGap, solver: opts.solver, signal: opts.signal, onProgress: opts.onProgress };
    subResult = (await solvePrepared(subPrep, pipe)).result;
    status = subResult.status;
    gap = subResult.gap;
    for (const w of subResult.warnings) if (w.startsWith("Lot ") || w.startsWith("Solver") || w.startsWith("The solver")) warnings.push(w);
    if (subResult.lots.length === 0) warnings.push(`The re-letting found no plan (status ${status}): every hour of the re-let lots is reported unmet.`);
    if (useLastResort) {
      // Lots with their own rateWeight widen the range of weights beyond the policy's two.
      let minW = Math.min(input.policy.urbanWeight, input.policy.ruralWeight), maxW = Math.max(input.policy.urbanWeight, input.policy.ruralWeight);
      for (const w of prep.weight) (minW = Math.min(minW, w)), (maxW = Math.max(maxW, w));
      for (const p of input.lastResort!.providers) {
        if (p.ratePerHour * minW >= prep.penalty) {
          warnings.push(`Last-resort provider ${p.id} costs ${fmt(p.ratePerHour)}/h (up to ${fmt(p.ratePerHour * maxW)} weighted), not below the unmet-hour penalty ${fmt(prep.penalty)}: it is never used.`);
        }
      }
    }
  }
  const subLot = new Map<Id, LotAllocation>((subResult?.lots ?? []).map((l) => [l.lotId, l]));

  // Per re-let lot: before/after hours by provider, roles, reasons and costs.
  const rateOf = new Map<Id, number>(input.providers.map((p) => [p.id, p.ratePerHour]));
  for (const p of input.lastResort?.providers ?? []) rateOf.set(p.id, p.ratePerHour);
  const impacts: WithdrawalLotImpact[] = [];
  const afterLots: (LotAllocation & { lastResort: ProviderHours[] })[] = [];
  const lastResortUse = new Map<Id, { hours: number; cost: number; lots: Id[] }>();
  for (let l = 0; l < lotIds.length; l++) {
    const before = state.lots[l]!;
    if (!inA[l]) {
      afterLots.push({ ...before, lastResort: [] });
      continue;
    }
    const d = prep.demand[l]!;
    const got = subLot.get(lotIds[l]!) ?? notLet(before, prep, l, status);
    const market = got.supplementary.filter((s) => !lastResortIds.has(s.providerId));
    const lr = got.supplementary.filter((s) => lastResortIds.has(s.providerId));
    const after: LotAllocation & { lastResort: ProviderHours[] } = { ...got, supplementary: market, lastResort: lr };
    afterLots.push(after);
    const hb = new Map<Id, number>();
    if (before.lead !== null && before.leadHours > 0) hb.set(before.lead, before.leadHours);
    for (const s of before.supplementary) hb.set(s.providerId, (hb.get(s.providerId) ?? 0) + s.hours);
    const ha = new Map<Id, number>();
    if (got.lead !== null && got.leadHours > 0) ha.set(got.lead, got.leadHours);
    for (const s of got.supplementary) ha.set(s.providerId, (ha.get(s.providerId) ?? 0) + s.hours);
    let lost = 0;
    for (const [p, h] of hb) if (withdrawnIds.has(p)) lost += h;
    const ids = [...new Set([...hb.keys(), ...ha.keys()])].sort(compareIds);
    const providers: WithdrawalProviderChange[] = [];
    const replaced = { lead: 0, supplementary: 0, lastResort: 0 };
    let released = 0;
    let lrHours = 0;
    for (const p of ids) {
      const b = hb.get(p) ?? 0;
      const a = ha.get(p) ?? 0;
      const role: WithdrawalProviderChange["role"] = withdrawnIds.has(p) ? "withdrawn" : a <= 0 ? "none" : p === got.lead ? "lead" : lastResortIds.has(p) ? "lastResort" : "supplementary";
      providers.push({ providerId: p, role, hoursBefore: clean(b), hoursAfter: clean(a) });
      if (lastResortIds.has(p)) {
        lrHours += a;
        const u = lastResortUse.get(p) ?? { hours: 0, cost: 0, lots: [] };
        u.hours += a;
        u.cost += a * rateOf.get(p)! * prep.weight[l]!;
        u.lots.push(lotIds[l]!);
        lastResortUse.set(p, u);
      }
      if (withdrawnIds.has(p)) continue;
      if (a > b) {
        if (role === "lead") replaced.lead += a - b;
        else if (role === "lastResort") replaced.lastResort += a - b;
        else replaced.supplementary += a - b;
      } else released += b - a;
    }
    const contB = before.contingency;
    const drawn = contB !== null && !withdrawnIds.has(contB) ? Math.min(before.contingencyReserveHours, Math.max(0, (ha.get(contB) ?? 0) - (hb.get(contB) ?? 0))) : 0;
    const [reason, detail] = restateReason(got, prep, l, withdrawn, input, d);
    const costB = state.lotCost[l]!;
    const dB = state.delivered[l]!;
    const costA = got.weeklyCost;
    const dA = got.deliveredHours;
    const likeForLike = dB > 0 ? costA - costB * Math.min(1, dA / dB) : costA;
    impacts.push({
      lotId: lotIds[l]!,
      replanned: scope.get(l)!,
      demandHours: clean(d),
      lostHours: clean(lost),
      leadBefore: before.lead,
      leadAfter: got.lead,
      leadChanged: before.lead !== got.lead,
      contingencyBefore: contB,
      contingencyAfter: got.contingency,
      reserveBeforeHours: before.contingencyReserveHours,
      reserveAfterHours: got.contingencyReserveHours,
      reserveDrawnHours: clean(drawn),
      providers,
      replacedHours: { lead: clean(replaced.lead), supplementary: clean(replaced.supplementary), lastResort: clean(replaced.lastResort) },
      releasedHours: clean(released),
      lastResortHours: clean(lrHours),
      unmetHoursBefore: before.unmetHours,
      unmetHours: got.unmetHours,
      addedUnmetHours: clean(got.unmetHours - before.unmetHours),
      unmetReason: reason,
      unmetDetail: detail,
      deliveredCostBefore: clean(costB),
      deliveredCostAfter: clean(costA),
      deliveredCostChange: clean(likeForLike),
    });
  }

  const afterPlan = assemblePlan(afterLots, state, withdrawnIds);
  const sum = (f: (x: WithdrawalLotImpact) => number): number => clean(impacts.reduce((s, x) => s + f(x), 0));
  const replacedHours: ReplacedHours = { lead: sum((x) => x.replacedHours.lead), supplementary: sum((x) => x.replacedHours.supplementary), lastResort: sum((x) => x.replacedHours.lastResort) };
  const added = sum((x) => x.addedUnmetHours);
  const change = sum((x) => x.deliveredCostChange);
  const lastResort: LastResortUse[] = [...lastResortUse]
    .filter(([, u]) => u.hours > 0)
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([providerId, u]) => ({ providerId, hours: clean(u.hours), weeklyCost: clean(u.cost), lotIds: u.lots }));
  const vacant = impacts.filter((x) => x.leadBefore !== null && x.leadAfter === null).map((x) => x.lotId);
  if (change < -1e-6 && added > 1e-6) {
    warnings.push(
      `The cost of delivered hours falls by ${fmt(-change)} a week only alongside ${fmt(added)} more unmet hours a week` +
        (vacant.length > 0 ? `: capacity released by lots that cannot be re-let (${vacant.join(", ")}) is used in other lots. It is not a saving.` : ". It is not a saving."),
    );
  }
  let lostTotal = 0;
  for (let e = 0; e < pairProv.length; e++) if (W.has(pairProv[e]!)) lostTotal += state.hours[e]!;
  return {
    scenario,
    withdrawn: [...withdrawn].sort(compareIds),
    replan: opts.replan,
    status,
    gap,
    lostHours: clean(lostTotal),
    replacedHours,
    releasedHours: sum((x) => x.releasedHours),
    lastResortHours: sum((x) => x.lastResortHours),
    lastResort,
    unmetHoursBefore: plan.unmetHours,
    unmetHoursAfter: afterPlan.unmetHours,
    addedUnmetHours: added,
    unmetPenaltyPerHour: prep.penalty,
    addedUnmetPenaltyWeekly: clean(added * prep.penalty),
    deliveredCostBefore: plan.weeklyCost,
    deliveredCostAfter: afterPlan.weeklyCost,
    deliveredCostChange: change,
    deliveredCostChangeAnnual: clean(change * input.policy.weeksPerYear),
    reservesDrawnHours: sum((x) => x.reserveDrawnHours),
    lotsChangedLead: impacts.filter((x) => x.leadChanged).map((x) => x.lotId),
    lotsWithoutContingency: impacts.filter((x) => x.contingencyBefore !== null && x.contingencyAfter === null && x.leadAfter !== null).map((x) => x.lotId),
    lotsVacant: vacant,
    lots: impacts,
    plan: afterPlan,
    warnings: [...new Set(warnings)],
    timeSec: (nowMs() - t0) / 1000,
  };
}

/** The lot as not let (all hours unmet), when the re-letting returned no plan. */
function notLet(before: LotAllocation, prep: PreparedAllocation, l: number, status: SolveStatus): LotAllocation {
  const d = prep.demand[l]!;
  return {
    ...before,
    lead: null,
    leadHours: 0,
    leadShareMet: false,
    supplementary: [],
    contingency: null,
    contingencyReserveHours: 0,
    deliveredHours: 0,
    unmetHours: clean(d),
    unmetReason: d > 0 ? "policy" : null,
    unmetDetail: d > 0 ? `the re-letting returned no plan (status ${status})` : null,
    weeklyCost: 0,
  };
}

/**
 * The unmet reason of a re-let lot in withdrawal terms: all eligible providers withdrawn →
 * `no_eligible_provider`; eligible providers stay but have no spare capacity → `capacity_exhausted`; a
 * policy block is said to count capacity net of what providers hold in lots that are not re-let.
 */
function restateReason(got: LotAllocation, prep: PreparedAllocation, l: number, withdrawn: readonly Id[], input: ResolvedAllocationInput, d: number): [UnmetReason | null, string | null] {
  if (got.unmetHours <= 0 || got.unmetReason === null) return [got.unmetReason, got.unmetDetail];
  const lotId = prep.lotIds[l]!;
  const W = new Set(withdrawn);
  const eligible = input.eligibility.filter((e) => e.lotId === lotId && e.share > 0);
  const staying = eligible.filter((e) => !W.has(e.providerId));
  const lr = (input.lastResort?.eligibility ?? []).filter((e) => e.lotId === lotId && e.share > 0);
  if (staying.length === 0 && lr.length === 0) {
    const gone = eligible.map((e) => e.providerId).sort(compareIds);
    return ["no_eligible_provider", gone.length === 0 ? `no provider is eligible for this lot; all ${fmt(d)} weekly hours are unmet` : `every provider eligible for this lot has withdrawn (${gone.join(", ")}); ${fmt(got.unmetHours)} of ${fmt(d)} weekly hours are unmet`];
  }
  const net = "capacity counted net of the hours and reserves providers keep in lots that are not re-let";
  if (got.unmetReason === "no_eligible_provider") {
    return ["capacity_exhausted", `every provider eligible for this lot that stays has no spare capacity (${net}); ${fmt(got.unmetHours)} of ${fmt(d)} weekly hours are unmet`];
  }
  return [got.unmetReason, `${got.unmetDetail ?? ""} (${net})`];
}

/** Provider records and totals of the after-plan. */
function assemblePlan(lots: (LotAllocation & { lastResort: ProviderHours[] })[], state: PlanState, withdrawn: ReadonlySet<Id>): WithdrawalPlan {
  const rec = new Map<Id, { hours: number; reserved: number; cost: number; lots: { lotId: Id; hours: number; role: "lead" | "supplementary" }[]; lead: Id[]; cont: Id[] }>();
  for (const id of state.prep.providerIds) if (!withdrawn.has(id)) rec.set(id, { hours: 0, reserved: 0, cost: 0, lots: [], lead: [], cont: [] });
  let cost = 0;
  let unmet = 0;
  for (const lot of lots) {
    cost += lot.weeklyCost;
    unmet += lot.unmetHours;
    const lead = lot.lead !== null ? rec.get(lot.lead) : undefined;
    if (lead !== undefined && lot.lead !== null) {
      lead.lead.push(lot.lotId);
      if (lot.leadHours > 0) {
        lead.hours += lot.leadHours;
        lead.lots.push({ lotId: lot.lotId, hours: lot.leadHours, role: "lead" });
        lead.cost += lot.weeklyCost - lot.supplementary.reduce((s, x) => s + x.weeklyCost, 0) - lot.lastResort.reduce((s, x) => s + x.weeklyCost, 0);
      }
    }
    for (const s of lot.supplementary) {
      const r = rec.get(s.providerId);
      if (r === undefined) continue;
      r.hours += s.hours;
      r.cost += s.weeklyCost;
      r.lots.push({ lotId: lot.lotId, hours: s.hours, role: "supplementary" });
    }
    if (lot.contingency !== null) {
      const r = rec.get(lot.contingency);
      if (r !== undefined) {
        r.cont.push(lot.lotId);
        r.reserved += lot.contingencyReserveHours;
      }
    }
  }
  const capOf = new Map(state.plan.input.providers.map((p) => [p.id, p.capacityHours]));
  const providers: ProviderAllocation[] = [...rec]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([providerId, r]) => {
      const c = capOf.get(providerId)!;
      return {
        providerId,
        capacityHours: c,
        hours: clean(r.hours),
        reservedHours: clean(r.reserved),
        utilisation: c > 0 ? clean(r.hours / c) : 0,
        lots: r.lots.sort((a, b) => compareIds(a.lotId, b.lotId)),
        leadLots: r.lead.sort(compareIds),
        contingencyLots: r.cont.sort(compareIds),
        weeklyCost: clean(r.cost),
        capacityShadowPrice: null,
      };
    });
  return { lots, providers, weeklyCost: clean(cost), unmetHours: clean(unmet) };
}

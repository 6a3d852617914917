import type { Id } from "../domain/index.js";
import type { SolveStatus } from "../solvers/types.js";
import type { ResolvedAllocationInput } from "../schema/allocation.js";

/**
 * Why hours of a lot are unmet:
 * - `no_eligible_provider`: nobody can reach the lot (or every eligible provider has zero capacity, or
 *   after a withdrawal every eligible provider has left);
 * - `no_eligible_lead`: no eligible provider can lead it (none can deliver the lead share, or those that
 *   could may lead no more lots), so the lot cannot be let;
 * - `min_providers`: too few eligible providers can deliver the minimum a counted provider delivers;
 * - `no_contingency`: no eligible provider other than the lead can hold the contingency reserve;
 * - `coverage`: the eligible providers' shares add up to less than the lot's demand;
 * - `capacity_exhausted`: every eligible provider that could deliver more is at capacity (after a
 *   withdrawal: capacity net of the hours and reserves it holds in lots that are not re-let);
 * - `policy`: the lead, minimum-providers and contingency rules cannot be met together with the
 *   capacity there is, so the lot is not let or not filled.
 */
export type UnmetReason = "no_eligible_provider" | "no_eligible_lead" | "min_providers" | "no_contingency" | "coverage" | "capacity_exhausted" | "policy";

/** Hours one provider delivers in one lot, split by area type, with their weekly cost. */
export interface ProviderHours {
  readonly providerId: Id;
  readonly hours: number;
  readonly urbanHours: number;
  readonly ruralHours: number;
  readonly weeklyCost: number;
}

/** The allocation of one lot. */
export interface LotAllocation {
  readonly lotId: Id;
  readonly demandHours: number;
  /** The lead provider, or null when the lot is not let. */
  readonly lead: Id | null;
  readonly leadHours: number;
  /** True when the lead delivers at least `policy.leadShare` of the demand (always true for `milp` plans). */
  readonly leadShareMet: boolean;
  /** Providers other than the lead with hours in the lot, sorted by id. */
  readonly supplementary: readonly ProviderHours[];
  /** The contingency provider (never the lead), or null. */
  readonly contingency: Id | null;
  /** Spare weekly hours the contingency provider keeps for this lot. */
  readonly contingencyReserveHours: number;
  readonly deliveredHours: number;
  readonly unmetHours: number;
  readonly unmetReason: UnmetReason | null;
  /** A sentence quoting the numbers behind `unmetReason`, or null. */
  readonly unmetDetail: string | null;
  /** Weekly cost of the delivered hours (unmet-hour penalties excluded). */
  readonly weeklyCost: number;
}

/** One provider's part of the plan. */
export interface ProviderAllocation {
  readonly providerId: Id;
  readonly capacityHours: number;
  /** Weekly hours delivered, over all lots. */
  readonly hours: number;
  /** Weekly hours kept spare as contingency reserve, over all lots. */
  readonly reservedHours: number;
  /** hours / capacityHours (0 when the capacity is 0). */
  readonly utilisation: number;
  /** Lots the provider delivers in, sorted by lot id, with hours and role. */
  readonly lots: readonly { readonly lotId: Id; readonly hours: number; readonly role: "lead" | "supplementary" }[];
  readonly leadLots: readonly Id[];
  readonly contingencyLots: readonly Id[];
  readonly weeklyCost: number;
  /**
   * Weekly cost saved by one more hour of this provider's capacity (≥ 0): the LP dual of its capacity row
   * with the integer decisions fixed. null when not computed (no duals from the solver, or no solution).
   */
  readonly capacityShadowPrice: number | null;
}

/**
 * What an allocation lets, before any solver detail: lots let (with a lead) and not, hours unmet by
 * reason, and one sentence. Read it first: a solve can be `optimal` and let nothing.
 */
export interface AllocationSummary {
  /**
   * `all_let`: every lot has a lead and no hours are unmet; `partly_let`: some lots are not let or are let
   * short; `none_let`: no lot has a lead; `no_plan`: the solver returned no solution at all.
   */
  readonly outcome: "all_let" | "partly_let" | "none_let" | "no_plan";
  /** Lots let: with a lead. */
  readonly let: number;
  /** Lots not let: without a lead (every lot when there is no plan). */
  readonly unlet: number;
  /** The lots without a lead, sorted by id. */
  readonly unletLots: readonly Id[];
  /** Lots let with some hours unmet, sorted by id. */
  readonly shortLots: readonly Id[];
  readonly demandHours: number;
  readonly unmetHours: number;
  /** Unmet hours by reason (most hours first): the lots and the hours. `unknown` only if a lot has unmet hours and no reason. */
  readonly reasons: readonly { readonly reason: UnmetReason | "unknown"; readonly lots: readonly Id[]; readonly hours: number }[];
  /** One sentence, e.g. `"No lot can be let: 0 of 3 lots have a lead and 300 h/week are unmet (100.0% of 300 h/week). lots L1, L2, L3: no provider can lead it."` */
  readonly headline: string;
}

/** The result of {@link allocate}: the plan, its cost and how good it is proven to be. */
export interface AllocationResult {
  /** What the plan lets, in plain words (see {@link AllocationSummary}); read this before `status`. */
  readonly summary: AllocationSummary;
  /** Solver status: how sure the solver is of its answer, not whether the answer lets any lot (see `summary`). `timeLimit` with `lots` filled means the best plan found in time. */
  readonly status: SolveStatus;
  readonly formulation: "milp" | "lp";
  /** Objective = weekly cost + unmet hours × penalty (NaN without a solution). */
  readonly objective: number;
  /** Relative gap between objective and the proven bound (0 for a proven optimum), or null. */
  readonly gap: number | null;
  readonly dualBound: number | null;
  readonly weeklyCost: number;
  readonly annualCost: number;
  readonly unmetHours: number;
  readonly unmetPenaltyPerHour: number;
  readonly lots: readonly LotAllocation[];
  readonly providers: readonly ProviderAllocation[];
  /** Pre-check and post-solve findings, as sentences quoting numbers (e.g. `Demand greater than capacity (1240 > 1100).`). */
  readonly warnings: readonly string[];
  readonly solver: string;
  /** Wall time of the whole call, seconds. */
  readonly timeSec: number;
  /** Model size. */
  readonly size: { readonly columns: number; readonly rows: number; readonly integers: number; readonly nonzeros: number };
  /** The validated input (policy defaults filled in), kept so the plan can be re-solved (withdrawal). */
  readonly input: ResolvedAllocationInput;
  /** With `security: "n-1"`: how secure the plan is, what it costs, and the worst withdrawal. */
  readonly security?: SecurityReport;
  /**
   * Hash of every other field but `timeSec`: {@link simulateWithdrawal} refuses a plan whose contents no
   * longer match it (a plan edited after allocate()).
   */
  readonly checksum: string;
}

/** One single-provider withdrawal as checked for an N-1-secure plan. */
export interface SecurityScenario {
  readonly providerId: Id;
  /** Hours the provider delivers in the plan. */
  readonly lostHours: number;
  /** Unmet hours added when it withdraws and its lots are re-let (0 for a secure scenario). */
  readonly addedUnmetHours: number;
  /** Last-resort hours the re-letting needs. */
  readonly lastResortHours: number;
  /** Lots it led, delivered in or stood behind as contingency (re-let when it withdraws). */
  readonly lotsAffected: readonly Id[];
  readonly status: SolveStatus;
}

/** The security part of an N-1 allocation (see `allocate(input, { security: "n-1" })`). */
export interface SecurityReport {
  readonly kind: "n-1";
  readonly method: "scenarios" | "all";
  /** True when every single withdrawal was re-let with no added unmet hours (checked by re-letting, not only by the model). */
  readonly secure: boolean;
  /** The most unmet hours any single withdrawal adds (0 when secure). */
  readonly worstAddedUnmetHours: number;
  /** The provider whose withdrawal sets the worst case (most added unmet hours, then most last-resort hours, then most hours lost), or null without providers. */
  readonly worstProviderId: Id | null;
  /** Weekly cost of the secure plan minus that of the plain plan (`allocate()` without security), both at the same policy. */
  readonly priceOfSecurityWeekly: number;
  readonly priceOfSecurityAnnual: number;
  /** Weekly cost and status of the plain plan it is compared with. */
  readonly plainWeeklyCost: number;
  readonly plainStatus: SolveStatus;
  readonly plainUnmetHours: number;
  /** Scenarios that were put into the model as recourse copies (all providers with `method: "all"`). */
  readonly scenariosInModel: readonly Id[];
  /** Master solves (1 for `method: "all"`; 0 when the plain plan is already secure). */
  readonly iterations: number;
  /** Size of the last security model solved (first stage plus recourse copies), or null when none was needed. */
  readonly modelSize: { readonly columns: number; readonly rows: number; readonly integers: number } | null;
  /** Every provider's withdrawal, re-let from the returned plan, worst first. */
  readonly scenarios: readonly SecurityScenario[];
}

/** Hours one provider has in a lot before and after a withdrawal, with its role afterwards. */
export interface WithdrawalProviderChange {
  readonly providerId: Id;
  /** Role after the re-letting: `lead`, `supplementary`, `lastResort`, or `withdrawn` (it left), `none` (no hours after). */
  readonly role: "lead" | "supplementary" | "lastResort" | "withdrawn" | "none";
  readonly hoursBefore: number;
  readonly hoursAfter: number;
}

/** Hours re-placed after a withdrawal, by the role of the provider who took them. */
export interface ReplacedHours {
  /** Taken by the lot's lead after the re-letting (a new lead's hours count here). */
  readonly lead: number;
  readonly supplementary: number;
  /** Taken by last-resort providers (interim providers, in-house reablement). */
  readonly lastResort: number;
}

/** What happened to one re-let lot when providers withdrew. */
export interface WithdrawalLotImpact {
  readonly lotId: Id;
  /** Why the lot was re-let: `affected` (a withdrawn provider led, delivered in or was contingency for it), `neighbour` (shares a provider with an affected lot) or `plan` (whole-plan re-plan). */
  readonly replanned: "affected" | "neighbour" | "plan";
  readonly demandHours: number;
  /** Weekly hours the withdrawn providers delivered in the lot. */
  readonly lostHours: number;
  readonly leadBefore: Id | null;
  readonly leadAfter: Id | null;
  /** True when the lot's lead is not the one it had (including a lot that is no longer let). */
  readonly leadChanged: boolean;
  readonly contingencyBefore: Id | null;
  readonly contingencyAfter: Id | null;
  readonly reserveBeforeHours: number;
  readonly reserveAfterHours: number;
  /** Hours the lot's previous contingency provider took on in the lot, up to the reserve it held for it. */
  readonly reserveDrawnHours: number;
  /** Every provider with hours in the lot before or after, sorted by id. */
  readonly providers: readonly WithdrawalProviderChange[];
  /** Hours gained by staying or new providers, by their role afterwards. */
  readonly replacedHours: ReplacedHours;
  /** Hours staying providers no longer deliver in the lot (moved to others by the re-letting, or unmet when the lot is not let). */
  readonly releasedHours: number;
  readonly lastResortHours: number;
  readonly unmetHoursBefore: number;
  /** Unmet hours after the withdrawal. */
  readonly unmetHours: number;
  /** unmetHours − unmetHoursBefore (can be negative when a wider re-plan lets a lot better). */
  readonly addedUnmetHours: number;
  readonly unmetReason: UnmetReason | null;
  /** A sentence quoting the numbers behind `unmetReason`, or null. */
  readonly unmetDetail: string | null;
  /** Weekly cost of the hours delivered in the lot, before and after (last-resort hours included after). */
  readonly deliveredCostBefore: number;
  readonly deliveredCostAfter: number;
  /**
   * Cost of delivered hours, like for like: deliveredCostAfter minus what the hours still delivered cost
   * before (deliveredCostBefore × min(1, delivered after / delivered before)). Hours no longer delivered
   * are never a saving: they are in `unmetHours`.
   */
  readonly deliveredCostChange: number;
}

/** Hours one last-resort provider delivers in a scenario. */
export interface LastResortUse {
  readonly providerId: Id;
  readonly hours: number;
  readonly weeklyCost: number;
  readonly lotIds: readonly Id[];
}

/** The plan after a withdrawal: untouched lots as they were, re-let lots as re-let. */
export interface WithdrawalPlan {
  /** Every lot of the plan, sorted by id; `supplementary` excludes last-resort hours (in `lastResort`). */
  readonly lots: readonly (LotAllocation & { readonly lastResort: readonly ProviderHours[] })[];
  /** Every staying market provider, sorted by id (shadow prices not computed: null). */
  readonly providers: readonly ProviderAllocation[];
  /** Weekly cost of all delivered hours, last-resort hours included. */
  readonly weeklyCost: number;
  readonly unmetHours: number;
}

/** The result of {@link simulateWithdrawal}: one withdrawal scenario, re-let under the policy. */
export interface WithdrawalResult {
  /** Scenario name: the provider id, ids joined by " + ", or the group's name. */
  readonly scenario: string;
  readonly withdrawn: readonly Id[];
  readonly replan: "affected" | "neighbours" | "all";
  /** Status of the re-letting solve (`optimal` also when nothing needed re-letting). */
  readonly status: SolveStatus;
  /** Relative gap of the re-letting solve, or null when unknown. */
  readonly gap: number | null;
  /** Weekly hours the withdrawn providers delivered. */
  readonly lostHours: number;
  /** Hours re-placed, by the role of the provider who took them (summed over re-let lots). */
  readonly replacedHours: ReplacedHours;
  /** Hours staying providers no longer deliver in re-let lots. replaced − released = lost − added unmet. */
  readonly releasedHours: number;
  readonly lastResortHours: number;
  readonly lastResort: readonly LastResortUse[];
  readonly unmetHoursBefore: number;
  readonly unmetHoursAfter: number;
  readonly addedUnmetHours: number;
  readonly unmetPenaltyPerHour: number;
  /** addedUnmetHours × the penalty: what the new unmet hours weigh in the model, shown apart from any cost. */
  readonly addedUnmetPenaltyWeekly: number;
  /** Weekly cost of all delivered hours before and after (after includes last-resort hours). */
  readonly deliveredCostBefore: number;
  readonly deliveredCostAfter: number;
  /** Like-for-like cost change of the delivered hours, summed over re-let lots (see {@link WithdrawalLotImpact.deliveredCostChange}). */
  readonly deliveredCostChange: number;
  readonly deliveredCostChangeAnnual: number;
  /** Reserve hours drawn by previous contingency providers, summed over re-let lots. */
  readonly reservesDrawnHours: number;
  /** Re-let lots whose lead changed (or that lost their lead), sorted by id. */
  readonly lotsChangedLead: readonly Id[];
  /** Re-let lots that had a contingency provider and are let without one now, sorted by id. */
  readonly lotsWithoutContingency: readonly Id[];
  /** Re-let lots that had a lead and cannot be let now (no lead; only last-resort hours, if any), sorted by id. */
  readonly lotsVacant: readonly Id[];
  /** Re-let lots, sorted by id. */
  readonly lots: readonly WithdrawalLotImpact[];
  /** The whole plan after the withdrawal. */
  readonly plan: WithdrawalPlan;
  /** Findings of the re-letting, as sentences quoting numbers. */
  readonly warnings: readonly string[];
  readonly timeSec: number;
}

/** One scenario of {@link withdrawalSweep}. */
export interface WithdrawalSweepEntry {
  readonly scenario: string;
  readonly withdrawn: readonly Id[];
  readonly status: SolveStatus;
  readonly lostHours: number;
  readonly replacedHours: ReplacedHours;
  readonly lastResortHours: number;
  readonly unmetHoursAfter: number;
  readonly addedUnmetHours: number;
  readonly addedUnmetPenaltyWeekly: number;
  readonly deliveredCostChange: number;
  readonly reservesDrawnHours: number;
  /** Re-let lots, sorted by id. */
  readonly lotsAffected: readonly Id[];
  readonly lotsChangedLead: readonly Id[];
  readonly lotsWithoutContingency: readonly Id[];
  readonly lotsVacant: readonly Id[];
  /** Lots with unmet hours added, with the reason. */
  readonly unmetLots: readonly { readonly lotId: Id; readonly addedUnmetHours: number; readonly reason: UnmetReason | null }[];
}

/** The result of {@link withdrawalSweep}. */
export interface WithdrawalSweepResult {
  readonly kind: "n-1" | "n-2" | "groups";
  /** Scenarios solved, worst first (most added unmet hours, then last-resort hours, then cost of delivered hours, then name). */
  readonly scenarios: readonly WithdrawalSweepEntry[];
  /** Scenarios that existed but were not solved (N-2 beyond `maxScenarios`). */
  readonly skipped: number;
  /** The rule that chose which scenarios were solved, in words. */
  readonly selection: string;
}



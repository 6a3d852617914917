import type { Id } from "../domain/index.js";
import type { SolveStatus } from "../solvers/types.js";
import type { ResolvedAllocationInput } from "../schema/allocation.js";

/**
 * Why hours of a lot are unmet:
 * - `no_eligible_provider`: nobody can reach the lot (or every eligible provider has zero capacity);
 * - `coverage`: the eligible providers' shares add up to less than the lot's demand;
 * - `capacity_exhausted`: every eligible provider that could deliver more is at capacity;
 * - `policy`: the lead / minimum-providers / contingency rules stop the lot from being let or filled.
 */
export type UnmetReason = "no_eligible_provider" | "coverage" | "capacity_exhausted" | "policy";

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

/** The result of {@link allocate}: the plan, its cost and how good it is proven to be. */
export interface AllocationResult {
  /** Solver status. `timeLimit` with `lots` filled means the best plan found in time. */
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
}

/** What happened to one lot when providers withdrew. */
export interface WithdrawalLotImpact {
  readonly lotId: Id;
  /** Weekly hours the withdrawn providers delivered in the lot. */
  readonly lostHours: number;
  /** Hours the lot's contingency provider took over. */
  readonly contingencyHours: number;
  /** Hours re-placed with each provider (contingency included), sorted by id. */
  readonly reallocated: readonly { readonly providerId: Id; readonly hours: number }[];
  /** Unmet hours in the lot after the withdrawal (previously unmet hours included). */
  readonly unmetHours: number;
  /** Unmet hours added by the withdrawal. */
  readonly addedUnmetHours: number;
  readonly leadBefore: Id | null;
  /** Provider with the most hours in the lot afterwards (the contingency when it took over), or null. */
  readonly leadAfter: Id | null;
  /** True when the lot's lead or contingency withdrew. */
  readonly lostLeadOrContingency: boolean;
}

/** The result of {@link simulateWithdrawal}. */
export interface WithdrawalResult {
  readonly withdrawn: readonly Id[];
  readonly keepOthers: boolean;
  readonly status: SolveStatus;
  readonly lostHours: number;
  readonly unmetHoursBefore: number;
  readonly unmetHoursAfter: number;
  readonly addedUnmetHours: number;
  readonly weeklyCostBefore: number;
  readonly weeklyCostAfter: number;
  readonly weeklyCostChange: number;
  readonly annualCostChange: number;
  /** Lots where a withdrawn provider delivered hours or was lead or contingency, sorted by id. */
  readonly lotsAffected: readonly WithdrawalLotImpact[];
  /** The re-solved plan when `keepOthers` is false. */
  readonly plan?: AllocationResult;
}

/** One row of {@link withdrawalSweep}: a single provider's withdrawal. */
export interface WithdrawalSweepEntry {
  readonly providerId: Id;
  readonly lostHours: number;
  readonly addedUnmetHours: number;
  readonly weeklyCostChange: number;
  readonly lotsAffected: readonly Id[];
  readonly status: SolveStatus;
}

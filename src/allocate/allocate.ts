// allocate(): validate, pre-check, then solve (solve.ts; formulation in model.ts) or, with
// `security: "n-1"`, find an N-1-secure plan (security.ts). The result carries a checksum of itself so that
// simulateWithdrawal can tell a plan edited after allocate() from one it returned (checksum.ts).
import { parseInput } from "../errors.js";
import { AllocateOptionsSchema, AllocationInputSchema } from "../schema/allocation.js";
import type { AllocateOptions, AllocationInput } from "../schema/allocation.js";
import { withChecksum } from "./checksum.js";
import { prepareAllocation } from "./prepare.js";
import { secureAllocation } from "./security.js";
import { defaultSolver, solvePrepared } from "./solve.js";
import { nowMs } from "../internal/clock.js";
import type { AllocationResult } from "./types.js";

export { defaultSolver };

/**
 * Allocates lots to providers: one lead per lot delivering at least the lead share, supplementary
 * providers for the rest (at least `minProvidersPerLot` in all), one contingency provider per lot with
 * spare capacity for a share of the lead's hours, at least cost, with unmet hours as a priced slack.
 * The formulation is in the opening comment of `allocate/model.ts`.
 *
 * Data problems that leave hours unmet (no eligible provider, total demand above capacity, a lot no
 * provider can lead, zero capacity) are not errors: they become warnings quoting the numbers and unmet
 * hours with a reason. Malformed input (NaN, negative hours, duplicate or unknown ids) throws.
 *
 * @param input - `{ lots: [{ id, urbanHours, ruralHours }], providers: [{ id, capacityHours, ratePerHour,
 *   maxLeadLots? }], eligibility: [{ lotId, providerId, share }], policy? }` (weekly hours).
 * @param options - `solver` (default `highsSolver()`), `formulation` (`"milp"` | `"lp"`), `timeLimitSec` (30),
 *   `relGap` (1e-3), `warmStart` (greedy incumbent, true), `shadowPrices` (true), `signal`, `onProgress`,
 *   `security` (`"none"` | `"n-1"`: a plan for which every single-provider withdrawal can be re-let as
 *   {@link simulateWithdrawal} does with no unmet hours, or the least worst case; formulation in
 *   `allocate/security.ts`), `securityMethod` (`"scenarios"`: constraint generation, default; `"all"`).
 * @returns an {@link AllocationResult} (with `security: "n-1"` also `security`: secure or not, the worst
 *   withdrawal and who sets it, the price of security against the plain plan, every scenario as re-let;
 *   capacity shadow prices are then null): status (`optimal` = proven within `relGap`; `timeLimit` = best plan
 *   found in time, with its gap; the greedy plan when the solver found none), gap, costs, per-lot and
 *   per-provider records sorted by id, warnings, and the validated input (so the plan can be re-solved by
 *   {@link simulateWithdrawal}). Everything but `timeSec` is identical for identical input and options
 *   when the solve ends on the gap rather than the clock. The time limit covers the greedy start and the
 *   solve; the shadow-price LP runs after it (a fraction of a second at 400 × 1000).
 * @throws {LotwiseError} `invalid_input` (e.g. `Invalid input.providers[1].ratePerHour: NaN. ...`),
 *   `duplicate_id`, `unknown_id`; `cancelled` when the signal aborts; `solver_error` when the backend fails.
 * @example
 * ```ts
 * import { allocate } from "lotwise";
 * const plan = await allocate({
 *   lots: [{ id: "L1", urbanHours: 80, ruralHours: 20 }],
 *   providers: [
 *     { id: "A", capacityHours: 200, ratePerHour: 20 },
 *     { id: "B", capacityHours: 200, ratePerHour: 22 },
 *   ],
 *   eligibility: [
 *     { lotId: "L1", providerId: "A", share: 1 },
 *     { lotId: "L1", providerId: "B", share: 1 },
 *   ],
 * });
 * plan.status; // "optimal"
 * plan.lots[0]; // { lotId: "L1", lead: "A", leadHours: 95, supplementary: [{ providerId: "B", hours: 5, ... }], contingency: "B", ... }
 * ```
 */
export async function allocate(input: AllocationInput, options: AllocateOptions = {}): Promise<AllocationResult> {
  const t0 = nowMs();
  const parsed = parseInput(AllocationInputSchema, input, "input");
  const opts = parseInput(AllocateOptionsSchema, options, "options");
  const prep = prepareAllocation(parsed);
  if (opts.security === "n-1") return withChecksum(await secureAllocation(prep, opts, t0));
  const { result } = await solvePrepared(prep, opts, t0);
  return withChecksum(result);
}

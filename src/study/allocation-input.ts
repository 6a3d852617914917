import type { LotCoverageRow } from "../coverage/lot-coverage.js";
import type { Area, DemandHours, Id, LotPlan, Provider } from "../domain/index.js";
import { invalid } from "../errors.js";
import { compareIds } from "../internal/sort.js";
import type { AllocationInput, AllocationPolicy, LastResort } from "../schema/allocation.js";

/** The parts {@link allocationInputFrom} joins: what the lot, demand and coverage stages return. */
export interface AllocationInputParts {
  /** The lots (e.g. from `designLots` or `planFromRows`). */
  readonly plan: LotPlan;
  /** The areas of the lots with their rural-urban class (e.g. from `areasFromBoundaries`). */
  readonly areas: readonly Area[];
  /** Weekly hours per area; every area of a lot needs an entry. */
  readonly demand: DemandHours;
  /** The providers (from `generateProviders` or `providersFromRows`), passed to `allocate` as they are. */
  readonly providers: readonly Provider[];
  /** Provider × lot reach from `lotCoverage`; pairs with a positive share become the eligibility. */
  readonly reach: readonly LotCoverageRow[];
}

/** Options of {@link allocationInputFrom}. */
export interface AllocationInputOptions {
  /** The commissioning policy, passed through to `allocate` (its defaults apply to fields left out). */
  readonly policy?: AllocationPolicy;
  /** Last-resort capacity (interim providers, in-house reablement) for withdrawal scenarios, passed through. */
  readonly lastResort?: LastResort;
}

/**
 * Joins lots, areas, demand, providers and lot coverage into the input of `allocate`: each lot's weekly
 * hours split into urban and rural hours by its areas' class, the providers as they are, and one
 * eligibility row (`lotId, providerId, share`) per provider × lot pair with a positive share.
 *
 * @param parts - `{ plan, areas, demand, providers, reach }` (see {@link AllocationInputParts}).
 * @param options - `policy` and `lastResort`, passed through unchanged.
 * @returns an {@link AllocationInput}, lots in plan order (sorted by id when from `designLots`).
 * @throws {LotwiseError} `unknown_id` for a lot area that is not in `areas`; `invalid_input` for a lot area
 *   with no demand hours or no rural-urban class (its hours could not be priced), or a reach row naming a
 *   lot or provider that is not in the plan or the providers.
 * @example
 * ```ts
 * import { allocationInputFrom } from "lotwise";
 * const input = allocationInputFrom({
 *   plan: { lots: [{ id: "L1", areaIds: ["A", "B"] }] },
 *   areas: [{ id: "A", lonLat: [-1.1, 52.6], urbanRural: "urban" }, { id: "B", lonLat: [-1.0, 52.6], urbanRural: "rural" }],
 *   demand: { A: 30, B: 10 },
 *   providers: [{ id: "P1", lonLat: [-1.1, 52.6], capacityHours: 100, ratePerHour: 21, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } }],
 *   reach: [{ providerId: "P1", lotId: "L1", share: 1, nonDrivingShare: 0, byMode: { drive: 1 }, lotDemandHours: 40 }],
 * });
 * input.lots; // [{ id: "L1", urbanHours: 30, ruralHours: 10 }]
 * input.eligibility; // [{ lotId: "L1", providerId: "P1", share: 1 }]
 * ```
 */
export function allocationInputFrom(parts: AllocationInputParts, options: AllocationInputOptions = {}): AllocationInput {
  if (typeof parts !== "object" || parts === null) invalid(["parts"], parts, "expected { plan, areas, demand, providers, reach }");
  const { plan, areas, demand, providers, reach } = parts;
  if (!Array.isArray(plan?.lots)) invalid(["parts", "plan", "lots"], plan?.lots, "expected a lot plan { lots: [...] }");
  if (!Array.isArray(areas)) invalid(["parts", "areas"], areas, "expected the areas (e.g. from areasFromBoundaries)");
  if (typeof demand !== "object" || demand === null) invalid(["parts", "demand"], demand, "expected weekly hours per area id");
  if (!Array.isArray(providers)) invalid(["parts", "providers"], providers, "expected the providers");
  if (!Array.isArray(reach)) invalid(["parts", "reach"], reach, "expected the rows of lotCoverage()");
  const classOf = new Map<Id, Area["urbanRural"]>(areas.map((a) => [a.id, a.urbanRural]));
  const lots = plan.lots.map((lot: LotPlan["lots"][number], li: number) => {
    let urbanHours = 0;
    let ruralHours = 0;
    lot.areaIds.forEach((a: Id, k: number) => {
      const path = ["parts", "plan", "lots", li, "areaIds", k];
      if (!classOf.has(a)) invalid(path, a, `area of lot ${lot.id} is not in parts.areas`, "unknown_id");
      const h = Object.hasOwn(demand, a) ? demand[a] : undefined;
      if (typeof h !== "number" || !Number.isFinite(h) || h < 0) invalid(["parts", "demand", a], h, `area ${a} of lot ${lot.id} needs weekly hours ≥ 0 (give 0 for none)`);
      const c = classOf.get(a);
      if (c === "urban") urbanHours += h;
      else if (c === "rural") ruralHours += h;
      else invalid(path, a, `area ${a} of lot ${lot.id} has no rural-urban class, so its hours cannot be priced (build the areas with urbanRuralProperty)`);
    });
    return { id: lot.id, urbanHours, ruralHours };
  });
  const lotIds = new Set(plan.lots.map((l) => l.id));
  const providerIds = new Set(providers.map((p) => p.id));
  const eligibility = reach.flatMap((r, i) => {
    if (!lotIds.has(r.lotId)) invalid(["parts", "reach", i, "lotId"], r.lotId, "not a lot of the plan", "unknown_id");
    if (!providerIds.has(r.providerId)) invalid(["parts", "reach", i, "providerId"], r.providerId, "not one of the providers", "unknown_id");
    return r.share > 0 ? [{ lotId: r.lotId, providerId: r.providerId, share: r.share }] : [];
  });
  eligibility.sort((a, b) => compareIds(a.lotId, b.lotId) || compareIds(a.providerId, b.providerId));
  return {
    lots,
    providers: [...providers],
    eligibility,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ...(options.lastResort === undefined ? {} : { lastResort: options.lastResort }),
  };
}

/**
 * Last-resort providers with a base (e.g. the in-house reablement team at its office) and their lot
 * coverage as the `lastResort` input of `allocate`: each provider's id, capacity, rate and `canLead`
 * (default false), and one eligibility row per lot it reaches with a positive share.
 *
 * @param providers - the last-resort providers, as `Provider`s with an optional `canLead`.
 * @param reach - their rows of `lotCoverage`.
 * @returns a {@link LastResort}.
 * @throws {LotwiseError} `unknown_id` for a reach row naming a provider not in `providers`.
 * @example
 * ```ts
 * import { lastResortFrom } from "lotwise";
 * const hart = { id: "HART", lonLat: [-1.2, 52.64] as [number, number], capacityHours: 300, ratePerHour: 30, staffMix: { drive: 1, walk: 0, cycle: 0, transit: 0 } };
 * lastResortFrom([hart], [{ providerId: "HART", lotId: "L1", share: 0.9, nonDrivingShare: 0, byMode: { drive: 0.9 }, lotDemandHours: 100 }]);
 * // { providers: [{ id: "HART", capacityHours: 300, ratePerHour: 30, canLead: false }], eligibility: [{ lotId: "L1", providerId: "HART", share: 0.9 }] }
 * ```
 */
export function lastResortFrom(providers: readonly (Provider & { readonly canLead?: boolean })[], reach: readonly LotCoverageRow[]): LastResort {
  if (!Array.isArray(providers)) invalid(["providers"], providers, "expected the last-resort providers");
  if (!Array.isArray(reach)) invalid(["reach"], reach, "expected the rows of lotCoverage()");
  const ids = new Set(providers.map((p) => p.id));
  const eligibility = reach.flatMap((r, i) => {
    if (!ids.has(r.providerId)) invalid(["reach", i, "providerId"], r.providerId, "not one of the last-resort providers", "unknown_id");
    return r.share > 0 ? [{ lotId: r.lotId, providerId: r.providerId, share: r.share }] : [];
  });
  eligibility.sort((a, b) => compareIds(a.lotId, b.lotId) || compareIds(a.providerId, b.providerId));
  return { providers: providers.map((p) => ({ id: p.id, capacityHours: p.capacityHours, ratePerHour: p.ratePerHour, canLead: p.canLead ?? false })), eligibility };
}

// Seeded synthetic allocation instances with a planted feasible plan, for benchmarks and tests.
// SYNTHETIC DATA: positions, demands, rates and capacities are drawn from simple distributions; they
// resemble English home-care commissioning in scale only (lots of 40–700 h/week, rates around £32/h).
import { parseInput } from "../errors.js";
import { mulberry32, normal } from "../internal/rng.js";
import { GenerateAllocationOptionsSchema } from "../schema/allocation.js";
import type { AllocationEligibility, AllocationInput, AllocationLot, AllocationProvider, GenerateAllocationOptions } from "../schema/allocation.js";
import type { Id } from "../domain/index.js";

/** A generated instance and the plan planted in it (which meets the default policy with no unmet hours). */
export interface GeneratedAllocationInstance {
  readonly input: AllocationInput;
  readonly planted: {
    /** Lead, supplementary and contingency provider per lot, by lot id. */
    readonly lots: Readonly<Record<Id, { lead: Id; leadHours: number; supplementary: Id; supplementaryHours: number; contingency: Id }>>;
    /** Weekly cost of the planted plan under the default weights: an upper bound on the optimum. */
    readonly weeklyCost: number;
  };
}

const pad = (prefix: string, i: number, n: number): string => `${prefix}${String(i + 1).padStart(String(n).length, "0")}`;

/**
 * Generates a seeded, SYNTHETIC allocation instance: lots and providers scattered on a 100 × 100 km
 * square with towns, each lot eligible to its `candidatesPerLot` nearest providers (share falling with
 * distance), and a planted plan (lead 70%, one supplementary 30%, a contingency with the default 25%
 * reserve, at most 2 leads per provider) that capacities are sized around, so the default policy can be
 * met with no unmet hours. Same options → identical instance.
 *
 * @param options - `{ lots, providers, candidatesPerLot = 15, seed = 1 }`.
 * @returns `{ input, planted }`: an {@link AllocationInput} for {@link allocate} and the planted plan.
 * @throws {LotwiseError} `invalid_input` for bad sizes (e.g. fewer than 3 providers or candidates per lot).
 * @example
 * ```ts
 * import { generateAllocationInstance, allocate } from "lotwise";
 * const { input, planted } = generateAllocationInstance({ lots: 18, providers: 30, seed: 1 });
 * planted.weeklyCost; // 161163.86
 * const plan = await allocate(input);
 * plan.weeklyCost; // 151491.92… (within relGap 1e-3 of the optimum, below the planted plan)
 * ```
 */
export function generateAllocationInstance(options: GenerateAllocationOptions): GeneratedAllocationInstance {
  const o = parseInput(GenerateAllocationOptionsSchema, options, "options");
  const rand = mulberry32(o.seed);
  const nL = o.lots;
  const nP = o.providers;
  const k = Math.min(o.candidatesPerLot, nP);
  const towns = Array.from({ length: Math.max(2, Math.round(Math.sqrt(nL) / 1.5)) }, () => [10 + 80 * rand(), 10 + 80 * rand()] as const);
  const place = (pTown: number): [number, number] => {
    if (rand() < pTown) {
      const t = towns[Math.floor(rand() * towns.length)]!;
      return [Math.min(100, Math.max(0, t[0] + 6 * normal(rand))), Math.min(100, Math.max(0, t[1] + 6 * normal(rand)))];
    }
    return [100 * rand(), 100 * rand()];
  };
  const lotXY = Array.from({ length: nL }, () => place(0.6));
  const provXY = Array.from({ length: nP }, () => place(0.75));
  const lotIds = Array.from({ length: nL }, (_, i) => pad("L", i, nL));
  const provIds = Array.from({ length: nP }, (_, i) => pad("P", i, nP));
  const rate = Array.from({ length: nP }, () => Math.round(Math.max(18, 32 + 3.5 * normal(rand)) * 100) / 100);
  const demand = Array.from({ length: nL }, () => Math.round(Math.min(700, Math.max(40, Math.exp(5.2 + 0.7 * normal(rand))))));
  // Lots near a town are mostly urban.
  const ruralFrac = lotXY.map(([x, y]) => {
    let best = Infinity;
    for (const t of towns) best = Math.min(best, Math.hypot(x - t[0], y - t[1]));
    return Math.min(0.95, Math.max(0.05, best / 40 + 0.2 * (rand() - 0.5)));
  });

  // Candidates: k nearest providers; share 1 at distance 0 falling to 0.3 at the k-th.
  const cand: { p: number; share: number }[][] = lotXY.map(([x, y]) => {
    const ds = provXY.map(([px, py], p) => ({ p, d: Math.hypot(x - px, y - py) })).sort((a, b) => a.d - b.d || a.p - b.p);
    const near = ds.slice(0, k);
    const far = near[near.length - 1]!.d || 1;
    return near.map(({ p, d }) => ({ p, share: Math.round(Math.max(0.3, 1 - 0.7 * (d / far)) * 100) / 100 }));
  });

  // Planted plan.
  const load = new Float64Array(nP);
  const leads = new Int32Array(nP);
  const plantedLots: Record<Id, { lead: Id; leadHours: number; supplementary: Id; supplementaryHours: number; contingency: Id }> = {};
  const order = Array.from({ length: nL }, (_, i) => i).sort((a, b) => demand[b]! - demand[a]! || a - b);
  for (const l of order) {
    const d = demand[l]!;
    const list = cand[l]!;
    const pick = (exclude: number[], minShare: number): { p: number; share: number } => {
      const ok = list.filter((c) => !exclude.includes(c.p));
      const prefer = ok.filter((c) => c.share >= minShare);
      const pool = prefer.length > 0 ? prefer.slice(0, 4) : ok.slice(0, 4);
      return pool[Math.floor(rand() * pool.length)]!;
    };
    const leadPool = list.filter((c) => leads[c.p]! < 2);
    const lead = (leadPool.length > 0 ? leadPool.slice(0, 4) : list.slice(0, 4))[Math.floor(rand() * Math.min(4, Math.max(1, leadPool.length)))] ?? list[0]!;
    lead.share = Math.max(lead.share, 0.8);
    const supp = pick([lead.p], 0.4);
    supp.share = Math.max(supp.share, 0.4);
    const cont = pick([lead.p, supp.p], 0.3);
    cont.share = Math.max(cont.share, 0.3);
    leads[lead.p]!++;
    const lh = 0.7 * d;
    const sh = 0.3 * d;
    load[lead.p] = load[lead.p]! + lh;
    load[supp.p] = load[supp.p]! + sh;
    load[cont.p] = load[cont.p]! + 0.25 * lh;
    plantedLots[lotIds[l]!] = { lead: provIds[lead.p]!, leadHours: lh, supplementary: provIds[supp.p]!, supplementaryHours: sh, contingency: provIds[cont.p]! };
  }
  const capacity = Array.from(load, (v) => Math.ceil(v > 0 ? v * (1.05 + 0.4 * rand()) : Math.exp(4.5 + 0.6 * normal(rand))));

  const lots: AllocationLot[] = lotIds.map((id, l) => {
    const ruralHours = Math.round(demand[l]! * ruralFrac[l]!);
    return { id, urbanHours: demand[l]! - ruralHours, ruralHours };
  });
  const providers: AllocationProvider[] = provIds.map((id, p) => ({ id, capacityHours: capacity[p]!, ratePerHour: rate[p]! }));
  const eligibility: AllocationEligibility[] = [];
  cand.forEach((list, l) => {
    for (const c of [...list].sort((a, b) => a.p - b.p)) eligibility.push({ lotId: lotIds[l]!, providerId: provIds[c.p]!, share: c.share });
  });
  // Planted cost with the actual (rounded) urban/rural split.
  let cost = 0;
  for (const [l, id] of lotIds.entries()) {
    const pl = plantedLots[id]!;
    const lot = lots[l]!;
    const d = lot.urbanHours + lot.ruralHours;
    const w = (lot.urbanHours + 1.15 * lot.ruralHours) / d;
    cost += w * (rate[provIds.indexOf(pl.lead)]! * pl.leadHours + rate[provIds.indexOf(pl.supplementary)]! * pl.supplementaryHours);
  }
  return { input: { lots, providers, eligibility }, planted: { lots: plantedLots, weeklyCost: Math.round(cost * 100) / 100 } };
}

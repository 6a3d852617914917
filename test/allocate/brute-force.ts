// Independent brute force for tiny allocation instances: enumerates every hours vector on a grid, every
// lead / contingency choice and whether each lot is let, straight from the policy's definitions (no
// model, no solver). Used to check allocate()'s optimum.

export interface TinyInstance {
  lots: { id: string; urbanHours: number; ruralHours: number; rateWeight?: number }[];
  providers: { id: string; capacityHours: number; ratePerHour: number; maxLeadLots?: number }[];
  eligibility: { lotId: string; providerId: string; share: number }[];
  policy: {
    urbanWeight: number;
    ruralWeight: number;
    leadShare: number;
    maxLeadLotsPerProvider: number;
    minProvidersPerLot: number;
    minProviderShare: number;
    contingencyShare: number;
    unmetPenaltyPerHour: number;
  };
}

export interface BruteResult {
  objective: number;
  weeklyCost: number;
  unmetHours: number;
}

const EPS = 1e-9;

/** Minimum of weekly cost + penalty × unmet hours over all plans whose hours are multiples of `step`. */
export function bruteForceAllocation(t: TinyInstance, step = 1): BruteResult {
  const pol = t.policy;
  const P = t.providers.length;
  const pIndex = new Map(t.providers.map((p, i) => [p.id, i]));
  const lots = t.lots.map((l) => {
    const d = l.urbanHours + l.ruralHours;
    // A lot's own rate weight (e.g. from costOfCare) replaces the policy's urban/rural mix.
    const w = l.rateWeight ?? (pol.urbanWeight * l.urbanHours + pol.ruralWeight * l.ruralHours) / d;
    const elig = t.eligibility.filter((e) => e.lotId === l.id).map((e) => ({ p: pIndex.get(e.providerId)!, reach: e.share * d }));
    return { d, w, elig };
  });
  // Every hours vector per lot on the grid (sum ≤ d, each ≤ share·d and ≤ capacity).
  const vectors = lots.map((lot) => {
    const out: number[][] = [];
    const cur = new Array<number>(lot.elig.length).fill(0);
    const rec = (i: number, sum: number): void => {
      if (i === lot.elig.length) {
        out.push([...cur]);
        return;
      }
      const e = lot.elig[i]!;
      const max = Math.min(e.reach, t.providers[e.p]!.capacityHours, lot.d - sum);
      for (let h = 0; h <= max + EPS; h += step) {
        cur[i] = h;
        rec(i + 1, sum + h);
      }
      cur[i] = 0;
    };
    rec(0, 0);
    return out;
  });
  const leadCap = t.providers.map((p) => p.maxLeadLots ?? pol.maxLeadLotsPerProvider);
  let best: BruteResult = { objective: Infinity, weeklyCost: NaN, unmetHours: NaN };

  const choice: number[][] = [];
  const recLots = (li: number, load: number[]): void => {
    if (li === lots.length) {
      evaluate(load);
      return;
    }
    for (const v of vectors[li]!) {
      const next = [...load];
      let ok = true;
      lots[li]!.elig.forEach((e, i) => {
        next[e.p] = next[e.p]! + v[i]!;
        if (next[e.p]! > t.providers[e.p]!.capacityHours + EPS) ok = false;
      });
      if (!ok) continue;
      choice[li] = v;
      recLots(li + 1, next);
    }
  };

  // Given hours, enumerate per lot: not let (only if no hours) or (lead, contingency) pairs.
  const evaluate = (load: number[]): void => {
    const options = lots.map((lot, li) => {
      const v = choice[li]!;
      const total = v.reduce((a, b) => a + b, 0);
      const opts: { lead: number; cont: number; reserve: number }[] = [];
      if (total <= EPS) opts.push({ lead: -1, cont: -1, reserve: 0 });
      const counted = v.filter((h) => h >= pol.minProviderShare * lot.d - EPS).length;
      lot.elig.forEach((le, i) => {
        if (v[i]! < pol.leadShare * lot.d - EPS || counted < pol.minProvidersPerLot) return;
        const reserve = pol.contingencyShare * v[i]!;
        lot.elig.forEach((ce, j) => {
          if (j === i || ce.reach <= 0 || t.providers[ce.p]!.capacityHours <= 0) return;
          if (v[j]! + reserve > ce.reach + EPS) return;
          opts.push({ lead: le.p, cont: ce.p, reserve });
        });
      });
      return opts;
    });
    const pick: { lead: number; cont: number; reserve: number }[] = [];
    const rec = (li: number): void => {
      if (li === lots.length) {
        const leads = new Array<number>(P).fill(0);
        const used = [...load];
        for (const o of pick) {
          if (o.lead >= 0) leads[o.lead]!++;
          if (o.cont >= 0) used[o.cont] = used[o.cont]! + o.reserve;
        }
        for (let p = 0; p < P; p++) {
          if (leads[p]! > leadCap[p]!) return;
          if (used[p]! > t.providers[p]!.capacityHours + EPS) return;
        }
        let cost = 0;
        let unmet = 0;
        lots.forEach((lot, i) => {
          const v = choice[i]!;
          lot.elig.forEach((e, j) => (cost += t.providers[e.p]!.ratePerHour * lot.w * v[j]!));
          unmet += lot.d - v.reduce((a, b) => a + b, 0);
        });
        const objective = cost + pol.unmetPenaltyPerHour * unmet;
        if (objective < best.objective - 1e-9) best = { objective, weeklyCost: cost, unmetHours: unmet };
        return;
      }
      for (const o of options[li]!) {
        pick[li] = o;
        rec(li + 1);
      }
    };
    if (options.every((o) => o.length > 0)) rec(0);
  };
  recLots(0, new Array<number>(P).fill(0));
  return best;
}

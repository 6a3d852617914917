// An independent rule check for a plan after a withdrawal, written from the policy's definitions (not from
// how relet.ts or model.ts build anything): it reads only the input, the plan before and the plan after.
import type { AllocationInput } from "../../src/schema/allocation.js";
import type { AllocationResult, WithdrawalResult } from "../../src/allocate/types.js";

/** Returns every rule the after-plan breaks, as sentences (empty when it keeps them all). */
export function reletViolations(input: AllocationInput, before: AllocationResult, w: WithdrawalResult, tol = 1e-5): string[] {
  const bad: string[] = [];
  const pol = before.input.policy;
  const gone = new Set(w.withdrawn);
  const share = new Map<string, number>();
  for (const e of input.eligibility) share.set(`${e.lotId}|${e.providerId}`, e.share);
  const lr = new Map((input.lastResort?.providers ?? []).map((p) => [p.id, p] as const));
  for (const e of input.lastResort?.eligibility ?? []) share.set(`${e.lotId}|${e.providerId}`, e.share);
  const cap = new Map(input.providers.map((p) => [p.id, p.capacityHours] as const));
  const leadCap = new Map(input.providers.map((p) => [p.id, p.maxLeadLots ?? pol.maxLeadLotsPerProvider] as const));
  const demand = new Map(input.lots.map((l) => [l.id, l.urbanHours + l.ruralHours] as const));
  const used = new Map<string, number>();
  const leads = new Map<string, number>();
  const lrUsed = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  const relet = new Set(w.lots.map((l) => l.lotId));
  const beforeLot = new Map(before.lots.map((l) => [l.lotId, l] as const));

  const ids = w.plan.lots.map((l) => l.lotId);
  if (JSON.stringify(ids) !== JSON.stringify(before.lots.map((l) => l.lotId))) bad.push(`after-plan lots ${ids.join(",")} differ from the plan's`);
  for (const lot of w.plan.lots) {
    const d = demand.get(lot.lotId)!;
    const was = beforeLot.get(lot.lotId)!;
    if (!relet.has(lot.lotId)) {
      const same = (a: typeof lot | typeof was) => JSON.stringify([a.lead, a.leadHours, a.supplementary.map((s) => [s.providerId, s.hours]), a.contingency, a.contingencyReserveHours, a.unmetHours]);
      if (same(lot) !== same(was)) bad.push(`${lot.lotId} is not re-let but changed`);
    }
    const hours: [string, number][] = [];
    if (lot.lead !== null) hours.push([lot.lead, lot.leadHours]);
    for (const s of lot.supplementary) hours.push([s.providerId, s.hours]);
    for (const s of lot.lastResort) if (s.providerId !== lot.lead) hours.push([s.providerId, s.hours]);
    let delivered = 0;
    for (const [p, h] of hours) {
      delivered += h;
      if (gone.has(p) && h > 0) bad.push(`${lot.lotId}: withdrawn ${p} still delivers ${h} h`);
      const a = share.get(`${lot.lotId}|${p}`);
      if (a === undefined) bad.push(`${lot.lotId}: ${p} is not eligible`);
      else if (h > a * d + tol) bad.push(`${lot.lotId}: ${p} delivers ${h} h beyond its reach ${a * d}`);
      if (lr.has(p)) add(lrUsed, p, h);
      else add(used, p, h);
    }
    if (Math.abs(delivered + lot.unmetHours - d) > tol) bad.push(`${lot.lotId}: delivered ${delivered} + unmet ${lot.unmetHours} ≠ demand ${d}`);
    if (lot.lead === null) {
      const market = hours.filter(([p, h]) => !lr.has(p) && h > tol);
      if (market.length > 0) bad.push(`${lot.lotId}: not let, yet market providers deliver (${market.map(([p]) => p).join(",")})`);
      if (lot.contingency !== null) bad.push(`${lot.lotId}: not let, yet has a contingency`);
      continue;
    }
    if (gone.has(lot.lead)) bad.push(`${lot.lotId}: withdrawn ${lot.lead} still leads`);
    if (lr.has(lot.lead) && lr.get(lot.lead)!.canLead !== true) bad.push(`${lot.lotId}: last-resort ${lot.lead} leads without canLead`);
    add(leads, lot.lead, 1);
    if (lot.leadHours < pol.leadShare * d - tol) bad.push(`${lot.lotId}: lead ${lot.lead} delivers ${lot.leadHours} < lead share ${pol.leadShare * d}`);
    const floor = Math.max(pol.minProviderShare * d, pol.minProviderHours);
    const counted = 1 + lot.supplementary.filter((s) => !lr.has(s.providerId) && s.hours >= floor - tol).length;
    if (counted < pol.minProvidersPerLot) bad.push(`${lot.lotId}: ${counted} counted providers < ${pol.minProvidersPerLot}`);
    if (lot.contingency === null) {
      if (relet.has(lot.lotId) && was.contingency !== null && !w.lotsWithoutContingency.includes(lot.lotId)) bad.push(`${lot.lotId}: lost its contingency but is not listed`);
      if (!relet.has(lot.lotId) && was.contingency !== null) bad.push(`${lot.lotId}: untouched but lost its contingency`);
      continue;
    }
    const c = lot.contingency;
    if (c === lot.lead) bad.push(`${lot.lotId}: contingency is the lead`);
    if (gone.has(c)) bad.push(`${lot.lotId}: withdrawn ${c} is contingency`);
    if (lr.has(c)) bad.push(`${lot.lotId}: last-resort ${c} is contingency`);
    const a = share.get(`${lot.lotId}|${c}`);
    if (a === undefined) bad.push(`${lot.lotId}: contingency ${c} is not eligible`);
    if (lot.contingencyReserveHours < pol.contingencyShare * lot.leadHours - tol) bad.push(`${lot.lotId}: reserve ${lot.contingencyReserveHours} < ${pol.contingencyShare} × ${lot.leadHours}`);
    const ch = hours.filter(([p]) => p === c).reduce((s, [, h]) => s + h, 0);
    if (a !== undefined && ch + lot.contingencyReserveHours > a * d + tol) bad.push(`${lot.lotId}: contingency ${c} hours + reserve beyond its reach`);
    add(used, c, lot.contingencyReserveHours);
  }
  for (const [p, u] of used) if (u > cap.get(p)! + tol) bad.push(`${p}: hours + reserves ${u} > capacity ${cap.get(p)}`);
  for (const [p, k] of leads) if (!lr.has(p) && k > leadCap.get(p)!) bad.push(`${p}: leads ${k} lots > ${leadCap.get(p)}`);
  for (const [p, u] of lrUsed) if (u > lr.get(p)!.capacityHours + tol) bad.push(`last-resort ${p}: ${u} h > capacity ${lr.get(p)!.capacityHours}`);
  // Conservation: replaced − released = lost − added unmet, per lot and in total.
  for (const l of w.lots) {
    const r = l.replacedHours.lead + l.replacedHours.supplementary + l.replacedHours.lastResort;
    if (Math.abs(r - l.releasedHours - (l.lostHours - l.addedUnmetHours)) > 1e-4) bad.push(`${l.lotId}: replaced ${r} − released ${l.releasedHours} ≠ lost ${l.lostHours} − added unmet ${l.addedUnmetHours}`);
  }
  return bad;
}

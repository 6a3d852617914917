// costOfCare(): the cost per contact hour of each lot, built up from pay, on-costs, modelled travel,
// mileage, running the business and surplus. The travel model is stated in travel-model.ts; the bands
// in bands.ts; the cost structure (the Homecare Association Minimum Price's) in build-up.ts.
import { LotwiseError, formatValue, parseInput } from "../errors.js";
import { formatDecimals } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import { straightLineTravel } from "../coverage/straight-line.js";
import { TRAVEL_MODES, type StaffMix, type TravelMode, type UrbanRural } from "../domain/index.js";
import type { AllocationLot } from "../schema/allocation.js";
import { CostOfCareOptionsSchema, CostPlanSchema, type CostOfCareOptions, type CostOfCareSettings, type PriceBand } from "../schema/cost.js";
import { DemandHoursSchema } from "../schema/lots.js";
import type { Id, LonLat } from "../domain/index.js";
import { bandName, fisherClasses } from "./bands.js";
import { buildUpCost } from "./build-up.js";
import { DEFAULT_COST_STAFF_MIX, DEFAULT_SOURCES, DEFAULT_VISIT_MIX, type CostAssumption } from "./defaults.js";
import { parseCostAreas, type CostArea } from "./parse-areas.js";
import { legKm, probeLegs, type ModelArea } from "./travel-model.js";
import type { AreaCost, BandCost, CostOfCare, LotCost } from "./types.js";

const MILE_KM = 1.609344;

/** A lot plan as {@link costOfCare} reads it (a `LotPlan` or `LotDesign` fits). */
export interface CostPlan {
  readonly lots: readonly { readonly id: Id; readonly areaIds: readonly Id[] }[];
}

interface AreaRow {
  id: Id;
  lotId: Id;
  lonLat: LonLat;
  areaKm2: number;
  urbanRural: UrbanRural;
  hours: number;
  visits: number;
  legKm: number;
  /** Index into the probed list, −1 without visits. */
  probe: number;
}

function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split(".")) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function assumptionsOf(raw: CostOfCareOptions, s: CostOfCareSettings, visitMix: readonly { minutes: number; share: number }[], mix: StaffMix): CostAssumption[] {
  return Object.entries(DEFAULT_SOURCES).map(([name, d]) => {
    let value: number | string;
    if (name === "visitMix") value = visitMix.map((v) => `${v.minutes} min ${Math.round(v.share * 1000) / 10}%`).join(", ");
    else if (name === "staffMix") value = TRAVEL_MODES.map((m) => `${m} ${Math.round(mix[m] * 1000) / 10}%`).join(", ");
    else value = valueAt(s, name) as number;
    const overridden = valueAt(raw, name) !== undefined;
    return { name, value, unit: d.unit, source: overridden ? "given by the caller" : d.source, date: overridden ? "" : d.date, overridden };
  });
}

const fmt = (v: number, d = 2): string => formatDecimals(v, d);

/**
 * The cost of care per contact hour in each lot, built up from its parts: careworker pay for contact and
 * for travel time between visits, employer on-costs (NI, pension, holiday, sickness, training), drivers'
 * mileage, running the business and surplus. Travel minutes per visit come from the lot itself: its
 * demand density (hours and a visit-length mix over its areas' km²) through a travel-time source, per
 * staff mode, blended by the staff mix; travel minutes per contact hour = (60 / mean visit length) ×
 * travel minutes per visit (the Fair Cost of Care formula). The model is stated in
 * `src/cost/travel-model.ts`. Defaults follow the Homecare Association Minimum Price 2020-21 and are
 * listed, with sources and dates, in the result's `assumptions`; every one can be overridden.
 *
 * Also derives price bands (urban, fringe, rural, isolated: four classes of modelled area cost, or the
 * caller's `bandOf`) and a rate weight per lot, and returns the lots ready for `allocate()`.
 *
 * @param plan - lots of area ids (`LotPlan`, or `designLots`' result); every area at most once.
 * @param areas - `{ id, lonLat, areaKm2, urbanRural | urban }` for every area in the plan.
 * @param demand - weekly hours per area id (areas without an entry have 0).
 * @param options - see {@link CostOfCareOptionsSchema}: `travel` (default `straightLineTravel()`),
 *   `fallbackTravel`, `visitMix`, `staffMix`, `staffMixByLot`, `hourlyPay`, `onCosts`,
 *   `mileageRatePerMile`, `businessPerContactHour`, `surplusRate`, `travelModel`, `bandOf`, `rateWeights`.
 * @returns a {@link CostOfCare}: per lot the cost and every part of it, per area and per band costs,
 *   `allocationLots` for `allocate()`, totals, assumptions and warnings. A lot without hours gets
 *   status `no_demand` and null costs; one whose travel source has no time for a mode it needs gets
 *   `no_travel_time`.
 * @throws {LotwiseError} `invalid_input` for a bad argument or option (a visit-length mix whose shares
 *   do not sum to 1, a negative wage, an area without km² or class...), `duplicate_id` for a lot id
 *   used twice or an area in two lots, `unknown_id` for a plan area missing from `areas` or an
 *   unknown lot in `staffMixByLot` / area in `bandOf`; the travel source's own errors.
 * @example
 * ```ts
 * import { costOfCare } from "lotwise";
 * const costs = await costOfCare(
 *   { lots: [{ id: "L1", areaIds: ["A", "B"] }] },
 *   [
 *     { id: "A", lonLat: [-1.13, 52.63], areaKm2: 0.5, urbanRural: "urban" },
 *     { id: "B", lonLat: [-1.10, 52.70], areaKm2: 12, urbanRural: "rural" },
 *   ],
 *   { A: 300, B: 40 },
 * );
 * costs.lots[0].costPerContactHour; // ≈ 18.84 (£ per contact hour)
 * costs.lots[0].travelMinutesPerContactHour.drive; // ≈ 4.70 (walk ≈ 38.0)
 * ```
 */
export async function costOfCare(plan: CostPlan, areas: readonly CostArea[], demand: Readonly<Record<Id, number>>, options: CostOfCareOptions = {}): Promise<CostOfCare> {
  const p = parseInput(CostPlanSchema, plan, "plan");
  const as = parseCostAreas(areas);
  const dem = parseInput(DemandHoursSchema, demand, "demand");
  const s = parseInput(CostOfCareOptionsSchema, options, "options");
  const visitMix = s.visitMix ?? DEFAULT_VISIT_MIX;
  const baseMix: StaffMix = s.staffMix ?? DEFAULT_COST_STAFF_MIX;
  const travel = s.travel ?? straightLineTravel();
  const tm = s.travelModel;
  const meanVisit = visitMix.reduce((t, v) => t + v.share * v.minutes, 0);
  const legShare = (tm.visitsPerRun - 1) / tm.visitsPerRun;
  const warnings: string[] = [];

  // References: lot ids unique, areas known and in one lot, per-lot and per-area options known.
  const areaById = new Map(as.map((a) => [a.id, a] as const));
  const lotOfArea = new Map<Id, Id>();
  const lotIds = new Set<Id>();
  p.lots.forEach((lot, li) => {
    if (lotIds.has(lot.id)) {
      throw new LotwiseError("duplicate_id", `Duplicate plan.lots[${li}].id: ${formatValue(lot.id)}. Lot ids must be unique.`, {
        issues: [{ path: ["plan", "lots", li, "id"], message: "duplicate lot id", input: lot.id }],
      });
    }
    lotIds.add(lot.id);
    lot.areaIds.forEach((id, ai) => {
      if (!areaById.has(id)) {
        throw new LotwiseError("unknown_id", `Unknown plan.lots[${li}].areaIds[${ai}]: ${formatValue(id)}. No entry in areas has this id.`, {
          issues: [{ path: ["plan", "lots", li, "areaIds", ai], message: "unknown area id", input: id }],
        });
      }
      const prev = lotOfArea.get(id);
      if (prev !== undefined) {
        throw new LotwiseError("duplicate_id", `Duplicate plan.lots[${li}].areaIds[${ai}]: ${formatValue(id)} is already in lot ${formatValue(prev)}. An area belongs to one lot.`, {
          issues: [{ path: ["plan", "lots", li, "areaIds", ai], message: "area in two lots", input: id }],
        });
      }
      lotOfArea.set(id, lot.id);
    });
  });
  for (const id of Object.keys(s.staffMixByLot ?? {}).sort(compareIds)) {
    if (!lotIds.has(id)) {
      throw new LotwiseError("unknown_id", `Unknown options.staffMixByLot key: ${formatValue(id)}. No lot in the plan has this id.`, {
        issues: [{ path: ["options", "staffMixByLot", id], message: "unknown lot id", input: id }],
      });
    }
  }
  for (const id of Object.keys(s.bandOf ?? {}).sort(compareIds)) {
    if (!lotOfArea.has(id)) {
      throw new LotwiseError("unknown_id", `Unknown options.bandOf key: ${formatValue(id)}. No lot in the plan has this area.`, {
        issues: [{ path: ["options", "bandOf", id], message: "unknown area id", input: id }],
      });
    }
  }
  const outside = Object.keys(dem).filter((id) => !lotOfArea.has(id) && dem[id]! > 0).sort(compareIds);
  if (outside.length > 0) {
    const h = outside.reduce((t, id) => t + dem[id]!, 0);
    warnings.push(`${outside.length} area(s) with demand are in no lot of the plan (${fmt(h, 1)} h/week, e.g. ${outside.slice(0, 3).join(", ")}); they are not costed.`);
  }

  // Areas: visits and legs (travel-model.ts), then one probe per demand-carrying area.
  const rows: AreaRow[] = [];
  const probed: ModelArea[] = [];
  for (const id of [...lotOfArea.keys()].sort(compareIds)) {
    const a = areaById.get(id)!;
    const hours = dem[id] ?? 0;
    const visits = (60 * hours) / meanVisit;
    const leg = legKm(visits, a.areaKm2, tm);
    const urbanRural: UrbanRural = a.urbanRural;
    const row: AreaRow = { id, lotId: lotOfArea.get(id)!, lonLat: [a.lonLat[0], a.lonLat[1]], areaKm2: a.areaKm2, urbanRural, hours, visits, legKm: leg, probe: -1 };
    if (visits > 0) {
      row.probe = probed.length;
      probed.push({ id, lonLat: row.lonLat, areaKm2: a.areaKm2, urbanRural, legKm: leg });
    }
    rows.push(row);
  }
  const modes = TRAVEL_MODES.filter((m) => s.modes.includes(m));
  const mixes: [string, StaffMix][] = [["options.staffMix", baseMix], ...Object.entries(s.staffMixByLot ?? {}).map(([id, m]) => [`options.staffMixByLot.${id}`, m] as [string, StaffMix])];
  for (const [where, mix] of mixes) {
    const missing = TRAVEL_MODES.filter((m) => mix[m] > 0 && !modes.includes(m));
    if (missing.length > 0) {
      throw new LotwiseError("invalid_input", `Invalid options.modes: ${formatValue(s.modes)}. ${where} has staff travelling by ${missing.join(", ")}, which options.modes leaves out.`, {
        issues: [{ path: ["options", "modes"], message: `${where} needs ${missing.join(", ")}`, input: s.modes }],
      });
    }
  }
  const probed4 = await probeLegs(probed, modes, tm.probeBearings, travel, s.fallbackTravel);
  const probes = { minutes: probed4.minutes, fallbackProbes: Object.fromEntries(TRAVEL_MODES.map((m) => [m, probed4.fallbackProbes[m] ?? 0])) as Record<TravelMode, number> };

  const mixOf = (lotId: Id): StaffMix => s.staffMixByLot?.[lotId] ?? baseMix;
  // Per-area travel minutes per contact hour by mode: (60/L̄)·(k−1)/k·τ.
  const perHour = (row: AreaRow, m: TravelMode): number => (row.probe < 0 ? Number.NaN : ((60 / meanVisit) * legShare * probes.minutes[m]![row.probe]!));
  const blend = (mix: StaffMix, value: (m: TravelMode) => number): number => {
    let t = 0;
    for (const m of modes) if (mix[m] > 0) t += mix[m] * value(m);
    return t;
  };
  const driverMilesPerHour = (km: number): number => (60 / meanVisit) * legShare * (km * tm.roadDetour) / MILE_KM;

  // Per-area costs (for bands and maps).
  const areaCost = rows.map((row) => {
    if (row.probe < 0) return { travel: null, cost: null };
    const mix = mixOf(row.lotId);
    const t = blend(mix, (m) => perHour(row, m));
    if (!Number.isFinite(t)) return { travel: null, cost: null };
    return { travel: t, cost: buildUpCost(t, mix.drive * driverMilesPerHour(row.legKm), s).costPerContactHour };
  });

  // Bands: given, or four Fisher classes of area cost weighted by hours.
  const bandOfRow: (PriceBand | null)[] = rows.map(() => null);
  if (s.bandOf !== undefined) {
    rows.forEach((row, i) => {
      bandOfRow[i] = s.bandOf![row.id] ?? null;
    });
    const missing = rows.filter((r, i) => r.hours > 0 && bandOfRow[i] === null);
    if (missing.length > 0) warnings.push(`options.bandOf gives no band for ${missing.length} area(s) with demand (e.g. ${missing.slice(0, 3).map((r) => r.id).join(", ")}); their hours are in no band.`);
  } else {
    const costed = rows.map((_, i) => i).filter((i) => areaCost[i]!.cost !== null);
    costed.sort((x, y) => areaCost[x]!.cost! - areaCost[y]!.cost! || compareIds(rows[x]!.id, rows[y]!.id));
    const classes = fisherClasses(costed.map((i) => areaCost[i]!.cost!), costed.map((i) => rows[i]!.hours), 4);
    costed.forEach((i, k) => {
      bandOfRow[i] = bandName(classes[k]!);
    });
  }
  const bandStats = new Map<PriceBand, { n: number; h: number; ch: number; min: number; max: number }>();
  rows.forEach((row, i) => {
    const b = bandOfRow[i], c = areaCost[i]!.cost;
    if (b === null || b === undefined || c === null || row.hours <= 0) return;
    const st = bandStats.get(b) ?? { n: 0, h: 0, ch: 0, min: Infinity, max: -Infinity };
    st.n++;
    st.h += row.hours;
    st.ch += c * row.hours;
    st.min = Math.min(st.min, c);
    st.max = Math.max(st.max, c);
    bandStats.set(b, st);
  });
  const bandCostOf = new Map<PriceBand, number>([...bandStats].map(([b, st]) => [b, st.ch / st.h]));

  // Lots.
  const rowsByLot = new Map<Id, number[]>();
  rows.forEach((row, i) => {
    const list = rowsByLot.get(row.lotId) ?? [];
    list.push(i);
    rowsByLot.set(row.lotId, list);
  });
  const lotsSorted = [...p.lots].sort((x, y) => compareIds(x.id, y.id));
  const nullModes = (): Record<TravelMode, number | null> => ({ drive: null, walk: null, cycle: null, transit: null });
  const draft = lotsSorted.map((lot) => {
    const idx = rowsByLot.get(lot.id) ?? [];
    const mix = mixOf(lot.id);
    const hours = idx.reduce((t, i) => t + rows[i]!.hours, 0);
    const areaKm2 = idx.reduce((t, i) => t + rows[i]!.areaKm2, 0);
    const visitsPerWeek = (60 * hours) / meanVisit;
    const hoursByBand: Partial<Record<PriceBand, number>> = {};
    for (const i of idx) {
      const b = bandOfRow[i];
      if (b !== null && b !== undefined && rows[i]!.hours > 0) hoursByBand[b] = (hoursByBand[b] ?? 0) + rows[i]!.hours;
    }
    const notes: string[] = [];
    const base = {
      lotId: lot.id,
      areaCount: idx.length,
      hours,
      areaKm2,
      meanVisitMinutes: meanVisit,
      visitsPerWeek,
      visitsPerWindow: (tm.providerShare * visitsPerWeek) / (7 * tm.callWindowsPerDay),
      staffMix: mix,
      hoursByBand,
    };
    if (!(hours > 0)) {
      notes.push(`Lot ${lot.id} has no demand (0 h/week over ${idx.length} area(s)): no visits, so no travel or cost is modelled.`);
      return { ...base, legKm: null, travelMinutesPerVisit: nullModes(), travelMinutesPerContactHour: nullModes(), blendedTravelMinutesPerContactHour: null, nonDrivingTravelMinutesPerContactHour: null, driverMilesPerVisit: null, parts: null, costPerContactHour: null, weeklyCost: null, status: "no_demand" as const, notes };
    }
    const withVisits = idx.filter((i) => rows[i]!.hours > 0);
    const meanLegKm = withVisits.reduce((t, i) => t + (rows[i]!.hours / hours) * rows[i]!.legKm, 0);
    const perVisit = nullModes(), perContactHour = nullModes();
    for (const m of modes) {
      let t = 0;
      const missing: Id[] = [];
      for (const i of withVisits) {
        const tau = probes.minutes[m]![rows[i]!.probe]!;
        if (Number.isNaN(tau)) missing.push(rows[i]!.id);
        else t += (rows[i]!.hours / hours) * tau;
      }
      if (missing.length > 0) {
        notes.push(`No ${m} time for ${missing.length} of ${withVisits.length} area(s) with demand (e.g. ${missing.slice(0, 3).join(", ")}): the travel source${s.fallbackTravel === undefined ? " (no fallbackTravel given)" : "s"} gave none.`);
        continue;
      }
      perVisit[m] = legShare * t;
      perContactHour[m] = (60 / meanVisit) * legShare * t;
    }
    if (base.visitsPerWindow < tm.visitsPerRun) {
      notes.push(`Lot ${lot.id}: one provider has ${fmt(base.visitsPerWindow, 1)} visits per call window, fewer than a run of ${fmt(tm.visitsPerRun, 0)}; the density model is extrapolated.`);
    }
    const needed = modes.filter((m) => mix[m] > 0);
    const blocked = needed.filter((m) => perContactHour[m] === null);
    const nd = (["walk", "cycle", "transit"] as const).filter((m) => mix[m] > 0);
    const ndShare = nd.reduce((t, m) => t + mix[m], 0);
    const nonDriving = nd.length === 0 || nd.some((m) => perContactHour[m] === null) ? null : nd.reduce((t, m) => t + (mix[m] / ndShare) * perContactHour[m]!, 0);
    const milesPerVisit = legShare * meanLegKm * tm.roadDetour / MILE_KM;
    if (blocked.length > 0) {
      return { ...base, legKm: meanLegKm, travelMinutesPerVisit: perVisit, travelMinutesPerContactHour: perContactHour, blendedTravelMinutesPerContactHour: null, nonDrivingTravelMinutesPerContactHour: nonDriving, driverMilesPerVisit: milesPerVisit, parts: null, costPerContactHour: null, weeklyCost: null, status: "no_travel_time" as const, notes };
    }
    const blended = needed.reduce((t, m) => t + mix[m] * perContactHour[m]!, 0);
    const { parts, costPerContactHour } = buildUpCost(blended, mix.drive * (60 / meanVisit) * milesPerVisit, s);
    return { ...base, legKm: meanLegKm, travelMinutesPerVisit: perVisit, travelMinutesPerContactHour: perContactHour, blendedTravelMinutesPerContactHour: blended, nonDrivingTravelMinutesPerContactHour: nonDriving, driverMilesPerVisit: milesPerVisit, parts, costPerContactHour, weeklyCost: costPerContactHour * hours, status: "ok" as const, notes };
  });

  // Rate weights: each lot's cost (or its hours' band costs) over the base.
  const rw = s.rateWeights;
  const lotCostsKnown = draft.filter((l) => l.costPerContactHour !== null).map((l) => l.costPerContactHour!);
  const baseCost =
    typeof rw.base === "number"
      ? rw.base
      : rw.from === "lot"
        ? lotCostsKnown.length > 0 ? Math.min(...lotCostsKnown) : null
        : bandCostOf.size > 0 ? Math.min(...bandCostOf.values()) : null;
  const lots: LotCost[] = draft.map((l) => {
    let weight: number | null = null;
    if (baseCost !== null && l.costPerContactHour !== null) {
      if (rw.from === "lot") weight = l.costPerContactHour / baseCost;
      else {
        const banded = Object.entries(l.hoursByBand) as [PriceBand, number][];
        const h = banded.reduce((t, [, x]) => t + x, 0);
        if (h > 0) weight = banded.reduce((t, [b, x]) => t + x * bandCostOf.get(b)!, 0) / h / baseCost;
        if (h < l.hours - 1e-9) l.notes.push(`Lot ${l.lotId}: ${fmt(l.hours - h, 1)} of ${fmt(l.hours, 1)} h/week are in no price band; its band rate weight uses the banded hours only.`);
      }
    }
    return { ...l, rateWeight: weight };
  });
  for (const l of lots) warnings.push(...l.notes);

  const bands: BandCost[] = [...bandStats]
    .map(([band, st]) => ({
      band,
      areaCount: st.n,
      hours: st.h,
      costPerContactHour: st.ch / st.h,
      minCostPerContactHour: st.min,
      maxCostPerContactHour: st.max,
      rateWeight: baseCost === null ? Number.NaN : st.ch / st.h / baseCost,
    }))
    .sort((x, y) => ["urban", "fringe", "rural", "isolated"].indexOf(x.band) - ["urban", "fringe", "rural", "isolated"].indexOf(y.band));

  const areaOut: AreaCost[] = rows.map((row, i) => ({
    areaId: row.id,
    lotId: row.lotId,
    hours: row.hours,
    visitsPerWeek: row.visits,
    legKm: row.probe < 0 ? null : row.legKm,
    blendedTravelMinutesPerContactHour: areaCost[i]!.travel,
    costPerContactHour: areaCost[i]!.cost,
    band: bandOfRow[i] ?? null,
  }));

  const allocationLots: AllocationLot[] = lots.map((l) => {
    const idx = rowsByLot.get(l.lotId) ?? [];
    let urbanHours = 0, ruralHours = 0;
    for (const i of idx) {
      if (rows[i]!.urbanRural === "urban") urbanHours += rows[i]!.hours;
      else ruralHours += rows[i]!.hours;
    }
    return l.rateWeight === null ? { id: l.lotId, urbanHours, ruralHours } : { id: l.lotId, urbanHours, ruralHours, rateWeight: l.rateWeight };
  });

  const totalHours = lots.reduce((t, l) => t + l.hours, 0);
  const costed = lots.filter((l) => l.weeklyCost !== null);
  const costedHours = costed.reduce((t, l) => t + l.hours, 0);
  const weekly = costed.reduce((t, l) => t + l.weeklyCost!, 0);
  if (costed.length < lots.filter((l) => l.hours > 0).length) warnings.push(`Weekly cost covers ${fmt(costedHours, 1)} of ${fmt(totalHours, 1)} h/week: some lots have no modelled cost (see their notes).`);

  return {
    lots,
    areas: areaOut,
    bands,
    bandSource: s.bandOf === undefined ? "modelled" : "given",
    rateWeightBase: { from: rw.from, costPerContactHour: baseCost },
    allocationLots,
    totals: { hours: totalHours, weeklyCost: costed.length > 0 ? weekly : null, costPerContactHour: costedHours > 0 ? weekly / costedHours : null },
    assumptions: assumptionsOf(options, s, visitMix, baseMix),
    fallbackProbes: probes.fallbackProbes,
    warnings,
  };
}

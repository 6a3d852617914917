import type { Id } from "../domain/index.js";
import type { StaffMix, TravelMode } from "../domain/index.js";
import type { AllocationLot } from "../schema/allocation.js";
import type { PriceBand } from "../schema/cost.js";
import type { CostParts } from "./build-up.js";
import type { CostAssumption } from "./defaults.js";

/** Why a lot has no modelled cost. */
export type LotCostStatus = "ok" | "no_demand" | "no_travel_time";

/** The modelled cost of care in one lot. Money in £; times in minutes; per contact hour unless named. */
export interface LotCost {
  readonly lotId: Id;
  readonly areaCount: number;
  /** Weekly contact hours. */
  readonly hours: number;
  /** Land area of all the lot's areas, km². */
  readonly areaKm2: number;
  /** Mean visit length of the mix, minutes (L̄). */
  readonly meanVisitMinutes: number;
  /** Visits a week: 60 × hours / L̄. */
  readonly visitsPerWeek: number;
  /** Visits one provider chains in one call window: σ · visitsPerWeek / (7 · W). */
  readonly visitsPerWindow: number;
  /** Mean straight-line km of a leg between two visits (visit-weighted), null without demand. */
  readonly legKm: number | null;
  /** Paid travel minutes per visit, per mode (null: no demand, or the source had no time). */
  readonly travelMinutesPerVisit: Readonly<Record<TravelMode, number | null>>;
  /** (60 / L̄) × travel minutes per visit, per mode. */
  readonly travelMinutesPerContactHour: Readonly<Record<TravelMode, number | null>>;
  /** The staff mix that blends the modes. */
  readonly staffMix: StaffMix;
  /** Travel minutes per contact hour blended by the staff mix. */
  readonly blendedTravelMinutesPerContactHour: number | null;
  /** The same for walking, cycling and bus staff only (their shares renormalised); null when the mix has none. */
  readonly nonDrivingTravelMinutesPerContactHour: number | null;
  /** Road miles a driver covers per visit between visits. */
  readonly driverMilesPerVisit: number | null;
  /** The cost of one contact hour, part by part (null without a cost). */
  readonly parts: CostParts | null;
  readonly costPerContactHour: number | null;
  /** costPerContactHour × hours. */
  readonly weeklyCost: number | null;
  /** Weekly hours by price band. */
  readonly hoursByBand: Readonly<Partial<Record<PriceBand, number>>>;
  /** Rate weight for `allocate()` (cost ÷ base cost), null without a cost. */
  readonly rateWeight: number | null;
  readonly status: LotCostStatus;
  /** Plain sentences: what is missing or extrapolated, with the numbers. */
  readonly notes: readonly string[];
}

/** The modelled cost of care in one small area (its own density; its lot's staff mix). */
export interface AreaCost {
  readonly areaId: Id;
  readonly lotId: Id;
  readonly hours: number;
  readonly visitsPerWeek: number;
  /** Straight-line km of one leg (null for an area without visits). */
  readonly legKm: number | null;
  readonly blendedTravelMinutesPerContactHour: number | null;
  readonly costPerContactHour: number | null;
  readonly band: PriceBand | null;
}

/** One price band: the hours-weighted cost of its areas. */
export interface BandCost {
  readonly band: PriceBand;
  readonly areaCount: number;
  readonly hours: number;
  /** Hours-weighted mean cost per contact hour of the band's areas. */
  readonly costPerContactHour: number;
  readonly minCostPerContactHour: number;
  readonly maxCostPerContactHour: number;
  /** costPerContactHour ÷ base cost. */
  readonly rateWeight: number;
}

/** The result of {@link costOfCare}. Lots, areas and bands are sorted (by id; bands cheapest first). */
export interface CostOfCare {
  readonly lots: readonly LotCost[];
  readonly areas: readonly AreaCost[];
  readonly bands: readonly BandCost[];
  /** Where the bands came from: derived from modelled cost, or given in `options.bandOf`. */
  readonly bandSource: "modelled" | "given";
  /** The £/hour that has rate weight 1, and how it was chosen. */
  readonly rateWeightBase: { readonly from: "lot" | "band"; readonly costPerContactHour: number | null };
  /** Lots ready for `allocate()`: urban/rural hours and the rate weight (absent where there is no cost). */
  readonly allocationLots: AllocationLot[];
  readonly totals: {
    readonly hours: number;
    readonly weeklyCost: number | null;
    /** Hours-weighted mean cost per contact hour over the lots with a cost. */
    readonly costPerContactHour: number | null;
  };
  /** Every default and modelling choice used, with source and date, and whether it was overridden. */
  readonly assumptions: readonly CostAssumption[];
  /** Probes the fallback source answered, per mode (0 without `fallbackTravel`). */
  readonly fallbackProbes: Readonly<Record<TravelMode, number>>;
  readonly warnings: readonly string[];
}

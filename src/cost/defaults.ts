// Published cost figures the cost model's defaults come from, with their dates and sources.
import type { StaffMix } from "../domain/index.js";

/**
 * The Homecare Association (then UKHCA) Minimum Price for Homecare for April 2020 – March 2021,
 * £20.69 per contact hour at the National Living Wage, as broken down when it was announced
 * (20 January 2020). £ per contact hour.
 */
export const MINIMUM_PRICE_2020_21 = {
  validFrom: "2020-04-01",
  announced: "2020-01-20",
  source: "Homecare Association (UKHCA), Minimum Price for Homecare April 2020 – March 2021",
  totalPerHour: 20.69,
  contactTime: 8.72,
  travelTime: 1.7,
  employerNiAndPension: 1.14,
  otherWageOnCosts: 1.97,
  mileage: 1.36,
  runningTheBusiness: 5.2,
  surplus: 0.6,
} as const;

/**
 * The Homecare Association's Minimum Price per contact hour in England, by financial year (£), as
 * listed in the project's published cost figures.
 */
export const MINIMUM_PRICE_BY_YEAR: Readonly<Record<string, number>> = {
  "2019-20": 18.93,
  "2020-21": 20.69,
  "2021-22": 21.43,
  "2022-23": 23.2,
  "2023-24": 25.95,
  "2024-25": 28.53,
  "2025-26": 32.14,
};

/**
 * Default visit-length mix (shares of visits): 15 min 10 %, 30 min 50 %, 45 min 20 %, 60 min 20 %,
 * mean 37.5 minutes. ILLUSTRATIVE: no national mix is published; give your council's own.
 */
export const DEFAULT_VISIT_MIX: readonly { readonly minutes: number; readonly share: number }[] = [
  { minutes: 15, share: 0.1 },
  { minutes: 30, share: 0.5 },
  { minutes: 45, share: 0.2 },
  { minutes: 60, share: 0.2 },
];

/** Default staff mix: everyone drives, as the Minimum Price (which pays mileage on every hour) assumes. */
export const DEFAULT_COST_STAFF_MIX: StaffMix = { drive: 1, walk: 0, cycle: 0, transit: 0 };

/** One default the cost model used, with its source and date, and whether the caller replaced it. */
export interface CostAssumption {
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
  readonly source: string;
  /** When the figure applies or was published (ISO date or year); "" for a modelling choice. */
  readonly date: string;
  readonly overridden: boolean;
}

/** Sources of the defaults, by option path. @internal */
export const DEFAULT_SOURCES: Readonly<Record<string, { unit: string; source: string; date: string }>> = {
  hourlyPay: { unit: "£/hour", source: "National Living Wage (25+) from 1 April 2020; the Minimum Price 2020-21 contact time £8.72", date: "2020-04-01" },
  "onCosts.employerNi": { unit: "share of pay", source: "with pension, the Minimum Price 2020-21 NI & pension line (£1.14 on £10.42 of pay); split ours", date: "2020-04-01" },
  "onCosts.pension": { unit: "share of pay", source: "auto-enrolment employer minimum contribution (3 % from April 2019)", date: "2019-04-06" },
  "onCosts.holiday": { unit: "share of pay", source: "5.6 weeks' statutory annual leave (Working Time Regulations 1998) ÷ 46.4 working weeks", date: "2009-04-01" },
  "onCosts.sickness": { unit: "share of pay", source: "Homecare Association Minimum Price 2020-21 sick-pay assumption, 2.9 % of gross pay", date: "2020-01-20" },
  "onCosts.training": { unit: "share of pay", source: "remainder of the Minimum Price 2020-21 other wage on-costs (£1.97 on £10.42 of pay) after holiday and sickness", date: "2020-01-20" },
  mileageRatePerMile: { unit: "£/mile", source: "HMRC approved mileage allowance payment, cars, first 10,000 miles (unchanged since 2011-12)", date: "2011-04-06" },
  businessPerContactHour: { unit: "£/contact hour", source: "Minimum Price 2020-21 running-the-business line", date: "2020-01-20" },
  surplusRate: { unit: "share of costs", source: "Minimum Price 2020-21 surplus (£0.60 on £20.09 of costs ≈ 3 %)", date: "2020-01-20" },
  visitMix: { unit: "shares of visits", source: "ILLUSTRATIVE (15/30/45/60 min: 10/50/20/20 %); no national mix is published", date: "" },
  staffMix: { unit: "shares of hours", source: "all staff drive, as the Minimum Price (mileage on every hour) assumes", date: "2020-01-20" },
  "travelModel.callWindowsPerDay": { unit: "windows/day", source: "modelling choice: morning, lunch, tea and bed calls", date: "" },
  "travelModel.providerShare": { unit: "share of a lot's visits", source: "modelling choice: the lead provider's share allocate() requires by default (60 %)", date: "" },
  "travelModel.visitsPerRun": { unit: "visits/run", source: "modelling choice; legs from home to the first visit and back are commuting, unpaid", date: "" },
  "travelModel.tourConstant": { unit: "km per √(km² per visit)", source: "nearest-neighbour sequences ≈ 25 % above the Beardwood–Halton–Hammersley 0.7124 (Johnson & McGeoch 1997); 0.90–0.93 for 20–1000 uniform points in a square with edges (test/cost checks 20, 100, 500)", date: "" },
  "travelModel.rosterFactor": { unit: "rostered ÷ ideal legs", source: "CALIBRATED: Leicestershire County Council area averages 2.9 road miles per visit (Homecare Association 2022 national figure); gives 11.5 driving min per contact hour vs 11.7 implied by the Minimum Price 2020-21", date: "2022" },
  "travelModel.roadDetour": { unit: "road ÷ straight-line distance", source: "1.2–1.4 typical (Ballou, Rahardja & Sakai 2002); the straight-line source's driving detour", date: "" },
  "travelModel.probeBearings": { unit: "directions", source: "modelling choice", date: "" },
};

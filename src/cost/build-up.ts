// The cost of one contact hour built up from its parts (Homecare Association Minimum Price structure).
import type { CostOfCareSettings } from "../schema/cost.js";

/** The parts of the cost of one contact hour, £. They sum to `costPerContactHour`. */
export interface CostParts {
  /** Careworker pay for the contact hour itself: hourlyPay × 1 h. */
  readonly contactPay: number;
  /** Pay for travel between visits: hourlyPay × travel minutes per contact hour / 60. */
  readonly travelPay: number;
  /** Employer on-costs, each a share of (contactPay + travelPay). */
  readonly employerNi: number;
  readonly pension: number;
  readonly holiday: number;
  readonly sickness: number;
  readonly training: number;
  /** Drivers' mileage: drive share × miles per contact hour × rate per mile. */
  readonly mileage: number;
  /** Running the business (office, management, insurance, registration...). */
  readonly business: number;
  /** Surplus: surplusRate × the sum of everything above. */
  readonly surplus: number;
}

/**
 * Builds up the cost of one contact hour from travel minutes per contact hour (blended over staff
 * modes) and drivers' miles per contact hour (already weighted by the drive share). @internal
 */
export function buildUpCost(
  travelMinutesPerContactHour: number,
  driverMilesPerContactHour: number,
  s: Pick<CostOfCareSettings, "hourlyPay" | "onCosts" | "mileageRatePerMile" | "businessPerContactHour" | "surplusRate">,
): { parts: CostParts; costPerContactHour: number } {
  const contactPay = s.hourlyPay;
  const travelPay = (s.hourlyPay * travelMinutesPerContactHour) / 60;
  const pay = contactPay + travelPay;
  const o = s.onCosts;
  const employerNi = pay * o.employerNi;
  const pension = pay * o.pension;
  const holiday = pay * o.holiday;
  const sickness = pay * o.sickness;
  const training = pay * o.training;
  const mileage = driverMilesPerContactHour * s.mileageRatePerMile;
  const business = s.businessPerContactHour;
  const costs = pay + employerNi + pension + holiday + sickness + training + mileage + business;
  const surplus = costs * s.surplusRate;
  return {
    parts: { contactPay, travelPay, employerNi, pension, holiday, sickness, training, mileage, business, surplus },
    costPerContactHour: costs + surplus,
  };
}


/** 1 km along a meridian in degrees (R = 6371008.8 m): haversine gives exactly 1 km per step. */
export const KM = 1000 / ((6371008.8 * Math.PI) / 180);

export { asyncErrorOf, errorOf } from "../helpers/errors.js";

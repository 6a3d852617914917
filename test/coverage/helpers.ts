import { isLotwiseError, type LotwiseError } from "../../src/index.js";

/** 1 km along a meridian in degrees (R = 6371008.8 m): haversine gives exactly 1 km per step. */
export const KM = 1000 / ((6371008.8 * Math.PI) / 180);

export function errorOf(fn: () => unknown): LotwiseError {
  try {
    fn();
  } catch (e) {
    if (isLotwiseError(e)) return e;
    throw e;
  }
  throw new Error("expected a LotwiseError");
}

export async function asyncErrorOf(fn: () => Promise<unknown>): Promise<LotwiseError> {
  try {
    await fn();
  } catch (e) {
    if (isLotwiseError(e)) return e;
    throw e;
  }
  throw new Error("expected a LotwiseError");
}

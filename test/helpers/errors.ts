// Shared test helpers: run a function that must throw a LotwiseError and return it for assertions.
import { isLotwiseError, type LotwiseError } from "../../src/index.js";

/** Calls `fn`, which must throw a LotwiseError; any other exception is re-thrown, no throw fails. */
export function errorOf(fn: () => unknown): LotwiseError {
  try {
    fn();
  } catch (e) {
    if (isLotwiseError(e)) return e;
    throw e;
  }
  throw new Error("expected a LotwiseError");
}

/** Async twin of {@link errorOf}: `fn` must reject with a LotwiseError. */
export async function asyncErrorOf(fn: () => Promise<unknown>): Promise<LotwiseError> {
  try {
    await fn();
  } catch (e) {
    if (isLotwiseError(e)) return e;
    throw e;
  }
  throw new Error("expected a LotwiseError");
}

/**
 * For junk-input properties: `fn` must either return or throw a LotwiseError with a real message.
 * Returns the value, or null when it threw; any other exception fails the property.
 */
export function lotwiseOrValue<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (!isLotwiseError(e)) throw e;
    if (e.message.length <= 10) throw new Error(`LotwiseError with too short a message: ${JSON.stringify(e.message)}`);
    return null;
  }
}

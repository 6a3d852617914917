/** Deterministic, locale-free id comparison (code-unit order), used for every id-sorted output. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a new array sorted by `key(x)` with {@link compareIds}. */
export function sortById<T>(items: readonly T[], key: (x: T) => string): T[] {
  return [...items].sort((x, y) => compareIds(key(x), key(y)));
}

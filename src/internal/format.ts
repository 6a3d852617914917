// Number formatting, one place: every number lotwise writes into a CSV cell, an SVG attribute, a report
// table or an error message goes through these, so the same input gives the same bytes on every platform
// (no locale, no `-0`, no float noise such as 0.30000000000000004).

/**
 * A number with at most `decimals` places, trailing zeros dropped, never `-0` (`2.50` → `"2.5"`,
 * `-0.0001` → `"0"`). Rounds like `Number.prototype.toFixed`. Non-finite numbers as `String(x)`. @internal
 */
export function formatDecimals(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  let s = x.toFixed(decimals);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s === "-0" ? "0" : s;
}

/**
 * A number with thousands separators and exactly `decimals` places, locale-free
 * (`20317.04` → `"20,317.0"` with 1 decimal); never `-0.0`. @internal
 */
export function formatGrouped(x: number, decimals = 1): string {
  const s = Math.abs(x).toFixed(decimals);
  const [int, frac] = s.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = x < 0 && Number(s) !== 0 ? "-" : "";
  return `${sign}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

/**
 * A number for a sentence in a message or warning: two decimals at most (`1234.5678` → `"1234.57"`,
 * `40` → `"40"`). @internal
 */
export function formatForMessage(x: number): string {
  return formatDecimals(x, 2);
}

/**
 * `x` rounded to `decimals` places as a number, `-0` as `0` (e.g. `roundTo(v, 9)` so solver float noise
 * does not leak into outputs). @internal
 */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

// Small SVG helpers: XML escaping and fixed-decimal numbers, so the same input gives the same bytes.
import { formatDecimals } from "../internal/format.js";

/** Escapes text for XML content and attribute values. @internal */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An SVG number: at most `decimals` places (default 1: 0.1 px), trailing zeros dropped, never `-0`. @internal */
export const fmt = (x: number, decimals = 1): string => formatDecimals(x, decimals);

// Small SVG helpers: XML escaping and fixed-decimal numbers, so the same input gives the same bytes.

/** Escapes text for XML content and attribute values. @internal */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A number with at most `decimals` places, trailing zeros dropped, never `-0`. @internal */
export function fmt(x: number, decimals = 1): string {
  let s = x.toFixed(decimals);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s === "-0" ? "0" : s;
}

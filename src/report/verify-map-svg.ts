// Verifies that an SVG string is made only of what renderMap writes, so renderReport can inline it in
// HTML without letting anything run. This is a whitelist, not a sanitiser: the elements renderMap uses
// (no script, foreignObject, use, image, a, animate/set, style), attributes from a fixed list (no on*,
// href, style), each value matching a strict pattern (paint is a colour, none or url(#local-id)), and
// text made of plain characters and the five XML entities. Anything else is refused, so a hand-edited or
// foreign SVG cannot slip through; an SVG that passes cannot execute code or load a resource.
import { LotwiseError } from "../errors.js";

const ELEMENTS = new Set(["svg", "title", "defs", "pattern", "clipPath", "rect", "g", "path", "text", "tspan"]);

const NUMBER = /^-?\d+(\.\d+)?$/;
const LOCAL_URL = /^url\(#[A-Za-z][\w-]*\)$/;
const PAINT = /^(#[0-9a-fA-F]{3,8}|none|url\(#[A-Za-z][\w-]*\))$/;

const ATTRIBUTES: Readonly<Record<string, RegExp>> = {
  xmlns: /^http:\/\/www\.w3\.org\/2000\/svg$/,
  width: NUMBER,
  height: NUMBER,
  x: NUMBER,
  y: NUMBER,
  viewBox: /^-?[\d.]+ -?[\d.]+ -?[\d.]+ -?[\d.]+$/,
  "font-family": /^[A-Za-z][A-Za-z ,-]*$/,
  "font-size": NUMBER,
  "font-weight": /^(bold|normal|\d{3})$/,
  id: /^[A-Za-z][\w-]*$/,
  patternUnits: /^(userSpaceOnUse|objectBoundingBox)$/,
  patternTransform: /^rotate\(-?\d+(\.\d+)?\)$/,
  "clip-path": LOCAL_URL,
  fill: PAINT,
  stroke: PAINT,
  "stroke-width": NUMBER,
  "stroke-linejoin": /^(round|miter|bevel)$/,
  "stroke-linecap": /^(round|butt|square)$/,
  "fill-rule": /^(evenodd|nonzero)$/,
  "fill-opacity": NUMBER,
  "paint-order": /^(stroke|fill|normal)$/,
  "text-anchor": /^(start|middle|end)$/,
  d: /^[MLHVZmlhvz0-9 .,-]*$/,
};

const TEXT = /^(?:[^<>&]|&(?:amp|lt|gt|quot|apos);)*$/;
// Characters XML 1.0 allows (tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, astral pairs).
const XML_CHARS = /^(?:[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const TAG = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z][\w:-]*="[^"<>]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([A-Za-z][\w:-]*)="([^"<>]*)"/g;

function refuse(offset: number, why: string): never {
  throw new LotwiseError(
    "invalid_input",
    `Invalid input.mapSvg: ${why} at character ${offset}. renderReport inlines only an SVG made by renderMap, unchanged; pass renderMap's output, or leave mapSvg out.`,
    { issues: [{ path: ["input", "mapSvg"], message: `${why} at character ${offset}` }] },
  );
}

/**
 * Checks that `svg` consists only of the elements, attributes and values renderMap writes (see the file
 * comment), and returns it without an XML declaration. Throws otherwise.
 *
 * @param svg - the SVG text.
 * @returns the SVG from its `<svg` root on.
 * @throws {LotwiseError} `invalid_input` naming the first element, attribute or text that is not allowed.
 * @internal
 */
export function verifyMapSvg(svg: string): string {
  const body = svg.replace(/^<\?xml version="1\.0"( encoding="UTF-8")?\?>\s*/, "");
  if (!XML_CHARS.test(body)) refuse(body.search(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/), "a character XML does not allow");
  const open: string[] = [];
  let pos = 0;
  let rootSeen = false;
  while (pos < body.length) {
    const lt = body.indexOf("<", pos);
    const text = body.slice(pos, lt === -1 ? body.length : lt);
    if (!TEXT.test(text)) refuse(pos, "text with a raw '>' or an '&' that is not one of the five XML entities");
    if (open.length === 0 && text.trim() !== "") refuse(pos, "text outside the <svg> root");
    if (lt === -1) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(body);
    if (m === null) refuse(lt, "markup that is not a plain element tag (a comment, CDATA, processing instruction or malformed tag)");
    const [whole, closing, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string];
    if (!ELEMENTS.has(name)) refuse(lt, `the element <${name}>, which renderMap does not write`);
    if (closing === "/") {
      if (attrs !== "" || selfClosing === "/") refuse(lt, `a malformed closing tag </${name}>`);
      if (open.pop() !== name) refuse(lt, `</${name}> that closes nothing open`);
    } else {
      if (open.length === 0 && (rootSeen || name !== "svg")) refuse(lt, rootSeen ? "a second root element" : `a root <${name}> (expected <svg>)`);
      rootSeen = true;
      const seen = new Set<string>();
      for (const [, attr, value] of attrs.matchAll(ATTRIBUTE) as IterableIterator<[string, string, string]>) {
        const pattern = Object.hasOwn(ATTRIBUTES, attr) ? ATTRIBUTES[attr] : undefined;
        if (pattern === undefined) refuse(lt, `the attribute ${attr} on <${name}>, which renderMap does not write`);
        if (!pattern.test(value)) refuse(lt, `the value ${JSON.stringify(value.slice(0, 60))} of ${attr} on <${name}>`);
        if (seen.has(attr)) refuse(lt, `the attribute ${attr} given twice on <${name}>`);
        seen.add(attr);
      }
      if (selfClosing !== "/") open.push(name);
    }
    pos = lt + whole.length;
  }
  if (!rootSeen) refuse(0, "no <svg> root element");
  if (open.length > 0) refuse(body.length, `<${open[open.length - 1]!}> left open`);
  return body;
}

import MarkdownIt from "markdown-it";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../../src/boundaries/load.js";
import { renderMap } from "../../src/report/render-map.js";
import { renderReport } from "../../src/report/render-report.js";
import { escapeMarkdown, escapeXml, visibleText } from "../../src/report/svg.js";
import { verifyMapSvg } from "../../src/report/verify-map-svg.js";
import { errorOf } from "../helpers/errors.js";
import { HOSTILE, fourSquares as grid, hostileMap, hostileReport } from "../helpers/hostile.js";

// Output escaping: ids and names are text in every format. XML well-formedness is checked with saxes (a
// conformant XML 1.0 parser, which rejects forbidden characters); Markdown with markdown-it, rendering
// raw HTML as GitHub would allow it (html: true), to see what a reader would get.

/** Parses `xml` strictly; returns the error messages and the text content of every element named `tag`. */
function parseXml(xml: string, tag = "text"): { errors: string[]; texts: string[]; elements: string[] } {
  const errors: string[] = [];
  const texts: string[] = [];
  const elements: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  let depthInTag = 0;
  let current = "";
  parser.on("error", (e) => errors.push(e.message));
  parser.on("opentag", (t) => {
    elements.push(t.name);
    if (t.name === tag) depthInTag++;
  });
  parser.on("text", (t) => {
    if (depthInTag > 0) current += t;
  });
  parser.on("closetag", (t) => {
    if (t.name === tag && --depthInTag === 0) {
      texts.push(current);
      current = "";
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    errors.push((e as Error).message);
  }
  return { errors, texts, elements };
}

describe("escaping helpers", () => {
  it("visibleText(s) turns each C0 control into its control picture and unpaired surrogates into U+FFFD", () => {
    expect(visibleText("a\u0000b\u0001\u001f\u007f")).toBe("a\u2400b\u2401\u241f\u2421");
    expect(visibleText("\uD800x\uDFFF\uFFFE")).toBe("\uFFFDx\uFFFD\uFFFD");
    expect(visibleText("tab\tLF\nCR\r😀")).toBe("tab\tLF\nCR\r😀");
  });

  it("escapeXml / escapeMarkdown of every hostile string parse as text that shows the original characters", () => {
    for (const s of HOSTILE) {
      const { errors, texts } = parseXml(`<t>${escapeXml(s)}</t>`, "t");
      expect(errors, JSON.stringify(s)).toEqual([]);
      // XML normalises CR to LF; otherwise the parsed text is exactly the visible form.
      expect(texts[0]).toBe(visibleText(s).replace(/\r\n?/g, "\n"));
      const html = new MarkdownIt({ html: true }).renderInline(escapeMarkdown(s));
      expect(html, JSON.stringify(s)).not.toMatch(/<(?!br>)[a-z]/i);
    }
  });
});

describe("renderMap output is well-formed XML for any id", () => {
  it("renderMap(b, plan, opts) with a hostile string in every text field parses with saxes, each shown as text", () => {
    for (const s of HOSTILE) {
      const svg = hostileMap(s);
      const { errors, texts, elements } = parseXml(svg);
      expect(errors, JSON.stringify(s)).toEqual([]);
      expect(new Set(elements)).toEqual(new Set(["svg", "title", "defs", "pattern", "rect", "clipPath", "g", "path", "text", "tspan"]));
      const shown = visibleText(s).replace(/\r\n?/g, "\n");
      expect(texts).toContain(shown); // title line, legend text, attribution…
      expect(texts).toContain(`lead P${shown}`);
      expect(texts).toContain(`P${shown}`);
      expect(verifyMapSvg(svg)).toBe(svg);
    }
  });

  it("renderMap(b, plan, { leadProviders }) finds nothing inherited for lots named constructor or toString", () => {
    const svg = renderMap(grid(), { lots: [{ id: "constructor", areaIds: ["A0", "A1"] }, { id: "toString", areaIds: ["A2", "A3"] }] });
    expect(svg).not.toContain("lead ");
    expect(svg).not.toContain("function");
    expect(parseXml(svg).errors).toEqual([]);
  });

  it("renderMap(b, plan) with zero-extent boundaries throws invalid_input; a zero-width extent still draws finite coordinates", () => {
    const point = (id: string, x: number, y: number) => ({ type: "Feature", id, properties: {}, geometry: { type: "Polygon", coordinates: [[[x, y], [x, y], [x, y], [x, y]]] } });
    const b = loadBoundaries({ type: "FeatureCollection", features: [point("A", -1, 52), point("B", -1, 52)] });
    const err = errorOf(() => renderMap(b, { lots: [{ id: "L", areaIds: ["A", "B"] }] }));
    expect(err.code).toBe("invalid_input");
    expect(err.message).toContain("zero extent");
    expect(err.message).toContain("[-1, 52]");
    // Two degenerate areas on one meridian: zero width, 0.1° tall; the height sets the scale.
    const line = loadBoundaries({ type: "FeatureCollection", features: [point("A", -1, 52), point("B", -1, 52.1)] });
    const svg = renderMap(line, { lots: [{ id: "L", areaIds: ["A", "B"] }] });
    expect(svg).not.toContain("NaN");
    expect(svg).not.toContain("Infinity");
    expect(parseXml(svg).errors).toEqual([]);
  });
});

describe("renderReport escapes every field and inlines only renderMap's SVG", () => {
  it("renderReport(hostile).markdown renders (markdown-it, HTML allowed) to tables of the right shape with no element from the input", () => {
    const md = new MarkdownIt({ html: true });
    for (const s of HOSTILE) {
      const { markdown } = hostileReport(s);
      const html = md.render(markdown);
      // Only the elements lotwise writes: headings, paragraphs, lists, tables, bold, rule, line breaks, emphasis.
      const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]));
      for (const t of tags) expect(["h1", "h2", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "hr", "br", "em"], `${JSON.stringify(s)}: <${t}>`).toContain(t);
      // Lots: header + 2 lots + total; providers: 1; withdrawal: 1; re-let: 1. Each row has its full cell count.
      const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
      expect(tables.length, JSON.stringify(s)).toBe(4);
      const shape = tables.map((t) => [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => (r[1]!.match(/<t[dh][ >]/g) ?? []).length));
      expect(shape, JSON.stringify(s)).toEqual([[11, 11, 11, 11], [9, 9], [8, 8], [10, 10]]);
      // Two notes, one list item each; the summary is one item.
      expect((html.match(/<li>/g) ?? []).length).toBe(3);
    }
  });

  it("renderReport(hostile).html parses (saxes, as XML after the doctype) with the input only as text", () => {
    for (const s of HOSTILE) {
      const { html } = hostileReport(s);
      const xml = html.replace("<!doctype html>", "").replace(/<meta ([^>]*)>/g, "<meta $1/>");
      const { errors, elements } = parseXml(xml);
      expect(errors, JSON.stringify(s)).toEqual([]);
      for (const e of elements) expect(["html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "strong", "ul", "li", "footer"]).toContain(e);
    }
  });

  it("renderReport({ mapSvg }) inlines renderMap's output and refuses an SVG with anything renderMap does not write", () => {
    const svg = renderMap(grid(), { lots: [{ id: "L1", areaIds: ["A0", "A1", "A2", "A3"] }] });
    expect(hostileReport("x", svg).html).toContain(svg.trimEnd());
    expect(hostileReport("x", `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`).html).toContain(svg.trimEnd());
    const attacks: [string, string][] = [
      [svg.replace("<svg ", `<svg onload="window.__pwned=1" `), "attribute onload"],
      [svg.replace("</svg>", "<script>window.__pwned=1</script></svg>"), "element <script>"],
      [svg.replace("</svg>", `<foreignObject><img src=x onerror="window.__pwned=1"/></foreignObject></svg>`), "element <foreignObject>"],
      [svg.replace("</svg>", `<a href="javascript:window.__pwned=1"><text>x</text></a></svg>`), "element <a>"],
      [svg.replace(`fill="#ffffff"`, `fill="url(http://evil.example/x.svg#a)"`), "value"],
      [svg.replace(`fill="#ffffff"`, `style="background:url(javascript:1)"`), "attribute style"],
      [svg.replace("</svg>", "<![CDATA[<script>1</script>]]></svg>"), "not a plain element tag"],
      [svg.replace("</svg>", "<!-- x --></svg>"), "not a plain element tag"],
      [svg.replace("</svg>", "<set attributeName=\"onload\" to=\"alert(1)\"/></svg>"), "element <set>"],
      [svg.replace(/<\/svg>\n$/, ""), "left open"],
      [`${svg}<svg xmlns="http://www.w3.org/2000/svg"></svg>`, "second root"],
      ['<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "not a plain element tag"],
      [svg.replace("<title>", "<title>&x;"), "five XML entities"],
      [svg.replace("<title>", "<title>\u0001"), "character XML does not allow"],
    ];
    for (const [bad, why] of attacks) {
      const err = errorOf(() => hostileReport("x", bad));
      expect(err.code).toBe("invalid_input");
      expect(err.message, why).toContain(why);
      expect(err.message).toContain("input.mapSvg");
    }
  });

  it("renderReport({ mapHref }) refuses javascript: and data: links and percent-encodes Markdown syntax", () => {
    const base = { title: "t", lots: [{ lotId: "L", areaCount: 1, demandHours: 1 }], mapSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:x", "data:image/svg+xml,<svg onload=1>", "vbscript:x"]) {
      expect(errorOf(() => renderReport({ ...base, mapHref: href })).message).toContain("input.mapHref");
    }
    expect(renderReport({ ...base, mapHref: "maps/my map (v2).svg" }).markdown).toContain("![Map of the lots](maps/my%20map%20%28v2%29.svg)");
    expect(renderReport({ ...base, mapHref: "https://example.org/m.svg" }).markdown).toContain("(https://example.org/m.svg)");
  });
});

// renderReport: the commissioning report as Markdown and as one self-contained HTML file (map inline).
//
// Every string from the input (ids, names, titles, notes, the currency) is text, never markup: escaped
// for HTML with escapeXml and for Markdown with escapeMarkdown (a pipe cannot end a table cell, a newline
// cannot end a row, <img onerror> stays visible text). The only markup in the tables is lotwise's own
// bold cells. An inlined map must be renderMap's own SVG (verifyMapSvg), or it is refused.
import { invalid, parseInput } from "../errors.js";
import { formatGrouped } from "../internal/format.js";
import { compareIds } from "../internal/sort.js";
import { ReportInputSchema, type ReportInput } from "../schema/report.js";
import { escapeMarkdown, escapeMarkdownBlock, escapeXml } from "./svg.js";
import { verifyMapSvg } from "./verify-map-svg.js";

/** The report in two formats. */
export interface RenderedReport {
  /** GitHub-flavoured Markdown; the map is linked as `mapHref`. */
  readonly markdown: string;
  /** A self-contained HTML page with inline CSS and the SVG map inline (no external requests). */
  readonly html: string;
}

/** A table cell: text, or text lotwise itself marks bold (totals, "none"). */
type Cell = string | { readonly strong: string };

interface Table {
  title: string;
  headers: string[];
  /** `r` for numeric columns (right-aligned). */
  align: ("l" | "r")[];
  rows: Cell[][];
  note?: string;
}

const NONE: Cell = { strong: "none" };

const list = (xs: readonly string[]): string => (xs.length === 0 ? "–" : [...xs].sort(compareIds).join(", "));

function tablesOf(input: ReturnType<typeof ReportInputSchema.parse>): Table[] {
  const cur = input.currency;
  const money = (x: number | undefined): string => (x === undefined ? "–" : `${x < 0 ? "-" : ""}${cur}${formatGrouped(Math.abs(x), 0)}`);
  const hours = (x: number | undefined): string => (x === undefined ? "–" : formatGrouped(x, 1));
  const lots = [...input.lots].sort((a, b) => compareIds(a.lotId, b.lotId));
  const sum = (f: (r: (typeof lots)[number]) => number | undefined): number | undefined =>
    lots.some((r) => f(r) !== undefined) ? lots.reduce((s, r) => s + (f(r) ?? 0), 0) : undefined;
  const lotRows: Cell[][] = lots.map((r) => [
    r.lotId,
    r.parent ?? "–",
    String(r.areaCount),
    hours(r.demandHours),
    r.leadProviderId ?? NONE,
    list(r.supplementaryProviderIds),
    r.contingencyProviderId ?? NONE,
    hours(r.assignedHours),
    hours(r.unmetHours),
    money(r.weeklyCost),
    r.coveredShare === undefined ? "–" : `${(r.coveredShare * 100).toFixed(1)}%`,
  ]);
  lotRows.push([
    { strong: "Total" },
    "",
    String(lots.reduce((s, r) => s + r.areaCount, 0)),
    hours(sum((r) => r.demandHours)),
    "",
    "",
    "",
    hours(sum((r) => r.assignedHours)),
    hours(sum((r) => r.unmetHours)),
    money(sum((r) => r.weeklyCost)),
    "",
  ]);
  const tables: Table[] = [
    {
      title: "Lots",
      headers: ["Lot", "Parent", "Areas", "Demand h/wk", "Lead", "Supplementary", "Contingency", "Assigned h/wk", "Unmet h/wk", "Cost/wk", "Covered"],
      align: ["l", "l", "r", "r", "l", "l", "l", "r", "r", "r", "r"],
      rows: lotRows,
    },
  ];
  if (input.providers.length > 0) {
    const providers = [...input.providers].sort((a, b) => compareIds(a.providerId, b.providerId));
    tables.push({
      title: "Providers",
      headers: ["Provider", "Base", "Mode", "Capacity h/wk", "Assigned h/wk", "Use", "Lead in", "Supplementary in", "Contingency for"],
      align: ["l", "l", "l", "r", "r", "r", "l", "l", "l"],
      rows: providers.map((p) => [
        p.providerId,
        p.base ?? "–",
        p.mode ?? "–",
        hours(p.capacityHours),
        hours(p.assignedHours),
        p.capacityHours > 0 ? `${((p.assignedHours / p.capacityHours) * 100).toFixed(0)}%` : "–",
        list(p.leadLots),
        list(p.supplementaryLots),
        list(p.contingencyLots),
      ]),
    });
  }
  if (input.withdrawal !== undefined) {
    const rows = [...input.withdrawal].sort((a, b) => b.unmetHours - a.unmetHours || b.lostHours - a.lostHours || compareIds(a.providerId, b.providerId));
    const withLastResort = rows.some((w) => w.lastResortHours !== undefined);
    const withLeads = rows.some((w) => w.newLeadLots !== undefined);
    tables.push({
      title: "N-1 withdrawal",
      note:
        "Each row withdraws one provider and re-lets the lots it led, delivered in or stood behind as contingency, under the same rules; worst first (most unmet hours). " +
        "The cost column is the change in the weekly cost of the hours still delivered: hours left unmet are shown as unmet, never as a saving.",
      headers: [
        "Withdrawn provider",
        "Hours lost",
        "Re-placed h/wk",
        ...(withLastResort ? ["Last resort h/wk"] : []),
        "Unmet h/wk",
        ...(withLeads ? ["Lots with a new lead"] : []),
        "Cost of delivered hours, change/wk",
        "Status",
      ],
      align: ["l", "r", "r", ...(withLastResort ? (["r"] as const) : []), "r", ...(withLeads ? (["l"] as const) : []), "r", "l"],
      rows: rows.map((w) => [
        w.providerId,
        hours(w.lostHours),
        hours(w.reassignedHours),
        ...(withLastResort ? [hours(w.lastResortHours ?? 0)] : []),
        hours(w.unmetHours),
        ...(withLeads ? [list(w.newLeadLots ?? [])] : []),
        w.costChange === undefined ? "–" : `${w.costChange > 0 ? "+" : ""}${money(w.costChange)}`,
        w.status,
      ]),
    });
  }
  if (input.relet !== undefined) {
    const rows = [...input.relet.rows].sort((a, b) => compareIds(a.lotId, b.lotId));
    tables.push({
      title: input.relet.title,
      note:
        input.relet.note ??
        "Each lot the withdrawal touches, re-let under the same rules. A lot no provider can lead is not let: its hours are unmet. The cost column is the change in the weekly cost of the hours still delivered.",
      headers: ["Lot", "Lead before", "Lead after", "Hours lost", "Re-placed h/wk", "Last resort h/wk", "Unmet h/wk", "Why unmet", "Contingency", "Cost of delivered hours, change/wk"],
      align: ["l", "l", "l", "r", "r", "r", "r", "l", "l", "r"],
      rows: rows.map((r) => [
        r.lotId,
        r.leadBefore ?? "–",
        r.leadAfter ?? { strong: "not let" },
        hours(r.lostHours),
        hours(r.replacedHours),
        hours(r.lastResortHours),
        hours(r.unmetHours),
        r.unmetReason === null ? "–" : r.unmetReason.replace(/_/g, " "),
        r.leadAfter === null ? "–" : r.withoutContingency === true ? NONE : "kept",
        `${r.costChange > 0 ? "+" : ""}${money(r.costChange)}`,
      ]),
    });
  }
  return tables;
}

function markdownCell(c: Cell): string {
  return typeof c === "string" ? escapeMarkdown(c) : `**${escapeMarkdown(c.strong)}**`;
}

function markdownTable(t: Table): string {
  const lines = [
    `| ${t.headers.map(markdownCell).join(" | ")} |`,
    `|${t.align.map((a) => (a === "r" ? "---:" : "---")).join("|")}|`,
    ...t.rows.map((r) => `| ${r.map(markdownCell).join(" | ")} |`),
  ];
  return `## ${escapeMarkdown(t.title)}\n\n${t.note === undefined ? "" : `${escapeMarkdownBlock(t.note)}\n\n`}${lines.join("\n")}\n`;
}

function htmlCell(c: Cell): string {
  return typeof c === "string" ? escapeXml(c) : `<strong>${escapeXml(c.strong)}</strong>`;
}

function htmlTable(t: Table): string {
  const th = t.headers.map((h, i) => `<th class="${t.align[i]}">${escapeXml(h)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td class="${t.align[i]}">${htmlCell(c)}</td>`).join("")}</tr>`).join("\n");
  return `<h2>${escapeXml(t.title)}</h2>\n${t.note === undefined ? "" : `<p>${escapeXml(t.note)}</p>\n`}<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * The map link for Markdown: a relative path or an http(s) URL, percent-encoded where Markdown or HTML
 * would read a character as syntax. Other schemes (javascript:, data:) are refused.
 */
function markdownHref(href: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href);
  if (scheme !== null && !/^https?$/i.test(scheme[1]!)) invalid(["input", "mapHref"], href, "must be a relative path or an http(s) URL");
  if (/[\u0000-\u001F\u007F]/.test(href)) invalid(["input", "mapHref"], href, "must not contain control characters");
  let encoded: string;
  try {
    encoded = encodeURI(href);
  } catch {
    return invalid(["input", "mapHref"], href, "is not valid Unicode (an unpaired surrogate)");
  }
  return encoded.replace(/[()<>[\]`*_|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const CSS =
  "body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#111}" +
  "table{border-collapse:collapse;font-size:13px;margin-bottom:16px}th,td{border:1px solid #bbb;padding:3px 6px}" +
  "th{background:#eef2f6}td.r,th.r{text-align:right}dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}" +
  "dt{font-weight:bold}dd{margin:0}figure{margin:0}svg{max-width:100%;height:auto;border:1px solid #ddd}" +
  "footer{font-size:12px;color:#444;margin-top:24px}";

/**
 * Renders the commissioning report: key figures, the map, a per-lot table (demand, lead,
 * supplementary and contingency providers, assigned and unmet hours, cost, covered share), a provider
 * table (capacity, use, roles), and the N-1 withdrawal table, worst case first. Numbers are formatted
 * locale-free with fixed decimals, rows sorted by id, so the same input gives the same bytes.
 *
 * @param input - the figures and tables (see {@link ReportInput}); build them from the results of
 *   `designLots`, `allocate` and `withdrawalSweep`.
 * @returns `{ markdown, html }`; the HTML is self-contained with the SVG map inline. Every input string
 *   is escaped as text for each format (Markdown table cells included).
 * @throws {LotwiseError} `invalid_input` naming the field, e.g. `input.lots[3].demandHours: -1`; for a
 *   `mapSvg` that is not renderMap's output unchanged (an element, attribute or value renderMap does not
 *   write, such as `<script>` or `onload`); for a `mapHref` with a scheme other than http(s).
 * @example
 * ```ts
 * import { renderReport } from "lotwise";
 * const { markdown } = renderReport({ title: "Lots", lots: [{ lotId: "L1", areaCount: 3, demandHours: 120, leadProviderId: "P1" }] });
 * markdown.includes("| L1 | – | 3 | 120.0 | P1 |"); // true
 * ```
 */
export function renderReport(input: ReportInput): RenderedReport {
  const r = parseInput(ReportInputSchema, input, "input");
  const mapSvg = r.mapSvg === undefined ? undefined : verifyMapSvg(r.mapSvg);
  const tables = tablesOf(r);
  const md: string[] = [`# ${escapeMarkdown(r.title)}`, ""];
  if (r.intro !== undefined) md.push(escapeMarkdownBlock(r.intro), "");
  if (r.summary.length > 0) md.push(...r.summary.map(([k, v]) => `- **${escapeMarkdown(k)}:** ${escapeMarkdown(v)}`), "");
  if (mapSvg !== undefined) md.push(`![Map of the lots](${markdownHref(r.mapHref)})`, "");
  md.push(...tables.map(markdownTable));
  if (r.notes.length > 0) md.push("## Notes", "", ...r.notes.map((n) => `- ${escapeMarkdownBlock(n)}`), "");
  md.push(`---`, "", `_${escapeMarkdown(r.attribution)}_`, "");

  const html: string[] = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeXml(r.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${escapeXml(r.title)}</h1>`,
  ];
  if (r.intro !== undefined) html.push(`<p>${escapeXml(r.intro)}</p>`);
  if (r.summary.length > 0) html.push(`<dl>${r.summary.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join("")}</dl>`);
  if (mapSvg !== undefined) html.push(`<figure>${mapSvg}</figure>`);
  html.push(...tables.map(htmlTable));
  if (r.notes.length > 0) html.push(`<h2>Notes</h2><ul>${r.notes.map((n) => `<li>${escapeXml(n)}</li>`).join("")}</ul>`);
  html.push(`<footer>${escapeXml(r.attribution)}</footer>`, "</body></html>", "");
  return { markdown: md.join("\n"), html: html.join("\n") };
}

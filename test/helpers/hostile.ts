// Hostile strings for output-escaping tests: each is put in every text field of a map and a report.
import { loadBoundaries } from "../../src/boundaries/load.js";
import { renderMap } from "../../src/report/render-map.js";
import { renderReport, type RenderedReport } from "../../src/report/render-report.js";

/** Every hostile shape an id or name can take: markup, quotes, entities, Markdown syntax, controls, lone surrogates. */
export const HOSTILE: readonly string[] = [
  `<img src=x onerror="window.__pwned=1">`,
  `"><svg onload=window.__pwned=1>`,
  `</title><script>window.__pwned=1</script>`,
  `a|b\n| c | d |\n\n# heading`,
  `]]><!--`,
  `&amp;&lt;&#0;`,
  `[x](javascript:window.__pwned=1)`,
  "**bold** _it_ `code` ~~s~~ \\",
  "\u0000\u0001\u0008\u000B\u000C\u001F\u007F",
  "\uD800 lone \uDFFF",
  "\uFFFE\uFFFF",
  "- list",
  "1. ordered",
  "    indented",
  "=HYPERLINK()",
  "'single' quotes",
];

/** A row of four 0.1° squares A0…A3. */
export function fourSquares() {
  const features = [];
  for (let c = 0; c < 4; c++) {
    const x = Math.round((-1.3 + c * 0.1) * 1e6) / 1e6;
    const x2 = Math.round((x + 0.1) * 1e6) / 1e6;
    features.push({ type: "Feature", id: `A${c}`, properties: {}, geometry: { type: "Polygon", coordinates: [[[x, 52], [x2, 52], [x2, 52.1], [x, 52.1], [x, 52]]] } });
  }
  return loadBoundaries({ type: "FeatureCollection", features });
}

/** renderMap with `s` in every text field: title, subtitle, lot ids, lead and provider ids, legend, coverage label, attribution. */
export function hostileMap(s: string): string {
  return renderMap(
    fourSquares(),
    { lots: [{ id: `L${s}`, areaIds: ["A0", "A1"] }, { id: s, areaIds: ["A2", "A3"] }] },
    {
      title: s,
      subtitle: s,
      providers: [{ id: `P${s}`, lonLat: [-1.2, 52.05] }],
      leadProviders: { [s]: `P${s}` },
      lotLegend: { [`L${s}`]: s },
      coverage: { A0: 0.5 },
      coverageLabel: s,
      attribution: s,
    },
  );
}

/** renderReport with `s` in every text field (ids, names, summary, currency, status, re-let table, notes, attribution). */
export function hostileReport(s: string, mapSvg?: string): RenderedReport {
  return renderReport({
    title: s,
    intro: s,
    summary: [[s, s]],
    currency: s,
    lots: [
      { lotId: s, parent: s, areaCount: 1, demandHours: 10, leadProviderId: s, supplementaryProviderIds: [s, `${s}2`], contingencyProviderId: s, assignedHours: 5, unmetHours: 5, weeklyCost: -100, coveredShare: 0.5 },
      { lotId: `${s}-b`, areaCount: 2, demandHours: 20 },
    ],
    providers: [{ providerId: s, base: s, mode: s, capacityHours: 10, assignedHours: 5, leadLots: [s], supplementaryLots: [s], contingencyLots: [s] }],
    withdrawal: [{ providerId: s, lostHours: 1, reassignedHours: 1, lastResortHours: 0, unmetHours: 0, newLeadLots: [s], costChange: 3, status: s }],
    relet: { title: s, note: s, rows: [{ lotId: s, leadBefore: s, leadAfter: s, lostHours: 1, replacedHours: 1, lastResortHours: 0, unmetHours: 0, unmetReason: s, costChange: -2 }] },
    ...(mapSvg === undefined ? {} : { mapSvg }),
    notes: [s, `note ${s}`],
    attribution: s,
  });
}

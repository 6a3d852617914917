// renderMap: an A4 SVG map of a lot plan, built as a string (no DOM), so it runs in browsers and Node.
//
// Projection: equirectangular with cos(lat0) scaling, lat0 the middle latitude of the areas drawn:
// x = (lon - lon0)·cos(lat0)·k, y = (lat0 - lat)·k, with k (px per degree) the largest scale that
// fits the map frame. Over a county (< 100 km) the distortion is well under 1%, so one scale bar holds.
import type { Position } from "geojson";
import type { Boundaries } from "../boundaries/types.js";
import { invalid, parseInput } from "../errors.js";
import { EARTH_RADIUS_M } from "../internal/geo.js";
import { compareIds } from "../internal/sort.js";
import type { LotPlan, Id } from "../domain/index.js";
import { RenderMapOptionsSchema, type RenderMapOptions } from "../schema/report.js";
import { lotEdges } from "./lot-edges.js";
import { LOT_PALETTE, colourLots } from "./palette.js";
import { escapeXml, fmt } from "./svg.js";

const KM_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180 / 1000;
const FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

/**
 * Draws a lot plan as a self-contained SVG (A4 portrait by default): areas filled by lot with a
 * qualitative palette coloured so that neighbouring lots differ, thin area boundaries, thick lot
 * outlines, provider bases as triangles, each lot labelled with its id and lead provider, optional
 * coverage hatching, and a title, legend, scale bar, north arrow and attribution. Coordinates are
 * written with one decimal, so the same input always gives the same bytes.
 *
 * @param boundaries - the small areas (e.g. LSOAs) from {@link loadBoundaries}; areas in no lot are drawn grey.
 * @param plan - the lots; every area id in a lot must be in `boundaries`.
 * @param options - title, providers, lead providers, coverage shading, page size, attribution.
 * @returns the SVG document as a string.
 * @throws {LotwiseError} `invalid_input` for bad options (e.g. a coverage share of 1.5); `unknown_id` when
 *   a lot names an area that is not in `boundaries`.
 * @example
 * ```ts
 * import { loadBoundaries, renderMap } from "lotwise";
 * const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52], [x + 0.1, 52], [x + 0.1, 52.1], [x, 52.1], [x, 52]]] });
 * const b = loadBoundaries({ type: "FeatureCollection", features: [0, 0.1].map((x, i) => ({ type: "Feature", id: `A${i}`, properties: {}, geometry: sq(x) })) });
 * const svg = renderMap(b, { lots: [{ id: "L1", areaIds: ["A0"] }, { id: "L2", areaIds: ["A1"] }] }, { title: "Two lots" });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function renderMap(boundaries: Boundaries, plan: LotPlan, options: RenderMapOptions = {}): string {
  const opts = parseInput(RenderMapOptionsSchema, options, "options");
  const W = opts.widthPx;
  const H = opts.heightPx;
  const lots = [...plan.lots].sort((a, b) => compareIds(a.id, b.id));
  const lotOf = new Map<Id, Id>();
  lots.forEach((lot, li) =>
    lot.areaIds.forEach((a, ai) => {
      if (!boundaries.indexById.has(a)) {
        invalid(["plan", "lots", li, "areaIds", ai], a, "this area is not in boundaries", "unknown_id");
      }
      lotOf.set(a, lot.id);
    }),
  );

  // Layout: title band, map frame, legend band, attribution line.
  const margin = 24;
  const titleH = opts.subtitle === undefined ? 56 : 78;
  const legendRows = Math.ceil(lots.length / 3) + 2;
  const legendH = 28 + legendRows * 18;
  const footH = 26;
  const frame = { x: margin, y: titleH, w: W - 2 * margin, h: H - titleH - legendH - footH - 10 };

  // Projection fitted to the areas.
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [x0, y0, x1, y1] of boundaries.bboxes) {
    minLon = Math.min(minLon, x0);
    minLat = Math.min(minLat, y0);
    maxLon = Math.max(maxLon, x1);
    maxLat = Math.max(maxLat, y1);
  }
  const lat0 = (minLat + maxLat) / 2;
  const cos0 = Math.cos((lat0 * Math.PI) / 180);
  const pad = 12;
  const k = Math.min((frame.w - 2 * pad) / ((maxLon - minLon) * cos0), (frame.h - 2 * pad) / (maxLat - minLat));
  const offX = frame.x + (frame.w - (maxLon - minLon) * cos0 * k) / 2;
  const offY = frame.y + (frame.h - (maxLat - minLat) * k) / 2;
  const px = (lon: number): number => offX + (lon - minLon) * cos0 * k;
  const py = (lat: number): number => offY + (maxLat - lat) * k;
  const pathOf = (ring: readonly Position[], close: boolean): string => {
    let d = "";
    let last = "";
    for (const p of ring) {
      const pt = `${fmt(px(p[0]!))} ${fmt(py(p[1]!))}`;
      if (pt === last) continue;
      d += d === "" ? `M${pt}` : `L${pt}`;
      last = pt;
    }
    return close ? `${d}Z` : d;
  };
  const areaPath = (i: number): string => {
    const g = boundaries.features[i]!.geometry;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    return polys.map((poly) => poly.map((r) => pathOf(r, true)).join("")).join("");
  };

  const { outlines, neighbours } = lotEdges(boundaries, { lots });
  const colours = colourLots(lots.map((l) => l.id), neighbours);
  const colourOf = (lotId: Id): string => LOT_PALETTE[colours.get(lotId) ?? 0]!;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT}>`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="1.6" height="5" fill="#222"/></pattern>` +
      `<clipPath id="frame"><rect x="${frame.x}" y="${frame.y}" width="${frame.w}" height="${frame.h}"/></clipPath></defs>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${margin}" y="36" font-size="22" font-weight="bold" fill="#111">${escapeXml(opts.title)}</text>`,
  );
  if (opts.subtitle !== undefined) out.push(`<text x="${margin}" y="60" font-size="13" fill="#333">${escapeXml(opts.subtitle)}</text>`);
  out.push(`<rect x="${frame.x}" y="${frame.y}" width="${frame.w}" height="${frame.h}" fill="#f4f7fa" stroke="#888" stroke-width="0.8"/>`);
  out.push(`<g clip-path="url(#frame)">`);

  // Areas, grouped by lot (one fill per group), thin boundaries.
  const groups = new Map<string, string[]>();
  boundaries.ids.forEach((id, i) => {
    const lot = lotOf.get(id);
    const fill = lot === undefined ? "#e6e6e6" : colourOf(lot);
    (groups.get(fill) ?? groups.set(fill, []).get(fill)!).push(areaPath(i));
  });
  out.push(`<g id="areas" stroke="#5a5a5a" stroke-width="0.3" stroke-linejoin="round" fill-rule="evenodd">`);
  for (const fill of [...groups.keys()].sort(compareIds)) out.push(`<path fill="${fill}" d="${groups.get(fill)!.join("")}"/>`);
  out.push(`</g>`);

  // Coverage hatching: opacity = uncovered share, in steps of 0.05 to keep the output small and stable.
  if (opts.coverage !== undefined) {
    const byOpacity = new Map<string, string[]>();
    boundaries.ids.forEach((id, i) => {
      const share = opts.coverage![id];
      if (share === undefined) return;
      const uncovered = Math.round((1 - share) * 20) / 20;
      if (uncovered <= 0) return;
      const key = fmt(uncovered, 2);
      (byOpacity.get(key) ?? byOpacity.set(key, []).get(key)!).push(areaPath(i));
    });
    out.push(`<g id="coverage" fill="url(#hatch)" stroke="none" fill-rule="evenodd">`);
    for (const op of [...byOpacity.keys()].sort(compareIds)) out.push(`<path fill-opacity="${op}" d="${byOpacity.get(op)!.join("")}"/>`);
    out.push(`</g>`);
  }

  // Lot outlines, thick.
  out.push(`<g id="lot-outlines" fill="none" stroke="#111" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round">`);
  for (const lot of lots) {
    const d = (outlines.get(lot.id) ?? []).map((l) => pathOf(l, false)).join("");
    if (d !== "") out.push(`<path d="${d}"/>`);
  }
  out.push(`</g>`);

  // Provider bases.
  const providers = [...opts.providers].sort((a, b) => compareIds(a.id, b.id));
  out.push(`<g id="providers">`);
  for (const p of providers) {
    const x = px(p.lonLat[0]);
    const y = py(p.lonLat[1]);
    out.push(
      `<path d="M${fmt(x)} ${fmt(y - 5.5)}L${fmt(x + 5)} ${fmt(y + 3.5)}L${fmt(x - 5)} ${fmt(y + 3.5)}Z" fill="#111" stroke="#fff" stroke-width="1"/>` +
        `<text x="${fmt(x + 6)}" y="${fmt(y + 3)}" font-size="8" fill="#111" stroke="#fff" stroke-width="2" paint-order="stroke">${escapeXml(p.id)}</text>`,
    );
  }
  out.push(`</g>`);

  // Lot labels at the area centroid nearest the lot's area-weighted centroid (inside the lot).
  out.push(`<g id="lot-labels" text-anchor="middle" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">`);
  for (const lot of lots) {
    let sx = 0;
    let sy = 0;
    let sw = 0;
    const idx = lot.areaIds.map((a) => boundaries.indexById.get(a)!);
    for (const i of idx) {
      const w = boundaries.areasKm2[i]!;
      sx += boundaries.centroids[i]![0] * w;
      sy += boundaries.centroids[i]![1] * w;
      sw += w;
    }
    if (idx.length === 0 || sw === 0) continue;
    const cx = sx / sw;
    const cy = sy / sw;
    let best = idx[0]!;
    let bestD = Infinity;
    for (const i of idx) {
      const [x, y] = boundaries.centroids[i]!;
      const d = ((x - cx) * cos0) ** 2 + (y - cy) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    const [lx, ly] = boundaries.centroids[best]!;
    const lead = opts.leadProviders[lot.id];
    out.push(`<text x="${fmt(px(lx))}" y="${fmt(py(ly))}" font-size="11" font-weight="bold">${escapeXml(lot.id)}</text>`);
    if (lead !== undefined) out.push(`<text x="${fmt(px(lx))}" y="${fmt(py(ly) + 11)}" font-size="9">lead ${escapeXml(lead)}</text>`);
  }
  out.push(`</g></g>`);

  // North arrow (top right of the frame).
  const nx = frame.x + frame.w - 30;
  const ny = frame.y + 16;
  out.push(
    `<g id="north-arrow"><path d="M${nx} ${ny}L${nx + 9} ${ny + 28}L${nx} ${ny + 21}L${nx - 9} ${ny + 28}Z" fill="#111"/>` +
      `<text x="${nx}" y="${ny + 42}" font-size="13" font-weight="bold" text-anchor="middle">N</text></g>`,
  );

  // Scale bar (bottom left of the frame): the longest 1-2-5 length under a quarter of the frame.
  const pxPerKm = k / KM_PER_DEGREE;
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500];
  let km = steps[0]!;
  for (const s of steps) if (s * pxPerKm <= frame.w / 4) km = s;
  const barW = km * pxPerKm;
  const bx = frame.x + 16;
  const by = frame.y + frame.h - 22;
  out.push(
    `<g id="scale-bar" font-size="10" text-anchor="middle">` +
      `<rect x="${fmt(bx)}" y="${by}" width="${fmt(barW / 2)}" height="5" fill="#111"/>` +
      `<rect x="${fmt(bx + barW / 2)}" y="${by}" width="${fmt(barW / 2)}" height="5" fill="#fff" stroke="#111" stroke-width="0.8"/>` +
      `<text x="${fmt(bx)}" y="${by - 4}">0</text><text x="${fmt(bx + barW / 2)}" y="${by - 4}">${fmt(km / 2)}</text>` +
      `<text x="${fmt(bx + barW)}" y="${by - 4}">${km} km</text></g>`,
  );

  // Legend: lots in three columns, then symbols.
  const ly0 = frame.y + frame.h + 22;
  out.push(`<g id="legend" font-size="11" fill="#111"><text x="${margin}" y="${ly0}" font-size="12" font-weight="bold">Lots</text>`);
  const colW = (W - 2 * margin) / 3;
  lots.forEach((lot, i) => {
    const col = i % 3;
    const row = Math.floor(i / 3);
    const x = margin + col * colW;
    const y = ly0 + 10 + row * 18;
    const lead = opts.leadProviders[lot.id];
    const hours = opts.lotLegend[lot.id] ?? `${lot.areaIds.length} areas${lead === undefined ? "" : `, lead ${lead}`}`;
    out.push(
      `<rect x="${fmt(x)}" y="${y}" width="16" height="12" fill="${colourOf(lot.id)}" stroke="#111" stroke-width="0.8"/>` +
        `<text x="${fmt(x + 22)}" y="${y + 10}"><tspan font-weight="bold">${escapeXml(lot.id)}</tspan> ${escapeXml(hours)}</text>`,
    );
  });
  const sy = ly0 + 10 + Math.ceil(lots.length / 3) * 18 + 6;
  const keys: string[] = [
    `<path d="M${margin} ${sy + 6}h22" stroke="#111" stroke-width="1.8"/><text x="${margin + 28}" y="${sy + 10}">lot outline</text>`,
    `<path d="M${margin + 120} ${sy + 6}h22" stroke="#5a5a5a" stroke-width="0.6"/><text x="${margin + 148}" y="${sy + 10}">LSOA boundary</text>`,
    `<path d="M${margin + 268} ${sy + 1}l5 9h-10Z" fill="#111"/><text x="${margin + 282}" y="${sy + 10}">provider base</text>`,
  ];
  if (opts.coverage !== undefined) {
    keys.push(`<rect x="${margin + 390}" y="${sy}" width="16" height="12" fill="url(#hatch)" stroke="#111" stroke-width="0.8"/><text x="${margin + 412}" y="${sy + 10}">${escapeXml(opts.coverageLabel)}</text>`);
  }
  out.push(...keys, `</g>`);

  out.push(`<text x="${margin}" y="${H - 12}" font-size="9" fill="#333">${escapeXml(opts.attribution)}</text>`, `</svg>`, "");
  return out.join("\n");
}

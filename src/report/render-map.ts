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
 * Every string (title, ids, legend text) is escaped as XML text; a character XML forbids (a control
 * character in an id) is drawn as its visible control picture (U+0001 → ␁), so the output is always a
 * well-formed XML document.
 *
 * @param boundaries - the small areas (e.g. LSOAs) from {@link loadBoundaries}; areas in no lot are drawn grey.
 * @param plan - the lots; every area id in a lot must be in `boundaries`.
 * @param options - title, providers, lead providers, coverage shading, page size, attribution.
 * @returns the SVG document as a string.
 * @throws {LotwiseError} `invalid_input` for bad options (e.g. a coverage share of 1.5), or boundaries
 *   with zero extent (every vertex at one point: there is no scale to draw them at); `unknown_id` when a
 *   lot names an area that is not in `boundaries`.
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
  const lotOf = new Map<Id, Id>();
  plan.lots.forEach((lot, li) =>
    lot.areaIds.forEach((a, ai) => {
      if (!boundaries.indexById.has(a)) {
        invalid(["plan", "lots", li, "areaIds", ai], a, "this area is not in boundaries", "unknown_id");
      }
      lotOf.set(a, lot.id);
    }),
  );
  const lots = [...plan.lots].sort((a, b) => compareIds(a.id, b.id));
  const ctx = mapContext(boundaries, lots, opts);
  const { outlines, neighbours } = lotEdges(boundaries, { lots });
  const colours = colourLots(lots.map((l) => l.id), neighbours);
  const colourOf = (lotId: Id): string => LOT_PALETTE[colours.get(lotId) ?? 0]!;
  return [
    ...mapHeader(ctx),
    `<g clip-path="url(#frame)">`,
    ...areaLayer(ctx, lotOf, colourOf),
    ...(opts.coverage === undefined ? [] : coverageLayer(ctx, opts.coverage)),
    ...outlineLayer(ctx, outlines),
    ...providerLayer(ctx),
    ...labelLayer(ctx),
    `</g></g>`,
    northArrow(ctx),
    scaleBar(ctx),
    ...legend(ctx, colourOf),
    `<text x="${ctx.margin}" y="${ctx.H - 12}" font-size="9" fill="#333">${escapeXml(opts.attribution)}</text>`,
    `</svg>`,
    "",
  ].join("\n");
}

type Opts = ReturnType<typeof RenderMapOptionsSchema.parse>;

/** Everything the layers share: page size, map frame, the fitted projection and the lots. */
interface MapContext {
  readonly boundaries: Boundaries;
  readonly lots: readonly LotPlan["lots"][number][];
  readonly opts: Opts;
  readonly W: number;
  readonly H: number;
  readonly margin: number;
  readonly frame: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** Pixels per degree of latitude. */
  readonly k: number;
  /** cos of the middle latitude (x scale). */
  readonly cos0: number;
  readonly px: (lon: number) => number;
  readonly py: (lat: number) => number;
}

/** `record[key]` only when it is the record's own entry (an id such as `constructor` finds nothing inherited). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Page layout (title band, map frame, legend band, attribution line) and the projection fitted to the areas. */
function mapContext(boundaries: Boundaries, lots: MapContext["lots"], opts: Opts): MapContext {
  const W = opts.widthPx;
  const H = opts.heightPx;
  const margin = 24;
  const titleH = opts.subtitle === undefined ? 56 : 78;
  const legendRows = Math.ceil(lots.length / 3) + 2;
  const legendH = 28 + legendRows * 18;
  const footH = 26;
  const frame = { x: margin, y: titleH, w: W - 2 * margin, h: H - titleH - legendH - footH - 10 };
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
  // A zero span in one direction leaves the other to set the scale; zero in both has no scale at all.
  const k = Math.min((frame.w - 2 * pad) / ((maxLon - minLon) * cos0), (frame.h - 2 * pad) / (maxLat - minLat));
  if (frame.h < 4 * pad) invalid(["options", "heightPx"], H, `the page is too small for a map above the legend of ${lots.length} lots; give a larger heightPx`);
  if (!Number.isFinite(k) || k <= 0) {
    const where = Number.isFinite(minLon) ? `every vertex is at [${minLon}, ${minLat}]` : "there are no areas";
    invalid(["boundaries"], `${boundaries.ids.length} areas`, `the boundaries have zero extent (${where}), so there is no scale to draw the map at`);
  }
  const offX = frame.x + (frame.w - (maxLon - minLon) * cos0 * k) / 2;
  const offY = frame.y + (frame.h - (maxLat - minLat) * k) / 2;
  return {
    boundaries, lots, opts, W, H, margin, frame, k, cos0,
    px: (lon) => offX + (lon - minLon) * cos0 * k,
    py: (lat) => offY + (maxLat - lat) * k,
  };
}

/** SVG path data for a ring (closed) or polyline, dropping points that round to the previous one. */
function pathOf(ctx: MapContext, ring: readonly Position[], close: boolean): string {
  let d = "";
  let last = "";
  for (const p of ring) {
    const pt = `${fmt(ctx.px(p[0]!))} ${fmt(ctx.py(p[1]!))}`;
    if (pt === last) continue;
    d += d === "" ? `M${pt}` : `L${pt}`;
    last = pt;
  }
  return close ? `${d}Z` : d;
}

function areaPath(ctx: MapContext, i: number): string {
  const g = ctx.boundaries.features[i]!.geometry;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polys.map((poly) => poly.map((r) => pathOf(ctx, r, true)).join("")).join("");
}

function mapHeader(ctx: MapContext): string[] {
  const { W, H, frame, margin, opts } = ctx;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT}>`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="1.6" height="5" fill="#222"/></pattern>` +
      `<clipPath id="frame"><rect x="${frame.x}" y="${frame.y}" width="${frame.w}" height="${frame.h}"/></clipPath></defs>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${margin}" y="36" font-size="22" font-weight="bold" fill="#111">${escapeXml(opts.title)}</text>`,
  ];
  if (opts.subtitle !== undefined) out.push(`<text x="${margin}" y="60" font-size="13" fill="#333">${escapeXml(opts.subtitle)}</text>`);
  out.push(`<rect x="${frame.x}" y="${frame.y}" width="${frame.w}" height="${frame.h}" fill="#f4f7fa" stroke="#888" stroke-width="0.8"/>`);
  return out;
}

/** Areas, grouped by lot colour (one path per fill), thin boundaries; areas in no lot are grey. */
function areaLayer(ctx: MapContext, lotOf: ReadonlyMap<Id, Id>, colourOf: (lotId: Id) => string): string[] {
  const groups = new Map<string, string[]>();
  ctx.boundaries.ids.forEach((id, i) => {
    const lot = lotOf.get(id);
    const fill = lot === undefined ? "#e6e6e6" : colourOf(lot);
    (groups.get(fill) ?? groups.set(fill, []).get(fill)!).push(areaPath(ctx, i));
  });
  return [
    `<g id="areas" stroke="#5a5a5a" stroke-width="0.3" stroke-linejoin="round" fill-rule="evenodd">`,
    ...[...groups.keys()].sort(compareIds).map((fill) => `<path fill="${fill}" d="${groups.get(fill)!.join("")}"/>`),
    `</g>`,
  ];
}

/** Coverage hatching: opacity = uncovered share, in steps of 0.05 to keep the output small and stable. */
function coverageLayer(ctx: MapContext, coverage: Readonly<Record<string, number>>): string[] {
  const byOpacity = new Map<string, string[]>();
  ctx.boundaries.ids.forEach((id, i) => {
    const share = own(coverage, id);
    if (share === undefined) return;
    const uncovered = Math.round((1 - share) * 20) / 20;
    if (uncovered <= 0) return;
    const key = fmt(uncovered, 2);
    (byOpacity.get(key) ?? byOpacity.set(key, []).get(key)!).push(areaPath(ctx, i));
  });
  return [
    `<g id="coverage" fill="url(#hatch)" stroke="none" fill-rule="evenodd">`,
    ...[...byOpacity.keys()].sort(compareIds).map((op) => `<path fill-opacity="${op}" d="${byOpacity.get(op)!.join("")}"/>`),
    `</g>`,
  ];
}

function outlineLayer(ctx: MapContext, outlines: ReadonlyMap<Id, Position[][]>): string[] {
  const out = [`<g id="lot-outlines" fill="none" stroke="#111" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round">`];
  for (const lot of ctx.lots) {
    const d = (outlines.get(lot.id) ?? []).map((l) => pathOf(ctx, l, false)).join("");
    if (d !== "") out.push(`<path d="${d}"/>`);
  }
  out.push(`</g>`);
  return out;
}

/** Provider bases as triangles with their ids. */
function providerLayer(ctx: MapContext): string[] {
  const providers = [...ctx.opts.providers].sort((a, b) => compareIds(a.id, b.id));
  const out = [`<g id="providers">`];
  for (const p of providers) {
    const x = ctx.px(p.lonLat[0]);
    const y = ctx.py(p.lonLat[1]);
    out.push(
      `<path d="M${fmt(x)} ${fmt(y - 5.5)}L${fmt(x + 5)} ${fmt(y + 3.5)}L${fmt(x - 5)} ${fmt(y + 3.5)}Z" fill="#111" stroke="#fff" stroke-width="1"/>` +
        `<text x="${fmt(x + 6)}" y="${fmt(y + 3)}" font-size="8" fill="#111" stroke="#fff" stroke-width="2" paint-order="stroke">${escapeXml(p.id)}</text>`,
    );
  }
  out.push(`</g>`);
  return out;
}

/** Lot labels at the area centroid nearest the lot's area-weighted centroid (so inside the lot). */
function labelLayer(ctx: MapContext): string[] {
  const b = ctx.boundaries;
  const out = [`<g id="lot-labels" text-anchor="middle" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">`];
  for (const lot of ctx.lots) {
    let sx = 0;
    let sy = 0;
    let sw = 0;
    const idx = lot.areaIds.map((a) => b.indexById.get(a)!);
    for (const i of idx) {
      const w = b.areasKm2[i]!;
      sx += b.centroids[i]![0] * w;
      sy += b.centroids[i]![1] * w;
      sw += w;
    }
    if (idx.length === 0 || sw === 0) continue;
    const cx = sx / sw;
    const cy = sy / sw;
    let best = idx[0]!;
    let bestD = Infinity;
    for (const i of idx) {
      const [x, y] = b.centroids[i]!;
      const d = ((x - cx) * ctx.cos0) ** 2 + (y - cy) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    const [lx, ly] = b.centroids[best]!;
    const lead = own(ctx.opts.leadProviders, lot.id);
    out.push(`<text x="${fmt(ctx.px(lx))}" y="${fmt(ctx.py(ly))}" font-size="11" font-weight="bold">${escapeXml(lot.id)}</text>`);
    if (lead !== undefined) out.push(`<text x="${fmt(ctx.px(lx))}" y="${fmt(ctx.py(ly) + 11)}" font-size="9">lead ${escapeXml(lead)}</text>`);
  }
  return out;
}

/** North arrow, top right of the frame. */
function northArrow(ctx: MapContext): string {
  const nx = ctx.frame.x + ctx.frame.w - 30;
  const ny = ctx.frame.y + 16;
  return (
    `<g id="north-arrow"><path d="M${nx} ${ny}L${nx + 9} ${ny + 28}L${nx} ${ny + 21}L${nx - 9} ${ny + 28}Z" fill="#111"/>` +
    `<text x="${nx}" y="${ny + 42}" font-size="13" font-weight="bold" text-anchor="middle">N</text></g>`
  );
}

/** Scale bar, bottom left of the frame: the longest 1-2-5 length under a quarter of the frame. */
function scaleBar(ctx: MapContext): string {
  const { frame } = ctx;
  const pxPerKm = ctx.k / KM_PER_DEGREE;
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500];
  let km = steps[0]!;
  for (const s of steps) if (s * pxPerKm <= frame.w / 4) km = s;
  const barW = km * pxPerKm;
  const bx = frame.x + 16;
  const by = frame.y + frame.h - 22;
  return (
    `<g id="scale-bar" font-size="10" text-anchor="middle">` +
    `<rect x="${fmt(bx)}" y="${by}" width="${fmt(barW / 2)}" height="5" fill="#111"/>` +
    `<rect x="${fmt(bx + barW / 2)}" y="${by}" width="${fmt(barW / 2)}" height="5" fill="#fff" stroke="#111" stroke-width="0.8"/>` +
    `<text x="${fmt(bx)}" y="${by - 4}">0</text><text x="${fmt(bx + barW / 2)}" y="${by - 4}">${fmt(km / 2)}</text>` +
    `<text x="${fmt(bx + barW)}" y="${by - 4}">${km} km</text></g>`
  );
}

/** Legend: lots in three columns (colour, id, legend text), then the symbol keys. */
function legend(ctx: MapContext, colourOf: (lotId: Id) => string): string[] {
  const { frame, margin, opts, lots } = ctx;
  const ly0 = frame.y + frame.h + 22;
  const out = [`<g id="legend" font-size="11" fill="#111"><text x="${margin}" y="${ly0}" font-size="12" font-weight="bold">Lots</text>`];
  const colW = (ctx.W - 2 * margin) / 3;
  lots.forEach((lot, i) => {
    const x = margin + (i % 3) * colW;
    const y = ly0 + 10 + Math.floor(i / 3) * 18;
    const lead = own(opts.leadProviders, lot.id);
    const text = own(opts.lotLegend, lot.id) ?? `${lot.areaIds.length} areas${lead === undefined ? "" : `, lead ${lead}`}`;
    out.push(
      `<rect x="${fmt(x)}" y="${y}" width="16" height="12" fill="${colourOf(lot.id)}" stroke="#111" stroke-width="0.8"/>` +
        `<text x="${fmt(x + 22)}" y="${y + 10}"><tspan font-weight="bold">${escapeXml(lot.id)}</tspan> ${escapeXml(text)}</text>`,
    );
  });
  const sy = ly0 + 10 + Math.ceil(lots.length / 3) * 18 + 6;
  out.push(
    `<path d="M${margin} ${sy + 6}h22" stroke="#111" stroke-width="1.8"/><text x="${margin + 28}" y="${sy + 10}">lot outline</text>`,
    `<path d="M${margin + 120} ${sy + 6}h22" stroke="#5a5a5a" stroke-width="0.6"/><text x="${margin + 148}" y="${sy + 10}">LSOA boundary</text>`,
    `<path d="M${margin + 268} ${sy + 1}l5 9h-10Z" fill="#111"/><text x="${margin + 282}" y="${sy + 10}">provider base</text>`,
  );
  if (opts.coverage !== undefined) {
    out.push(`<rect x="${margin + 390}" y="${sy}" width="16" height="12" fill="url(#hatch)" stroke="#111" stroke-width="0.8"/><text x="${margin + 412}" y="${sy + 10}">${escapeXml(opts.coverageLabel)}</text>`);
  }
  out.push(`</g>`);
  return out;
}

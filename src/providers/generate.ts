/**
 * SYNTHETIC home-care providers for tests, demos and benchmarks — not real organisations.
 *
 * Bases are drawn without replacement from the DISTINCT candidate points (postcode centroids repeat:
 * large users and delivery offices share one point), so no two providers share a base. For provider k:
 *   capacityHours ~ U[capMin, capMax] rounded to 10 h/week
 *   ratePerHour   ~ U[rateMin, rateMax] rounded to 1p (default £20–24/h; for context, the UKHCA
 *                   minimum price for homecare in 2019–20 was £18.93/h)
 *   drive share   ~ U[driveMin, driveMax]; the rest split between walk, cycle and transit in proportion
 *                   to three U(0, 1) draws; all four rounded to 0.01 with the rounding remainder put on drive
 * Ids are `P001`, `P002`, … (zero-padded to at least 3 digits), so id order is generation order.
 * Everything comes from one mulberry32 stream seeded by `seed`: same input, same providers.
 */
import { LotwiseError, parseInput } from "../errors.js";
import { mulberry32 } from "../internal/rng.js";
import type { Provider, LonLat } from "../domain/index.js";
import { GenerateProvidersOptionsSchema, type GenerateProvidersOptions } from "../schema/provider.js";

/**
 * Generates seeded SYNTHETIC providers placed on real points (e.g. postcode centroids). See the module
 * comment for the distributions.
 *
 * @param options - `count`, `seed`, `points` (candidate `[lon, lat]`s), and optional ranges
 *   `capacityHours` ([200, 1500]), `ratePerHour` ([20, 24]), `driveShare` ([0.6, 0.95]), `idPrefix` ("P").
 * @returns `count` providers sorted by id.
 * @throws {LotwiseError} `invalid_input` for a bad option; `infeasible_input` when there are fewer
 *   distinct points than `count`.
 * @example
 * ```ts
 * import { generateProviders } from "lotwise";
 * const ps = generateProviders({ count: 2, seed: 1, points: [[-1.13, 52.63], [-1.10, 52.60], [-1.13, 52.63]] });
 * ps.map((p) => p.id); // ["P001", "P002"] (on the two distinct points)
 * ```
 */
export function generateProviders(options: GenerateProvidersOptions): Provider[] {
  const o = parseInput(GenerateProvidersOptionsSchema, options, "options");
  const seen = new Set<string>();
  const distinct: LonLat[] = [];
  for (const p of o.points) {
    const key = `${p[0]},${p[1]}`;
    if (!seen.has(key)) {
      seen.add(key);
      distinct.push([p[0], p[1]]);
    }
  }
  if (distinct.length < o.count) {
    throw new LotwiseError(
      "infeasible_input",
      `Cannot place ${o.count} providers on ${distinct.length} distinct points (options.points has ${o.points.length} points, ${o.points.length - distinct.length} repeated).`,
      { issues: [{ path: ["options", "count"], message: "more providers than distinct points", input: o.count }] },
    );
  }
  const rand = mulberry32(o.seed);
  // Partial Fisher–Yates: the first `count` slots become a uniform sample without replacement.
  for (let i = 0; i < o.count; i++) {
    const j = i + Math.floor(rand() * (distinct.length - i));
    const t = distinct[i]!;
    distinct[i] = distinct[j]!;
    distinct[j] = t;
  }
  const width = Math.max(3, String(o.count).length);
  const out: Provider[] = [];
  for (let k = 0; k < o.count; k++) {
    const [c0, c1] = o.capacityHours;
    const [r0, r1] = o.ratePerHour;
    const [d0, d1] = o.driveShare;
    const capacityHours = Math.round((c0 + rand() * (c1 - c0)) / 10) * 10;
    const ratePerHour = Math.round((r0 + rand() * (r1 - r0)) * 100) / 100;
    const drive = d0 + rand() * (d1 - d0);
    const w = [rand(), rand(), rand()];
    const sw = w[0]! + w[1]! + w[2]!;
    const rest = 1 - drive;
    const walk = Math.round((rest * w[0]!) / sw * 100) / 100;
    const cycle = Math.round((rest * w[1]!) / sw * 100) / 100;
    const transit = Math.round((rest * w[2]!) / sw * 100) / 100;
    const driveR = Math.round((1 - walk - cycle - transit) * 100) / 100;
    out.push({
      id: `${o.idPrefix}${String(k + 1).padStart(width, "0")}`,
      lonLat: distinct[k]!,
      capacityHours: Math.max(c0, Math.min(c1, capacityHours)),
      ratePerHour,
      staffMix: { drive: driveR, walk, cycle, transit },
    });
  }
  return out;
}

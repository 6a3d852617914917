// Simulated visit sequences, to check the cost model's travel per visit against (independently of
// src/cost): random visit points inside a lot's LSOA polygons, areas drawn in proportion to their
// hours and points uniform inside each polygon; a nearest-neighbour sequence through them on the
// travel source itself, per mode; the sequence cut into runs of k visits, the k − 1 legs inside each
// run paid. Repeated with seeded randomness; returns the mean and its standard error.
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Boundaries } from "../../src/boundaries/types.js";
import type { SyncTravelTimeSource, TravelMode, UrbanRural, TravelPoint } from "../../src/domain/index.js";
import { mulberry32 } from "../../src/internal/rng.js";
import { haversineMetres } from "../../src/internal/geo.js";

export interface SimulatedTravel {
  /** Paid travel minutes per visit, per mode: mean over repetitions and its standard error. */
  readonly minutesPerVisit: Record<TravelMode, { mean: number; se: number }>;
  /** Straight-line km of a paid leg per visit (drive sequence): mean and standard error. */
  readonly kmPerVisit: { mean: number; se: number };
}

/** Uniform random point inside one boundary (rejection sampling in its bbox). */
export function pointIn(b: Boundaries, i: number, rand: () => number): [number, number] {
  const [x0, y0, x1, y1] = b.bboxes[i]!;
  const f = b.features[i]!;
  for (let tries = 0; tries < 100000; tries++) {
    const p: [number, number] = [x0 + rand() * (x1 - x0), y0 + rand() * (y1 - y0)];
    if (booleanPointInPolygon(p, f)) return p;
  }
  throw new Error(`no point found inside ${b.ids[i]}`);
}

export function simulateTravel(args: {
  boundaries: Boundaries;
  areaIds: readonly string[];
  hours: Readonly<Record<string, number>>;
  urbanRural: ReadonlyMap<string, UrbanRural>;
  /** Visits per sequence (one provider, one call window). */
  points: number;
  visitsPerRun: number;
  source: SyncTravelTimeSource;
  modes: readonly TravelMode[];
  repetitions: number;
  seed: number;
}): SimulatedTravel {
  const { boundaries: b, points: n, visitsPerRun: k, modes } = args;
  const rand = mulberry32(args.seed);
  const ids = args.areaIds.filter((id) => (args.hours[id] ?? 0) > 0);
  const cum: number[] = [];
  let tot = 0;
  for (const id of ids) cum.push((tot += args.hours[id]!));
  const perRep: Record<string, number[]> = Object.fromEntries([...modes, "km"].map((m) => [m, [] as number[]]));
  for (let r = 0; r < args.repetitions; r++) {
    const pts: TravelPoint[] = [];
    for (let j = 0; j < n; j++) {
      const u = rand() * tot;
      let a = 0;
      while (cum[a]! <= u) a++;
      const id = ids[a]!;
      pts.push({ id: `v${j}`, lonLat: pointIn(b, b.indexById.get(id)!, rand), urbanRural: args.urbanRural.get(id)! });
    }
    const m = args.source.matrix(pts, pts, modes);
    for (const mode of modes) {
      const t = m.minutes[mode]!;
      const used = new Uint8Array(n);
      let cur = Math.floor(rand() * n);
      used[cur] = 1;
      let paid = 0, paidKm = 0;
      for (let step = 1; step < n; step++) {
        let best = -1, bestT = Infinity;
        for (let j = 0; j < n; j++) if (!used[j] && t[cur * n + j]! < bestT) (bestT = t[cur * n + j]!, best = j);
        // Visit number `step` (0-based) starts a new run every k visits: that leg is commuting.
        if (step % k !== 0) {
          paid += bestT;
          if (mode === "drive") paidKm += haversineMetres(pts[cur]!.lonLat, pts[best]!.lonLat) / 1000;
        }
        used[best] = 1;
        cur = best;
      }
      perRep[mode]!.push(paid / n);
      if (mode === "drive") perRep.km!.push(paidKm / n);
    }
  }
  const stat = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    return { mean, se: Math.sqrt(v / xs.length) };
  };
  return {
    minutesPerVisit: Object.fromEntries(modes.map((m) => [m, stat(perRep[m]!)])) as Record<TravelMode, { mean: number; se: number }>,
    kmPerVisit: stat(perRep.km!),
  };
}

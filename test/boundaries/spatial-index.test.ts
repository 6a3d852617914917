import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { describe, expect, it } from "vitest";
import { indexBoundaries, loadBoundaries, type LonLat } from "../../src/index.js";
import { pointSegmentMetres } from "../../src/internal/geo.js";
import { mulberry32 } from "../../src/internal/rng.js";
import { readCsvRows, readJson } from "../helpers/geodata.js";
import { allLsoas, collection, leicestershire, square } from "./real-data.js";
import { errorOf } from "../helpers/errors.js";


/** Brute-force distance (m) from p to the nearest edge of a GeoJSON (Multi)Polygon. */
function edgeDistanceMetres(geometry: { type: string; coordinates: unknown }, p: LonLat): number {
  const polys = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  let best = Infinity;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k]!, c = ring[k + 1]!;
        best = Math.min(best, pointSegmentMetres(p[0], p[1], a[0]!, a[1]!, c[0]!, c[1]!));
      }
    }
  }
  return best;
}

describe("indexBoundaries", () => {
  const two = loadBoundaries(collection([["W", square(-2, 52, 1)], ["E", square(-1, 52, 1)]]));

  it("locate(p) returns the containing id, the smallest id on a shared edge, and null outside", () => {
    const index = indexBoundaries(two);
    expect(index.locate([-1.5, 52.5])).toBe("W");
    expect(index.locate([-0.5, 52.5])).toBe("E");
    expect(index.locate([-1, 52.5])).toBe("E"); // on the shared edge x = -1: "E" < "W"
    expect(index.locate([-1, 53])).toBe("E"); // shared vertex
    expect(index.locate([-2, 52.25])).toBe("W"); // an outer edge is part of the polygon (closed)
    expect(index.locate([-2.000001, 52.25])).toBeNull();
    expect(index.locate([5, 5])).toBeNull();
  });

  it("locate(p, { toleranceMetres }) gives a point just outside every polygon to the nearest one within the tolerance", () => {
    const index = indexBoundaries(two);
    // 0.000005° of longitude at 52.5° N = 0.000005 × 111,195 m × cos 52.5° = 0.338 m east of E's edge.
    const p: LonLat = [0.000005, 52.5];
    expect(index.locate(p)).toBeNull();
    expect(index.locate(p, { toleranceMetres: 0.3 })).toBeNull();
    expect(index.locate(p, { toleranceMetres: 0.35 })).toBe("E");
    expect(index.distanceToEdgeMetres(p, "E")).toBeCloseTo(0.000005 * 111194.93 * Math.cos((52.5 * Math.PI) / 180), 3);
    // Exactly equidistant (2^-17° from each edge, binary-exact): the smallest id wins; nudged, the nearer wins.
    const h = 2 ** -17;
    const gap = indexBoundaries(loadBoundaries(collection([["B", square(-0.01, 52, 0.01)], ["A", square(2 * h, 52, 0.01)]])));
    expect(gap.locate([h, 52.005])).toBeNull();
    expect(gap.locate([h, 52.005], { toleranceMetres: 1 })).toBe("A");
    expect(gap.locate([h * 0.9, 52.005], { toleranceMetres: 1 })).toBe("B");
  });

  it("locate(p) puts a point 1e-23 off a shared edge in exactly one of the two polygons, whichever direction each runs the edge", () => {
    // Found by search: for this edge, (xj-xi)(py-yi) - (px-xi)(yj-yi) is 1.65e-23 from i but exactly 0 from
    // j. A test that took the cross product in each polygon's own direction would call p "on the edge"
    // for one polygon and decide the other by parity, so p could land in both or (with other values) neither.
    const i = [-1.230961, 52.861741], j = [-1.23168, 52.862273];
    const p: LonLat = [-1.2310123159271387, 52.86177896950381];
    const west = [-1.2335, 52.8618], east = [-1.2295, 52.8622];
    for (const [wRing, eRing] of [
      [[i, j, west, i], [j, i, east, j]],
      [[j, i, west, j], [i, j, east, i]],
    ]) {
      const W = indexBoundaries(loadBoundaries(collection([["W", { type: "Polygon", coordinates: [wRing] }]])));
      const E = indexBoundaries(loadBoundaries(collection([["E", { type: "Polygon", coordinates: [eRing] }]])));
      expect([W.locate(p), E.locate(p)]).toEqual(["W", null]); // left of the upward edge i→j: west side
    }
  });

  it("locate(p) handles holes, islands in holes and MultiPolygon parts", () => {
    const withHole = {
      type: "Polygon",
      coordinates: [square(0, 0, 10).coordinates[0], [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]]],
    };
    const multi = { type: "MultiPolygon", coordinates: [square(20, 20, 1).coordinates, square(30, 30, 1).coordinates] };
    const index = indexBoundaries(loadBoundaries(collection([["A", withHole], ["B", square(4.5, 4.5, 1)], ["C", multi]])));
    expect(index.locateMany([[2, 2], [5, 5], [4.2, 4.2], [20.5, 20.5], [30.5, 30.5], [25, 25], [4, 5]])).toEqual(
      ["A", "B", null, "C", "C", null, "A"], // [4, 5] is on A's hole edge: on A's boundary
    );
  });

  it("locate(p) on 2,000 points of shared LSOA edges: each lies in both polygons only when exactly on the edge, else in exactly one, and the smallest containing id is returned", () => {
    const b = leicestershire();
    const index = indexBoundaries(b);
    // Points along segments that two LSOAs both have (same two vertices), at seeded fractions: in
    // floating point most are a hair to one side, some exactly on the line.
    const owners = new Map<string, number[]>();
    const segs = new Map<string, number[]>();
    b.features.forEach((f, i) => {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) {
        for (const ring of poly) {
          for (let k = 0; k + 1 < ring.length; k++) {
            const s = [ring[k]![0]!, ring[k]![1]!, ring[k + 1]![0]!, ring[k + 1]![1]!];
            const key = s[0]! < s[2]! || (s[0] === s[2] && s[1]! < s[3]!) ? s.join(",") : [s[2], s[3], s[0], s[1]].join(",");
            owners.set(key, [...(owners.get(key) ?? []), i]);
            segs.set(key, s);
          }
        }
      }
    });
    const shared = [...owners].filter(([, o]) => o.length === 2);
    const rand = mulberry32(3);
    let onBoth = 0;
    const single = new Map<number, ReturnType<typeof indexBoundaries>>();
    const alone = (i: number) => {
      if (!single.has(i)) single.set(i, indexBoundaries(loadBoundaries(collection([[b.ids[i]!, b.features[i]!.geometry]]))));
      return single.get(i)!;
    };
    for (let n = 0; n < 2000; n++) {
      const [key, [i, j]] = shared[Math.floor(rand() * shared.length)]! as [string, [number, number]];
      const [x1, y1, x2, y2] = segs.get(key)!;
      const t = rand();
      const p: LonLat = [x1! + t * (x2! - x1!), y1! + t * (y2! - y1!)];
      const inI = alone(i).locate(p) !== null;
      const inJ = alone(j).locate(p) !== null;
      expect(inI || inJ).toBe(true);
      if (inI && inJ) {
        onBoth++;
        expect(index.distanceToEdgeMetres(p, b.ids[i]!)).toBe(0);
        expect(index.distanceToEdgeMetres(p, b.ids[j]!)).toBe(0);
      }
      expect(index.locate(p)).toBe(inI ? b.ids[i] : b.ids[j]); // i < j: the smallest containing id
    }
    expect(onBoth).toBeGreaterThan(0);
  });

  it("locateMany(points) matches a brute-force @turf/boolean-point-in-polygon loop over every LSOA on 3,000 seeded random points", () => {
    const b = leicestershire();
    const index = indexBoundaries(b);
    const [minX, minY, maxX, maxY] = index.bbox();
    const rand = mulberry32(42);
    const points: LonLat[] = Array.from({ length: 3000 }, () => [minX + rand() * (maxX - minX), minY + rand() * (maxY - minY)]);
    const expected = points.map((p) => {
      for (let i = 0; i < b.ids.length; i++) {
        const [x0, y0, x1, y1] = b.bboxes[i]!;
        if (p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1) continue;
        if (booleanPointInPolygon(p, b.features[i]!)) return b.ids[i]!; // ids ascend: first hit = smallest id
      }
      return null;
    });
    expect(index.locateMany(points)).toEqual(expected);
    expect(expected.filter((x) => x === null).length).toBeGreaterThan(0); // the bbox has corners outside the county
  });

  it("locateMany(58,078 postcode centroids) agrees with the file's lsoa11cd_pip column for every postcode", () => {
    const index = indexBoundaries(allLsoas());
    const rows = readCsvRows("postcode_centroids.csv");
    expect(rows.length).toBe(58078);
    const points = rows.map((r): LonLat => [Number(r.lon), Number(r.lat)]);
    const got = index.locateMany(points);
    // Allowed exceptions: postcodes within 1 m of a shared edge (listed with their distance). None occur:
    // 165 postcodes lie within 1 m of their LSOA's edge and all of them still agree.
    const disagreements = rows
      .map((r, k) => ({ postcode: r.postcode, file: r.lsoa11cd_pip, got: got[k], metres: index.distanceToEdgeMetres(points[k]!, r.lsoa11cd_pip!) }))
      .filter((d) => d.got !== d.file);
    expect(disagreements).toEqual([]);
    const nearEdge = points.filter((p, k) => index.distanceToEdgeMetres(p, rows[k]!.lsoa11cd_pip!) < 1).length;
    expect(nearEdge).toBeGreaterThan(100); // so the edge rule was really exercised
  });

  it("locate(pop-weighted centroid) finds 916 of 921 in their own LSOA; the 5 outside need a tolerance of 12 m against their own polygon", () => {
    const b = allLsoas();
    const index = indexBoundaries(b);
    const rows = readCsvRows("lsoa11_pop_weighted_centroids.csv");
    expect(rows.length).toBe(921);
    const outside = ["E01010573", "E01025657", "E01025740", "E01025778", "E01025783"];
    const misses = rows.filter((r) => index.locate([Number(r.lon), Number(r.lat)]) !== r.lsoa11cd).map((r) => r.lsoa11cd);
    expect(misses).toEqual(outside);
    const distances: number[] = [];
    for (const id of outside) {
      const r = rows.find((x) => x.lsoa11cd === id)!;
      const p: LonLat = [Number(r.lon), Number(r.lat)];
      const feature = b.features[b.indexById.get(id)!]!;
      expect(booleanPointInPolygon(p, feature)).toBe(false);
      // In the full tessellation the point lies inside a neighbour, so it locates there (not null),
      // and the tolerance (used only for points inside no polygon) does not move it.
      const neighbour = index.locate(p)!;
      expect(booleanPointInPolygon(p, b.features[b.indexById.get(neighbour)!]!)).toBe(true);
      expect(index.locate(p, { toleranceMetres: 50 })).toBe(neighbour);
      // Against its own polygon alone: null without tolerance, found once the tolerance reaches the
      // brute-force distance to the polygon's edge.
      const own = indexBoundaries(loadBoundaries(collection([[id, feature.geometry]])));
      const d = edgeDistanceMetres(feature.geometry, p);
      distances.push(d);
      expect(own.locate(p)).toBeNull();
      expect(own.locate(p, { toleranceMetres: d * 0.99 })).toBeNull();
      expect(own.locate(p, { toleranceMetres: d * 1.01 })).toBe(id);
      expect(own.locate(p, { toleranceMetres: 12 })).toBe(id);
    }
    // 12 m is needed for all five: the farthest (E01010573) is 11.4 m outside, the nearest 0.98 m.
    expect(Math.max(...distances)).toBeGreaterThan(11);
    expect(Math.max(...distances)).toBeLessThan(12);
  });

  it("search(bbox) returns the ids whose bbox meets the box, sorted, and bbox() bounds them all", () => {
    const b = leicestershire();
    const index = indexBoundaries(b);
    const box: [number, number, number, number] = [-1.2, 52.6, -1.1, 52.65];
    const expected = b.ids.filter((_, i) => {
      const [x0, y0, x1, y1] = b.bboxes[i]!;
      return x0 <= box[2] && x1 >= box[0] && y0 <= box[3] && y1 >= box[1];
    });
    expect(expected.length).toBeGreaterThan(10);
    expect(index.search(box)).toEqual(expected);
    const all = index.bbox();
    expect(all[0]).toBe(Math.min(...b.bboxes.map((x) => x[0])));
    expect(all[3]).toBe(Math.max(...b.bboxes.map((x) => x[3])));
  });

  it("rejects a non-finite point, a negative tolerance, a bad bbox and non-boundaries with LotwiseError naming field and value", () => {
    const index = indexBoundaries(two);
    let e = errorOf(() => index.locate([Number.NaN, 52]));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("point[0]: NaN");
    e = errorOf(() => index.locateMany([[0, 0], [1, Number.POSITIVE_INFINITY]]));
    expect(e.message).toContain("points[1][1]: Infinity");
    e = errorOf(() => index.locate([0, 0], { toleranceMetres: -5 }));
    expect(e.message).toContain("options.toleranceMetres: -5");
    expect(e.message).toContain("≥ 0");
    e = errorOf(() => index.locateMany([[0, 0]], { tolerance: 5 } as never));
    expect(e.message).toContain("tolerance");
    e = errorOf(() => index.search([1, 0, 0, 1]));
    expect(e.message).toContain("bbox: [1,0,0,1]");
    e = errorOf(() => index.distanceToEdgeMetres([0, 0], "Z"));
    expect(e.code).toBe("unknown_id");
    e = errorOf(() => indexBoundaries(readJson("lad_boundaries.geojson") as never));
    expect(e.message).toContain("boundaries");
    expect(e.message).toContain("loadBoundaries()");
  });
});

describe("indexBoundaries point ranges", () => {
  it("locate([lat, lon]) with swapped axes throws instead of answering null", () => {
    const b = loadBoundaries({
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: { k: "A" }, geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } }],
    }, { idProperty: "k" });
    const index = indexBoundaries(b);
    const e = errorOf(() => index.locate([52.6, 198.9]));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain("latitude 198.9 is outside [-90, 90]");
    expect(errorOf(() => index.locateMany([[0.5, 0.5], [181, 0]])).message).toContain("longitude 181 is outside");
    expect(index.locate([0.5, 0.5])).toBe("A");
  });
});

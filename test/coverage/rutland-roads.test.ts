// networkTravel on the real OpenStreetMap extract of Rutland (realdata/rutland-latest.osm.pbf, 2022-07-20,
// © OpenStreetMap contributors, ODbL 1.0), read with readOsmPbf from lotwise/node.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, LineString } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { networkTravel, type RoadNetwork } from "../../src/index.js";
import { haversineMetresXY } from "../../src/internal/geo.js";
import { readOsmPbf } from "../../src/node/index.js";
import { REPO_ROOT, splitCsvLine } from "../helpers/geodata.js";

const PBF = join(REPO_ROOT, "realdata", "rutland-latest.osm.pbf");
let roads: FeatureCollection<LineString>;
let net: RoadNetwork;

beforeAll(async () => {
  roads = (await readOsmPbf(PBF)).roads;
  net = networkTravel(roads);
}, 60_000);

/** Town and village centres (market places / churches), [lon, lat]. */
const PLACE: Record<string, [number, number]> = {
  oakham: [-0.7277, 52.67],
  uppingham: [-0.7232, 52.5874],
  cottesmore: [-0.666, 52.7148],
  ketton: [-0.5533, 52.6287],
  empingham: [-0.5955, 52.666],
};
const at = (id: string) => ({ id, lonLat: PLACE[id]! });
const wayById = (id: number) => roads.features.find((f) => f.id === id)!;
const wayLengthM = (c: number[][]) => c.slice(1).reduce((s, p, i) => s + haversineMetresXY(c[i]![0]!, c[i]![1]!, p[0]!, p[1]!), 0);

describe("networkTravel on the Rutland OpenStreetMap extract", () => {
  it("readOsmPbf reads every highway way of the extract with its timestamp", async () => {
    const { summary } = await readOsmPbf(PBF);
    expect(summary.highwayWays).toBe(6665);
    expect(summary.nodes).toBe(170885);
    expect(summary.waysWithMissingNodes).toBe(0);
    expect(summary.timestamp).toBe("2022-07-20T20:21:45.000Z");
    // Five ways are not roads (a corridor, a raceway, a rest area, two area=yes) and are reported, not routed.
    expect(net.report.format).toBe("osm");
    expect(net.report.roads).toBe(6660);
    expect(net.report.excluded.reduce((s, e) => s + e.ways, 0)).toBe(5);
    expect(net.report.excluded.map((e) => e.highway)).toContain("raceway");
  });

  it("has one large component holding at least 95% of the drivable length", () => {
    const c = net.components.drive;
    expect(c.totalKm).toBeGreaterThan(850); // SOURCES.md: 1,557 km of highway ways, ~890 km of them drivable
    expect(c.totalKm).toBeLessThan(950);
    expect(c.lengthsKm[0]! / c.totalKm).toBeGreaterThanOrEqual(0.95);
    // Walkers have more road (footways, paths, bridleways) than drivers.
    expect(net.components.walk.totalKm).toBeGreaterThan(c.totalKm + 300);
  });

  it("Oakham → Uppingham by car takes 10–25 min and on foot 90–180 min", () => {
    // 9.2 km straight, ~10.5 km by the A6003: 10 min would be 63 km/h door to door, 25 min 25 km/h.
    // On foot 10–13 km of road and path at 4.8 km/h is 125–165 min.
    const m = net.matrix([at("oakham")], [at("uppingham")], ["drive", "walk"]);
    expect(m.minutes.drive![0]).toBeGreaterThan(10);
    expect(m.minutes.drive![0]).toBeLessThan(25);
    expect(m.minutes.walk![0]).toBeGreaterThan(90);
    expect(m.minutes.walk![0]).toBeLessThan(180);
  });

  it("Oakham → Cottesmore and Ketton → Empingham take plausible car and foot times", () => {
    // Oakham → Cottesmore: 6.5 km straight, ~7.5 km by the B668 through Burley: by car 8–20 min
    // (56–23 km/h), on foot 80–150 min (7.5–10 km at 4.8 km/h, the upper end for paths round fields).
    // Ketton → Empingham: 5.0 km straight, ~6 km by lanes over the A606: by car 7–18 min, on foot 60–120 min.
    const m = net.matrix([at("oakham"), at("ketton")], [at("cottesmore"), at("empingham")], ["drive", "walk"]);
    const d = m.minutes.drive!, w = m.minutes.walk!;
    expect(d[0]).toBeGreaterThan(8);
    expect(d[0]).toBeLessThan(20);
    expect(w[0]).toBeGreaterThan(80);
    expect(w[0]).toBeLessThan(150);
    expect(d[3]).toBeGreaterThan(7);
    expect(d[3]).toBeLessThan(18);
    expect(w[3]).toBeGreaterThan(60);
    expect(w[3]).toBeLessThan(120);
  });

  it("honours one-way streets: Queen Street, Uppingham is direct one way and a detour the other", () => {
    const way = wayById(3702256);
    expect(way.properties).toMatchObject({ name: "Queen Street", oneway: "yes", highway: "unclassified" });
    const c = way.geometry.coordinates;
    const a = { id: "a", lonLat: c[0] as [number, number] }, b = { id: "b", lonLat: c[c.length - 1] as [number, number] };
    const m = net.matrix([a, b], [a, b], ["drive", "walk"]);
    const ab = m.minutes.drive![1]!, ba = m.minutes.drive![2]!;
    // Along the street: its length at 0.8 × 25 km/h (unclassified class speed × traffic factor).
    expect(ab).toBeCloseTo((60 * wayLengthM(c)) / 20000, 2);
    expect(ba).toBeGreaterThan(2 * ab);
    // Walkers ignore oneway: the same time both ways.
    expect(m.minutes.walk![1]).toBeCloseTo(m.minutes.walk![2]!, 9);
  });

  it("lets walkers and not cars use a footway-only link (Oakham, way 3707962)", () => {
    const way = wayById(3707962);
    expect(way.properties?.highway).toBe("footway");
    const c = way.geometry.coordinates;
    const a = { id: "a", lonLat: c[0] as [number, number] }, b = { id: "b", lonLat: c[c.length - 1] as [number, number] };
    const m = net.matrix([a], [b], ["drive", "walk"]);
    const L = wayLengthM(c);
    // Walkers take the footway: its length at 4.8 km/h (80 m/min).
    expect(m.minutes.walk![0]).toBeCloseTo(L / 80, 2);
    // Both ends are on drivable streets (snap distance 0) but the car must go round: far more than the
    // footway would take at even the slowest car speed (living street 0.8 × 10 km/h = 133 m/min).
    expect(m.snaps.drive!.origins[0]!.snapMetres + m.snaps.drive!.destinations[0]!.snapMetres).toBeLessThan(1);
    expect(m.minutes.drive![0]).toBeGreaterThan(3 * (L / 133));
  });

  it("lists the Melton agency offices, 4.6–6 km beyond the extract, as not snapped instead of routing them", () => {
    const lines = readFileSync(join(REPO_ROOT, "realdata", "homecare_agency_postcodes_LLR_Bradford_2025-09-08.csv"), "utf8").trim().split("\n");
    const melton = lines
      .slice(1)
      .map(splitCsvLine)
      .filter((r) => r[3] === "E07000133" && r[0]!.startsWith("LE13"))
      .map((r) => ({ id: r[0]!, lonLat: [Number(r[2]), Number(r[1])] as [number, number] }));
    expect(melton).toHaveLength(8);
    const m = net.matrix(melton, [at("oakham")], ["drive"]);
    expect(m.minutes.drive!.every((t) => t === Infinity)).toBe(true);
    expect(m.unreachable.map((u) => u.originId)).toEqual(melton.map((p) => p.id));
    expect(m.unreachable.every((u) => u.reason === "not_snapped")).toBe(true);
    for (const s of m.snaps.drive!.origins) {
      expect(s.segment).toBe(-1);
      expect(s.snapMetres).toBeGreaterThan(4500);
      expect(s.snapMetres).toBeLessThan(6100);
    }
  });
});

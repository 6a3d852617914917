// networkTravel on OpenStreetMap tags (small hand-made layers with hand-computed times), readOsmPbf on bad
// files, and the door-to-door cut-off.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { networkTravel } from "../../src/index.js";
import { parseMaxspeedKmh } from "../../src/coverage/osm-tags.js";
import { readOsmPbf } from "../../src/node/index.js";
import { asyncErrorOf, errorOf } from "../helpers/errors.js";
import { REPO_ROOT } from "../helpers/geodata.js";

// 1 km along either axis at the equator (R = 6371008.8 m).
const KM = 1000 / ((6371008.8 * Math.PI) / 180);
const p = (i: number, j = 0): [number, number] => [i * KM, j * KM];
const way = (tags: Record<string, string>, coords: [number, number][]) => ({ type: "Feature", properties: tags, geometry: { type: "LineString", coordinates: coords } });
const fc = (...features: unknown[]) => ({ type: "FeatureCollection", features });
const pt = (id: string, lonLat: [number, number]) => ({ id, lonLat });

describe("parseMaxspeedKmh", () => {
  it("reads km/h numbers, mph, units, UK zone codes and lists; refuses what it cannot read", () => {
    expect(parseMaxspeedKmh("50")).toBe(50);
    expect(parseMaxspeedKmh("30 mph")).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh("30mph")).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh("80 km/h")).toBe(80);
    expect(parseMaxspeedKmh("GB:nsl_single")).toBeCloseTo(96.56, 2);
    expect(parseMaxspeedKmh("GB:nsl_dual")).toBeCloseTo(112.65, 2);
    expect(parseMaxspeedKmh("30 mph;40 mph")).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh("none")).toBeNull();
    expect(parseMaxspeedKmh("fast")).toBeUndefined();
    expect(parseMaxspeedKmh("-5")).toBeUndefined();
    expect(parseMaxspeedKmh("50 furlongs")).toBeUndefined();
  });
});

describe("networkTravel on OpenStreetMap tags", () => {
  it("connects ways that share a mid-way vertex (ways not split at junctions)", () => {
    // A 2 km east-west residential way and a north-south one crossing it at its middle vertex (1, 0).
    const net = networkTravel(fc(way({ highway: "residential" }, [p(0), p(1), p(2)]), way({ highway: "residential" }, [p(1, -1), p(1), p(1, 1)])));
    expect(net.nodeCount).toBe(5);
    const m = net.matrix([pt("w", p(0))], [pt("n", p(1, 1))], ["drive"]);
    // 2 km at 0.8 × 25 km/h = 20 km/h: 6 min.
    expect(m.minutes.drive![0]).toBeCloseTo(6, 4);
  });

  it("drives at 0.8 × the lower of class speed and maxspeed; walks and cycles at 4.8 and 16 km/h", () => {
    const net = networkTravel(fc(way({ highway: "primary", maxspeed: "30 mph" }, [p(0), p(1)]), way({ highway: "primary" }, [p(1), p(2)])));
    const m = net.matrix([pt("a", p(0))], [pt("b", p(1)), pt("c", p(2))], ["drive", "walk", "cycle"]);
    const slow = 60 / (0.8 * 30 * 1.609344), fast = 60 / (0.8 * 65);
    expect(m.minutes.drive![0]).toBeCloseTo(slow, 4);
    expect(m.minutes.drive![1]).toBeCloseTo(slow + fast, 4);
    expect(m.minutes.walk![1]).toBeCloseTo(25, 4);
    expect(m.minutes.cycle![1]).toBeCloseTo(7.5, 4);
  });

  it("reports unknown maxspeed strings and uses the class speed for those ways", () => {
    const net = networkTravel(fc(way({ highway: "tertiary", maxspeed: "fast" }, [p(0), p(1)]), way({ highway: "residential", maxspeed: "fast" }, [p(1), p(2)]), way({ highway: "tertiary", maxspeed: "50 furlongs" }, [p(2), p(3)])));
    expect(net.report.unknownMaxspeed).toEqual([
      { value: "50 furlongs", ways: 1, defaultedTo: ["tertiary"] },
      { value: "fast", ways: 2, defaultedTo: ["residential", "tertiary"] },
    ]);
    const m = net.matrix([pt("a", p(0))], [pt("b", p(1))], ["drive"]);
    expect(m.minutes.drive![0]).toBeCloseTo(60 / (0.8 * 40), 4);
  });

  it("honours oneway=yes, oneway=-1 and roundabouts for cars, not for walkers", () => {
    // Square ring a(0,0) → b(1,0) → c(1,1) → d(0,1) → a. Side ab is one-way east, cd one-way west by -1 drawn
    // west→east, the rest two-way: a → b is 1 km, b → a must go round (3 km).
    const net = networkTravel(
      fc(
        way({ highway: "residential", oneway: "yes" }, [p(0), p(1)]),
        way({ highway: "residential" }, [p(1), p(1, 1)]),
        way({ highway: "residential", oneway: "-1" }, [p(0, 1), p(1, 1)]),
        way({ highway: "residential" }, [p(0, 1), p(0)]),
      ),
    );
    const pts = [pt("a", p(0)), pt("b", p(1)), pt("c", p(1, 1)), pt("d", p(0, 1))];
    const m = net.matrix(pts, pts, ["drive", "walk"]);
    const d = m.minutes.drive!, w = m.minutes.walk!;
    expect(d[0 * 4 + 1]).toBeCloseTo(3, 4); // a → b direct, 1 km at 20 km/h
    expect(d[1 * 4 + 0]).toBeCloseTo(9, 4); // b → c → d → a
    expect(d[2 * 4 + 3]).toBeCloseTo(3, 4); // c → d along the -1 way
    expect(d[3 * 4 + 2]).toBeCloseTo(9, 4); // d → a → b → c
    expect(w[1 * 4 + 0]).toBeCloseTo(12.5, 4);
    const round = networkTravel(fc(way({ highway: "tertiary", junction: "roundabout" }, [p(0), p(1)])));
    const r = round.matrix([pt("a", p(0)), pt("b", p(1))], [pt("a", p(0)), pt("b", p(1))], ["drive"]);
    expect(r.minutes.drive![1]).toBeCloseTo(60 / 32, 4);
    expect(r.minutes.drive![2]).toBe(Infinity);
    expect(r.unreachable).toEqual([{ originId: "b", destinationId: "a", mode: "drive", reason: "no_path" }]);
  });

  it("closes motorways to walkers and cyclists, and trunk roads to walkers unless they have a footway", () => {
    const net = networkTravel(
      fc(
        way({ highway: "trunk" }, [p(0), p(1)]),
        way({ highway: "trunk", sidewalk: "both" }, [p(1), p(2)]),
        way({ highway: "motorway" }, [p(2), p(3)]),
        way({ highway: "footway" }, [p(0, 0.5), p(0.5, 0.5)]),
        way({ highway: "steps" }, [p(0.5, 0.5), p(0.5, 0.6)]),
        way({ highway: "cycleway", foot: "no" }, [p(3, 1), p(4, 1)]),
      ),
    );
    const segKm = (m: "drive" | "walk" | "cycle") => net.components[m].totalKm;
    expect(segKm("drive")).toBeCloseTo(3, 3); // trunk, trunk, motorway
    expect(segKm("walk")).toBeCloseTo(1 + 0.5 + 0.1, 3); // sidewalk trunk, footway, steps
    expect(segKm("cycle")).toBeCloseTo(2 + 1, 3); // both trunks and the cycleway
  });

  it("snaps to the nearest position on a road the mode may use and lists points beyond maxSnapMetres", () => {
    const net = networkTravel(fc(way({ highway: "footway" }, [p(0, 0.2), p(2, 0.2)]), way({ highway: "footway" }, [p(0), p(0, 0.2)]), way({ highway: "residential" }, [p(0), p(2)])), { maxSnapMetres: 1000 });
    // A point 150 m north of the residential street's middle: the footway (50 m away) for walkers, the street for cars.
    const m = net.matrix([pt("x", p(1, 0.15))], [pt("far", p(1, 5.2)), pt("east", p(2))], ["walk", "drive"]);
    expect(m.snaps.walk!.origins[0]!.snapMetres).toBeCloseTo(50, 1);
    expect(m.snaps.drive!.origins[0]!.snapMetres).toBeCloseTo(150, 1);
    expect(m.snaps.drive!.origins[0]!.along).toBeCloseTo(0.5, 6);
    // Drive x → east: 150 m connector at 20 km/h + 1 km at 20 km/h.
    expect(m.minutes.drive![1]).toBeCloseTo(0.45 + 3, 4);
    // The point 5 km from every road is listed with its distance, for both modes.
    expect(m.snaps.walk!.destinations[0]!.segment).toBe(-1);
    expect(m.snaps.walk!.destinations[0]!.snapMetres).toBeCloseTo(5000, 0);
    expect(m.unreachable.filter((u) => u.destinationId === "far").map((u) => [u.mode, u.reason])).toEqual([
      ["walk", "not_snapped"],
      ["drive", "not_snapped"],
    ]);
  });

  it("snaps a point beside an isolated footway to the main network when it is at most preferMainComponentMetres further", () => {
    // Main: a 3 km street at y = 0. Fragment: a 100 m footway at y = 0.3 km, connected to nothing.
    const layer = fc(way({ highway: "residential" }, [p(0), p(3)]), way({ highway: "footway" }, [p(1, 0.3), p(1.1, 0.3)]));
    const x = pt("x", p(1.05, 0.25)); // 50 m from the fragment, 250 m from the street
    const m = networkTravel(layer).matrix([x], [pt("e", p(3))], ["walk"]);
    expect(m.snaps.walk!.origins[0]!.snapMetres).toBeCloseTo(250, 1);
    expect(m.minutes.walk![0]).toBeCloseTo(12.5 * 1.95 + 250 / 80, 3);
    const strict = networkTravel(layer, { preferMainComponentMetres: 0 }).matrix([x], [pt("e", p(3))], ["walk"]);
    expect(strict.snaps.walk!.origins[0]!.snapMetres).toBeCloseTo(50, 1);
    expect(strict.unreachable).toEqual([{ originId: "x", destinationId: "e", mode: "walk", reason: "different_component" }]);
    const near = networkTravel(layer, { preferMainComponentMetres: 150 }).matrix([x], [pt("e", p(3))], ["walk"]);
    expect(near.snaps.walk!.origins[0]!.snapMetres).toBeCloseTo(50, 1); // 250 > 50 + 150: stays on the fragment
  });

  it("rejects OSM GeoJSON with no highway tag, and reports features without one among roads", () => {
    const e = errorOf(() => networkTravel(fc(way({ name: "Main Street" }, [p(0), p(1)]), way({ building: "yes" }, [p(1), p(2)]))));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toContain('no feature has a "highway" tag');
    const e2 = errorOf(() => networkTravel(fc(way({ highway: "proposed" }, [p(0), p(1)])), { format: "osm" }));
    expect(e2.message).toContain("no routable segment");
    expect(e2.message).toContain("1 not_a_road (proposed)");
    const net = networkTravel(fc(way({ highway: "residential" }, [p(0), p(1)]), way({ name: "x" }, [p(1), p(2)]), way({ highway: "goat_track" }, [p(1), p(2)])));
    expect(net.report.excluded).toEqual([
      { reason: "no_highway_tag", highway: "", ways: 1, firstFeatures: [1] },
      { reason: "unknown_highway", highway: "goat_track", ways: 1, firstFeatures: [2] },
    ]);
  });

  it("treats object-key words as plain values: maxspeed, road class and highway 'constructor', '__proto__', 'toString'", () => {
    expect(parseMaxspeedKmh("constructor")).toBeUndefined();
    expect(parseMaxspeedKmh("__proto__")).toBeUndefined();
    const net = networkTravel(fc(way({ highway: "tertiary", maxspeed: "toString" }, [p(0), p(1)]), way({ highway: "constructor" }, [p(1), p(2)])));
    expect(net.report.unknownMaxspeed.map((u) => u.value)).toEqual(["toString"]);
    expect(net.report.excluded).toEqual([{ reason: "unknown_highway", highway: "constructor", ways: 1, firstFeatures: [1] }]);
    const e = errorOf(() => networkTravel(fc(way({ roadFunction: "constructor" }, [p(0), p(1)]))));
    expect(e.message).toContain('"constructor"');
    expect(errorOf(() => networkTravel(fc(way({ roadFunction: "A Road" }, [p(0), p(1)])), { fallbackClass: "toString" })).message).toContain("options.fallbackClass");
  });

  it("refuses transit on OSM roads, pointing at the bus service model", () => {
    const net = networkTravel(fc(way({ highway: "residential" }, [p(0), p(1)])));
    expect(errorOf(() => net.matrix([pt("a", p(0))], [pt("b", p(1))], ["transit"])).message).toContain("busServiceTravel");
  });

  it("applies maxMinutes to the door-to-door time, transit wait included (issue 15)", () => {
    // Class layer: Local Road transit 12 km/h, 1 km = 5 min of riding + a 10-minute wait = 15 min.
    const road = way({ roadFunction: "Local Road" }, [p(0), p(1)]);
    const net = networkTravel(fc(road), { maxMinutes: 14 });
    const m = net.matrix([pt("a", p(0))], [pt("b", p(1)), pt("c", p(0.5))], ["transit"]);
    expect(m.minutes.transit![0]).toBe(Infinity);
    expect(m.minutes.transit![1]).toBeCloseTo(12.5, 4);
    expect(m.beyondMaxMinutes.transit).toBe(1);
    for (const t of m.minutes.transit!) expect(t === Infinity || (Number.isFinite(t) && t >= 0)).toBe(true);
  });
});

/** Splits a PBF file into its blobs (4-byte big-endian header length, BlobHeader, Blob); datasize is BlobHeader field 3. */
function pbfBlobs(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const hl = buf.readUInt32BE(pos);
    const h = buf.subarray(pos + 4, pos + 4 + hl);
    let i = 0, datasize = 0;
    while (i < h.length) {
      const tag = h[i++]!;
      const readVarint = () => {
        let v = 0, s = 0, b: number;
        do {
          b = h[i++]!;
          v += (b & 0x7f) * 2 ** s;
          s += 7;
        } while (b & 0x80);
        return v;
      };
      if ((tag & 7) === 2) {
        const n = readVarint(); // read first: `i += readVarint()` would add to the old i
        i += n;
      }
      else if (tag >> 3 === 3) datasize = readVarint();
      else readVarint();
    }
    out.push(buf.subarray(pos, pos + 4 + hl + datasize));
    pos += 4 + hl + datasize;
  }
  return out;
}

describe("readOsmPbf on bad files", () => {
  it("rejects a PBF with nodes and no ways, and a file that is not PBF", async () => {
    const blobs = pbfBlobs(readFileSync(join(REPO_ROOT, "realdata", "rutland-latest.osm.pbf")));
    const dir = mkdtempSync(join(tmpdir(), "lotwise-pbf-"));
    const nodesOnly = join(dir, "nodes-only.osm.pbf");
    writeFileSync(nodesOnly, Buffer.concat(blobs.slice(0, 2))); // OSMHeader + the first OSMData block (nodes)
    const e = await asyncErrorOf(() => readOsmPbf(nodesOnly));
    expect(e.code).toBe("invalid_input");
    expect(e.message).toMatch(/no highway way .*\(0 ways, \d+ nodes\)/);
    const junk = join(dir, "junk.osm.pbf");
    writeFileSync(junk, "this is not a pbf");
    expect((await asyncErrorOf(() => readOsmPbf(junk))).code).toBe("io_error");
    expect((await asyncErrorOf(() => readOsmPbf(join(dir, "missing.osm.pbf")))).code).toBe("io_error");
  });
});

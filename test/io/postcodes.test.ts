import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { geocodePostcodes, normalisePostcode, postcodeDirectory, type PostcodeDirectory } from "../../src/io/postcodes.js";
import { providersFromRows } from "../../src/io/rows.js";
import { readPostcodeDirectory } from "../../src/node/postcodes.js";
import { errorOf } from "../helpers/errors.js";
import { GEODATA } from "../helpers/geodata.js";

// The real directory users can pass: 58,078 Leicestershire and Bradford postcodes from the ONS NSPL (OGL v3).
// It writes four-character outward codes without a space (ONS `pcd` style, "BD127WX"), others with one.
let directory: PostcodeDirectory;
beforeAll(async () => {
  directory = await readPostcodeDirectory(join(GEODATA, "postcode_centroids.csv"));
});

describe("normalisePostcode", () => {
  it("normalisePostcode(s) upper-cases and puts one space before the inward code, whatever the spacing", () => {
    expect(normalisePostcode("BD127WX")).toBe("BD12 7WX");
    expect(normalisePostcode(" bd12  7wx ")).toBe("BD12 7WX");
    expect(normalisePostcode("B1  1AA")).toBe("B1 1AA"); // ONSPD pcd, padded to 7 characters
    expect(normalisePostcode("le1 1hl")).toBe("LE1 1HL");
    expect(normalisePostcode("EC1A1BB")).toBe("EC1A 1BB");
  });

  it("normalisePostcode(s) returns null for text that is not a UK postcode", () => {
    for (const s of ["", "LE1", "12345", "BD12 7W", "BD12 7WXX", "Bradford"]) expect(normalisePostcode(s)).toBeNull();
  });
});

describe("postcodeDirectory", () => {
  it("readPostcodeDirectory(geodata/postcode_centroids.csv) holds all 58,078 postcodes, keyed as normalised", () => {
    expect(directory.lonLats.size).toBe(58078);
    expect(directory.columns).toEqual({ postcode: "postcode", lat: "lat", lon: "lon" });
    // The file's row is "bradford,BD1 1AA,53.79603,-1.75060,..." and "BD127WX" is stored without a space.
    expect(directory.lonLats.get("BD1 1AA")).toEqual([-1.7506, 53.79603]);
    expect(directory.lonLats.has("BD12 7WX")).toBe(true);
    expect(directory.lonLats.has("BD127WX")).toBe(false);
  });

  it("postcodeDirectory(rows) reads ONSPD/NSPL columns (pcds, lat, long) and keeps 'no grid reference' postcodes apart", () => {
    const dir = postcodeDirectory([
      { pcd: "LE1 1HL", pcds: "LE1 1HL", lat: "52.63522", long: "-1.130098" },
      { pcd: "LE1 9ZZ", pcds: "LE1 9ZZ", lat: "99.999999", long: "0.000000" },
    ]);
    expect(dir.columns).toEqual({ postcode: "pcds", lat: "lat", lon: "long" });
    expect(dir.lonLats.get("LE1 1HL")).toEqual([-1.130098, 52.63522]);
    expect([...dir.withoutLocation]).toEqual(["LE1 9ZZ"]);
    const g = geocodePostcodes([{ postcode: "LE1 9ZZ" }], dir);
    expect(g.notFound).toEqual([{ index: 0, postcode: "LE1 9ZZ", normalised: "LE1 9ZZ", reason: "no_location" }]);
  });

  it("postcodeDirectory(rows) rejects a malformed postcode, a bad coordinate and a postcode at two positions, naming the row", () => {
    expect(errorOf(() => postcodeDirectory([{ postcode: "LE1 1HL", lat: 52.6, lon: -1.1 }, { postcode: "nope", lat: 52.6, lon: -1.1 }])).message).toContain("directory[1].postcode");
    expect(errorOf(() => postcodeDirectory([{ postcode: "LE1 1HL", lat: "52.6x", lon: -1.1 }])).message).toContain("latitude must be a number");
    const dup = errorOf(() => postcodeDirectory([{ postcode: "LE1 1HL", lat: 52.6, lon: -1.1 }, { postcode: "le11hl", lat: 52.7, lon: -1.1 }]));
    expect(dup.code).toBe("duplicate_id");
    expect(dup.message).toContain("directory[0] and directory[1]");
    expect(errorOf(() => postcodeDirectory([{ code: "LE1 1HL", y: 52.6, x: -1.1 }])).message).toContain("no postcode column found");
    expect(postcodeDirectory([{ code: "LE1 1HL", y: 52.6, x: -1.1 }], { postcodeColumn: "code", latColumn: "y", lonColumn: "x" }).lonLats.get("LE1 1HL")).toEqual([-1.1, 52.6]);
  });
});

describe("geocodePostcodes", () => {
  it("finds unspaced and lower-case postcodes (BD127WX = bd12 7wx = BD12 7WX) at the directory's position", () => {
    const rows = [
      { name: "Acorn (synthetic)", postcode: "BD127WX" },
      { name: "Beacon (synthetic)", postcode: "bd12 7wx" },
      { name: "Castle (synthetic)", postcode: "BD12 7WX" },
      { name: "Dove (synthetic)", postcode: "le11hl" },
    ];
    const g = geocodePostcodes(rows, directory);
    expect(g.notFound).toEqual([]);
    expect(g.warnings).toEqual([]);
    expect(g.rows.map((r) => r.postcode)).toEqual(["BD12 7WX", "BD12 7WX", "BD12 7WX", "LE1 1HL"]);
    const bd = directory.lonLats.get("BD12 7WX")!;
    expect(g.rows[0]).toEqual({ name: "Acorn (synthetic)", postcode: "BD12 7WX", lon: bd[0], lat: bd[1] });
    // LE1 1HL in the file: leicestershire,LE1 1HL,52.63521,-1.13009
    expect(g.rows[3]).toMatchObject({ lat: 52.63521, lon: -1.13009 });
  });

  it("lists every postcode not found, in input order with its row and reason, and drops none silently", () => {
    const rows = [
      { id: "A", postcode: "BD1 1AA" },
      { id: "B", postcode: "BD99 9ZZ" },
      { id: "C", postcode: "Bradford" },
      { id: "D" },
      { id: "E", postcode: "SW1A 1AA" },
      { id: "F", postcode: "bd11aa" },
    ];
    const g = geocodePostcodes(rows, directory);
    expect(g.rows.map((r) => r.id)).toEqual(["A", "F"]);
    expect(g.notFound).toEqual([
      { index: 1, postcode: "BD99 9ZZ", normalised: "BD99 9ZZ", reason: "unknown" },
      { index: 2, postcode: "Bradford", normalised: null, reason: "malformed" },
      { index: 3, postcode: undefined, normalised: null, reason: "blank" },
      { index: 4, postcode: "SW1A 1AA", normalised: "SW1A 1AA", reason: "unknown" },
    ]);
    expect(g.rows.length + g.notFound.length).toBe(rows.length);
    expect(g.warnings).toHaveLength(1);
    expect(g.warnings[0]).toContain("4 of 6 postcodes not found");
    for (const s of ['"BD99 9ZZ" (rows[1], spreadsheet row 3: not in the directory)', '"Bradford" (rows[2], spreadsheet row 4: not a UK postcode)', "rows[3], spreadsheet row 5: no postcode", '"SW1A 1AA" (rows[4]']) {
      expect(g.warnings[0]).toContain(s);
    }
  });

  it("reads another postcode column and takes the directory as rows", () => {
    const g = geocodePostcodes([{ office: "le1 1hl" }], [{ postcode: "LE1 1HL", lat: "52.6", lon: "-1.1" }], { column: "office" });
    expect(g.rows).toEqual([{ office: "LE1 1HL", lon: -1.1, lat: 52.6 }]);
    expect(errorOf(() => geocodePostcodes("x" as never, directory)).message).toContain("Invalid rows");
  });
});

describe("providersFromRows with postcodes", () => {
  const row = { capacity_hours: 400, rate_per_hour: 22 };

  it("places rows that give a postcode instead of lon/lat, keeping name and the normalised postcode", () => {
    const ps = providersFromRows(
      [
        { provider_id: "B", name: "Beacon Care (synthetic)", postcode: "BD127WX", ...row },
        { provider_id: "A", name: "Acorn Care (synthetic)", lon: -1.75, lat: 53.79, postcode: "bd1 1aa", ...row },
        { provider_id: "C", name: "", postcode: "BD12 7WX", ...row },
      ],
      { postcodes: directory },
    );
    const bd = directory.lonLats.get("BD12 7WX")!;
    expect(ps.map((p) => [p.id, p.lonLat, p.name, p.postcode])).toEqual([
      ["A", [-1.75, 53.79], "Acorn Care (synthetic)", "BD1 1AA"], // lon/lat given: used as given
      ["B", bd, "Beacon Care (synthetic)", "BD12 7WX"],
      ["C", bd, undefined, "BD12 7WX"], // two agencies at one office: two providers at one point
    ]);
  });

  it("throws one error listing every postcode not found, and asks for a directory when none is passed", () => {
    const err = errorOf(() =>
      providersFromRows(
        [
          { provider_id: "A", postcode: "BD99 9ZZ", ...row },
          { provider_id: "B", postcode: "BD1 1AA", ...row },
          { provider_id: "C", postcode: "ZZ1", ...row },
        ],
        { postcodes: directory },
      ),
    );
    expect(err.code).toBe("invalid_input");
    expect(err.message).toContain("2 of 3 postcodes not found");
    expect(err.message).toContain('"BD99 9ZZ" (rows[0], spreadsheet row 2: not in the directory)');
    expect(err.message).toContain('"ZZ1" (rows[2], spreadsheet row 4: not a UK postcode)');
    expect(err.issues.map((i) => i.path)).toEqual([["rows", 0, "postcode"], ["rows", 2, "postcode"]]);

    expect(errorOf(() => providersFromRows([{ provider_id: "A", postcode: "BD1 1AA", ...row }])).message).toContain("no postcode directory was passed");
    expect(errorOf(() => providersFromRows([{ provider_id: "A", ...row }])).message).toContain("a provider needs lon and lat, or a postcode");
    expect(errorOf(() => providersFromRows([{ provider_id: "A", lon: -1.7, postcode: "BD1 1AA", ...row }], { postcodes: directory })).message).toContain("give both lon and lat");
  });
});

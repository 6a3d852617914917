import { describe, expect, it } from "vitest";
import { checkTravelMatrix } from "../../src/internal/travel-matrix.js";
import { LotwiseError } from "../../src/errors.js";

const issue = (f: () => unknown): { path: PropertyKey[]; message: string } => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LotwiseError);
    return (e as LotwiseError).issues[0]!;
  }
  throw new Error("expected a LotwiseError");
};

describe("internal/travel-matrix", () => {
  const ok = { originIds: ["o1", "o2"], destinationIds: ["A", "B", "C"], modes: ["drive"], minutes: { drive: new Float64Array(6) } };

  it("checkTravelMatrix(m, path) returns a well-formed matrix unchanged", () => {
    expect(checkTravelMatrix(ok, ["travel"])).toBe(ok);
  });

  it("checkTravelMatrix(m, path) names the field at fault: not a matrix, unknown mode, short or missing minutes, unlisted array", () => {
    expect(issue(() => checkTravelMatrix([1, 2], ["options", "travel"])).path).toEqual(["options", "travel"]);
    expect(issue(() => checkTravelMatrix({ ...ok, modes: ["car"] }, ["m"])).path).toEqual(["m", "modes", 0]);
    const short = issue(() => checkTravelMatrix({ ...ok, minutes: { drive: new Float64Array(5) } }, ["m"]));
    expect(short.path).toEqual(["m", "minutes", "drive"]);
    expect(short.message).toContain("Float64Array of 6 (origins × destinations)");
    expect(issue(() => checkTravelMatrix({ ...ok, modes: ["drive", "walk"] }, ["m"])).path).toEqual(["m", "minutes", "walk"]);
    // An array for a mode not listed in `modes` is still read by evaluateLots, so its length is checked too.
    expect(issue(() => checkTravelMatrix({ ...ok, minutes: { drive: new Float64Array(6), walk: [1, 2] } }, ["m"])).path).toEqual(["m", "minutes", "walk"]);
  });
});

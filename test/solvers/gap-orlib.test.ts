import { describe, expect, it } from "vitest";
import { highsSolver } from "../../src/solvers/highs.js";
import { gapDataAvailable, gapObjective, gapToSparseModel, readGap, readKnownValues, type GapInstance } from "../helpers/orlib-gap.js";

const solver = highsSolver();

/** Decodes x into agent-per-job and checks it against the raw file data (not the SparseModel). */
function checkAssignment(g: GapInstance, x: Float64Array): number[] {
  const agentOfJob: number[] = [];
  const load = new Array<number>(g.agents).fill(0);
  for (let j = 0; j < g.jobs; j++) {
    const chosen = [];
    for (let i = 0; i < g.agents; i++) if (Math.round(x[i * g.jobs + j]!) === 1) chosen.push(i);
    expect(chosen.length, `${g.name} job ${j}`).toBe(1);
    agentOfJob.push(chosen[0]!);
    load[chosen[0]!]! += g.use[chosen[0]!]![j]!;
  }
  load.forEach((l, i) => expect(l, `${g.name} agent ${i} load`).toBeLessThanOrEqual(g.capacity[i]!));
  return agentOfJob;
}

describe.runIf(gapDataAvailable())("highsSolver() on OR-Library GAP gap1–gap12 (maximisation, 60 problems)", () => {
  const known = gapDataAvailable() ? readKnownValues().filter((k) => /^gap\d+-\d$/.test(k.instance)) : [];
  const files = [...new Set(known.map((k) => k.instance.split("-")[0]!))];

  it("known_values.tsv lists 60 gap1–gap12 problems, all proven maximisation optima", () => {
    expect(known.length).toBe(60);
    expect(files.length).toBe(12);
    expect(known.every((k) => k.sense === "max" && k.proven)).toBe(true);
  });

  for (const file of files) {
    it(`highsSolver().solve proves every ${file} problem optimal at its OR-Library value`, async () => {
      for (const k of known.filter((kk) => kk.instance.startsWith(`${file}-`))) {
        const g = readGap(k.file);
        const r = await solver.solve(gapToSparseModel(g, "max"), { timeLimitSec: 60 });
        expect(r.status, k.instance).toBe("optimal");
        expect(r.verification?.ok, k.instance).toBe(true);
        expect(r.objective, k.instance).toBeCloseTo(k.knownValue, 6);
        expect(gapObjective(g, checkAssignment(g, r.x)), k.instance).toBe(k.knownValue);
        expect(r.gap!, k.instance).toBeLessThanOrEqual(1e-4);
      }
    });
  }
});

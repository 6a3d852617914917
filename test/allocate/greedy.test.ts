import { describe, expect, it } from "vitest";
import { generateAllocationInstance } from "../../src/allocate/generate.js";
import { greedyIncumbent } from "../../src/allocate/greedy.js";
import { buildAllocationModel } from "../../src/allocate/model.js";
import { prepareAllocation } from "../../src/allocate/prepare.js";
import { verifySolution } from "../../src/solvers/verify.js";
import { AllocationInputSchema } from "../../src/schema/allocation.js";

describe("greedyIncumbent", () => {
  for (const [lots, providers, k, seed, policy] of [
    [30, 60, 8, 1, {}],
    [30, 60, 8, 2, { contingencyShare: 0 }],
    [30, 60, 5, 3, { minProvidersPerLot: 3 }],
    [60, 100, 6, 4, { maxLeadLotsPerProvider: 1 }],
  ] as const) {
    it(`greedyIncumbent(prep, model) satisfies every row, bound and integrality of the milp model (${lots}×${providers}, seed ${seed}, policy ${JSON.stringify(policy)})`, () => {
      const { input } = generateAllocationInstance({ lots, providers, candidatesPerLot: k, seed });
      const prep = prepareAllocation(AllocationInputSchema.parse({ ...input, policy }));
      const am = buildAllocationModel(prep, "milp");
      const x = greedyIncumbent(prep, am);
      const report = verifySolution(am.model, x);
      expect(report.issues).toEqual([]);
      expect(report.ok).toBe(true);
    });
  }
});

import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocate/allocate.js";
import { simulateWithdrawal, withdrawalSweep } from "../../src/allocate/withdrawal.js";
import { largestLead, reletReport, securitySummary, withdrawalReportRows } from "../../src/report/allocation-report-rows.js";
import { renderReport } from "../../src/report/render-report.js";
import type { AllocationInput } from "../../src/schema/allocation.js";
import { highsSolver } from "../../src/solvers/highs.js";

const solver = highsSolver();

// Two lots of 100 h. A leads both (cheapest, 20/h, 200 h); only A can lead L1 (B and C reach 50 h there);
// in L2, B can lead too. HART (45/h, 60 h, L1 only) is the last resort.
const input: AllocationInput = {
  lots: [
    { id: "L1", urbanHours: 100, ruralHours: 0 },
    { id: "L2", urbanHours: 100, ruralHours: 0 },
  ],
  providers: [
    { id: "A", capacityHours: 200, ratePerHour: 20 },
    { id: "B", capacityHours: 200, ratePerHour: 25 },
    { id: "C", capacityHours: 200, ratePerHour: 22 },
  ],
  eligibility: [
    { lotId: "L1", providerId: "A", share: 1 },
    { lotId: "L1", providerId: "B", share: 0.5 },
    { lotId: "L1", providerId: "C", share: 0.5 },
    { lotId: "L2", providerId: "A", share: 1 },
    { lotId: "L2", providerId: "B", share: 1 },
    { lotId: "L2", providerId: "C", share: 0.5 },
  ],
  lastResort: { providers: [{ id: "HART", capacityHours: 60, ratePerHour: 45 }], eligibility: [{ lotId: "L1", providerId: "HART", share: 1 }] },
};

describe("withdrawal report rows (the TLC case: the lead holding most lots withdraws)", () => {
  it("largestLead(plan) is A; reletReport lists both lots re-let, L1 not let (60 h from HART, 40 h unmet: no eligible lead), L2 led by B", async () => {
    const plan = await allocate(input, { solver, relGap: 0 });
    expect(plan.lots.map((l) => l.lead)).toEqual(["A", "A"]);
    const lead = largestLead(plan)!;
    expect(lead).toBe("A");
    const w = await simulateWithdrawal(plan, [lead], { solver, relGap: 0 });
    const relet = reletReport(w);
    expect(relet.title).toBe("Withdrawal of A: lots re-let");
    expect(relet.rows.map((r) => [r.lotId, r.leadBefore, r.leadAfter])).toEqual([
      ["L1", "A", null],
      ["L2", "A", "B"],
    ]);
    expect(relet.rows[0]).toMatchObject({ lastResortHours: 60, unmetHours: 40, unmetReason: "no_eligible_lead" });
    expect(relet.note).toContain("60.0 h/week from last resort");
    expect(relet.note).toContain("40.0 h/week more unmet");
    const { markdown, html } = renderReport({ title: "TLC case", lots: [], relet });
    const table = markdown.slice(markdown.indexOf("## Withdrawal of A: lots re-let"));
    expect(table).toContain("| L1 | A | **not let** | 95.0 |");
    expect(table).toContain("| 60.0 | 40.0 | no eligible lead | – |");
    expect(table).toMatch(/\| L2 \| A \| B \|/);
    expect(table).toContain("Cost of delivered hours, change/wk");
    expect(html).toContain("<strong>not let</strong>");
  });

  it("withdrawalReportRows shows last-resort hours and the lots with a new lead, and never a column called saving", async () => {
    const plan = await allocate(input, { solver, relGap: 0 });
    const sweep = await withdrawalSweep(plan, { solver });
    const rows = withdrawalReportRows(sweep.scenarios);
    expect(rows[0]).toMatchObject({ providerId: "A", lastResortHours: 60, unmetHours: 40, newLeadLots: ["L1", "L2"] });
    const { markdown } = renderReport({ title: "N-1", lots: [], withdrawal: rows });
    expect(markdown).toContain("| Withdrawn provider | Hours lost | Re-placed h/wk | Last resort h/wk | Unmet h/wk | Lots with a new lead | Cost of delivered hours, change/wk | Status |");
    expect(markdown).toMatch(/\| A \| 190\.0 \| 150\.0 \| 60\.0 \| 40\.0 \| L1, L2 \|/);
    expect(markdown.toLowerCase()).not.toContain("saving |");
  });

  it("securitySummary(plan) states whether the plan is N-1 secure, the price of security and the worst withdrawal", async () => {
    const plan = await allocate(input, { solver, relGap: 0, security: "n-1" });
    const lines = securitySummary(plan);
    expect(lines.map(([k]) => k)).toEqual(["N-1 secure", "Price of security", "Worst single withdrawal"]);
    // Only A can lead L1 and HART covers 60 of its 100 h: 40 h stay unmet whatever the plan.
    expect(lines[0]![1]).toBe("no: the least worst case leaves 40.0 h/week unmet (A withdrawing)");
    expect(lines[1]![1]).toMatch(/^£[\d,]+\/week \(£[\d,]+ a year\): £[\d,]+ against £[\d,]+ for the plain plan$/);
    expect(securitySummary(await allocate(input, { solver }))).toEqual([]);
  });
});

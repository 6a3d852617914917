import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render-report.js";

const input = {
  title: "Test report",
  summary: [["Demand", "300 h/week"]] as [string, string][],
  lots: [
    { lotId: "L2", areaCount: 2, demandHours: 200, leadProviderId: "P2", contingencyProviderId: "P1", assignedHours: 180, unmetHours: 20, weeklyCost: 4000 },
    { lotId: "L1", areaCount: 3, demandHours: 100.04, leadProviderId: "P1", supplementaryProviderIds: ["P3", "P2"], assignedHours: 100.04, unmetHours: 0, weeklyCost: 2100.5 },
  ],
  providers: [{ providerId: "P1", capacityHours: 200, assignedHours: 150, leadLots: ["L1"], contingencyLots: ["L2"] }],
  withdrawal: [
    { providerId: "P1", lostHours: 150, reassignedHours: 150, unmetHours: 0, costChange: 120, status: "optimal" },
    { providerId: "P2", lostHours: 180, reassignedHours: 100, unmetHours: 80, costChange: -50, status: "optimal" },
  ],
  mapSvg: '<svg xmlns="http://www.w3.org/2000/svg"><title>m</title></svg>',
};

describe("renderReport", () => {
  it("renderReport(input) sorts lots by id, totals the hour and cost columns, and flags a missing contingency", () => {
    const { markdown } = renderReport(input);
    const rows = markdown.split("\n").filter((l) => /^\| (L\d|\*\*Total)/.test(l));
    expect(rows[0]).toBe("| L1 | – | 3 | 100.0 | P1 | P2, P3 | **none** | 100.0 | 0.0 | £2,101 | – |");
    expect(rows[1]).toContain("| L2 |");
    // totals: 300.04 demand, 280.04 assigned, 20 unmet, £6,100.5 → £6,101 (rounded once, not per row)
    expect(rows[2]).toBe("| **Total** |  | 5 | 300.0 |  |  |  | 280.0 | 20.0 | £6,101 |  |");
  });

  it("renderReport(input) lists withdrawals worst first and shows provider use as assigned/capacity", () => {
    const { markdown } = renderReport(input);
    const w = markdown.slice(markdown.indexOf("## N-1 withdrawal"));
    expect(w.indexOf("| P2 |")).toBeLessThan(w.indexOf("| P1 |"));
    expect(w).toContain("| P2 | 180.0 | 100.0 | 80.0 | -£50 | optimal |");
    expect(w).toContain("| P1 | 150.0 | 150.0 | 0.0 | +£120 | optimal |");
    expect(markdown).toContain("| P1 | – | – | 200.0 | 150.0 | 75% | L1 | – | L2 |");
  });

  it("renderReport(input).html is self-contained: inline SVG, no external references, escaped text", () => {
    const { html } = renderReport({ ...input, title: "A & B <lots>" });
    expect(html).toContain("<svg xmlns");
    expect(html).toContain("A &amp; B &lt;lots&gt;");
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html).toContain("<strong>none</strong>");
  });

  it("renderReport(input) rejects negative hours naming the field", () => {
    expect(() => renderReport({ ...input, lots: [{ lotId: "L1", areaCount: 1, demandHours: -1 }] })).toThrow(/input\.lots\[0\]\.demandHours: -1/);
  });
});

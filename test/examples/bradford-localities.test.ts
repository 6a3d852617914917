import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsvRows } from "../helpers/geodata.js";
import { LOT_HOURS, runBradford, type BradfordSummary } from "../../examples/bradford-localities.js";

let dir = "";
let summary: BradfordSummary;

const csv = async (name: string): Promise<Record<string, string>[]> => {
  const [head, ...rows] = (await readFile(join(dir, name), "utf8")).trim().split("\n");
  const cols = head!.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((c, i) => [cols[i]!, c])));
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lotwise-bradford-"));
  summary = await runBradford({ outDir: dir });
}, 600_000);

describe("runBradford (locality contracts)", () => {
  it("runBradford({ outDir }) covers the 310 Bradford LSOAs and conserves the 35,000 weekly hours", async () => {
    expect(summary.lsoas).toBe(310);
    expect(readCsvRows("lsoa11_master.csv").filter((r) => r.area_set === "bradford").length).toBe(310);
    const demand = await csv("demand.csv");
    expect(demand.reduce((s, r) => s + Number(r.hours), 0)).toBe(35000);
    expect(summary.demand.weightColumn).toBe("age_60plus_mid2015");
  });

  it("runBradford({ outDir }) puts every LSOA in one lot, each lot inside one CCG and within the hour bounds", async () => {
    const demand = new Map((await csv("demand.csv")).map((r) => [r.area_id!, Number(r.hours)]));
    const members = await csv("lot-areas.csv");
    expect(members.length).toBe(310);
    expect(new Set(members.map((m) => m.area_id)).size).toBe(310);
    const ccgOf = new Map(readCsvRows("lsoa11_master.csv").map((r) => [r.lsoa11cd!, r.ccg19cd!]));
    const lots = new Map<string, { hours: number; ccgs: Set<string> }>();
    for (const m of members) {
      const l = lots.get(m.lot_id!) ?? lots.set(m.lot_id!, { hours: 0, ccgs: new Set() }).get(m.lot_id!)!;
      l.hours += demand.get(m.area_id!)!;
      l.ccgs.add(ccgOf.get(m.area_id!)!);
    }
    expect(lots.size).toBe(summary.lots.count);
    for (const l of lots.values()) {
      expect(l.ccgs.size).toBe(1);
      expect(l.hours).toBeGreaterThanOrEqual(LOT_HOURS.min);
      expect(l.hours).toBeLessThanOrEqual(LOT_HOURS.max);
    }
  });

  it("runBradford({ outDir }) reports unmet hours and writes the map and report", async () => {
    expect(summary.allocation.unmetHours).toBeGreaterThanOrEqual(0);
    expect(summary.allocation.lotsWithLead).toBeLessThanOrEqual(summary.lots.count);
    expect((await readdir(dir)).sort()).toEqual([...summary.files].sort());
    const report = await readFile(join(dir, "report.md"), "utf8");
    expect(report).toContain("| Unmet h/wk |");
  });
});

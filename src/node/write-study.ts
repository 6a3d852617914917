// writeStudy: every output of a Study written into one folder as a unit, with one naming scheme: a table is
// named after the Study field it comes from (demand, lots, coverage, allocation-*, withdrawal, relet-*,
// security-*), and the map, report and summary after the report (`<prefix>map.svg`, `<prefix>report.md`, ...).
import type { OutputRow } from "../io/rows.js";
import { allocationToRows, withdrawalLotsToRows, withdrawalToRows } from "../io/rows.js";
import { demandToRows, LOT_COVERAGE_COLUMNS, lotCoverageToRows, lotsToRows, planToRows, providersToRows } from "../io/output-rows.js";
import { compareIds } from "../internal/sort.js";
import { renderStudy, type RenderStudyOptions } from "../study/render-study.js";
import type { Study } from "../study/types.js";
import { formatCsv } from "./csv.js";
import { writeFilesAtomic, type OutputFile } from "./files.js";
import { invalid } from "../errors.js";

/** Options of {@link writeStudy}: those of `renderStudy` and the file names. */
export interface WriteStudyOptions extends RenderStudyOptions {
  /** Boundary properties added as columns to demand.csv (e.g. names and codes). @defaultValue `[]` */
  readonly demandProperties?: readonly string[];
  /**
   * Put before the names of the map, report and summary (`"design-"` → design-map.svg, design-report.md,
   * design-report.html, design-summary.json), so runs of different kinds can share a folder.
   * @defaultValue `""`
   */
  readonly reportPrefix?: string;
}

/**
 * The files of a study, in memory: name and text of every table (CSV), the lots' GeoJSON, the map, the
 * report (Markdown and HTML) and summary.json (which lists the files). Stages that did not run write no
 * table. Names:
 *
 * | file | from |
 * |---|---|
 * | demand.csv | `study.demand` (`demandToRows`) |
 * | lots.csv, lot-areas.csv, lots.geojson | `study.plan` with `study.evaluation` |
 * | providers.csv | `study.providers` |
 * | coverage.csv | `study.reach` (`lotCoverageToRows`) |
 * | allocation-lots.csv, allocation-providers.csv, allocation-hours.csv | `study.allocation` |
 * | withdrawal.csv | `study.withdrawal` (one row per scenario) |
 * | relet-lots.csv | `study.relet` (one row per re-let lot) |
 * | security-lots.csv, security-providers.csv, security-hours.csv, security-scenarios.csv | `study.security` |
 * | map.svg, report.md, report.html, summary.json | all of it (`renderStudy`), with `reportPrefix` |
 *
 * @param study - from `runStudy`.
 * @param options - see {@link WriteStudyOptions}.
 * @returns the files, sorted by name.
 * @throws {LotwiseError} `invalid_input` for a bad option.
 * @example
 * ```ts
 * import { studyFiles } from "lotwise/node";
 * (await studyFiles(study)).map((f) => f.name); // ["allocation-hours.csv", ...]
 * ```
 */
export async function studyFiles(study: Study, options: WriteStudyOptions = {}): Promise<OutputFile[]> {
  const prefix = options.reportPrefix ?? "";
  if (typeof prefix !== "string" || /[/\\\0]/.test(prefix)) invalid(["options", "reportPrefix"], prefix, "expected a plain prefix for file names (no folder separators)");
  const rendered = renderStudy(study, { ...options, mapHref: options.mapHref ?? `${prefix}map.svg` });
  const files: OutputFile[] = [];
  const csv = async (name: string, rows: readonly OutputRow[], o: { decimals?: number; columns?: readonly string[] } = {}): Promise<void> => {
    files.push({ name, text: await formatCsv(rows, { ...(o.decimals === undefined ? {} : { decimals: o.decimals }), ...(o.columns === undefined ? {} : { columns: [...o.columns] }) }) });
  };
  await csv("demand.csv", demandToRows(study.demand, { boundaries: study.boundaries, properties: options.demandProperties ?? [] }));
  await csv("lots.csv", lotsToRows(study.plan, { demand: study.demand, ...(study.evaluation === null ? {} : { evaluation: study.evaluation }) }));
  await csv("lot-areas.csv", planToRows(study.plan));
  files.push({ name: "lots.geojson", text: `${JSON.stringify(rendered.geojson)}\n` });
  if (study.providers.length > 0) await csv("providers.csv", providersToRows(study.providers));
  if (study.reach !== null) await csv("coverage.csv", lotCoverageToRows(study.reach), { decimals: 4, columns: LOT_COVERAGE_COLUMNS });
  const allocationTables = async (stem: string, a: NonNullable<Study["allocation"]>): Promise<void> => {
    const rows = allocationToRows(a);
    await csv(`${stem}-lots.csv`, rows.lots, { decimals: 2 });
    await csv(`${stem}-providers.csv`, rows.providers, { decimals: 2 });
    await csv(`${stem}-hours.csv`, rows.hours, { decimals: 2 });
  };
  if (study.allocation !== null) await allocationTables("allocation", study.allocation);
  if (study.withdrawal !== null) await csv("withdrawal.csv", withdrawalToRows(study.withdrawal.scenarios), { decimals: 2 });
  if (study.relet !== null) await csv("relet-lots.csv", withdrawalLotsToRows(study.relet), { decimals: 2 });
  if (study.security !== null) {
    await allocationTables("security", study.security);
    await csv(
      "security-scenarios.csv",
      (study.security.security?.scenarios ?? []).map((s) => ({
        provider_id: s.providerId,
        lost_hours: s.lostHours,
        added_unmet_hours: s.addedUnmetHours,
        last_resort_hours: s.lastResortHours,
        lots_affected: s.lotsAffected.join(" "),
        status: s.status,
      })),
      { decimals: 2 },
    );
  }
  files.push({ name: `${prefix}map.svg`, text: rendered.mapSvg });
  files.push({ name: `${prefix}report.md`, text: rendered.report.markdown });
  files.push({ name: `${prefix}report.html`, text: rendered.report.html });
  const names = [...files.map((f) => f.name), `${prefix}summary.json`].sort(compareIds);
  files.push({ name: `${prefix}summary.json`, text: `${JSON.stringify({ ...rendered.summary, files: names }, null, 2)}\n` });
  return files.sort((x, y) => compareIds(x.name, y.name));
}

/**
 * Writes every output of a study into `dir` as a unit (see {@link studyFiles} for the names): either every
 * file is replaced, or none is and the previous outputs are left as they were.
 *
 * @param dir - the output folder (created).
 * @param study - from `runStudy`.
 * @param options - titles, notes, demand columns, report prefix (see {@link WriteStudyOptions}).
 * @returns the names of the files written, sorted.
 * @throws {LotwiseError} `io_error` when a file cannot be written (nothing changed then); `invalid_input`
 *   for a bad option.
 * @example
 * ```ts
 * import { runStudy } from "lotwise";
 * import { writeStudy } from "lotwise/node";
 * const files = await writeStudy("out", await runStudy(input), { title: "Leicestershire home care" });
 * ```
 */
export async function writeStudy(dir: string, study: Study, options: WriteStudyOptions = {}): Promise<string[]> {
  const files = await studyFiles(study, options);
  await writeFilesAtomic(dir, files);
  return files.map((f) => f.name);
}

// Short texts for a Study: what String(study), console.log(study) and a notebook show instead of
// megabytes of polygons and typed arrays.
import { formatGrouped } from "../internal/format.js";
import { attachDisplay } from "../internal/inspect.js";
import { worstWithdrawal } from "../report/allocation-report-rows.js";
import { reletCounts } from "./render-study.js";
import type { Study } from "./types.js";

const h = (x: number): string => `${formatGrouped(x, 1)} h/week`;
const money = (x: number): string => `£${formatGrouped(x, 0)}`;

/**
 * A few lines saying what a study holds: areas, demand, lots, providers, and each later stage's headline.
 *
 * @param study - from {@link runStudy}.
 * @returns the text (no trailing newline).
 * @example
 * ```ts
 * import { studyText } from "lotwise";
 * studyText(study); // "Study: 396 areas, 20,317.0 h/week, 18 lots (feasible), 40 providers\n  allocation: …"
 * ```
 */
export function studyText(study: Study): string {
  const total = Object.values(study.demand).reduce((s, x) => s + x, 0);
  const lotStatus = study.design === null ? "given" : study.design.status;
  const lines = [`Study: ${study.areas.length} areas, ${h(total)}, ${study.plan.lots.length} lots (${lotStatus}), ${study.providers.length} providers`];
  if (study.evaluation !== null) {
    const s = study.evaluation.summary;
    lines.push(`  lots: ${formatGrouped(s.minHours, 0)}–${formatGrouped(s.maxHours, 0)} h/week each, contiguous ${s.contiguous ? "yes" : "no"}, nested ${s.nested ? "yes" : "no"}, ${study.evaluation.violations.length} violation(s)`);
  }
  if (study.reach !== null && study.coverage !== null) {
    const thr = Object.entries(study.coverage.thresholdMinutes).map(([m, t]) => `${m} ${t} min`).join(", ");
    lines.push(`  coverage: ${study.reach.filter((r) => r.share > 0).length} provider × lot pairs within reach (${thr})`);
  }
  const a = study.allocation;
  if (a !== null) lines.push(`  allocation: ${a.summary.headline} ${money(a.weeklyCost)}/week (solver status ${a.status})`);
  const w = study.withdrawal;
  if (w !== null) {
    const worst = worstWithdrawal(w.scenarios);
    lines.push(`  withdrawal: ${w.scenarios.length} scenarios (${w.kind}); worst ${worst?.scenario ?? "–"}: ${h(worst?.addedUnmetHours ?? 0)} more unmet, ${h(worst?.lastResortHours ?? 0)} from last resort`);
  }
  const r = study.relet;
  if (r !== null) {
    lines.push(`  relet: ${r.withdrawn.join(" + ")} withdrawing: ${reletCounts(r)}; ${h(r.lastResortHours)} from last resort, ${h(r.addedUnmetHours)} more unmet`);
  }
  const sec = study.security?.security;
  if (sec !== undefined) {
    const worst = sec.secure ? "every single withdrawal re-let with no unmet hours" : `worst single withdrawal ${sec.worstProviderId ?? "–"}: ${h(sec.worstAddedUnmetHours)} more unmet`;
    lines.push(`  security: N-1 secure ${sec.secure ? "yes" : "no"} (${worst}, solver status ${study.security!.status}); price of security ${money(sec.priceOfSecurityWeekly)}/week`);
  }
  const skipped = study.stages.filter((s) => !s.ran).map((s) => s.stage);
  if (skipped.length > 0) lines.push(`  not run: ${skipped.join(", ")}`);
  return lines.join("\n");
}

/** Attaches the display hooks of a study (text only here; see display.ts for notebooks). @internal */
export function attachStudySummary(study: Study): Study {
  return attachDisplay(study, () => studyText(study));
}

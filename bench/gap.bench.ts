// OR-Library GAP: highsSolver() vs jsLpSolver() on gap1–gap12 (60 maximisation problems, proven optima),
// plus highsSolver() on gapa–gapd (24 minimisation problems, 5–20 agents × 100–200 jobs).
// Every answer is verified by lotwise (the solvers do it themselves); "wrong" counts answers whose
// verified objective differs from the proven optimum while the status claims optimality.
// Run: npx tsx bench/gap.bench.ts   (env: JSLP_LIMIT_SEC=10, GAPABCD_LIMIT_SEC=20, SKIP_ABCD=1)
import { highsSolver } from "../src/solvers/highs.js";
import { jsLpSolver } from "../src/solvers/js-lp-solver.js";
import type { SolveResult, Solver } from "../src/solvers/types.js";
import { gapToSparseModel, readGap, readKnownValues, type GapKnownValue } from "../test/helpers/orlib-gap.js";
import { writeResults } from "./util.js";

const JSLP_LIMIT_SEC = Number(process.env.JSLP_LIMIT_SEC ?? 10);
const HIGHS_LIMIT_SEC = 60;
const ABCD_LIMIT_SEC = Number(process.env.GAPABCD_LIMIT_SEC ?? 20);

interface Row {
  instance: string;
  solver: string;
  status: SolveResult["status"] | "skipped";
  ms: number;
  objective: number | null;
  known: number;
  correct: boolean;
  note?: string;
}

async function run(solver: Solver, k: GapKnownValue, timeLimitSec: number): Promise<Row> {
  const model = gapToSparseModel(readGap(k.file), k.sense);
  const t0 = performance.now();
  const r = await solver.solve(model, { timeLimitSec });
  const ms = performance.now() - t0;
  const objective = Number.isFinite(r.objective) ? r.objective : null;
  const correct = r.status === "optimal" && objective !== null && Math.abs(objective - k.knownValue) < 1e-6;
  const row: Row = { instance: k.instance, solver: solver.id, status: r.status, ms: Math.round(ms * 10) / 10, objective, known: k.knownValue, correct };
  if (r.stats.message !== undefined) row.note = r.stats.message.slice(0, 160);
  return row;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
};

const known = readKnownValues();
const small = known.filter((k) => /^gap\d+-\d$/.test(k.instance));
const families = [...new Set(small.map((k) => k.instance.split("-")[0]!))];

const highs = highsSolver();
const warmUpMs = await highs.warmUp();
const js = jsLpSolver();

const highsRows: Row[] = [];
const jsRows: Row[] = [];
let jsStopped = false;
for (const fam of families) {
  const members = small.filter((k) => k.instance.startsWith(`${fam}-`));
  for (const k of members) highsRows.push(await run(highs, k, HIGHS_LIMIT_SEC));
  let failures = 0;
  for (const k of members) {
    if (jsStopped) {
      jsRows.push({ instance: k.instance, solver: js.id, status: "skipped", ms: 0, objective: null, known: k.knownValue, correct: false, note: "skipped: an earlier family failed twice" });
      continue;
    }
    const row = await run(js, k, JSLP_LIMIT_SEC);
    if (!row.correct) failures++;
    jsRows.push(row);
    console.error(`${k.instance}: highs ${highsRows.find((h) => h.instance === k.instance)?.ms} ms, jsLPSolver ${row.ms} ms ${row.status}${row.correct ? "" : " (not optimal)"}`);
  }
  // As in SOLVERS.md: stop trying the pure-JS solver on larger families after 2 failures in one.
  if (failures >= 2) jsStopped = true;
}

const bothSolved = small.filter((k) => highsRows.find((r) => r.instance === k.instance)?.correct && jsRows.find((r) => r.instance === k.instance)?.correct).map((k) => k.instance);
const sumMs = (rows: Row[], ids: string[]): number => rows.filter((r) => ids.includes(r.instance)).reduce((s, r) => s + r.ms, 0);
const highsTotalMs = highsRows.reduce((s, r) => s + r.ms, 0);
const jsAttempted = jsRows.filter((r) => r.status !== "skipped");
const jsWrongAccepted = jsRows.filter((r) => (r.status === "optimal" || r.status === "feasible") && !r.correct).length;
const jsFlagged = jsRows.filter((r) => r.note?.includes("fails lotwise's check")).length;

const perFamily = families.map((fam) => {
  const h = highsRows.filter((r) => r.instance.startsWith(`${fam}-`));
  const j = jsRows.filter((r) => r.instance.startsWith(`${fam}-`));
  return {
    family: fam,
    highs: { optimal: h.filter((r) => r.correct).length, medianMs: median(h.map((r) => r.ms)), maxMs: Math.max(...h.map((r) => r.ms)) },
    jsLpSolver: {
      optimal: j.filter((r) => r.correct).length,
      timeLimit: j.filter((r) => r.status === "timeLimit").length,
      error: j.filter((r) => r.status === "error").length,
      skipped: j.filter((r) => r.status === "skipped").length,
      medianMs: median(j.filter((r) => r.status !== "skipped").map((r) => r.ms)),
    },
  };
});

// gapa–gapd with HiGHS only.
const abcdRows: (Row & { dualGap: number | null; gapToKnownPct: number | null; knownLower: number; proven: boolean })[] = [];
if (process.env.SKIP_ABCD !== "1") {
  for (const k of known.filter((kk) => kk.instance.startsWith("gap") && kk.instance.includes(":"))) {
    const model = gapToSparseModel(readGap(k.file), k.sense);
    const t0 = performance.now();
    const r = await highs.solve(model, { timeLimitSec: ABCD_LIMIT_SEC });
    const ms = performance.now() - t0;
    const objective = Number.isFinite(r.objective) ? r.objective : null;
    const row = {
      instance: k.instance,
      solver: highs.id,
      status: r.status,
      ms: Math.round(ms),
      objective,
      known: k.knownValue,
      knownLower: k.knownLower,
      proven: k.proven,
      correct: objective !== null && (k.proven ? Math.abs(objective - k.knownValue) < 1e-6 : objective <= k.knownValue + 1e-6),
      dualGap: r.gap ?? null,
      gapToKnownPct: objective === null ? null : Math.round(((objective - k.knownValue) / k.knownValue) * 1e6) / 1e4,
    };
    abcdRows.push(row);
    console.error(`${k.instance}: ${row.status} ${row.objective} (known ${k.knownValue}) ${row.ms} ms, dual gap ${row.dualGap}`);
  }
}

const highsAll60 = highsRows.filter((r) => r.correct).length;
const results = {
  description: "OR-Library GAP. gap1–12: 60 max problems with proven optima; gapa–d: 24 min problems. Times include model conversion, validation, solve and verification.",
  settings: { relGap: 1e-4, highsTimeLimitSec: HIGHS_LIMIT_SEC, jsLpSolverTimeLimitSec: JSLP_LIMIT_SEC, gapAbcdTimeLimitSec: ABCD_LIMIT_SEC, highsWarmUpMs: Math.round(warmUpMs) },
  gap1to12: {
    highs: { provenOptimalAtKnown: highsAll60, of: highsRows.length, totalMs: Math.round(highsTotalMs), medianMs: median(highsRows.map((r) => r.ms)) },
    jsLpSolver: {
      attempted: jsAttempted.length,
      provenOptimalAtKnown: jsRows.filter((r) => r.correct).length,
      timeLimit: jsRows.filter((r) => r.status === "timeLimit").length,
      error: jsRows.filter((r) => r.status === "error").length,
      skipped: jsRows.filter((r) => r.status === "skipped").length,
      fractionalAnswersFlaggedByVerifier: jsFlagged,
      wrongAnswersAccepted: jsWrongAccepted,
      totalMsAttempted: Math.round(jsAttempted.reduce((s, r) => s + r.ms, 0)),
    },
    bothSolved: {
      count: bothSolved.length,
      highsMs: Math.round(sumMs(highsRows, bothSolved)),
      jsLpSolverMs: Math.round(sumMs(jsRows, bothSolved)),
      ratioJsOverHighs: Math.round((sumMs(jsRows, bothSolved) / Math.max(1e-9, sumMs(highsRows, bothSolved))) * 100) / 100,
    },
    perFamily,
  },
  gapAbcd: abcdRows,
  targets: [
    { target: "highs proves all 60 gap1–12 problems optimal at the OR-Library values", value: `${highsAll60}/60`, met: highsAll60 === 60 },
    { target: "no wrong jsLPSolver answer reaches the caller (verifier flags fractional answers)", value: jsWrongAccepted, met: jsWrongAccepted === 0 },
    { target: "highs gap1–12 total ≤ 60 s (SOLVERS.md: sum of medians ≈ 27 s)", value: `${Math.round(highsTotalMs / 100) / 10} s`, met: highsTotalMs <= 60_000 },
    {
      target: "highs faster than jsLPSolver on the problems both solve",
      value: `×${Math.round((sumMs(jsRows, bothSolved) / Math.max(1e-9, sumMs(highsRows, bothSolved))) * 100) / 100}`,
      met: sumMs(jsRows, bothSolved) > sumMs(highsRows, bothSolved),
    },
    ...(abcdRows.length > 0
      ? [{ target: "gapa–c (18 proven) solved optimal by highs within the per-instance limit", value: `${abcdRows.filter((r) => /gap[abc]:/.test(r.instance) && r.correct && r.status === "optimal").length}/18`, met: abcdRows.filter((r) => /gap[abc]:/.test(r.instance) && r.correct && r.status === "optimal").length === 18 }]
      : []),
  ],
  instances: { highs: highsRows, jsLpSolver: jsRows },
};
writeResults("gap", results);

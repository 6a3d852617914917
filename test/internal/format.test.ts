import { describe, expect, it } from "vitest";
import { formatDecimals, formatForMessage, formatGrouped, roundTo } from "../../src/internal/format.js";

describe("internal/format", () => {
  it("formatGrouped(x, d) groups thousands without a locale and never prints -0", () => {
    // Moved from test/report/render-report.test.ts (was formatNumber in report/render-report.ts).
    expect(formatGrouped(20317.04, 1)).toBe("20,317.0");
    expect(formatGrouped(1234567, 0)).toBe("1,234,567");
    expect(formatGrouped(-0.01, 1)).toBe("0.0");
    expect(formatGrouped(-1500, 0)).toBe("-1,500");
  });

  it("formatDecimals(x, d) keeps at most d places, drops trailing zeros, writes -0 as 0 and non-finite as String(x)", () => {
    expect(formatDecimals(2.5, 6)).toBe("2.5");
    expect(formatDecimals(1 / 3, 6)).toBe("0.333333");
    expect(formatDecimals(0.1 + 0.2, 6)).toBe("0.3");
    expect(formatDecimals(12.96, 1)).toBe("13");
    expect(formatDecimals(-0.04, 1)).toBe("0");
    expect(formatDecimals(-0, 3)).toBe("0");
    expect(formatDecimals(-12.25, 1)).toBe("-12.3");
    expect(formatDecimals(1e21, 2)).toBe("1e+21");
    expect(formatDecimals(Number.NaN, 2)).toBe("NaN");
    expect(formatDecimals(-Infinity, 2)).toBe("-Infinity");
  });

  it("formatForMessage(x) quotes at most two decimals: 1234.5678 → 1234.57, 40 → 40", () => {
    expect(formatForMessage(1234.5678)).toBe("1234.57");
    expect(formatForMessage(40)).toBe("40");
    expect(formatForMessage(0.125 * 3)).toBe("0.38");
  });

  it("roundTo(x, d) rounds to d places as a number and turns -0 into 0", () => {
    expect(roundTo(0.1 + 0.2, 9)).toBe(0.3);
    expect(Object.is(roundTo(-1e-12, 9), 0)).toBe(true);
    expect(roundTo(2.675, 1)).toBe(2.7);
  });
});

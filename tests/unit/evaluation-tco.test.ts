import { describe, expect, it } from "vitest";
import { computeTco, EvaluationInputError, formatEuro, TcoInputSchema, tcoTotal } from "~/domain/evaluation";

const tco = (input: Record<string, unknown>) => TcoInputSchema.parse(input);

describe("computeTco (5 years, one-offs in year 1, exit in year 5, no discounting)", () => {
  it("spreads the worked example's reuse candidate over the five years", () => {
    // one-off = setup 2.000 + customisation 3.000 + training 1.000 = 6.000 (year 1)
    // yearly  = hosting 2.400 + maintenance 1.000 = 3.400 (each year)
    // exit    = 500 (year 5)
    // years: 6.000 + 3.400 = 9.400 · 3.400 · 3.400 · 3.400 · 3.400 + 500 = 3.900
    // total = 9.400 + 3 × 3.400 + 3.900 = 23.500
    const result = computeTco(
      tco({
        setup: 2_000,
        customisation: 3_000,
        training: 1_000,
        hostingPerYear: 2_400,
        maintenancePerYear: 1_000,
        exit: 500,
      }),
    );
    expect(result.years.map((y) => y.total)).toEqual([9_400, 3_400, 3_400, 3_400, 3_900]);
    expect(result.years[0]).toEqual({
      year: 1,
      oneOff: 6_000,
      hosting: 2_400,
      maintenance: 1_000,
      exit: 0,
      total: 9_400,
    });
    expect(result.years[4]).toEqual({
      year: 5,
      oneOff: 0,
      hosting: 2_400,
      maintenance: 1_000,
      exit: 500,
      total: 3_900,
    });
    expect(result).toMatchObject({ oneOff: 6_000, recurring: 17_000, exit: 500, total: 23_500 });
    expect(result.byItem).toEqual({
      licence: 0,
      hardware: 0,
      setup: 2_000,
      customisation: 3_000,
      integration: 0,
      migration: 0,
      training: 1_000,
      hostingPerYear: 12_000, // 2.400 × 5
      maintenancePerYear: 5_000, // 1.000 × 5
      exit: 500,
    });
  });

  it.each<[string, Record<string, number>, number, string]>([
    // [what, input, total, hand arithmetic]
    ["nothing to pay", {}, 0, "0"],
    ["only a licence", { licence: 10_000 }, 10_000, "10.000 once"],
    ["only a SaaS fee", { hostingPerYear: 3_600 }, 18_000, "3.600 × 5"],
    [
      "every one-off item",
      { licence: 1, hardware: 2, setup: 4, customisation: 8, integration: 16, migration: 32, training: 64 },
      127,
      "1+2+4+8+16+32+64",
    ],
    [
      "hosting, maintenance and exit",
      { hostingPerYear: 1_000, maintenancePerYear: 500, exit: 2_000 },
      9_500,
      "(1.000 + 500) × 5 + 2.000",
    ],
  ])("%s: %i € (%s)", (_what, input, total) => {
    const result = computeTco(tco(input));
    expect(result.total).toBe(total);
    // The per-year rows and the per-item totals are two views of the same sum.
    expect(result.years.reduce((s, y) => s + y.total, 0)).toBe(total);
    expect(Object.values(result.byItem).reduce((s, v) => s + v, 0)).toBe(total);
    expect(result.years).toHaveLength(5);
  });

  it("has no total while the form is not filled", () => {
    expect(tcoTotal(null)).toBeNull();
    expect(tcoTotal(tco({ licence: 700 }))).toBe(700);
  });

  it("refuses amounts that cannot come from the form", () => {
    expect(() => computeTco({ ...tco({}), training: -1 })).toThrow(EvaluationInputError);
    expect(() => computeTco({ ...tco({}), training: 10.5 })).toThrow(EvaluationInputError);
    expect(() => computeTco({ ...tco({}), years: 3 as 5 })).toThrow(EvaluationInputError);
  });
});

describe("formatEuro", () => {
  it.each([
    [0, "0 €"],
    [999, "999 €"],
    [1_000, "1.000 €"],
    [23_500, "23.500 €"],
    [1_234_567, "1.234.567 €"],
  ])("%i → %s", (n, text) => {
    expect(formatEuro(n)).toBe(text);
  });
});

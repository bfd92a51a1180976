import { describe, expect, it } from "vitest";
import {
  addMonths,
  dimensionProfile,
  dimensionScore,
  EVIDENCE_CAP_MESSAGE,
  gapPriority,
  isComplete,
  isDueWithin12Months,
  itemAggregate,
  itemScore,
  LEVEL_LABELS,
  levelBand,
  levelLabel,
  maturityIndex,
  median,
  needPriority,
  PriorityWeightsSchema,
  recomputeAssessment,
  round2,
  ScoringInputError,
  sharedGapMinimum,
  sharedGaps,
  sharing,
  thresholdLevel,
  topPriorities,
  type ScoringAnswer,
  type ScoringItem,
} from "~/domain/assessment-scoring";

const item = (extra: Partial<ScoringItem> = {}): ScoringItem => ({
  code: "ORG-01",
  dimensionCode: "ORG",
  kind: "SCALE_0_4",
  evidenceRequiredFrom: 3,
  weight: 1,
  critical: false,
  legalObligation: false,
  deadline: null,
  target: 3,
  ...extra,
});

const answer = (extra: Partial<ScoringAnswer> = {}): ScoringAnswer => ({
  itemCode: "ORG-01",
  value: null,
  notApplicable: false,
  hasEvidence: false,
  ...extra,
});

// ORG-04 / SIC-05 (percent of staff trained) and SERV-01 (end-to-end services of 12).
const percent = item({ code: "ORG-04", kind: "PERCENT", thresholds: [0, 10, 25, 50, 75] });
const count = item({ code: "SERV-01", kind: "COUNT", thresholds: [0, 1, 3, 6, 9] });

describe("itemScore", () => {
  it.each([
    ["S 3 with evidence", item(), { value: 3, hasEvidence: true }, 3, 3, false],
    ["S 3 without evidence is capped to 2", item(), { value: 3 }, 2, 3, true],
    ["S 4 without evidence is capped to 2", item(), { value: 4 }, 2, 4, true],
    ["S 2 without evidence is not capped", item(), { value: 2 }, 2, 2, false],
    ["S 0", item(), { value: 0 }, 0, 0, false],
    ["evidenceRequiredFrom null never caps", item({ evidenceRequiredFrom: null }), { value: 4 }, 4, 4, false],
    ["a cap that lowers nothing is not capped", item({ evidenceRequiredFrom: 1 }), { value: 2 }, 2, 2, false],
    ["evidenceRequiredFrom 4 lets a 3 through", item({ evidenceRequiredFrom: 4 }), { value: 3 }, 3, 3, false],
    ["Y 4 with evidence", item({ kind: "YES_NO" }), { value: 4, hasEvidence: true }, 4, 4, false],
    ["Y 4 without evidence is capped to 2", item({ kind: "YES_NO" }), { value: 4 }, 2, 4, true],
    ["Y 0", item({ kind: "YES_NO" }), { value: 0 }, 0, 0, false],
    ["P 2 (attivata, poco usata)", item({ kind: "PLATFORM_STATE" }), { value: 2 }, 2, 2, false],
    [
      "P 4 with evidence, its count not scored",
      item({ kind: "PLATFORM_STATE" }),
      { value: 4, rawNumber: 7, hasEvidence: true },
      4,
      4,
      false,
    ],
    ["P 4 without evidence is capped", item({ kind: "PLATFORM_STATE" }), { value: 4 }, 2, 4, true],
    ["PERCENT 80 % without evidence is capped", percent, { itemCode: "ORG-04", rawNumber: 80 }, 2, 4, true],
    ["COUNT 6 with evidence", count, { itemCode: "SERV-01", rawNumber: 6, hasEvidence: true }, 3, 3, false],
  ])("%s", (_name, it_, a, score, raw, capped) => {
    expect(itemScore(it_, answer({ itemCode: it_.code, ...a }))).toEqual({ status: "SCORED", score, raw, capped });
  });

  it.each([
    ["no answer row", undefined, "UNANSWERED"],
    ["an empty value", answer(), "UNANSWERED"],
    ["N/A (its value ignored)", answer({ notApplicable: true, value: 4 }), "NOT_APPLICABLE"],
    ["a copy not yet confirmed", answer({ value: 3, hasEvidence: true, confirmed: false }), "UNANSWERED"],
    ["a copied N/A not yet confirmed", answer({ notApplicable: true, confirmed: false }), "UNANSWERED"],
  ])("has no score for %s", (_name, a, status) => {
    expect(itemScore(item(), a)).toEqual({ status, score: null, raw: null, capped: false });
  });

  it("counts a copied answer once confirmed", () => {
    expect(itemScore(item(), answer({ value: 3, hasEvidence: true, confirmed: true })).score).toBe(3);
  });

  it("tells the capped item's message in Italian", () => {
    expect(EVIDENCE_CAP_MESSAGE).toBe("punteggio limitato: manca l'evidenza");
  });

  it.each([
    ["YES_NO 3", item({ kind: "YES_NO" }), { value: 3 }, /YES_NO takes 0\/4/],
    ["YES_NO 1", item({ kind: "YES_NO" }), { value: 1 }, /YES_NO/],
    ["PLATFORM_STATE 1", item({ kind: "PLATFORM_STATE" }), { value: 1 }, /PLATFORM_STATE takes 0\/2\/4/],
    ["PLATFORM_STATE 3", item({ kind: "PLATFORM_STATE" }), { value: 3 }, /PLATFORM_STATE/],
    ["SCALE 5", item(), { value: 5 }, /SCALE_0_4/],
    ["SCALE −1", item(), { value: -1 }, /SCALE_0_4/],
    ["SCALE 2.5", item(), { value: 2.5 }, /SCALE_0_4/],
    ["SCALE NaN", item(), { value: NaN }, /SCALE_0_4/],
    ["a negative count", count, { itemCode: "SERV-01", rawNumber: -1 }, /≥ 0/],
    ["a fractional count", count, { itemCode: "SERV-01", rawNumber: 2.5 }, /whole number/],
    ["a percent over 100", percent, { itemCode: "ORG-04", rawNumber: 101 }, /≤ 100/],
    ["a count given as value", count, { itemCode: "SERV-01", value: 3 }, /rawNumber, not value/],
    ["COUNT without thresholds", item({ kind: "COUNT" }), { rawNumber: 1 }, /five ascending thresholds/],
    ["thresholds not ascending", item({ kind: "COUNT", thresholds: [0, 3, 1, 6, 9] }), { rawNumber: 1 }, /ascending/],
    ["four thresholds", item({ kind: "PERCENT", thresholds: [0, 10, 25, 50] }), { rawNumber: 1 }, /five/],
    ["weight 0", item({ weight: 0 }), { value: 1 }, /weight/],
    ["target 5", item({ target: 5 }), { value: 1 }, /target/],
    ["evidenceRequiredFrom 2.5", item({ evidenceRequiredFrom: 2.5 }), { value: 1 }, /evidenceRequiredFrom/],
    ["an impossible deadline", item({ deadline: "2026-02-30" }), { value: 1 }, /deadline/],
    ["another item's answer", item(), { itemCode: "ORG-02", value: 1 }, /answer of ORG-02/],
  ])("rejects %s", (_name, it_, a, message) => {
    const call = () => itemScore(it_, answer({ itemCode: it_.code, ...a }));
    expect(call).toThrow(ScoringInputError);
    expect(call).toThrow(message);
  });
});

describe("thresholdLevel", () => {
  it.each([
    // percent of staff trained: 0 <10 · 1 10–24 · 2 25–49 · 3 50–74 · 4 ≥75
    [0, 0],
    [9.99, 0],
    [10, 1],
    [24.9, 1],
    [25, 2],
    [49, 2],
    [50, 3],
    [74.99, 3],
    [75, 4],
    [100, 4],
  ])("percent %s → %s", (raw, level) => {
    expect(thresholdLevel([0, 10, 25, 50, 75], raw)).toBe(level);
  });

  it.each([
    // end-to-end services of 12: 0: 0 · 1: 1–2 · 2: 3–5 · 3: 6–8 · 4: ≥9
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 2],
    [5, 2],
    [6, 3],
    [8, 3],
    [9, 4],
    [12, 4],
  ])("count %s → %s", (raw, level) => {
    expect(thresholdLevel([0, 1, 3, 6, 9], raw)).toBe(level);
  });

  it("gives 0 below the first bound", () => {
    expect(thresholdLevel([5, 10, 25, 50, 75], 4)).toBe(0);
    expect(thresholdLevel([5, 10, 25, 50, 75], 5)).toBe(0);
    expect(thresholdLevel([5, 10, 25, 50, 75], 10)).toBe(1);
  });
});

describe("levelBand", () => {
  it.each([
    [0, 0],
    [0.49, 0],
    [0.5, 1],
    [1.49, 1],
    [1.5, 2],
    [2.49, 2],
    [2.5, 3],
    [3.49, 3],
    [3.5, 4],
    [4, 4],
    // banded on the two-decimal value that is stored and shown
    [1.4999999999999998, 2],
    [1.494, 1],
    [1.495, 2],
    [0.1 + 0.2 + 0.2, 1],
  ])("%s → %s", (d, level) => {
    expect(levelBand(d)).toBe(level);
  });

  it.each([[-0.01], [4.01], [NaN], [Infinity]])("rejects %s", (d) => {
    expect(() => levelBand(d)).toThrow(ScoringInputError);
  });

  it("names the levels in Italian, once", () => {
    expect(LEVEL_LABELS).toEqual(["Assente", "Iniziale", "In sviluppo", "Definito", "Consolidato"]);
    expect(levelLabel(levelBand(2.5))).toBe("Definito");
  });
});

describe("round2", () => {
  it.each([
    [0.285, 0.29],
    [1.005, 1.01],
    [2.345, 2.35],
    [2 / 3, 0.67],
    [4, 4],
  ])("%s → %s", (x, r) => {
    expect(round2(x)).toBe(r);
  });
});

describe("dimensionScore", () => {
  const org = (n: number, extra: Partial<ScoringItem> = {}) =>
    item({ code: `ORG-0${n}`, evidenceRequiredFrom: null, ...extra });
  const a = (n: number, value: number | null, extra: Partial<ScoringAnswer> = {}) =>
    answer({ itemCode: `ORG-0${n}`, value, ...extra });

  it.each([
    ["equal weights", [org(1), org(2), org(3)], [a(1, 1), a(2, 2), a(3, 4)], 2.33, 2],
    ["weights", [org(1, { weight: 2 }), org(2), org(3)], [a(1, 4), a(2, 0), a(3, 2)], 2.5, 3],
    ["a weight of 3 pulls down", [org(1, { weight: 3 }), org(2)], [a(1, 1), a(2, 4)], 1.75, 2],
    ["fractional weights", [org(1, { weight: 0.1 }), org(2, { weight: 0.2 })], [a(1, 0), a(2, 2)], 1.33, 1],
    // 2.1 / 1.4 is 1.4999999999999998 in floating point: stored 1.50, band 2
    ["a band edge in floating point", [org(1, { weight: 0.7 }), org(2, { weight: 0.7 })], [a(1, 1), a(2, 2)], 1.5, 2],
    ["N/A left out of D", [org(1), org(2), org(3)], [a(1, 4), a(2, 2), a(3, 0, { notApplicable: true })], 3, 3],
    ["unanswered left out of D", [org(1), org(2)], [a(1, 3)], 3, 3],
  ])("%s", (_name, items, answers, score, level) => {
    const d = dimensionScore(items, answers);
    expect(d.score).toBe(score);
    expect(d.level).toBe(level);
  });

  it("counts answered over applicable, N/A items not applicable", () => {
    const d = dimensionScore(
      [org(1), org(2), org(3), org(4), org(5)],
      [a(1, 2), a(2, null, { notApplicable: true }), a(3, 3), a(4, 1)],
    );
    expect(d).toEqual({
      dimensionCode: "ORG",
      score: 2,
      coverage: 0.75,
      answered: 3,
      applicable: 4,
      level: 2,
      complete: false,
      evidenceCapped: 0,
    });
  });

  it.each([
    ["4 of 5 = 0.8 is complete", 5, 4, 0.8, true],
    ["79 of 100 is not", 100, 79, 0.79, false],
    ["80 of 100 is", 100, 80, 0.8, true],
    ["3 of 4 is not", 4, 3, 0.75, false],
    ["7 of 7 is", 7, 7, 1, true],
  ])("coverage %s", (_name, total, answeredCount, coverage, complete) => {
    const items = Array.from({ length: total }, (_, i) => item({ code: `X-${i}` }));
    const answers = Array.from({ length: answeredCount }, (_, i) => answer({ itemCode: `X-${i}`, value: 1 }));
    const d = dimensionScore(items, answers);
    expect(d.coverage).toBe(coverage);
    expect(d.complete).toBe(complete);
  });

  it.each([
    [0.79, false],
    [0.799, true], // stored as 0.80
    [0.8, true],
    [0.794, false],
  ])("isComplete(%s) = %s on the stored coverage", (coverage, complete) => {
    expect(isComplete(coverage)).toBe(complete);
  });

  it("counts the items the evidence cap lowered", () => {
    const d = dimensionScore(
      [item({ code: "A" }), item({ code: "B" }), item({ code: "C" })],
      [
        answer({ itemCode: "A", value: 4 }),
        answer({ itemCode: "B", value: 3 }),
        answer({ itemCode: "C", value: 3, hasEvidence: true }),
      ],
    );
    expect(d.evidenceCapped).toBe(2);
    expect(d.score).toBe(2.33); // (2 + 2 + 3) / 3
  });

  it.each([
    ["everything N/A", [answer({ notApplicable: true })], 0, 0],
    ["nothing answered", [], 1, 0],
  ])("has no score with %s", (_name, answers, applicable, answered) => {
    const d = dimensionScore([item()], answers);
    expect(d).toMatchObject({ score: null, level: null, coverage: 0, complete: false, applicable, answered });
  });

  it("rejects items of two dimensions, no items and two answers to one item", () => {
    expect(() => dimensionScore([item(), item({ code: "SIC-01", dimensionCode: "SIC" })], [])).toThrow(/dimension ORG/);
    expect(() => dimensionScore([], [])).toThrow(ScoringInputError);
    expect(() => dimensionScore([item()], [answer({ value: 1 }), answer({ value: 2 })])).toThrow(/answered twice/);
  });
});

describe("maturityIndex", () => {
  it.each([
    ["all 4", [4, 4, 4, 4, 4, 4, 4], 100],
    ["all 0", [0, 0, 0, 0, 0, 0, 0], 0],
    ["mean 2", [1, 2, 3, 2, 2, 2, 2], 50],
    ["one decimal", [2.33, 1.5, 3, 0.67, 2, 4, 1], 51.8], // mean 2.0714 × 25 = 51.79
    ["a dimension without score", [2, 2, 2, null, 2, 2, 2], null],
    ["no dimensions", [], null],
  ])("%s", (_name, scores, index) => {
    expect(maturityIndex(scores)).toBe(index);
  });

  it("rejects a score outside 0..4", () => {
    expect(() => maturityIndex([5])).toThrow(ScoringInputError);
  });
});

describe("deadlines", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2025-11-15", 2, "2026-01-15"],
    ["2025-06-30", 12, "2026-06-30"],
  ])("addMonths(%s, %s) = %s", (day, months, result) => {
    expect(addMonths(day, months)).toBe(result);
  });

  it.each([
    ["in 6 months", "2026-06-30", true],
    ["exactly 12 months ahead", "2026-12-31", true],
    ["12 months and 1 day ahead", "2027-01-01", false],
    ["today", "2025-12-31", true],
    ["already past (overdue)", "2024-06-30", true],
    ["none", null, false],
  ])("a deadline %s counts: %s", (_name, deadline, due) => {
    expect(isDueWithin12Months(deadline, "2025-12-31")).toBe(due);
  });
});

describe("gapPriority", () => {
  const today = "2026-01-01";
  it.each([
    [
      "all multipliers: 3 × 1.5 × 1.25 × 1.25",
      { legalObligation: true, deadline: "2026-07-01", critical: true },
      0,
      7.03125,
    ],
    ["legal only", { legalObligation: true }, 0, 4.5],
    ["deadline only", { deadline: "2026-07-01" }, 0, 3.75],
    ["deadline without legal obligation, 12 months + 1 day", { deadline: "2027-01-02" }, 0, 3],
    ["deadline exactly 12 months ahead", { deadline: "2027-01-01" }, 0, 3.75],
    ["critical only", { critical: true }, 0, 3.75],
    ["weight 2, gap 2", { weight: 2 }, 1, 4],
    ["target 4, e 2", { target: 4 }, 2, 2],
    ["no gap at target", { critical: true }, 3, 0],
    ["no negative gap above target", { critical: true }, 4, 0],
  ])("%s", (_name, extra, e, priority) => {
    expect(gapPriority(item(extra), e, today)).toBe(priority);
  });

  it("rejects a score that is not a level and a day that is not a date", () => {
    expect(() => gapPriority(item(), 2.5, today)).toThrow(ScoringInputError);
    expect(() => gapPriority(item({ deadline: "2026-06-30" }), 1, "2026-13-01")).toThrow(/not a date/);
  });
});

describe("topPriorities", () => {
  const today = "2026-01-01";
  const items = [
    item({ code: "A", evidenceRequiredFrom: null }), // gap 3 → 3
    item({ code: "B", evidenceRequiredFrom: null, critical: true }), // gap 2 → 2.5
    item({ code: "C", evidenceRequiredFrom: null, legalObligation: true }), // gap 3 → 4.5
    item({ code: "D", evidenceRequiredFrom: null }), // gap 1 → 1
    item({ code: "E", evidenceRequiredFrom: null }), // gap 3 → 3 (ties with A, after it)
    item({ code: "F", evidenceRequiredFrom: null, weight: 3 }), // gap 1 → 3 (ties, after E)
    item({ code: "G", evidenceRequiredFrom: null, critical: true, weight: 2.4 }), // gap 1 → 3 (ties, critical first)
    item({ code: "H", evidenceRequiredFrom: null, critical: true }), // N/A
    item({ code: "I", evidenceRequiredFrom: null, critical: true }), // unanswered
    item({ code: "J", evidenceRequiredFrom: null, critical: true }), // at target
  ];
  const answers = [
    answer({ itemCode: "A", value: 0 }),
    answer({ itemCode: "B", value: 1 }),
    answer({ itemCode: "C", value: 0 }),
    answer({ itemCode: "D", value: 2 }),
    answer({ itemCode: "E", value: 0 }),
    answer({ itemCode: "F", value: 2 }),
    answer({ itemCode: "G", value: 2 }),
    answer({ itemCode: "H", notApplicable: true }),
    answer({ itemCode: "J", value: 3 }),
  ];

  it("sorts by priority, then critical first, then item order; keeps 5", () => {
    const top = topPriorities(items, answers, today);
    expect(top.map((g) => [g.itemCode, g.priority])).toEqual([
      ["C", 4.5],
      ["G", 3],
      ["A", 3],
      ["E", 3],
      ["F", 3],
    ]);
    expect(top[0]).toEqual({
      itemCode: "C",
      dimensionCode: "ORG",
      score: 0,
      gap: 3,
      priority: 4.5,
      critical: false,
      legalObligation: true,
      dueSoon: false,
    });
  });

  it.each([
    [3, ["C", "G", "A"]],
    [10, ["C", "G", "A", "E", "F", "B", "D"]],
    [0, []],
  ])("keeps %s", (n, codes) => {
    expect(topPriorities(items, answers, today, n).map((g) => g.itemCode)).toEqual(codes);
  });

  it("treats priorities equal but for floating point as a tie", () => {
    // 0.3 × 1 = 0.3, while 0.1 × 3 = 0.30000000000000004
    const tied = [item({ code: "Y", weight: 0.3, evidenceRequiredFrom: null }), item({ code: "X", weight: 0.1 })];
    const top = topPriorities(tied, [answer({ itemCode: "Y", value: 2 }), answer({ itemCode: "X", value: 0 })], today);
    expect(top.map((g) => g.itemCode)).toEqual(["Y", "X"]);
  });

  it("uses the capped score: a 3 without evidence is a gap of 1", () => {
    const top = topPriorities([item()], [answer({ value: 3 })], today);
    expect(top).toMatchObject([{ itemCode: "ORG-01", score: 2, gap: 1, priority: 1 }]);
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[3], 3],
    [[4, 1, 2], 2],
    [[4, 1, 2, 3], 2.5],
    [[0, 0, 4, 4], 2],
    [[1, 1, 1, 4, 4], 1],
  ])("%j → %s", (values, m) => {
    expect(median(values)).toBe(m);
  });
});

describe("itemAggregate", () => {
  it.each([
    [[], { n: 0, mean: null, median: null, min: null, max: null, countLow: 0 }],
    [[null, null], { n: 0, mean: null, median: null, min: null, max: null, countLow: 0 }],
    [[2], { n: 1, mean: 2, median: 2, min: 2, max: 2, countLow: 0 }],
    [[0, 1, 2, 4], { n: 4, mean: 1.75, median: 1.5, min: 0, max: 4, countLow: 2 }],
    [[1, null, 3, 4], { n: 3, mean: 2.67, median: 3, min: 1, max: 4, countLow: 1 }],
  ])("%j", (scores, aggregate) => {
    expect(itemAggregate(scores)).toEqual(aggregate);
  });

  it("rejects a score that is not a level", () => {
    expect(() => itemAggregate([1.5])).toThrow(ScoringInputError);
  });
});

describe("dimensionProfile", () => {
  it("leaves incomplete dimensions out of the median and the distribution", () => {
    const p = dimensionProfile([
      { score: 0.4, complete: true },
      { score: 1.5, complete: true },
      { score: 2.33, complete: true },
      { score: 3.5, complete: true },
      { score: 4, complete: false },
      { score: null, complete: false },
    ]);
    expect(p).toEqual({ n: 4, median: 1.92, min: 0.4, max: 3.5, distribution: [1, 0, 2, 0, 1], incomplete: 2 });
  });

  it("has no median without a complete dimension", () => {
    expect(dimensionProfile([{ score: 3, complete: false }])).toMatchObject({ n: 0, median: null, incomplete: 1 });
  });
});

describe("sharedGaps", () => {
  // comuni 1..18; the first `low` have e = 1, the rest e = 3
  const scores = (low: number) => new Map(Array.from({ length: 18 }, (_, i) => [i + 1, i < low ? 1 : 3] as const));

  it.each([
    [6, 0.33, true],
    [6, 1 / 3, true],
    [5, 0.33, false],
    [5, 1 / 3, false],
    [6, undefined, true],
    [5, undefined, false],
    [18, 1, true],
    [17, 1, false],
  ])("%s of 18 low at threshold %s → shared %s", (low, threshold, shared) => {
    const result = sharedGaps(new Map([["SIC-02", scores(low)]]), { totalComuni: 18, threshold });
    expect(result.length === 1).toBe(shared);
    if (shared) expect(result[0]!.organisationIds).toEqual(Array.from({ length: low }, (_, i) => i + 1));
  });

  it.each([
    [18, 0.33, 6],
    [18, 1 / 3, 6],
    [18, 0.5, 9],
    [3, 0.33, 1],
    [3, 1 / 3, 1],
    [9, 1 / 3, 3],
    [30, 1 / 3, 10],
    [100, 0.33, 33],
  ])("needs ⌈%s × %s⌉ = %s comuni", (totalComuni, threshold, minimum) => {
    expect(sharedGapMinimum({ totalComuni, threshold })).toBe(minimum);
  });

  it("counts e ≤ 1 only, leaves N/A and unanswered out, names the affected comuni", () => {
    const perItem = new Map([
      [
        "ORG-01",
        new Map<number, number | null>([
          [7, 0],
          [3, 1],
          [5, 2],
          [9, null],
          [2, 1],
          [11, 0],
          [12, 1],
          [4, 1],
        ]),
      ],
      [
        "ORG-02",
        new Map<number, number | null>([
          [1, 2],
          [2, 2],
        ]),
      ],
    ]);
    expect(sharedGaps(perItem, { totalComuni: 18 })).toEqual([
      { itemCode: "ORG-01", organisationIds: [2, 3, 4, 7, 11, 12], minimum: 6 },
    ]);
  });

  it.each([
    ["threshold 0", { totalComuni: 18, threshold: 0 }],
    ["threshold over 1", { totalComuni: 18, threshold: 1.2 }],
    ["no comuni", { totalComuni: 0 }],
    ["a fractional total", { totalComuni: 17.5 }],
  ])("rejects %s", (_name, options) => {
    expect(() => sharedGaps(new Map(), options)).toThrow(ScoringInputError);
  });

  it("rejects more comuni than the area has and scores that are not levels", () => {
    expect(() => sharedGaps(new Map([["X", scores(6)]]), { totalComuni: 17 })).toThrow(/18 comuni of 17/);
    expect(() => sharedGaps(new Map([["X", new Map([[1, 0.5]])]]), { totalComuni: 18 })).toThrow(/integer 0..4/);
  });
});

describe("sharing", () => {
  it.each([
    [1, 18, 1],
    [18, 18, 5],
    [6, 18, 2.18], // 1 + 20/17 = 2.176…
    [10, 18, 3.12], // 1 + 36/17 = 3.117…
    [2, 3, 3],
    [1, 1, 1],
  ])("sharing(%s of %s) = %s", (n, total, s) => {
    expect(sharing(n, total)).toBe(s);
  });

  it("defaults to 18 comuni", () => {
    expect(sharing(18)).toBe(5);
  });

  it.each([
    [0, 18],
    [19, 18],
    [2.5, 18],
    [1, 0],
  ])("rejects %s of %s", (n, total) => {
    expect(() => sharing(n, total)).toThrow(ScoringInputError);
  });
});

describe("needPriority", () => {
  it.each([
    // worked example: 0.4·4 + 0.3·3 + 0.3·2.18 = 1.6 + 0.9 + 0.654 = 3.154
    ["impact 4, feasibility 3, 6 of 18", { impact: 4, feasibility: 3, n: 6 }, undefined, 3.15],
    ["all of 18 at 5", { impact: 5, feasibility: 5, n: 18 }, undefined, 5],
    ["one comune at 1", { impact: 1, feasibility: 1, n: 1 }, undefined, 1],
    ["impact only", { impact: 4, feasibility: 1, n: 1 }, { impact: 1, feasibility: 0, sharing: 0 }, 4],
    [
      "weights that sum to 1 in floating point",
      { impact: 2, feasibility: 5, n: 18 },
      { impact: 0.1, feasibility: 0.2, sharing: 0.7 },
      4.7,
    ],
  ])("%s", (_name, need, weights, priority) => {
    expect(needPriority(need, weights)).toBe(priority);
  });

  it.each([
    ["impact 0", { impact: 0, feasibility: 3, n: 1 }, undefined],
    ["impact 6", { impact: 6, feasibility: 3, n: 1 }, undefined],
    ["feasibility 2.5", { impact: 3, feasibility: 2.5, n: 1 }, undefined],
    ["n 0", { impact: 3, feasibility: 3, n: 0 }, undefined],
    ["weights summing to 0.9", { impact: 3, feasibility: 3, n: 1 }, { impact: 0.4, feasibility: 0.3, sharing: 0.2 }],
    ["a negative weight", { impact: 3, feasibility: 3, n: 1 }, { impact: 1.2, feasibility: -0.2, sharing: 0 }],
  ])("rejects %s", (_name, need, weights) => {
    expect(() => needPriority(need, weights)).toThrow(ScoringInputError);
  });

  it("validates the per-cycle weights form with an Italian message", () => {
    expect(PriorityWeightsSchema.safeParse({ impact: 0.5, feasibility: 0.25, sharing: 0.25 }).success).toBe(true);
    const bad = PriorityWeightsSchema.safeParse({ impact: 0.5, feasibility: 0.5, sharing: 0.5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("I pesi devono essere tra 0 e 1 e sommare a 1.");
  });
});

describe("recomputeAssessment", () => {
  // Two dimensions of a small framework, in framework order.
  const items = [
    item({ code: "ORG-01", critical: true }),
    item({ code: "ORG-04", kind: "PERCENT", thresholds: [0, 10, 25, 50, 75] }),
    item({ code: "ORG-06", kind: "YES_NO" }),
    item({ code: "SIC-02", dimensionCode: "SIC", critical: true }),
    item({ code: "SIC-08", dimensionCode: "SIC", kind: "YES_NO" }),
  ];
  const answers = [
    answer({ itemCode: "ORG-01", value: 3 }), // capped → 2
    answer({ itemCode: "ORG-04", rawNumber: 30 }), // 2
    answer({ itemCode: "ORG-06", value: 4, hasEvidence: true }), // 4
    answer({ itemCode: "SIC-02", value: 1 }),
  ];

  it("gives every DimensionScore row and the index", () => {
    const r = recomputeAssessment(items, answers);
    expect(r.dimensions).toEqual([
      {
        dimensionCode: "ORG",
        score: 2.67,
        coverage: 1,
        answered: 3,
        applicable: 3,
        level: 3,
        complete: true,
        evidenceCapped: 1,
      },
      {
        dimensionCode: "SIC",
        score: 1,
        coverage: 0.5,
        answered: 1,
        applicable: 2,
        level: 1,
        complete: false,
        evidenceCapped: 0,
      },
    ]);
    expect(r.index).toBe(45.9); // (2.67 + 1) / 2 × 25 = 45.875
    expect(r.items.map((i) => [i.itemCode, i.score, i.capped])).toEqual([
      ["ORG-01", 2, true],
      ["ORG-04", 2, false],
      ["ORG-06", 4, false],
      ["SIC-02", 1, false],
      ["SIC-08", null, false],
    ]);
  });

  it("agrees with dimensionScore dimension by dimension", () => {
    const r = recomputeAssessment(items, answers);
    for (const d of r.dimensions) {
      expect(
        dimensionScore(
          items.filter((i) => i.dimensionCode === d.dimensionCode),
          answers,
        ),
      ).toEqual(d);
    }
  });

  it("rejects an answer to an item not in the framework and an item listed twice", () => {
    expect(() => recomputeAssessment(items, [...answers, answer({ itemCode: "XX-01", value: 1 })])).toThrow(
      /not in the framework/,
    );
    expect(() => recomputeAssessment([...items, items[0]!], answers)).toThrow(/listed twice/);
  });
});

import { describe, expect, it } from "vitest";
import {
  DEFAULT_CRITERIA,
  EvaluationInputError,
  fitBand,
  fitScore,
  NeedSnapshotSchema,
  rankEntries,
  tcoScore,
  weightedPoints,
  weightedScore,
  weightsOf,
  winnerOf,
  type Level,
  type RankEntry,
  type Scores,
} from "~/domain/evaluation";
import { need } from "./evaluation-fixtures";

const weights = weightsOf(DEFAULT_CRITERIA); // FIT 30 · TCO 15 · MAINT 15 · ADOPT 10 · PLAT 10 · OPEN 10 · TERR 10

const scores = (FIT: Level, TCO: Level, MAINT: Level, ADOPT: Level, PLAT: Level, OPEN: Level, TERR: Level): Scores => ({
  FIT,
  TCO,
  MAINT,
  ADOPT,
  PLAT,
  OPEN,
  TERR,
});

describe("FIT: share of SHOULD covered (<25 · 25–49 · 50–69 · 70–89 · ≥90)", () => {
  it.each<[number, number, Level]>([
    [0, 4, 0],
    [1, 5, 0], // 20 %
    [1, 4, 1], // 25 %: the lower bound belongs to band 1
    [1, 3, 1], // 33,3 %
    [49, 100, 1],
    [2, 4, 2], // 50 %
    [2, 3, 2], // 66,7 %
    [69, 100, 2],
    [7, 10, 3], // 70 %
    [3, 4, 3], // 75 %
    [89, 100, 3],
    [9, 10, 4], // exactly 90 %, compared in whole numbers
    [4, 4, 4],
  ])("%i of %i → %i", (covered, total, band) => {
    expect(fitBand(covered, total)).toBe(band);
  });

  it("refuses impossible counts", () => {
    expect(() => fitBand(5, 4)).toThrow(EvaluationInputError);
    expect(() => fitBand(0, 0)).toThrow(EvaluationInputError);
  });

  const snapshot = NeedSnapshotSchema.parse(need); // R3–R6 are the four SHOULD

  it.each([
    // [what, coverage of R1..R6, score, covered, percent]
    [
      "3 of 4, one by customisation",
      ["COVERED", "CUSTOMISATION", "COVERED", "CUSTOMISATION", "COVERED", "NOT_COVERED"],
      3,
      3,
      75,
    ],
    ["all four", ["COVERED", "COVERED", "COVERED", "COVERED", "COVERED", "COVERED"], 4, 4, 100],
    ["none", ["COVERED", "COVERED", "NOT_COVERED", "NOT_COVERED", "NOT_COVERED", "NOT_COVERED"], 0, 0, 0],
    // MUST answers (R1, R2) do not count towards FIT.
    [
      "MUST not covered, SHOULD all covered",
      ["NOT_COVERED", "NOT_COVERED", "COVERED", "COVERED", "COVERED", "COVERED"],
      4,
      4,
      100,
    ],
  ])("%s → %i", (_what, coverage, score, covered, percent) => {
    expect(fitScore(snapshot, coverage as never)).toEqual({ score, should: 4, covered, percent });
  });

  it("waits while a SHOULD is da verificare or unanswered", () => {
    expect(fitScore(snapshot, ["COVERED", "COVERED", "COVERED", "UNKNOWN", "COVERED", "COVERED"]).score).toBeNull();
    expect(fitScore(snapshot, ["COVERED", "COVERED", "COVERED"]).score).toBeNull();
  });

  it("gives 4 to everyone when the need has no SHOULD requirement", () => {
    const onlyMust = NeedSnapshotSchema.parse({ requirements: [{ text: "Accesso con SPID", level: "MUST" }] });
    expect(fitScore(onlyMust, ["COVERED"])).toEqual({ score: 4, should: 0, covered: 0, percent: null });
  });
});

describe("TCO criterion: 4 × (min TCO / this TCO), rounded half up", () => {
  it.each<[number, number, Level, string]>([
    [21_000, 21_000, 4, "4 × 1"],
    [23_500, 21_000, 4, "4 × 21.000/23.500 = 3,57"],
    [24_000, 21_000, 4, "4 × 21.000/24.000 = 3,5 exactly: half up"],
    [24_001, 21_000, 3, "3,4999…"],
    [26_000, 21_000, 3, "4 × 21.000/26.000 = 3,23"],
    [42_000, 21_000, 2, "4 × 0,5"],
    [84_000, 21_000, 1, "4 × 0,25"],
    [168_000, 21_000, 1, "4 × 0,125 = 0,5: half up"],
    [168_001, 21_000, 0, "0,4999…"],
    [0, 0, 4, "free, and the cheapest"],
    [1_000, 0, 0, "4 × 0/1.000"],
  ])("TCO %i, min %i → %i (%s)", (tco, min, level) => {
    expect(tcoScore(tco, min)).toBe(level);
  });

  it("refuses a TCO below the minimum it is compared with", () => {
    expect(() => tcoScore(20_000, 21_000)).toThrow(EvaluationInputError);
  });
});

describe("weighted score Σ w·s / 4", () => {
  it.each<[string, Scores, number, number]>([
    // A: 30·3 + 15·4 + 15·3 + 10·3 + 10·3 + 10·4 + 10·4 = 90+60+45+30+30+40+40 = 335 → 335/4 = 83,75
    ["the example's reuse candidate", scores(3, 4, 3, 3, 3, 4, 4), 335, 83.75],
    // B: 120 + 45 + 60 + 10 + 40 + 30 + 20 = 325 → 81,25
    ["the example's open source candidate", scores(4, 3, 4, 1, 4, 3, 2), 325, 81.25],
    ["all 4", scores(4, 4, 4, 4, 4, 4, 4), 400, 100],
    ["all 0", scores(0, 0, 0, 0, 0, 0, 0), 0, 0],
    // 30·1 + 15·2 = 60 → 15
    ["FIT 1, TCO 2", scores(1, 2, 0, 0, 0, 0, 0), 60, 15],
  ])("%s: %i points, %d", (_what, s, points, score) => {
    expect(weightedPoints(s, weights)).toBe(points);
    expect(weightedScore(s, weights)).toBe(score);
  });

  it("reads edited weights (still summing to 100)", () => {
    const edited = { ...weights, FIT: 20, TERR: 20 }; // 20+15+15+10+10+10+20 = 100
    // 20·4 + 10·0 … + 20·0 = 80 → 20
    expect(weightedScore(scores(4, 0, 0, 0, 0, 0, 0), edited)).toBe(20);
    // Weights that do not sum to 100 are read as shares: Σ w·s / Σ w × 25.
    expect(weightedScore(scores(4, 0, 0, 0, 0, 0, 0), { ...weights, FIT: 60 })).toBe(46.15); // 240 × 25 / 130
  });

  it("refuses impossible scores and weights", () => {
    expect(() => weightedScore({ ...scores(4, 4, 4, 4, 4, 4, 4), FIT: 5 as Level }, weights)).toThrow(
      EvaluationInputError,
    );
    expect(() => weightedScore(scores(4, 4, 4, 4, 4, 4, 4), { ...weights, OPEN: -1 })).toThrow(EvaluationInputError);
    expect(() => weightsOf(DEFAULT_CRITERIA.slice(1))).toThrow(EvaluationInputError);
  });
});

describe("ranking: points, then stage (REUSE_PA > OSS > OTHER), then lower TCO", () => {
  const entry = (solutionId: number, stage: RankEntry["stage"], points: number, tcoTotal: number): RankEntry => ({
    solutionId,
    stage,
    points,
    tcoTotal,
  });
  const order = (entries: RankEntry[]) => rankEntries(entries).map((e) => [e.solutionId, e.rank]);

  it.each<[string, RankEntry[], number[][]]>([
    [
      "by points",
      [entry(1, "OTHER", 300, 1), entry(2, "REUSE_PA", 310, 9)],
      [
        [2, 1],
        [1, 2],
      ],
    ],
    [
      "equal points: reuse before open source before other",
      [entry(1, "OTHER", 300, 1), entry(2, "OSS", 300, 1), entry(3, "REUSE_PA", 300, 1)],
      [
        [3, 1],
        [2, 2],
        [1, 3],
      ],
    ],
    [
      "equal points and stage: lower TCO first",
      [entry(1, "OSS", 300, 26_000), entry(2, "OSS", 300, 23_500)],
      [
        [2, 1],
        [1, 2],
      ],
    ],
    // Stage comes before TCO: a cheaper OTHER does not pass a reuse at equal points.
    [
      "stage before TCO",
      [entry(1, "OTHER", 300, 1_000), entry(2, "REUSE_PA", 300, 50_000)],
      [
        [2, 1],
        [1, 2],
      ],
    ],
    [
      "a full tie shares the rank, in the order given",
      [entry(5, "OSS", 300, 1), entry(4, "OSS", 300, 1), entry(6, "OSS", 200, 1)],
      [
        [5, 1],
        [4, 1],
        [6, 3],
      ],
    ],
    ["nobody", [], []],
  ])("%s", (_what, entries, expected) => {
    expect(order(entries)).toEqual(expected);
  });

  it("has a winner only when one candidate is alone in first place", () => {
    expect(winnerOf(rankEntries([entry(1, "OSS", 300, 1), entry(2, "OSS", 200, 1)]))).toBe(1);
    expect(winnerOf(rankEntries([entry(1, "OSS", 300, 1), entry(2, "OSS", 300, 1)]))).toBeNull();
    expect(winnerOf([])).toBeNull();
  });
});

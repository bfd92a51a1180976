import { describe, expect, it } from "vitest";
import {
  CRITERION_CODES,
  DEFAULT_CRITERIA,
  renormalise,
  sensitivity,
  SENSITIVITY_VARIANT_COUNT,
  variantWeights,
  weightsOf,
  type Level,
  type Scores,
  type SensitivityCandidate,
  type Stage,
} from "~/domain/evaluation";

const weights = weightsOf(DEFAULT_CRITERIA); // FIT 30 · TCO 15 · MAINT 15 · ADOPT 10 · PLAT 10 · OPEN 10 · TERR 10

function cand(solutionId: number, stage: Stage, s: [Level, Level, Level, Level, Level, Level, Level], tcoTotal = 0) {
  const scores = Object.fromEntries(CRITERION_CODES.map((code, i) => [code, s[i]])) as Scores;
  return { solutionId, stage, tcoTotal, scores } satisfies SensitivityCandidate;
}

// The worked example of docs/evaluation-method.md:
//            FIT TCO MAINT ADOPT PLAT OPEN TERR  points
//  A reuse    3   4    3     3     3    4    4    335
//  B OSS      4   3    4     1     4    3    2    325
//  C SaaS     4   4    4     2     4    1    2    330
const A = cand(1, "REUSE_PA", [3, 4, 3, 3, 3, 4, 4], 23_500);
const B = cand(2, "OSS", [4, 3, 4, 1, 4, 3, 2], 26_000);
const C = cand(3, "OTHER", [4, 4, 4, 2, 4, 1, 2], 21_000);

describe("the variants", () => {
  it("are two per criterion: 14 for the seven criteria", () => {
    expect(SENSITIVITY_VARIANT_COUNT).toBe(14);
    const result = sensitivity([A, B, C], weights);
    expect(result.variants).toHaveLength(14);
    expect(result.variants.map((v) => `${v.criterion}${v.direction === "UP" ? "+" : "-"}`)).toEqual([
      "FIT+",
      "FIT-",
      "TCO+",
      "TCO-",
      "MAINT+",
      "MAINT-",
      "ADOPT+",
      "ADOPT-",
      "PLAT+",
      "PLAT-",
      "OPEN+",
      "OPEN-",
      "TERR+",
      "TERR-",
    ]);
  });

  it("raise or lower one weight by 20 % and renormalise to 100", () => {
    // FIT +20 %: 36, the others unchanged, sum 106 → FIT 36/106 = 33,96 %, TCO 15/106 = 14,15 %, ADOPT 10/106 = 9,43 %
    expect(renormalise(variantWeights(weights, "FIT", "UP"))).toEqual({
      FIT: 33.96,
      TCO: 14.15,
      MAINT: 14.15,
      ADOPT: 9.43,
      PLAT: 9.43,
      OPEN: 9.43,
      TERR: 9.43,
    });
    // OPEN −20 %: 8, sum 98 → FIT 30/98 = 30,61 %, TCO 15/98 = 15,31 %, OPEN 8/98 = 8,16 %, others 10/98 = 10,20 %
    expect(renormalise(variantWeights(weights, "OPEN", "DOWN"))).toEqual({
      FIT: 30.61,
      TCO: 15.31,
      MAINT: 15.31,
      ADOPT: 10.2,
      PLAT: 10.2,
      OPEN: 8.16,
      TERR: 10.2,
    });
    // Computed as whole numbers: every weight × 5, the varied one × 6 (+20 %) or × 4 (−20 %).
    expect(variantWeights(weights, "TCO", "DOWN")).toEqual({
      FIT: 150,
      TCO: 60,
      MAINT: 75,
      ADOPT: 50,
      PLAT: 50,
      OPEN: 50,
      TERR: 50,
    });
  });

  it("show the renormalised scores", () => {
    const fitUp = sensitivity([A, B, C], weights).variants[0]!;
    // Weights FIT 36, others as they are (sum 106):
    //   C: 36·4 + 15·4 + 15·4 + 10·2 + 10·4 + 10·1 + 10·2 = 144+60+60+20+40+10+20 = 354 → 354/106 × 25 = 83,49
    //   A: 36·3 + 60 + 45 + 30 + 30 + 40 + 40 = 108+245 = 353 → 83,25
    //   B: 36·4 + 45 + 60 + 10 + 40 + 30 + 20 = 144+205 = 349 → 82,31
    expect(fitUp.ranking).toEqual([
      { solutionId: 3, score: 83.49, rank: 1 },
      { solutionId: 1, score: 83.25, rank: 2 },
      { solutionId: 2, score: 82.31, rank: 3 },
    ]);
  });
});

describe("classifica stabile", () => {
  it("is not stable in the worked example: the SaaS wins 2 of the 14 variants", () => {
    // A − C = 335 − 330 = 5 points. Per criterion w·(sA − sC): FIT −30, TCO 0, MAINT −15,
    // ADOPT +10, PLAT −10, OPEN +30, TERR +20. In a variant A − C becomes (over 5)
    // 5·5 ± w·(sA − sC): FIT+ 25 − 30 = −5 and OPEN− 25 − 30 = −5 make C first; all others stay > 0.
    // A − B = 10 points → 50 ± w·(sA − sB) with |w·d| ≤ 30: B never passes A.
    const result = sensitivity([A, B, C], weights);
    expect(result.baseWinnerId).toBe(1);
    expect(result.stable).toBe(false);
    expect(result.variants.filter((v) => !v.holds).map((v) => [v.criterion, v.direction, v.winnerId])).toEqual([
      ["FIT", "UP", 3],
      ["OPEN", "DOWN", 3],
    ]);
    expect(result.variants.filter((v) => v.holds)).toHaveLength(12);
  });

  it("is stable when the winner is first in all 14 variants", () => {
    // A − B = 335 − 325 = 10 → 50 ± w·d with the largest |w·d| = 30 (FIT): never ≤ 0.
    const result = sensitivity([A, B], weights);
    expect(result.baseWinnerId).toBe(1);
    expect(result.variants.every((v) => v.winnerId === 1)).toBe(true);
    expect(result.stable).toBe(true);
  });

  it("uses the ties rule inside a variant: a tie on points goes to the earlier stage", () => {
    // Weights FIT 25 · TCO 15 · MAINT 15 · ADOPT 15 · PLAT 10 · OPEN 10 · TERR 10 (sum 100).
    // X: FIT 4, OPEN 1, rest 3 → 100+45+45+45+30+10+30 = 305
    // Y: all 3              → 75+45+45+45+30+30+30 = 300
    // FIT −20 %: X = 5·305 − 25·4 = 1425, Y = 5·300 − 25·3 = 1425: a tie on points.
    const custom = { FIT: 25, TCO: 15, MAINT: 15, ADOPT: 15, PLAT: 10, OPEN: 10, TERR: 10 };
    const X = (stage: Stage) => cand(1, stage, [4, 3, 3, 3, 3, 1, 3], 50_000);
    const Y = (stage: Stage) => cand(2, stage, [3, 3, 3, 3, 3, 3, 3], 10_000);

    const reuseAhead = sensitivity([X("REUSE_PA"), Y("OTHER")], custom);
    const fitDown = reuseAhead.variants.find((v) => v.criterion === "FIT" && v.direction === "DOWN")!;
    expect(fitDown.ranking.map((r) => r.score)).toEqual([75, 75]); // 1425 × 25 / 475 (weights × 5, FIT × 4: 500 − 25)
    expect(fitDown.winnerId).toBe(1); // reuse beats other at equal points
    expect(reuseAhead.stable).toBe(true);

    // The same scores with the stages swapped: the tie now goes to Y, so X is not stable.
    const otherAhead = sensitivity([X("OTHER"), Y("REUSE_PA")], custom);
    expect(otherAhead.baseWinnerId).toBe(1);
    expect(otherAhead.variants.find((v) => v.criterion === "FIT" && v.direction === "DOWN")!.winnerId).toBe(2);
    expect(otherAhead.stable).toBe(false);
  });

  it("is never flagged without a single winner", () => {
    const twin = cand(7, "REUSE_PA", [3, 4, 3, 3, 3, 4, 4], 23_500); // A's twin: same points, stage and TCO
    const result = sensitivity([A, twin], weights);
    expect(result.baseWinnerId).toBeNull();
    expect(result.stable).toBe(false);
    expect(result.variants).toHaveLength(14);
  });

  it("is trivially stable with one candidate", () => {
    expect(sensitivity([B], weights)).toMatchObject({ baseWinnerId: 2, stable: true });
  });
});

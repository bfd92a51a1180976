/**
 * Criterion scores, the weighted score and the ranking (spec PHASE2 §7.4 and §7.5).
 *
 * - FIT from the share of SHOULD requirements covered (MUST ones are a gate);
 * - TCO = 4 × (lowest TCO among the candidates compared / this TCO), rounded;
 * - weighted score = Σ w·s / 4 with weights summing to 100 (0–100); in general
 *   Σ w·s / Σ w × 25, so a variant's weights need not be renormalised to compare;
 * - ranking by weighted score, ties broken by stage (REUSE_PA > OSS > OTHER: the LG order),
 *   then by lower TCO; candidates still equal share the rank.
 *
 * Comparisons use the exact sum Σ w·s of whole weights and whole scores, never a rounded
 * or floating score: two candidates tie only when they truly tie.
 */
import { round2 } from "~/domain/assessment-scoring";
import {
  CRITERION_CODES,
  EvaluationInputError,
  isLevel,
  stageOrder,
  type Coverage,
  type Criterion,
  type CriterionCode,
  type Level,
  type NeedSnapshot,
  type Stage,
} from "~/domain/evaluation/schema";

export type Weights = Record<CriterionCode, number>;
export type Scores = Record<CriterionCode, Level>;

/** The weights of a criterion set, by code. */
export function weightsOf(criteria: readonly Criterion[]): Weights {
  const weights = {} as Weights;
  for (const code of CRITERION_CODES) {
    const found = criteria.filter((c) => c.code === code);
    if (found.length !== 1) throw new EvaluationInputError(`criterion ${code} must appear once, got ${found.length}`);
    weights[code] = found[0]!.weight;
  }
  return weights;
}

function assertWeights(weights: Weights): number {
  let total = 0;
  for (const code of CRITERION_CODES) {
    const w = weights[code];
    if (!(Number.isFinite(w) && w >= 0)) throw new EvaluationInputError(`weight of ${code} must be ≥ 0, got ${w}`);
    total += w;
  }
  if (total <= 0) throw new EvaluationInputError("weights sum to 0");
  return total;
}

// ---------------------------------------------------------------------------------------
// FIT

export type FitResult = {
  /** null while some SHOULD requirement is still "da verificare". */
  score: Level | null;
  should: number;
  covered: number;
  /** Share covered, 0–100, two decimals; null when unknown or with no SHOULD requirement. */
  percent: number | null;
};

/**
 * §7.4 FIT band of `covered` out of `total` SHOULD requirements: <25 % → 0, 25–49 → 1,
 * 50–69 → 2, 70–89 → 3, ≥90 → 4. The bounds are lower bounds (49.5 % is band 1), compared
 * in whole numbers so that 9 of 10 is exactly 90 %.
 */
export function fitBand(covered: number, total: number): Level {
  if (!Number.isInteger(covered) || !Number.isInteger(total) || covered < 0 || total < 1 || covered > total) {
    throw new EvaluationInputError(`FIT needs 0 ≤ covered ≤ total, total ≥ 1; got ${covered}/${total}`);
  }
  const p = 100 * covered;
  if (p >= 90 * total) return 4;
  if (p >= 70 * total) return 3;
  if (p >= 50 * total) return 2;
  if (p >= 25 * total) return 1;
  return 0;
}

/**
 * §7.4 FIT of a candidate: covered and covered-with-customisation count as covered. A need
 * with no SHOULD requirement gives every candidate 4: nothing desired is missing, and the
 * same score for all leaves the ranking to the other criteria.
 */
export function fitScore(need: Pick<NeedSnapshot, "requirements">, coverage: readonly Coverage[]): FitResult {
  const should = need.requirements
    .map((r, i) => ({ r, c: coverage[i] ?? "UNKNOWN" }))
    .filter((x) => x.r.level === "SHOULD");
  if (should.length === 0) return { score: 4, should: 0, covered: 0, percent: null };
  const covered = should.filter((x) => x.c === "COVERED" || x.c === "CUSTOMISATION").length;
  if (should.some((x) => x.c === "UNKNOWN")) return { score: null, should: should.length, covered, percent: null };
  return {
    score: fitBand(covered, should.length),
    should: should.length,
    covered,
    percent: round2((100 * covered) / should.length),
  };
}

// ---------------------------------------------------------------------------------------
// TCO criterion

/**
 * §7.4 TCO score = round(4 × minTco / tco), half up. Computed in whole numbers:
 * round(4m/t) = ⌊(8m + t) / 2t⌋. A zero TCO is the cheapest possible: 4 (0/0 counts as 1).
 */
export function tcoScore(tco: number, minTco: number): Level {
  if (!Number.isSafeInteger(tco) || !Number.isSafeInteger(minTco) || minTco < 0 || tco < minTco) {
    throw new EvaluationInputError(`TCO score needs whole euros with 0 ≤ min ≤ tco; got min ${minTco}, tco ${tco}`);
  }
  if (tco === 0) return 4;
  return Math.floor((8 * minTco + tco) / (2 * tco)) as Level;
}

// ---------------------------------------------------------------------------------------
// Weighted score

/** Σ w·s: the exact number rankings compare. */
export function weightedPoints(scores: Scores, weights: Weights): number {
  assertWeights(weights);
  let points = 0;
  for (const code of CRITERION_CODES) {
    const s = scores[code];
    if (!isLevel(s)) throw new EvaluationInputError(`score of ${code} must be 0..4, got ${s}`);
    points += weights[code] * s;
  }
  return points;
}

/** §7.5 weighted score, 0–100: Σ w·s / Σ w × 25 (= Σ w·s / 4 when Σ w = 100), two decimals. */
export function weightedScore(scores: Scores, weights: Weights): number {
  const total = assertWeights(weights);
  return round2((weightedPoints(scores, weights) * 25) / total);
}

// ---------------------------------------------------------------------------------------
// Ranking

export type RankEntry = {
  solutionId: number;
  stage: Stage;
  tcoTotal: number;
  /** Σ w·s under the weights being ranked. */
  points: number;
};

/**
 * §7.5 order: higher points first; at equal points REUSE_PA before OSS before OTHER; then
 * the lower TCO. 0 means a full tie.
 */
export function compareEntries(a: RankEntry, b: RankEntry): number {
  return b.points - a.points || stageOrder(a.stage) - stageOrder(b.stage) || a.tcoTotal - b.tcoTotal;
}

/**
 * The ranking, best first. Candidates equal on points, stage and TCO share a rank (1, 1, 3:
 * standard competition ranking) and keep the order they came in; none is preferred for
 * its id or name, which would be arbitrary.
 */
export function rankEntries<T extends RankEntry>(entries: readonly T[]): (T & { rank: number })[] {
  const sorted = entries
    .map((e, index) => ({ e, index }))
    .sort((x, y) => compareEntries(x.e, y.e) || x.index - y.index);
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach(({ e }, i) => {
    const previous = ranked[i - 1];
    const rank = previous && compareEntries(previous, e) === 0 ? previous.rank : i + 1;
    ranked.push({ ...e, rank });
  });
  return ranked;
}

/** The single first of a ranking, or null when it is empty or two or more share rank 1. */
export function winnerOf(ranked: readonly { solutionId: number; rank: number }[]): number | null {
  const first = ranked.filter((r) => r.rank === 1);
  return first.length === 1 ? first[0]!.solutionId : null;
}

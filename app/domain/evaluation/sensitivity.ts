/**
 * The sensitivity check (spec PHASE2 §7.5): the ranking is recomputed with each weight
 * raised and lowered by 20 % (the others unchanged, then all renormalised to sum 100), and
 * flagged "classifica stabile" only if the top candidate stays first in every variant.
 *
 * Two variants per criterion: 2 × 7 = 14 with the default criterion set. Renormalising
 * scales every candidate's points by the same factor, so it cannot change a ranking; it
 * changes the scores shown, which are the renormalised ones. Ranks are computed on exact
 * whole numbers: every weight × 5, the varied one × 6 (+20 %) or × 4 (−20 %).
 */
import { round2 } from "~/domain/assessment-scoring";
import { CRITERION_CODES, type CriterionCode, type Stage } from "~/domain/evaluation/schema";
import { rankEntries, weightedPoints, winnerOf, type Scores, type Weights } from "~/domain/evaluation/scoring";

export const SENSITIVITY_STEP = 0.2;
/** +20 % and −20 % as whole factors over 5: 6/5 and 4/5. */
const SCALE = 5;
const FACTORS = { UP: 6, DOWN: 4 } as const;
export type Direction = keyof typeof FACTORS;

export const DIRECTION_LABELS: Record<Direction, string> = { UP: "+20%", DOWN: "−20%" };

/** 2 per criterion: 14 for the seven criteria of §7.4. */
export const SENSITIVITY_VARIANT_COUNT = CRITERION_CODES.length * Object.keys(FACTORS).length;

export type SensitivityCandidate = {
  solutionId: number;
  stage: Stage;
  tcoTotal: number;
  scores: Scores;
};

export type VariantRow = { solutionId: number; score: number; rank: number };

export type Variant = {
  criterion: CriterionCode;
  direction: Direction;
  /** The variant's weights, renormalised to sum 100, two decimals. */
  weights: Weights;
  ranking: VariantRow[];
  /** The single first of the variant, or null on a tie for first. */
  winnerId: number | null;
  /** The base winner is still the single first. */
  holds: boolean;
};

export type Sensitivity = {
  baseWinnerId: number | null;
  variants: Variant[];
  /** "classifica stabile": there is a single winner and it stays first in every variant. */
  stable: boolean;
};

/** The whole-number weights of one variant (every weight × 5, the varied one × 6 or × 4). */
export function variantWeights(weights: Weights, criterion: CriterionCode, direction: Direction): Weights {
  const scaled = {} as Weights;
  for (const code of CRITERION_CODES) {
    scaled[code] = weights[code] * (code === criterion ? FACTORS[direction] : SCALE);
  }
  return scaled;
}

/** Weights rescaled to sum 100, two decimals (what the document shows). */
export function renormalise(weights: Weights): Weights {
  const total = CRITERION_CODES.reduce((sum, code) => sum + weights[code], 0);
  const out = {} as Weights;
  for (const code of CRITERION_CODES) out[code] = round2((weights[code] * 100) / total);
  return out;
}

function rankUnder(candidates: readonly SensitivityCandidate[], weights: Weights): VariantRow[] {
  const total = CRITERION_CODES.reduce((sum, code) => sum + weights[code], 0);
  const entries = candidates.map((c) => ({
    solutionId: c.solutionId,
    stage: c.stage,
    tcoTotal: c.tcoTotal,
    points: weightedPoints(c.scores, weights),
  }));
  return rankEntries(entries).map((e) => ({
    solutionId: e.solutionId,
    score: round2((e.points * 25) / total),
    rank: e.rank,
  }));
}

/**
 * The 14 variants over the ranked candidates (only they compete: a candidate excluded by a
 * gate is never first). One candidate is trivially stable; none gives no winner and no flag.
 */
export function sensitivity(candidates: readonly SensitivityCandidate[], weights: Weights): Sensitivity {
  const baseWinnerId = winnerOf(rankUnder(candidates, weights));
  const variants: Variant[] = [];
  for (const criterion of CRITERION_CODES) {
    for (const direction of ["UP", "DOWN"] as const) {
      const w = variantWeights(weights, criterion, direction);
      const ranking = rankUnder(candidates, w);
      const winnerId = winnerOf(ranking);
      variants.push({
        criterion,
        direction,
        weights: renormalise(w),
        ranking,
        winnerId,
        holds: baseWinnerId !== null && winnerId === baseWinnerId,
      });
    }
  }
  return { baseWinnerId, variants, stable: baseWinnerId !== null && variants.every((v) => v.holds) };
}

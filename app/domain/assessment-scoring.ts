/**
 * Assessment scoring (docs/assessment-scoring.md, spec PHASE2 §4.1 and §5.1), each rule
 * written once. Pure: no I/O, no clock (`today` is a value), unit-tested. The server
 * validates answers before they reach these functions, so an impossible input here is a
 * bug and throws a `ScoringInputError` naming the item.
 *
 * Stored numbers (DimensionScore.score and .coverage, Decimal(3,2)) are rounded to two
 * decimals here, and every derived value — level band, "complete", the index — is read
 * from the rounded number, so the screen, the stored row and a recomputation agree.
 */
import { z } from "zod";
import { KIND_LEVELS, type ItemKind, type Level } from "~/domain/assessment-content-schema";
import { isCalendarDate } from "~/domain/dates";

export type { ItemKind, Level };

// ---------------------------------------------------------------------------------------
// Inputs

/** What scoring needs of an AssessmentItem. */
export type ScoringItem = {
  code: string;
  dimensionCode: string;
  kind: ItemKind;
  /** COUNT/PERCENT: five ascending lower bounds, the k-th (0-based) giving level k. */
  thresholds?: readonly number[] | null;
  /** A level (0..4) from which the score needs evidence; null: never. */
  evidenceRequiredFrom: number | null;
  weight: number;
  critical: boolean;
  legalObligation: boolean;
  /** YYYY-MM-DD */
  deadline?: string | null;
  /** The level the comune aims at (default 3, "Definito"). */
  target: number;
};

/** What scoring needs of an AssessmentAnswer and its evidence. */
export type ScoringAnswer = {
  itemCode: string;
  /** SCALE_0_4: 0..4; YES_NO: 0 or 4; PLATFORM_STATE: 0, 2 or 4. */
  value?: number | null;
  /** COUNT/PERCENT: the raw count or percent (PLATFORM_STATE may carry a count: not scored). */
  rawNumber?: number | null;
  notApplicable: boolean;
  hasEvidence: boolean;
  /** A copied answer ("da confermare") has `false` until confirmed; absent means not copied. */
  confirmed?: boolean;
};

/** An input that cannot come from a validated form or a valid framework file. */
export class ScoringInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScoringInputError";
  }
}

// ---------------------------------------------------------------------------------------
// Labels (Italian, on screen)

/** The generic level labels (§4), index = level. */
export const LEVEL_LABELS = ["Assente", "Iniziale", "In sviluppo", "Definito", "Consolidato"] as const;

/** Shown beside an item whose score the evidence cap lowered (§4.1.1). */
export const EVIDENCE_CAP_MESSAGE = "punteggio limitato: manca l'evidenza";

/** Shown beside a dimension below the coverage needed (§4.1.2). */
export const INCOMPLETE_LABEL = "incompleto";

/** The Italian label of a level. */
export function levelLabel(level: Level): (typeof LEVEL_LABELS)[Level] {
  return LEVEL_LABELS[level];
}

// ---------------------------------------------------------------------------------------
// Numbers

/** Tolerance for comparing computed products and fractions. */
const EPSILON = 1e-9;

/**
 * Half-up rounding to two decimals, as a Decimal(3,2) column stores it.
 * NOTE: `Math.round(x * 100)` alone turns 0.285 into 0.28 (0.285 * 100 = 28.499999999999996);
 * the tiny nudge puts such values back on the side they are written on. Inputs are ≥ 0.
 */
export function round2(x: number): number {
  return Math.round(x * 100 + EPSILON) / 100;
}

function isLevel(x: unknown): x is Level {
  return x === 0 || x === 1 || x === 2 || x === 3 || x === 4;
}

function fail(item: { code: string } | string, message: string): never {
  throw new ScoringInputError(`${typeof item === "string" ? item : item.code}: ${message}`);
}

/** Checks an item's configuration once, before it scores anything. */
function assertItem(item: ScoringItem): void {
  if (!(Number.isFinite(item.weight) && item.weight > 0)) fail(item, `weight must be > 0, got ${item.weight}`);
  if (!isLevel(item.target)) fail(item, `target must be an integer 0..4, got ${item.target}`);
  if (item.evidenceRequiredFrom !== null && !isLevel(item.evidenceRequiredFrom)) {
    fail(item, `evidenceRequiredFrom must be null or an integer 0..4, got ${item.evidenceRequiredFrom}`);
  }
  if (item.deadline != null && !isCalendarDate(item.deadline)) fail(item, `deadline is not a date: ${item.deadline}`);
  if (item.kind === "COUNT" || item.kind === "PERCENT") {
    const t = item.thresholds;
    if (!t || t.length !== 5 || !t.every(Number.isFinite) || t.some((b, k) => k > 0 && b <= t[k - 1]!)) {
      fail(item, `${item.kind} needs five ascending thresholds, got ${JSON.stringify(t)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// §4.1.1 Item effective score

export type ItemScoreStatus = "SCORED" | "UNANSWERED" | "NOT_APPLICABLE";

export type ItemScore = {
  status: ItemScoreStatus;
  /** e_i, after the evidence cap; null when unanswered or N/A. */
  score: Level | null;
  /** The level before the evidence cap; null when unanswered or N/A. */
  raw: Level | null;
  /** The evidence cap lowered the score: show EVIDENCE_CAP_MESSAGE. */
  capped: boolean;
};

/**
 * §4.1.1, COUNT/PERCENT: the level of a raw number — the highest k whose lower bound it
 * reaches; below the first bound, 0.
 */
export function thresholdLevel(thresholds: readonly number[], rawNumber: number): Level {
  let level = 0;
  for (let k = 0; k < thresholds.length; k++) if (rawNumber >= thresholds[k]!) level = k;
  return level as Level;
}

/** The level an answered item carries before the evidence cap (§4.1.1: S, Y, P, C). */
function rawLevel(item: ScoringItem, answer: ScoringAnswer): Level | null {
  if (item.kind === "COUNT" || item.kind === "PERCENT") {
    if (answer.value != null) fail(item, `${item.kind} is answered with rawNumber, not value`);
    const n = answer.rawNumber;
    if (n == null) return null;
    if (!Number.isFinite(n) || n < 0) fail(item, `rawNumber must be a number ≥ 0, got ${n}`);
    if (item.kind === "COUNT" && !Number.isInteger(n)) fail(item, `a count must be a whole number, got ${n}`);
    if (item.kind === "PERCENT" && n > 100) fail(item, `a percent must be ≤ 100, got ${n}`);
    return thresholdLevel(item.thresholds!, n);
  }
  const v = answer.value;
  if (v == null) return null;
  const allowed: readonly number[] = KIND_LEVELS[item.kind];
  if (!allowed.includes(v)) fail(item, `${item.kind} takes ${allowed.join("/")}, got ${v}`);
  return v as Level;
}

/**
 * §4.1.1 e_i: S the value, Y 0/4, P 0/2/4, C/PERCENT by thresholds. N/A and unanswered
 * items have no score; a copied answer counts only once confirmed. Evidence cap: a level
 * ≥ evidenceRequiredFrom without evidence scores min(level, 2).
 */
export function itemScore(item: ScoringItem, answer: ScoringAnswer | undefined): ItemScore {
  assertItem(item);
  if (answer && answer.itemCode !== item.code) fail(item, `got the answer of ${answer.itemCode}`);
  // An unconfirmed copy, even of "N/A", is pending: applicable and not yet answered.
  if (!answer || answer.confirmed === false) return { status: "UNANSWERED", score: null, raw: null, capped: false };
  if (answer.notApplicable) return { status: "NOT_APPLICABLE", score: null, raw: null, capped: false };
  const raw = rawLevel(item, answer);
  if (raw === null) return { status: "UNANSWERED", score: null, raw: null, capped: false };
  const needsEvidence = item.evidenceRequiredFrom !== null && raw >= item.evidenceRequiredFrom;
  const score = needsEvidence && !answer.hasEvidence ? (Math.min(raw, 2) as Level) : raw;
  return { status: "SCORED", score, raw, capped: score < raw };
}

// ---------------------------------------------------------------------------------------
// §4.1.2 Dimension score, §4.1.3 level band

/** §4.1.2: below this coverage a dimension is "incompleto" and left out of area medians. */
export const COMPLETE_COVERAGE = 0.8;

/** §4.1.2, on the stored (rounded) coverage. */
export function isComplete(coverage: number): boolean {
  return round2(coverage) >= COMPLETE_COVERAGE;
}

/**
 * §4.1.3 level band: D < 0.5 → 0; < 1.5 → 1; < 2.5 → 2; < 3.5 → 3; else 4. D is first
 * rounded to two decimals as stored, so a weighted mean of 1.4999999999999998 is band 2,
 * 1.494 is band 1 and 1.495 is band 2 — the band always matches the number on screen.
 */
export function levelBand(d: number): Level {
  if (!Number.isFinite(d) || d < 0 || d > 4) throw new ScoringInputError(`a dimension score is 0..4, got ${d}`);
  const x = round2(d);
  return x < 0.5 ? 0 : x < 1.5 ? 1 : x < 2.5 ? 2 : x < 3.5 ? 3 : 4;
}

export type DimensionScore = {
  dimensionCode: string;
  /** D rounded to two decimals; null when no applicable item is answered. */
  score: number | null;
  /** answered / applicable rounded to two decimals; 0 when nothing is applicable. */
  coverage: number;
  answered: number;
  applicable: number;
  level: Level | null;
  complete: boolean;
  /** How many items the evidence cap lowered. */
  evidenceCapped: number;
};

function answersByItem(answers: readonly ScoringAnswer[]): Map<string, ScoringAnswer> {
  const map = new Map<string, ScoringAnswer>();
  for (const a of answers) {
    if (map.has(a.itemCode)) fail(a.itemCode, "answered twice");
    map.set(a.itemCode, a);
  }
  return map;
}

function scoreDimension(
  dimensionCode: string,
  items: readonly ScoringItem[],
  answers: ReadonlyMap<string, ScoringAnswer>,
): DimensionScore {
  let sumW = 0;
  let sumWE = 0;
  let answered = 0;
  let applicable = 0;
  let evidenceCapped = 0;
  for (const item of items) {
    if (item.dimensionCode !== dimensionCode) fail(item, `is not in dimension ${dimensionCode}`);
    const s = itemScore(item, answers.get(item.code));
    if (s.status === "NOT_APPLICABLE") continue;
    applicable++;
    if (s.score === null) continue;
    answered++;
    sumW += item.weight;
    sumWE += item.weight * s.score;
    if (s.capped) evidenceCapped++;
  }
  const score = answered === 0 ? null : round2(sumWE / sumW);
  const coverage = applicable === 0 ? 0 : round2(answered / applicable);
  return {
    dimensionCode,
    score,
    coverage,
    answered,
    applicable,
    level: score === null ? null : levelBand(score),
    complete: isComplete(coverage),
    evidenceCapped,
  };
}

/**
 * §4.1.2 D = Σ wᵢeᵢ / Σ wᵢ over answered applicable items; coverage = answered/applicable
 * (N/A items are not applicable); complete when coverage ≥ 80 %. A dimension with no
 * applicable item has no score, coverage 0 and is incomplete. `items` are one dimension's;
 * answers to other items are ignored.
 */
export function dimensionScore(items: readonly ScoringItem[], answers: readonly ScoringAnswer[]): DimensionScore {
  if (items.length === 0) throw new ScoringInputError("a dimension needs at least one item");
  return scoreDimension(items[0]!.dimensionCode, items, answersByItem(answers));
}

// ---------------------------------------------------------------------------------------
// §4.1.4 Index

/**
 * §4.1.4 index 0–100 = mean of the dimension scores × 25, to one decimal. Null unless
 * every dimension (7 in capacitas-pt2024) has a score: a mean over fewer would not compare
 * over time. Incomplete dimensions do count (the spec excludes them from area medians
 * only); their "incompleto" mark is shown beside them. Never used for rankings.
 */
export function maturityIndex(dimensionScores: readonly (number | null)[]): number | null {
  if (dimensionScores.length === 0 || dimensionScores.some((d) => d === null)) return null;
  const scores = dimensionScores as readonly number[];
  for (const d of scores) {
    if (!Number.isFinite(d) || d < 0 || d > 4) throw new ScoringInputError(`a dimension score is 0..4, got ${d}`);
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return Math.round(mean * 25 * 10 + EPSILON) / 10;
}

// ---------------------------------------------------------------------------------------
// §4.1.5 Gaps and priorities

/** The day `months` calendar months after `day` (YYYY-MM-DD), clamped to the month's end (29 Feb + 12 → 28 Feb). */
export function addMonths(day: string, months: number): string {
  if (!isCalendarDate(day)) throw new ScoringInputError(`not a date: ${day}`);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * §4.1.5 "deadline within 12 months": on or before the same day next year. A deadline
 * already past counts — an overdue obligation is the most urgent.
 */
export function isDueWithin12Months(deadline: string | null | undefined, today: string): boolean {
  if (deadline == null) return false;
  if (!isCalendarDate(deadline)) throw new ScoringInputError(`deadline is not a date: ${deadline}`);
  return deadline <= addMonths(today, 12); // ISO days compare as text
}

/** §4.1.5 g_i = max(0, target − e_i). */
export function gap(item: Pick<ScoringItem, "target">, e: number): number {
  return Math.max(0, item.target - e);
}

export const LEGAL_MULTIPLIER = 1.5;
export const DEADLINE_MULTIPLIER = 1.25;
export const CRITICAL_MULTIPLIER = 1.25;

/**
 * §4.1.5 gap priority = g × w × (legal ? 1.5 : 1) × (deadline within 12 months ? 1.25 : 1)
 * × (critical ? 1.25 : 1). Not rounded: it only orders gaps.
 */
export function gapPriority(item: ScoringItem, e: number, today: string): number {
  assertItem(item);
  if (!isLevel(e)) fail(item, `an effective score is an integer 0..4, got ${e}`);
  return (
    gap(item, e) *
    item.weight *
    (item.legalObligation ? LEGAL_MULTIPLIER : 1) *
    (isDueWithin12Months(item.deadline, today) ? DEADLINE_MULTIPLIER : 1) *
    (item.critical ? CRITICAL_MULTIPLIER : 1)
  );
}

export type GapPriority = {
  itemCode: string;
  dimensionCode: string;
  score: Level;
  gap: number;
  priority: number;
  critical: boolean;
  legalObligation: boolean;
  dueSoon: boolean;
};

/** §4.1.5: the comune's proposed priorities (the lesson asks for 3–5). */
export const TOP_PRIORITIES = 5;

/**
 * §4.1.5 the top `n` gaps by priority, highest first; ties: critical first, then the
 * order of `items` (pass them in framework order: dimension, then item). N/A, unanswered
 * and closed gaps (g = 0) are left out.
 */
export function topPriorities(
  items: readonly ScoringItem[],
  answers: readonly ScoringAnswer[],
  today: string,
  n: number = TOP_PRIORITIES,
): GapPriority[] {
  if (!Number.isInteger(n) || n < 0) throw new ScoringInputError(`n must be a whole number ≥ 0, got ${n}`);
  const byItem = answersByItem(answers);
  const gaps: (GapPriority & { order: number })[] = [];
  items.forEach((item, order) => {
    const s = itemScore(item, byItem.get(item.code));
    if (s.score === null) return;
    const g = gap(item, s.score);
    if (g === 0) return;
    gaps.push({
      itemCode: item.code,
      dimensionCode: item.dimensionCode,
      score: s.score,
      gap: g,
      priority: gapPriority(item, s.score, today),
      critical: item.critical,
      legalObligation: item.legalObligation,
      dueSoon: isDueWithin12Months(item.deadline, today),
      order,
    });
  });
  gaps.sort((a, b) => {
    // Products of weights may differ in the last bit while meaning the same number.
    if (Math.abs(a.priority - b.priority) > EPSILON) return b.priority - a.priority;
    if (a.critical !== b.critical) return a.critical ? -1 : 1;
    return a.order - b.order;
  });
  return gaps.slice(0, n).map(({ order: _order, ...g }) => g);
}

// ---------------------------------------------------------------------------------------
// §4.1.6 Area profile

/** The median; with an even count, the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A score at or below this is low: counted in AreaItemAggregate.countLow and in shared gaps. */
export const LOW_SCORE = 1;

export type ItemAggregate = {
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** comuni with e_i ≤ 1 */
  countLow: number;
};

/**
 * §3.1 AreaItemAggregate / §4.1.6: one item's e_i over the validated assessments of a
 * cycle. Nulls (N/A, unanswered) are left out; mean and median rounded to two decimals.
 */
export function itemAggregate(scores: readonly (number | null)[]): ItemAggregate {
  const xs = scores.filter((s): s is number => s !== null);
  for (const x of xs) if (!isLevel(x)) throw new ScoringInputError(`an item score is an integer 0..4, got ${x}`);
  if (xs.length === 0) return { n: 0, mean: null, median: null, min: null, max: null, countLow: 0 };
  return {
    n: xs.length,
    mean: round2(xs.reduce((a, b) => a + b, 0) / xs.length),
    median: round2(median(xs)!),
    min: Math.min(...xs),
    max: Math.max(...xs),
    countLow: xs.filter((x) => x <= LOW_SCORE).length,
  };
}

export type DimensionProfile = {
  /** complete dimensions counted */
  n: number;
  median: number | null;
  min: number | null;
  max: number | null;
  /** complete dimensions per level band, index = level */
  distribution: [number, number, number, number, number];
  /** dimensions left out for coverage < 80 % or no score */
  incomplete: number;
};

/**
 * §4.1.6 one dimension across the comuni of a cycle: median, min, max and the count per
 * level band. Incomplete dimensions (coverage < 80 %) are excluded from all of them — the
 * spec excludes them from medians; the distribution follows so its counts add up to n.
 */
export function dimensionProfile(scores: readonly Pick<DimensionScore, "score" | "complete">[]): DimensionProfile {
  const xs = scores.filter((s) => s.complete && s.score !== null).map((s) => s.score!);
  const distribution: DimensionProfile["distribution"] = [0, 0, 0, 0, 0];
  for (const x of xs) distribution[levelBand(x)]++;
  const med = median(xs);
  return {
    n: xs.length,
    median: med === null ? null : round2(med),
    min: xs.length ? Math.min(...xs) : null,
    max: xs.length ? Math.max(...xs) : null,
    distribution,
    incomplete: scores.length - xs.length,
  };
}

/** §3.1 AssessmentCycle.sharedGapThreshold default: ⅓ of comuni (stored as 0.33). */
export const SHARED_GAP_THRESHOLD = 1 / 3;

/**
 * §4.1.6 how many comuni make a shared gap: the least whole n with n/total ≥ threshold,
 * i.e. ⌈threshold × total⌉. For 18 comuni both 0.33 (5.94) and ⅓ give 6.
 * NOTE: ⅓ × 18 is 6 in floating point but a product may land at 6.000000000000001, and
 * ⌈⌉ would then say 7: the ε absorbs it.
 */
export function sharedGapMinimum(options: { totalComuni: number; threshold?: number }): number {
  const { totalComuni, threshold = SHARED_GAP_THRESHOLD } = options;
  if (!Number.isInteger(totalComuni) || totalComuni < 1) {
    throw new ScoringInputError(`totalComuni must be a whole number ≥ 1, got ${totalComuni}`);
  }
  if (!(Number.isFinite(threshold) && threshold > 0 && threshold <= 1)) {
    throw new ScoringInputError(`threshold must be in (0, 1], got ${threshold}`);
  }
  return Math.ceil(threshold * totalComuni - EPSILON);
}

export type SharedGap = {
  itemCode: string;
  /** comuni with e_i ≤ 1, ascending */
  organisationIds: number[];
  /** the number needed (6 of 18 by default) */
  minimum: number;
};

/**
 * §4.1.6 shared gaps: items where at least ⌈threshold × totalComuni⌉ comuni have e_i ≤ 1.
 * `perItem` maps an item code to each comune's e_i (validated assessments; null or absent
 * when N/A or unanswered, which is not low). `totalComuni` is the area's comuni (18), not
 * the number assessed. Items come back in the order of `perItem`.
 */
export function sharedGaps(
  perItem: ReadonlyMap<string, ReadonlyMap<number, number | null>>,
  options: { totalComuni: number; threshold?: number },
): SharedGap[] {
  const minimum = sharedGapMinimum(options);
  const result: SharedGap[] = [];
  for (const [itemCode, perComune] of perItem) {
    if (perComune.size > options.totalComuni) fail(itemCode, `${perComune.size} comuni of ${options.totalComuni}`);
    const low: number[] = [];
    for (const [organisationId, e] of perComune) {
      if (e === null) continue;
      if (!isLevel(e)) fail(itemCode, `an item score is an integer 0..4, got ${e}`);
      if (e <= LOW_SCORE) low.push(organisationId);
    }
    if (low.length >= minimum) result.push({ itemCode, organisationIds: low.sort((a, b) => a - b), minimum });
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// §5.1 Needs priority

/** The comuni of an area in this programme. */
export const AREA_COMUNI = 18;

/**
 * §5.1 sharing = 1 + 4·(n−1)/(total−1), from 1 (one comune) to 5 (all), two decimals as
 * stored. An area of one comune has nothing to share: 1.
 */
export function sharing(n: number, total: number = AREA_COMUNI): number {
  if (!Number.isInteger(total) || total < 1)
    throw new ScoringInputError(`total must be a whole number ≥ 1, got ${total}`);
  if (!Number.isInteger(n) || n < 1 || n > total) throw new ScoringInputError(`n must be 1..${total}, got ${n}`);
  return total === 1 ? 1 : round2(1 + (4 * (n - 1)) / (total - 1));
}

export type PriorityWeights = { impact: number; feasibility: number; sharing: number };

/** §5.1 default weights, editable per cycle. */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { impact: 0.4, feasibility: 0.3, sharing: 0.3 };

/** Whether weights are each ≥ 0 and add up to 1 (within rounding of what a form sends). */
export function areValidWeights(w: PriorityWeights): boolean {
  const parts = [w.impact, w.feasibility, w.sharing];
  return parts.every((x) => Number.isFinite(x) && x >= 0) && Math.abs(parts.reduce((a, b) => a + b, 0) - 1) < 1e-6;
}

/** Shown when a cycle's weights are edited badly. */
export const WEIGHTS_MESSAGE = "I pesi devono essere tra 0 e 1 e sommare a 1.";

/** §5.1 the per-cycle weights form: three numbers ≥ 0 adding up to 1. */
export const PriorityWeightsSchema = z
  .object({ impact: z.number().min(0), feasibility: z.number().min(0), sharing: z.number().min(0) })
  .refine(areValidWeights, WEIGHTS_MESSAGE);

/**
 * §5.1 priority = w_i·impact + w_f·feasibility + w_s·sharing, two decimals. The sharing
 * term is the stored (rounded) sharing, so the priority can be redone from the screen.
 * Impact and feasibility are whole numbers 1..5.
 */
export function needPriority(
  need: { impact: number; feasibility: number; n: number; total?: number },
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): number {
  for (const key of ["impact", "feasibility"] as const) {
    const v = need[key];
    if (!Number.isInteger(v) || v < 1 || v > 5) throw new ScoringInputError(`${key} must be 1..5, got ${v}`);
  }
  if (!areValidWeights(weights)) {
    throw new ScoringInputError(`weights must be ≥ 0 and add up to 1, got ${JSON.stringify(weights)}`);
  }
  const s = sharing(need.n, need.total);
  return round2(weights.impact * need.impact + weights.feasibility * need.feasibility + weights.sharing * s);
}

// ---------------------------------------------------------------------------------------
// Recomputation

export type ItemResult = ItemScore & { itemCode: string; dimensionCode: string };

export type AssessmentScores = {
  /** per item, in the order given */
  items: ItemResult[];
  /** per dimension, in order of first appearance among the items: the DimensionScore rows */
  dimensions: DimensionScore[];
  index: number | null;
};

/**
 * Everything stored for one assessment (§3.1 DimensionScore rows, §4.1.4 index) from its
 * items and answers, so the database layer stores exactly this and tests can check that
 * stored == recomputed. An answer to an item not in the framework throws.
 */
export function recomputeAssessment(
  items: readonly ScoringItem[],
  answers: readonly ScoringAnswer[],
): AssessmentScores {
  const byItem = answersByItem(answers);
  const codes = new Set<string>();
  const byDimension = new Map<string, ScoringItem[]>();
  for (const item of items) {
    if (codes.has(item.code)) fail(item, "listed twice");
    codes.add(item.code);
    const list = byDimension.get(item.dimensionCode) ?? [];
    list.push(item);
    byDimension.set(item.dimensionCode, list);
  }
  for (const code of byItem.keys()) if (!codes.has(code)) fail(code, "answer to an item not in the framework");
  const dimensions = [...byDimension].map(([code, list]) => scoreDimension(code, list, byItem));
  return {
    items: items.map((item) => ({
      itemCode: item.code,
      dimensionCode: item.dimensionCode,
      ...itemScore(item, byItem.get(item.code)),
    })),
    dimensions,
    index: maturityIndex(dimensions.map((d) => d.score)),
  };
}

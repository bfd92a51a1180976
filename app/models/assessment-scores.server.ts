/**
 * Stored scores of phase 2 (docs/phase2.md, "Scores"): `DimensionScore` rows and the
 * assessment's index, and the cycle's `AreaItemAggregate` rows. Each is rewritten from a
 * full recomputation by the pure functions of `domain/assessment-scoring.ts`, inside the
 * transaction of the write that changes its inputs (an answer, an evidence, a validation),
 * so what is stored always equals what a recomputation gives.
 */
import {
  itemAggregate,
  recomputeAssessment,
  type AssessmentScores,
  type ItemKind,
  type ScoringAnswer,
  type ScoringItem,
} from "~/domain/assessment-scoring";
import type { Tx } from "~/utils/db.server";

const ITEM_SELECT = {
  id: true,
  code: true,
  kind: true,
  thresholds: true,
  evidenceRequiredFrom: true,
  weight: true,
  critical: true,
  legalObligation: true,
  deadline: true,
  target: true,
  order: true,
  dimension: { select: { id: true, code: true, title: true, order: true } },
} as const;

type ItemRow = {
  id: number;
  code: string;
  kind: string;
  thresholds: string | null;
  evidenceRequiredFrom: number | null;
  weight: number;
  critical: boolean;
  legalObligation: boolean;
  deadline: string | null;
  target: number;
  dimension: { id: number; code: string };
};

/** A framework item as the scoring functions take it. */
export function scoringItem(row: ItemRow): ScoringItem {
  return {
    code: row.code,
    dimensionCode: row.dimension.code,
    kind: row.kind as ItemKind,
    thresholds: row.thresholds ? (JSON.parse(row.thresholds) as number[]) : null,
    evidenceRequiredFrom: row.evidenceRequiredFrom,
    weight: row.weight,
    critical: row.critical,
    legalObligation: row.legalObligation,
    deadline: row.deadline,
    target: row.target,
  };
}

/** The framework's items in order (dimension, then item). */
async function frameworkItems(tx: Tx, frameworkId: number) {
  return tx.assessmentItem.findMany({
    where: { frameworkId },
    select: ITEM_SELECT,
    orderBy: [{ dimension: { order: "asc" } }, { order: "asc" }],
  });
}

/** The answers of some assessments, as the scoring functions take them. */
async function scoringAnswers(tx: Tx, assessmentIds: number[]) {
  const rows = await tx.assessmentAnswer.findMany({
    where: { assessmentId: { in: assessmentIds } },
    select: {
      assessmentId: true,
      value: true,
      rawNumber: true,
      notApplicable: true,
      confirmed: true,
      item: { select: { code: true } },
      _count: { select: { evidence: true } },
    },
  });
  const byAssessment = new Map<number, ScoringAnswer[]>(assessmentIds.map((id) => [id, []]));
  for (const r of rows) {
    byAssessment.get(r.assessmentId)!.push({
      itemCode: r.item.code,
      value: r.value,
      rawNumber: r.rawNumber,
      notApplicable: r.notApplicable,
      hasEvidence: r._count.evidence > 0,
      confirmed: r.confirmed,
    });
  }
  return byAssessment;
}

/** An assessment's framework items and answers as the scoring functions take them (reads only). */
export async function scoringInputs(tx: Tx, assessmentId: number) {
  const { cycle } = await tx.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    select: { cycle: { select: { frameworkId: true } } },
  });
  const rows = await frameworkItems(tx, cycle.frameworkId);
  const answers = (await scoringAnswers(tx, [assessmentId])).get(assessmentId)!;
  return { rows, items: rows.map(scoringItem), answers };
}

/** Recomputes an assessment's scores from its answers and evidence (reads only). */
export async function computeAssessmentScores(tx: Tx, assessmentId: number): Promise<AssessmentScores> {
  const { items, answers } = await scoringInputs(tx, assessmentId);
  return recomputeAssessment(items, answers);
}

/** Rewrites the assessment's DimensionScore rows and index from a full recomputation. */
export async function storeAssessmentScores(tx: Tx, assessmentId: number): Promise<AssessmentScores> {
  const scores = await computeAssessmentScores(tx, assessmentId);
  const dimensions = await tx.assessmentDimension.findMany({
    where: { framework: { cycles: { some: { assessments: { some: { id: assessmentId } } } } } },
    select: { id: true, code: true },
  });
  const idOf = new Map(dimensions.map((d) => [d.code, d.id]));
  await tx.dimensionScore.deleteMany({ where: { assessmentId } });
  await tx.dimensionScore.createMany({
    data: scores.dimensions.map((d) => ({
      assessmentId,
      dimensionId: idOf.get(d.dimensionCode)!,
      score: d.score,
      coverage: d.coverage,
      level: d.level,
      answered: d.answered,
      applicable: d.applicable,
      evidenceCapped: d.evidenceCapped,
    })),
  });
  await tx.assessment.update({ where: { id: assessmentId }, data: { maturityIndex: scores.index } });
  return scores;
}

/**
 * Each item's score per comune over the cycle's validated assessments (null: N/A or
 * unanswered), in the framework's order: what aggregates and shared gaps are made of.
 */
export async function validatedItemScores(tx: Tx, cycleId: number) {
  const cycle = await tx.assessmentCycle.findUniqueOrThrow({
    where: { id: cycleId },
    select: {
      frameworkId: true,
      assessments: { where: { status: "VALIDATED" }, select: { id: true, organisationId: true } },
    },
  });
  const items = await frameworkItems(tx, cycle.frameworkId);
  const scoring = items.map(scoringItem);
  const answers = await scoringAnswers(
    tx,
    cycle.assessments.map((a) => a.id),
  );
  const perAssessment = cycle.assessments.map((a) => ({
    organisationId: a.organisationId,
    scores: recomputeAssessment(scoring, answers.get(a.id)!),
  }));
  return items.map((item, i) => ({
    itemId: item.id,
    itemCode: item.code,
    perComune: new Map(perAssessment.map((a) => [a.organisationId, a.scores.items[i]!.score])),
  }));
}

/** The cycle's per-item aggregates over its validated assessments (reads only). */
export async function computeAreaAggregates(tx: Tx, cycleId: number) {
  return (await validatedItemScores(tx, cycleId)).map((item) => ({
    itemId: item.itemId,
    ...itemAggregate([...item.perComune.values()]),
  }));
}

/** Rewrites the cycle's AreaItemAggregate rows (after a validation or a reopening). */
export async function storeAreaAggregates(tx: Tx, cycleId: number) {
  const aggregates = await computeAreaAggregates(tx, cycleId);
  await tx.areaItemAggregate.deleteMany({ where: { cycleId } });
  await tx.areaItemAggregate.createMany({ data: aggregates.map((a) => ({ cycleId, ...a })) });
  return aggregates;
}

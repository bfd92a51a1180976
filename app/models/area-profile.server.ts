/**
 * The area view of a cycle (docs/phase2.md): the comuni × items heat map, the distribution
 * of each dimension and the shared gaps, over validated assessments. Facilitators and
 * coordinators see the comuni by name; a referent sees their own comune by name and the
 * others as "Comune A, B, …", ordered by score, so neither a label nor the order tells
 * who they are.
 */
import { assessmentWhere, cycleWhere, type Phase2Scope } from "~/access/scope.server";
import {
  dimensionProfile,
  isComplete,
  levelBand,
  recomputeAssessment,
  sharedGaps,
  topPriorities,
} from "~/domain/assessment-scoring";
import { prisma } from "~/utils/db.server";
import { instantToZoned } from "~/utils/time";
import { scoringInputs, validatedItemScores } from "./assessment-scores.server";

/** "A", "B", … "Z", "AA", … */
function letters(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : letters(Math.floor(i / 26) - 1) + letters(i % 26);
}

export async function getAreaProfile({ scope, cycleId }: { scope: Phase2Scope; cycleId: number }) {
  const cycle = await prisma.assessmentCycle.findFirst({
    where: { AND: [{ id: cycleId }, cycleWhere(scope)] },
    select: { id: true, title: true, areaId: true, frameworkId: true, sharedGapThreshold: true },
  });
  if (!cycle) return null;
  // Names only for who sees the cycle as facilitator or coordinator, not as a referent.
  const named =
    (await prisma.assessmentCycle.count({
      where: { AND: [{ id: cycleId }, cycleWhere({ ...scope, organisationId: null })] },
    })) > 0;

  const [items, assessments, totalComuni] = await Promise.all([
    prisma.assessmentItem.findMany({
      where: { frameworkId: cycle.frameworkId },
      select: { id: true, code: true, question: true, dimension: { select: { code: true, title: true } } },
      orderBy: [{ dimension: { order: "asc" } }, { order: "asc" }],
    }),
    prisma.assessment.findMany({
      where: { cycleId, status: "VALIDATED" },
      select: {
        organisationId: true,
        maturityIndex: true,
        organisation: { select: { name: true } },
        scores: { select: { score: true, coverage: true, dimension: { select: { code: true } } } },
      },
    }),
    prisma.organisation.count({ where: { areaId: cycle.areaId, kind: "COMUNE", active: true } }),
  ]);
  const perItem = await prisma.$transaction((tx) => validatedItemScores(tx, cycleId));

  const ordered = named
    ? [...assessments].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, "it"))
    : [...assessments].sort(
        (a, b) => (b.maturityIndex ?? -1) - (a.maturityIndex ?? -1) || a.organisationId - b.organisationId,
      );
  let other = 0;
  const rows = ordered.map((a) => {
    const own = a.organisationId === scope.organisationId;
    return {
      own,
      label: named || own ? a.organisation.name : `Comune ${letters(other++)}`,
      maturityIndex: a.maturityIndex,
      scores: perItem.map((i) => i.perComune.get(a.organisationId) ?? null),
    };
  });

  const dimensions = [...new Map(items.map((i) => [i.dimension.code, i.dimension.title]))].map(([code, title]) => {
    const scores = assessments.map((a) => {
      const d = a.scores.find((s) => s.dimension.code === code);
      return { score: d?.score ?? null, complete: d ? isComplete(d.coverage) : false };
    });
    const own = assessments
      .find((a) => a.organisationId === scope.organisationId)
      ?.scores.find((s) => s.dimension.code === code);
    return {
      code,
      title,
      ...dimensionProfile(scores),
      own: own?.score ?? null,
      ownLevel: own?.score == null ? null : levelBand(own.score),
    };
  });

  const gaps = sharedGaps(new Map(perItem.map((i) => [i.itemCode, i.perComune])), {
    totalComuni: Math.max(totalComuni, assessments.length),
    threshold: cycle.sharedGapThreshold,
  }).map((g) => ({
    itemCode: g.itemCode,
    question: items.find((i) => i.code === g.itemCode)!.question,
    count: g.organisationIds.length,
    minimum: g.minimum,
    // Which comuni: names for who may see them; a referent learns only whether theirs is one.
    comuni: named
      ? assessments.filter((a) => g.organisationIds.includes(a.organisationId)).map((a) => a.organisation.name)
      : null,
    includesOwn: scope.organisationId !== null && g.organisationIds.includes(scope.organisationId),
  }));

  return {
    cycle: { id: cycle.id, title: cycle.title },
    named,
    validated: assessments.length,
    totalComuni,
    items: items.map((i) => ({ code: i.code, question: i.question, dimension: i.dimension.code })),
    rows,
    dimensions,
    gaps,
  };
}

/**
 * The restitution of one comune ("Profilo del comune"): each dimension's score against the
 * area median of the validated assessments, every item with its score, evidence and note,
 * the platform checklist, and the proposed priorities (top 5 gaps). Null when out of scope.
 */
export async function getComuneProfile({
  scope,
  id,
  now = new Date(),
}: {
  scope: Phase2Scope;
  id: number;
  now?: Date;
}) {
  const assessment = await prisma.assessment.findFirst({
    where: { AND: [{ id }, assessmentWhere(scope)] },
    select: {
      id: true,
      status: true,
      validatedAt: true,
      participants: true,
      maturityIndex: true,
      confirmedPriorities: true,
      organisation: { select: { name: true, istatCode: true } },
      cycle: { select: { id: true, title: true, frameworkId: true } },
      answers: {
        select: {
          note: true,
          notApplicable: true,
          naReason: true,
          sourceNote: true,
          item: { select: { code: true } },
          evidence: { select: { kind: true, title: true, url: true, actNumber: true } },
        },
      },
    },
  });
  if (!assessment) return null;
  const { rows, items, answers } = await prisma.$transaction((tx) => scoringInputs(tx, id));
  const scores = recomputeAssessment(items, answers);
  const questions = new Map(
    (
      await prisma.assessmentItem.findMany({
        where: { frameworkId: assessment.cycle.frameworkId },
        select: { code: true, question: true },
      })
    ).map((i) => [i.code, i.question]),
  );
  const area = await prisma.dimensionScore.findMany({
    where: { assessment: { cycleId: assessment.cycle.id, status: "VALIDATED" } },
    select: { score: true, coverage: true, dimension: { select: { code: true } } },
  });
  const byItem = new Map(assessment.answers.map((a) => [a.item.code, a]));
  const dimensions = scores.dimensions.map((d) => {
    const { dimension } = rows.find((r) => r.dimension.code === d.dimensionCode)!;
    const profile = dimensionProfile(
      area
        .filter((s) => s.dimension.code === d.dimensionCode)
        .map((s) => ({ score: s.score, complete: isComplete(s.coverage) })),
    );
    return { ...d, title: dimension.title, areaMedian: profile.median };
  });
  return {
    comune: assessment.organisation.name,
    istat: assessment.organisation.istatCode,
    cycle: { id: assessment.cycle.id, title: assessment.cycle.title },
    status: assessment.status,
    validatedAt: assessment.validatedAt,
    participants: assessment.participants ? (JSON.parse(assessment.participants) as string[]) : [],
    maturityIndex: scores.index,
    dimensions,
    items: scores.items.map((s) => {
      const answer = byItem.get(s.itemCode);
      return {
        ...s,
        question: questions.get(s.itemCode) ?? s.itemCode,
        note: answer?.note ?? null,
        naReason: answer?.naReason ?? null,
        sourceNote: answer?.sourceNote ?? null,
        evidence: answer?.evidence ?? [],
      };
    }),
    platforms: scores.items
      .filter((s) => s.dimensionCode === "PIAT")
      .map((s) => ({ ...s, question: questions.get(s.itemCode) ?? s.itemCode })),
    priorities: topPriorities(items, answers, instantToZoned(now).date).map((p) => ({
      ...p,
      question: questions.get(p.itemCode) ?? p.itemCode,
    })),
    confirmedPriorities: assessment.confirmedPriorities
      ? (JSON.parse(assessment.confirmedPriorities) as string[])
      : null,
  };
}

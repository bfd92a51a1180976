/**
 * What the maturity screens read (docs/phase2.md): the status table of a cycle and the form
 * of one dimension of a comune's assessment. Every read carries the phase-2 scope in its
 * `where`: a cycle, comune or evidence outside it is `null` (404), like one that does not exist.
 */
import { assessmentWhere, cycleWhere, needWhere, type Phase2Scope } from "~/access/scope.server";
import type { ItemKind } from "~/domain/assessment-scoring";
import { prisma } from "~/utils/db.server";

/** An ISTAT code of a comune: six digits (anything else is no comune: 404). */
export function parseIstat(raw: string | undefined): string | null {
  return raw && /^\d{6}$/.test(raw) ? raw : null;
}

/** A cycle in scope with one row per assessment the user may read (a referent: their comune's). */
export async function getCycleOverview({ scope, cycleId }: { scope: Phase2Scope; cycleId: number }) {
  const cycle = await prisma.assessmentCycle.findFirst({
    where: { AND: [{ id: cycleId }, cycleWhere(scope)] },
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      area: { select: { name: true } },
      edition: { select: { code: true } },
    },
  });
  if (!cycle) return null;
  const assessments = await prisma.assessment.findMany({
    where: { AND: [{ cycleId }, assessmentWhere(scope)] },
    select: {
      id: true,
      status: true,
      maturityIndex: true,
      updatedAt: true,
      validatedAt: true,
      validatedById: true,
      organisation: { select: { name: true, istatCode: true } },
      scores: { select: { coverage: true } },
    },
    orderBy: { organisation: { name: "asc" } },
  });
  const validatorIds = [...new Set(assessments.map((a) => a.validatedById).filter((id): id is number => id !== null))];
  const validators = await prisma.user.findMany({
    where: { id: { in: validatorIds } },
    select: { id: true, person: { select: { firstName: true, lastName: true } } },
  });
  const nameOf = new Map(validators.map((u) => [u.id, `${u.person.firstName} ${u.person.lastName}`]));
  return {
    cycle,
    rows: assessments.map((a) => ({
      id: a.id,
      comune: a.organisation.name,
      istat: a.organisation.istatCode,
      status: a.status,
      maturityIndex: a.maturityIndex,
      // the mean of the dimensions' coverage; 0 before anything is answered
      coverage: a.scores.length ? a.scores.reduce((s, d) => s + d.coverage, 0) / a.scores.length : 0,
      updatedAt: a.updatedAt,
      validatedAt: a.validatedAt,
      validatedBy: a.validatedById === null ? null : (nameOf.get(a.validatedById) ?? null),
    })),
  };
}

/** The assessment of a comune in a cycle, in scope; null otherwise. */
export function findAssessmentId({ scope, cycleId, istat }: { scope: Phase2Scope; cycleId: number; istat: string }) {
  return prisma.assessment.findFirst({
    where: { AND: [{ cycleId, organisation: { istatCode: istat } }, assessmentWhere(scope)] },
    select: { id: true, organisationId: true },
  });
}

const parseJson = <T>(raw: string | null, fallback: T): T => (raw ? (JSON.parse(raw) as T) : fallback);

/**
 * One dimension of a comune's assessment for its form: the framework's dimensions with the
 * stored coverage (the tabs and the summary), the items of the chosen dimension with their
 * descriptors and the answers and evidence given. An unknown dimension falls back to the
 * first. Null when out of scope.
 */
export async function getAssessmentPage({
  scope,
  cycleId,
  istat,
  dimensionCode,
}: {
  scope: Phase2Scope;
  cycleId: number;
  istat: string;
  dimensionCode: string | null;
}) {
  const assessment = await prisma.assessment.findFirst({
    where: { AND: [{ cycleId, organisation: { istatCode: istat } }, assessmentWhere(scope)] },
    select: {
      id: true,
      status: true,
      version: true,
      reopenReason: true,
      maturityIndex: true,
      submittedAt: true,
      validatedAt: true,
      organisationId: true,
      organisation: { select: { name: true, istatCode: true } },
      cycle: {
        select: {
          id: true,
          title: true,
          status: true,
          frameworkId: true,
          framework: { select: { title: true, version: true } },
        },
      },
      scores: { select: { coverage: true, score: true, level: true, dimension: { select: { code: true } } } },
    },
  });
  if (!assessment) return null;
  const dimensions = await prisma.assessmentDimension.findMany({
    where: { frameworkId: assessment.cycle.frameworkId },
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      ptChapter: true,
      _count: { select: { items: true } },
    },
    orderBy: { order: "asc" },
  });
  const current = dimensions.find((d) => d.code === dimensionCode) ?? dimensions[0]!;
  const items = await prisma.assessmentItem.findMany({
    where: { dimensionId: current.id },
    select: {
      code: true,
      kind: true,
      question: true,
      help: true,
      levelDescriptors: true,
      thresholds: true,
      evidenceRequiredFrom: true,
      evidenceHint: true,
      references: true,
      legalObligation: true,
      deadline: true,
      answers: {
        where: { assessmentId: assessment.id },
        select: {
          value: true,
          rawNumber: true,
          notApplicable: true,
          naReason: true,
          note: true,
          source: true,
          sourceNote: true,
          confirmed: true,
          facilitatedReason: true,
          evidence: {
            select: {
              id: true,
              kind: true,
              title: true,
              url: true,
              actNumber: true,
              actDate: true,
              text: true,
              fileName: true,
              sizeBytes: true,
            },
            orderBy: { id: "asc" },
          },
        },
      },
    },
    orderBy: { order: "asc" },
  });
  const scoreOf = new Map(assessment.scores.map((s) => [s.dimension.code, s]));
  const { scores: _scores, cycle, ...rest } = assessment;
  return {
    assessment: {
      ...rest,
      cycle: { id: cycle.id, title: cycle.title, status: cycle.status, framework: cycle.framework },
    },
    dimensions: dimensions.map((d) => ({
      code: d.code,
      title: d.title,
      items: d._count.items,
      coverage: scoreOf.get(d.code)?.coverage ?? 0,
      score: scoreOf.get(d.code)?.score ?? null,
    })),
    dimension: {
      code: current.code,
      title: current.title,
      description: current.description,
      ptChapter: current.ptChapter,
    },
    items: items.map(({ answers, levelDescriptors, thresholds, references, ...item }) => ({
      ...item,
      kind: item.kind as ItemKind,
      levelDescriptors: parseJson<Record<string, string>>(levelDescriptors, {}),
      thresholds: parseJson<number[] | null>(thresholds, null),
      references: parseJson<string[]>(references, []),
      answer: answers[0] ?? null,
    })),
  };
}

/** A stored evidence file of an assessment in scope (for download); null otherwise. */
export function findEvidenceFile({
  scope,
  cycleId,
  istat,
  evidenceId,
}: {
  scope: Phase2Scope;
  cycleId: number;
  istat: string;
  evidenceId: number;
}) {
  return prisma.evidence.findFirst({
    where: {
      id: evidenceId,
      kind: "FILE",
      answer: { assessment: { AND: [{ cycleId, organisation: { istatCode: istat } }, assessmentWhere(scope)] } },
    },
    select: { storageKey: true, fileName: true, mime: true },
  });
}

/** The needs proposed from the cycle's shared gaps that the user may read, by item code. */
export async function gapNeeds({ scope, cycleId }: { scope: Phase2Scope; cycleId: number }) {
  const sources = await prisma.needSource.findMany({
    where: { kind: "ASSESSMENT_GAP", need: { AND: [{ cycleId }, needWhere(scope)] } },
    select: {
      assessmentItem: { select: { code: true } },
      need: { select: { id: true, title: true, status: true } },
    },
  });
  return Object.fromEntries(
    sources.filter((s) => s.assessmentItem).map((s) => [s.assessmentItem!.code, s.need] as const),
  );
}

/** The validated assessments the user may read as profiles (a learner: their comune's), newest first. */
export async function validatedProfiles({ scope }: { scope: Phase2Scope }) {
  const rows = await prisma.assessment.findMany({
    where: { AND: [{ status: "VALIDATED" }, assessmentWhere(scope)] },
    select: {
      organisation: { select: { name: true, istatCode: true } },
      cycle: { select: { id: true, title: true } },
    },
    orderBy: { validatedAt: "desc" },
    take: 5,
  });
  return rows.flatMap((r) =>
    r.organisation.istatCode
      ? [
          {
            href: `/maturita/${r.cycle.id}/${r.organisation.istatCode}/profilo`,
            comune: r.organisation.name,
            cycle: r.cycle.title,
          },
        ]
      : [],
  );
}

/**
 * Exports of a cycle (docs/phase2.md, "Exports"): every answer with its effective score, and
 * every comune's profile by dimension — the same figures as the assessment and profile
 * screens, over the assessments the user may read. Tidy: one row per fact.
 */
import { assessmentWhere, cycleWhere, type Phase2Scope } from "~/access/scope.server";
import { dimensionProfile, isComplete, levelBand, levelLabel, recomputeAssessment } from "~/domain/assessment-scoring";
import type { ExportSheet } from "~/utils/export.server";
import { prisma } from "~/utils/db.server";
import { scoringInputs } from "./assessment-scores.server";

const STATUS_LABELS: Record<string, string> = {
  NOT_STARTED: "Non iniziato",
  IN_PROGRESS: "In corso",
  SUBMITTED: "Inviato",
  VALIDATED: "Validato",
  REOPENED: "Riaperto",
};
const SOURCE_LABELS: Record<string, string> = { SELF: "Comune", FACILITATED: "Facilitatore", IMPORTED: "Importata" };

async function cycleInScope(scope: Phase2Scope, cycleId: number) {
  return prisma.assessmentCycle.findFirst({
    where: { AND: [{ id: cycleId }, cycleWhere(scope)] },
    select: { id: true, title: true, frameworkId: true },
  });
}

function assessmentsOf(scope: Phase2Scope, cycleId: number) {
  return prisma.assessment.findMany({
    where: { AND: [{ cycleId }, assessmentWhere(scope)] },
    select: { id: true, status: true, maturityIndex: true, organisation: { select: { name: true, istatCode: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
}

type AnswerRow = {
  comune: string;
  istat: string | null;
  status: string;
  dimension: string;
  item: string;
  question: string;
  value: number | null;
  rawNumber: number | null;
  notApplicable: boolean;
  naReason: string | null;
  score: number | null;
  capped: boolean;
  evidence: number;
  source: string | null;
  note: string | null;
};

/** Every item of every assessment in scope, answered or not, with its effective score; null when the cycle is out of scope. */
export async function answersSheet({ scope, cycleId }: { scope: Phase2Scope; cycleId: number }) {
  const cycle = await cycleInScope(scope, cycleId);
  if (!cycle) return null;
  const [assessments, items] = await Promise.all([
    assessmentsOf(scope, cycleId),
    prisma.assessmentItem.findMany({
      where: { frameworkId: cycle.frameworkId },
      select: { code: true, question: true },
    }),
  ]);
  const questions = new Map(items.map((i) => [i.code, i.question]));
  const answers = await prisma.assessmentAnswer.findMany({
    where: { assessmentId: { in: assessments.map((a) => a.id) } },
    select: {
      assessmentId: true,
      value: true,
      rawNumber: true,
      notApplicable: true,
      naReason: true,
      note: true,
      source: true,
      item: { select: { code: true } },
      _count: { select: { evidence: true } },
    },
  });
  const answerOf = new Map(answers.map((a) => [`${a.assessmentId}:${a.item.code}`, a]));
  const rows: AnswerRow[] = [];
  for (const a of assessments) {
    const inputs = await prisma.$transaction((tx) => scoringInputs(tx, a.id));
    for (const s of recomputeAssessment(inputs.items, inputs.answers).items) {
      const answer = answerOf.get(`${a.id}:${s.itemCode}`);
      rows.push({
        comune: a.organisation.name,
        istat: a.organisation.istatCode,
        status: STATUS_LABELS[a.status] ?? a.status,
        dimension: s.dimensionCode,
        item: s.itemCode,
        question: questions.get(s.itemCode) ?? "",
        value: answer?.value ?? null,
        rawNumber: answer?.rawNumber ?? null,
        notApplicable: answer?.notApplicable ?? false,
        naReason: answer?.naReason ?? null,
        score: s.score,
        capped: s.capped,
        evidence: answer?._count.evidence ?? 0,
        source: answer ? (SOURCE_LABELS[answer.source] ?? answer.source) : null,
        note: answer?.note ?? null,
      });
    }
  }
  const sheet: ExportSheet<AnswerRow> = {
    name: "Risposte",
    columns: [
      { header: "Comune", value: (r) => r.comune, width: 28 },
      { header: "Codice ISTAT", value: (r) => r.istat, format: "text" },
      { header: "Stato assessment", value: (r) => r.status },
      { header: "Dimensione", value: (r) => r.dimension },
      { header: "Domanda", value: (r) => r.item },
      { header: "Testo della domanda", value: (r) => r.question, width: 60 },
      { header: "Livello indicato", value: (r) => r.value },
      { header: "Numero indicato", value: (r) => r.rawNumber },
      { header: "Non applicabile", value: (r) => (r.notApplicable ? "sì" : "no") },
      { header: "Motivo N/A", value: (r) => r.naReason, width: 30 },
      { header: "Punteggio effettivo", value: (r) => r.score },
      { header: "Limitato per mancanza di evidenza", value: (r) => (r.capped ? "sì" : "no") },
      { header: "Evidenze", value: (r) => r.evidence },
      { header: "Compilata da", value: (r) => r.source },
      { header: "Nota", value: (r) => r.note, width: 40 },
    ],
    rows,
  };
  return { cycle, sheet };
}

type ProfileRow = {
  comune: string;
  istat: string | null;
  status: string;
  index: number | null;
  dimension: string;
  title: string;
  score: number | null;
  level: string | null;
  coverage: number;
  complete: boolean;
  areaMedian: number | null;
};

/** Each assessment in scope by dimension (stored scores, as the status table and profile show them) with the area median. */
export async function profilesSheet({ scope, cycleId }: { scope: Phase2Scope; cycleId: number }) {
  const cycle = await cycleInScope(scope, cycleId);
  if (!cycle) return null;
  const [assessments, dimensions, area] = await Promise.all([
    assessmentsOf(scope, cycleId),
    prisma.assessmentDimension.findMany({
      where: { frameworkId: cycle.frameworkId },
      select: { id: true, code: true, title: true },
      orderBy: { order: "asc" },
    }),
    prisma.dimensionScore.findMany({
      where: { assessment: { cycleId, status: "VALIDATED" } },
      select: { score: true, coverage: true, dimensionId: true },
    }),
  ]);
  const scores = await prisma.dimensionScore.findMany({
    where: { assessmentId: { in: assessments.map((a) => a.id) } },
    select: { assessmentId: true, dimensionId: true, score: true, coverage: true },
  });
  const medians = new Map(
    dimensions.map((d) => [
      d.id,
      dimensionProfile(
        area.filter((s) => s.dimensionId === d.id).map((s) => ({ score: s.score, complete: isComplete(s.coverage) })),
      ).median,
    ]),
  );
  const rows: ProfileRow[] = assessments.flatMap((a) =>
    dimensions.map((d) => {
      const s = scores.find((x) => x.assessmentId === a.id && x.dimensionId === d.id);
      const score = s?.score ?? null;
      return {
        comune: a.organisation.name,
        istat: a.organisation.istatCode,
        status: STATUS_LABELS[a.status] ?? a.status,
        index: a.maturityIndex,
        dimension: d.code,
        title: d.title,
        score,
        level: score === null ? null : `${levelBand(score)} ${levelLabel(levelBand(score))}`,
        coverage: s?.coverage ?? 0,
        complete: s ? isComplete(s.coverage) : false,
        areaMedian: medians.get(d.id) ?? null,
      };
    }),
  );
  const sheet: ExportSheet<ProfileRow> = {
    name: "Profili",
    columns: [
      { header: "Comune", value: (r) => r.comune, width: 28 },
      { header: "Codice ISTAT", value: (r) => r.istat, format: "text" },
      { header: "Stato assessment", value: (r) => r.status },
      { header: "Indice di maturità (0-100)", value: (r) => r.index },
      { header: "Dimensione", value: (r) => r.dimension },
      { header: "Titolo dimensione", value: (r) => r.title, width: 40 },
      { header: "Punteggio (0-4)", value: (r) => r.score },
      { header: "Livello", value: (r) => r.level },
      { header: "Copertura", value: (r) => Math.round(r.coverage * 100) / 100 },
      { header: "Completa (copertura ≥ 80%)", value: (r) => (r.complete ? "sì" : "no") },
      { header: "Mediana d'area", value: (r) => r.areaMedian },
    ],
    rows,
  };
  return { cycle, sheet };
}

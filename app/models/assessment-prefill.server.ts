/**
 * Answers the app already knows (docs/phase2.md, spec PHASE2 §9 step 2): the share of a
 * comune's enrolled staff who completed phase-1 training (ORG-04: the phase; SIC-05: the
 * security unit) in the last 12 months, and the PA digitale 2026 measures funded to the
 * comune (PIAT-08). A prefilled answer is IMPORTED, says where it came from, carries the
 * figure as evidence, and counts only once the referent confirms it; an answer somebody
 * gave is never overwritten.
 */
import type { Actor } from "~/access/scope.server";
import type { AssessmentItemContent, MeasureState } from "~/domain/assessment-content-schema";
import { piat08Prefill, type Piat08MeasureStatus } from "~/domain/padigitale2026";
import { audit } from "~/utils/audit.server";
import type { Tx } from "~/utils/db.server";
import { instantToZoned } from "~/utils/time";
import { storeAssessmentScores } from "./assessment-scores.server";
import { fundedMeasuresByOrganisation } from "./funded-measures.server";

type Prefill = NonNullable<AssessmentItemContent["prefill"]>;

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Enrolled people of the comune in the module (phase) and how many completed the phase or unit since `since`. */
async function trainingShare(tx: Tx, organisationId: number, prefill: Prefill, since: Date) {
  const editionWhere = {
    module: { slug: prefill.module },
    ...(prefill.phase ? { OR: [{ phaseId: null }, { phase: { slug: prefill.phase } }] } : {}),
  };
  const enrolled = await tx.person.findMany({
    where: { organisationId, anonymisedAt: null, enrolments: { some: { status: "ACTIVE", edition: editionWhere } } },
    select: { id: true },
  });
  const ids = enrolled.map((p) => p.id);
  if (ids.length === 0) return null;
  const completed = prefill.unit
    ? await tx.progress.count({
        where: {
          personId: { in: ids },
          unit: { slug: prefill.unit, phase: { slug: prefill.phase, module: { slug: prefill.module } } },
          status: { in: ["COMPLETED", "PASSED"] },
          completedAt: { gte: since },
        },
      })
    : await tx.phaseProgress.count({
        where: {
          personId: { in: ids },
          phase: { slug: prefill.phase, module: { slug: prefill.module } },
          status: "COMPLETED",
          completedAt: { gte: since },
        },
      });
  return { enrolled: ids.length, completed, percent: Math.round((1000 * completed) / ids.length) / 10 };
}

/** PIAT-08's measure rows (content/assessment) for each PA digitale 2026 measure of the open data. */
const PIAT08_ROWS: Record<string, string[]> = {
  "1.2": ["m1-2"],
  "1.3.1": ["m1-3-1"],
  "1.4.1": ["m1-4-1"],
  "1.4.3": ["m1-4-3-pagopa", "m1-4-3-io"],
  "1.4.4": ["m1-4-4-spid-cie", "m1-4-4-anpr-ansc"],
  "1.4.5": ["m1-4-5"],
};
const ROW_STATE: Record<Piat08MeasureStatus, MeasureState> = {
  paid: "completata",
  funded: "finanziata",
  withdrawn: "non-ottenuta",
  none: "non-ottenuta",
};

/** PIAT-08 from the comune's funded applications; null when none was ever imported for it. */
async function fundedMeasuresAnswer(tx: Tx, organisationId: number) {
  const rows = (await fundedMeasuresByOrganisation({ organisationIds: [organisationId], db: tx })).get(organisationId)!;
  if (rows.length === 0) return null;
  const asOf = new Date(Math.max(...rows.map((r) => r.importedAt.getTime())));
  const prefill = piat08Prefill(rows, { asOf });
  const misure = Object.fromEntries(
    prefill.measures.flatMap((m) => (PIAT08_ROWS[m.code] ?? []).map((key) => [key, ROW_STATE[m.status]])),
  );
  return { value: prefill.value, rawNumber: null, extra: JSON.stringify({ misure }), sourceNote: prefill.sourceNote };
}

/**
 * Prefills one assessment's items that declare a source (phase-1 training, PA digitale
 * 2026) in the caller's transaction and rewrites its scores. Returns the items prefilled.
 */
export async function prefillAssessment(tx: Tx, { assessmentId, actor }: { assessmentId: number; actor: Actor }) {
  const now = actor.now ?? new Date();
  const assessment = await tx.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    select: { organisationId: true, status: true, cycle: { select: { frameworkId: true } } },
  });
  if (assessment.status === "VALIDATED" || assessment.status === "SUBMITTED") return [];
  const items = await tx.assessmentItem.findMany({
    where: { frameworkId: assessment.cycle.frameworkId, prefill: { not: null } },
    select: {
      id: true,
      code: true,
      prefill: true,
      answers: { where: { assessmentId }, select: { id: true, source: true, confirmed: true } },
    },
  });
  const done: string[] = [];
  for (const item of items) {
    const prefill = JSON.parse(item.prefill!) as Prefill;
    const existing = item.answers[0];
    if (existing && (existing.source !== "IMPORTED" || existing.confirmed)) continue;
    let found: { value: number | null; rawNumber: number | null; extra?: string; sourceNote: string } | null = null;
    let figures: Record<string, unknown> = {};
    if (prefill.source === "phase1-training") {
      const share = await trainingShare(tx, assessment.organisationId, prefill, new Date(now.getTime() - YEAR_MS));
      if (share) {
        const day = instantToZoned(now).date;
        found = {
          value: null,
          rawNumber: share.percent,
          sourceNote: `Da Capacitas (fase 1 del modulo ICT): ${share.completed} su ${share.enrolled} iscritti del comune hanno completato ${prefill.unit ? "l'unità" : "la fase"} negli ultimi 12 mesi, al ${day}.`,
        };
        figures = share;
      }
    } else {
      found = await fundedMeasuresAnswer(tx, assessment.organisationId);
      figures = found ? { value: found.value } : {};
    }
    if (!found) continue;
    const { sourceNote } = found;
    const data = { ...found, source: "IMPORTED" as const, confirmed: false };
    const answer = existing
      ? await tx.assessmentAnswer.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.assessmentAnswer.create({ data: { assessmentId, itemId: item.id, ...data }, select: { id: true } });
    await tx.evidence.deleteMany({ where: { answerId: answer.id, kind: "TEXT", title: "Dati di Capacitas" } });
    await tx.evidence.create({
      data: {
        answerId: answer.id,
        kind: "TEXT",
        title: "Dati di Capacitas",
        text: sourceNote,
        uploadedById: actor.userId ?? 0,
      },
    });
    await audit(tx, actor, {
      action: "assessment.prefill",
      entity: "AssessmentAnswer",
      entityId: answer.id,
      after: { item: item.code, ...figures },
    });
    done.push(item.code);
  }
  if (done.length > 0) await storeAssessmentScores(tx, assessmentId);
  return done;
}

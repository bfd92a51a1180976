/**
 * Answers the app already knows (docs/phase2.md, spec PHASE2 §9 step 2): the share of a
 * comune's enrolled staff who completed phase-1 training (ORG-04: the phase; SIC-05: the
 * security unit) in the last 12 months. A prefilled answer is IMPORTED, says where it came
 * from, carries the figure as evidence, and counts only once the referent confirms it; an
 * answer somebody gave is never overwritten.
 */
import type { Actor } from "~/access/scope.server";
import type { AssessmentItemContent } from "~/domain/assessment-content-schema";
import { audit } from "~/utils/audit.server";
import type { Tx } from "~/utils/db.server";
import { instantToZoned } from "~/utils/time";
import { storeAssessmentScores } from "./assessment-scores.server";

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

/**
 * Prefills the phase-1 training items of one assessment in the caller's transaction and
 * rewrites its scores. Returns the items prefilled.
 */
export async function prefillFromTraining(tx: Tx, { assessmentId, actor }: { assessmentId: number; actor: Actor }) {
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
    if (prefill.source !== "phase1-training") continue;
    const existing = item.answers[0];
    if (existing && (existing.source !== "IMPORTED" || existing.confirmed)) continue;
    const share = await trainingShare(tx, assessment.organisationId, prefill, new Date(now.getTime() - YEAR_MS));
    if (!share) continue;
    const day = instantToZoned(now).date;
    const sourceNote = `Da Capacitas (fase 1 del modulo ICT): ${share.completed} su ${share.enrolled} iscritti del comune hanno completato ${prefill.unit ? "l'unità" : "la fase"} negli ultimi 12 mesi, al ${day}.`;
    const data = { rawNumber: share.percent, value: null, source: "IMPORTED" as const, sourceNote, confirmed: false };
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
      after: { item: item.code, ...share },
    });
    done.push(item.code);
  }
  if (done.length > 0) await storeAssessmentScores(tx, assessmentId);
  return done;
}

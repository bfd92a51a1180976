/**
 * The learner's events: a lesson marked, a quiz graded on the server, a lab handed in, a
 * survey answered, a self check-in. Each finds its unit or session within the learner's
 * scope (a foreign one is null: the route answers 404), writes in one transaction and passes
 * through the progress pipeline (`recordProgress`) in that same transaction.
 */
import { ownSessionWhere, type Actor, type OwnScope } from "~/access/scope.server";
import { checkInMinutes, isCheckInOpen, isDone } from "~/domain/completion";
import { canAttempt, gradeQuiz, type Answers } from "~/domain/quiz";
import { findLearnerUnit, parseOptions } from "~/models/learning.server";
import { recordProgress, syncUnitWithAttendance } from "~/models/progress.server";
import { audit } from "~/utils/audit.server";
import { prisma, transactionWithRetry } from "~/utils/db.server";

/** What every learner event takes: the learner's scope, who acts, and the unit's address. */
type UnitEvent = { scope: OwnScope; actor: Actor; moduleSlug: string; unitSlug: string };

/** At most this much time is credited for one reading of a lesson. */
const MAX_LESSON_SECONDS_FACTOR = 3;

/** "Segna come completata": completes a lesson once, crediting the time spent reading. */
export async function completeLesson({ openedAt, ...event }: UnitEvent & { openedAt?: number }) {
  const { scope, actor } = event;
  const now = actor.now ?? new Date();
  const unit = await findLearnerUnit(event);
  if (!unit || unit.kind !== "LESSON") return null;
  const cap = unit.durationMinutes * 60 * MAX_LESSON_SECONDS_FACTOR;
  const spent =
    openedAt && openedAt <= now.getTime() ? Math.min(cap, Math.round((now.getTime() - openedAt) / 1000)) : 0;
  return transactionWithRetry(async (tx) => {
    const existing = await tx.progress.findUnique({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      select: { status: true },
    });
    if (isDone(existing?.status)) return { changed: false };
    await tx.progress.upsert({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      create: {
        personId: scope.personId,
        unitId: unit.id,
        status: "COMPLETED",
        startedAt: openedAt ? new Date(openedAt) : now,
        completedAt: now,
        timeSpentSeconds: spent,
      },
      update: { status: "COMPLETED", completedAt: now, timeSpentSeconds: { increment: spent } },
    });
    await recordProgress(tx, { personId: scope.personId, moduleId: unit.phase.module.id, actor });
    return { changed: true };
  });
}

export type QuizSubmitResult = { ok: true; passed: boolean; percent: number } | { ok: false; reason: "closed" };

/** Grades a quiz attempt on the server and records it (and the level per competence). */
export async function submitQuiz({
  answers,
  ...event
}: UnitEvent & { answers: Answers }): Promise<QuizSubmitResult | null> {
  const { scope, actor } = event;
  const now = actor.now ?? new Date();
  const unit = await findLearnerUnit(event);
  if (!unit || unit.kind !== "QUIZ") return null;
  const questions = await prisma.question.findMany({
    where: { unitId: unit.id, archivedAt: null },
    orderBy: { position: "asc" },
    select: { key: true, type: true, options: true, points: true, competenceId: true, level: true },
  });
  const validKeys = new Set(questions.map((q) => q.key));
  const cleaned: Answers = Object.fromEntries(Object.entries(answers).filter(([k]) => validKeys.has(k)));
  const result = gradeQuiz(
    questions.map((q) => ({ ...q, options: parseOptions(q.options) })),
    cleaned,
    unit.passMark ?? 0,
  );
  return transactionWithRetry(async (tx) => {
    const attempts = await tx.quizAttempt.findMany({
      where: { personId: scope.personId, unitId: unit.id },
      select: { passed: true },
    });
    if (
      !canAttempt(
        unit.maxAttempts ?? 0,
        attempts.length,
        attempts.some((a) => a.passed),
      )
    )
      return { ok: false as const, reason: "closed" as const };
    const attempt = await tx.quizAttempt.create({
      data: {
        personId: scope.personId,
        unitId: unit.id,
        number: attempts.length + 1,
        answers: JSON.stringify(cleaned),
        score: result.score,
        maxScore: result.maxScore,
        passed: result.passed,
        startedAt: now,
        submittedAt: now,
        competenceScores: {
          create: result.competences.map((c) => ({
            competenceId: c.competenceId,
            score: c.score,
            maxScore: c.maxScore,
            level: c.level,
          })),
        },
      },
      select: { id: true, number: true },
    });
    const previous = await tx.progress.findUnique({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      select: { score: true },
    });
    const best = Math.max(previous?.score ?? 0, result.percent);
    await tx.progress.upsert({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      create: {
        personId: scope.personId,
        unitId: unit.id,
        status: result.passed ? "PASSED" : "FAILED",
        score: result.percent,
        attempts: 1,
        startedAt: now,
        completedAt: result.passed ? now : null,
      },
      update: {
        status: result.passed ? "PASSED" : "FAILED",
        score: best,
        attempts: { increment: 1 },
        completedAt: result.passed ? now : null,
      },
    });
    await audit(tx, actor, {
      action: "quiz.attempt",
      entity: "QuizAttempt",
      entityId: attempt.id,
      after: { number: attempt.number, percent: result.percent, passed: result.passed },
    });
    await recordProgress(tx, { personId: scope.personId, moduleId: unit.phase.module.id, actor });
    return { ok: true as const, passed: result.passed, percent: result.percent };
  });
}

export type LabSubmission = {
  text: string | null;
  file: { key: string; name: string; mime: string; size: number } | null;
};

/** Hands in a lab deliverable (a new version after "to revise"). The trainer accepts it later. */
export async function submitLab({ input, ...event }: UnitEvent & { input: LabSubmission }) {
  const { scope, actor } = event;
  const now = actor.now ?? new Date();
  const unit = await findLearnerUnit(event);
  if (!unit || unit.kind !== "LAB") return null;
  return transactionWithRetry(async (tx) => {
    const latest = await tx.labSubmission.findFirst({
      where: { personId: scope.personId, unitId: unit.id },
      orderBy: { version: "desc" },
      select: { version: true, status: true },
    });
    if (latest && latest.status !== "TO_REVISE") return { ok: false as const, reason: "closed" as const };
    const edition = await tx.edition.findFirst({
      where: { moduleId: unit.phase.module.id, enrolments: { some: { personId: scope.personId, status: "ACTIVE" } } },
      orderBy: { startsOn: "desc" },
      select: { id: true },
    });
    const submission = await tx.labSubmission.create({
      data: {
        personId: scope.personId,
        unitId: unit.id,
        editionId: edition?.id ?? null,
        version: (latest?.version ?? 0) + 1,
        text: input.text,
        fileName: input.file?.name ?? null,
        fileType: input.file?.mime ?? null,
        fileSize: input.file?.size ?? null,
        fileKey: input.file?.key ?? null,
        submittedAt: now,
      },
      select: { id: true, version: true },
    });
    await tx.progress.upsert({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      create: { personId: scope.personId, unitId: unit.id, status: "IN_PROGRESS", startedAt: now },
      update: { status: "IN_PROGRESS" },
    });
    await audit(tx, actor, {
      action: "lab.submit",
      entity: "LabSubmission",
      entityId: submission.id,
      after: { version: submission.version, file: input.file?.name ?? null },
    });
    await recordProgress(tx, { personId: scope.personId, moduleId: unit.phase.module.id, actor });
    return { ok: true as const, version: submission.version };
  });
}

/** The survey's items, for the form's schema (`surveyFormSchema`). Null outside the scope. */
export async function getSurveyItems(event: Omit<UnitEvent, "actor">) {
  const unit = await findLearnerUnit(event);
  if (!unit || unit.kind !== "SURVEY") return null;
  return prisma.surveyItem.findMany({
    where: { unitId: unit.id, archivedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, key: true, type: true },
  });
}

/**
 * Records the satisfaction questionnaire (answers parsed by `surveyFormSchema`): one response
 * per learner, never shown individually.
 */
export async function submitSurvey({
  answers,
  ...event
}: UnitEvent & { answers: { itemId: number; value: number | null; text: string | null }[] }) {
  const { scope, actor } = event;
  const now = actor.now ?? new Date();
  const unit = await findLearnerUnit(event);
  if (!unit || unit.kind !== "SURVEY") return null;
  const items = new Set(
    (await prisma.surveyItem.findMany({ where: { unitId: unit.id, archivedAt: null }, select: { id: true } })).map(
      (i) => i.id,
    ),
  );
  const kept = answers.filter((a) => items.has(a.itemId));
  return transactionWithRetry(async (tx) => {
    const existing = await tx.surveyResponse.findUnique({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      select: { id: true },
    });
    if (existing) return { ok: true as const, changed: false };
    await tx.surveyResponse.create({
      data: { personId: scope.personId, unitId: unit.id, submittedAt: now, answers: { create: kept } },
    });
    await tx.progress.upsert({
      where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
      create: { personId: scope.personId, unitId: unit.id, status: "COMPLETED", startedAt: now, completedAt: now },
      update: { status: "COMPLETED", completedAt: now },
    });
    await recordProgress(tx, { personId: scope.personId, moduleId: unit.phase.module.id, actor });
    return { ok: true as const, changed: true };
  });
}

export type CheckInResult = { ok: true; changed: boolean } | { ok: false; field: "code" | "session"; message: string };

/**
 * Self check-in with the short code the trainer shows, valid from 15 minutes before the
 * start to the end of the session. Records presence and minutes; a second check-in changes
 * nothing. Presence at a seminar (or a lab with nothing to hand in) completes its unit.
 */
export async function checkIn({
  scope,
  actor,
  sessionId,
  code,
}: {
  scope: OwnScope;
  actor: Actor;
  sessionId: number;
  code: string;
}): Promise<CheckInResult> {
  const now = actor.now ?? new Date();
  const session = await prisma.session.findFirst({
    where: {
      id: sessionId,
      cancelledAt: null,
      ...ownSessionWhere(scope),
    },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      checkInCode: true,
      unitId: true,
      edition: { select: { moduleId: true } },
    },
  });
  if (!session) return { ok: false, field: "session", message: "Incontro non trovato." };
  if (!isCheckInOpen(session, now)) {
    return {
      ok: false,
      field: "code",
      message:
        "La registrazione della presenza è possibile solo durante l'incontro (da 15 minuti prima dell'inizio alla fine).",
    };
  }
  if (!session.checkInCode || session.checkInCode.toUpperCase() !== code.trim().toUpperCase()) {
    return { ok: false, field: "code", message: "Il codice non è corretto: controlla quello mostrato dal formatore." };
  }
  return transactionWithRetry(async (tx) => {
    const existing = await tx.attendance.findUnique({
      where: { sessionId_personId: { sessionId: session.id, personId: scope.personId } },
      select: { id: true, status: true, minutes: true, mode: true },
    });
    if (existing?.status === "PRESENT") return { ok: true as const, changed: false };
    const minutes = checkInMinutes(session, now);
    const mode: "ONLINE" | "PRESENCE" = session.mode === "ONLINE" ? "ONLINE" : "PRESENCE";
    const after = { status: "PRESENT" as const, minutes, mode, checkInAt: now, selfCheckIn: true };
    const saved = await tx.attendance.upsert({
      where: { sessionId_personId: { sessionId: session.id, personId: scope.personId } },
      create: { sessionId: session.id, personId: scope.personId, ...after },
      update: after,
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "attendance.self_check_in",
      entity: "Attendance",
      entityId: saved.id,
      before: existing ? { status: existing.status, minutes: existing.minutes } : null,
      after: { status: "PRESENT", minutes, mode },
    });
    if (session.unitId) await syncUnitWithAttendance(tx, { personId: scope.personId, unitId: session.unitId, at: now });
    await recordProgress(tx, { personId: scope.personId, moduleId: session.edition.moduleId, actor });
    return { ok: true as const, changed: true };
  });
}

/**
 * The learner's side of the programme: module and unit pages, and the events that change
 * progress (lesson marked, quiz submitted, lab handed in, survey answered, self check-in).
 * Every read is scoped to the learner's person id and active enrolments; every event
 * recomputes completion and issues the certificate in its own transaction.
 */
import { randomInt } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { isDone, isForLearner, requiredAttendanceMinutes, type LearnerAudience } from "~/domain/completion";
import { canAttempt, gradeQuiz, type Answers, type QuizOption } from "~/domain/quiz";
import { SESSION_WHEN_WHERE } from "~/models/learner.server";
import { recomputeModuleProgress } from "~/models/progress.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";

export type Learner = { personId: number; userId: number; position: LearnerAudience };

/** `activityAt`: when the learner was active (default: now; null when someone else acted). */
type Meta = { requestId: string | null; now?: Date; activityAt?: Date | null };

/** Minutes before a session starts when self check-in opens. */
export const CHECK_IN_OPENS_MINUTES = 15;

const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

/** Scope: the module exists, is active, is meant for the learner and the learner is enrolled. */
function enrolledModuleWhere(learner: Learner, slug: string): Prisma.ModuleWhereInput {
  return {
    slug,
    archivedAt: null,
    audience: { in: ["ALL", learner.position === "EXTERNAL" ? "ALL" : learner.position] },
    editions: { some: { enrolments: { some: { personId: learner.personId, status: "ACTIVE" } } } },
  };
}

/** Sessions of the learner's active enrolments in the module, with their own attendance. */
function learnerSessions(learner: Learner, moduleId: number, unitId?: number) {
  return prisma.session.findMany({
    where: {
      cancelledAt: null,
      ...(unitId ? { unitId } : {}),
      edition: { moduleId, enrolments: { some: { personId: learner.personId, status: "ACTIVE" } } },
    },
    orderBy: { startsAt: "asc" },
    select: {
      ...SESSION_WHEN_WHERE,
      unit: { select: { slug: true, title: true } },
      attendances: { where: { personId: learner.personId }, select: { status: true, minutes: true, checkInAt: true } },
    },
  });
}

function sessionView(s: Awaited<ReturnType<typeof learnerSessions>>[number], now: Date) {
  const opens = new Date(s.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000);
  const attendance = s.attendances[0] ?? null;
  return {
    id: s.id,
    title: s.title,
    unit: s.unit,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    mode: s.mode,
    place: s.place,
    link: s.link,
    hours: minutesBetween(s.startsAt, s.endsAt) / 60,
    attendance: attendance ? { status: attendance.status, minutes: attendance.minutes } : null,
    checkInOpen: now >= opens && now <= s.endsAt && attendance?.status !== "PRESENT",
    past: s.endsAt < now,
  };
}

/** The module page: phases and units for the learner, with status, what is left and attendance. */
export async function getModulePage(learner: Learner, slug: string, now = new Date()) {
  const module = await prisma.module.findFirst({
    where: enrolledModuleWhere(learner, slug),
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      attendanceThreshold: true,
      phases: {
        where: { archivedAt: null },
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          summary: true,
          team: true,
          units: {
            where: { archivedAt: null },
            orderBy: { position: "asc" },
            select: {
              id: true,
              slug: true,
              kind: true,
              title: true,
              durationMinutes: true,
              required: true,
              audience: true,
            },
          },
        },
      },
    },
  });
  if (!module) return null;
  const [progress, stored, phaseProgress, sessions, certificate] = await Promise.all([
    prisma.progress.findMany({
      where: { personId: learner.personId, unit: { phase: { moduleId: module.id } } },
      select: { unitId: true, status: true, score: true },
    }),
    prisma.moduleProgress.findUnique({
      where: { personId_moduleId: { personId: learner.personId, moduleId: module.id } },
    }),
    prisma.phaseProgress.findMany({
      where: { personId: learner.personId, phase: { moduleId: module.id } },
      select: { phaseId: true, status: true },
    }),
    learnerSessions(learner, module.id),
    prisma.certificate.findUnique({
      where: { personId_moduleId: { personId: learner.personId, moduleId: module.id } },
      select: { code: true, issuedAt: true, revokedAt: true },
    }),
  ]);
  const status = new Map(progress.map((p) => [p.unitId, p]));
  const scheduled = stored?.scheduledMinutes ?? 0;
  const requiredMinutes = requiredAttendanceMinutes(scheduled, module.attendanceThreshold);
  const phases = module.phases.map((ph) => {
    const units = ph.units
      .filter((u) => isForLearner(u.audience, learner.position))
      .map((u) => ({
        slug: u.slug,
        kind: u.kind,
        title: u.title,
        durationMinutes: u.durationMinutes,
        required: u.required,
        status: status.get(u.id)?.status ?? "NOT_STARTED",
        done: isDone(status.get(u.id)?.status),
      }));
    return {
      id: ph.id,
      title: ph.title,
      summary: ph.summary,
      team: ph.team,
      status: phaseProgress.find((p) => p.phaseId === ph.id)?.status ?? "NOT_STARTED",
      units,
    };
  });
  const missing = phases.flatMap((ph) =>
    ph.units.filter((u) => u.required && !u.done).map((u) => ({ slug: u.slug, title: u.title, kind: u.kind })),
  );
  return {
    id: module.id,
    slug: module.slug,
    title: module.title,
    summary: module.summary,
    threshold: module.attendanceThreshold,
    status: stored?.status ?? "NOT_STARTED",
    requiredUnits: stored?.requiredUnits ?? missing.length,
    completedUnits: stored?.completedUnits ?? 0,
    scheduledMinutes: scheduled,
    attendedMinutes: stored?.attendedMinutes ?? 0,
    requiredMinutes,
    minutesMissing: Math.max(0, requiredMinutes - (stored?.attendedMinutes ?? 0)),
    phases,
    missing,
    sessions: sessions.map((s) => sessionView(s, now)),
    certificate: certificate
      ? {
          code: certificate.code,
          issuedAt: certificate.issuedAt.toISOString(),
          revoked: certificate.revokedAt !== null,
        }
      : null,
  };
}

/** The unit row with the scope applied: active, meant for the learner, in an enrolled module. */
async function findLearnerUnit(learner: Learner, moduleSlug: string, unitSlug: string) {
  return prisma.unit.findFirst({
    where: {
      slug: unitSlug,
      archivedAt: null,
      audience: { in: ["ALL", learner.position === "EXTERNAL" ? "ALL" : learner.position] },
      phase: { archivedAt: null, module: enrolledModuleWhere(learner, moduleSlug) },
    },
    select: {
      id: true,
      slug: true,
      kind: true,
      title: true,
      body: true,
      durationMinutes: true,
      required: true,
      passMark: true,
      maxAttempts: true,
      testRole: true,
      acceptsText: true,
      acceptsFile: true,
      phase: { select: { title: true, module: { select: { id: true, slug: true, title: true } } } },
    },
  });
}

type OptionRow = QuizOption;
const parseOptions = (json: string) => JSON.parse(json) as OptionRow[];

/** The unit page: text, status and what the unit's kind needs (questions, submissions, items, sessions). */
export async function getUnitPage(learner: Learner, moduleSlug: string, unitSlug: string, now = new Date()) {
  const unit = await findLearnerUnit(learner, moduleSlug, unitSlug);
  if (!unit) return null;
  const progress = await prisma.progress.findUnique({
    where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
    select: { status: true, score: true, attempts: true, completedAt: true, timeSpentSeconds: true },
  });
  const base = {
    id: unit.id,
    slug: unit.slug,
    kind: unit.kind,
    title: unit.title,
    html: renderMarkdown(unit.body),
    durationMinutes: unit.durationMinutes,
    required: unit.required,
    phase: unit.phase.title,
    module: unit.phase.module,
    status: progress?.status ?? "NOT_STARTED",
    completedAt: progress?.completedAt?.toISOString() ?? null,
    openedAt: now.getTime(),
  };

  if (unit.kind === "QUIZ") {
    const [questions, attempts] = await Promise.all([
      prisma.question.findMany({
        where: { unitId: unit.id, archivedAt: null },
        orderBy: { position: "asc" },
        select: { key: true, type: true, text: true, options: true, feedback: true },
      }),
      prisma.quizAttempt.findMany({
        where: { personId: learner.personId, unitId: unit.id },
        orderBy: { number: "asc" },
        select: { number: true, score: true, maxScore: true, passed: true, submittedAt: true, answers: true },
      }),
    ]);
    const passed = attempts.some((a) => a.passed);
    const last = attempts.at(-1);
    const lastAnswers = last ? (JSON.parse(last.answers) as Answers) : null;
    return {
      ...base,
      quiz: {
        passMark: unit.passMark ?? 0,
        maxAttempts: unit.maxAttempts ?? 0,
        testRole: unit.testRole,
        canAttempt: canAttempt(unit.maxAttempts ?? 0, attempts.length, passed),
        passed,
        attempts: attempts.map((a) => ({
          number: a.number,
          percent: a.maxScore ? Math.round((a.score / a.maxScore) * 1000) / 10 : 0,
          passed: a.passed,
          submittedAt: a.submittedAt.toISOString(),
        })),
        // Options go to the page without their `correct` flag.
        questions: questions.map((q) => {
          const options = parseOptions(q.options);
          const chosen = lastAnswers?.[q.key] ?? null;
          const correctIds = options.filter((o) => o.correct).map((o) => o.id);
          const lastCorrect =
            chosen === null
              ? null
              : q.type === "MULTIPLE"
                ? chosen.length === correctIds.length && chosen.every((c) => correctIds.includes(c))
                : chosen.length === 1 && correctIds.includes(chosen[0]);
          return {
            key: q.key,
            type: q.type,
            text: q.text,
            options: options.map((o) => ({ id: o.id, text: o.text })),
            last: chosen === null ? null : { chosen, correct: lastCorrect, feedback: q.feedback },
          };
        }),
      },
    };
  }

  if (unit.kind === "LAB") {
    const [submissions, sessions] = await Promise.all([
      prisma.labSubmission.findMany({
        where: { personId: learner.personId, unitId: unit.id },
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          text: true,
          fileName: true,
          fileSize: true,
          status: true,
          feedback: true,
          submittedAt: true,
          reviewedAt: true,
        },
      }),
      learnerSessions(learner, unit.phase.module.id, unit.id),
    ]);
    const latest = submissions[0];
    return {
      ...base,
      lab: {
        acceptsText: unit.acceptsText,
        acceptsFile: unit.acceptsFile,
        canSubmit: (unit.acceptsText || unit.acceptsFile) && (!latest || latest.status === "TO_REVISE"),
        submissions: submissions.map((s) => ({
          ...s,
          submittedAt: s.submittedAt.toISOString(),
          reviewedAt: s.reviewedAt?.toISOString() ?? null,
        })),
      },
      sessions: sessions.map((s) => sessionView(s, now)),
    };
  }

  if (unit.kind === "SURVEY") {
    const [items, response] = await Promise.all([
      prisma.surveyItem.findMany({
        where: { unitId: unit.id, archivedAt: null },
        orderBy: { position: "asc" },
        select: { key: true, type: true, dimension: true, text: true },
      }),
      prisma.surveyResponse.findUnique({
        where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
        select: { submittedAt: true },
      }),
    ]);
    return { ...base, survey: { items, answeredAt: response?.submittedAt.toISOString() ?? null } };
  }

  if (unit.kind === "SEMINAR") {
    const sessions = await learnerSessions(learner, unit.phase.module.id, unit.id);
    return { ...base, sessions: sessions.map((s) => sessionView(s, now)) };
  }

  return base;
}

export type UnitPage = NonNullable<Awaited<ReturnType<typeof getUnitPage>>>;

// ───────────────────────────── events ─────────────────────────────

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A certificate verification code: 10 characters without look-alikes (about 50 bits). */
export function newCertificateCode() {
  return Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/**
 * Recomputes the module's stored completion and, the first time it is complete, issues the
 * certificate — inside the caller's transaction, with audit rows.
 */
export async function afterProgressEvent(
  tx: Tx,
  personId: number,
  moduleId: number,
  actorId: number | null,
  meta: Meta,
) {
  const now = meta.now ?? new Date();
  const before = await tx.moduleProgress.findUnique({
    where: { personId_moduleId: { personId, moduleId } },
    select: { status: true },
  });
  const activityAt = meta.activityAt === undefined ? now : (meta.activityAt ?? undefined);
  const completion = await recomputeModuleProgress(tx, personId, moduleId, { now, activityAt });
  if (completion.status === "COMPLETED" && before?.status !== "COMPLETED") {
    await audit(tx, {
      actorId,
      action: "module.complete",
      entity: "ModuleProgress",
      entityId: `${personId}:${moduleId}`,
      before: { status: before?.status ?? "NOT_STARTED" },
      after: { status: "COMPLETED" },
      requestId: meta.requestId,
    });
  }
  if (completion.status === "COMPLETED") {
    const existing = await tx.certificate.findUnique({
      where: { personId_moduleId: { personId, moduleId } },
      select: { id: true },
    });
    if (!existing) {
      const stored = await tx.moduleProgress.findUniqueOrThrow({
        where: { personId_moduleId: { personId, moduleId } },
        select: { attendedMinutes: true },
      });
      const certificate = await tx.certificate.create({
        data: {
          code: newCertificateCode(),
          personId,
          moduleId,
          attendedMinutes: stored.attendedMinutes,
          issuedAt: now,
        },
        select: { id: true, code: true },
      });
      await audit(tx, {
        actorId,
        action: "certificate.issue",
        entity: "Certificate",
        entityId: certificate.id,
        after: certificate,
        requestId: meta.requestId,
      });
    }
  }
  return completion;
}

/**
 * Runs an event in a transaction; a unique-constraint race (the same event twice at once)
 * is retried once, when the second run sees the first one's result and changes nothing.
 */
async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(fn, { timeout: 20_000 });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return prisma.$transaction(fn, { timeout: 20_000 });
    }
    throw error;
  }
}

/** At most this much time is credited for one reading of a lesson. */
const MAX_LESSON_SECONDS_FACTOR = 3;

/** "Segna come completata": completes a lesson once, crediting the time spent reading. */
export async function completeLesson(
  learner: Learner,
  moduleSlug: string,
  unitSlug: string,
  openedAt: number | undefined,
  meta: Meta,
) {
  const now = meta.now ?? new Date();
  const unit = await findLearnerUnit(learner, moduleSlug, unitSlug);
  if (!unit || unit.kind !== "LESSON") return null;
  const cap = unit.durationMinutes * 60 * MAX_LESSON_SECONDS_FACTOR;
  const spent =
    openedAt && openedAt <= now.getTime() ? Math.min(cap, Math.round((now.getTime() - openedAt) / 1000)) : 0;
  return inTransaction(async (tx) => {
    const existing = await tx.progress.findUnique({
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      select: { status: true },
    });
    if (isDone(existing?.status)) return { changed: false };
    await tx.progress.upsert({
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      create: {
        personId: learner.personId,
        unitId: unit.id,
        status: "COMPLETED",
        startedAt: openedAt ? new Date(openedAt) : now,
        completedAt: now,
        timeSpentSeconds: spent,
      },
      update: { status: "COMPLETED", completedAt: now, timeSpentSeconds: { increment: spent } },
    });
    await afterProgressEvent(tx, learner.personId, unit.phase.module.id, learner.userId, meta);
    return { changed: true };
  });
}

export type QuizSubmitResult = { ok: true; passed: boolean; percent: number } | { ok: false; reason: "closed" };

/** Grades a quiz attempt on the server and records it (and the level per competence). */
export async function submitQuiz(
  learner: Learner,
  moduleSlug: string,
  unitSlug: string,
  answers: Answers,
  meta: Meta,
): Promise<QuizSubmitResult | null> {
  const now = meta.now ?? new Date();
  const unit = await findLearnerUnit(learner, moduleSlug, unitSlug);
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
  return inTransaction(async (tx) => {
    const attempts = await tx.quizAttempt.findMany({
      where: { personId: learner.personId, unitId: unit.id },
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
        personId: learner.personId,
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
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      select: { score: true },
    });
    const best = Math.max(previous?.score ?? 0, result.percent);
    await tx.progress.upsert({
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      create: {
        personId: learner.personId,
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
    await audit(tx, {
      actorId: learner.userId,
      action: "quiz.attempt",
      entity: "QuizAttempt",
      entityId: attempt.id,
      after: { number: attempt.number, percent: result.percent, passed: result.passed },
      requestId: meta.requestId,
    });
    await afterProgressEvent(tx, learner.personId, unit.phase.module.id, learner.userId, meta);
    return { ok: true as const, passed: result.passed, percent: result.percent };
  });
}

export type LabSubmission = {
  text: string | null;
  file: { key: string; name: string; mime: string; size: number } | null;
};

/** Hands in a lab deliverable (a new version after "to revise"). The trainer accepts it later. */
export async function submitLab(
  learner: Learner,
  moduleSlug: string,
  unitSlug: string,
  input: LabSubmission,
  meta: Meta,
) {
  const now = meta.now ?? new Date();
  const unit = await findLearnerUnit(learner, moduleSlug, unitSlug);
  if (!unit || unit.kind !== "LAB") return null;
  return inTransaction(async (tx) => {
    const latest = await tx.labSubmission.findFirst({
      where: { personId: learner.personId, unitId: unit.id },
      orderBy: { version: "desc" },
      select: { version: true, status: true },
    });
    if (latest && latest.status !== "TO_REVISE") return { ok: false as const, reason: "closed" as const };
    const edition = await tx.edition.findFirst({
      where: { moduleId: unit.phase.module.id, enrolments: { some: { personId: learner.personId, status: "ACTIVE" } } },
      orderBy: { startsOn: "desc" },
      select: { id: true },
    });
    const submission = await tx.labSubmission.create({
      data: {
        personId: learner.personId,
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
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      create: { personId: learner.personId, unitId: unit.id, status: "IN_PROGRESS", startedAt: now },
      update: { status: "IN_PROGRESS" },
    });
    await audit(tx, {
      actorId: learner.userId,
      action: "lab.submit",
      entity: "LabSubmission",
      entityId: submission.id,
      after: { version: submission.version, file: input.file?.name ?? null },
      requestId: meta.requestId,
    });
    await afterProgressEvent(tx, learner.personId, unit.phase.module.id, learner.userId, meta);
    return { ok: true as const, version: submission.version };
  });
}

/** Records the satisfaction questionnaire: one response per learner, never shown individually. */
export async function submitSurvey(
  learner: Learner,
  moduleSlug: string,
  unitSlug: string,
  values: Record<string, string>,
  meta: Meta,
) {
  const now = meta.now ?? new Date();
  const unit = await findLearnerUnit(learner, moduleSlug, unitSlug);
  if (!unit || unit.kind !== "SURVEY") return null;
  const items = await prisma.surveyItem.findMany({
    where: { unitId: unit.id, archivedAt: null },
    select: { id: true, key: true, type: true },
  });
  const errors: Record<string, string[]> = {};
  const answers: { itemId: number; value: number | null; text: string | null }[] = [];
  for (const item of items) {
    const raw = (values[`item-${item.key}`] ?? "").trim();
    if (item.type === "LIKERT") {
      const n = Number(raw);
      if (!/^[1-5]$/.test(raw)) errors[`item-${item.key}`] = ["Scegli un valore da 1 a 5."];
      else answers.push({ itemId: item.id, value: n, text: null });
    } else if (raw.length > 2000) {
      errors[`item-${item.key}`] = ["Il commento può avere al massimo 2000 caratteri."];
    } else if (raw) {
      answers.push({ itemId: item.id, value: null, text: raw });
    }
  }
  if (Object.keys(errors).length) return { ok: false as const, errors };
  return inTransaction(async (tx) => {
    const existing = await tx.surveyResponse.findUnique({
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      select: { id: true },
    });
    if (existing) return { ok: true as const, changed: false };
    await tx.surveyResponse.create({
      data: { personId: learner.personId, unitId: unit.id, submittedAt: now, answers: { create: answers } },
    });
    await tx.progress.upsert({
      where: { personId_unitId: { personId: learner.personId, unitId: unit.id } },
      create: { personId: learner.personId, unitId: unit.id, status: "COMPLETED", startedAt: now, completedAt: now },
      update: { status: "COMPLETED", completedAt: now },
    });
    await afterProgressEvent(tx, learner.personId, unit.phase.module.id, learner.userId, meta);
    return { ok: true as const, changed: true };
  });
}

export type CheckInResult = { ok: true; changed: boolean } | { ok: false; field: "code" | "session"; message: string };

/**
 * Self check-in with the short code the trainer shows, valid from 15 minutes before the
 * start to the end of the session. Records presence and minutes; a second check-in changes
 * nothing. Presence at a seminar (or a lab with nothing to hand in) completes its unit.
 */
export async function checkIn(learner: Learner, sessionId: number, code: string, meta: Meta): Promise<CheckInResult> {
  const now = meta.now ?? new Date();
  const session = await prisma.session.findFirst({
    where: {
      id: sessionId,
      cancelledAt: null,
      edition: { enrolments: { some: { personId: learner.personId, status: "ACTIVE" } } },
    },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      checkInCode: true,
      edition: { select: { moduleId: true } },
      unit: { select: { id: true, kind: true, acceptsText: true, acceptsFile: true, archivedAt: true } },
    },
  });
  if (!session) return { ok: false, field: "session", message: "Incontro non trovato." };
  const opens = new Date(session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000);
  if (now < opens || now > session.endsAt) {
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
  return inTransaction(async (tx) => {
    const existing = await tx.attendance.findUnique({
      where: { sessionId_personId: { sessionId: session.id, personId: learner.personId } },
      select: { id: true, status: true, minutes: true, mode: true },
    });
    if (existing?.status === "PRESENT") return { ok: true as const, changed: false };
    const minutes = minutesBetween(now > session.startsAt ? now : session.startsAt, session.endsAt);
    const mode: "ONLINE" | "PRESENCE" = session.mode === "ONLINE" ? "ONLINE" : "PRESENCE";
    const after = { status: "PRESENT" as const, minutes, mode, checkInAt: now, selfCheckIn: true };
    const saved = await tx.attendance.upsert({
      where: { sessionId_personId: { sessionId: session.id, personId: learner.personId } },
      create: { sessionId: session.id, personId: learner.personId, ...after },
      update: after,
      select: { id: true },
    });
    await audit(tx, {
      actorId: learner.userId,
      action: "attendance.self_check_in",
      entity: "Attendance",
      entityId: saved.id,
      before: existing ? { status: existing.status, minutes: existing.minutes } : null,
      after: { status: "PRESENT", minutes, mode },
      requestId: meta.requestId,
    });
    const u = session.unit;
    if (u && !u.archivedAt && (u.kind === "SEMINAR" || (u.kind === "LAB" && !u.acceptsText && !u.acceptsFile))) {
      await tx.progress.upsert({
        where: { personId_unitId: { personId: learner.personId, unitId: u.id } },
        create: { personId: learner.personId, unitId: u.id, status: "COMPLETED", startedAt: now, completedAt: now },
        update: { status: "COMPLETED", completedAt: now },
      });
    }
    await afterProgressEvent(tx, learner.personId, session.edition.moduleId, learner.userId, meta);
    return { ok: true as const, changed: true };
  });
}

/**
 * The learner's pages: a module with its phases, units and sessions, and a unit with what
 * its kind needs. Every read is scoped to the learner's own records and active enrolments
 * (`OwnScope`); the events that change progress are in `learner-events.server.ts`.
 */
import { audiencesFor, enrolledModuleWhere, type OwnScope } from "~/access/scope.server";
import { isCheckInOpen, isDone, isForLearner, requiredAttendanceMinutes, sessionMinutes } from "~/domain/completion";
import { canAttempt, type Answers, type QuizOption } from "~/domain/quiz";
import { SESSION_WHEN_WHERE } from "~/models/selects.server";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";

/** Sessions of the learner's active enrolments in the module, with their own attendance. */
function learnerSessions(scope: OwnScope, moduleId: number, unitId?: number) {
  return prisma.session.findMany({
    where: {
      cancelledAt: null,
      ...(unitId ? { unitId } : {}),
      edition: { moduleId, enrolments: { some: { personId: scope.personId, status: "ACTIVE" } } },
    },
    orderBy: { startsAt: "asc" },
    select: {
      ...SESSION_WHEN_WHERE,
      unit: { select: { slug: true, title: true } },
      attendances: { where: { personId: scope.personId }, select: { status: true, minutes: true, checkInAt: true } },
    },
  });
}

function sessionView(s: Awaited<ReturnType<typeof learnerSessions>>[number], now: Date) {
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
    hours: sessionMinutes(s) / 60,
    attendance: attendance ? { status: attendance.status, minutes: attendance.minutes } : null,
    checkInOpen: isCheckInOpen(s, now) && attendance?.status !== "PRESENT",
    past: s.endsAt < now,
  };
}

/** The module page: phases and units for the learner, with status, what is left and attendance. */
export async function getModulePage({ scope, slug, now = new Date() }: { scope: OwnScope; slug: string; now?: Date }) {
  const module = await prisma.module.findFirst({
    where: enrolledModuleWhere(scope, slug),
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
      where: { personId: scope.personId, unit: { phase: { moduleId: module.id } } },
      select: { unitId: true, status: true, score: true },
    }),
    prisma.moduleProgress.findUnique({
      where: { personId_moduleId: { personId: scope.personId, moduleId: module.id } },
    }),
    prisma.phaseProgress.findMany({
      where: { personId: scope.personId, phase: { moduleId: module.id } },
      select: { phaseId: true, status: true },
    }),
    learnerSessions(scope, module.id),
    prisma.certificate.findUnique({
      where: { personId_moduleId: { personId: scope.personId, moduleId: module.id } },
      select: { code: true, issuedAt: true, revokedAt: true },
    }),
  ]);
  const status = new Map(progress.map((p) => [p.unitId, p]));
  const scheduled = stored?.scheduledMinutes ?? 0;
  const requiredMinutes = requiredAttendanceMinutes(scheduled, module.attendanceThreshold);
  const phases = module.phases.map((ph) => {
    const units = ph.units
      .filter((u) => isForLearner(u.audience, scope.position))
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
export function findLearnerUnit({
  scope,
  moduleSlug,
  unitSlug,
}: {
  scope: OwnScope;
  moduleSlug: string;
  unitSlug: string;
}) {
  return prisma.unit.findFirst({
    where: {
      slug: unitSlug,
      archivedAt: null,
      audience: { in: audiencesFor(scope.position) },
      phase: { archivedAt: null, module: enrolledModuleWhere(scope, moduleSlug) },
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
      phase: { select: { title: true, slug: true, module: { select: { id: true, slug: true, title: true } } } },
    },
  });
}

/** The options of a stored question (JSON text). */
export const parseOptions = (json: string) => JSON.parse(json) as QuizOption[];

/** The unit page: text, status and what the unit's kind needs (questions, submissions, items, sessions). */
export async function getUnitPage({
  scope,
  moduleSlug,
  unitSlug,
  now = new Date(),
}: {
  scope: OwnScope;
  moduleSlug: string;
  unitSlug: string;
  now?: Date;
}) {
  const unit = await findLearnerUnit({ scope, moduleSlug, unitSlug });
  if (!unit) return null;
  const progress = await prisma.progress.findUnique({
    where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
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
    phaseSlug: unit.phase.slug,
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
        where: { personId: scope.personId, unitId: unit.id },
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
        where: { personId: scope.personId, unitId: unit.id },
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
      learnerSessions(scope, unit.phase.module.id, unit.id),
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
        where: { personId_unitId: { personId: scope.personId, unitId: unit.id } },
        select: { submittedAt: true },
      }),
    ]);
    return { ...base, survey: { items, answeredAt: response?.submittedAt.toISOString() ?? null } };
  }

  if (unit.kind === "SEMINAR") {
    const sessions = await learnerSessions(scope, unit.phase.module.id, unit.id);
    return { ...base, sessions: sessions.map((s) => sessionView(s, now)) };
  }

  return base;
}

export type UnitPage = NonNullable<Awaited<ReturnType<typeof getUnitPage>>>;

/**
 * The trainer's side: editions assigned to them, the roster with progress and risk, the
 * learner × unit matrix and the drill-down. Editions are found within the trainer's scope
 * (`editionWhere`): a `TrainerEdition` exists only for an edition the user trains, and the
 * reads below that take one are scoped by it.
 */
import { editionWhere, type TrainerScope } from "~/access/scope.server";
import { isForLearner, requiredAttendanceMinutes, sessionMinutes } from "~/domain/completion";
import type { RosterParams } from "~/domain/trainer-schema";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { sqliteDate } from "~/utils/time";
import { EDITION_SUMMARY, editionSummary } from "./selects.server";

/** The edition if the scope's trainer runs it, else null. */
export function findTrainerEdition({ id, scope }: { id: number; scope: TrainerScope }) {
  return prisma.edition.findFirst({
    where: { id, ...editionWhere(scope) },
    select: {
      ...EDITION_SUMMARY,
      atRiskDays: true,
      module: {
        select: { title: true, slug: true, attendanceThreshold: true, programme: { select: { title: true } } },
      },
      trainers: { select: { user: { select: { person: { select: { firstName: true, lastName: true } } } } } },
    },
  });
}
export type TrainerEdition = NonNullable<Awaited<ReturnType<typeof findTrainerEdition>>>;

/** "Le mie edizioni": the trainer's editions with enrolment, sessions and completion counts. */
export async function listTrainerEditions({ scope, now = new Date() }: { scope: TrainerScope; now?: Date }) {
  const editions = await prisma.edition.findMany({
    where: editionWhere(scope),
    orderBy: [{ startsOn: "asc" }, { code: "asc" }],
    select: {
      ...EDITION_SUMMARY,
      _count: { select: { enrolments: { where: { status: "ACTIVE" } } } },
      sessions: { where: { cancelledAt: null }, select: { endsAt: true } },
    },
  });
  const ids = editions.map((e) => e.id);
  // One aggregate for all editions: completed learners per edition.
  const completed = ids.length
    ? await prisma.$queryRaw<{ editionId: number; n: bigint | number }[]>`
        SELECT e."editionId" AS "editionId", COUNT(*) AS "n"
        FROM "Enrolment" e
        JOIN "Edition" ed ON ed.id = e."editionId"
        JOIN "ModuleProgress" mp ON mp."personId" = e."personId" AND mp."moduleId" = ed."moduleId"
        WHERE e.status = 'ACTIVE' AND mp.status = 'COMPLETED' AND e."editionId" IN (${Prisma.join(ids)})
        GROUP BY e."editionId"`
    : [];
  const completedBy = new Map(completed.map((r) => [r.editionId, Number(r.n)]));
  return editions.map((e) => ({
    ...editionSummary(e),
    enrolled: e._count.enrolments,
    sessionsHeld: e.sessions.filter((s) => s.endsAt < now).length,
    sessionsPlanned: e.sessions.length,
    completed: completedBy.get(e.id) ?? 0,
  }));
}

type RosterRow = {
  personId: number;
  name: string;
  organisationId: number;
  organisation: string;
  position: "ADMINISTRATOR" | "EMPLOYEE" | "EXTERNAL";
  status: "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED";
  requiredUnits: number;
  completedUnits: number;
  scheduledMinutes: number;
  attendedMinutes: number;
  heldMinutes: number;
  lastActivityAt: string | null;
  enrolledAt: string;
  atRisk: number;
  total: number;
};

const ORDER: Record<RosterParams["sort"], Prisma.Sql> = {
  name: Prisma.sql`name`,
  organisation: Prisma.sql`organisation`,
  position: Prisma.sql`position`,
  progress: Prisma.sql`CASE WHEN requiredUnits = 0 THEN 1.0 ELSE completedUnits * 1.0 / requiredUnits END`,
  attendance: Prisma.sql`attendedMinutes`,
  lastActivity: Prisma.sql`COALESCE(lastActivityAt, '')`,
  status: Prisma.sql`CASE status WHEN 'COMPLETED' THEN 2 WHEN 'IN_PROGRESS' THEN 1 ELSE 0 END`,
};

/**
 * The edition's roster, one row per active enrolment, with stored progress, attendance
 * against the sessions held so far, and the at-risk flag — filtered, sorted and paged by
 * SQLite. At risk = not complete and (no activity for `atRiskDays` days — counted from
 * enrolment when there was none — or, in this edition, minutes attended below the
 * module's threshold of the minutes of the sessions held so far).
 */
export async function getRoster({
  edition,
  params,
  now = new Date(),
}: {
  edition: TrainerEdition;
  params: RosterParams;
  now?: Date;
}) {
  const nowText = sqliteDate(now);
  const staleBefore = sqliteDate(new Date(now.getTime() - edition.atRiskDays * 24 * 3600 * 1000));
  const threshold = edition.module.attendanceThreshold;
  const where: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (params.org) where.push(Prisma.sql`organisationId = ${params.org}`);
  if (params.position) where.push(Prisma.sql`position = ${params.position}`);
  if (params.status) where.push(Prisma.sql`status = ${params.status}`);
  if (params.risk) where.push(Prisma.sql`atRisk = 1`);
  const direction = params.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;

  const cteFor = (only: Prisma.Sql) => Prisma.sql`
    WITH enrolled AS (
      SELECT en."personId" AS personId, en."enrolledAt" AS enrolledAt
      FROM "Enrolment" en WHERE en."editionId" = ${edition.id} AND en.status = 'ACTIVE' ${only}
    ),
    held AS (
      SELECT s.id, CAST(ROUND((julianday(s."endsAt") - julianday(s."startsAt")) * 1440) AS INTEGER) AS minutes
      FROM "Session" s
      WHERE s."editionId" = ${edition.id} AND s."cancelledAt" IS NULL AND s."endsAt" < ${nowText}
    ),
    att AS (
      SELECT e.personId,
        COALESCE(SUM(CASE WHEN a.status IS NULL OR a.status <> 'NOT_EXPECTED' THEN h.minutes ELSE 0 END), 0) AS heldMinutes,
        COALESCE(SUM(CASE WHEN a.status = 'PRESENT' THEN a.minutes ELSE 0 END), 0) AS attendedHeld
      FROM enrolled e CROSS JOIN held h
      LEFT JOIN "Attendance" a ON a."sessionId" = h.id AND a."personId" = e.personId
      GROUP BY e.personId
    ),
    roster AS (
      SELECT p.id AS personId,
        p."lastName" || ' ' || p."firstName" AS name,
        o.id AS organisationId, o.name AS organisation, p.position AS position,
        COALESCE(mp.status, 'NOT_STARTED') AS status,
        COALESCE(mp."requiredUnits", 0) AS requiredUnits,
        COALESCE(mp."completedUnits", 0) AS completedUnits,
        COALESCE(mp."scheduledMinutes", 0) AS scheduledMinutes,
        COALESCE(mp."attendedMinutes", 0) AS attendedMinutes,
        COALESCE(att.heldMinutes, 0) AS heldMinutes,
        mp."lastActivityAt" AS lastActivityAt,
        e.enrolledAt AS enrolledAt,
        CASE WHEN COALESCE(mp.status, 'NOT_STARTED') <> 'COMPLETED' AND (
               COALESCE(mp."lastActivityAt", e.enrolledAt) < ${staleBefore}
            OR COALESCE(att.attendedHeld, 0) * 1.0 < COALESCE(att.heldMinutes, 0) * ${threshold}
          ) THEN 1 ELSE 0 END AS atRisk
      FROM enrolled e
      JOIN "Person" p ON p.id = e.personId
      JOIN "Organisation" o ON o.id = p."organisationId"
      LEFT JOIN "ModuleProgress" mp ON mp."personId" = p.id AND mp."moduleId" = ${edition.moduleId}
      LEFT JOIN att ON att.personId = p.id
    )`;
  const offset = (params.page - 1) * params.size;
  let rows: RosterRow[];
  let total: number;
  if (params.sort === "name" || params.sort === "organisation" || params.sort === "position") {
    if (!params.status && !params.risk) {
      // Sorting and filtering on the people's own columns: pick the page first, then compute
      // progress, attendance and risk for those rows only (a 3,000-learner edition costs
      // the same as a small one).
      const personWhere: Prisma.Sql[] = [Prisma.sql`1 = 1`];
      if (params.org) personWhere.push(Prisma.sql`p."organisationId" = ${params.org}`);
      if (params.position) personWhere.push(Prisma.sql`p.position = ${params.position}`);
      const order = {
        name: Prisma.sql`p."lastName" || ' ' || p."firstName"`,
        organisation: Prisma.sql`o.name`,
        position: Prisma.sql`p.position`,
      }[params.sort];
      const page = await prisma.$queryRaw<{ personId: number; total: bigint }[]>`
        SELECT p.id AS personId, COUNT(*) OVER () AS total
        FROM "Enrolment" en JOIN "Person" p ON p.id = en."personId" JOIN "Organisation" o ON o.id = p."organisationId"
        WHERE en."editionId" = ${edition.id} AND en.status = 'ACTIVE' AND ${Prisma.join(personWhere, " AND ")}
        ORDER BY ${order} ${direction}, p."lastName" || ' ' || p."firstName" ASC, p.id ASC
        LIMIT ${params.size} OFFSET ${offset}`;
      const ids = page.map((r) => Number(r.personId));
      total = page.length
        ? Number(page[0].total)
        : Number(
            (
              await prisma.$queryRaw<{ n: bigint }[]>`
            SELECT COUNT(*) AS n FROM "Enrolment" en JOIN "Person" p ON p.id = en."personId"
            WHERE en."editionId" = ${edition.id} AND en.status = 'ACTIVE' AND ${Prisma.join(personWhere, " AND ")}`
            )[0].n,
          );
      const computed = ids.length
        ? await prisma.$queryRaw<
            RosterRow[]
          >`${cteFor(Prisma.sql`AND en."personId" IN (${Prisma.join(ids)})`)} SELECT * FROM roster`
        : [];
      const byId = new Map(computed.map((r) => [Number(r.personId), r]));
      rows = ids.map((id) => byId.get(id)!).filter(Boolean);
      return finishRoster(edition, rows, total);
    }
  }
  const cte = cteFor(Prisma.empty);
  rows = await prisma.$queryRaw<RosterRow[]>`
    ${cte}
    SELECT *, COUNT(*) OVER () AS total FROM roster
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${ORDER[params.sort]} ${direction}, name ASC, personId ASC
    LIMIT ${params.size} OFFSET ${offset}`;

  // Past the last page there are no rows to carry the total: count it on its own.
  total = rows.length
    ? Number(rows[0].total)
    : Number(
        (
          await prisma.$queryRaw<
            { n: bigint }[]
          >`${cte} SELECT COUNT(*) AS n FROM roster WHERE ${Prisma.join(where, " AND ")}`
        )[0].n,
      );
  return finishRoster(edition, rows, total);
}

/** Phase progress and quiz results for the page's rows only. */
async function finishRoster(edition: TrainerEdition, rows: RosterRow[], total: number) {
  const ids = rows.map((r) => Number(r.personId));
  const [phases, quizzes] = await Promise.all([
    prisma.phaseProgress.findMany({
      where: { personId: { in: ids }, phase: { moduleId: edition.moduleId, archivedAt: null } },
      select: {
        personId: true,
        completedUnits: true,
        requiredUnits: true,
        phase: { select: { id: true, position: true } },
      },
    }),
    prisma.progress.findMany({
      where: { personId: { in: ids }, unit: { kind: "QUIZ", archivedAt: null, phase: { moduleId: edition.moduleId } } },
      select: { personId: true, status: true, score: true },
    }),
  ]);
  const quizCount = await prisma.unit.count({
    where: { kind: "QUIZ", archivedAt: null, phase: { moduleId: edition.moduleId, archivedAt: null } },
  });
  return {
    total,
    rows: rows.map((r) => {
      const id = Number(r.personId);
      const mine = quizzes.filter((q) => q.personId === id);
      return {
        personId: id,
        name: r.name,
        organisation: r.organisation,
        position: r.position,
        status: r.status,
        atRisk: Number(r.atRisk) === 1,
        requiredUnits: Number(r.requiredUnits),
        completedUnits: Number(r.completedUnits),
        phases: phases
          .filter((p) => p.personId === id)
          .sort((a, b) => a.phase.position - b.phase.position)
          .map((p) => `${p.completedUnits}/${p.requiredUnits}`),
        attendedMinutes: Number(r.attendedMinutes),
        requiredMinutes: requiredAttendanceMinutes(Number(r.scheduledMinutes), edition.module.attendanceThreshold),
        heldMinutes: Number(r.heldMinutes),
        quizzes: { passed: mine.filter((q) => q.status === "PASSED").length, total: quizCount },
        lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt).toISOString() : null,
      };
    }),
  };
}

/** Organisations of the edition's learners, for the roster filter. */
export function rosterOrganisations({ edition }: { edition: TrainerEdition }) {
  return prisma.organisation.findMany({
    where: { people: { some: { enrolments: { some: { editionId: edition.id, status: "ACTIVE" } } } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** Learner × unit matrix of the edition (units of its phase, or of the whole module). */
export async function getMatrix({ edition }: { edition: TrainerEdition }) {
  const [units, people] = await Promise.all([
    prisma.unit.findMany({
      where: {
        archivedAt: null,
        phase: { moduleId: edition.moduleId, archivedAt: null, ...(edition.phaseId ? { id: edition.phaseId } : {}) },
      },
      orderBy: [{ phase: { position: "asc" } }, { position: "asc" }],
      select: { id: true, title: true, kind: true, required: true, audience: true },
    }),
    prisma.person.findMany({
      where: { enrolments: { some: { editionId: edition.id, status: "ACTIVE" } } },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      select: { id: true, firstName: true, lastName: true, position: true },
    }),
  ]);
  const progress = await prisma.progress.findMany({
    where: { personId: { in: people.map((p) => p.id) }, unitId: { in: units.map((u) => u.id) } },
    select: { personId: true, unitId: true, status: true },
  });
  const key = (p: number, u: number) => `${p}:${u}`;
  const status = new Map(progress.map((p) => [key(p.personId, p.unitId), p.status]));
  return {
    units: units.map((u) => ({ id: u.id, title: u.title, kind: u.kind, required: u.required })),
    rows: people.map((p) => ({
      personId: p.id,
      name: `${p.lastName} ${p.firstName}`,
      cells: units.map((u) =>
        isForLearner(u.audience, p.position) ? (status.get(key(p.id, u.id)) ?? "NOT_STARTED") : null,
      ),
    })),
  };
}

/** "Le mie edizioni" counters: deliverables waiting and past sessions without attendance. */
export async function pendingWork({ scope, now = new Date() }: { scope: TrainerScope; now?: Date }) {
  const [toGrade, sessions] = await Promise.all([
    prisma.labSubmission.groupBy({
      by: ["editionId"],
      where: { status: "SUBMITTED", edition: editionWhere(scope) },
      _count: { _all: true },
    }),
    prisma.session.findMany({
      where: {
        cancelledAt: null,
        endsAt: { lt: now },
        edition: editionWhere(scope),
        attendances: { none: {} },
      },
      select: { editionId: true },
    }),
  ]);
  const missing = new Map<number, number>();
  for (const s of sessions) missing.set(s.editionId, (missing.get(s.editionId) ?? 0) + 1);
  return {
    toGrade: new Map(toGrade.map((g) => [g.editionId ?? 0, g._count._all])),
    sessionsWithoutAttendance: missing,
  };
}

/** One learner of the edition as the trainer sees them, with the history of their records. */
export async function getLearnerInEdition({ edition, personId }: { edition: TrainerEdition; personId: number }) {
  const person = await prisma.person.findFirst({
    where: { id: personId, enrolments: { some: { editionId: edition.id } } },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      position: true,
      role: true,
      office: true,
      email: true,
      organisation: { select: { name: true } },
    },
  });
  if (!person) return null;
  const unitScope = {
    archivedAt: null,
    phase: { moduleId: edition.moduleId, archivedAt: null, ...(edition.phaseId ? { id: edition.phaseId } : {}) },
  };
  const [units, attempts, attendance, submissions, stored, certificates] = await Promise.all([
    prisma.unit.findMany({
      where: unitScope,
      orderBy: [{ phase: { position: "asc" } }, { position: "asc" }],
      select: {
        id: true,
        title: true,
        kind: true,
        required: true,
        audience: true,
        progress: {
          where: { personId },
          select: { status: true, score: true, attempts: true, completedAt: true, timeSpentSeconds: true },
        },
      },
    }),
    prisma.quizAttempt.findMany({
      where: { personId, unit: unitScope },
      orderBy: { submittedAt: "asc" },
      select: {
        id: true,
        number: true,
        score: true,
        maxScore: true,
        passed: true,
        submittedAt: true,
        unit: { select: { title: true } },
      },
    }),
    prisma.session.findMany({
      where: { editionId: edition.id },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        title: true,
        startsAt: true,
        endsAt: true,
        cancelledAt: true,
        attendances: {
          where: { personId },
          select: { id: true, status: true, minutes: true, mode: true, selfCheckIn: true },
        },
      },
    }),
    prisma.labSubmission.findMany({
      where: { personId, unit: unitScope },
      orderBy: { submittedAt: "asc" },
      select: {
        id: true,
        version: true,
        status: true,
        fileName: true,
        feedback: true,
        submittedAt: true,
        unit: { select: { title: true } },
      },
    }),
    prisma.moduleProgress.findUnique({ where: { personId_moduleId: { personId, moduleId: edition.moduleId } } }),
    prisma.certificate.findMany({
      where: { personId, moduleId: edition.moduleId },
      select: { id: true, code: true, issuedAt: true, revokedAt: true },
    }),
  ]);
  const ids = (xs: { id: number }[]) => xs.map((x) => String(x.id));
  const history = await prisma.auditLog.findMany({
    where: {
      OR: [
        { entity: "Attendance", entityId: { in: attendance.flatMap((s) => ids(s.attendances)) } },
        { entity: "LabSubmission", entityId: { in: ids(submissions) } },
        { entity: "QuizAttempt", entityId: { in: ids(attempts) } },
        { entity: "Certificate", entityId: { in: ids(certificates) } },
        { entity: "ModuleProgress", entityId: `${personId}:${edition.moduleId}` },
      ],
    },
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true,
      action: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { person: { select: { firstName: true, lastName: true } } } },
    },
  });
  return {
    person: { ...person, organisation: person.organisation.name },
    stored: stored
      ? {
          status: stored.status,
          completedUnits: stored.completedUnits,
          requiredUnits: stored.requiredUnits,
          attendedMinutes: stored.attendedMinutes,
          scheduledMinutes: stored.scheduledMinutes,
        }
      : null,
    units: units
      .filter((u) => isForLearner(u.audience, person.position))
      .map((u) => ({
        id: u.id,
        title: u.title,
        kind: u.kind,
        required: u.required,
        progress: u.progress[0]
          ? { ...u.progress[0], completedAt: u.progress[0].completedAt?.toISOString() ?? null }
          : null,
      })),
    attempts: attempts.map((a) => ({
      ...a,
      percent: a.maxScore ? Math.round((a.score / a.maxScore) * 1000) / 10 : 0,
      submittedAt: a.submittedAt.toISOString(),
      unit: a.unit.title,
    })),
    attendance: attendance.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      cancelled: s.cancelledAt !== null,
      record: s.attendances[0] ?? null,
    })),
    submissions: submissions.map((s) => ({ ...s, submittedAt: s.submittedAt.toISOString(), unit: s.unit.title })),
    certificates: certificates.map((c) => ({
      code: c.code,
      issuedAt: c.issuedAt.toISOString(),
      revoked: c.revokedAt !== null,
    })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      before: h.before,
      after: h.after,
      at: h.createdAt.toISOString(),
      actor: h.actor ? `${h.actor.person.firstName} ${h.actor.person.lastName}` : null,
    })),
  };
}

/** Attendance of the edition as one row per person × session (tidy, for exports). */
export async function* attendanceFacts({ edition }: { edition: TrainerEdition }) {
  const editionId = edition.id;
  const sessions = await prisma.session.findMany({
    where: { editionId },
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, startsAt: true, endsAt: true, mode: true, cancelledAt: true },
  });
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId, status: "ACTIVE" },
    orderBy: [{ person: { lastName: "asc" } }, { person: { firstName: "asc" } }],
    select: {
      person: {
        select: { id: true, firstName: true, lastName: true, position: true, organisation: { select: { name: true } } },
      },
    },
  });
  const attendance = await prisma.attendance.findMany({
    where: { session: { editionId } },
    select: { sessionId: true, personId: true, status: true, minutes: true, mode: true, selfCheckIn: true },
  });
  const byKey = new Map(attendance.map((a) => [`${a.sessionId}:${a.personId}`, a]));
  for (const e of enrolments) {
    for (const s of sessions) {
      const a = byKey.get(`${s.id}:${e.person.id}`);
      yield {
        lastName: e.person.lastName,
        firstName: e.person.firstName,
        organisation: e.person.organisation.name,
        position: e.person.position,
        session: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        durationMinutes: sessionMinutes(s),
        sessionMode: s.mode,
        cancelled: s.cancelledAt !== null,
        status: a?.status ?? null,
        minutes: a?.minutes ?? 0,
        mode: a?.mode ?? null,
        selfCheckIn: a?.selfCheckIn ?? false,
      };
    }
  }
}

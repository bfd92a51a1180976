/** The learner's home ("Il mio percorso"). Every query is scoped by the learner's person id. */
import type { OwnScope } from "~/access/scope.server";
import { isDone, isForLearner, requiredAttendanceMinutes } from "~/domain/completion";
import { prisma } from "~/utils/db.server";
import { SESSION_WHEN_WHERE } from "./selects.server";

/** Data of "Il mio percorso": modules with stored progress, next activity, sessions, certificates. */
export async function getLearnerHome({ scope, now = new Date() }: { scope: OwnScope; now?: Date }) {
  const { personId } = scope;
  const person = await prisma.person.findUniqueOrThrow({
    where: { id: personId },
    select: { firstName: true, position: true },
  });
  const enrolments = await prisma.enrolment.findMany({
    where: { personId, status: "ACTIVE" },
    select: { editionId: true, edition: { select: { moduleId: true } } },
  });
  const moduleIds = [...new Set(enrolments.map((e) => e.edition.moduleId))];

  const [modules, progress, unitProgress, sessions, certificates] = await Promise.all([
    prisma.module.findMany({
      where: { id: { in: moduleIds }, archivedAt: null },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        audience: true,
        attendanceThreshold: true,
        phases: {
          where: { archivedAt: null },
          orderBy: { position: "asc" },
          select: {
            title: true,
            units: {
              where: { archivedAt: null },
              orderBy: { position: "asc" },
              select: { id: true, slug: true, title: true, kind: true, required: true, audience: true },
            },
          },
        },
      },
    }),
    prisma.moduleProgress.findMany({ where: { personId, moduleId: { in: moduleIds } } }),
    prisma.progress.findMany({
      where: { personId, unit: { phase: { moduleId: { in: moduleIds } } } },
      select: { unitId: true, status: true },
    }),
    prisma.session.findMany({
      where: {
        cancelledAt: null,
        endsAt: { gte: now },
        // By edition id (index on editionId, startsAt) rather than a correlated enrolment test.
        editionId: { in: enrolments.map((e) => e.editionId) },
      },
      orderBy: { startsAt: "asc" },
      take: 6,
      select: {
        ...SESSION_WHEN_WHERE,
        edition: { select: { module: { select: { title: true } } } },
      },
    }),
    prisma.certificate.findMany({
      where: { personId },
      orderBy: { issuedAt: "desc" },
      select: {
        code: true,
        issuedAt: true,
        attendedMinutes: true,
        revokedAt: true,
        module: { select: { title: true } },
      },
    }),
  ]);

  const statusByUnit = new Map(unitProgress.map((p) => [p.unitId, p.status]));
  const position = person.position;
  return {
    firstName: person.firstName,
    modules: modules
      .filter((m) => isForLearner(m.audience, position))
      .map((m) => {
        const stored = progress.find((p) => p.moduleId === m.id);
        const next = m.phases
          .flatMap((ph) => ph.units)
          .find((u) => u.required && isForLearner(u.audience, position) && !isDone(statusByUnit.get(u.id)));
        return {
          id: m.id,
          slug: m.slug,
          title: m.title,
          status: stored?.status ?? "NOT_STARTED",
          requiredUnits: stored?.requiredUnits ?? 0,
          completedUnits: stored?.completedUnits ?? 0,
          attendedMinutes: stored?.attendedMinutes ?? 0,
          requiredMinutes: requiredAttendanceMinutes(stored?.scheduledMinutes ?? 0, m.attendanceThreshold),
          phases: m.phases.map((ph) => ph.title),
          next: next ? { title: next.title, kind: next.kind } : null,
        };
      }),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      module: s.edition.module.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      mode: s.mode,
      place: s.place,
      link: s.link,
    })),
    certificates: certificates.map((c) => ({
      code: c.code,
      module: c.module.title,
      issuedAt: c.issuedAt.toISOString(),
      hours: Math.round((c.attendedMinutes / 60) * 10) / 10,
      revoked: c.revokedAt !== null,
    })),
  };
}

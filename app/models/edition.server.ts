/** Editions as a trainer sees them: only those assigned, scoped in every query. */
import { prisma } from "~/utils/db.server";

/** "Le mie edizioni": the trainer's editions with enrolment, sessions and completion counts. */
export async function listTrainerEditions(userId: number, now = new Date()) {
  const editions = await prisma.edition.findMany({
    where: { trainers: { some: { userId } } },
    orderBy: [{ startsOn: "asc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      title: true,
      startsOn: true,
      endsOn: true,
      status: true,
      moduleId: true,
      module: { select: { title: true } },
      phase: { select: { title: true } },
      area: { select: { name: true } },
      _count: { select: { enrolments: { where: { status: "ACTIVE" } } } },
      sessions: { where: { cancelledAt: null }, select: { endsAt: true } },
    },
  });
  const ids = editions.map((e) => e.id);
  // One aggregate for all editions: completed learners per edition.
  const completed = ids.length
    ? await prisma.$queryRaw<{ editionId: number; n: bigint | number }[]>`
        SELECT e."editionId" AS "editionId", COUNT(*) AS n
        FROM "Enrolment" e
        JOIN "Edition" ed ON ed.id = e."editionId"
        JOIN "ModuleProgress" mp ON mp."personId" = e."personId" AND mp."moduleId" = ed."moduleId"
        WHERE e.status = 'ACTIVE' AND mp.status = 'COMPLETED'
          AND e."editionId" IN (SELECT "editionId" FROM "EditionTrainer" WHERE "userId" = ${userId})
        GROUP BY e."editionId"`
    : [];
  const completedBy = new Map(completed.map((r) => [r.editionId, Number(r.n)]));
  return editions.map((e) => ({
    id: e.id,
    code: e.code,
    title: e.title,
    module: e.module.title,
    phase: e.phase?.title ?? null,
    area: e.area.name,
    status: e.status,
    startsOn: e.startsOn.toISOString(),
    endsOn: e.endsOn.toISOString(),
    enrolled: e._count.enrolments,
    sessionsHeld: e.sessions.filter((s) => s.endsAt < now).length,
    sessionsPlanned: e.sessions.length,
    completed: completedBy.get(e.id) ?? 0,
  }));
}

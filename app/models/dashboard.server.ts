/** The coordinator's dashboard figures, computed by SQL aggregation within the user's areas. */
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/** `null` = every area (admin); otherwise the coordinator's area ids. */
export type AreaScope = number[] | null;

function areaCondition(scope: AreaScope, column: Prisma.Sql) {
  if (scope === null) return Prisma.sql`1 = 1`;
  if (scope.length === 0) return Prisma.sql`1 = 0`;
  return Prisma.sql`${column} IN (${Prisma.join(scope)})`;
}

const n = (v: bigint | number | null) => Number(v ?? 0);

/** Headline figures, progress by module and participants by position × gender. */
export async function getDashboard(scope: AreaScope) {
  const inScope = areaCondition(scope, Prisma.sql`ed."areaId"`);
  const [areas, totals, byModule, byPosition] = await Promise.all([
    prisma.area.findMany({
      where: scope === null ? {} : { id: { in: scope } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    prisma.$queryRaw<{ participants: bigint; bodies: bigint; editions: bigint; certificates: bigint }[]>`
      SELECT
        (SELECT COUNT(DISTINCT en."personId") FROM "Enrolment" en
           JOIN "Edition" ed ON ed.id = en."editionId" JOIN "Person" p ON p.id = en."personId"
           WHERE en.status = 'ACTIVE' AND p.position <> 'EXTERNAL' AND ${inScope}) AS participants,
        (SELECT COUNT(DISTINCT p."organisationId") FROM "Enrolment" en
           JOIN "Edition" ed ON ed.id = en."editionId" JOIN "Person" p ON p.id = en."personId"
           WHERE en.status = 'ACTIVE' AND p.position <> 'EXTERNAL' AND ${inScope}) AS bodies,
        (SELECT COUNT(*) FROM "Edition" ed WHERE ${inScope}) AS editions,
        (SELECT COUNT(DISTINCT c.id) FROM "Certificate" c
           JOIN "Edition" ed ON ed."moduleId" = c."moduleId"
           JOIN "Enrolment" en ON en."editionId" = ed.id AND en."personId" = c."personId"
           WHERE c."revokedAt" IS NULL AND ${inScope}) AS certificates`,
    prisma.$queryRaw<{ id: number; title: string; enrolled: bigint; completed: bigint; inProgress: bigint }[]>`
      SELECT m.id, m.title,
        COUNT(DISTINCT en."personId") AS enrolled,
        COUNT(DISTINCT CASE WHEN mp.status = 'COMPLETED' THEN en."personId" END) AS completed,
        COUNT(DISTINCT CASE WHEN mp.status = 'IN_PROGRESS' THEN en."personId" END) AS "inProgress"
      FROM "Module" m
      JOIN "Edition" ed ON ed."moduleId" = m.id
      JOIN "Enrolment" en ON en."editionId" = ed.id AND en.status = 'ACTIVE'
      LEFT JOIN "ModuleProgress" mp ON mp."personId" = en."personId" AND mp."moduleId" = m.id
      WHERE m."archivedAt" IS NULL AND ${inScope}
      GROUP BY m.id, m.title, m.position
      ORDER BY m.position`,
    prisma.$queryRaw<{ position: string; gender: string; people: bigint }[]>`
      SELECT p.position AS position, p.gender AS gender, COUNT(DISTINCT p.id) AS people
      FROM "Person" p
      JOIN "Enrolment" en ON en."personId" = p.id AND en.status = 'ACTIVE'
      JOIN "Edition" ed ON ed.id = en."editionId"
      WHERE p.position <> 'EXTERNAL' AND ${inScope}
      GROUP BY p.position, p.gender`,
  ]);
  const t = totals[0];
  const positions = ["ADMINISTRATOR", "EMPLOYEE"] as const;
  return {
    areas: areas.map((a) => a.name),
    participants: n(t.participants),
    bodies: n(t.bodies),
    editions: n(t.editions),
    certificates: n(t.certificates),
    byModule: byModule.map((m) => ({
      id: m.id,
      title: m.title,
      enrolled: n(m.enrolled),
      completed: n(m.completed),
      inProgress: n(m.inProgress),
    })),
    byPosition: positions.map((position) => {
      const rows = byPosition.filter((r) => r.position === position);
      const count = (g: string[]) => rows.filter((r) => g.includes(r.gender)).reduce((s, r) => s + n(r.people), 0);
      return { position, women: count(["F"]), men: count(["M"]), other: count(["NON_BINARY", "NOT_STATED"]), total: count(["F", "M", "NON_BINARY", "NOT_STATED"]) };
    }),
  };
}

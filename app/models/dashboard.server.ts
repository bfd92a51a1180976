/** The choices of the dashboard's filters, and their names for the report's heading. */
import { areaWhere, organisationWhere, type AreaScope } from "~/access/scope.server";
import { prisma } from "~/utils/db.server";

/** Areas, bodies, modules and phases the user may filter by (only within their areas). */
export async function filterOptions({ scope }: { scope: AreaScope }) {
  const [areas, organisations, modules] = await Promise.all([
    prisma.area.findMany({ where: areaWhere(scope), orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.organisation.findMany({
      where: { active: true, ...organisationWhere(scope) },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    prisma.module.findMany({
      where: { archivedAt: null },
      orderBy: { position: "asc" },
      select: {
        id: true,
        title: true,
        phases: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, title: true } },
      },
    }),
  ]);
  return {
    areas,
    organisations,
    modules: modules.map((m) => ({ id: m.id, title: m.title })),
    phases: modules.flatMap((m) =>
      m.phases.length > 1 ? m.phases.map((p) => ({ id: p.id, title: `${m.title} — ${p.title}` })) : [],
    ),
  };
}

/** Names of the chosen filters, for the report's heading. */
export async function describeFilters({ filters }: { filters: Record<string, unknown> }) {
  const parts: string[] = [];
  const name = async <T>(id: unknown, find: (id: number) => Promise<T | null>, pick: (x: T) => string) => {
    if (typeof id !== "number") return;
    const row = await find(id);
    if (row) parts.push(pick(row));
  };
  await name(
    filters.area,
    (id) => prisma.area.findUnique({ where: { id }, select: { name: true } }),
    (a) => `area ${a.name}`,
  );
  await name(
    filters.org,
    (id) => prisma.organisation.findUnique({ where: { id }, select: { name: true } }),
    (o) => o.name,
  );
  await name(
    filters.module,
    (id) => prisma.module.findUnique({ where: { id }, select: { title: true } }),
    (m) => m.title,
  );
  await name(
    filters.phase,
    (id) => prisma.phase.findUnique({ where: { id }, select: { title: true } }),
    (p) => `fase ${p.title}`,
  );
  if (filters.position) parts.push(filters.position === "ADMINISTRATOR" ? "amministratori" : "dipendenti");
  if (filters.gender) parts.push(`genere ${String(filters.gender)}`);
  if (filters.from) parts.push(`dal ${String(filters.from)}`);
  if (filters.to) parts.push(`al ${String(filters.to)}`);
  if (filters.year) parts.push(`anno ${String(filters.year)}`);
  return parts;
}

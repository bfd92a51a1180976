/**
 * Cross-module views for coordinators: person × modules and body × modules, on the same
 * population (scope + filters) as the indicators. Sorting, filtering and paging are done by
 * SQLite; the full export walks the population in id order, one chunk at a time, so it runs
 * in constant memory whatever the number of learners.
 */
import { Prisma } from "~/generated/prisma/client";
import type { IndicatorFilters } from "~/domain/indicator-schema";
import { prisma } from "~/utils/db.server";
import type { AreaScope } from "~/access/scope.server";
import { editionConditions, populationSql } from "./indicators.server";

import type { PERSON_VIEW_SORTS } from "~/domain/indicator-schema";

export type PersonViewParams = {
  sort: (typeof PERSON_VIEW_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
  size: number;
  q?: string;
};

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** The modules shown as columns. */
export function viewModules() {
  return prisma.module.findMany({
    where: { archivedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, title: true, slug: true },
  });
}

type PersonRow = {
  personId: number;
  name: string;
  organisation: string;
  position: string;
  completed: bigint;
  minutes: bigint;
  total?: bigint;
};

const ORDER: Record<PersonViewParams["sort"], Prisma.Sql> = {
  name: Prisma.sql`name`,
  organisation: Prisma.sql`organisation`,
  completed: Prisma.sql`completed`,
  hours: Prisma.sql`minutes`,
};

function personSql(scope: AreaScope, filters: IndicatorFilters, q?: string) {
  const text = q ? Prisma.sql`AND (p."lastName" LIKE ${`%${q}%`} OR p."firstName" LIKE ${`%${q}%`})` : Prisma.empty;
  return Prisma.sql`${populationSql(scope, filters)},
    agg AS (
      SELECT pm.personId,
        SUM(CASE WHEN mp.status = 'COMPLETED' THEN 1 ELSE 0 END) AS completed,
        SUM(COALESCE(mp."attendedMinutes", 0)) AS minutes
      FROM pm LEFT JOIN "ModuleProgress" mp ON mp."personId" = pm.personId AND mp."moduleId" = pm.moduleId
      GROUP BY pm.personId
    ),
    rows AS (
      SELECT p.id AS personId, p."lastName" || ' ' || p."firstName" AS name, o.name AS organisation, p.position AS position,
             agg.completed AS completed, agg.minutes AS minutes
      FROM agg JOIN "Person" p ON p.id = agg.personId JOIN "Organisation" o ON o.id = p."organisationId"
      WHERE 1 = 1 ${text}
    )`;
}

/**
 * Cells (status and minutes per module) for a set of people: their active enrolments in the
 * editions in scope, with the stored progress. Driven by the people's ids, so it costs the
 * same whatever the size of the programme.
 */
async function cellsFor(personIds: number[], scope: AreaScope, filters: IndicatorFilters) {
  if (personIds.length === 0) return new Map<string, { status: string; minutes: number }>();
  const rows = await prisma.$queryRaw<
    { personId: number; moduleId: number; status: string | null; minutes: bigint | null }[]
  >`
    SELECT DISTINCT en."personId" AS personId, ed."moduleId" AS moduleId, mp.status AS status, mp."attendedMinutes" AS minutes
    FROM "Enrolment" en JOIN "Edition" ed ON ed.id = en."editionId"
    LEFT JOIN "ModuleProgress" mp ON mp."personId" = en."personId" AND mp."moduleId" = ed."moduleId"
    WHERE en."personId" IN (${Prisma.join(personIds)}) AND en.status = 'ACTIVE' AND ${editionConditions(scope, filters)}`;
  return new Map(
    rows.map((r) => [`${r.personId}:${r.moduleId}`, { status: r.status ?? "NOT_STARTED", minutes: n(r.minutes) }]),
  );
}

/** One page of the person × modules view. */
export async function personModulesPage({
  scope,
  filters,
  params,
}: {
  scope: AreaScope;
  filters: IndicatorFilters;
  params: PersonViewParams;
}) {
  const modules = await viewModules();
  const dir = params.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await prisma.$queryRaw<PersonRow[]>`
    ${personSql(scope, filters, params.q)}
    SELECT *, COUNT(*) OVER () AS total FROM rows
    ORDER BY ${ORDER[params.sort]} ${dir}, name ASC, personId ASC
    LIMIT ${params.size} OFFSET ${(params.page - 1) * params.size}`;
  const total = rows.length
    ? n(rows[0].total)
    : n(
        (
          await prisma.$queryRaw<{ c: bigint }[]>`${personSql(scope, filters, params.q)} SELECT COUNT(*) AS c FROM rows`
        )[0]?.c,
      );
  const cells = await cellsFor(
    rows.map((r) => Number(r.personId)),
    scope,
    filters,
  );
  return {
    modules,
    total,
    rows: rows.map((r) => ({
      personId: Number(r.personId),
      name: r.name,
      organisation: r.organisation,
      position: r.position,
      completed: n(r.completed),
      hours: Math.round((n(r.minutes) / 60) * 10) / 10,
      modules: modules.map((m) => cells.get(`${r.personId}:${m.id}`) ?? null),
    })),
  };
}

/**
 * Every row of the person × modules view, for the export: the population's ids first (one
 * query), then people and cells one chunk at a time, so memory stays flat and each chunk
 * costs the same whatever the size of the programme. NOTE: chunks stay well under SQLite's
 * limit of 999 bound parameters per statement, which Prisma enforces.
 */
export async function* allPersonModules({
  scope,
  filters,
  chunk = 400,
}: {
  scope: AreaScope;
  filters: IndicatorFilters;
  chunk?: number;
}) {
  const modules = await viewModules();
  const ids = (
    await prisma.$queryRaw<
      { personId: number }[]
    >`${populationSql(scope, filters)} SELECT personId FROM pop ORDER BY personId`
  ).map((r) => Number(r.personId));
  for (let i = 0; i < ids.length; i += chunk) {
    const slice = ids.slice(i, i + chunk);
    const [people, cells] = await Promise.all([
      prisma.person.findMany({
        where: { id: { in: slice } },
        orderBy: { id: "asc" },
        select: { id: true, firstName: true, lastName: true, position: true, organisation: { select: { name: true } } },
      }),
      cellsFor(slice, scope, filters),
    ]);
    for (const p of people) {
      const mine = modules.map((m) => cells.get(`${p.id}:${m.id}`) ?? null);
      const minutes = mine.reduce((sum, c) => sum + (c?.minutes ?? 0), 0);
      yield {
        name: `${p.lastName} ${p.firstName}`,
        organisation: p.organisation.name,
        position: p.position,
        completed: mine.filter((c) => c?.status === "COMPLETED").length,
        hours: Math.round((minutes / 60) * 10) / 10,
        modules: mine,
      };
    }
  }
}

/** Body × modules: participants, completions and hours per organisation and module. */
export async function bodyModules({ scope, filters }: { scope: AreaScope; filters: IndicatorFilters }) {
  const modules = await viewModules();
  const rows = await prisma.$queryRaw<
    {
      organisationId: number;
      organisation: string;
      moduleId: number;
      enrolled: bigint;
      completed: bigint;
      minutes: bigint;
    }[]
  >`
    ${populationSql(scope, filters)}
    SELECT o.id AS organisationId, o.name AS organisation, pm.moduleId AS moduleId, COUNT(*) AS enrolled,
      SUM(CASE WHEN mp.status = 'COMPLETED' THEN 1 ELSE 0 END) AS completed,
      SUM(COALESCE(mp."attendedMinutes", 0)) AS minutes
    FROM pm JOIN "Person" p ON p.id = pm.personId JOIN "Organisation" o ON o.id = p."organisationId"
    LEFT JOIN "ModuleProgress" mp ON mp."personId" = pm.personId AND mp."moduleId" = pm.moduleId
    GROUP BY o.id, o.name, pm.moduleId ORDER BY o.name`;
  const people = await prisma.$queryRaw<{ organisationId: number; people: bigint }[]>`
    ${populationSql(scope, filters)} SELECT organisationId, COUNT(*) AS people FROM pop GROUP BY organisationId`;
  const byOrg = new Map<
    number,
    {
      organisationId: number;
      organisation: string;
      participants: number;
      cells: Map<number, { enrolled: number; completed: number; hours: number }>;
    }
  >();
  for (const r of rows) {
    const entry = byOrg.get(r.organisationId) ?? {
      organisationId: r.organisationId,
      organisation: r.organisation,
      participants: n(people.find((p) => p.organisationId === r.organisationId)?.people),
      cells: new Map(),
    };
    entry.cells.set(r.moduleId, {
      enrolled: n(r.enrolled),
      completed: n(r.completed),
      hours: Math.round((n(r.minutes) / 60) * 10) / 10,
    });
    byOrg.set(r.organisationId, entry);
  }
  return {
    modules,
    rows: [...byOrg.values()].map((o) => ({
      organisationId: o.organisationId,
      organisation: o.organisation,
      participants: o.participants,
      modules: modules.map((m) => o.cells.get(m.id) ?? { enrolled: 0, completed: 0, hours: 0 }),
    })),
  };
}

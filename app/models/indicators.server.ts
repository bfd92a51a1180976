/**
 * Outcome indicators for funders (docs/product.md, "Funders' indicators"), computed once, here,
 * by SQL aggregation over the records — the dashboard, the exports and the printable
 * report all call `computeIndicators`, so the same figure is the same everywhere.
 * Definitions: docs/indicators.md.
 */
import { Prisma } from "~/generated/prisma/client";
import {
  ageBand,
  HOURS_TARGET_PER_EMPLOYEE,
  SATISFACTION_MIN_RESPONSES,
  type IndicatorFilters,
} from "~/domain/indicator-schema";
import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { sqliteDate, zonedToInstant } from "~/utils/time";
import { areaSql, type AreaScope } from "~/access/scope.server";
import { PROGRAMME_TZ } from "~/utils/time";

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);
const round1 = (v: number) => Math.round(v * 10) / 10;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Conditions on editions (alias `ed`) for the scope and the filters. */
export function editionConditions(scope: AreaScope, f: IndicatorFilters): Prisma.Sql {
  const ed: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  ed.push(areaSql(scope, Prisma.sql`ed."areaId"`));
  if (f.area) ed.push(Prisma.sql`ed."areaId" = ${f.area}`);
  if (f.module) ed.push(Prisma.sql`ed."moduleId" = ${f.module}`);
  if (f.phase)
    ed.push(
      Prisma.sql`ed."moduleId" = (SELECT "moduleId" FROM "Phase" WHERE id = ${f.phase}) AND (ed."phaseId" IS NULL OR ed."phaseId" = ${f.phase})`,
    );
  if (f.from) ed.push(Prisma.sql`ed."endsOn" >= ${sqliteDate(zonedToInstant(f.from, "00:00"))}`);
  if (f.to) ed.push(Prisma.sql`ed."startsOn" <= ${sqliteDate(endOfDay(f.to))}`);
  return Prisma.join(ed, " AND ");
}

/** Conditions on people (alias `p`): participants only, with the person filters. */
export function personConditions(f: IndicatorFilters): Prisma.Sql {
  const person: Prisma.Sql[] = [Prisma.sql`p.position <> 'EXTERNAL'`];
  if (f.org) person.push(Prisma.sql`p."organisationId" = ${f.org}`);
  if (f.position) person.push(Prisma.sql`p.position = ${f.position}`);
  if (f.gender) person.push(Prisma.sql`p.gender = ${f.gender}`);
  return Prisma.join(person, " AND ");
}

/** The WITH clause shared by every indicator: editions, enrolments and people in scope. */
export function populationSql(scope: AreaScope, f: IndicatorFilters) {
  return Prisma.sql`
    WITH eds AS (
      SELECT ed.id, ed."moduleId" AS moduleId FROM "Edition" ed WHERE ${editionConditions(scope, f)}
    ),
    pe AS (
      SELECT DISTINCT en."personId" AS personId, en."editionId" AS editionId, eds.moduleId AS moduleId
      FROM "Enrolment" en JOIN eds ON eds.id = en."editionId" JOIN "Person" p ON p.id = en."personId"
      WHERE en.status = 'ACTIVE' AND ${personConditions(f)}
    ),
    pm AS (SELECT DISTINCT personId, moduleId FROM pe),
    pop AS (
      SELECT p.id AS personId, p."organisationId" AS organisationId, p.gender AS gender, p."birthYear" AS birthYear,
             p."educationLevel" AS educationLevel, p.position AS position
      FROM "Person" p WHERE p.id IN (SELECT personId FROM pe)
    )`;
}

function endOfDay(day: string) {
  return new Date(zonedToInstant(day, "23:59").getTime() + 59_999);
}

/** Sessions held (not cancelled, ended before now) of the editions in scope, within the period. */
function heldSelect(scope: AreaScope, f: IndicatorFilters, now: Date) {
  const where: Prisma.Sql[] = [Prisma.sql`s."cancelledAt" IS NULL`, Prisma.sql`s."endsAt" < ${sqliteDate(now)}`];
  if (f.from) where.push(Prisma.sql`s."startsAt" >= ${sqliteDate(zonedToInstant(f.from, "00:00"))}`);
  if (f.to) where.push(Prisma.sql`s."startsAt" <= ${sqliteDate(endOfDay(f.to))}`);
  return Prisma.sql`
    SELECT s.id, s."editionId", s.mode, COALESCE(u.kind, 'OTHER'), s."startsAt",
           CAST(ROUND((julianday(s."endsAt") - julianday(s."startsAt")) * 1440) AS INTEGER)
    FROM "Session" s JOIN "Edition" ed ON ed.id = s."editionId" LEFT JOIN "Unit" u ON u.id = s."unitId"
    WHERE ${editionConditions(scope, f)} AND ${Prisma.join(where, " AND ")}`;
}

export type Indicators = Awaited<ReturnType<typeof computeFromTemp>>;

/** Every indicator for the scope and filters. */
export async function computeIndicators({
  scope,
  filters,
  now = new Date(),
}: {
  scope: AreaScope;
  filters: IndicatorFilters;
  now?: Date;
}): Promise<Indicators> {
  return (await computeCounted(scope, filters, now)).value;
}

/** The indicators and how many rows the computation itself wrote (into its temp tables). */
async function computeCounted(scope: AreaScope, f: IndicatorFilters, now: Date) {
  // NOTE: no interactive transaction: on the single SQLite connection other requests'
  // statements would run inside it (and wait or fail on their own transactions). The temp
  // tables get a name of their own instead, so two computations never share one.
  const t = tempNames();
  const ownChanges = await materialize(t, scope, f, now);
  try {
    return { value: await computeFromTemp(t, f, now), ownChanges };
  } finally {
    await dropTemp(t);
  }
}

type TempNames = Record<"pe" | "pm" | "pop" | "held", Prisma.Sql>;

/** Temp table names unique to one computation (random, never from input). */
function tempNames(): TempNames {
  const id = randomBytes(6).toString("hex");
  const name = (base: string) => Prisma.raw(`temp.ind_${base}_${id}`);
  return { pe: name("pe"), pm: name("pm"), pop: name("pop"), held: name("held") };
}

async function dropTemp(t: TempNames) {
  await prisma.$executeRaw`DROP TABLE IF EXISTS ${t.pe}`;
  await prisma.$executeRaw`DROP TABLE IF EXISTS ${t.pm}`;
  await prisma.$executeRaw`DROP TABLE IF EXISTS ${t.pop}`;
  await prisma.$executeRaw`DROP TABLE IF EXISTS ${t.held}`;
}

/**
 * The population (editions, enrolments, people, held sessions in scope) is computed once
 * per computation into indexed TEMP tables, private to the app's connection, and every
 * indicator reads them instead of re-deriving it. Returns the rows written (they count in
 * `total_changes()`, which the memo must tell apart from real writes).
 */
async function materialize(t: TempNames, scope: AreaScope, f: IndicatorFilters, now: Date) {
  let rows = 0;
  await prisma.$executeRaw`CREATE TEMP TABLE ${t.pe} (personId INTEGER NOT NULL, editionId INTEGER NOT NULL, moduleId INTEGER NOT NULL, PRIMARY KEY (personId, editionId)) WITHOUT ROWID`;
  rows += await prisma.$executeRaw`
    INSERT OR IGNORE INTO ${t.pe} (personId, editionId, moduleId)
    SELECT en."personId", en."editionId", ed."moduleId"
    FROM "Edition" ed JOIN "Enrolment" en ON en."editionId" = ed.id JOIN "Person" p ON p.id = en."personId"
    WHERE en.status = 'ACTIVE' AND ${editionConditions(scope, f)} AND ${personConditions(f)}`;
  await prisma.$executeRaw`CREATE INDEX ${Prisma.raw(`${t.pe.sql}_edition`)} ON ${Prisma.raw(t.pe.sql.replace("temp.", ""))} (editionId)`;
  await prisma.$executeRaw`CREATE TEMP TABLE ${t.pm} (personId INTEGER NOT NULL, moduleId INTEGER NOT NULL, PRIMARY KEY (personId, moduleId)) WITHOUT ROWID`;
  rows += await prisma.$executeRaw`INSERT OR IGNORE INTO ${t.pm} SELECT personId, moduleId FROM ${t.pe}`;
  await prisma.$executeRaw`CREATE INDEX ${Prisma.raw(`${t.pm.sql}_module`)} ON ${Prisma.raw(t.pm.sql.replace("temp.", ""))} (moduleId)`;
  await prisma.$executeRaw`CREATE TEMP TABLE ${t.pop} (personId INTEGER PRIMARY KEY, organisationId INTEGER, gender TEXT, birthYear INTEGER, educationLevel TEXT, position TEXT)`;
  rows += await prisma.$executeRaw`
    INSERT INTO ${t.pop} SELECT p.id, p."organisationId", p.gender, p."birthYear", p."educationLevel", p.position
    FROM "Person" p WHERE p.id IN (SELECT personId FROM ${t.pm})`;
  await prisma.$executeRaw`CREATE TEMP TABLE ${t.held} (id INTEGER PRIMARY KEY, editionId INTEGER, mode TEXT, kind TEXT, startsAt TEXT, minutes INTEGER)`;
  rows += await prisma.$executeRaw`INSERT INTO ${t.held} ${heldSelect(scope, f, now)}`;
  return rows;
}

async function computeFromTemp(t: TempNames, f: IndicatorFilters, now: Date) {
  const pop = Prisma.sql`WITH pe AS (SELECT * FROM ${t.pe}), pm AS (SELECT * FROM ${t.pm}), pop AS (SELECT * FROM ${t.pop})`;
  const held = Prisma.sql`, held AS (SELECT * FROM ${t.held})`;
  const year =
    f.year ??
    (f.to
      ? Number(f.to.slice(0, 4))
      : Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: PROGRAMME_TZ }).format(now)));
  const yearStart = sqliteDate(zonedToInstant(`${year}-01-01`, "00:00"));
  const yearEnd = sqliteDate(endOfDay(`${year}-12-31`));

  const [
    groups,
    bodies,
    delivery,
    attended,
    expected,
    reaching,
    modules,
    phases,
    quizzes,
    gains,
    certificates,
    items,
    respondents,
    hours,
  ] = await Promise.all([
    prisma.$queryRaw<
      { gender: string; position: string; educationLevel: string; birthYear: number | null; people: bigint }[]
    >`
      ${pop} SELECT gender, position, educationLevel, birthYear, COUNT(*) AS people FROM pop GROUP BY gender, position, educationLevel, birthYear`,
    prisma.$queryRaw<
      { id: number; name: string; kind: string; people: bigint; employees: bigint; administrators: bigint }[]
    >`
      ${pop} SELECT o.id, o.name, o.kind, COUNT(*) AS people,
        SUM(CASE WHEN pop.position = 'EMPLOYEE' THEN 1 ELSE 0 END) AS employees,
        SUM(CASE WHEN pop.position = 'ADMINISTRATOR' THEN 1 ELSE 0 END) AS administrators
      FROM pop JOIN "Organisation" o ON o.id = pop.organisationId GROUP BY o.id, o.name, o.kind ORDER BY o.name`,
    prisma.$queryRaw<{ kind: string; mode: string; sessions: bigint; minutes: bigint }[]>`
      ${pop}${held} SELECT kind, mode, COUNT(*) AS sessions, SUM(minutes) AS minutes FROM held GROUP BY kind, mode`,
    prisma.$queryRaw<{ minutes: bigint | null }[]>`
      ${pop}${held} SELECT SUM(a.minutes) AS minutes
      FROM held h CROSS JOIN "Attendance" a ON a."sessionId" = h.id AND a.status = 'PRESENT'
      JOIN pe ON pe.personId = a."personId" AND pe.editionId = h.editionId`,
    // Expected = each held session × the participants of its edition, minus "not expected".
    prisma.$queryRaw<{ minutes: bigint | null }[]>`
      ${pop}${held},
      perEdition AS (SELECT editionId, COUNT(*) AS people FROM pe GROUP BY editionId)
      SELECT COALESCE((SELECT SUM(h.minutes * c.people) FROM held h JOIN perEdition c ON c.editionId = h.editionId), 0)
           - COALESCE((SELECT SUM(h.minutes) FROM held h CROSS JOIN "Attendance" a ON a."sessionId" = h.id AND a.status = 'NOT_EXPECTED'
                       JOIN pe ON pe.personId = a."personId" AND pe.editionId = h.editionId), 0) AS minutes`,
    prisma.$queryRaw<{ people: bigint }[]>`
      ${pop} SELECT COUNT(DISTINCT pm.personId) AS people FROM pm
      JOIN "ModuleProgress" mp ON mp."personId" = pm.personId AND mp."moduleId" = pm.moduleId
      JOIN "Module" m ON m.id = pm.moduleId
      WHERE mp."scheduledMinutes" > 0 AND mp."attendedMinutes" >= mp."scheduledMinutes" * m."attendanceThreshold"`,
    prisma.$queryRaw<{ id: number; title: string; enrolled: bigint; completed: bigint; inProgress: bigint }[]>`
      ${pop} SELECT m.id, m.title, COUNT(*) AS enrolled,
        SUM(CASE WHEN mp.status = 'COMPLETED' THEN 1 ELSE 0 END) AS completed,
        SUM(CASE WHEN mp.status = 'IN_PROGRESS' THEN 1 ELSE 0 END) AS inProgress
      FROM pm JOIN "Module" m ON m.id = pm.moduleId
      LEFT JOIN "ModuleProgress" mp ON mp."personId" = pm.personId AND mp."moduleId" = pm.moduleId
      GROUP BY m.id, m.title, m.position ORDER BY m.position`,
    prisma.$queryRaw<{ id: number; title: string; module: string; enrolled: bigint; completed: bigint }[]>`
      ${pop},
      perModule AS (SELECT moduleId, COUNT(*) AS people FROM pm GROUP BY moduleId),
      done AS (
        SELECT pp."phaseId" AS phaseId, COUNT(*) AS completed FROM "PhaseProgress" pp
        JOIN "Phase" ph2 ON ph2.id = pp."phaseId" JOIN pm ON pm.personId = pp."personId" AND pm.moduleId = ph2."moduleId"
        WHERE pp.status = 'COMPLETED' GROUP BY pp."phaseId"
      )
      SELECT ph.id, ph.title, m.title AS module, c.people AS enrolled, COALESCE(done.completed, 0) AS completed
      FROM "Phase" ph JOIN "Module" m ON m.id = ph."moduleId" JOIN perModule c ON c.moduleId = m.id
      LEFT JOIN done ON done.phaseId = ph.id
      WHERE ph."archivedAt" IS NULL ${f.phase ? Prisma.sql`AND ph.id = ${f.phase}` : Prisma.empty}
      ORDER BY m.position, ph.position`,
    prisma.$queryRaw<
      { id: number; title: string; module: string; testRole: string | null; attempted: bigint; passed: bigint }[]
    >`
      ${pop} SELECT u.id, u.title, m.title AS module, u."testRole" AS testRole,
        COUNT(DISTINCT qa."personId") AS attempted,
        COUNT(DISTINCT CASE WHEN qa.passed = 1 THEN qa."personId" END) AS passed
      FROM pm JOIN "Module" m ON m.id = pm.moduleId
      JOIN "Phase" ph ON ph."moduleId" = m.id
      JOIN "Unit" u ON u."phaseId" = ph.id AND u.kind = 'QUIZ' AND u."archivedAt" IS NULL
      JOIN "QuizAttempt" qa ON qa."unitId" = u.id AND qa."personId" = pm.personId
      ${f.phase ? Prisma.sql`WHERE ph.id = ${f.phase}` : Prisma.empty}
      GROUP BY u.id, u.title, m.title, u."testRole", m.position, ph.position, u.position ORDER BY m.position, ph.position, u.position`,
    prisma.$queryRaw<
      { competenceId: number; code: string; title: string; people: bigint; delta: number | null; movedUp: bigint }[]
    >`
      ${pop},
      entry AS (
        SELECT qa."personId" AS personId, ph."moduleId" AS moduleId, MIN(qa.id) AS attemptId
        FROM "QuizAttempt" qa JOIN "Unit" u ON u.id = qa."unitId" AND u."testRole" = 'ENTRY' JOIN "Phase" ph ON ph.id = u."phaseId"
        JOIN pm ON pm.personId = qa."personId" AND pm.moduleId = ph."moduleId"
        GROUP BY qa."personId", ph."moduleId"
      ),
      exit AS (
        SELECT qa."personId" AS personId, ph."moduleId" AS moduleId, MAX(qa.id) AS attemptId
        FROM "QuizAttempt" qa JOIN "Unit" u ON u.id = qa."unitId" AND u."testRole" = 'EXIT' JOIN "Phase" ph ON ph.id = u."phaseId"
        JOIN pm ON pm.personId = qa."personId" AND pm.moduleId = ph."moduleId"
        GROUP BY qa."personId", ph."moduleId"
      )
      SELECT c.id AS competenceId, c.code, c.title, COUNT(*) AS people,
        AVG(100.0 * x.score / x."maxScore" - 100.0 * e.score / e."maxScore") AS delta,
        SUM(CASE WHEN (CASE x.level WHEN 'BASE' THEN 1 WHEN 'INTERMEDIO' THEN 2 WHEN 'AVANZATO' THEN 3 ELSE 0 END)
                    > (CASE e.level WHEN 'BASE' THEN 1 WHEN 'INTERMEDIO' THEN 2 WHEN 'AVANZATO' THEN 3 ELSE 0 END) THEN 1 ELSE 0 END) AS movedUp
      FROM entry JOIN exit ON exit.personId = entry.personId AND exit.moduleId = entry.moduleId
      JOIN "AttemptCompetenceScore" e ON e."attemptId" = entry.attemptId
      JOIN "AttemptCompetenceScore" x ON x."attemptId" = exit.attemptId AND x."competenceId" = e."competenceId"
      JOIN "Competence" c ON c.id = e."competenceId"
      WHERE e."maxScore" > 0 AND x."maxScore" > 0
      GROUP BY c.id, c.code, c.title ORDER BY c.code`,
    prisma.$queryRaw<{ issued: bigint }[]>`
      ${pop} SELECT COUNT(*) AS issued FROM "Certificate" c JOIN pm ON pm.personId = c."personId" AND pm.moduleId = c."moduleId"
      WHERE c."revokedAt" IS NULL
      ${f.from ? Prisma.sql`AND c."issuedAt" >= ${sqliteDate(zonedToInstant(f.from, "00:00"))}` : Prisma.empty}
      ${f.to ? Prisma.sql`AND c."issuedAt" <= ${sqliteDate(endOfDay(f.to))}` : Prisma.empty}`,
    prisma.$queryRaw<
      { itemId: number; text: string; dimension: string; responses: bigint; total: bigint; module: string }[]
    >`
      ${pop} SELECT si.id AS itemId, si.text, si.dimension, m.title AS module, COUNT(sa.value) AS responses, SUM(sa.value) AS total
      FROM pm JOIN "Module" m ON m.id = pm.moduleId JOIN "Phase" ph ON ph."moduleId" = m.id
      JOIN "Unit" u ON u."phaseId" = ph.id AND u.kind = 'SURVEY'
      JOIN "SurveyResponse" sr ON sr."unitId" = u.id AND sr."personId" = pm.personId
      JOIN "SurveyAnswer" sa ON sa."responseId" = sr.id
      JOIN "SurveyItem" si ON si.id = sa."itemId" AND si.type = 'LIKERT'
      GROUP BY si.id, si.text, si.dimension, m.title, m.position, si.position ORDER BY m.position, si.position`,
    prisma.$queryRaw<{ expected: bigint; answered: bigint }[]>`
      ${pop},
      perModule AS (SELECT moduleId, COUNT(*) AS people FROM pm GROUP BY moduleId),
      surveys AS (
        SELECT ph."moduleId" AS moduleId, COUNT(*) AS units FROM "Unit" u JOIN "Phase" ph ON ph.id = u."phaseId"
        WHERE u.kind = 'SURVEY' AND u."archivedAt" IS NULL GROUP BY ph."moduleId"
      )
      SELECT
        (SELECT SUM(c.people * s.units) FROM perModule c JOIN surveys s ON s.moduleId = c.moduleId) AS expected,
        (SELECT COUNT(*) FROM "SurveyResponse" sr
           JOIN "Unit" u ON u.id = sr."unitId" AND u.kind = 'SURVEY' AND u."archivedAt" IS NULL
           JOIN "Phase" ph ON ph.id = u."phaseId"
           JOIN pm ON pm.personId = sr."personId" AND pm.moduleId = ph."moduleId") AS answered`,
    prisma.$queryRaw<{ employees: bigint; minutes: bigint | null; reaching: bigint }[]>`
      ${pop},
      emp AS (SELECT personId FROM pop WHERE position = 'EMPLOYEE'),
      mins AS (
        SELECT a."personId" AS personId, SUM(a.minutes) AS minutes
        FROM (SELECT DISTINCT editionId FROM pe) e
        JOIN "Session" s ON s."editionId" = e.editionId AND s."cancelledAt" IS NULL AND s."startsAt" >= ${yearStart} AND s."startsAt" <= ${yearEnd}
        CROSS JOIN "Attendance" a ON a."sessionId" = s.id AND a.status = 'PRESENT'
        JOIN pe ON pe.personId = a."personId" AND pe.editionId = s."editionId"
        JOIN emp ON emp.personId = a."personId"
        GROUP BY a."personId"
      )
      SELECT (SELECT COUNT(*) FROM emp) AS employees,
        (SELECT SUM(minutes) FROM mins) AS minutes,
        (SELECT COUNT(*) FROM mins WHERE minutes >= ${HOURS_TARGET_PER_EMPLOYEE * 60}) AS reaching`,
  ]);

  // Participants by each dimension, from one grouped query.
  const count = (pick: (g: (typeof groups)[number]) => string) => {
    const out: Record<string, number> = {};
    for (const g of groups) out[pick(g)] = (out[pick(g)] ?? 0) + n(g.people);
    return out;
  };
  const participants = groups.reduce((s, g) => s + n(g.people), 0);
  const byGender = count((g) => g.gender);
  const byPosition = count((g) => g.position);
  const byEducation = count((g) => g.educationLevel);
  const byAge = count((g) => ageBand(g.birthYear, year));

  const deliveryRows = delivery.map((d) => ({
    kind: d.kind,
    mode: d.mode,
    sessions: n(d.sessions),
    minutes: n(d.minutes),
  }));
  const sum = (rows: typeof deliveryRows, pick: (r: (typeof deliveryRows)[number]) => boolean) =>
    rows.filter(pick).reduce((s, r) => s + r.minutes, 0);
  const attendedMinutes = n(attended[0]?.minutes);
  const expectedMinutes = n(expected[0]?.minutes);

  const itemRows = items.map((i) => ({
    itemId: i.itemId,
    text: i.text,
    dimension: i.dimension,
    module: i.module,
    responses: n(i.responses),
    total: n(i.total),
  }));
  const dimensions = new Map<string, { responses: number; total: number }>();
  for (const i of itemRows) {
    const d = dimensions.get(i.dimension) ?? { responses: 0, total: 0 };
    d.responses += i.responses;
    d.total += i.total;
    dimensions.set(i.dimension, d);
  }
  const mean = (total: number, responses: number) =>
    responses >= SATISFACTION_MIN_RESPONSES ? round1(total / responses) : null;

  const employees = n(hours[0]?.employees);
  const employeeMinutes = n(hours[0]?.minutes);

  return {
    year,
    participants: {
      total: participants,
      byGender: {
        F: byGender.F ?? 0,
        M: byGender.M ?? 0,
        NON_BINARY: byGender.NON_BINARY ?? 0,
        NOT_STATED: byGender.NOT_STATED ?? 0,
      },
      byAge: {
        UNDER_30: byAge.UNDER_30 ?? 0,
        "30_54": byAge["30_54"] ?? 0,
        "55_PLUS": byAge["55_PLUS"] ?? 0,
        UNKNOWN: byAge.UNKNOWN ?? 0,
      },
      byEducation: {
        ISCED_0_2: byEducation.ISCED_0_2 ?? 0,
        ISCED_3_4: byEducation.ISCED_3_4 ?? 0,
        ISCED_5_8: byEducation.ISCED_5_8 ?? 0,
        NOT_STATED: byEducation.NOT_STATED ?? 0,
      },
      byPosition: { ADMINISTRATOR: byPosition.ADMINISTRATOR ?? 0, EMPLOYEE: byPosition.EMPLOYEE ?? 0 },
      bodies: bodies.map((b) => ({
        id: b.id,
        name: b.name,
        kind: b.kind,
        people: n(b.people),
        employees: n(b.employees),
        administrators: n(b.administrators),
      })),
      bodiesSupported: bodies.length,
    },
    delivery: {
      sessionsHeld: deliveryRows.reduce((s, r) => s + r.sessions, 0),
      hoursDelivered: round1(sum(deliveryRows, () => true) / 60),
      hoursByKind: {
        SEMINAR: round1(sum(deliveryRows, (r) => r.kind === "SEMINAR") / 60),
        LAB: round1(sum(deliveryRows, (r) => r.kind === "LAB") / 60),
        OTHER: round1(sum(deliveryRows, (r) => r.kind !== "SEMINAR" && r.kind !== "LAB") / 60),
      },
      hoursByMode: {
        PRESENCE: round1(sum(deliveryRows, (r) => r.mode === "PRESENCE") / 60),
        ONLINE: round1(sum(deliveryRows, (r) => r.mode === "ONLINE") / 60),
        HYBRID: round1(sum(deliveryRows, (r) => r.mode === "HYBRID") / 60),
      },
      hoursAttended: round1(attendedMinutes / 60),
      attendanceRate: share(attendedMinutes, expectedMinutes),
      reachingThreshold: n(reaching[0]?.people),
      reachingThresholdShare: share(n(reaching[0]?.people), participants),
    },
    results: {
      modules: modules.map((m) => ({
        id: m.id,
        title: m.title,
        enrolled: n(m.enrolled),
        completed: n(m.completed),
        inProgress: n(m.inProgress),
        rate: share(n(m.completed), n(m.enrolled)),
      })),
      phases: phases.map((p) => ({
        id: p.id,
        title: p.title,
        module: p.module,
        enrolled: n(p.enrolled),
        completed: n(p.completed),
        rate: share(n(p.completed), n(p.enrolled)),
      })),
      quizzes: quizzes.map((q) => ({
        id: q.id,
        title: q.title,
        module: q.module,
        testRole: q.testRole,
        attempted: n(q.attempted),
        passed: n(q.passed),
        rate: share(n(q.passed), n(q.attempted)),
      })),
      gains: gains.map((g) => ({
        competenceId: g.competenceId,
        code: g.code,
        title: g.title,
        people: n(g.people),
        meanDelta: g.delta === null ? null : round1(Number(g.delta)),
        movedUp: n(g.movedUp),
        movedUpShare: share(n(g.movedUp), n(g.people)),
      })),
      certificates: n(certificates[0]?.issued),
    },
    satisfaction: {
      minResponses: SATISFACTION_MIN_RESPONSES,
      responseRate: share(n(respondents[0]?.answered), n(respondents[0]?.expected)),
      respondents: n(respondents[0]?.answered),
      items: itemRows.map((i) => ({
        itemId: i.itemId,
        module: i.module,
        dimension: i.dimension,
        text: i.text,
        responses: i.responses,
        mean: mean(i.total, i.responses),
      })),
      dimensions: [...dimensions.entries()].map(([dimension, d]) => ({
        dimension,
        responses: d.responses,
        mean: mean(d.total, d.responses),
      })),
    },
    hoursPerEmployee: {
      year,
      target: HOURS_TARGET_PER_EMPLOYEE,
      employees,
      hours: round1(employeeMinutes / 60),
      average: employees > 0 ? round1(employeeMinutes / 60 / employees) : null,
      reachingTarget: n(hours[0]?.reaching),
    },
  };
}

// ───────────── memo: the same answer for the same data, recomputed after any change ─────────────

type Memo = { version: string; validUntil: number; value: Indicators };
const memo = new Map<string, Memo>();
const MEMO_SIZE = 64;

/**
 * A version of the database that changes with every write: the rows this process changed
 * (`total_changes()`, the app's one connection) and the commits of other processes such as
 * `npm run content:sync` (`PRAGMA data_version`).
 */
async function dataVersion() {
  const [changes] = await prisma.$queryRaw<{ c: bigint | number }[]>`SELECT total_changes() AS c`;
  const [version] = await prisma.$queryRaw<{ data_version: bigint | number }[]>`PRAGMA data_version`;
  return { changes: Number(changes.c), other: Number(version.data_version) };
}
const versionKey = (v: { changes: number; other: number }) => `${v.changes}:${v.other}`;

/**
 * The indicators, reusing an earlier computation only while it is provably identical:
 * no write since (see dataVersion), no session has ended since (it would become "held"),
 * and still the same day (the default year and the period bounds). Figures are therefore
 * never stale; repeated views of a large programme cost one small query. The screen, the
 * exports and the report all come through here.
 */
export async function getIndicators({
  scope,
  filters: f,
  now = new Date(),
}: {
  scope: AreaScope;
  filters: IndicatorFilters;
  now?: Date;
}) {
  const key = JSON.stringify([scope, f]);
  const before = await dataVersion();
  const hit = memo.get(key);
  if (hit && hit.version === versionKey(before) && now.getTime() < hit.validUntil) return hit.value;
  const { value, ownChanges } = await computeCounted(scope, f, now);
  const after = await dataVersion();
  // Remember the result only if nobody else wrote while it was computed.
  if (after.changes !== before.changes + ownChanges || after.other !== before.other) return value;
  const version = versionKey(after);
  const [next] = await prisma.$queryRaw<{ endsAt: string | null }[]>`
    SELECT MIN("endsAt") AS endsAt FROM "Session" WHERE "cancelledAt" IS NULL AND "endsAt" >= ${sqliteDate(now)}`;
  const midnight = zonedToInstant(
    new Date(now.getTime() + 24 * 3600_000).toISOString().slice(0, 10),
    "00:00",
  ).getTime();
  const validUntil = Math.min(next?.endsAt ? new Date(next.endsAt).getTime() : Infinity, midnight);
  memo.delete(key);
  memo.set(key, { version, validUntil, value });
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return value;
}

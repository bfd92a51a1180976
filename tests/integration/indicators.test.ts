// Every indicator on a small hand-built fixture, against values computed by hand (in the
// comments), with and without filters; then the screen, the CSV, the XLSX and the report
// must show the same figures.
import type { AreaScope } from "~/access/scope.server";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { computeIndicators, getIndicators } from "~/models/indicators.server";
import * as dashboard from "~/routes/cruscotto._index";
import * as exportRoute from "~/routes/cruscotto.esporta.$file";
import * as report from "~/routes/cruscotto.report";
import { prisma } from "~/utils/db.server";
import { callRoute, createArea, createUserWithSession, makeRequest, payload } from "../support";

const NOW = new Date("2026-06-01T00:00:00Z");
const at = (iso: string) => new Date(iso);
let scope: AreaScope;
let ids: Record<string, number> = {};
let cookie: string;

beforeAll(async () => {
  const A = await createArea("Alta Valle");
  const B = await createArea("Bassa Valle");
  const X = A.comune;
  const Y = await prisma.organisation.create({
    data: { name: "Comune di Ypsilon", kind: "COMUNE", areaId: A.area.id, parentId: A.cm.id },
  });
  scope = { kind: "area", areaIds: [A.area.id] };
  cookie = (
    await createUserWithSession(A.cm.id, [{ role: "COORDINATOR", areaId: A.area.id }], { position: "EXTERNAL" })
  ).cookie;

  const programme = await prisma.programme.create({ data: { slug: "ind", title: "Programma", description: "d" } });
  const c1 = await prisma.competence.create({
    data: { framework: "ind", code: "1.1", areaCode: "1", areaTitle: "Dati", title: "Gestire dati", description: "d" },
  });
  const c2 = await prisma.competence.create({
    data: {
      framework: "ind",
      code: "3.1",
      areaCode: "3",
      areaTitle: "Sicurezza",
      title: "Proteggere i dispositivi",
      description: "d",
    },
  });
  const M1 = await prisma.module.create({
    data: {
      programmeId: programme.id,
      slug: "m1",
      position: 0,
      title: "Modulo Uno",
      summary: "s",
      attendanceThreshold: 0.75,
    },
  });
  const M2 = await prisma.module.create({
    data: {
      programmeId: programme.id,
      slug: "m2",
      position: 1,
      title: "Modulo Due",
      summary: "s",
      attendanceThreshold: 0.75,
    },
  });
  const P1 = await prisma.phase.create({ data: { moduleId: M1.id, slug: "f", position: 0, title: "Fase M1" } });
  const P2 = await prisma.phase.create({ data: { moduleId: M2.id, slug: "f", position: 0, title: "Fase M2" } });
  const unit = (
    phaseId: number,
    slug: string,
    kind: "SEMINAR" | "QUIZ" | "SURVEY",
    testRole: "ENTRY" | "EXIT" | null = null,
  ) =>
    prisma.unit.create({
      data: { phaseId, slug, position: 0, kind, title: slug, durationMinutes: 30, body: "", testRole },
    });
  const seminar = await unit(P1.id, "seminario", "SEMINAR");
  const quiz = await unit(P1.id, "verifica", "QUIZ");
  const survey = await unit(P1.id, "questionario", "SURVEY");
  const entry = await unit(P2.id, "ingresso", "QUIZ", "ENTRY");
  const exit = await unit(P2.id, "uscita", "QUIZ", "EXIT");
  const s1 = await prisma.surveyItem.create({
    data: { unitId: survey.id, key: "s1", position: 0, type: "LIKERT", dimension: "Contenuti", text: "Utile" },
  });
  const s2 = await prisma.surveyItem.create({
    data: { unitId: survey.id, key: "s2", position: 1, type: "LIKERT", dimension: "Docenti", text: "Chiaro" },
  });

  const edition = (code: string, moduleId: number, areaId: number) =>
    prisma.edition.create({
      data: {
        code,
        title: code,
        moduleId,
        areaId,
        startsOn: at("2026-01-10T00:00:00Z"),
        endsOn: at("2026-12-20T00:00:00Z"),
      },
    });
  const E1 = await edition("E1", M1.id, A.area.id);
  const E2 = await edition("E2", M2.id, A.area.id);
  const E3 = await edition("E3", M1.id, B.area.id);

  const person = (
    key: string,
    organisationId: number,
    gender: "F" | "M" | "NON_BINARY",
    position: "EMPLOYEE" | "ADMINISTRATOR" | "EXTERNAL",
    birthYear: number | null,
    educationLevel: "ISCED_3_4" | "ISCED_5_8" | "NOT_STATED",
  ) =>
    prisma.person
      .create({
        data: {
          firstName: key,
          lastName: `Cognome${key}`,
          organisationId,
          gender,
          position,
          birthYear,
          educationLevel,
        },
      })
      .then((p) => (ids[key] = p.id));
  await person("p1", X.id, "F", "EMPLOYEE", 1990, "ISCED_5_8");
  await person("p2", X.id, "M", "EMPLOYEE", 2000, "ISCED_3_4");
  await person("p3", Y.id, "F", "ADMINISTRATOR", 1960, "ISCED_3_4");
  await person("p4", Y.id, "NON_BINARY", "EMPLOYEE", null, "NOT_STATED");
  await person("p5", B.comune.id, "F", "EMPLOYEE", 1985, "ISCED_5_8");
  await person("p6", X.id, "M", "EXTERNAL", 1970, "ISCED_5_8");
  await person("p7", X.id, "M", "EMPLOYEE", 1980, "ISCED_3_4");
  await person("p8", X.id, "M", "EMPLOYEE", 1980, "ISCED_3_4");
  const enrol = (editionId: number, keys: string[]) =>
    prisma.enrolment.createMany({ data: keys.map((k) => ({ editionId, personId: ids[k] })) });
  await enrol(E1.id, ["p1", "p2", "p3", "p6", "p7", "p8"]);
  await enrol(E2.id, ["p1", "p4"]);
  await enrol(E3.id, ["p5"]);

  const session = (
    editionId: number,
    start: string,
    minutes: number,
    mode: "PRESENCE" | "ONLINE" | "HYBRID",
    unitId: number | null,
    cancelled = false,
  ) =>
    prisma.session.create({
      data: {
        editionId,
        unitId,
        title: start,
        startsAt: at(start),
        endsAt: new Date(at(start).getTime() + minutes * 60_000),
        mode,
        cancelledAt: cancelled ? at("2026-02-01T00:00:00Z") : null,
      },
    });
  const S1 = await session(E1.id, "2026-03-10T08:00:00Z", 240, "PRESENCE", seminar.id);
  const S2 = await session(E1.id, "2026-04-15T08:00:00Z", 120, "ONLINE", null);
  await session(E1.id, "2026-09-01T08:00:00Z", 180, "PRESENCE", seminar.id); // after NOW: not held
  await session(E1.id, "2026-02-20T08:00:00Z", 300, "PRESENCE", null, true); // cancelled
  const S5 = await session(E2.id, "2026-05-20T08:00:00Z", 180, "HYBRID", null);
  const S6 = await session(E3.id, "2026-03-11T08:00:00Z", 240, "PRESENCE", null); // other area
  const attend = (
    sessionId: number,
    key: string,
    status: "PRESENT" | "ABSENT" | "JUSTIFIED" | "NOT_EXPECTED",
    minutes = 0,
  ) => prisma.attendance.create({ data: { sessionId, personId: ids[key], status, minutes } });
  await attend(S1.id, "p1", "PRESENT", 240);
  await attend(S1.id, "p2", "PRESENT", 200);
  await attend(S1.id, "p3", "ABSENT");
  await attend(S2.id, "p1", "PRESENT", 120);
  await attend(S2.id, "p2", "NOT_EXPECTED");
  await attend(S2.id, "p3", "JUSTIFIED");
  await attend(S5.id, "p1", "PRESENT", 180);
  await attend(S5.id, "p4", "PRESENT", 90);
  await attend(S6.id, "p5", "PRESENT", 240);

  const mp = (
    key: string,
    moduleId: number,
    status: "COMPLETED" | "IN_PROGRESS" | "NOT_STARTED",
    scheduledMinutes: number,
    attendedMinutes: number,
  ) =>
    prisma.moduleProgress.create({ data: { personId: ids[key], moduleId, status, scheduledMinutes, attendedMinutes } });
  await mp("p1", M1.id, "COMPLETED", 360, 360);
  await mp("p2", M1.id, "IN_PROGRESS", 240, 200);
  await mp("p3", M1.id, "IN_PROGRESS", 360, 0);
  await mp("p1", M2.id, "IN_PROGRESS", 180, 180);
  await mp("p4", M2.id, "NOT_STARTED", 180, 90);
  await mp("p5", M1.id, "COMPLETED", 240, 240);
  await prisma.phaseProgress.create({ data: { personId: ids.p1, phaseId: P1.id, status: "COMPLETED" } });

  const attempt = (
    key: string,
    unitId: number,
    number: number,
    score: number,
    maxScore: number,
    passed: boolean,
    scores: { competenceId: number; score: number; maxScore: number; level: "BASE" | "INTERMEDIO" | null }[] = [],
  ) =>
    prisma.quizAttempt.create({
      data: {
        personId: ids[key],
        unitId,
        number,
        answers: "{}",
        score,
        maxScore,
        passed,
        competenceScores: { create: scores },
      },
    });
  await attempt("p1", quiz.id, 1, 8, 10, true);
  await attempt("p2", quiz.id, 1, 4, 10, false);
  await attempt("p2", quiz.id, 2, 7, 10, true);
  await attempt("p3", quiz.id, 1, 3, 10, false);
  await attempt("p1", entry.id, 1, 1, 4, true, [
    { competenceId: c1.id, score: 1, maxScore: 2, level: "BASE" },
    { competenceId: c2.id, score: 0, maxScore: 2, level: null },
  ]);
  await attempt("p4", entry.id, 1, 2, 4, true, [{ competenceId: c1.id, score: 2, maxScore: 2, level: "INTERMEDIO" }]);
  await attempt("p1", exit.id, 1, 3, 4, true, [
    { competenceId: c1.id, score: 2, maxScore: 2, level: "INTERMEDIO" },
    { competenceId: c2.id, score: 1, maxScore: 2, level: "BASE" },
  ]);

  await prisma.certificate.create({
    data: {
      code: "AAAAAAAAAA",
      personId: ids.p1,
      moduleId: M1.id,
      attendedMinutes: 360,
      issuedAt: at("2026-05-01T00:00:00Z"),
    },
  });
  await prisma.certificate.create({
    data: {
      code: "BBBBBBBBBB",
      personId: ids.p2,
      moduleId: M1.id,
      attendedMinutes: 200,
      issuedAt: at("2026-05-01T00:00:00Z"),
      revokedAt: at("2026-05-02T00:00:00Z"),
    },
  });
  await prisma.certificate.create({
    data: { code: "CCCCCCCCCC", personId: ids.p5, moduleId: M1.id, attendedMinutes: 240 },
  });

  const answers: [string, number, number | null][] = [
    ["p1", 5, 5],
    ["p2", 4, 3],
    ["p3", 3, 4],
    ["p7", 4, 2],
    ["p8", 5, null],
  ];
  for (const [key, v1, v2] of answers) {
    await prisma.surveyResponse.create({
      data: {
        personId: ids[key],
        unitId: survey.id,
        answers: { create: [{ itemId: s1.id, value: v1 }, ...(v2 === null ? [] : [{ itemId: s2.id, value: v2 }])] },
      },
    });
  }
  ids = { ...ids, M1: M1.id, M2: M2.id, X: X.id, Y: Y.id, areaB: B.area.id, P1: P1.id };
});

describe("indicators on the hand-built fixture", () => {
  it("match the hand-computed values without filters", async () => {
    const ind = await computeIndicators({ scope, filters: {}, now: NOW });
    // Participants: p1 p2 p3 p4 p7 p8 (p5 is in another area, p6 is external).
    expect(ind.participants.total).toBe(6);
    expect(ind.participants.byGender).toEqual({ F: 2, M: 3, NON_BINARY: 1, NOT_STATED: 0 });
    // Ages in 2026: p1 36, p2 26, p3 66, p4 unknown, p7 46, p8 46.
    expect(ind.participants.byAge).toEqual({ UNDER_30: 1, "30_54": 3, "55_PLUS": 1, UNKNOWN: 1 });
    expect(ind.participants.byEducation).toEqual({ ISCED_0_2: 0, ISCED_3_4: 4, ISCED_5_8: 1, NOT_STATED: 1 });
    expect(ind.participants.byPosition).toEqual({ ADMINISTRATOR: 1, EMPLOYEE: 5 });
    expect(ind.participants.bodiesSupported).toBe(2);
    expect(ind.participants.bodies.map((b) => [b.people, b.employees, b.administrators])).toEqual([
      [4, 4, 0],
      [2, 1, 1],
    ]);
    // Held: S1 240 (seminar, presence), S2 120 (online), S5 180 (hybrid); not the future or cancelled ones.
    expect(ind.delivery).toMatchObject({
      sessionsHeld: 3,
      hoursDelivered: 9,
      hoursByKind: { SEMINAR: 4, LAB: 0, OTHER: 5 },
      hoursByMode: { PRESENCE: 4, ONLINE: 2, HYBRID: 3 },
      hoursAttended: 13.8, // 240 + 200 + 120 + 180 + 90 = 830 min
      reachingThreshold: 2, // p1 (360/360, 180/180), p2 (200/240 ≥ 75 %)
    });
    // Expected minutes: S1 5 × 240 + S2 4 × 120 (p2 not expected) + S5 2 × 180 = 2040.
    expect(ind.delivery.attendanceRate).toBeCloseTo(830 / 2040, 10);
    expect(ind.delivery.reachingThresholdShare).toBeCloseTo(2 / 6, 10);
    expect(ind.results.modules.map((m) => [m.title, m.enrolled, m.inProgress, m.completed])).toEqual([
      ["Modulo Uno", 5, 2, 1],
      ["Modulo Due", 2, 1, 0],
    ]);
    expect(ind.results.phases.map((p) => [p.title, p.enrolled, p.completed])).toEqual([
      ["Fase M1", 5, 1],
      ["Fase M2", 2, 0],
    ]);
    expect(ind.results.quizzes.map((q) => [q.title, q.attempted, q.passed])).toEqual([
      ["verifica", 3, 2],
      ["ingresso", 2, 2],
      ["uscita", 1, 1],
    ]);
    // Only p1 took both tests: 1.1 from 50 % (base) to 100 % (intermedio), 3.1 from 0 % (none) to 50 % (base).
    expect(ind.results.gains.map((g) => [g.code, g.people, g.meanDelta, g.movedUp, g.movedUpShare])).toEqual([
      ["1.1", 1, 50, 1, 1],
      ["3.1", 1, 50, 1, 1],
    ]);
    expect(ind.results.certificates).toBe(1); // p2's is revoked, p5's is in another area
    // Survey: item s1 has 5 answers (5,4,3,4,5 → 4.2); s2 has 4 → hidden.
    expect(ind.satisfaction.items.map((i) => [i.text, i.responses, i.mean])).toEqual([
      ["Utile", 5, 4.2],
      ["Chiaro", 4, null],
    ]);
    expect(ind.satisfaction.dimensions).toEqual([
      { dimension: "Contenuti", responses: 5, mean: 4.2 },
      { dimension: "Docenti", responses: 4, mean: null },
    ]);
    expect(ind.satisfaction.responseRate).toBe(1);
    // Employees p1 p2 p4 p7 p8; minutes in 2026: 540 + 200 + 90 = 830 → 13.8 h, 2.8 h each.
    expect(ind.hoursPerEmployee).toEqual({
      year: 2026,
      target: 40,
      employees: 5,
      hours: 13.8,
      average: 2.8,
      reachingTarget: 0,
    });
  });

  it("match the hand-computed values with filters", async () => {
    const employeesOfX = await computeIndicators({ scope, filters: { position: "EMPLOYEE", org: ids.X }, now: NOW });
    expect(employeesOfX.participants.total).toBe(4); // p1 p2 p7 p8
    expect(employeesOfX.participants.byGender).toEqual({ F: 1, M: 3, NON_BINARY: 0, NOT_STATED: 0 });
    expect(employeesOfX.delivery.hoursAttended).toBe(12.3); // 240 + 200 + 120 + 180 = 740 min
    expect(employeesOfX.delivery.attendanceRate).toBeCloseTo(740 / 1500, 10); // 4×240 + 3×120 + 1×180
    expect(employeesOfX.results.modules.map((m) => [m.enrolled, m.completed])).toEqual([
      [4, 1],
      [1, 0],
    ]);

    const m2 = await computeIndicators({ scope, filters: { module: ids.M2 }, now: NOW });
    expect(m2.participants.total).toBe(2); // p1 p4
    expect(m2.delivery).toMatchObject({ sessionsHeld: 1, hoursDelivered: 3, hoursAttended: 4.5 });
    expect(m2.results.certificates).toBe(0);

    const spring = await computeIndicators({ scope, filters: { from: "2026-04-01", to: "2026-05-31" }, now: NOW });
    expect(spring.delivery).toMatchObject({ sessionsHeld: 2, hoursDelivered: 5, hoursAttended: 6.5 }); // S2 and S5
    expect(spring.results.certificates).toBe(1);

    const women = await computeIndicators({ scope, filters: { gender: "F" }, now: NOW });
    expect(women.participants.total).toBe(2);

    // Another area's id as a filter gives nothing of it.
    const foreign = await computeIndicators({ scope, filters: { area: ids.areaB }, now: NOW });
    expect(foreign.participants.total).toBe(0);
    expect(foreign.delivery.sessionsHeld).toBe(0);
  });
});

describe("the memo of the indicators", () => {
  it("answers from memory only while nothing changed, and recomputes after any write", async () => {
    const first = await getIndicators({ scope, filters: { org: ids.Y }, now: NOW });
    expect(await getIndicators({ scope, filters: { org: ids.Y }, now: NOW })).toBe(first); // same object: no recomputation
    // A session ending later than NOW+1h makes the memo expire at that moment.
    const later = await getIndicators({ scope, filters: { org: ids.Y }, now: new Date(NOW.getTime() + 3600_000) });
    expect(later).toEqual(first);
    const before = first.participants.byGender.F;
    await prisma.person.update({ where: { id: ids.p4 }, data: { gender: "F" } });
    const after = await getIndicators({ scope, filters: { org: ids.Y }, now: NOW });
    expect(after).not.toBe(first);
    expect(after.participants.byGender.F).toBe(before + 1);
    await prisma.person.update({ where: { id: ids.p4 }, data: { gender: "NON_BINARY" } });
  });
});

describe("the same figure everywhere", () => {
  it("screen, CSV, XLSX and report agree", async () => {
    const qs = `?position=EMPLOYEE&org=${ids.X}`;
    const screen = payload<{ indicators: Awaited<ReturnType<typeof computeIndicators>> }>(
      (await callRoute(dashboard.loader, makeRequest(`/cruscotto${qs}`, { cookie }))).result,
    ).indicators;
    const printed = payload<{ indicators: typeof screen; described: string[] }>(
      (await callRoute(report.loader, makeRequest(`/cruscotto/report${qs}`, { cookie }))).result,
    );
    expect(printed.indicators).toEqual(screen);
    expect(printed.described).toContain("dipendenti");

    const csvResponse = (
      await callRoute(exportRoute.loader, makeRequest(`/cruscotto/esporta/indicatori-riepilogo.csv${qs}`, { cookie }), {
        file: "indicatori-riepilogo.csv",
      })
    ).result as Response;
    const csv: string[][] = parse(Buffer.from(await csvResponse.arrayBuffer()), { delimiter: ";", bom: true });
    const fromCsv = Object.fromEntries(csv.slice(1).map(([k, v]) => [k, v]));
    expect(fromCsv["Partecipanti"]).toBe(String(screen.participants.total));
    expect(fromCsv["Ore di presenza (persone × ore)"]).toBe(String(screen.delivery.hoursAttended).replace(".", ","));
    expect(fromCsv["Attestati rilasciati"]).toBe(String(screen.results.certificates));

    const xlsxResponse = (
      await callRoute(exportRoute.loader, makeRequest(`/cruscotto/esporta/indicatori.xlsx${qs}`, { cookie }), {
        file: "indicatori.xlsx",
      })
    ).result as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
    const summary = new Map<string, unknown>();
    workbook
      .getWorksheet("Riepilogo")!
      .eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get("Partecipanti")).toBe(screen.participants.total);
    expect(summary.get("Ore di presenza (persone × ore)")).toBe(screen.delivery.hoursAttended);
    const modules: unknown[][] = [];
    workbook
      .getWorksheet("Moduli")!
      .eachRow((row, n) => n > 1 && modules.push([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value]));
    expect(modules).toEqual(screen.results.modules.map((m) => [m.title, m.enrolled, m.completed]));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Riepilogo",
      "Partecipanti",
      "Enti",
      "Erogazione",
      "Moduli",
      "Fasi",
      "Verifiche",
      "Competenze",
      "Gradimento",
    ]);
  });

  it("rejects bad filters with 400 and Italian messages", async () => {
    for (const qs of ["?from=2026-02-30", "?gender=X", "?module=abc", "?from=2026-05-01&to=2026-04-01", "?year=1800"]) {
      const { status, result } = await callRoute(dashboard.loader, makeRequest(`/cruscotto${qs}`, { cookie }));
      expect(status, qs).toBe(400);
      expect(JSON.stringify(payload(result)), qs).toMatch(/non valid|inesistente|deve seguire/);
    }
  });
});

describe("the person × modules export at size", () => {
  it("streams every participant, in chunks, past SQLite's parameter limit", async () => {
    const { area, comune } = await createArea("Grande");
    const big = await createUserWithSession(comune.id, [{ role: "COORDINATOR", areaId: area.id }], {
      position: "EXTERNAL",
    });
    const edition = await prisma.edition.create({
      data: {
        code: "BIG-1",
        title: "Grande",
        moduleId: ids.M1,
        areaId: area.id,
        startsOn: at("2026-01-10T00:00:00Z"),
        endsOn: at("2026-12-20T00:00:00Z"),
      },
    });
    const count = 1_234;
    await prisma.person.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        firstName: `N${i}`,
        lastName: `Massa${String(i).padStart(4, "0")}`,
        organisationId: comune.id,
        position: "EMPLOYEE" as const,
      })),
    });
    const people = await prisma.person.findMany({
      where: { organisationId: comune.id, position: "EMPLOYEE" },
      select: { id: true },
    });
    await prisma.enrolment.createMany({ data: people.map((p) => ({ editionId: edition.id, personId: p.id })) });
    const response = (
      await callRoute(
        exportRoute.loader,
        makeRequest("/cruscotto/esporta/persone-moduli.csv", { cookie: big.cookie }),
        { file: "persone-moduli.csv" },
      )
    ).result as Response;
    const rows: string[][] = parse(Buffer.from(await response.arrayBuffer()), { delimiter: ";", bom: true });
    expect(rows).toHaveLength(1 + count);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(count);
  });
});

import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import * as layout from "~/routes/edizioni.$id";
import * as roster from "~/routes/edizioni.$id._index";
import * as consegne from "~/routes/edizioni.$id.consegne";
import * as esporta from "~/routes/edizioni.$id.esporta.$file";
import * as sessionPage from "~/routes/edizioni.$id.incontri.$sessionId";
import * as registro from "~/routes/edizioni.$id.incontri.$sessionId.registro";
import * as sessions from "~/routes/edizioni.$id.incontri._index";
import * as nuovo from "~/routes/edizioni.$id.incontri.nuovo";
import * as matrice from "~/routes/edizioni.$id.matrice";
import * as drill from "~/routes/edizioni.$id.partecipanti.$personId";
import { completeLesson, submitLab } from "~/models/learner-events.server";
import { prisma } from "~/utils/db.server";
import { createSession as createAuthSession } from "~/utils/session.server";
import {
  asLearner,
  callRoute,
  createModuleFixture,
  createUserWithSession,
  makeRequest,
  payload,
  replyErrors,
} from "../support";

const DAY = 24 * 3600_000;
const NOW = Date.now();

let f: Awaited<ReturnType<typeof createModuleFixture>>;
let other: Awaited<ReturnType<typeof createModuleFixture>>;
let trainerCookie: string;
let otherTrainerCookie: string;
let learnerCookie: string;
let coordinatorCookie: string;
let learners: Awaited<ReturnType<typeof f.enrolLearner>>[];
let submissionId: number;

async function cookieFor(userId: number) {
  return (await createAuthSession(userId, makeRequest("/"))).setCookie.split(";")[0];
}

beforeAll(async () => {
  f = await createModuleFixture({
    units: [
      { slug: "lezione", kind: "LESSON" },
      { slug: "seminario", kind: "SEMINAR" },
      { slug: "laboratorio", kind: "LAB" },
    ],
    threshold: 0.75,
    sessions: [
      { startsAt: new Date(NOW - 10 * DAY), endsAt: new Date(NOW - 10 * DAY + 4 * 3600_000), unitSlug: "seminario" },
      { startsAt: new Date(NOW + 10 * DAY), endsAt: new Date(NOW + 10 * DAY + 4 * 3600_000), unitSlug: "seminario" },
    ],
  });
  other = await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] });
  trainerCookie = await cookieFor(f.trainer.id);
  otherTrainerCookie = await cookieFor(other.trainer.id);
  learners = [];
  for (let i = 0; i < 4; i++) learners.push(await f.enrolLearner(i === 3 ? "ADMINISTRATOR" : "EMPLOYEE"));
  learnerCookie = learners[0].cookie;
  coordinatorCookie = (await createUserWithSession(f.comune.id, [{ role: "COORDINATOR", areaId: f.area.id }])).cookie;
  // A name that a spreadsheet would run as a formula.
  await prisma.person.update({ where: { id: learners[1].person.id }, data: { lastName: "=SOMMA(A1:A9)" } });
  await submitLab({
    ...asLearner(learners[0].learner),
    moduleSlug: f.module.slug,
    unitSlug: "laboratorio",
    input: { text: "Consegna", file: null },
  });
  submissionId = (await prisma.labSubmission.findFirstOrThrow({ where: { personId: learners[0].person.id } })).id;
});

describe("a trainer sees and changes only their editions", () => {
  type Route = {
    name: string;
    handler: Parameters<typeof callRoute>[0];
    params: () => Record<string, string>;
    form?: () => Record<string, string>;
  };
  const id = () => String(f.edition.id);
  const sid = () => String(f.sessions[0].id);
  const routes: Route[] = [
    { name: "layout", handler: layout.loader, params: () => ({ id: id() }) },
    { name: "roster", handler: roster.loader, params: () => ({ id: id() }) },
    { name: "matrix", handler: matrice.loader, params: () => ({ id: id() }) },
    { name: "sessions", handler: sessions.loader, params: () => ({ id: id() }) },
    { name: "new session (loader)", handler: nuovo.loader, params: () => ({ id: id() }) },
    {
      name: "new session (action)",
      handler: nuovo.action,
      params: () => ({ id: id() }),
      form: () => ({
        title: "Incontro nuovo",
        date: "2026-12-01",
        start: "09:00",
        end: "12:00",
        mode: "PRESENCE",
        place: "Sala",
      }),
    },
    { name: "session (loader)", handler: sessionPage.loader, params: () => ({ id: id(), sessionId: sid() }) },
    {
      name: "session (action)",
      handler: sessionPage.action,
      params: () => ({ id: id(), sessionId: sid() }),
      form: () => ({ intent: "all-present" }),
    },
    { name: "register pdf", handler: registro.loader, params: () => ({ id: id(), sessionId: sid() }) },
    { name: "grading (loader)", handler: consegne.loader, params: () => ({ id: id() }) },
    {
      name: "grading (action)",
      handler: consegne.action,
      params: () => ({ id: id() }),
      form: () => ({ intent: "review", submissionId: String(submissionId), decision: "TO_REVISE", feedback: "Rivedi" }),
    },
    { name: "learner", handler: drill.loader, params: () => ({ id: id(), personId: String(learners[0].person.id) }) },
    { name: "export", handler: esporta.loader, params: () => ({ id: id(), file: "presenze.csv" }) },
  ];

  async function snapshot() {
    return {
      sessions: await prisma.session.count(),
      attendance: await prisma.attendance.count(),
      audit: await prisma.auditLog.count(),
      submission: await prisma.labSubmission.findUniqueOrThrow({
        where: { id: submissionId },
        select: { status: true },
      }),
    };
  }

  for (const route of routes) {
    it(`${route.name}: another edition's trainer gets 404, a learner and a coordinator 403, nothing changes`, async () => {
      const before = await snapshot();
      const path = `/edizioni/${route.params().id}`;
      const other = await callRoute(
        route.handler,
        makeRequest(path, { cookie: otherTrainerCookie, form: route.form?.() }),
        route.params(),
      );
      expect(other.status).toBe(404);
      const learner = await callRoute(
        route.handler,
        makeRequest(path, { cookie: learnerCookie, form: route.form?.() }),
        route.params(),
      );
      expect(learner.status).toBe(403);
      const coordinator = await callRoute(
        route.handler,
        makeRequest(path, { cookie: coordinatorCookie, form: route.form?.() }),
        route.params(),
      );
      expect(coordinator.status).toBe(403);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("the edition's own trainer gets every page", async () => {
    for (const route of routes.filter((r) => !r.form)) {
      const { status } = await callRoute(
        route.handler,
        makeRequest(`/edizioni/${f.edition.id}`, { cookie: trainerCookie }),
        route.params(),
      );
      expect(status, route.name).toBe(200);
    }
  });

  it("forged ids of another edition's session or learner give 404", async () => {
    const otherSession = await prisma.session.create({
      data: {
        editionId: other.edition.id,
        title: "Altro",
        startsAt: new Date(NOW - DAY),
        endsAt: new Date(NOW - DAY + 3600_000),
        mode: "ONLINE",
        link: "https://meet.example/x",
      },
    });
    const outsider = await other.enrolLearner();
    const s = await callRoute(sessionPage.loader, makeRequest("/", { cookie: trainerCookie }), {
      id: String(f.edition.id),
      sessionId: String(otherSession.id),
    });
    expect(s.status).toBe(404);
    const save = await callRoute(
      sessionPage.action,
      makeRequest("/", { cookie: trainerCookie, form: { intent: "all-present" } }),
      { id: String(f.edition.id), sessionId: String(otherSession.id) },
    );
    expect(save.status).toBe(404);
    const p = await callRoute(drill.loader, makeRequest("/", { cookie: trainerCookie }), {
      id: String(f.edition.id),
      personId: String(outsider.person.id),
    });
    expect(p.status).toBe(404);
    // A forged row for someone outside the edition changes nothing.
    const before = await prisma.attendance.count();
    const forged = await callRoute(
      sessionPage.action,
      makeRequest("/", {
        cookie: trainerCookie,
        form: { intent: "save-attendance", [`status-${outsider.person.id}`]: "PRESENT" },
      }),
      { id: String(f.edition.id), sessionId: String(f.sessions[0].id) },
    );
    expect(forged.status).toBe(302);
    expect(await prisma.attendance.count()).toBe(before);
  });
});

describe("attendance register", () => {
  const path = () => `/edizioni/${f.edition.id}/incontri/${f.sessions[0].id}`;
  const params = () => ({ id: String(f.edition.id), sessionId: String(f.sessions[0].id) });
  const auditCount = () => prisma.auditLog.count({ where: { action: "attendance.record" } });

  it("writes one audit row per real change, none for a repeated save, and recomputes completion", async () => {
    const [a, b] = learners;
    const form = {
      intent: "save-attendance",
      [`status-${a.person.id}`]: "PRESENT",
      [`minutes-${a.person.id}`]: "240",
      [`status-${b.person.id}`]: "ABSENT",
    };
    const first = await callRoute(sessionPage.action, makeRequest(path(), { cookie: trainerCookie, form }), params());
    expect((first.result as Response).headers.get("Location")).toMatch(/modifiche=2$/);
    const afterFirst = await auditCount();

    const again = await callRoute(sessionPage.action, makeRequest(path(), { cookie: trainerCookie, form }), params());
    expect((again.result as Response).headers.get("Location")).toMatch(/modifiche=0$/);
    expect(await auditCount()).toBe(afterFirst);

    const changed = await callRoute(
      sessionPage.action,
      makeRequest(path(), { cookie: trainerCookie, form: { ...form, [`status-${b.person.id}`]: "JUSTIFIED" } }),
      params(),
    );
    expect((changed.result as Response).headers.get("Location")).toMatch(/modifiche=1$/);
    expect(await auditCount()).toBe(afterFirst + 1);
    const row = await prisma.attendance.findUniqueOrThrow({
      where: { sessionId_personId: { sessionId: f.sessions[0].id, personId: b.person.id } },
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "attendance.record", entityId: String(row.id) },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(audit.before!)).toEqual({ status: "ABSENT", minutes: 0, mode: null });
    expect(JSON.parse(audit.after!)).toEqual({ status: "JUSTIFIED", minutes: 0, mode: null });
    expect(audit.actorId).toBe(f.trainer.id);

    // Presence at the seminar completes its unit and counts towards the module's hours.
    const progress = await prisma.progress.findUniqueOrThrow({
      where: { personId_unitId: { personId: a.person.id, unitId: f.units.seminario.id } },
    });
    expect(progress.status).toBe("COMPLETED");
    const mp = await prisma.moduleProgress.findUniqueOrThrow({
      where: { personId_moduleId: { personId: a.person.id, moduleId: f.module.id } },
    });
    expect(mp.attendedMinutes).toBe(240);
  });

  it("a failed save changes nothing", async () => {
    const [a, , c] = learners;
    const before = await prisma.attendance.findMany({ orderBy: { id: "asc" } });
    const audits = await prisma.auditLog.count();
    const bad = await callRoute(
      sessionPage.action,
      makeRequest(path(), {
        cookie: trainerCookie,
        form: {
          intent: "save-attendance",
          [`status-${a.person.id}`]: "ABSENT",
          [`status-${c.person.id}`]: "PRESENT",
          [`minutes-${c.person.id}`]: "999",
        },
      }),
      params(),
    );
    expect(bad.status).toBe(400);
    const errors = replyErrors(bad.result);
    expect(errors[`minutes-${c.person.id}`]).toEqual(["Al massimo 240 minuti, la durata dell'incontro."]);
    expect(await prisma.attendance.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("creates a session in Rome time and refuses bad input", async () => {
    const bad = await callRoute(
      nuovo.action,
      makeRequest("/", {
        cookie: trainerCookie,
        form: { title: "X", date: "2026-13-40", start: "10:00", end: "09:00", mode: "ONLINE" },
      }),
      { id: String(f.edition.id) },
    );
    expect(bad.status).toBe(400);
    const errors = payload<{ result: { error: Record<string, string[]> } }>(bad.result).result.error;
    expect(errors.title).toEqual(["Il titolo deve avere almeno 3 caratteri."]);
    expect(errors.link).toEqual(["Indica il collegamento per chi partecipa online."]);
    const ok = await callRoute(
      nuovo.action,
      makeRequest("/", {
        cookie: trainerCookie,
        form: {
          title: "Laboratorio pratico",
          // Far ahead: a session already held would change the roster's at-risk test below.
          date: "2030-12-03",
          start: "14:30",
          end: "17:30",
          mode: "HYBRID",
          place: "Sala consiliare",
          link: "https://meet.jit.si/capacitas-prova",
          unitId: String(f.units.seminario.id),
        },
      }),
      { id: String(f.edition.id) },
    );
    expect(ok.status).toBe(302);
    const created = await prisma.session.findFirstOrThrow({ where: { title: "Laboratorio pratico" } });
    expect(created.startsAt.toISOString()).toBe("2030-12-03T13:30:00.000Z");
    expect(created.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
  });
});

describe("roster", () => {
  async function get(qs: string) {
    const { status, result } = await callRoute(
      roster.loader,
      makeRequest(`/edizioni/${f.edition.id}${qs}`, { cookie: trainerCookie }),
      { id: String(f.edition.id) },
    );
    return {
      status,
      data: payload<{
        total: number;
        rows: { personId: number; name: string; atRisk: boolean; position: string; status: string }[];
      }>(result),
    };
  }

  it("sorts, filters and pages from the URL and rejects bad params", async () => {
    const byName = await get("?sort=name&dir=desc");
    const names = byName.data.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort().reverse());
    const admins = await get("?position=ADMINISTRATOR");
    expect(admins.data.rows.map((r) => r.personId)).toEqual([learners[3].person.id]);
    const page = await get("?size=10&page=1&sort=name");
    expect(page.data.total).toBe(4);
    for (const qs of ["?risk=yes", "?status=DONE", "?sort=email", "?page=-1"])
      expect((await get(qs)).status, qs).toBe(400);
  });

  it("flags at-risk learners exactly as computed by hand", async () => {
    // Hand fixture: the one session held so far lasted 240 min; the threshold is 75 % → 180 min.
    // A: present 240 min, active now          → not at risk
    // B: justified (0 min)                    → at risk (attendance)
    // C: nothing recorded, completes a lesson → at risk (attendance: 0 < 180)
    // D: present 240 min, no activity since the session 10 days ago, atRiskDays = 7 → at risk (inactivity)
    const [a, b, c, d] = learners;
    await prisma.edition.update({ where: { id: f.edition.id }, data: { atRiskDays: 7 } });
    await callRoute(
      sessionPage.action,
      makeRequest("/", {
        cookie: trainerCookie,
        form: { intent: "save-attendance", [`status-${d.person.id}`]: "PRESENT", [`minutes-${d.person.id}`]: "240" },
      }),
      { id: String(f.edition.id), sessionId: String(f.sessions[0].id) },
    );
    await completeLesson({ ...asLearner(a.learner), moduleSlug: f.module.slug, unitSlug: "lezione" });
    await completeLesson({ ...asLearner(c.learner), moduleSlug: f.module.slug, unitSlug: "lezione" });
    const { data } = await get("?risk=1&sort=name");
    expect(data.rows.map((r) => r.personId).sort()).toEqual([b.person.id, c.person.id, d.person.id].sort());
    const all = await get("?size=100");
    expect(all.data.rows.find((r) => r.personId === a.person.id)?.atRisk).toBe(false);
    // The page-first path (sort by name, no status or risk filter) flags the same people as
    // the full-roster path (risk filter).
    expect(
      all.data.rows
        .filter((r) => r.atRisk)
        .map((r) => r.personId)
        .sort(),
    ).toEqual(data.rows.map((r) => r.personId).sort());
    const byStatus = await get("?size=100&sort=status");
    expect(byStatus.data.rows.map((r) => [r.personId, r.atRisk, r.status]).sort()).toEqual(
      all.data.rows.map((r) => [r.personId, r.atRisk, r.status]).sort(),
    );
  });
});

describe("register PDF and exports", () => {
  it("the signature register lists every enrolled learner", async () => {
    const { status, result } = await callRoute(registro.loader, makeRequest("/", { cookie: trainerCookie }), {
      id: String(f.edition.id),
      sessionId: String(f.sessions[0].id),
    });
    expect(status).toBe(200);
    const bytes = new Uint8Array(await (result as Response).arrayBuffer());
    const parser = new PDFParse({ data: bytes });
    const { text } = await parser.getText();
    await parser.destroy();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Registro presenze");
    expect(flat).toContain(f.module.title);
    for (const l of learners.filter((x) => x !== learners[1]))
      expect(flat).toContain(`${l.person.lastName} ${l.person.firstName}`);
    expect(flat).toContain("Firma de");
  });

  it("attendance CSV: one row per person × session, formula-safe names", async () => {
    const { result } = await callRoute(esporta.loader, makeRequest("/", { cookie: trainerCookie }), {
      id: String(f.edition.id),
      file: "presenze.csv",
    });
    const bytes = new Uint8Array(await (result as Response).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(Buffer.from(bytes), { delimiter: ";", bom: true });
    const [header, ...data] = rows;
    expect(header.slice(0, 8)).toEqual([
      "Cognome",
      "Nome",
      "Ente",
      "Ruolo",
      "Incontro",
      "Inizio",
      "Fine",
      "Durata (minuti)",
    ]);
    const sessionCount = await prisma.session.count({ where: { editionId: f.edition.id } });
    expect(data).toHaveLength(learners.length * sessionCount);
    expect(data.some((r) => r[0] === "'=SOMMA(A1:A9)")).toBe(true);
    expect(data.every((r) => !r[0].startsWith("="))).toBe(true);
    const a = data.find((r) => r[0] === learners[0].person.lastName && r[7] === "240");
    expect(a?.[11]).toBe("Presente");
  });

  it("roster XLSX: the same rows as the screen", async () => {
    const { result } = await callRoute(esporta.loader, makeRequest("/", { cookie: trainerCookie }), {
      id: String(f.edition.id),
      file: "partecipanti.xlsx",
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (result as Response).arrayBuffer());
    const sheet = workbook.getWorksheet("Partecipanti")!;
    expect(sheet.getRow(1).values).toContain("Partecipante");
    expect(sheet.rowCount).toBe(1 + learners.length);
    const names = [] as string[];
    sheet.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    expect(names.some((n) => n.startsWith("'=SOMMA"))).toBe(true);
    const screen = await callRoute(roster.loader, makeRequest("/", { cookie: trainerCookie }), {
      id: String(f.edition.id),
    });
    expect(names.map((n) => n.replace(/^'/, ""))).toEqual(
      payload<{ rows: { name: string }[] }>(screen.result).rows.map((r) => r.name),
    );
  });
});

// Editions and enrolment (/gestione/edizioni), editing and deactivating people (/persone/:id):
// scope, single and bulk enrolment, withdrawal, late enrolment, trainers, deactivation, access.
import { beforeAll, describe, expect, it } from "vitest";
import * as trainerEdition from "~/routes/edizioni.$id";
import * as editionPage from "~/routes/gestione.edizioni.$id";
import * as editions from "~/routes/gestione.edizioni._index";
import * as login from "~/routes/login";
import * as percorso from "~/routes/percorso._index";
import * as personPage from "~/routes/persone.$id";
import * as persone from "~/routes/persone._index";
import { getUser } from "~/access/user.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { callRoute, createModuleFixture, createPerson, createUserWithSession, makeRequest, payload } from "../support";

const DAY = 24 * 3600_000;
const NOW = Date.now();
const PASSWORD = "Staffora scorre verso il Po";

let f: Awaited<ReturnType<typeof createModuleFixture>>;
let other: Awaited<ReturnType<typeof createModuleFixture>>;
let unione: { id: number };
let coordinator: Awaited<ReturnType<typeof createUserWithSession>>;
let adminCookie: string;
let learnerCookie: string;
let trainerCookie: string;
let spareTrainer: Awaited<ReturnType<typeof createUserWithSession>>;
let foreigner: { id: number };

type Reply = { intent?: string; result: { error?: Record<string, string[] | null> } };
const errorsOf = (r: unknown) => payload<Reply>(r).result.error ?? {};
const id = (n: number) => String(n);

async function snapshot() {
  const [enrolments, withdrawn, attendances, trainers, audit, people, editionsCount, active] = await Promise.all([
    prisma.enrolment.count(),
    prisma.enrolment.count({ where: { status: "WITHDRAWN" } }),
    prisma.attendance.count(),
    prisma.editionTrainer.count(),
    prisma.auditLog.count(),
    prisma.person.findMany({
      orderBy: { id: "asc" },
      select: { id: true, firstName: true, email: true, active: true, organisationId: true },
    }),
    prisma.edition.count(),
    prisma.user.count({ where: { active: true } }),
  ]);
  return { enrolments, withdrawn, attendances, trainers, audit, people, editionsCount, active };
}

function post(
  handler: Parameters<typeof callRoute>[0],
  path: string,
  form: Record<string, string>,
  params: Record<string, string>,
  cookie = coordinator.cookie,
) {
  return callRoute(handler, makeRequest(path, { cookie, form }), params);
}

beforeAll(async () => {
  f = await createModuleFixture({
    units: [
      { slug: "lezione", kind: "LESSON" },
      { slug: "seminario", kind: "SEMINAR" },
    ],
    sessions: [
      { startsAt: new Date(NOW - 10 * DAY), endsAt: new Date(NOW - 10 * DAY + 2 * 3600_000), unitSlug: "seminario" },
      { startsAt: new Date(NOW - 3 * DAY), endsAt: new Date(NOW - 3 * DAY + 2 * 3600_000), unitSlug: "seminario" },
      { startsAt: new Date(NOW + 7 * DAY), endsAt: new Date(NOW + 7 * DAY + 3 * 3600_000), unitSlug: "seminario" },
    ],
  });
  other = await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] });
  unione = await prisma.organisation.create({
    data: { name: "Unione dei Comuni di prova", kind: "UNIONE", areaId: f.area.id },
    select: { id: true },
  });
  coordinator = await createUserWithSession(f.comune.id, [{ role: "COORDINATOR", areaId: f.area.id }], {
    position: "EXTERNAL",
    lastName: "Coordinatrice",
  });
  adminCookie = (await createUserWithSession(other.comune.id, [{ role: "ADMIN" }], { position: "EXTERNAL" })).cookie;
  learnerCookie = (await f.enrolLearner()).cookie;
  trainerCookie = (await createUserWithSession(f.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" })).cookie;
  spareTrainer = await createUserWithSession(f.comune.id, [{ role: "TRAINER" }], {
    position: "EXTERNAL",
    lastName: "Formatrice",
  });
  foreigner = await createPerson({ organisationId: other.comune.id, lastName: "Forestiero" });
});

describe("access", () => {
  it("learners and trainers get 403 on every management route; anonymous users go to the login page", async () => {
    const person = await createPerson({ organisationId: f.comune.id });
    const before = await snapshot();
    const calls = (cookie?: string) => [
      callRoute(editions.loader, makeRequest("/gestione/edizioni", { cookie })),
      callRoute(editions.action, makeRequest("/gestione/edizioni", { cookie, form: { intent: "create", code: "X" } })),
      callRoute(editionPage.loader, makeRequest(`/gestione/edizioni/${f.edition.id}`, { cookie }), {
        id: id(f.edition.id),
      }),
      callRoute(
        editionPage.action,
        makeRequest(`/gestione/edizioni/${f.edition.id}`, {
          cookie,
          form: { intent: "enrol", personId: id(person.id) },
        }),
        { id: id(f.edition.id) },
      ),
      callRoute(
        editionPage.action,
        makeRequest(`/gestione/edizioni/${f.edition.id}`, {
          cookie,
          form: { intent: "add-trainer", userId: id(spareTrainer.user.id) },
        }),
        { id: id(f.edition.id) },
      ),
      callRoute(personPage.loader, makeRequest(`/persone/${person.id}`, { cookie }), { id: id(person.id) }),
      callRoute(personPage.action, makeRequest(`/persone/${person.id}`, { cookie, form: { intent: "deactivate" } }), {
        id: id(person.id),
      }),
    ];
    for (const cookie of [learnerCookie, trainerCookie]) {
      for (const result of await Promise.all(calls(cookie))) expect(result.status).toBe(403);
    }
    for (const result of await Promise.all(calls(undefined))) expect(result.status).toBe(302);
    expect(await snapshot()).toEqual(before);
  });
});

describe("scope", () => {
  it("a coordinator sees only their areas' editions; an admin sees all", async () => {
    const mine = payload<{ editions: { code: string }[]; areas: { id: number }[] }>(
      (await callRoute(editions.loader, makeRequest("/gestione/edizioni", { cookie: coordinator.cookie }))).result,
    );
    expect(mine.editions.map((e) => e.code)).toEqual([f.edition.code]);
    expect(mine.areas.map((a) => a.id)).toEqual([f.area.id]);
    const all = payload<{ editions: { code: string }[] }>(
      (await callRoute(editions.loader, makeRequest("/gestione/edizioni", { cookie: adminCookie }))).result,
    );
    expect(all.editions.map((e) => e.code).sort()).toEqual([f.edition.code, other.edition.code].sort());
  });

  it("another area's edition or person is not found (404) and nothing is written", async () => {
    const mine = await createPerson({ organisationId: f.comune.id });
    await prisma.enrolment.create({ data: { editionId: other.edition.id, personId: foreigner.id } });
    const before = await snapshot();
    const otherId = { id: id(other.edition.id) };
    const mineId = { id: id(f.edition.id) };
    const cases = [
      () =>
        callRoute(
          editionPage.loader,
          makeRequest(`/gestione/edizioni/${other.edition.id}`, { cookie: coordinator.cookie }),
          otherId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${other.edition.id}`,
          { intent: "enrol", personId: id(mine.id) },
          otherId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${other.edition.id}`,
          { intent: "bulk", position: "EMPLOYEE" },
          otherId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${other.edition.id}`,
          { intent: "withdraw", personId: id(foreigner.id) },
          otherId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${other.edition.id}`,
          { intent: "add-trainer", userId: id(spareTrainer.user.id) },
          otherId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${other.edition.id}`,
          { intent: "remove-trainer", userId: id(other.trainer.id) },
          otherId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${f.edition.id}`,
          { intent: "enrol", personId: id(foreigner.id) },
          mineId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${f.edition.id}`,
          { intent: "bulk", organisationId: id(other.comune.id) },
          mineId,
        ),
      () =>
        post(
          editionPage.action,
          `/gestione/edizioni/${f.edition.id}`,
          { intent: "withdraw", personId: id(foreigner.id) },
          mineId,
        ),
      () =>
        callRoute(editionPage.loader, makeRequest("/gestione/edizioni/abc", { cookie: coordinator.cookie }), {
          id: "abc",
        }),
      () =>
        callRoute(personPage.loader, makeRequest(`/persone/${foreigner.id}`, { cookie: coordinator.cookie }), {
          id: id(foreigner.id),
        }),
      () =>
        post(
          personPage.action,
          `/persone/${foreigner.id}`,
          {
            intent: "update",
            firstName: "Preso",
            lastName: "X",
            organisationId: id(f.comune.id),
            position: "EMPLOYEE",
          },
          { id: id(foreigner.id) },
        ),
      () => post(personPage.action, `/persone/${foreigner.id}`, { intent: "deactivate" }, { id: id(foreigner.id) }),
    ];
    for (const [i, call] of cases.entries()) expect((await call()).status, `case ${i}`).toBe(404);
    expect(await snapshot()).toEqual(before);
    // The admin reaches both.
    expect(
      (
        await callRoute(
          editionPage.loader,
          makeRequest(`/gestione/edizioni/${other.edition.id}`, { cookie: adminCookie }),
          otherId,
        )
      ).status,
    ).toBe(200);
  });
});

describe("editions", () => {
  it("creates an edition in the coordinator's area, audited", async () => {
    const form = {
      intent: "create",
      moduleId: id(f.module.id),
      areaId: id(f.area.id),
      code: "olt-nuova-2027",
      title: "Nuova edizione",
      startsOn: "2027-02-01",
      endsOn: "2027-05-31",
    };
    const { status, result } = await post(editions.action, "/gestione/edizioni", form, {});
    expect(status).toBe(302);
    const created = await prisma.edition.findUniqueOrThrow({
      where: { code: "OLT-NUOVA-2027" },
      select: { id: true, areaId: true, phaseId: true, status: true },
    });
    expect((result as Response).headers.get("Location")).toBe(`/gestione/edizioni/${created.id}?esito=creata`);
    expect(created).toMatchObject({ areaId: f.area.id, phaseId: null, status: "PLANNED" });
    expect(await prisma.auditLog.count({ where: { action: "edition.create", entityId: String(created.id) } })).toBe(1);
  });

  it("refuses bad input with Italian messages next to the fields and writes nothing", async () => {
    const before = await snapshot();
    const bad = await post(
      editions.action,
      "/gestione/edizioni",
      {
        intent: "create",
        moduleId: "",
        areaId: id(f.area.id),
        code: "a b",
        title: "X",
        startsOn: "2027-02-30",
        endsOn: "2027-01-01",
      },
      {},
    );
    expect(bad.status).toBe(400);
    const errors = errorsOf(bad.result);
    expect(errors.moduleId).toEqual(["Scegli il modulo."]);
    expect(errors.code?.[0]).toMatch(/^Il codice ha da 3 a 40 caratteri/);
    expect(errors.title).toEqual(["Il titolo deve avere almeno 3 caratteri."]);
    expect(errors.startsOn).toEqual(["Inserisci la data di inizio (gg/mm/aaaa)."]);
    const backwards = await post(
      editions.action,
      "/gestione/edizioni",
      {
        intent: "create",
        moduleId: id(f.module.id),
        areaId: id(f.area.id),
        code: "OLT-X-1",
        title: "Titolo",
        startsOn: "2027-03-01",
        endsOn: "2027-01-01",
      },
      {},
    );
    expect(errorsOf(backwards.result).endsOn).toEqual(["La data di fine non può precedere quella di inizio."]);
    const foreignArea = await post(
      editions.action,
      "/gestione/edizioni",
      {
        intent: "create",
        moduleId: id(f.module.id),
        areaId: id(other.area.id),
        code: "OLT-X-2",
        title: "Titolo",
        startsOn: "2027-01-01",
        endsOn: "2027-02-01",
      },
      {},
    );
    expect(foreignArea.status).toBe(400);
    expect(errorsOf(foreignArea.result).areaId).toEqual(["Area non valida o fuori dalle tue aree."]);
    const duplicate = await post(
      editions.action,
      "/gestione/edizioni",
      {
        intent: "create",
        moduleId: id(f.module.id),
        areaId: id(f.area.id),
        code: f.edition.code,
        title: "Titolo",
        startsOn: "2027-01-01",
        endsOn: "2027-02-01",
      },
      {},
    );
    expect(errorsOf(duplicate.result).code).toEqual(["Esiste già un'edizione con questo codice."]);
    const foreignPhase = await post(
      editions.action,
      "/gestione/edizioni",
      {
        intent: "create",
        moduleId: id(f.module.id),
        phaseId: id(other.phase.id),
        areaId: id(f.area.id),
        code: "OLT-X-3",
        title: "Titolo",
        startsOn: "2027-01-01",
        endsOn: "2027-02-01",
      },
      {},
    );
    expect(errorsOf(foreignPhase.result).phaseId).toEqual(["La fase scelta non appartiene al modulo."]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("enrolment", () => {
  const here = () => `/gestione/edizioni/${f.edition.id}`;
  const params = () => ({ id: id(f.edition.id) });

  it("enrols one person late: NOT_EXPECTED rows for the sessions already held, audit and stored completion in the same go", async () => {
    const person = await createPerson({ organisationId: f.comune.id, lastName: "Ritardataria" });
    const page = payload<{ eligible: { id: number }[] }>(
      (await callRoute(editionPage.loader, makeRequest(here(), { cookie: coordinator.cookie }), params())).result,
    );
    expect(page.eligible.map((p) => p.id)).toContain(person.id);
    expect(page.eligible.map((p) => p.id)).not.toContain(foreigner.id);

    const { status, result } = await post(
      editionPage.action,
      here(),
      { intent: "enrol", personId: id(person.id) },
      params(),
    );
    expect(status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`${here()}?esito=iscritta`);
    const enrolment = await prisma.enrolment.findUniqueOrThrow({
      where: { editionId_personId: { editionId: f.edition.id, personId: person.id } },
    });
    expect(enrolment.status).toBe("ACTIVE");
    const attendance = await prisma.attendance.findMany({
      where: { personId: person.id },
      orderBy: { sessionId: "asc" },
      select: { sessionId: true, status: true, minutes: true },
    });
    expect(attendance).toEqual([
      { sessionId: f.sessions[0].id, status: "NOT_EXPECTED", minutes: 0 },
      { sessionId: f.sessions[1].id, status: "NOT_EXPECTED", minutes: 0 },
    ]);
    const progress = await prisma.moduleProgress.findUniqueOrThrow({
      where: { personId_moduleId: { personId: person.id, moduleId: f.module.id } },
    });
    // Only the future 3-hour session is expected of them.
    expect(progress).toMatchObject({
      scheduledMinutes: 180,
      attendedMinutes: 0,
      requiredUnits: 2,
      status: "NOT_STARTED",
      lastActivityAt: null,
    });
    expect(await prisma.auditLog.count({ where: { action: "enrolment.create", entityId: String(enrolment.id) } })).toBe(
      1,
    );
    expect(
      await prisma.auditLog.count({
        where: {
          action: "attendance.record",
          entityId: {
            in: (await prisma.attendance.findMany({ where: { personId: person.id } })).map((a) => String(a.id)),
          },
        },
      }),
    ).toBe(2);

    // Enrolling again is refused with a reason; nothing written.
    const before = await snapshot();
    const again = await post(editionPage.action, here(), { intent: "enrol", personId: id(person.id) }, params());
    expect(again.status).toBe(400);
    expect(errorsOf(again.result).personId).toEqual(["La persona è già iscritta a questa edizione."]);
    const empty = await post(editionPage.action, here(), { intent: "enrol", personId: "" }, params());
    expect(errorsOf(empty.result).personId).toEqual(["Scegli la persona da iscrivere."]);
    expect(await snapshot()).toEqual(before);
  });

  it("enrols in bulk by organisation and/or position, in one transaction, skipping who cannot be enrolled", async () => {
    const admins = [
      await createPerson({ organisationId: unione.id, position: "ADMINISTRATOR" }),
      await createPerson({ organisationId: unione.id, position: "ADMINISTRATOR" }),
    ];
    const employees = [
      await createPerson({ organisationId: unione.id, position: "EMPLOYEE" }),
      await createPerson({ organisationId: unione.id, position: "EMPLOYEE" }),
    ];
    const inactive = await createPerson({ organisationId: unione.id, position: "ADMINISTRATOR" });
    await prisma.person.update({ where: { id: inactive.id }, data: { active: false, deactivatedAt: new Date() } });
    const external = await createPerson({ organisationId: unione.id, position: "EXTERNAL" });

    const none = await post(editionPage.action, here(), { intent: "bulk" }, params());
    expect(none.status).toBe(400);
    expect(errorsOf(none.result).organisationId).toEqual(["Scegli l'ente, il ruolo o entrambi."]);

    const first = await post(
      editionPage.action,
      here(),
      { intent: "bulk", organisationId: id(unione.id), position: "ADMINISTRATOR" },
      params(),
    );
    expect(first.status).toBe(302);
    expect((first.result as Response).headers.get("Location")).toBe(`${here()}?esito=blocco&n=2`);
    const enrolledIn = async () =>
      (
        await prisma.enrolment.findMany({
          where: { editionId: f.edition.id, person: { organisationId: unione.id } },
          select: { personId: true },
        })
      )
        .map((e) => e.personId)
        .sort();
    expect(await enrolledIn()).toEqual(admins.map((p) => p.id).sort());

    const second = await post(editionPage.action, here(), { intent: "bulk", organisationId: id(unione.id) }, params());
    expect((second.result as Response).headers.get("Location")).toBe(`${here()}?esito=blocco&n=2`);
    expect(await enrolledIn()).toEqual([...admins, ...employees].map((p) => p.id).sort());
    expect(await prisma.enrolment.count({ where: { personId: { in: [inactive.id, external.id] } } })).toBe(0);
    for (const p of [...admins, ...employees]) {
      expect(await prisma.attendance.count({ where: { personId: p.id, status: "NOT_EXPECTED" } })).toBe(2);
      expect(await prisma.moduleProgress.count({ where: { personId: p.id, moduleId: f.module.id } })).toBe(1);
    }

    // Nothing left to enrol: 0 people, nothing written.
    const before = await snapshot();
    const third = await post(editionPage.action, here(), { intent: "bulk", organisationId: id(unione.id) }, params());
    expect((third.result as Response).headers.get("Location")).toBe(`${here()}?esito=blocco&n=0`);
    expect(await snapshot()).toEqual(before);
  });

  it("withdrawing keeps the enrolment, its attendance and progress; re-enrolling reactivates it", async () => {
    const person = await createPerson({ organisationId: f.comune.id, lastName: "Ritirata" });
    await post(editionPage.action, here(), { intent: "enrol", personId: id(person.id) }, params());
    const attendanceBefore = await prisma.attendance.count({ where: { personId: person.id } });
    const { status } = await post(
      editionPage.action,
      here(),
      { intent: "withdraw", personId: id(person.id) },
      params(),
    );
    expect(status).toBe(302);
    const enrolment = await prisma.enrolment.findUniqueOrThrow({
      where: { editionId_personId: { editionId: f.edition.id, personId: person.id } },
    });
    expect(enrolment.status).toBe("WITHDRAWN");
    expect(enrolment.withdrawnAt).toBeInstanceOf(Date);
    expect(await prisma.attendance.count({ where: { personId: person.id } })).toBe(attendanceBefore);
    const progress = await prisma.moduleProgress.findUniqueOrThrow({
      where: { personId_moduleId: { personId: person.id, moduleId: f.module.id } },
    });
    expect(progress.scheduledMinutes).toBe(0);
    expect(
      await prisma.auditLog.count({ where: { action: "enrolment.withdraw", entityId: String(enrolment.id) } }),
    ).toBe(1);
    // Withdrawing twice: the active enrolment is not found.
    expect(
      (await post(editionPage.action, here(), { intent: "withdraw", personId: id(person.id) }, params())).status,
    ).toBe(404);

    const back = await post(editionPage.action, here(), { intent: "reenrol", personId: id(person.id) }, params());
    expect(back.status).toBe(302);
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).toMatchObject({
      status: "ACTIVE",
      withdrawnAt: null,
    });
    expect(await prisma.enrolment.count({ where: { editionId: f.edition.id, personId: person.id } })).toBe(1);
    expect(
      (
        await prisma.moduleProgress.findUniqueOrThrow({
          where: { personId_moduleId: { personId: person.id, moduleId: f.module.id } },
        })
      ).scheduledMinutes,
    ).toBe(180);
  });

  it("assigns and removes trainers (users with the TRAINER role), audited", async () => {
    const trainerSession = { cookie: spareTrainer.cookie };
    const layout = () =>
      callRoute(trainerEdition.loader, makeRequest(`/edizioni/${f.edition.id}`, trainerSession), params());
    expect((await layout()).status).toBe(404);
    const page = payload<{ candidates: { id: number }[]; trainers: { id: number }[] }>(
      (await callRoute(editionPage.loader, makeRequest(here(), { cookie: coordinator.cookie }), params())).result,
    );
    expect(page.trainers.map((t) => t.id)).toEqual([f.trainer.id]);
    expect(page.candidates.map((c) => c.id)).toContain(spareTrainer.user.id);
    expect(page.candidates.map((c) => c.id)).not.toContain(coordinator.user.id);

    expect(
      (await post(editionPage.action, here(), { intent: "add-trainer", userId: id(spareTrainer.user.id) }, params()))
        .status,
    ).toBe(302);
    expect((await layout()).status).toBe(200);
    expect(
      await prisma.auditLog.count({ where: { action: "edition.trainer.add", entityId: String(f.edition.id) } }),
    ).toBe(1);

    const before = await snapshot();
    const notTrainer = await post(
      editionPage.action,
      here(),
      { intent: "add-trainer", userId: id(coordinator.user.id) },
      params(),
    );
    expect(notTrainer.status).toBe(400);
    expect(errorsOf(notTrainer.result).userId).toEqual(["Scegli un formatore dell'elenco che non sia già assegnato."]);
    const twice = await post(
      editionPage.action,
      here(),
      { intent: "add-trainer", userId: id(spareTrainer.user.id) },
      params(),
    );
    expect(twice.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    expect(
      (await post(editionPage.action, here(), { intent: "remove-trainer", userId: id(spareTrainer.user.id) }, params()))
        .status,
    ).toBe(302);
    expect((await layout()).status).toBe(404);
    expect(
      await prisma.auditLog.count({ where: { action: "edition.trainer.remove", entityId: String(f.edition.id) } }),
    ).toBe(1);
    expect(
      (await post(editionPage.action, here(), { intent: "remove-trainer", userId: id(spareTrainer.user.id) }, params()))
        .status,
    ).toBe(404);
  });
});

describe("people", () => {
  it("edits a person: changed fields audited, the account's email follows; bad input is refused and writes nothing", async () => {
    const { person, user } = await createUserWithSession(f.comune.id, [{ role: "LEARNER" }], {
      firstName: "Teresa",
      lastName: "Quaroni",
      email: "teresa.q@comune.varzi.pv.it",
    });
    const path = `/persone/${person.id}`;
    const params = { id: id(person.id) };
    const base = {
      intent: "update",
      firstName: "Teresa",
      lastName: "Quaroni",
      email: "teresa.q@comune.varzi.pv.it",
      organisationId: id(f.comune.id),
      position: "EMPLOYEE",
      gender: "NOT_STATED",
      educationLevel: "NOT_STATED",
    };

    const loaded = payload<{ defaults: Record<string, string> }>(
      (await callRoute(personPage.loader, makeRequest(path, { cookie: coordinator.cookie }), params)).result,
    );
    expect(loaded.defaults).toMatchObject({
      firstName: "Teresa",
      email: "teresa.q@comune.varzi.pv.it",
      organisationId: id(f.comune.id),
    });

    const same = await post(personPage.action, path, base, params);
    expect((same.result as Response).headers.get("Location")).toBe(`${path}?esito=invariata`);

    const saved = await post(
      personPage.action,
      path,
      {
        ...base,
        email: "Teresa.Quaroni@comune.varzi.pv.it",
        office: "Protocollo",
        organisationId: id(unione.id),
        birthYear: "1984",
      },
      params,
    );
    expect((saved.result as Response).headers.get("Location")).toBe(`${path}?esito=salvata`);
    expect(
      await prisma.person.findUniqueOrThrow({
        where: { id: person.id },
        select: { email: true, office: true, organisationId: true, birthYear: true },
      }),
    ).toEqual({
      email: "teresa.quaroni@comune.varzi.pv.it",
      office: "Protocollo",
      organisationId: unione.id,
      birthYear: 1984,
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(
      "teresa.quaroni@comune.varzi.pv.it",
    );
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { action: "person.update", entityId: String(person.id) },
    });
    expect(JSON.parse(entry.before!)).toEqual({
      email: "teresa.q@comune.varzi.pv.it",
      organisationId: f.comune.id,
      office: null,
      birthYear: null,
    });

    const before = await snapshot();
    const bad = await post(
      personPage.action,
      path,
      { ...base, firstName: "", email: "non-valida", birthYear: "1850" },
      params,
    );
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.result)).toMatchObject({
      firstName: ["Inserisci il nome."],
      email: ["Inserisci un indirizzo email valido."],
      birthYear: ["Anno di nascita non plausibile."],
    });
    const taken = await post(personPage.action, path, { ...base, email: coordinator.person.email! }, params);
    expect(errorsOf(taken.result).email).toEqual(["Questa email è già registrata."]);
    const noEmail = await post(personPage.action, path, { ...base, email: "" }, params);
    expect(errorsOf(noEmail.result).email?.[0]).toMatch(/ha un account/);
    const foreignOrg = await post(
      personPage.action,
      path,
      { ...base, email: "teresa.quaroni@comune.varzi.pv.it", organisationId: id(other.comune.id) },
      params,
    );
    expect(errorsOf(foreignOrg.result).organisationId).toEqual(["Ente non valido o fuori dalle tue aree."]);
    expect(await snapshot()).toEqual(before);
  });

  it("deactivation ends the sessions and blocks login but keeps every record; reactivation restores the account", async () => {
    const learner = await f.enrolLearner();
    await prisma.user.update({
      where: { id: learner.user.id },
      data: { passwordHash: await hashPassword(PASSWORD), passwordSetAt: new Date() },
    });
    await prisma.attendance.create({
      data: { sessionId: f.sessions[0].id, personId: learner.person.id, status: "PRESENT", minutes: 120 },
    });
    const path = `/persone/${learner.person.id}`;
    const params = { id: id(learner.person.id) };
    const request = () => makeRequest("/percorso", { cookie: learner.cookie });
    expect(await getUser(request())).not.toBeNull();

    const { status, result } = await post(personPage.action, path, { intent: "deactivate" }, params);
    expect(status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`${path}?esito=disattivata`);
    const person = await prisma.person.findUniqueOrThrow({
      where: { id: learner.person.id },
      select: { active: true, deactivatedAt: true, user: { select: { active: true } } },
    });
    expect(person).toMatchObject({ active: false, user: { active: false } });
    expect(person.deactivatedAt).toBeInstanceOf(Date);
    expect(await prisma.authSession.count({ where: { userId: learner.user.id } })).toBe(0);
    expect(await getUser(request())).toBeNull();
    expect((await callRoute(percorso.loader, request())).status).toBe(302);
    const loginAttempt = await callRoute(
      login.action,
      makeRequest("/login", { form: { email: learner.person.email!, password: PASSWORD } }),
    );
    expect(loginAttempt.status).toBe(400);
    // Records stay: enrolment, attendance, the person row.
    expect(await prisma.enrolment.count({ where: { personId: learner.person.id, status: "ACTIVE" } })).toBe(1);
    expect(await prisma.attendance.count({ where: { personId: learner.person.id } })).toBe(1);
    expect(
      await prisma.auditLog.count({ where: { action: "person.deactivate", entityId: String(learner.person.id) } }),
    ).toBe(1);

    // Hidden from the people table by default, shown with the filter; not offered for enrolment.
    const list = async (qs: string) =>
      payload<{ rows: { id: number; active: boolean }[] }>(
        (await callRoute(persone.loader, makeRequest(`/persone${qs}`, { cookie: coordinator.cookie }))).result,
      ).rows;
    expect((await list("?size=100")).some((r) => r.id === learner.person.id)).toBe(false);
    expect((await list("?size=100&inactive=1")).find((r) => r.id === learner.person.id)).toMatchObject({
      active: false,
    });
    expect(
      (await callRoute(persone.loader, makeRequest("/persone?inactive=si", { cookie: coordinator.cookie }))).status,
    ).toBe(400);

    const back = await post(personPage.action, path, { intent: "reactivate" }, params);
    expect((back.result as Response).headers.get("Location")).toBe(`${path}?esito=riattivata`);
    const relogin = await callRoute(
      login.action,
      makeRequest("/login", { form: { email: learner.person.email!, password: PASSWORD } }),
    );
    expect(relogin.status).toBe(302);
    expect(
      await prisma.person.findUniqueOrThrow({
        where: { id: learner.person.id },
        select: { active: true, deactivatedAt: true },
      }),
    ).toEqual({ active: true, deactivatedAt: null });
  });

  it("a coordinator cannot deactivate themselves or an account with roles they cannot grant", async () => {
    const adminInArea = await createUserWithSession(f.comune.id, [{ role: "ADMIN" }], { position: "EXTERNAL" });
    const before = await snapshot();
    const self = await post(
      personPage.action,
      `/persone/${coordinator.person.id}`,
      { intent: "deactivate" },
      { id: id(coordinator.person.id) },
    );
    expect(self.status).toBe(400);
    const admin = await post(
      personPage.action,
      `/persone/${adminInArea.person.id}`,
      { intent: "deactivate" },
      { id: id(adminInArea.person.id) },
    );
    expect(admin.status).toBe(400);
    const email = await post(
      personPage.action,
      `/persone/${adminInArea.person.id}`,
      {
        intent: "update",
        firstName: "X",
        lastName: "Y",
        email: "presa@x.it",
        organisationId: id(f.comune.id),
        position: "EXTERNAL",
      },
      { id: id(adminInArea.person.id) },
    );
    expect(errorsOf(email.result).email).toEqual([
      "Non puoi cambiare l'email di un account con ruoli che non gestisci.",
    ]);
    const unknown = await post(
      personPage.action,
      `/persone/${adminInArea.person.id}`,
      { intent: "sposta" },
      { id: id(adminInArea.person.id) },
    );
    expect(unknown.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect(await getUser(makeRequest("/", { cookie: adminInArea.cookie }))).not.toBeNull();
  });
});

describe("a closed edition", () => {
  it("accepts no new enrolments", async () => {
    const closed = await prisma.edition.create({
      data: {
        code: "OLT-CHIUSA",
        title: "Chiusa",
        moduleId: f.module.id,
        areaId: f.area.id,
        startsOn: new Date(NOW - 90 * DAY),
        endsOn: new Date(NOW - 10 * DAY),
        status: "CLOSED",
      },
    });
    const person = await createPerson({ organisationId: f.comune.id });
    const before = await snapshot();
    const one = await post(
      editionPage.action,
      `/gestione/edizioni/${closed.id}`,
      { intent: "enrol", personId: id(person.id) },
      { id: id(closed.id) },
    );
    expect(errorsOf(one.result).personId).toEqual(["L'edizione è chiusa: non accetta iscrizioni."]);
    const bulk = await post(
      editionPage.action,
      `/gestione/edizioni/${closed.id}`,
      { intent: "bulk", position: "EMPLOYEE" },
      { id: id(closed.id) },
    );
    expect(bulk.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

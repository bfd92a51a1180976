import { beforeAll, describe, expect, it } from "vitest";
import * as cruscotto from "~/routes/cruscotto._index";
import * as persone from "~/routes/persone._index";
import * as nuova from "~/routes/persone.nuova";
import { prisma } from "~/utils/db.server";
import { callRoute, createArea, createPerson, createUserWithSession, makeRequest, payload } from "../support";

let coordinator: string;
let adminCookie: string;
let areaA: Awaited<ReturnType<typeof createArea>>;
let areaB: Awaited<ReturnType<typeof createArea>>;

type PeopleData = { total: number; rows: { name: string; position: string; organisation: string }[] };

beforeAll(async () => {
  areaA = await createArea("Oltrepò");
  areaB = await createArea("Valchiavenna");
  // 23 people in A (plus the coordinator), 5 in B.
  const surnames = [
    "Bassi",
    "Cerutti",
    "Daglia",
    "Fossati",
    "Gatti",
    "Lanati",
    "Maggi",
    "Negri",
    "Poggi",
    "Quaroni",
    "Repetti",
    "Sacchi",
  ];
  for (let i = 0; i < 23; i++) {
    await createPerson({
      organisationId: i % 2 ? areaA.comune.id : areaA.cm.id,
      lastName: `${surnames[i % surnames.length]}${String.fromCharCode(65 + i)}`,
      position: i % 3 === 0 ? "ADMINISTRATOR" : "EMPLOYEE",
    });
  }
  for (let i = 0; i < 5; i++) await createPerson({ organisationId: areaB.comune.id, lastName: `Chiavennasco${i}` });
  coordinator = (
    await createUserWithSession(areaA.cm.id, [{ role: "COORDINATOR", areaId: areaA.area.id }], {
      lastName: "Zucchella",
    })
  ).cookie;
  adminCookie = (
    await createUserWithSession(areaB.cm.id, [{ role: "ADMIN" }], { position: "EXTERNAL", lastName: "Zanardi" })
  ).cookie;
});

async function people(qs: string, cookie = coordinator) {
  const { status, result } = await callRoute(persone.loader, makeRequest(`/persone${qs}`, { cookie }));
  return { status, data: payload<PeopleData & { errors?: Record<string, string[]> }>(result) };
}

describe("people table", () => {
  it("shows only the coordinator's areas", async () => {
    const { data } = await people("?size=100");
    expect(data.total).toBe(24);
    expect(data.rows.every((r) => !r.name.startsWith("Chiavennasco"))).toBe(true);
    const all = await people("?size=100", adminCookie);
    expect(all.data.total).toBe(30);
  });

  it("sorts from the URL", async () => {
    const asc = await people("?sort=name&dir=asc&size=100");
    const names = asc.data.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "it")));
    const desc = await people("?sort=name&dir=desc&size=100");
    expect(desc.data.rows.map((r) => r.name)).toEqual([...names].reverse());
    const byOrg = await people("?sort=organisation&dir=asc&size=100");
    expect(byOrg.data.rows[0].organisation).toBe("Comune di Oltrepò");
  });

  it("pages from the URL", async () => {
    const all = (await people("?sort=name&size=100")).data.rows.map((r) => r.name);
    const page2 = await people("?sort=name&size=10&page=2");
    expect(page2.data.rows.map((r) => r.name)).toEqual(all.slice(10, 20));
    const page3 = await people("?sort=name&size=10&page=3");
    expect(page3.data.rows).toHaveLength(4);
    expect(page3.data.total).toBe(24);
  });

  it("filters by organisation, position and text", async () => {
    const admins = await people("?position=ADMINISTRATOR&size=100");
    expect(admins.data.total).toBe(8);
    expect(admins.data.rows.every((r) => r.position === "ADMINISTRATOR")).toBe(true);
    const comune = await people(`?org=${areaA.comune.id}&size=100`);
    expect(comune.data.total).toBe(11);
    const text = await people("?q=Daglia");
    expect(text.data.rows.map((r) => r.name.split(" ")[0])).toEqual(["DagliaC", "DagliaO"]);
    // Another area's organisation gives nothing, not its people.
    const foreign = await people(`?org=${areaB.comune.id}`);
    expect(foreign.data.total).toBe(0);
  });

  it("rejects bad params with 400 and Italian messages", async () => {
    for (const qs of [
      "?page=0",
      "?page=abc",
      "?size=1000",
      "?sort=password",
      "?dir=sideways",
      "?position=SINDACO",
      "?org=-3",
      `?q=${"x".repeat(81)}`,
    ]) {
      const { status, data } = await people(qs);
      expect(status, qs).toBe(400);
      expect(
        Object.values(data.errors ?? {})
          .flat()
          .join(" "),
        qs,
      ).toMatch(/[a-zà-ù]/);
    }
  });
});

describe("creating a person", () => {
  const valid = {
    firstName: "Rosa",
    lastName: "Piccinini",
    email: "rosa.piccinini@comune.oltrepo.pv.it",
    position: "EMPLOYEE",
    office: "Tributi",
    gender: "F",
    birthYear: "1979",
    educationLevel: "ISCED_5_8",
    createAccount: "on",
    roles: "LEARNER",
  };

  it("creates person, account, one-time link, outbox message and audit rows in one go", async () => {
    const { status, result } = await callRoute(
      nuova.action,
      makeRequest("/persone/nuova", {
        cookie: coordinator,
        form: { ...valid, organisationId: String(areaA.comune.id) },
      }),
    );
    expect(status).toBe(200);
    const created = payload<{ created: { name: string; link: string } }>(result).created;
    expect(created.name).toBe("Rosa Piccinini");
    expect(created.link).toMatch(/^http:\/\/capacitas\.test\/imposta-password\/[\w-]{40,}$/);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: valid.email },
      select: { passwordHash: true, roles: { select: { role: true } }, id: true },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.roles).toEqual([{ role: "LEARNER" }]);
    expect(await prisma.passwordToken.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { to: valid.email } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: { in: ["person.create", "role.grant"] } } })).toBe(2);
  });

  it("makes the invitation link from APP_URL, never from a foreign Host header", async () => {
    const email = "ospite.host@comune.oltrepo.pv.it";
    const request = makeRequest("/persone/nuova", {
      cookie: coordinator,
      form: { ...valid, email, organisationId: String(areaA.comune.id) },
    });
    // What the Express adapter builds from `Host: evil.example`.
    const foreign = new Request(request.url.replace("http://capacitas.test", "http://evil.example"), {
      method: "POST",
      headers: new Headers([...request.headers, ["Host", "evil.example"], ["Origin", "http://evil.example"]]),
      body: await request.text(),
    });
    const { status, result } = await callRoute(nuova.action, foreign);
    expect(status).toBe(200);
    const link = payload<{ created: { link: string } }>(result).created.link;
    expect(link).toMatch(/^http:\/\/capacitas\.test\/imposta-password\//);
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { to: email }, select: { body: true } });
    expect(mail.body).toContain(link);
    expect(mail.body).not.toContain("evil.example");
  });

  it("refuses bad input with Italian messages next to the fields and writes nothing", async () => {
    const before = await prisma.person.count();
    const { status, result } = await callRoute(
      nuova.action,
      makeRequest("/persone/nuova", {
        cookie: coordinator,
        form: { ...valid, email: "non-valida", birthYear: "1850", organisationId: "", firstName: "" },
      }),
    );
    expect(status).toBe(400);
    const errors = payload<{ result: { error: Record<string, string[]> } }>(result).result.error;
    expect(errors.email).toEqual(["Inserisci un indirizzo email valido."]);
    expect(errors.birthYear).toEqual(["Anno di nascita non plausibile."]);
    expect(errors.firstName).toEqual(["Inserisci il nome."]);
    expect(errors.organisationId?.[0]).toMatch(/ente/i);
    expect(await prisma.person.count()).toBe(before);
  });

  it("refuses a duplicate email, an organisation outside the areas and a role the coordinator cannot grant", async () => {
    const before = await prisma.person.count();
    const cases = [
      {
        form: { ...valid, organisationId: String(areaA.comune.id) },
        field: "email",
        message: "Questa email è già registrata.",
      },
      {
        form: { ...valid, email: "altro@x.it", organisationId: String(areaB.comune.id) },
        field: "organisationId",
        message: "Ente non valido o fuori dalle tue aree.",
      },
      {
        form: { ...valid, email: "altro2@x.it", organisationId: String(areaA.comune.id), roles: "ADMIN" },
        field: "roles",
        message: "Non puoi assegnare questo ruolo.",
      },
    ];
    for (const c of cases) {
      const { status, result } = await callRoute(
        nuova.action,
        makeRequest("/persone/nuova", { cookie: coordinator, form: c.form }),
      );
      expect(status).toBe(400);
      expect(payload<{ result: { error: Record<string, string[]> } }>(result).result.error[c.field]).toEqual([
        c.message,
      ]);
    }
    expect(await prisma.person.count()).toBe(before);
    expect(await prisma.user.count({ where: { roles: { some: { role: "ADMIN" } } } })).toBe(1);
  });
});

describe("dashboard scope", () => {
  it("counts only the coordinator's areas", async () => {
    const fixtureModule = await prisma.programme.create({
      data: {
        slug: "p-test",
        title: "Programma",
        description: "d",
        modules: { create: [{ slug: "m", position: 0, title: "Modulo", summary: "s" }] },
      },
      select: { modules: { select: { id: true } } },
    });
    const moduleId = fixtureModule.modules[0].id;
    const mk = (code: string, areaId: number) =>
      prisma.edition.create({
        data: { code, title: code, moduleId, areaId, startsOn: new Date(), endsOn: new Date() },
      });
    const a = await mk("A-1", areaA.area.id);
    const b = await mk("B-1", areaB.area.id);
    const inA = await prisma.person.findMany({
      where: { organisation: { areaId: areaA.area.id }, position: { not: "EXTERNAL" } },
      take: 3,
    });
    const inB = await prisma.person.findMany({ where: { organisation: { areaId: areaB.area.id } }, take: 4 });
    for (const p of inA) await prisma.enrolment.create({ data: { editionId: a.id, personId: p.id } });
    for (const p of inB) await prisma.enrolment.create({ data: { editionId: b.id, personId: p.id } });
    const { result } = await callRoute(cruscotto.loader, makeRequest("/cruscotto", { cookie: coordinator }));
    type D = {
      indicators: { participants: { total: number; bodiesSupported: number } };
      options: { areas: { name: string }[] };
    };
    const d = payload<D>(result);
    expect(d.indicators.participants.total).toBe(3);
    expect(d.options.areas.map((a) => a.name)).toEqual(["Oltrepò"]);
    const all = payload<D>(
      (await callRoute(cruscotto.loader, makeRequest("/cruscotto", { cookie: adminCookie }))).result,
    );
    expect(all.indicators.participants.total).toBe(7);
    // Asking for another area's figures gives nothing, not that area.
    const forged = payload<D>(
      (await callRoute(cruscotto.loader, makeRequest(`/cruscotto?area=${areaB.area.id}`, { cookie: coordinator })))
        .result,
    );
    expect(forged.indicators.participants.total).toBe(0);
  });
});

// The access matrix (SECURITY.md, "Access control"): every route × every kind of user.
import { beforeAll, describe, expect, it } from "vitest";
import * as admin from "~/routes/admin";
import * as cruscotto from "~/routes/cruscotto._index";
import * as cruscottoEnti from "~/routes/cruscotto.enti";
import * as cruscottoExport from "~/routes/cruscotto.esporta.$file";
import * as cruscottoPersone from "~/routes/cruscotto.persone";
import * as cruscottoReport from "~/routes/cruscotto.report";
import * as edizioni from "~/routes/edizioni._index";
import * as home from "~/routes/_index";
import * as percorso from "~/routes/percorso._index";
import * as persone from "~/routes/persone._index";
import * as nuova from "~/routes/persone.nuova";
import { prisma } from "~/utils/db.server";
import { callRoute, createArea, createUserWithSession, makeRequest } from "../support";

type Who = "anonymous" | "learner" | "trainer" | "coordinator" | "admin";
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  const { area, comune } = await createArea("Matrice");
  cookies.learner = (await createUserWithSession(comune.id, [{ role: "LEARNER" }])).cookie;
  cookies.trainer = (await createUserWithSession(comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" })).cookie;
  cookies.coordinator = (await createUserWithSession(comune.id, [{ role: "COORDINATOR", areaId: area.id }])).cookie;
  cookies.admin = (await createUserWithSession(comune.id, [{ role: "ADMIN" }], { position: "EXTERNAL" })).cookie;
});

type Row = {
  name: string;
  path: string;
  handler: Parameters<typeof callRoute>[0];
  form?: Record<string, string>;
  expect: Record<Who, number>;
};

// 302 = sent to the login page. Actions get a harmless, invalid form: a 400 proves the
// guard let the request through to validation.
const MATRIX: Row[] = [
  {
    name: "home",
    path: "/",
    handler: home.loader,
    expect: { anonymous: 302, learner: 302, trainer: 302, coordinator: 302, admin: 302 },
  },
  {
    name: "percorso",
    path: "/percorso",
    handler: percorso.loader,
    expect: { anonymous: 302, learner: 200, trainer: 403, coordinator: 403, admin: 403 },
  },
  {
    name: "edizioni",
    path: "/edizioni",
    handler: edizioni.loader,
    expect: { anonymous: 302, learner: 403, trainer: 200, coordinator: 403, admin: 403 },
  },
  {
    name: "cruscotto",
    path: "/cruscotto",
    handler: cruscotto.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "cruscotto/persone",
    path: "/cruscotto/persone",
    handler: cruscottoPersone.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "cruscotto/enti",
    path: "/cruscotto/enti",
    handler: cruscottoEnti.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "cruscotto/report",
    path: "/cruscotto/report",
    handler: cruscottoReport.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "cruscotto/esporta",
    path: "/cruscotto/esporta/indicatori.xlsx",
    handler: (args) => cruscottoExport.loader({ ...args, params: { file: "indicatori.xlsx" } }),
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "persone",
    path: "/persone",
    handler: persone.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "persone/nuova (loader)",
    path: "/persone/nuova",
    handler: nuova.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 200, admin: 200 },
  },
  {
    name: "persone/nuova (action)",
    path: "/persone/nuova",
    handler: nuova.action,
    form: { firstName: "" },
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 400, admin: 400 },
  },
  {
    name: "admin (loader)",
    path: "/admin",
    handler: admin.loader,
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 403, admin: 200 },
  },
  {
    name: "admin (action)",
    path: "/admin",
    handler: admin.action,
    form: { intent: "nulla" },
    expect: { anonymous: 302, learner: 403, trainer: 403, coordinator: 403, admin: 400 },
  },
];

describe("access matrix", () => {
  for (const row of MATRIX) {
    for (const who of Object.keys(row.expect) as Who[]) {
      it(`${row.name} × ${who} → ${row.expect[who]}`, async () => {
        const request = makeRequest(row.path, { cookie: cookies[who], form: row.form });
        const { status, result } = await callRoute(row.handler, request);
        expect(status).toBe(row.expect[who]);
        if (who === "anonymous") expect((result as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
      });
    }
  }

  it("a learner's forged extra fields cannot grant roles", async () => {
    const before = await prisma.person.count();
    const { status } = await callRoute(
      nuova.action,
      makeRequest("/persone/nuova", {
        cookie: cookies.learner,
        form: { firstName: "X", lastName: "Y", organisationId: "1", position: "EMPLOYEE", role: "COORDINATOR" },
      }),
    );
    expect(status).toBe(403);
    expect(await prisma.person.count()).toBe(before);
  });
});

// The access matrix (docs/security.md, "Access control"), generated from the route files:
// every route file of app/routes must have an expected answer in access-matrix.ts for each of
// its handlers (loader, action) and each kind of user, or the suite fails — a new route
// cannot be forgotten.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { callRoute, makeRequest } from "../support";
import { createAccessFixture, WHO } from "./access-fixture";
import { INVALID, MATRIX, type Fixture, type Handler, type RouteModule } from "./access-matrix";

const ROUTES_DIR = path.resolve("app/routes");
const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const routeFiles = readdirSync(ROUTES_DIR)
  .filter((file) => !file.startsWith(".") && !/\.server\.tsx?$/.test(file))
  .map((file) => file.replace(/\.tsx?$/, ""))
  .sort();

let fixture: Fixture;
beforeAll(async () => {
  fixture = await createAccessFixture();
});

describe("access matrix: the routes", () => {
  it("has a row for every route file, and no row for a file that does not exist", () => {
    expect(routeFiles.filter((name) => !(name in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((name) => !routeFiles.includes(name))).toEqual([]);
  });

  for (const name of routeFiles) {
    it(`${name}: every handler it exports has its expected answers, and only those`, () => {
      const mod = modules[`../../app/routes/${name}.tsx`];
      expect(mod, `${name} must be a .tsx route module`).toBeDefined();
      const row = MATRIX[name];
      expect(Boolean(row?.loader), `${name} loader`).toBe(typeof mod?.loader === "function");
      expect(Boolean(row?.action), `${name} action`).toBe(typeof mod?.action === "function");
    });
  }
});

describe("access matrix", () => {
  for (const [name, row] of Object.entries(MATRIX)) {
    for (const kind of ["loader", "action"] as const) {
      const expected = row[kind];
      if (!expected) continue;
      for (const who of WHO) {
        it(`${name} ${kind} × ${who} → ${expected[who]}`, async () => {
          const mod = modules[`../../app/routes/${name}.tsx`];
          const handler = mod[kind] as Handler;
          const cookie = kind === "action" && row.endsSession ? await fixture.freshCookie(who) : fixture.cookies[who];
          const request = makeRequest(row.path(fixture.params), {
            cookie,
            ...(kind === "action" ? { form: row.form ?? INVALID } : {}),
          });
          const { status, result } = await callRoute(handler, request, row.params?.(fixture.params) ?? {});
          expect(status).toBe(expected[who]);
          if (status === 302 && who === "anonymous" && expected.learner !== 302) {
            expect((result as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
          }
        });
      }
    }
  }

  it("a learner's forged extra fields cannot grant roles", async () => {
    const nuova = modules["../../app/routes/persone.nuova.tsx"];
    const before = await prisma.person.count();
    const { status } = await callRoute(
      nuova.action as Handler,
      makeRequest("/persone/nuova", {
        cookie: fixture.cookies.learner,
        form: { firstName: "X", lastName: "Y", organisationId: "1", position: "EMPLOYEE", role: "COORDINATOR" },
      }),
    );
    expect(status).toBe(403);
    expect(await prisma.person.count()).toBe(before);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { getUser } from "~/access/user.server";
import { LOGIN_THROTTLE } from "~/domain/login-throttle";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { createSession, getLiveSession, SESSION_IDLE_MS } from "~/utils/session.server";
import { callRoute, createArea, createPerson, makeRequest, payload } from "../support";

const PASSWORD = "Staffora scorre verso il Po";

async function userWithPassword(email: string) {
  const { comune } = await createArea();
  const person = await createPerson({ organisationId: comune.id, email });
  return prisma.user.create({
    data: {
      email,
      personId: person.id,
      passwordHash: await hashPassword(PASSWORD),
      roles: { create: [{ role: "LEARNER" }] },
    },
  });
}

type Reply = { result: { error?: Record<string, string[] | null> } };

afterEach(() => {
  vi.useRealTimers();
});
const formError = (r: unknown) => payload<Reply>(r).result.error?.[""];

describe("login", () => {
  it("logs in, lands on the role's home and stores a database session", async () => {
    await userWithPassword("anna.rossi@comune.varzi.pv.it");
    const { status, result } = await callRoute(
      loginAction,
      makeRequest("/login", { form: { email: "Anna.Rossi@comune.varzi.pv.it", password: PASSWORD } }),
    );
    expect(status).toBe(302);
    const response = result as Response;
    expect(response.headers.get("Location")).toBe("/percorso");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await prisma.authSession.count()).toBe(1);
    const user = await getUser(makeRequest("/", { cookie: cookie.split(";")[0] }));
    expect(user?.email).toBe("anna.rossi@comune.varzi.pv.it");
  });

  it("answers a wrong password exactly like an unknown account", async () => {
    const user = await userWithPassword("paolo.gatti@comune.bagnaria.pv.it");
    const wrong = await callRoute(
      loginAction,
      makeRequest("/login", { form: { email: "paolo.gatti@comune.bagnaria.pv.it", password: "password sbagliata" } }),
    );
    const unknown = await callRoute(
      loginAction,
      makeRequest("/login", { form: { email: "nessuno@comune.bagnaria.pv.it", password: "password sbagliata" } }),
    );
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(wrong.status);
    expect(formError(wrong.result)).toEqual(["Email o password non corretti."]);
    expect(formError(unknown.result)).toEqual(formError(wrong.result));
    expect(await prisma.authSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses bad input with messages next to the fields and writes nothing", async () => {
    const { status, result } = await callRoute(
      loginAction,
      makeRequest("/login", { form: { email: "non-una-email", password: "" } }),
    );
    expect(status).toBe(400);
    const errors = payload<Reply>(result).result.error!;
    expect(errors.email).toEqual(["Inserisci un indirizzo email valido."]);
    expect(errors.password).toEqual(["Inserisci la password."]);
    expect(await prisma.loginAttempt.count({ where: { email: "non-una-email" } })).toBe(0);
  });

  it("slows a guesser down with 429 and Retry-After, never locking the owner out", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-02T08:00:00Z"));
    const marta = await userWithPassword("marta.poggi@comune.varzi.pv.it");
    const attempt = (email: string, password: string, ip: string) =>
      callRoute(loginAction, makeRequest("/login", { form: { email, password }, ip }));
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) {
      const wrong = await attempt("marta.poggi@comune.varzi.pv.it", `sbagliata-${i}`, "198.51.100.7");
      expect(wrong.status).toBe(400);
    }
    // The guesser's address waits, even with the right password…
    const blocked = await attempt("marta.poggi@comune.varzi.pv.it", PASSWORD, "198.51.100.7");
    expect(blocked.status).toBe(429);
    expect(formError(blocked.result)).toEqual(["Troppi tentativi: riprova tra 1 secondo."]);
    expect(await prisma.authSession.count({ where: { userId: marta.id } })).toBe(0);
    // …the owner, from another address, gets in at once.
    const owner = await attempt("marta.poggi@comune.varzi.pv.it", PASSWORD, "192.0.2.44");
    expect(owner.status).toBe(302);
    // Throttling an unknown account looks the same.
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) {
      await attempt("fantasma@comune.varzi.pv.it", `sbagliata-${i}`, "198.51.100.7");
    }
    const ghost = await attempt("fantasma@comune.varzi.pv.it", PASSWORD, "198.51.100.7");
    expect(ghost.status).toBe(429);
    expect(formError(ghost.result)).toEqual(formError(blocked.result));
    // After the wait the guesser may try again.
    vi.setSystemTime(new Date("2026-03-02T08:00:01Z"));
    expect((await attempt("marta.poggi@comune.varzi.pv.it", "sbagliata-ancora", "198.51.100.7")).status).toBe(400);
  });

  it("ignores a redirect to another site", async () => {
    await userWithPassword("luca.negri@comune.varzi.pv.it");
    const { result } = await callRoute(
      loginAction,
      makeRequest("/login", {
        form: { email: "luca.negri@comune.varzi.pv.it", password: PASSWORD, redirectTo: "//evil.example/" },
      }),
    );
    expect((result as Response).headers.get("Location")).toBe("/percorso");
  });
});

describe("sessions", () => {
  it("logout deletes the session row", async () => {
    const user = await userWithPassword("sara.conti@comune.varzi.pv.it");
    const { setCookie } = await createSession(user.id, makeRequest("/"));
    const cookie = setCookie.split(";")[0];
    const { status } = await callRoute(logoutAction, makeRequest("/logout", { cookie, method: "POST" }));
    expect(status).toBe(302);
    expect(await prisma.authSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(makeRequest("/", { cookie }))).toBeNull();
  });

  it("expires after the idle timeout and when the account is deactivated", async () => {
    const user = await userWithPassword("ilaria.sacchi@comune.varzi.pv.it");
    const start = new Date("2026-03-02T08:00:00Z");
    const { setCookie } = await createSession(user.id, makeRequest("/"), start);
    const request = makeRequest("/", { cookie: setCookie.split(";")[0] });
    expect(await getLiveSession(request, new Date(start.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(await getLiveSession(request, new Date(start.getTime() + 2 * SESSION_IDLE_MS))).toBeNull();
    expect(await prisma.authSession.count({ where: { userId: user.id } })).toBe(0);

    const second = await createSession(user.id, makeRequest("/"));
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getUser(makeRequest("/", { cookie: second.setCookie.split(";")[0] }))).toBeNull();
  });

  it("rejects a forged cookie", async () => {
    const user = await userWithPassword("enrico.tosi@comune.varzi.pv.it");
    await createSession(user.id, makeRequest("/"));
    const { id } = await prisma.authSession.findFirstOrThrow({ where: { userId: user.id } });
    const forged = `capacitas_session=${Buffer.from(JSON.stringify(id)).toString("base64")}.firma-falsa`;
    expect(await getUser(makeRequest("/", { cookie: forged }))).toBeNull();
  });
});

// The login throttle (docs/decisions/014-login-throttling.md): growing waits, no lockout.
// The limiter reads the clock through Date, so the tests fake Date only (timers stay real).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyLogin } from "~/access/login.server";
import { LOGIN_THROTTLE } from "~/domain/login-throttle";
import type { RoleName } from "~/access/capabilities";
import { action as loginAction } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { callRoute, createArea, createPerson, makeRequest, payload } from "../support";

const PASSWORD = "Staffora scorre verso il Po";
const START = new Date("2026-03-02T08:00:00Z").getTime();

async function userWithPassword(email: string, role: RoleName = "LEARNER") {
  const { comune } = await createArea();
  const person = await createPerson({ organisationId: comune.id, email });
  return prisma.user.create({
    data: { email, personId: person.id, passwordHash: await hashPassword(PASSWORD), roles: { create: [{ role }] } },
  });
}

type Reply = { result: { error?: Record<string, string[] | null> } };

/** Posts the login form from an address; returns status, Retry-After and the form's message. */
async function postLogin(email: string, password: string, ip: string) {
  const { status, result } = await callRoute(loginAction, makeRequest("/login", { form: { email, password }, ip }));
  const init = (result as { init?: { headers?: Record<string, string> } }).init;
  const retryAfter = status === 429 ? Number(init?.headers?.["Retry-After"]) : null;
  const message = status === 302 ? null : (payload<Reply>(result).result.error?.[""]?.[0] ?? null);
  return { status, retryAfter, message };
}

/** Moves the fake clock forward. */
const wait = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("login throttle, one account from one address", () => {
  it("lets a few attempts through, then answers 429 with a growing Retry-After and the wait in Italian", async () => {
    const email = "giulia.ferrari@comune.varzi.pv.it";
    await userWithPassword(email);
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) {
      expect(await postLogin(email, `sbagliata-${i}`, "198.51.100.1")).toMatchObject({ status: 400 });
    }
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const throttled = await postLogin(email, "sbagliata", "198.51.100.1");
      expect(throttled.status).toBe(429);
      waits.push(throttled.retryAfter!);
      // Asking again during the wait changes nothing: the same answer, the wait not longer.
      expect(await postLogin(email, "sbagliata", "198.51.100.1")).toMatchObject({ retryAfter: throttled.retryAfter });
      wait(throttled.retryAfter!);
      expect(await postLogin(email, "sbagliata", "198.51.100.1")).toMatchObject({ status: 400 });
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    const fifth = await postLogin(email, "sbagliata", "198.51.100.1");
    expect(fifth).toEqual({ status: 429, retryAfter: 16, message: "Troppi tentativi: riprova tra 16 secondi." });
  });

  it("caps the wait at 15 minutes", async () => {
    const email = "carlo.bianchi@comune.varzi.pv.it";
    const waits: number[] = [];
    while (waits.length < 12) {
      const outcome = await verifyLogin(makeRequest("/login", { ip: "198.51.100.2" }), email, "sbagliata");
      if (!outcome.ok && outcome.reason === "throttled") {
        waits.push(outcome.retryAfterSeconds);
        wait(outcome.retryAfterSeconds);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    expect(await postLogin(email, "sbagliata", "198.51.100.2")).toMatchObject({ status: 400 });
    expect(await postLogin(email, "sbagliata", "198.51.100.2")).toEqual({
      status: 429,
      retryAfter: LOGIN_THROTTLE.pair.maxWaitSeconds,
      message: "Troppi tentativi: riprova tra 15 minuti.",
    });
  });

  it("forgets the failures after a successful login", async () => {
    const email = "elena.moro@comune.varzi.pv.it";
    await userWithPassword(email);
    for (let i = 0; i < LOGIN_THROTTLE.pair.free + 1; i++) await postLogin(email, "sbagliata", "198.51.100.3");
    const throttled = await postLogin(email, PASSWORD, "198.51.100.3");
    expect(throttled.status).toBe(429);
    wait(throttled.retryAfter!);
    expect(await postLogin(email, PASSWORD, "198.51.100.3")).toMatchObject({ status: 302 });
    // A new count: the free attempts again, then the shortest wait.
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) {
      expect(await postLogin(email, "sbagliata", "198.51.100.3")).toMatchObject({ status: 400 });
    }
    expect(await postLogin(email, "sbagliata", "198.51.100.3")).toMatchObject({ status: 429, retryAfter: 1 });
  });

  it("starts counting again when the window has passed", async () => {
    const email = "franco.galli@comune.varzi.pv.it";
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) await postLogin(email, "sbagliata", "198.51.100.4");
    expect(await postLogin(email, "sbagliata", "198.51.100.4")).toMatchObject({ status: 429 });
    wait(LOGIN_THROTTLE.pair.windowSeconds);
    expect(await postLogin(email, "sbagliata", "198.51.100.4")).toMatchObject({ status: 400 });
  });

  it("lets no burst of parallel attempts through more than the free ones", async () => {
    const email = "dario.sala@comune.varzi.pv.it";
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        verifyLogin(makeRequest("/login", { ip: "198.51.100.5" }), email, `sbagliata-${i}`),
      ),
    );
    const reasons = outcomes.map((o) => (o.ok ? "ok" : o.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(LOGIN_THROTTLE.pair.free);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(20 - LOGIN_THROTTLE.pair.free);
  });
});

describe("login throttle never locks the owner out", () => {
  it("lets the owner in from another address while a guesser waits", async () => {
    const email = "rosa.villa@comune.varzi.pv.it";
    const rosa = await userWithPassword(email);
    for (let i = 0; i < 30; i++) {
      await verifyLogin(makeRequest("/login", { ip: "203.0.113.66" }), email, `sbagliata-${i}`);
      wait(1);
    }
    expect(await postLogin(email, PASSWORD, "203.0.113.66")).toMatchObject({ status: 429 });
    expect(await postLogin(email, PASSWORD, "192.0.2.10")).toMatchObject({ status: 302 });
    expect(await prisma.authSession.count({ where: { userId: rosa.id } })).toBe(1);
  });

  it("slows distributed guessing at one account, but not the owner's known address", async () => {
    const email = "sindaco@comune.varzi.pv.it";
    await userWithPassword(email, "LEARNER");
    // The owner logged in from home last week.
    vi.setSystemTime(START - 7 * 24 * 60 * 60 * 1000);
    expect(await postLogin(email, PASSWORD, "192.0.2.20")).toMatchObject({ status: 302 });
    vi.setSystemTime(START);
    // Many addresses, one guess each: past the account's free attempts, new addresses wait.
    const guessers = Array.from({ length: LOGIN_THROTTLE.account.free + 5 }, (_, i) => `203.0.113.${i + 1}`);
    const statuses: number[] = [];
    for (const ip of guessers) statuses.push((await postLogin(email, "sbagliata", ip)).status);
    expect(statuses.slice(0, LOGIN_THROTTLE.account.free)).toEqual(Array(LOGIN_THROTTLE.account.free).fill(400));
    expect(statuses.slice(LOGIN_THROTTLE.account.free)).toContain(429);
    // The owner from the known address gets straight in, with the right password…
    expect(await postLogin(email, PASSWORD, "192.0.2.20")).toMatchObject({ status: 302 });
    // …and from a new address the wait is short (the account lane's cap), never a lockout.
    const fromNew = await postLogin(email, PASSWORD, "192.0.2.21");
    expect(fromNew.status).toBe(429);
    expect(fromNew.retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.account.maxWaitSeconds);
    wait(fromNew.retryAfter!);
    expect(await postLogin(email, PASSWORD, "192.0.2.21")).toMatchObject({ status: 302 });
  });

  it("slows an address spraying many accounts, without locking an admin out from elsewhere or from a known address", async () => {
    const admin = "admin@capacitas.example";
    await userWithPassword(admin, "ADMIN");
    const colleague = "segreteria@comune.varzi.pv.it";
    await userWithPassword(colleague);
    // A colleague logged in from the office address before the spraying started.
    expect(await postLogin(colleague, PASSWORD, "203.0.113.200")).toMatchObject({ status: 302 });
    const sprayed: string[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.ip.free + 3; i++) {
      const outcome = await verifyLogin(
        makeRequest("/login", { ip: "203.0.113.200" }),
        `utente${i}@comune.varzi.pv.it`,
        "Password1!",
      );
      sprayed.push(outcome.ok ? "ok" : outcome.reason);
    }
    expect(sprayed.slice(0, LOGIN_THROTTLE.ip.free)).toEqual(Array(LOGIN_THROTTLE.ip.free).fill("invalid"));
    expect(sprayed.slice(LOGIN_THROTTLE.ip.free)).toContain("throttled");
    // A new account from the spraying address waits, at most the address lane's cap.
    const next = await postLogin(admin, PASSWORD, "203.0.113.200");
    expect(next.status).toBe(429);
    expect(next.retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.ip.maxWaitSeconds);
    // The admin from another address gets straight in; so does the colleague from the office.
    expect(await postLogin(admin, PASSWORD, "192.0.2.30")).toMatchObject({ status: 302 });
    expect(await postLogin(colleague, PASSWORD, "203.0.113.200")).toMatchObject({ status: 302 });
  });
});

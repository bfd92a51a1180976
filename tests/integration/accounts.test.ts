import { describe, expect, it } from "vitest";
import * as setPassword from "~/routes/imposta-password.$token";
import * as nuova from "~/routes/persone.nuova";
import { verifyLogin } from "~/access/login.server";
import { prisma } from "~/utils/db.server";
import { createSession } from "~/utils/session.server";
import { callRoute, createArea, createUserWithSession, makeRequest, payload } from "../support";

describe("one-time password link", () => {
  it("lets the new user set a password once, signs out other sessions, and then log in", async () => {
    const { area, comune } = await createArea("Link");
    const { cookie } = await createUserWithSession(comune.id, [{ role: "COORDINATOR", areaId: area.id }]);
    const created = await callRoute(
      nuova.action,
      makeRequest("/persone/nuova", {
        cookie,
        form: {
          firstName: "Piero",
          lastName: "Vercesi",
          email: "piero.vercesi@comune.link.pv.it",
          organisationId: String(comune.id),
          position: "ADMINISTRATOR",
          role: "Sindaco",
          createAccount: "on",
          roles: "LEARNER",
        },
      }),
    );
    const link = payload<{ created: { link: string } }>(created.result).created.link;
    const token = link.split("/").pop()!;
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "piero.vercesi@comune.link.pv.it" } });
    await createSession(user.id, makeRequest("/"));

    const page = await callRoute(setPassword.loader, makeRequest(`/imposta-password/${token}`), { token });
    expect(payload<{ valid: boolean }>(page.result).valid).toBe(true);

    const weak = await callRoute(
      setPassword.action,
      makeRequest(`/imposta-password/${token}`, { form: { password: "password1234", confirm: "password1234" } }),
      { token },
    );
    expect(weak.status).toBe(400);
    expect(payload<{ result: { error: Record<string, string[]> } }>(weak.result).result.error.password).toEqual([
      "Questa password è troppo comune: scegline un'altra.",
    ]);
    const mismatch = await callRoute(
      setPassword.action,
      makeRequest(`/imposta-password/${token}`, {
        form: { password: "Il Po scorre a valle", confirm: "Il Po scorre a monte" },
      }),
      { token },
    );
    expect(payload<{ result: { error: Record<string, string[]> } }>(mismatch.result).result.error.confirm).toEqual([
      "Le due password non coincidono.",
    ]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();

    const ok = await callRoute(
      setPassword.action,
      makeRequest(`/imposta-password/${token}`, {
        form: { password: "Il Po scorre a valle", confirm: "Il Po scorre a valle" },
      }),
      { token },
    );
    expect(ok.status).toBe(302);
    expect(await prisma.authSession.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await verifyLogin(makeRequest("/login"), "piero.vercesi@comune.link.pv.it", "Il Po scorre a valle"),
    ).toMatchObject({ ok: true });

    const reused = await callRoute(
      setPassword.action,
      makeRequest(`/imposta-password/${token}`, {
        form: { password: "Un'altra password lunga", confirm: "Un'altra password lunga" },
      }),
      { token },
    );
    expect(reused.status).toBe(400);
    expect(payload<{ invalid: boolean }>(reused.result).invalid).toBe(true);
    const expiredPage = await callRoute(setPassword.loader, makeRequest(`/imposta-password/${token}`), { token });
    expect(payload<{ valid: boolean }>(expiredPage.result).valid).toBe(false);
  });

  it("refuses the public demo password and its variants next to the field, writing nothing", async () => {
    const { area, comune } = await createArea("Demo");
    const { cookie } = await createUserWithSession(comune.id, [{ role: "COORDINATOR", areaId: area.id }]);
    const created = await callRoute(
      nuova.action,
      makeRequest("/persone/nuova", {
        cookie,
        form: {
          firstName: "Ada",
          lastName: "Lanza",
          email: "ada.lanza@comune.demo.pv.it",
          organisationId: String(comune.id),
          position: "EMPLOYEE",
          createAccount: "on",
          roles: "LEARNER",
        },
      }),
    );
    const token = payload<{ created: { link: string } }>(created.result).created.link.split("/").pop()!;
    const auditRows = await prisma.auditLog.count();
    for (const password of ["Capacitas-Demo-2026", "capacitas-demo-2026", "Capacitas2026!"]) {
      const refused = await callRoute(
        setPassword.action,
        makeRequest(`/imposta-password/${token}`, { form: { password, confirm: password } }),
        { token },
      );
      expect(refused.status).toBe(400);
      expect(payload<{ result: { error: Record<string, string[]> } }>(refused.result).result.error.password).toEqual([
        "Questa password è quella della demo o si basa sul nome del servizio: scegline un'altra.",
      ]);
    }
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "ada.lanza@comune.demo.pv.it" },
      select: { passwordHash: true, passwordTokens: { select: { usedAt: true } } },
    });
    expect(user).toEqual({ passwordHash: null, passwordTokens: [{ usedAt: null }] });
    expect(await prisma.auditLog.count()).toBe(auditRows);
  });

  it("treats an unknown token as invalid", async () => {
    const page = await callRoute(setPassword.loader, makeRequest("/imposta-password/nonesiste"), {
      token: "nonesiste",
    });
    expect(payload<{ valid: boolean }>(page.result).valid).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { isServicePassword } from "~/domain/password-policy";
import { hashPassword, passwordProblem, verifyPassword } from "~/utils/password.server";
import { DEMO_PASSWORD } from "../../prisma/seed-data/demo-accounts";

describe("password policy", () => {
  it("refuses short, long, common and repetitive passwords, in Italian", () => {
    expect(passwordProblem("corta")).toMatch(/almeno 12/);
    expect(passwordProblem("x".repeat(129))).toMatch(/al massimo 128/);
    expect(passwordProblem("qwertyuiop123")).toMatch(/comune/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/ripetitiva/);
    expect(passwordProblem("mario.rossi-2026!", "mario.rossi@comune.varzi.pv.it")).toMatch(/email/);
  });

  it("refuses the public demo password and its close variants", () => {
    const demo = /quella della demo o si basa sul nome del servizio/;
    expect(passwordProblem(DEMO_PASSWORD)).toMatch(demo);
    for (const variant of [
      "capacitas-demo-2026",
      "CAPACITAS-DEMO-2026",
      "Capacitas Demo 2027",
      "Capacitas2026!",
      "Capacitas@2026!!",
      "2026-Capacitas-2026",
      "C4p4c1t4s-D3m0-2026",
      "capacitasdemo",
    ]) {
      expect(passwordProblem(variant), variant).toMatch(demo);
    }
    expect(isServicePassword("La mia Capacitas in montagna")).toBe(false);
  });

  it("refuses breached passwords however they are written", () => {
    for (const breached of [
      "Password-123456",
      "password 1234",
      "Forza Juventus",
      "Ti amo tantissimo",
      "Iloveyou1234!",
      "Sunshine2026!",
      "2026-Montagna",
    ]) {
      expect(passwordProblem(breached), breached).toMatch(/troppo comune/);
    }
  });

  it("accepts a long passphrase", () => {
    expect(passwordProblem("Staffora scorre verso il Po")).toBeNull();
    expect(passwordProblem("y".repeat(60) + "z1!A")).toBeNull();
    expect(passwordProblem("Il Po scorre a valle")).toBeNull();
    expect(passwordProblem("Staffora 1926 e il Po")).toBeNull();
  });

  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("Staffora scorre verso il Po");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "Staffora scorre verso il Po")).toBe(true);
    expect(await verifyPassword(hash, "staffora scorre verso il po")).toBe(false);
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });
});

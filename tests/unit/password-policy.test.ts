import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "~/utils/password.server";

describe("password policy", () => {
  it("refuses short, long, common and repetitive passwords, in Italian", () => {
    expect(passwordProblem("corta")).toMatch(/almeno 12/);
    expect(passwordProblem("x".repeat(129))).toMatch(/al massimo 128/);
    expect(passwordProblem("qwertyuiop123")).toMatch(/comune/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/ripetitiva/);
    expect(passwordProblem("mario.rossi-2026!", "mario.rossi@comune.varzi.pv.it")).toMatch(/email/);
  });

  it("accepts a long passphrase", () => {
    expect(passwordProblem("Staffora scorre verso il Po")).toBeNull();
    expect(passwordProblem("y".repeat(60) + "z1!A")).toBeNull();
  });

  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("Staffora scorre verso il Po");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "Staffora scorre verso il Po")).toBe(true);
    expect(await verifyPassword(hash, "staffora scorre verso il po")).toBe(false);
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import {
  CitizenRequestSchema,
  hasLinks,
  normaliseReceiptCode,
  personalDataWarnings,
  publicStatus,
  receiptCode,
} from "~/domain/citizen-request";

describe("receipt codes", () => {
  it("are 10 Crockford characters and survive hand copying", () => {
    const code = receiptCode(new Uint8Array([0, 1, 2, 3, 31, 32, 63, 200, 255, 17, 99]));
    expect(code).toBe("0123Z0Z8ZH");
    expect(normaliseReceiptCode("0123z-0z8zh")).toBe(code);
    expect(normaliseReceiptCode(" o123 Z0Z8ZH ")).toBe(code);
    expect(normaliseReceiptCode("AB1L0OI234")).toBe("AB11001234");
  });

  it.each([
    ["too short", "0123"],
    ["a U", "0123Z0Z8ZU"],
    ["empty", ""],
    ["null", null],
  ])("refuse %s", (_w, input) => {
    expect(normaliseReceiptCode(input)).toBeNull();
  });
});

describe("what a moderator is warned of", () => {
  it.each([
    ["scrivetemi a mario.rossi@gmail.com", ["email"]],
    ["il mio numero è 338 123 4567", ["phone"]],
    ["chiamare lo 0383 52 1234 in orario d'ufficio", ["phone"]],
    ["codice fiscale RSSMRA80A01F205X", ["fiscalCode"]],
    ["ho parlato con Maria Bianchi allo sportello", ["name"]],
    ["Il Comune di Varzi potrebbe attivare pagoPA per la TARI", []],
    ["Vorrei pagare la mensa scolastica online con l'App IO", []],
  ])("%s", (text, kinds) => {
    expect(personalDataWarnings(text)).toEqual(kinds);
  });

  it("finds links", () => {
    expect(hasLinks("guardate https://esempio.it/modulo")).toBe(true);
    expect(hasLinks("come su www.comune.varzi.pv.it")).toBe(true);
    expect(hasLinks("vorrei il certificato online")).toBe(false);
  });
});

describe("the public form", () => {
  const valid = { topic: "TRIBUTI", text: "Vorrei pagare la TARI online senza andare in banca.", privacy: true };

  it("accepts a request with no contact, and asks consent when an email is given", () => {
    expect(CitizenRequestSchema.safeParse(valid).success).toBe(true);
    const noConsent = CitizenRequestSchema.safeParse({ ...valid, contactEmail: "a@b.it" });
    expect(noConsent.success).toBe(false);
    expect(noConsent.error?.issues[0]).toMatchObject({ path: ["contactConsent"] });
    expect(CitizenRequestSchema.safeParse({ ...valid, contactEmail: "a@b.it", contactConsent: true }).success).toBe(
      true,
    );
  });

  it.each([
    ["a short text", { text: "troppo breve" }, "text"],
    ["an unknown topic", { topic: "METEO" }, "topic"],
    ["no privacy acknowledgement", { privacy: undefined }, "privacy"],
    ["a bad email", { contactEmail: "non-una-email", contactConsent: true }, "contactEmail"],
  ])("refuses %s", (_w, change, field) => {
    const result = CitizenRequestSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe("public status", () => {
  it.each([
    [{ status: "RECEIVED" as const }, "Ricevuta: in attesa di moderazione"],
    [{ status: "APPROVED" as const }, "Pubblicata"],
    [
      { status: "REJECTED" as const, rejectReason: "PERSONAL_CASE" as const },
      "Non pubblicata: è un caso personale: va seguito allo sportello",
    ],
    [{ status: "MERGED" as const }, "Unita a un'altra richiesta uguale"],
    [{ status: "APPROVED" as const, needTitle: "Pagamenti online" }, "Inserita nel fabbisogno «Pagamenti online»"],
  ])("%j", (r, label) => {
    expect(publicStatus(r)).toBe(label);
  });
});

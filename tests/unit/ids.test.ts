import { describe, expect, it } from "vitest";
import { ID_MESSAGE, IdField, idField, parseId } from "~/domain/ids";

describe("parseId", () => {
  it("reads the decimal digits of a positive safe integer", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("31")).toBe(31);
    expect(parseId("217")).toBe(217);
    expect(parseId("2147483648")).toBe(2 ** 31);
    expect(parseId(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses hexadecimal, octal and binary spellings", () => {
    for (const raw of ["0x1F", "0xd9", "0XD9", "0o37", "0b11111", "1F", "d9"]) expect(parseId(raw), raw).toBeNull();
  });

  it("refuses decimals and exponents", () => {
    for (const raw of ["217.0", "217.", ".5", "31.5", "1e2", "1E2", "2e0", "Infinity", "NaN"]) {
      expect(parseId(raw), raw).toBeNull();
    }
  });

  it("refuses signs, zero and leading zeros", () => {
    for (const raw of ["+31", "-31", "-0", "0", "00", "031", "0031"]) expect(parseId(raw), raw).toBeNull();
  });

  it("refuses whitespace anywhere", () => {
    for (const raw of [" 31", "31 ", "3 1", "\t31", "31\n", "\u00a031", "31\u2003"])
      expect(parseId(raw), raw).toBeNull();
  });

  it("refuses 2^53 and above, and 20-digit numbers", () => {
    expect(parseId(String(2 ** 53))).toBeNull();
    expect(parseId("9007199254740993")).toBeNull();
    expect(parseId("99999999999999999999")).toBeNull();
    expect(parseId("12345678901234567890")).toBeNull();
    expect(parseId("1".repeat(400))).toBeNull();
  });

  it("refuses the empty text, other digits and non-strings", () => {
    for (const raw of ["", "abc", "31abc", "٣١", "３１", "1_000", "1,000"]) expect(parseId(raw), raw).toBeNull();
    for (const raw of [31, 31n, null, undefined, true, {}, ["31"], new Blob(["31"])]) {
      expect(parseId(raw), String(raw)).toBeNull();
    }
  });
});

describe("IdField", () => {
  it("parses an id to a number", () => {
    expect(IdField.parse("31")).toBe(31);
  });

  it("refuses a malformed or missing id with the Italian message", () => {
    for (const raw of ["0x1F", "217.0", " 31", "1e2", "", "99999999999999999999", undefined, 31]) {
      const r = IdField.safeParse(raw);
      expect(r.success, String(raw)).toBe(false);
      expect(
        r.error?.issues.map((i) => i.message),
        String(raw),
      ).toEqual([ID_MESSAGE]);
    }
    expect(ID_MESSAGE).toBe("Identificativo non valido.");
  });

  it("carries the field's own message", () => {
    expect(idField("Scegli l'ente.").safeParse("0x1F").error?.issues[0].message).toBe("Scegli l'ente.");
  });

  it("stays optional when asked", () => {
    expect(IdField.optional().parse(undefined)).toBeUndefined();
  });
});

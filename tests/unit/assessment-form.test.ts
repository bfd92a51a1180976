import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { dimensionFormSchema } from "~/domain/assessment-form";

const schema = dimensionFormSchema([
  { code: "ORG-01", kind: "SCALE_0_4" },
  { code: "ORG-04", kind: "PERCENT" },
  { code: "ORG-06", kind: "YES_NO" },
  { code: "SERV-01", kind: "COUNT" },
  { code: "PIAT-01", kind: "PLATFORM_STATE" },
]);

/** The field errors of a refused submission (none for an accepted one). */
function errorsOf(fields: Record<string, string>) {
  const submission = parse(fields);
  return submission.status === "error" ? (submission.error ?? {}) : {};
}

function parse(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return parseWithZod(form, { schema });
}

describe("the form of a dimension", () => {
  it("reads levels, numbers, N/A with its reason and notes from the posted strings", () => {
    const submission = parse({
      version: "3",
      "answers.ORG-01.value": "3",
      "answers.ORG-01.note": "  Nomina con delibera 12/2025  ",
      "answers.ORG-04.raw": "37.5",
      "answers.ORG-06.na": "on",
      "answers.ORG-06.naReason": "Il comune non aderisce ad alcuna rete",
      "answers.SERV-01.raw": "4",
      "answers.PIAT-01.value": "2",
    });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      version: 3,
      answers: {
        "ORG-01": { value: 3, note: "Nomina con delibera 12/2025" },
        "ORG-04": { raw: 37.5 },
        "ORG-06": { na: true, naReason: "Il comune non aderisce ad alcuna rete" },
        "SERV-01": { raw: 4 },
        "PIAT-01": { value: 2 },
      },
    });
  });

  it.each([
    [
      "a level the kind does not have",
      { "answers.ORG-06.value": "3" },
      "answers.ORG-06.value",
      "Scegli uno dei livelli proposti.",
    ],
    [
      "a platform half-way",
      { "answers.PIAT-01.value": "1" },
      "answers.PIAT-01.value",
      "Scegli uno dei livelli proposti.",
    ],
    ["a level above 4", { "answers.ORG-01.value": "5" }, "answers.ORG-01.value", "Scegli uno dei livelli proposti."],
    [
      "a percent above 100",
      { "answers.ORG-04.raw": "120" },
      "answers.ORG-04.raw",
      "Inserisci una percentuale da 0 a 100.",
    ],
    ["a count with decimals", { "answers.SERV-01.raw": "2.5" }, "answers.SERV-01.raw", "Inserisci un numero intero."],
    [
      "a count that is not a number",
      { "answers.SERV-01.raw": "tanti" },
      "answers.SERV-01.raw",
      "Inserisci un numero intero.",
    ],
    [
      "N/A without a reason",
      { "answers.ORG-01.na": "on" },
      "answers.ORG-01.naReason",
      "Spiega perché la domanda non si applica al comune.",
    ],
    [
      "a note too long",
      { "answers.ORG-01.note": "x".repeat(2001) },
      "answers.ORG-01.note",
      "Al massimo 2000 caratteri.",
    ],
  ])("refuses %s, next to the field", (_what, fields, field, message) => {
    expect(parse({ version: "0", ...fields }).status).toBe("error");
    expect(errorsOf({ version: "0", ...fields })[field]).toEqual([message]);
  });

  it("a missing version asks to reload", () => {
    expect(errorsOf({}).version).toEqual(["Ricarica la pagina e riprova."]);
  });
});

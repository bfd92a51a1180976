// Every domain schema that carries an id or a date: a hex id or an impossible date is refused
// with its Italian message on the field's path (what Conform shows next to the field), and
// valid input still parses to the same output as before. Forms go through parseWithZod, as
// in the routes; URL params through parseTableParams; the two forms that the routes read
// with safeParse are read the same way here.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  BulkEnrolSchema,
  EditionCreateSchema,
  EnrolmentChangeSchema,
  EnrolOneSchema,
  TrainerChangeSchema,
} from "~/domain/enrolment-schema";
import { IndicatorFiltersSchema } from "~/domain/indicator-schema";
import { CheckInSchema } from "~/domain/learning-schema";
import { PeopleParamsSchema, PersonCreateSchema, PersonUpdateSchema } from "~/domain/person-schema";
import { parseTableParams } from "~/domain/table-params";
import { ReviewSchema, RosterParamsSchema, SessionFormSchema } from "~/domain/trainer-schema";

function formData(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) fd.append(key, v);
  return fd;
}

/** What the route sees: the parsed value, or the errors by field. */
function submit(schema: z.ZodType, fields: Record<string, string | string[]>) {
  const submission = parseWithZod(formData(fields), { schema });
  return submission.status === "success"
    ? { value: submission.value as Record<string, unknown> }
    : { errors: submission.reply().error ?? {} };
}

const params = (schema: z.ZodType, qs: string) => parseTableParams(schema, new URLSearchParams(qs));

describe("SessionFormSchema (trainer's session create and edit)", () => {
  const valid = {
    title: "Primo incontro",
    unitId: "7",
    date: "2026-11-26",
    start: "09:30",
    end: "12:30",
    mode: "PRESENCE",
    place: "Sala consiliare",
    link: "",
  };

  it("refuses impossible dates next to the date field", () => {
    for (const date of ["0000-00-00", "2026-02-30", "2026-13-01", "2027-02-29", "2026-1-5"]) {
      expect(submit(SessionFormSchema, { ...valid, date }), date).toEqual({
        errors: { date: ["Inserisci la data dell'incontro (gg/mm/aaaa)."] },
      });
    }
    expect(submit(SessionFormSchema, { ...valid, date: "" }).errors?.date).toEqual([
      "Inserisci la data dell'incontro (gg/mm/aaaa).",
    ]);
  });

  it("refuses impossible times and a hex unit id next to their fields", () => {
    expect(submit(SessionFormSchema, { ...valid, start: "24:00", end: "9:30", unitId: "0x7" })).toEqual({
      errors: {
        start: ["Inserisci un'ora valida (hh:mm)."],
        end: ["Inserisci un'ora valida (hh:mm)."],
        unitId: ["Attività non valida."],
      },
    });
  });

  it("parses valid input as before, an empty unit meaning none, and still checks the end", () => {
    expect(submit(SessionFormSchema, valid)).toEqual({
      value: {
        title: "Primo incontro",
        unitId: 7,
        date: "2026-11-26",
        start: "09:30",
        end: "12:30",
        mode: "PRESENCE",
        place: "Sala consiliare",
      },
    });
    expect(submit(SessionFormSchema, { ...valid, unitId: "", date: "2028-02-29" }).value).toMatchObject({
      date: "2028-02-29",
    });
    expect(submit(SessionFormSchema, { ...valid, unitId: "" }).value?.unitId).toBeUndefined();
    expect(submit(SessionFormSchema, { ...valid, end: "09:00" }).errors).toEqual({
      end: ["L'ora di fine deve essere dopo l'ora di inizio."],
    });
  });
});

describe("ReviewSchema (deliverables)", () => {
  it("refuses a hex or decimal submission id, parses a plain one", () => {
    for (const submissionId of ["0x1F", "31.0", "1e2", " 31", ""]) {
      expect(
        submit(ReviewSchema, { intent: "review", submissionId, decision: "ACCEPTED" }).errors,
        submissionId,
      ).toEqual({ submissionId: ["Consegna non valida."] });
    }
    expect(submit(ReviewSchema, { intent: "review", submissionId: "31", decision: "ACCEPTED", feedback: "" })).toEqual({
      value: { intent: "review", submissionId: 31, decision: "ACCEPTED" },
    });
  });
});

describe("RosterParamsSchema (the edition's roster in the URL)", () => {
  it("refuses a hex organisation filter on org, reads a plain one, an empty one is no filter", () => {
    expect(params(RosterParamsSchema, "org=0x1F")).toEqual({ ok: false, errors: { org: ["Ente non valido."] } });
    expect(params(RosterParamsSchema, "org=99999999999999999999")).toEqual({
      ok: false,
      errors: { org: ["Ente non valido."] },
    });
    expect(params(RosterParamsSchema, "org=31&status=COMPLETED")).toEqual({
      ok: true,
      value: { sort: "name", dir: "asc", page: 1, size: 25, org: 31, status: "COMPLETED" },
    });
    expect(params(RosterParamsSchema, "org=")).toEqual({
      ok: true,
      value: { sort: "name", dir: "asc", page: 1, size: 25 },
    });
  });
});

describe("PeopleParamsSchema (the people table in the URL)", () => {
  it("refuses a hex organisation filter on org, reads a plain one, an empty one is no filter", () => {
    expect(params(PeopleParamsSchema, "org=0xd9")).toEqual({ ok: false, errors: { org: ["Ente non valido."] } });
    expect(params(PeopleParamsSchema, "org=217")).toMatchObject({ ok: true, value: { org: 217 } });
    expect(params(PeopleParamsSchema, "org=&q=")).toEqual({
      ok: true,
      value: { sort: "name", dir: "asc", page: 1, size: 25 },
    });
  });
});

describe("IndicatorFiltersSchema (dashboard, exports, report)", () => {
  it("refuses hex ids and impossible dates on their own params", () => {
    const r = params(IndicatorFiltersSchema, "area=0x1&org=1e2&module=217.0&phase=-1&from=2026-02-30&to=2026-13-01");
    expect(r).toEqual({
      ok: false,
      errors: {
        area: ["Area non valida."],
        org: ["Ente non valido."],
        module: ["Modulo non valido."],
        phase: ["Fase non valida."],
        from: ["Data non valida (gg/mm/aaaa)."],
        to: ["Data non valida (gg/mm/aaaa)."],
      },
    });
    expect(params(IndicatorFiltersSchema, "from=0000-00-00")).toEqual({
      ok: false,
      errors: { from: ["Data non valida (gg/mm/aaaa)."] },
    });
    expect(params(IndicatorFiltersSchema, "year=0x7EA")).toEqual({ ok: false, errors: { year: ["Anno non valido."] } });
  });

  it("parses valid filters as before; empty selects mean no filter", () => {
    expect(
      params(IndicatorFiltersSchema, "area=2&org=3&module=4&phase=5&from=2028-02-29&to=2028-03-01&year=2028&gender=F"),
    ).toEqual({
      ok: true,
      value: { area: 2, org: 3, module: 4, phase: 5, from: "2028-02-29", to: "2028-03-01", year: 2028, gender: "F" },
    });
    expect(params(IndicatorFiltersSchema, "area=&org=&module=&phase=&from=&to=&year=")).toEqual({
      ok: true,
      value: {},
    });
    expect(params(IndicatorFiltersSchema, "from=2026-05-01&to=2026-04-01")).toEqual({
      ok: false,
      errors: { to: ["La data finale deve seguire quella iniziale."] },
    });
  });
});

describe("EditionCreateSchema (new edition)", () => {
  const valid = {
    intent: "create",
    moduleId: "1",
    phaseId: "",
    areaId: "2",
    code: "olt-feu-2027",
    title: "Oltre le frontiere",
    startsOn: "2027-01-11",
    endsOn: "2027-02-28",
  };

  it("refuses impossible dates and hex ids next to their fields", () => {
    expect(
      submit(EditionCreateSchema, {
        ...valid,
        moduleId: "0x1",
        phaseId: "01",
        areaId: "2.0",
        startsOn: "0000-00-00",
        endsOn: "2027-02-29",
      }),
    ).toEqual({
      errors: {
        moduleId: ["Scegli il modulo."],
        phaseId: ["Fase non valida."],
        areaId: ["Scegli l'area."],
        startsOn: ["Inserisci la data di inizio (gg/mm/aaaa)."],
        endsOn: ["Inserisci la data di fine (gg/mm/aaaa)."],
      },
    });
  });

  it("parses valid input as before, an empty phase meaning none, and still checks the end", () => {
    expect(submit(EditionCreateSchema, valid)).toEqual({
      value: {
        intent: "create",
        moduleId: 1,
        areaId: 2,
        code: "OLT-FEU-2027",
        title: "Oltre le frontiere",
        startsOn: "2027-01-11",
        endsOn: "2027-02-28",
      },
    });
    expect(submit(EditionCreateSchema, { ...valid, phaseId: "3" }).value).toMatchObject({ phaseId: 3 });
    expect(submit(EditionCreateSchema, { ...valid, endsOn: "2027-01-10" }).errors).toEqual({
      endsOn: ["La data di fine non può precedere quella di inizio."],
    });
  });
});

describe("EnrolOneSchema, EnrolmentChangeSchema, TrainerChangeSchema (one id each)", () => {
  it("refuses hex ids with each field's message and parses plain ones", () => {
    expect(submit(EnrolOneSchema, { intent: "enrol", personId: "0x1F" })).toEqual({
      errors: { personId: ["Scegli la persona da iscrivere."] },
    });
    expect(submit(EnrolOneSchema, { intent: "enrol", personId: "31" })).toEqual({
      value: { intent: "enrol", personId: 31 },
    });
    expect(submit(TrainerChangeSchema, { intent: "add-trainer", userId: "1e1" })).toEqual({
      errors: { userId: ["Scegli il formatore."] },
    });
    expect(submit(TrainerChangeSchema, { intent: "remove-trainer", userId: "10" })).toEqual({
      value: { intent: "remove-trainer", userId: 10 },
    });
  });

  it("reads the withdraw button the way the route does (safeParse of the raw value)", () => {
    const bad = EnrolmentChangeSchema.safeParse({ intent: "withdraw", personId: "0x1F" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["personId", "Persona non valida."]]);
    expect(EnrolmentChangeSchema.safeParse({ intent: "withdraw", personId: null }).success).toBe(false);
    expect(EnrolmentChangeSchema.parse({ intent: "reenrol", personId: "31" })).toEqual({
      intent: "reenrol",
      personId: 31,
    });
  });
});

describe("BulkEnrolSchema (enrol by organisation and role)", () => {
  it("refuses a hex organisation on organisationId; an empty select means any organisation", () => {
    expect(submit(BulkEnrolSchema, { intent: "bulk", organisationId: "0x1F", position: "EMPLOYEE" })).toEqual({
      errors: { organisationId: ["Ente non valido."] },
    });
    expect(submit(BulkEnrolSchema, { intent: "bulk", organisationId: "", position: "EMPLOYEE" })).toEqual({
      value: { intent: "bulk", position: "EMPLOYEE" },
    });
    expect(submit(BulkEnrolSchema, { intent: "bulk", organisationId: "31", position: "" })).toEqual({
      value: { intent: "bulk", organisationId: 31 },
    });
    expect(submit(BulkEnrolSchema, { intent: "bulk", organisationId: "", position: "" })).toEqual({
      errors: { organisationId: ["Scegli l'ente, il ruolo o entrambi."] },
    });
  });
});

describe("PersonCreateSchema and PersonUpdateSchema (people forms)", () => {
  const valid = {
    firstName: "Anna",
    lastName: "Rossi",
    email: "Anna.Rossi@example.it",
    organisationId: "3",
    position: "EMPLOYEE",
    birthYear: "1975",
  };

  it("refuses a hex organisation and a birth year that is not four digits next to their fields", () => {
    for (const schema of [PersonCreateSchema, PersonUpdateSchema]) {
      expect(submit(schema, { ...valid, organisationId: "0x3", birthYear: "1975.0" })).toEqual({
        errors: {
          organisationId: ["Scegli l'ente."],
          birthYear: ["Inserisci un anno con quattro cifre, per esempio 1975."],
        },
      });
      expect(submit(schema, { ...valid, birthYear: "0x7B7" }).errors).toEqual({
        birthYear: ["Inserisci un anno con quattro cifre, per esempio 1975."],
      });
      expect(submit(schema, { ...valid, birthYear: "1850" }).errors).toEqual({
        birthYear: ["Anno di nascita non plausibile."],
      });
    }
  });

  it("parses valid input as before; an empty birth year is none", () => {
    expect(submit(PersonUpdateSchema, valid)).toEqual({
      value: {
        firstName: "Anna",
        lastName: "Rossi",
        email: "anna.rossi@example.it",
        organisationId: 3,
        position: "EMPLOYEE",
        gender: "NOT_STATED",
        birthYear: 1975,
        educationLevel: "NOT_STATED",
      },
    });
    expect(submit(PersonCreateSchema, { ...valid, birthYear: "" })).toEqual({
      value: {
        firstName: "Anna",
        lastName: "Rossi",
        email: "anna.rossi@example.it",
        organisationId: 3,
        position: "EMPLOYEE",
        gender: "NOT_STATED",
        educationLevel: "NOT_STATED",
        createAccount: false,
        roles: [],
      },
    });
  });
});

describe("CheckInSchema (learner's self check-in)", () => {
  it("refuses a hex session id on sessionId, as the model reads it (safeParse of the form)", () => {
    const bad = CheckInSchema.safeParse(
      Object.fromEntries(formData({ intent: "check-in", sessionId: "0x1F", code: "AB12" })),
    );
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["sessionId", "Incontro non valido."],
    ]);
    expect(
      CheckInSchema.parse(Object.fromEntries(formData({ intent: "check-in", sessionId: "31", code: " ab12 " }))),
    ).toEqual({ intent: "check-in", sessionId: 31, code: "ab12" });
  });
});

// Opening an assessment cycle: only on a phase-2 edition the facilitator runs; every comune
// of the area gets its assessment in the same transaction.
import { parseWithZod } from "@conform-to/zod/v4";
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import { CycleSchema, type CycleInput } from "~/domain/cycle-schema";
import { prefillAssessment } from "~/models/assessment-prefill.server";
import { createCycle, listCycles, setCycleStatus } from "~/models/cycle.server";
import { prisma } from "~/utils/db.server";
import { createArea, createPerson, createUserWithSession, makeRequest, syncDefaultContent } from "../support";

const cookies: Record<string, string> = {};
const editions = { phase2: 0, phase1: 0 };
let areaId = 0;
let comuneId = 0;

beforeAll(async () => {
  await syncDefaultContent();
  const { area, comune } = await createArea("Oltrepò di prova");
  areaId = area.id;
  comuneId = comune.id;
  for (const name of ["Comune di Varzi", "Comune di Zavattarello"]) {
    await prisma.organisation.create({ data: { name, kind: "COMUNE", areaId } });
  }
  const ict = await prisma.module.findFirstOrThrow({
    where: { slug: "ict" },
    select: { id: true, phases: { select: { id: true, slug: true } } },
  });
  const facilitator = await createUserWithSession(comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  cookies.facilitator = facilitator.cookie;
  cookies.other = (await createUserWithSession(comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" })).cookie;
  for (const [key, slug] of [
    ["phase2", "assessment-soluzioni"],
    ["phase1", "trasferimento-competenze"],
  ] as const) {
    const edition = await prisma.edition.create({
      data: {
        code: `ICT-${slug}`,
        title: `ICT — ${slug}`,
        moduleId: ict.id,
        phaseId: ict.phases.find((p) => p.slug === slug)!.id,
        areaId,
        startsOn: new Date("2026-09-01"),
        endsOn: new Date("2027-03-31"),
        trainers: { create: [{ userId: facilitator.user.id }] },
      },
    });
    editions[key] = edition.id;
  }
});

const as = async (who: string) => {
  const { scope, actor } = await requireCapability(
    makeRequest("/maturita", { cookie: cookies[who] }),
    "cycle:manage:phase2",
  );
  return { scope: scope as Extract<typeof scope, { kind: "phase2" }>, actor };
};
const input = (over: Partial<CycleInput> = {}): CycleInput => ({
  editionId: editions.phase2,
  title: "Rilevazione 2026",
  opensOn: "2026-10-01",
  closesOn: "2026-12-18",
  sharedGapThreshold: 1 / 3,
  ...over,
});

describe("cycles", () => {
  it("open on a phase-2 edition with one assessment per comune of the area", async () => {
    const facilitator = await as("facilitator");
    const created = await createCycle({ ...facilitator, input: input() });
    expect(created).toMatchObject({ ok: true, assessments: 3 });
    const cycle = await prisma.assessmentCycle.findUniqueOrThrow({
      where: { id: created.ok ? created.id : 0 },
      select: {
        status: true,
        opensAt: true,
        closesAt: true,
        framework: { select: { code: true } },
        assessments: { select: { status: true, organisation: { select: { kind: true } } } },
      },
    });
    expect(cycle).toMatchObject({ status: "DRAFT", framework: { code: "capacitas-pt2024" } });
    // Midnight in Rome is 22:00 or 23:00 UTC the day before.
    expect(cycle.opensAt.toISOString()).toBe("2026-09-30T22:00:00.000Z");
    expect(cycle.assessments.every((a) => a.status === "NOT_STARTED" && a.organisation.kind === "COMUNE")).toBe(true);
    const id = created.ok ? created.id : 0;
    expect(await setCycleStatus({ ...facilitator, id, status: "CLOSED" })).toMatchObject({ ok: false });
    expect(await setCycleStatus({ ...facilitator, id, status: "OPEN" })).toEqual({ ok: true, prefilled: 0 });
    expect((await listCycles(facilitator)).find((c) => c.id === id)).toMatchObject({
      status: "OPEN",
      byStatus: { NOT_STARTED: 3 },
    });
  });

  it("are refused on a phase-1 edition or an edition the user does not run", async () => {
    expect(
      await createCycle({ ...(await as("facilitator")), input: input({ editionId: editions.phase1 }) }),
    ).toMatchObject({ ok: false, field: "editionId" });
    expect(await createCycle({ ...(await as("other")), input: input() })).toMatchObject({
      ok: false,
      field: "editionId",
    });
    const other = await as("other");
    const anyCycle = await prisma.assessmentCycle.findFirstOrThrow({ select: { id: true } });
    expect(await setCycleStatus({ ...other, id: anyCycle.id, status: "CLOSED" })).toBeNull();
  });

  it("the form refuses impossible dates and a close before the opening, next to the field", () => {
    const parse = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const s = parseWithZod(form, { schema: CycleSchema });
      return s.status === "error" ? s.error : null;
    };
    const base = { editionId: "1", title: "Rilevazione 2026", opensOn: "2026-10-01", closesOn: "2026-12-18" };
    expect(parse(base)).toBeNull();
    expect(parse({ ...base, closesOn: "2026-02-30" })?.closesOn).toEqual(["Inserisci una data valida (gg/mm/aaaa)."]);
    expect(parse({ ...base, closesOn: "2026-09-01" })?.closesOn).toEqual(["La chiusura viene dopo l'apertura."]);
    expect(parse({ ...base, sharedGapThreshold: "0.05" })?.sharedGapThreshold).toEqual([
      "Indica una quota tra 0,1 e 1.",
    ]);
  });
});

describe("prefill from phase-1 training", () => {
  it("ORG-04 and SIC-05 get the comune's training shares of the last 12 months, PIAT-08 its funded measures: unconfirmed, the figure as evidence", async () => {
    const now = new Date("2026-10-05T08:00:00Z");
    const phase = await prisma.phase.findFirstOrThrow({
      where: { slug: "trasferimento-competenze", module: { slug: "ict" } },
    });
    const unit = await prisma.unit.findFirstOrThrow({ where: { slug: "sicurezza-dispositivi", phaseId: phase.id } });
    const completions = [new Date("2026-06-01"), new Date("2026-09-20"), new Date("2024-05-01"), null];
    for (const [i, completedAt] of completions.entries()) {
      const p = await createPerson({ organisationId: comuneId });
      await prisma.enrolment.create({ data: { editionId: editions.phase1, personId: p.id } });
      if (completedAt)
        await prisma.phaseProgress.create({
          data: { personId: p.id, phaseId: phase.id, status: "COMPLETED", completedAt },
        });
      if (i === 0)
        await prisma.progress.create({ data: { personId: p.id, unitId: unit.id, status: "COMPLETED", completedAt } });
    }
    for (const [measure, state, cup] of [
      ["1.4.1", "A", "C1"],
      ["1.4.4", "E", "C2"],
      ["1.2", "R", "C3"],
    ] as const) {
      await prisma.fundedMeasure.create({
        data: {
          organisationId: comuneId,
          ipaCode: "c_l690",
          measure,
          notice: `${measure} Avviso`,
          amountEuro: 10000,
          cup,
          state,
          importedAt: new Date("2026-08-22"),
        },
      });
    }
    const assessment = await prisma.assessment.findFirstOrThrow({ where: { organisationId: comuneId } });
    const actor = { userId: null, roles: [], requestId: null, now };
    expect(await prisma.$transaction((tx) => prefillAssessment(tx, { assessmentId: assessment.id, actor }))).toEqual([
      "ORG-04",
      "PIAT-08",
      "SIC-05",
    ]);
    const answers = await prisma.assessmentAnswer.findMany({
      where: { assessmentId: assessment.id },
      select: {
        rawNumber: true,
        source: true,
        confirmed: true,
        sourceNote: true,
        item: { select: { code: true } },
        _count: { select: { evidence: true } },
      },
      orderBy: { item: { code: "asc" } },
    });
    const piat08 = answers.find((a) => a.item.code === "PIAT-08")!;
    expect(piat08).toMatchObject({
      source: "IMPORTED",
      confirmed: false,
      sourceNote: expect.stringMatching(/^Da PA digitale 2026.*1\.4\.1, 1\.4\.4.*rinuncia: 1\.2/),
    });
    const piat = await prisma.assessmentAnswer.findFirstOrThrow({
      where: { assessmentId: assessment.id, item: { code: "PIAT-08" } },
      select: { value: true, extra: true },
    });
    expect(piat.value).toBe(2);
    expect(JSON.parse(piat.extra!).misure).toMatchObject({
      "m1-2": "non-ottenuta",
      "m1-4-1": "finanziata",
      "m1-4-4-spid-cie": "completata",
      "m1-4-5": "non-ottenuta",
    });
    expect(answers.filter((a) => a.item.code !== "PIAT-08")).toEqual([
      {
        item: { code: "ORG-04" },
        rawNumber: 50,
        source: "IMPORTED",
        confirmed: false,
        sourceNote: expect.stringContaining("2 su 4 iscritti"),
        _count: { evidence: 1 },
      },
      {
        item: { code: "SIC-05" },
        rawNumber: 25,
        source: "IMPORTED",
        confirmed: false,
        sourceNote: expect.stringContaining("1 su 4 iscritti"),
        _count: { evidence: 1 },
      },
    ]);
    // Unconfirmed, it does not count yet.
    const org = await prisma.dimensionScore.findFirstOrThrow({
      where: { assessmentId: assessment.id, dimension: { code: "ORG" } },
    });
    expect(org.answered).toBe(0);
    // A second prefill refreshes without doubling the evidence; a confirmed answer is never overwritten.
    await prisma.$transaction((tx) => prefillAssessment(tx, { assessmentId: assessment.id, actor }));
    expect(await prisma.evidence.count({ where: { answer: { assessmentId: assessment.id } } })).toBe(3);
    await prisma.assessmentAnswer.updateMany({
      where: { assessmentId: assessment.id, item: { code: "ORG-04" } },
      data: { confirmed: true, rawNumber: 60 },
    });
    expect(await prisma.$transaction((tx) => prefillAssessment(tx, { assessmentId: assessment.id, actor }))).toEqual([
      "PIAT-08",
      "SIC-05",
    ]);
    expect(
      (
        await prisma.assessmentAnswer.findFirstOrThrow({
          where: { assessmentId: assessment.id, item: { code: "ORG-04" } },
        })
      ).rawNumber,
    ).toBe(60);
  });
});

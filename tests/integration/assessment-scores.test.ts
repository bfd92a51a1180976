// Stored phase-2 scores always equal a full recomputation (docs/phase2.md, "Scores").
import { beforeAll, describe, expect, it } from "vitest";
import {
  computeAreaAggregates,
  computeAssessmentScores,
  storeAreaAggregates,
  storeAssessmentScores,
} from "~/models/assessment-scores.server";
import { prisma } from "~/utils/db.server";
import { createModuleFixture } from "../support";

let cycleId = 0;
const orgIds: number[] = [];
const itemIds: Record<string, number> = {};

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  const framework = await prisma.assessmentFramework.create({
    data: { code: "prova", version: "1.0.0", title: "Prova", sourceNote: "—", levels: "{}", contentHash: "x" },
  });
  const dims = {
    ORG: await prisma.assessmentDimension.create({
      data: { frameworkId: framework.id, code: "ORG", title: "Organizzazione", ptChapter: 1, order: 1 },
    }),
    SIC: await prisma.assessmentDimension.create({
      data: { frameworkId: framework.id, code: "SIC", title: "Sicurezza", ptChapter: 7, order: 2 },
    }),
  };
  const items: [string, keyof typeof dims, string, string | null][] = [
    ["ORG-01", "ORG", "SCALE_0_4", null],
    ["ORG-02", "ORG", "YES_NO", null],
    ["ORG-03", "ORG", "PERCENT", "[0,10,25,50,75]"],
    ["SIC-01", "SIC", "SCALE_0_4", null],
    ["SIC-02", "SIC", "PLATFORM_STATE", null],
  ];
  for (const [order, [code, dim, kind, thresholds]] of items.entries()) {
    const item = await prisma.assessmentItem.create({
      data: {
        frameworkId: framework.id,
        dimensionId: dims[dim].id,
        code,
        order,
        kind: kind as "SCALE_0_4",
        question: `Domanda ${code}?`,
        levelDescriptors: "{}",
        thresholds,
        evidenceRequiredFrom: 3,
        references: "[]",
        appliesTo: '["COMUNE"]',
        critical: code === "SIC-01",
      },
    });
    itemIds[code] = item.id;
  }
  const cycle = await prisma.assessmentCycle.create({
    data: {
      areaId: fx.area.id,
      editionId: fx.edition.id,
      frameworkId: framework.id,
      title: "Rilevazione di prova",
      opensAt: new Date("2026-09-01"),
      closesAt: new Date("2026-12-31"),
      createdById: fx.trainer.id,
    },
  });
  cycleId = cycle.id;
  orgIds.push(fx.comune.id);
  for (let i = 0; i < 5; i++) {
    const o = await prisma.organisation.create({ data: { name: `Comune ${i}`, kind: "COMUNE", areaId: fx.area.id } });
    orgIds.push(o.id);
  }
});

async function assessmentWith(
  organisationId: number,
  answers: Record<string, Partial<{ value: number; rawNumber: number; notApplicable: boolean; evidence: boolean }>>,
  status: "IN_PROGRESS" | "VALIDATED" = "IN_PROGRESS",
) {
  const a = await prisma.assessment.upsert({
    where: { cycleId_organisationId: { cycleId, organisationId } },
    create: { cycleId, organisationId, status },
    update: { status },
  });
  for (const [code, x] of Object.entries(answers)) {
    const answer = await prisma.assessmentAnswer.upsert({
      where: { assessmentId_itemId: { assessmentId: a.id, itemId: itemIds[code]! } },
      create: {
        assessmentId: a.id,
        itemId: itemIds[code]!,
        value: x.value ?? null,
        rawNumber: x.rawNumber ?? null,
        notApplicable: x.notApplicable ?? false,
        naReason: x.notApplicable ? "Non pertinente" : null,
      },
      update: { value: x.value ?? null, rawNumber: x.rawNumber ?? null, notApplicable: x.notApplicable ?? false },
    });
    if (x.evidence) {
      await prisma.evidence.create({
        data: {
          answerId: answer.id,
          kind: "LINK",
          title: "Delibera",
          url: "https://example.org/delibera.pdf",
          uploadedById: 1,
        },
      });
    }
  }
  return a.id;
}

const stored = (assessmentId: number) =>
  prisma.dimensionScore.findMany({
    where: { assessmentId },
    select: {
      dimension: { select: { code: true } },
      score: true,
      coverage: true,
      level: true,
      answered: true,
      applicable: true,
      evidenceCapped: true,
    },
    orderBy: { dimension: { order: "asc" } },
  });

describe("stored dimension scores", () => {
  it("store the evidence cap, N/A and coverage as the scoring rules say, and follow new evidence", async () => {
    const id = await assessmentWith(orgIds[0]!, {
      "ORG-01": { value: 3, evidence: true },
      "ORG-02": { value: 4 }, // yes, without evidence: capped at 2
      "ORG-03": { notApplicable: true },
      "SIC-01": { value: 1 },
    });
    await prisma.$transaction((tx) => storeAssessmentScores(tx, id));
    expect(await stored(id)).toEqual([
      { dimension: { code: "ORG" }, score: 2.5, coverage: 1, level: 3, answered: 2, applicable: 2, evidenceCapped: 1 },
      { dimension: { code: "SIC" }, score: 1, coverage: 0.5, level: 1, answered: 1, applicable: 2, evidenceCapped: 0 },
    ]);
    // Evidence for ORG-02 lifts the cap; SIC-02 completes security.
    await assessmentWith(orgIds[0]!, {
      "SIC-02": { value: 4, evidence: true },
      "ORG-02": { value: 4, evidence: true },
    });
    const scores = await prisma.$transaction((tx) => storeAssessmentScores(tx, id));
    expect((await stored(id)).map((d) => d.score)).toEqual([3.5, 2.5]);
    const { maturityIndex } = await prisma.assessment.findUniqueOrThrow({
      where: { id },
      select: { maturityIndex: true },
    });
    expect(maturityIndex).toBe(scores.index);
    expect(maturityIndex).toBe(75);
  });

  it("equal a full recomputation after every write, over generated answer sets", async () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const id = await assessmentWith(orgIds[1]!, {});
    for (let round = 0; round < 25; round++) {
      const pick = Object.keys(itemIds)[next() % 5]!;
      const na = next() % 7 === 0;
      const x =
        pick === "ORG-02"
          ? { value: [0, 4][next() % 2] }
          : pick === "SIC-02"
            ? { value: [0, 2, 4][next() % 3] }
            : pick === "ORG-03"
              ? { rawNumber: next() % 101 }
              : { value: next() % 5 };
      await assessmentWith(orgIds[1]!, {
        [pick]: { ...(na ? { notApplicable: true } : x), evidence: next() % 4 === 0 },
      });
      await prisma.$transaction((tx) => storeAssessmentScores(tx, id));
      const recomputed = await prisma.$transaction((tx) => computeAssessmentScores(tx, id));
      expect(
        (await stored(id)).map(({ dimension, ...d }) => ({ dimensionCode: dimension.code, ...d })),
        `round ${round}`,
      ).toEqual(recomputed.dimensions.map(({ complete: _complete, ...d }) => d));
    }
  });
});

describe("area aggregates", () => {
  it("count only validated assessments and equal a recomputation", async () => {
    // orgIds[0] and [1] are in progress; three more are validated.
    for (const [i, value] of [
      [2, 0],
      [3, 1],
      [4, 4],
    ] as const) {
      await assessmentWith(orgIds[i]!, { "SIC-01": { value, evidence: true } }, "VALIDATED");
    }
    const rows = await prisma.$transaction((tx) => storeAreaAggregates(tx, cycleId));
    const sic01 = await prisma.areaItemAggregate.findUniqueOrThrow({
      where: { cycleId_itemId: { cycleId, itemId: itemIds["SIC-01"]! } },
    });
    expect(sic01).toMatchObject({ n: 3, mean: 1.67, median: 1, min: 0, max: 4, countLow: 2 });
    expect(rows).toEqual(await prisma.$transaction((tx) => computeAreaAggregates(tx, cycleId)));
    expect(await prisma.areaItemAggregate.count({ where: { cycleId } })).toBe(5);
  });
});

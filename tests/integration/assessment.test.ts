// A comune's assessment: saves by dimension with a version check, facilitated edits with a
// reason, submit → validate → reopen, and stored scores equal to a recomputation after
// every write path (docs/phase2.md).
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import type { Capability } from "~/access/capabilities";
import type { AnswerInput } from "~/domain/assessment-form";
import { getAreaProfile, getComuneProfile } from "~/models/area-profile.server";
import { computeAreaAggregates, computeAssessmentScores } from "~/models/assessment-scores.server";
import {
  addEvidence,
  CONFLICT_MESSAGE,
  removeEvidence,
  reopenAssessment,
  saveDimensionAnswers,
  submitAssessment,
  validateAssessment,
} from "~/models/assessment.server";
import { prisma } from "~/utils/db.server";
import { createModuleFixture, createUserWithSession, makeRequest, syncDefaultContent } from "../support";

type Who = "referent" | "referent of the neighbour" | "facilitator";
const cookies = {} as Record<Who, string>;
let own = 0;
let neighbour = 0;
let cycleId = 0;
let items: { code: string; kind: string; dimension: string }[] = [];

beforeAll(async () => {
  await syncDefaultContent();
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  const other = await prisma.organisation.create({
    data: { name: "Comune vicino", kind: "COMUNE", areaId: fx.area.id },
  });
  const framework = await prisma.assessmentFramework.findUniqueOrThrow({
    where: { code_version: { code: "capacitas-pt2024", version: "1.0.0" } },
    select: {
      id: true,
      items: { select: { code: true, kind: true, dimension: { select: { code: true } } }, orderBy: { id: "asc" } },
    },
  });
  items = framework.items.map((i) => ({ code: i.code, kind: i.kind, dimension: i.dimension.code }));
  const cycle = await prisma.assessmentCycle.create({
    data: {
      areaId: fx.area.id,
      editionId: fx.edition.id,
      frameworkId: framework.id,
      title: "Rilevazione 2026",
      opensAt: new Date("2026-09-01"),
      closesAt: new Date("2026-12-31"),
      status: "OPEN",
      createdById: fx.trainer.id,
    },
  });
  cycleId = cycle.id;
  own = (await prisma.assessment.create({ data: { cycleId, organisationId: fx.comune.id } })).id;
  neighbour = (await prisma.assessment.create({ data: { cycleId, organisationId: other.id } })).id;
  cookies.referent = (
    await createUserWithSession(fx.comune.id, [{ role: "REFERENT", organisationId: fx.comune.id }])
  ).cookie;
  cookies["referent of the neighbour"] = (
    await createUserWithSession(other.id, [{ role: "REFERENT", organisationId: other.id }])
  ).cookie;
  const facilitator = await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: fx.edition.id, userId: facilitator.user.id } });
  cookies.facilitator = facilitator.cookie;
});

const as = async (who: Who, capability: Capability = "assessment:fill:phase2") => {
  const { scope, actor } = await requireCapability(makeRequest("/maturita", { cookie: cookies[who] }), capability);
  return { scope: scope as Extract<typeof scope, { kind: "phase2" }>, actor };
};
const versionOf = async (id: number) =>
  (await prisma.assessment.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

/** Answers for every item of a dimension: a middle level, or 30 for counts and percents. */
function answersFor(dimension: string, level = 2): Record<string, AnswerInput> {
  return Object.fromEntries(
    items
      .filter((i) => i.dimension === dimension)
      .map((i) => {
        if (i.kind === "COUNT" || i.kind === "PERCENT") return [i.code, { raw: 30 }];
        const value = i.kind === "YES_NO" ? (level >= 2 ? 4 : 0) : i.kind === "PLATFORM_STATE" ? 2 : level;
        return [i.code, { value }];
      }),
  );
}

async function storedEqualsRecomputed(id: number) {
  const stored = await prisma.dimensionScore.findMany({
    where: { assessmentId: id },
    select: {
      dimension: { select: { code: true } },
      score: true,
      coverage: true,
      level: true,
      answered: true,
      applicable: true,
      evidenceCapped: true,
    },
  });
  const recomputed = await prisma.$transaction((tx) => computeAssessmentScores(tx, id));
  expect(
    stored
      .map(({ dimension, ...d }) => ({ dimensionCode: dimension.code, ...d }))
      .sort((a, b) => a.dimensionCode.localeCompare(b.dimensionCode)),
  ).toEqual(
    recomputed.dimensions
      .map(({ complete: _c, ...d }) => d)
      .sort((a, b) => a.dimensionCode.localeCompare(b.dimensionCode)),
  );
  const { maturityIndex } = await prisma.assessment.findUniqueOrThrow({
    where: { id },
    select: { maturityIndex: true },
  });
  expect(maturityIndex).toBe(recomputed.index);
}

describe("saving a dimension", () => {
  it("stores the referent's answers, one audit row each, and scores equal to a recomputation", async () => {
    const { scope, actor } = await as("referent");
    const answers = { ...answersFor("ORG", 3), "ORG-02": { na: true, naReason: "Il comune gestisce da solo l'ICT." } };
    const result = await saveDimensionAnswers({ scope, actor, id: own, dimensionCode: "ORG", version: 0, answers });
    expect(result).toMatchObject({ ok: true, version: 1, changed: 7 });
    expect(await prisma.assessment.findUniqueOrThrow({ where: { id: own }, select: { status: true } })).toEqual({
      status: "IN_PROGRESS",
    });
    expect(await prisma.auditLog.count({ where: { action: "assessment.answer" } })).toBe(7);
    // Without evidence, level 3 on ORG-01, -03, -05, -07 and «Sì» on ORG-06 are capped at 2.
    const org = await prisma.dimensionScore.findFirstOrThrow({
      where: { assessmentId: own, dimension: { code: "ORG" } },
    });
    expect(org).toMatchObject({ coverage: 1, evidenceCapped: 5 });
    await storedEqualsRecomputed(own);
    // Saving the same again changes nothing and writes no audit row.
    const again = await saveDimensionAnswers({ scope, actor, id: own, dimensionCode: "ORG", version: 1, answers });
    expect(again).toMatchObject({ ok: true, changed: 0 });
    expect(await prisma.auditLog.count({ where: { action: "assessment.answer" } })).toBe(7);
  });

  it("two saves of the same version: one wins, the other is told to reload, and nothing of it is written", async () => {
    const { scope, actor } = await as("referent");
    const version = await versionOf(own);
    const [a, b] = await Promise.all([
      saveDimensionAnswers({ scope, actor, id: own, dimensionCode: "SIC", version, answers: answersFor("SIC", 1) }),
      saveDimensionAnswers({ scope, actor, id: own, dimensionCode: "SIC", version, answers: answersFor("SIC", 4) }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.filter((r) => r && !r.ok)).toEqual([{ ok: false, reason: "conflict", message: CONFLICT_MESSAGE }]);
    const winner = a?.ok ? 1 : 4;
    const sic01 = await prisma.assessmentAnswer.findFirstOrThrow({
      where: { assessmentId: own, item: { code: "SIC-01" } },
    });
    expect(sic01.value).toBe(winner);
    expect(await versionOf(own)).toBe(version + 1);
    await storedEqualsRecomputed(own);
  });

  it("a referent gets nothing of another comune; a facilitator edits on its behalf only with a reason, audited", async () => {
    const neighbourReferent = await as("referent of the neighbour");
    expect(
      await saveDimensionAnswers({
        ...neighbourReferent,
        id: own,
        dimensionCode: "ORG",
        version: await versionOf(own),
        answers: answersFor("ORG"),
      }),
    ).toBeNull();
    const facilitator = await as("facilitator");
    const version = await versionOf(neighbour);
    expect(
      await saveDimensionAnswers({
        ...facilitator,
        id: neighbour,
        dimensionCode: "DATI",
        version,
        answers: answersFor("DATI"),
      }),
    ).toMatchObject({ ok: false, reason: "reason-required" });
    expect(await versionOf(neighbour)).toBe(version);
    const done = await saveDimensionAnswers({
      ...facilitator,
      id: neighbour,
      dimensionCode: "DATI",
      version,
      answers: answersFor("DATI"),
      reason: "Sessione di gruppo del 12 ottobre, su indicazione del segretario",
    });
    expect(done).toMatchObject({ ok: true, changed: 5 });
    const answer = await prisma.assessmentAnswer.findFirstOrThrow({
      where: { assessmentId: neighbour, item: { code: "DATI-01" } },
    });
    expect(answer).toMatchObject({
      source: "FACILITATED",
      facilitatedReason: "Sessione di gruppo del 12 ottobre, su indicazione del segretario",
    });
    const row = await prisma.auditLog.findFirstOrThrow({
      where: { action: "assessment.answer.facilitated", entityId: String(answer.id) },
    });
    expect(JSON.parse(row.after!)).toMatchObject({
      item: "DATI-01",
      reason: "Sessione di gruppo del 12 ottobre, su indicazione del segretario",
    });
    await storedEqualsRecomputed(neighbour);
  });
});

describe("submit, validate, reopen", () => {
  it("runs the states, keeps a validated assessment read-only and the area aggregates equal to a recomputation", async () => {
    const referent = await as("referent");
    const facilitator = await as("facilitator", "assessment:validate:phase2");
    expect(await submitAssessment({ ...referent, id: own, version: await versionOf(own) })).toMatchObject({
      ok: false,
      reason: "incomplete",
    });
    for (const d of ["ORG", "PROC", "SERV", "PIAT", "DATI", "INFR", "SIC"]) {
      const r = await saveDimensionAnswers({
        ...referent,
        id: own,
        dimensionCode: d,
        version: await versionOf(own),
        answers: answersFor(d),
      });
      expect(r, d).toMatchObject({ ok: true });
      await storedEqualsRecomputed(own);
    }
    expect(await submitAssessment({ ...referent, id: own, version: await versionOf(own) })).toMatchObject({ ok: true });
    expect(
      await saveDimensionAnswers({
        ...referent,
        id: own,
        dimensionCode: "ORG",
        version: await versionOf(own),
        answers: answersFor("ORG", 4),
      }),
    ).toMatchObject({ ok: false, reason: "read-only" });
    // Only a facilitator validates: a referent's scope for validation does not exist.
    await expect(as("referent", "assessment:validate:phase2")).rejects.toMatchObject({ init: { status: 403 } });
    expect(await validateAssessment({ ...facilitator, id: own, version: await versionOf(own) })).toMatchObject({
      ok: true,
    });
    const aggregates = await prisma.areaItemAggregate.findMany({
      where: { cycleId },
      select: { itemId: true, n: true, mean: true, median: true, min: true, max: true, countLow: true },
      orderBy: { itemId: "asc" },
    });
    expect(aggregates).toEqual(await prisma.$transaction((tx) => computeAreaAggregates(tx, cycleId)));
    expect(aggregates.every((a) => a.n === 1)).toBe(true);
    for (const who of [referent, await as("facilitator")]) {
      expect(
        await saveDimensionAnswers({
          ...who,
          id: own,
          dimensionCode: "ORG",
          version: await versionOf(own),
          answers: answersFor("ORG", 4),
          reason: "correzione",
        }),
      ).toMatchObject({ ok: false, reason: "read-only" });
    }
    expect(
      await reopenAssessment({ ...facilitator, id: own, version: await versionOf(own), reason: "  " }),
    ).toMatchObject({
      ok: false,
      reason: "reason-required",
    });
    expect(
      await reopenAssessment({
        ...facilitator,
        id: own,
        version: await versionOf(own),
        reason: "Manca l'evidenza del backup",
      }),
    ).toMatchObject({ ok: true });
    const after = await prisma.areaItemAggregate.findMany({ where: { cycleId }, select: { n: true } });
    expect(after.every((a) => a.n === 0)).toBe(true);
    expect(
      await saveDimensionAnswers({
        ...referent,
        id: own,
        dimensionCode: "SIC",
        version: await versionOf(own),
        answers: answersFor("SIC", 3),
      }),
    ).toMatchObject({ ok: true });
    await storedEqualsRecomputed(own);
  });
});

describe("shared gaps", () => {
  it("validation proposes a shared need per low item, with its comuni and source, once", async () => {
    const facilitator = await as("facilitator");
    const validator = await as("facilitator", "assessment:validate:phase2");
    const reason = "Sessione di gruppo in municipio";
    for (const d of ["ORG", "PROC", "SERV", "PIAT", "DATI", "INFR", "SIC"]) {
      const r = await saveDimensionAnswers({
        ...facilitator,
        id: neighbour,
        dimensionCode: d,
        version: await versionOf(neighbour),
        answers: answersFor(d, 1),
        reason,
      });
      expect(r, d).toMatchObject({ ok: true });
    }
    expect(
      await submitAssessment({ ...facilitator, id: neighbour, version: await versionOf(neighbour) }),
    ).toMatchObject({ ok: true });
    const validated = await validateAssessment({ ...validator, id: neighbour, version: await versionOf(neighbour) });
    // Low: level 1 on scales, "no", a percent of 30 where 10–39 is level 1 (INFR-01); not platforms at 2.
    const scores = await prisma.$transaction((tx) => computeAssessmentScores(tx, neighbour));
    const low = scores.items.filter((i) => i.score !== null && i.score <= 1).length;
    expect(low).toBe(items.filter((i) => i.kind === "SCALE_0_4" || i.kind === "YES_NO").length + 1);
    // INFR-01 was proposed when the other comune was validated (before its reopening): updated, not repeated.
    expect(validated).toMatchObject({ ok: true, gaps: { gaps: low, proposed: low - 1 } });
    const needs = await prisma.need.findMany({
      where: { cycleId, status: "PROPOSED" },
      select: {
        scope: true,
        organisations: { select: { organisationId: true } },
        sources: { select: { kind: true, assessmentItem: { select: { code: true } } } },
      },
    });
    expect(needs).toHaveLength(low);
    const own = await prisma.assessment.findUniqueOrThrow({
      where: { id: neighbour },
      select: { organisationId: true },
    });
    for (const need of needs) {
      expect(need.organisations).toEqual([{ organisationId: own.organisationId }]);
      expect(need.sources).toEqual([
        { kind: "ASSESSMENT_GAP", assessmentItem: { code: expect.stringMatching(/^[A-Z]+-\d\d$/) } },
      ]);
    }
    // Reopened and validated again: the same gaps are not proposed twice.
    await reopenAssessment({
      ...validator,
      id: neighbour,
      version: await versionOf(neighbour),
      reason: "Verifica delle evidenze",
    });
    await submitAssessment({ ...facilitator, id: neighbour, version: await versionOf(neighbour) });
    expect(
      await validateAssessment({ ...validator, id: neighbour, version: await versionOf(neighbour) }),
    ).toMatchObject({ gaps: { proposed: 0 } });
    expect(await prisma.need.count({ where: { cycleId, status: "PROPOSED" } })).toBe(low);
  });
});

describe("evidence", () => {
  it("lifts the cap when attached, lets it fall back when removed, and follows the read-only rules", async () => {
    const referent = await as("referent");
    // `own` was reopened above: the referent may write again.
    await saveDimensionAnswers({
      ...referent,
      id: own,
      dimensionCode: "ORG",
      version: await versionOf(own),
      answers: answersFor("ORG", 3),
    });
    const org01 = async () => {
      const scores = await prisma.$transaction((tx) => computeAssessmentScores(tx, own));
      return scores.items.find((i) => i.itemCode === "ORG-01")!;
    };
    expect(await org01()).toMatchObject({ score: 2, capped: true });
    const added = await addEvidence({
      ...referent,
      id: own,
      itemCode: "ORG-01",
      evidence: {
        kind: "ACT",
        title: "Nomina del RTD",
        actNumber: "Decreto sindacale 4/2025",
        actDate: new Date("2025-03-10"),
      },
    });
    expect(added).toMatchObject({ ok: true });
    expect(await org01()).toMatchObject({ score: 3, capped: false });
    await storedEqualsRecomputed(own);
    const removed = await removeEvidence({ ...referent, evidenceId: added!.ok ? added!.evidenceId : 0 });
    expect(removed).toMatchObject({ ok: true, storageKey: null });
    expect(await org01()).toMatchObject({ score: 2, capped: true });
    await storedEqualsRecomputed(own);
    expect(
      await prisma.auditLog.count({
        where: { action: { in: ["assessment.evidence.add", "assessment.evidence.remove"] } },
      }),
    ).toBe(2);

    // Another comune's assessment is out of reach; a validated one is read-only.
    const other = await as("referent of the neighbour");
    const link = { kind: "LINK" as const, title: "Pagina", url: "https://example.org" };
    expect(await addEvidence({ ...other, id: own, itemCode: "ORG-01", evidence: link })).toBeNull();
    expect(await addEvidence({ ...other, id: neighbour, itemCode: "ORG-01", evidence: link })).toMatchObject({
      ok: false,
      reason: "read-only",
    });
    expect(await addEvidence({ ...referent, id: own, itemCode: "XXX-99", evidence: link })).toBeNull();
  });
});

describe("the area view", () => {
  it("names the comuni for the facilitator; a referent sees their own by name and the others anonymised", async () => {
    const referent = await as("referent");
    const validator = await as("facilitator", "assessment:validate:phase2");
    expect(await submitAssessment({ ...referent, id: own, version: await versionOf(own) })).toMatchObject({ ok: true });
    expect(await validateAssessment({ ...validator, id: own, version: await versionOf(own) })).toMatchObject({
      ok: true,
    });
    const names = await prisma.assessment.findMany({
      where: { cycleId },
      select: { id: true, organisation: { select: { name: true } } },
    });
    const ownName = names.find((n) => n.id === own)!.organisation.name;
    const otherName = names.find((n) => n.id === neighbour)!.organisation.name;

    const facilitatorView = (await getAreaProfile({
      scope: (await as("facilitator", "assessment:read:phase2")).scope,
      cycleId,
    }))!;
    expect(facilitatorView.named).toBe(true);
    expect(facilitatorView.rows.map((r) => r.label).sort()).toEqual([ownName, otherName].sort());
    expect(facilitatorView.rows[0]!.scores).toHaveLength(43);
    expect(facilitatorView.dimensions.map((d) => d.n)).toEqual([2, 2, 2, 2, 2, 2, 2]);

    const referentView = (await getAreaProfile({
      scope: (await as("referent", "assessment:read:phase2")).scope,
      cycleId,
    }))!;
    expect(referentView.named).toBe(false);
    expect(referentView.rows.map((r) => [r.label, r.own]).sort()).toEqual(
      [
        [ownName, true],
        ["Comune A", false],
      ].sort(),
    );
    expect(JSON.stringify(referentView)).not.toContain(otherName);
    expect(referentView.gaps.every((g) => g.comuni === null)).toBe(true);
    expect(referentView.dimensions.every((d) => d.own !== null)).toBe(true);
  });

  it("the comune's profile: dimensions against the area median, items with evidence, the platforms, five priorities", async () => {
    const referent = await as("referent", "assessment:read:phase2");
    const profile = (await getComuneProfile({
      scope: referent.scope,
      id: own,
      now: new Date("2026-11-15T10:00:00Z"),
    }))!;
    expect(profile.status).toBe("VALIDATED");
    expect(profile.dimensions.map((d) => d.title)).toEqual([
      "Organizzazione e gestione del cambiamento",
      expect.any(String),
      expect.any(String),
      expect.any(String),
      "Dati e intelligenza artificiale",
      expect.any(String),
      expect.any(String),
    ]);
    expect(profile.dimensions.every((d) => d.areaMedian !== null)).toBe(true);
    expect(profile.items).toHaveLength(43);
    expect(profile.platforms.map((p) => p.itemCode)).toEqual([
      "PIAT-01",
      "PIAT-02",
      "PIAT-03",
      "PIAT-04",
      "PIAT-05",
      "PIAT-06",
      "PIAT-07",
      "PIAT-08",
    ]);
    expect(profile.priorities).toHaveLength(5);
    expect(profile.priorities[0]!.priority).toBeGreaterThanOrEqual(profile.priorities[4]!.priority);
    const stored = await prisma.assessment.findUniqueOrThrow({ where: { id: own }, select: { maturityIndex: true } });
    expect(profile.maturityIndex).toBe(stored.maturityIndex);
    // Another comune's referent gets nothing.
    expect(
      await getComuneProfile({
        scope: (await as("referent of the neighbour", "assessment:read:phase2")).scope,
        id: own,
      }),
    ).toBeNull();
  });
});

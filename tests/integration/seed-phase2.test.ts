// The demo's ICT phase 2 (prisma/seed-phase2.ts) on a small copy of the demo's world: the
// Oltrepò and its 18 comuni with a few staff each, the agency, the phase-2 edition and the
// PA digitale 2026 import. The story holds (each comune in its state, every kind of need
// and request), what the models stored equals a recomputation, nothing unpublished is
// public, and phase 1 gains no learner, enrolment or learner role.
import { beforeAll, describe, expect, it } from "vitest";
import { computeAreaAggregates, computeAssessmentScores } from "~/models/assessment-scores.server";
import { importFundedMeasures } from "~/models/funded-measures.server";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed-data/demo-accounts";
import { readPad26Files } from "../../prisma/seed-data/padigitale2026";
import {
  ASSESSMENT_STATES,
  DEMO_NEEDS,
  DEMO_REQUESTS,
  PHASE2_CYCLE_TITLE,
  PHASE2_DISCARDED_NEED_TITLE,
  PHASE2_EDITION_CODE,
  PHASE2_GODIASCO_PUBLISHED_SUMMARY,
  PHASE2_MERGED_NEED_TITLE,
  PHASE2_NEED_TITLE,
  PHASE2_REQUEST_COUNTS,
  PHASE2_VARZI_PUBLISHED_SUMMARY,
  PHASE2_VARZI_RECEIVED_TEXT,
  publishedRequestsOf,
} from "../../prisma/seed-data/phase2-story";
import { comuneIpaCode, OLTREPO_AREA, OLTREPO_COMUNI } from "../../prisma/seed-data/territory";
import { seedPhase2 } from "../../prisma/seed-phase2";
import { syncDefaultContent } from "../support";

const TODAY = new Date("2026-11-26T00:00:00Z");
const STATUSES = ["RECEIVED", "APPROVED", "REJECTED", "SPAM", "MERGED"] as const;
let cycleId = 0;
let before = { people: 0, enrolments: 0, learnerRoles: 0 };

const phase1Counts = async () => ({
  people: await prisma.person.count(),
  enrolments: await prisma.enrolment.count(),
  learnerRoles: await prisma.roleAssignment.count({ where: { role: "LEARNER" } }),
});

beforeAll(async () => {
  await syncDefaultContent();
  const area = await prisma.area.create({ data: OLTREPO_AREA });
  const cm = await prisma.organisation.create({
    data: { name: "Comunità Montana dell'Oltrepò Pavese", kind: "COMUNITA_MONTANA", areaId: area.id },
  });
  const agency = await prisma.organisation.create({
    data: { name: "Agenzia formativa del programma", kind: "OTHER", areaId: area.id },
  });
  const hash = await hashPassword("Un-altra-password-2026");
  for (const [i, c] of OLTREPO_COMUNI.entries()) {
    const org = await prisma.organisation.create({
      data: {
        name: `Comune di ${c.name}`,
        kind: "COMUNE",
        istatCode: c.istatCode,
        ipaCode: comuneIpaCode(c.cadastralCode),
        areaId: area.id,
        parentId: cm.id,
      },
    });
    // Staff as the demo has them: a mayor, an office head with a learner account, a clerk without one.
    const staff = [
      { firstName: "Sindaco", position: "ADMINISTRATOR" as const, role: "Sindaco", account: true },
      {
        firstName: "Ragioniere",
        position: "EMPLOYEE" as const,
        role: "Responsabile del servizio finanziario",
        account: true,
      },
      { firstName: "Impiegato", position: "EMPLOYEE" as const, role: "Istruttore amministrativo", account: false },
    ];
    for (const s of staff) {
      const email = `${s.firstName.toLowerCase()}.${i}@comune.test`;
      const person = await prisma.person.create({
        data: {
          firstName: s.firstName,
          lastName: c.name,
          email,
          position: s.position,
          role: s.role,
          organisationId: org.id,
        },
      });
      if (s.account) {
        await prisma.user.create({
          data: { email, personId: person.id, passwordHash: hash, roles: { create: [{ role: "LEARNER" }] } },
        });
      }
    }
  }
  const ict = await prisma.module.findFirstOrThrow({
    where: { slug: "ict" },
    select: { id: true, phases: { where: { slug: "assessment-soluzioni" }, select: { id: true } } },
  });
  const trainerPerson = await prisma.person.create({
    data: { firstName: "Luca", lastName: "Moretti", position: "EXTERNAL", organisationId: agency.id },
  });
  const trainer = await prisma.user.create({
    data: { email: DEMO_ACCOUNTS.trainer, personId: trainerPerson.id, roles: { create: [{ role: "TRAINER" }] } },
  });
  await prisma.edition.create({
    data: {
      code: PHASE2_EDITION_CODE,
      title: "ICT — fase 2",
      moduleId: ict.id,
      phaseId: ict.phases[0]!.id,
      areaId: area.id,
      startsOn: new Date("2026-09-01"),
      endsOn: new Date("2027-03-31"),
      status: "OPEN",
      trainers: { create: [{ userId: trainer.id }] },
    },
  });
  const funded = await importFundedMeasures({
    actor: { userId: null, roles: [], requestId: null, now: TODAY },
    files: readPad26Files(),
    db: prisma,
  });
  expect(funded.ok).toBe(true);
  before = await phase1Counts();
  cycleId = (await seedPhase2({ today: TODAY, passwordHash: await hashPassword(DEMO_PASSWORD) })).cycleId;
}, 120_000);

describe("the demo's phase 2", () => {
  it("puts each comune's assessment in the state of the story", async () => {
    const cycle = await prisma.assessmentCycle.findUniqueOrThrow({
      where: { id: cycleId },
      select: {
        title: true,
        status: true,
        assessments: { select: { status: true, organisation: { select: { name: true } } } },
      },
    });
    expect(cycle).toMatchObject({ title: PHASE2_CYCLE_TITLE, status: "OPEN" });
    expect(
      Object.fromEntries(cycle.assessments.map((a) => [a.organisation.name.replace("Comune di ", ""), a.status])),
    ).toEqual(ASSESSMENT_STATES);
    const reopened = await prisma.assessment.findFirstOrThrow({
      where: { cycleId, status: "REOPENED" },
      select: { reopenReason: true, submittedAt: true },
    });
    expect(reopened.reopenReason).toMatch(/evidenz/);
    expect(reopened.submittedAt).not.toBeNull();
  });

  it("stores scores and area aggregates equal to a full recomputation", async () => {
    const assessments = await prisma.assessment.findMany({
      where: { cycleId },
      select: {
        id: true,
        maturityIndex: true,
        scores: {
          select: {
            dimension: { select: { code: true } },
            score: true,
            coverage: true,
            level: true,
            answered: true,
            applicable: true,
            evidenceCapped: true,
          },
        },
      },
    });
    const byCode = <T extends { dimensionCode: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.dimensionCode.localeCompare(b.dimensionCode));
    for (const a of assessments) {
      const recomputed = await prisma.$transaction((tx) => computeAssessmentScores(tx, a.id));
      expect(byCode(a.scores.map(({ dimension, ...d }) => ({ dimensionCode: dimension.code, ...d })))).toEqual(
        byCode(recomputed.dimensions.map(({ complete: _c, ...d }) => d)),
      );
      expect(a.maturityIndex).toBe(recomputed.index);
    }
    const stored = await prisma.areaItemAggregate.findMany({
      where: { cycleId },
      select: { itemId: true, n: true, mean: true, median: true, min: true, max: true, countLow: true },
      orderBy: { itemId: "asc" },
    });
    const aggregates = await prisma.$transaction((tx) => computeAreaAggregates(tx, cycleId));
    expect(stored).toEqual([...aggregates].sort((a, b) => a.itemId - b.itemId));
    // Over the nine validated comuni (an item declared N/A counts in fewer).
    expect(Math.max(...stored.map((s) => s.n))).toBe(9);
  });

  it("answers with notes, reasons for N/A and for facilitated edits, and evidence of every kind but files", async () => {
    const answers = await prisma.assessmentAnswer.findMany({
      where: { assessment: { cycleId } },
      select: { source: true, notApplicable: true, naReason: true, note: true, facilitatedReason: true },
    });
    expect(answers.filter((a) => a.notApplicable).every((a) => a.naReason)).toBe(true);
    expect(answers.filter((a) => a.notApplicable).length).toBeGreaterThanOrEqual(3);
    expect(answers.filter((a) => a.source === "FACILITATED").every((a) => a.facilitatedReason)).toBe(true);
    expect(answers.some((a) => a.source === "FACILITATED")).toBe(true);
    expect(answers.filter((a) => a.note).length).toBeGreaterThan(20);
    const kinds = await prisma.evidence.groupBy({ by: ["kind"], where: { answer: { assessment: { cycleId } } } });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["ACT", "LINK", "TEXT"]);
    // Deterministic and varied: the small comuni are weaker on data than on the platforms.
    const cecima = await prisma.dimensionScore.findMany({
      where: { assessment: { cycleId, organisation: { name: "Comune di Cecima" } } },
      select: { score: true, dimension: { select: { code: true } } },
    });
    const score = (code: string) => cecima.find((d) => d.dimension.code === code)!.score!;
    expect(score("PIAT")).toBeGreaterThan(score("DATI"));
    expect(score("PIAT")).toBeGreaterThan(score("INFR"));
  });

  it("records needs of every source kind, merged, discarded and proposed from shared gaps", async () => {
    const kinds = await prisma.needSource.groupBy({ by: ["kind"] });
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      ["ASSESSMENT_GAP", "CITIZEN_REQUEST", "DESK_REGISTER", "OBSERVATION", "OFFICE_INTERVIEW", "OTHER"].sort(),
    );
    const needs = await prisma.need.findMany({
      select: {
        title: true,
        status: true,
        scope: true,
        discardReason: true,
        mergedInto: { select: { title: true } },
        organisations: { select: { organisation: { select: { name: true } } } },
      },
    });
    expect(needs.filter((n) => n.status !== "PROPOSED")).toHaveLength(DEMO_NEEDS.length);
    expect(needs.find((n) => n.title === PHASE2_MERGED_NEED_TITLE)).toMatchObject({
      status: "MERGED",
      mergedInto: { title: PHASE2_NEED_TITLE },
    });
    expect(needs.find((n) => n.title === PHASE2_DISCARDED_NEED_TITLE)?.discardReason).toBeTruthy();
    expect(needs.filter((n) => n.status === "PROPOSED").length).toBeGreaterThan(0);
    expect(needs.filter((n) => n.scope === "SHARED").length).toBeGreaterThan(5);
    const varzi = needs.filter((n) => n.organisations.some((o) => o.organisation.name === "Comune di Varzi"));
    expect(varzi.filter((n) => n.status === "OPEN").length).toBeGreaterThanOrEqual(2);
    // The merge carried the merged need's sources and comuni to the target.
    const target = await prisma.need.findFirstOrThrow({
      where: { title: PHASE2_NEED_TITLE },
      select: {
        sources: { select: { kind: true } },
        organisations: { select: { organisation: { select: { name: true } } } },
      },
    });
    expect(target.sources.filter((s) => s.kind === "DESK_REGISTER")).toHaveLength(2);
    expect(target.organisations.map((o) => o.organisation.name)).toContain("Comune di Montalto Pavese");
  });

  it("holds citizens' requests in every status, Varzi's too, and publishes only moderators' summaries", async () => {
    const requests = await prisma.citizenRequest.findMany({
      select: {
        status: true,
        text: true,
        publicSummary: true,
        channel: true,
        needId: true,
        mergedIntoId: true,
        supportCount: true,
        rejectReason: true,
        organisation: { select: { name: true } },
        _count: { select: { supports: true } },
      },
    });
    expect(requests).toHaveLength(DEMO_REQUESTS.length);
    const counts = Object.fromEntries(STATUSES.map((s) => [s, requests.filter((r) => r.status === s).length]));
    expect(counts).toEqual(PHASE2_REQUEST_COUNTS);
    const varzi = requests.filter((r) => r.organisation.name === "Comune di Varzi");
    expect(new Set(varzi.map((r) => r.status))).toEqual(new Set(STATUSES));
    expect(varzi.some((r) => r.needId !== null)).toBe(true);
    expect(varzi.find((r) => r.publicSummary === PHASE2_VARZI_PUBLISHED_SUMMARY)?.status).toBe("APPROVED");
    expect(varzi.find((r) => r.text === PHASE2_VARZI_RECEIVED_TEXT)?.status).toBe("RECEIVED");
    const godiasco = requests.filter(
      (r) => r.organisation.name === "Comune di Godiasco Salice Terme" && r.status === "APPROVED",
    );
    expect(godiasco.length).toBeGreaterThanOrEqual(3);
    expect(godiasco.length).toBe(publishedRequestsOf("Godiasco Salice Terme"));
    expect(godiasco.map((r) => r.publicSummary)).toContain(PHASE2_GODIASCO_PUBLISHED_SUMMARY);
    // Nothing unpublished has a public summary; every published one has its own.
    expect(requests.filter((r) => r.status !== "APPROVED" && r.publicSummary !== null)).toEqual([]);
    expect(
      requests.filter((r) => r.status === "APPROVED").every((r) => r.publicSummary && r.publicSummary !== r.text),
    ).toBe(true);
    expect(new Set(requests.filter((r) => r.status === "REJECTED").map((r) => r.rejectReason))).toEqual(
      new Set(["OFF_TOPIC", "PERSONAL_CASE", "OFFENSIVE", "DUPLICATE", "PERSONAL_DATA"]),
    );
    expect(requests.filter((r) => r.status === "MERGED").every((r) => r.mergedIntoId !== null)).toBe(true);
    expect(new Set(requests.map((r) => r.channel))).toEqual(new Set(["WEB", "SPORTELLO", "CARTACEO", "FACILITATORE"]));
    expect(requests.every((r) => r.supportCount === r._count.supports)).toBe(true);
    expect(requests.some((r) => r.supportCount > 0)).toBe(true);
  });

  it("gives the demo accounts their roles and the demo password, and phase 1 no new learner", async () => {
    const referents = await prisma.roleAssignment.findMany({
      where: { role: "REFERENT" },
      select: { organisation: { select: { name: true } } },
    });
    expect(referents.map((r) => r.organisation!.name.replace("Comune di ", "")).sort()).toEqual(
      Object.keys(ASSESSMENT_STATES).sort(),
    );
    for (const [email, comune] of [
      [DEMO_ACCOUNTS.referent, "Comune di Varzi"],
      [DEMO_ACCOUNTS.referentOther, "Comune di Godiasco Salice Terme"],
    ] as const) {
      const user = await prisma.user.findUniqueOrThrow({
        where: { email },
        select: { passwordHash: true, roles: { select: { role: true, organisation: { select: { name: true } } } } },
      });
      expect(user.roles).toContainEqual({ role: "REFERENT", organisation: { name: comune } });
      expect(await verifyPassword(user.passwordHash!, DEMO_PASSWORD)).toBe(true);
    }
    const facilitator = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_ACCOUNTS.facilitator },
      select: {
        passwordHash: true,
        roles: { select: { role: true } },
        trainerOf: { select: { edition: { select: { code: true } } } },
      },
    });
    expect(facilitator.roles).toEqual([{ role: "TRAINER" }]);
    expect(facilitator.trainerOf).toEqual([{ edition: { code: PHASE2_EDITION_CODE } }]);
    expect(await verifyPassword(facilitator.passwordHash!, DEMO_PASSWORD)).toBe(true);
    // Only the facilitator is a new person; referents are the comuni's own staff.
    expect(await phase1Counts()).toEqual({ ...before, people: before.people + 1 });
  });
});

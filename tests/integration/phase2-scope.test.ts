// ICT phase 2: who sees which cycles, assessments, needs and citizens' requests. The scope
// comes from the guard (the roles granting the capability) and goes into the query.
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import { assessmentWhere, citizenRequestWhere, cycleWhere, needWhere } from "~/access/scope.server";
import { prisma } from "~/utils/db.server";
import { createArea, createCycleFixture, createModuleFixture, createUserWithSession, makeRequest } from "../support";

type Who =
  | "facilitator"
  | "other trainer"
  | "referent"
  | "coordinator"
  | "coordinator of another area"
  | "admin"
  | "learner of the comune";
const cookies = {} as Record<Who, string>;
const ids = {} as { own: number; neighbour: number; otherArea: number; cycle: number; otherCycle: number };

beforeAll(async () => {
  const phase2 = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  const other = await createModuleFixture({ units: [{ slug: "lezione", kind: "LESSON" }] });
  const area = phase2.area;
  const neighbour = await prisma.organisation.create({
    data: { name: "Comune vicino", kind: "COMUNE", areaId: area.id },
  });
  const b = await createArea("Altra area");
  const cycleOf = (areaId: number, editionId: number) =>
    createCycleFixture({ areaId, editionId, createdById: phase2.trainer.id, status: "OPEN" });
  const cycle = await cycleOf(area.id, phase2.edition.id);
  const otherCycle = await cycleOf(other.area.id, other.edition.id);
  for (const [cycleId, organisationId] of [
    [cycle.id, phase2.comune.id],
    [cycle.id, neighbour.id],
    [otherCycle.id, other.comune.id],
  ]) {
    await prisma.assessment.create({ data: { cycleId, organisationId } });
  }
  const need = (areaId: number, organisationId: number, title: string) =>
    prisma.need.create({
      data: {
        areaId,
        title,
        description: "—",
        impact: 3,
        feasibility: 3,
        sharing: 1,
        priority: 2.4,
        createdById: phase2.trainer.id,
        organisations: { create: [{ organisationId }] },
      },
    });
  await need(area.id, phase2.comune.id, "Pagamenti online");
  await need(area.id, neighbour.id, "Prenotazioni");
  await need(other.area.id, other.comune.id, "Altrove");
  let code = 0;
  for (const organisationId of [phase2.comune.id, neighbour.id, other.comune.id]) {
    await prisma.citizenRequest.create({
      data: { organisationId, topic: "TRIBUTI", text: "Vorrei pagare la TARI online.", receiptCode: `RC${++code}` },
    });
  }
  const facilitator = await createUserWithSession(b.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: phase2.edition.id, userId: facilitator.user.id } });
  cookies.facilitator = facilitator.cookie;
  const otherTrainer = await createUserWithSession(b.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: other.edition.id, userId: otherTrainer.user.id } });
  cookies["other trainer"] = otherTrainer.cookie;
  cookies.referent = (
    await createUserWithSession(phase2.comune.id, [{ role: "REFERENT", organisationId: phase2.comune.id }])
  ).cookie;
  cookies.coordinator = (await createUserWithSession(area.id, [{ role: "COORDINATOR", areaId: area.id }])).cookie;
  cookies["coordinator of another area"] = (
    await createUserWithSession(b.comune.id, [{ role: "COORDINATOR", areaId: b.area.id }])
  ).cookie;
  cookies.admin = (await createUserWithSession(b.comune.id, [{ role: "ADMIN" }])).cookie;
  cookies["learner of the comune"] = (await createUserWithSession(phase2.comune.id, [{ role: "LEARNER" }])).cookie;
  Object.assign(ids, {
    own: phase2.comune.id,
    neighbour: neighbour.id,
    otherArea: other.comune.id,
    cycle: cycle.id,
    otherCycle: otherCycle.id,
  });
});

const scopeOf = async (
  who: Who,
  capability: "assessment:read:phase2" | "assessment:validate:phase2" | "profile:read:phase2",
) => (await requireCapability(makeRequest("/maturita", { cookie: cookies[who] }), capability)).scope;

async function seen(who: Who) {
  const scope = await scopeOf(who, "assessment:read:phase2");
  const orgs = (rows: { organisationId: number }[]) => rows.map((r) => r.organisationId).sort((x, y) => x - y);
  return {
    cycles: (await prisma.assessmentCycle.findMany({ where: cycleWhere(scope), select: { id: true } })).map(
      (c) => c.id,
    ),
    assessments: orgs(
      await prisma.assessment.findMany({ where: assessmentWhere(scope), select: { organisationId: true } }),
    ),
    needs: (
      await prisma.need.findMany({ where: needWhere(scope), select: { title: true }, orderBy: { title: "asc" } })
    ).map((n) => n.title),
    requests: orgs(
      await prisma.citizenRequest.findMany({ where: citizenRequestWhere(scope), select: { organisationId: true } }),
    ),
  };
}

describe("phase-2 scopes, in the query", () => {
  it("the facilitator sees the cycles of the editions they train, with every comune of them", async () => {
    expect(await seen("facilitator")).toEqual({
      cycles: [ids.cycle],
      assessments: [ids.own, ids.neighbour].sort((x, y) => x - y),
      needs: ["Pagamenti online", "Prenotazioni"],
      requests: [ids.own, ids.neighbour].sort((x, y) => x - y),
    });
  });

  it("the referent sees the area's cycle but only their comune's assessment, needs and requests", async () => {
    expect(await seen("referent")).toEqual({
      cycles: [ids.cycle],
      assessments: [ids.own],
      needs: ["Pagamenti online"],
      requests: [ids.own],
    });
  });

  it("a coordinator sees their area; one of another area and a trainer of another edition see nothing here", async () => {
    expect((await seen("coordinator")).assessments).toEqual([ids.own, ids.neighbour].sort((x, y) => x - y));
    for (const who of ["coordinator of another area", "other trainer"] as const) {
      const view = await seen(who);
      expect(view.assessments, who).not.toContain(ids.own);
      expect(view.requests, who).not.toContain(ids.neighbour);
      expect(view.cycles, who).not.toContain(ids.cycle);
    }
    expect((await seen("other trainer")).cycles).toEqual([ids.otherCycle]);
  });

  it("an admin sees every area", async () => {
    const view = await seen("admin");
    expect(view.assessments).toEqual(expect.arrayContaining([ids.own, ids.neighbour, ids.otherArea]));
  });

  it("a capability only one role grants scopes by that role alone", async () => {
    // Validating is the facilitator's: a coordinator and a referent are refused, and the
    // facilitator's scope carries no coordinator or referent part.
    for (const who of ["coordinator", "referent"] as const) {
      await expect(scopeOf(who, "assessment:validate:phase2"), who).rejects.toMatchObject({ init: { status: 403 } });
    }
    expect(await scopeOf("facilitator", "assessment:validate:phase2")).toMatchObject({
      kind: "phase2",
      areaIds: [],
      organisationId: null,
    });
  });

  it("a learner reads only their comune's validated assessment, and only through the profile capability", async () => {
    await expect(scopeOf("learner of the comune", "assessment:read:phase2")).rejects.toMatchObject({
      init: { status: 403 },
    });
    const scope = await scopeOf("learner of the comune", "profile:read:phase2");
    const visible = () =>
      prisma.assessment.findMany({ where: assessmentWhere(scope), select: { organisationId: true } });
    expect(await visible()).toEqual([]);
    expect(await prisma.assessmentCycle.count({ where: cycleWhere(scope) })).toBe(0);
    await prisma.assessment.updateMany({ where: { cycleId: ids.cycle }, data: { status: "VALIDATED" } });
    try {
      expect(await visible()).toEqual([{ organisationId: ids.own }]);
      expect(await prisma.assessmentCycle.count({ where: cycleWhere(scope) })).toBe(1);
      // the other parts of the scope stay empty: no needs, no requests
      expect(await prisma.need.count({ where: needWhere(scope) })).toBe(0);
      expect(await prisma.citizenRequest.count({ where: citizenRequestWhere(scope) })).toBe(0);
    } finally {
      await prisma.assessment.updateMany({ where: { cycleId: ids.cycle }, data: { status: "NOT_STARTED" } });
    }
  });

  it("a scope with no part matches nothing (Prisma reads an empty OR as no condition)", async () => {
    const empty = {
      kind: "phase2" as const,
      facilitatorUserId: null,
      areaIds: [],
      organisationId: null,
      learnerOrganisationId: null,
    };
    expect(await prisma.assessmentCycle.count({ where: cycleWhere(empty) })).toBe(0);
    expect(await prisma.assessment.count({ where: assessmentWhere(empty) })).toBe(0);
    expect(await prisma.need.count({ where: needWhere(empty) })).toBe(0);
    expect(await prisma.citizenRequest.count({ where: citizenRequestWhere(empty) })).toBe(0);
    expect(await prisma.assessment.count()).toBeGreaterThan(0);
  });
});

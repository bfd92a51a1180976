// The needs register: derived sharing and priority, referents for their comune only,
// merges that keep every source and comune, discards with a reason (never of a planned need).
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import type { Capability } from "~/access/capabilities";
import type { NeedInput } from "~/domain/need-schema";
import { createNeed, discardNeed, listNeeds, mergeNeeds } from "~/models/need.server";
import { prisma } from "~/utils/db.server";
import { createCycleFixture, createModuleFixture, createUserWithSession, makeRequest } from "../support";

let areaId = 0;
const comuni: number[] = [];
const cookies: Record<string, string> = {};

const as = async (who: string, capability: Capability = "need:propose:phase2") => {
  const { scope, actor } = await requireCapability(makeRequest("/fabbisogni", { cookie: cookies[who] }), capability);
  return { scope: scope as Extract<typeof scope, { kind: "phase2" }>, actor };
};

const input = (over: Partial<NeedInput> = {}): NeedInput => ({
  title: "Pagamenti online dei servizi scolastici",
  description: "Le famiglie pagano mensa e trasporto con bollettino: serve pagoPA con avvisi in App IO.",
  organisationIds: [comuni[0]!],
  impact: 4,
  feasibility: 3,
  requirements: [{ text: "Integrazione con pagoPA", level: "MUST" }],
  sourceKind: "OFFICE_INTERVIEW",
  ...over,
});

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  areaId = fx.area.id;
  comuni.push(fx.comune.id);
  for (const name of ["Comune di Menconico", "Comune di Romagnese"]) {
    comuni.push((await prisma.organisation.create({ data: { name, kind: "COMUNE", areaId } })).id);
  }
  await createCycleFixture({ areaId, editionId: fx.edition.id, createdById: fx.trainer.id });
  const facilitator = await createUserWithSession(comuni[0]!, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: fx.edition.id, userId: facilitator.user.id } });
  cookies.facilitator = facilitator.cookie;
  cookies.referent = (
    await createUserWithSession(comuni[1]!, [{ role: "REFERENT", organisationId: comuni[1]! }])
  ).cookie;
});

describe("needs", () => {
  it("derive sharing and priority from the comuni affected (3 in this area) and the default weights", async () => {
    const facilitator = await as("facilitator");
    const one = await createNeed({ ...facilitator, areaId, input: input() });
    const all = await createNeed({
      ...facilitator,
      areaId,
      input: input({ title: "Connettività delle sedi comunali", organisationIds: comuni }),
    });
    expect(one).toMatchObject({ ok: true });
    const rows = await prisma.need.findMany({
      where: { areaId },
      select: { title: true, scope: true, sharing: true, priority: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { title: "Pagamenti online dei servizi scolastici", scope: "LOCAL", sharing: 1, priority: 2.8 },
      { title: "Connettività delle sedi comunali", scope: "SHARED", sharing: 5, priority: 4 },
    ]);
    expect(all).toMatchObject({ ok: true });
  });

  it("a referent records needs of their comune only, and sees only those affecting it", async () => {
    const referent = await as("referent");
    expect(await createNeed({ ...referent, areaId, input: input({ organisationIds: [comuni[0]!] }) })).toMatchObject({
      ok: false,
      field: "organisationIds",
    });
    expect(
      await createNeed({
        ...referent,
        areaId,
        input: input({ title: "Prenotazione della sala civica", organisationIds: [comuni[1]!] }),
      }),
    ).toMatchObject({ ok: true });
    const seen = (await listNeeds({ scope: (await as("referent", "need:read:phase2")).scope })).map((n) => n.title);
    expect(seen).toEqual(["Connettività delle sedi comunali", "Prenotazione della sala civica"]);
  });

  it("a merge keeps every source and comune and recomputes the target; a planned need is never discarded", async () => {
    const manager = await as("facilitator", "need:manage:phase2");
    const facilitator = await as("facilitator");
    const a = await createNeed({
      ...facilitator,
      areaId,
      input: input({ title: "Pagamento mensa online", organisationIds: [comuni[0]!] }),
    });
    const b = await createNeed({
      ...facilitator,
      areaId,
      input: input({
        title: "Pagare il trasporto scolastico",
        organisationIds: [comuni[2]!],
        sourceKind: "DESK_REGISTER",
      }),
    });
    if (!a?.ok || !b?.ok) throw new Error("setup");
    expect(await mergeNeeds({ ...manager, targetId: a.id, mergedIds: [b.id] })).toEqual({ ok: true });
    const target = await prisma.need.findUniqueOrThrow({
      where: { id: a.id },
      select: {
        sharing: true,
        scope: true,
        sources: { select: { kind: true } },
        organisations: { select: { organisationId: true } },
      },
    });
    expect(target.sources.map((s) => s.kind).sort()).toEqual(["DESK_REGISTER", "OFFICE_INTERVIEW"]);
    expect(target.organisations.map((o) => o.organisationId).sort()).toEqual([comuni[0], comuni[2]].sort());
    expect(target).toMatchObject({ sharing: 3, scope: "SHARED" });
    expect(
      await prisma.need.findUniqueOrThrow({ where: { id: b.id }, select: { status: true, mergedIntoId: true } }),
    ).toEqual({ status: "MERGED", mergedIntoId: a.id });

    await prisma.need.update({ where: { id: a.id }, data: { status: "IN_PLAN" } });
    expect(await discardNeed({ ...manager, id: a.id, reason: "Non serve più" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/nel piano/),
    });
    expect(await discardNeed({ ...manager, id: b.id, reason: " " })).toMatchObject({ ok: false });
    // A referent manages nothing: the capability is the facilitator's.
    await expect(as("referent", "need:manage:phase2")).rejects.toMatchObject({ init: { status: 403 } });
  });
});

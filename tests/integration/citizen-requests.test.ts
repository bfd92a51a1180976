// Citizens' requests are pre-moderated: nothing a citizen wrote is public, an approval needs
// a summary, personal data in it must be confirmed away, one "Anche per me" per browser a day.
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import {
  listPublishedRequests,
  moderateRequest,
  requestStatusByCode,
  supportRequest,
} from "~/models/citizen-request.server";
import { prisma } from "~/utils/db.server";
import { createModuleFixture, createUserWithSession, makeRequest } from "../support";

const TEXT = "Vorrei iscrivere mia figlia alla mensa scolastica online, senza andare in comune.";
let comune = 0;
let neighbour = 0;
const cookies: Record<string, string> = {};
let n = 0;

const newRequest = (organisationId: number) =>
  prisma.citizenRequest.create({
    data: { organisationId, topic: "SCUOLA", text: TEXT, receiptCode: `R${String(++n).padStart(9, "0")}` },
  });

const as = async (who: string) => {
  const { scope, actor } = await requireCapability(
    makeRequest("/fabbisogni/richieste", { cookie: cookies[who] }),
    "citizen:moderate:phase2",
  );
  return { scope: scope as Extract<typeof scope, { kind: "phase2" }>, actor };
};

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  comune = fx.comune.id;
  neighbour = (
    await prisma.organisation.create({ data: { name: "Comune vicino", kind: "COMUNE", areaId: fx.area.id } })
  ).id;
  const framework = await prisma.assessmentFramework.create({
    data: { code: "prova", version: "1.0.0", title: "Prova", sourceNote: "—", levels: "{}", contentHash: "x" },
  });
  await prisma.assessmentCycle.create({
    data: {
      areaId: fx.area.id,
      editionId: fx.edition.id,
      frameworkId: framework.id,
      title: "Rilevazione 2026",
      opensAt: new Date("2026-09-01"),
      closesAt: new Date("2026-12-31"),
      createdById: fx.trainer.id,
    },
  });
  const facilitator = await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: fx.edition.id, userId: facilitator.user.id } });
  cookies.facilitator = facilitator.cookie;
  cookies.referent = (await createUserWithSession(comune, [{ role: "REFERENT", organisationId: comune }])).cookie;
});

describe("moderation", () => {
  it("nothing is public before approval, and then only the moderator's summary", async () => {
    const r = await newRequest(comune);
    expect(await listPublishedRequests({ organisationId: comune })).toEqual([]);
    expect(await requestStatusByCode(r.receiptCode)).toMatchObject({
      status: "Ricevuta: in attesa di moderazione",
      summary: null,
    });
    const facilitator = await as("facilitator");
    expect(
      await moderateRequest({ ...facilitator, id: r.id, moderation: { action: "approve", summary: "   " } }),
    ).toMatchObject({ ok: false, reason: "summary-required" });
    expect((await prisma.citizenRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("RECEIVED");
    const summary = "Iscrizione online alla mensa scolastica";
    expect(await moderateRequest({ ...facilitator, id: r.id, moderation: { action: "approve", summary } })).toEqual({
      ok: true,
    });
    const published = await listPublishedRequests({ organisationId: comune });
    expect(published).toEqual([expect.objectContaining({ publicSummary: summary, supportCount: 0 })]);
    expect(JSON.stringify(published)).not.toContain("mia figlia");
    expect(await requestStatusByCode(r.receiptCode)).toMatchObject({ status: "Pubblicata", summary });
    expect(await prisma.auditLog.count({ where: { action: "citizen_request.approve", entityId: String(r.id) } })).toBe(
      1,
    );
    // Decided once: a second moderator is told, nothing changes.
    expect(
      await moderateRequest({ ...facilitator, id: r.id, moderation: { action: "reject", rejectReason: "OFF_TOPIC" } }),
    ).toMatchObject({ ok: false, reason: "already-moderated" });
  });

  it("warns of personal data in a summary until the moderator confirms", async () => {
    const r = await newRequest(comune);
    const facilitator = await as("facilitator");
    const summary = "Maria Bianchi chiede la mensa online, tel. 338 123 4567";
    const warned = await moderateRequest({ ...facilitator, id: r.id, moderation: { action: "approve", summary } });
    expect(warned).toMatchObject({ ok: false, reason: "personal-data", warnings: ["phone", "name"] });
    expect((await prisma.citizenRequest.findUniqueOrThrow({ where: { id: r.id } })).publicSummary).toBeNull();
    expect(
      await moderateRequest({
        ...facilitator,
        id: r.id,
        moderation: { action: "approve", summary, confirmPersonalData: true },
      }),
    ).toEqual({ ok: true });
  });

  it("a referent moderates their comune's requests only; a rejection shows its reason on the status page", async () => {
    const own = await newRequest(comune);
    const other = await newRequest(neighbour);
    const referent = await as("referent");
    expect(await moderateRequest({ ...referent, id: other.id, moderation: { action: "spam" } })).toBeNull();
    expect((await prisma.citizenRequest.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("RECEIVED");
    expect(
      await moderateRequest({
        ...referent,
        id: own.id,
        moderation: { action: "reject", rejectReason: "PERSONAL_CASE" },
      }),
    ).toEqual({ ok: true });
    expect(await requestStatusByCode(own.receiptCode)).toMatchObject({
      status: "Non pubblicata: è un caso personale: va seguito allo sportello",
      summary: null,
    });
  });
});

describe("Anche per me", () => {
  it("counts one per browser per day, also when pressed twice at once, and only on published requests", async () => {
    const r = await newRequest(comune);
    expect(await supportRequest({ id: r.id, voterHash: "v1", day: "2026-11-02" })).toBeNull();
    const facilitator = await as("facilitator");
    await moderateRequest({ ...facilitator, id: r.id, moderation: { action: "approve", summary: "Mensa online" } });
    const results = await Promise.all([
      supportRequest({ id: r.id, voterHash: "v1", day: "2026-11-02" }),
      supportRequest({ id: r.id, voterHash: "v1", day: "2026-11-02" }),
    ]);
    expect(results.filter((x) => x?.counted)).toHaveLength(1);
    await supportRequest({ id: r.id, voterHash: "v1", day: "2026-11-03" });
    await supportRequest({ id: r.id, voterHash: "v2", day: "2026-11-03" });
    const row = await prisma.citizenRequest.findUniqueOrThrow({
      where: { id: r.id },
      select: { supportCount: true, _count: { select: { supports: true } } },
    });
    expect(row).toEqual({ supportCount: 3, _count: { supports: 3 } });
  });
});

// Citizens' requests are pre-moderated: nothing a citizen wrote is public, an approval needs
// a summary, personal data in it must be confirmed away, one "Anche per me" per browser a day.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { requireCapability } from "~/access/guards.server";
import {
  listPublishedRequests,
  moderateRequest,
  requestStatusByCode,
  submitCitizenRequest,
  MAX_SUPPORTS_PER_ADDRESS,
  supportRequest,
} from "~/models/citizen-request.server";
import { formStartToken } from "~/utils/signing.server";
import { prisma } from "~/utils/db.server";
import { createCycleFixture, createModuleFixture, createUserWithSession, makeRequest } from "../support";

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
  await createCycleFixture({ areaId: fx.area.id, editionId: fx.edition.id, createdById: fx.trainer.id });
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
    // Closed without publication: its contact goes at the purge job's next run.
    expect((await prisma.citizenRequest.findUniqueOrThrow({ where: { id: own.id } })).contactPurgeAt).not.toBeNull();
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

  it("counts at most MAX_SUPPORTS_PER_ADDRESS presses a day from one address, whatever the cookies", async () => {
    const r = await newRequest(comune);
    const facilitator = await as("facilitator");
    await moderateRequest({ ...facilitator, id: r.id, moderation: { action: "approve", summary: "Pagamenti online" } });
    const press = (n: number, day = "2026-11-02", addressHash = "casa") =>
      supportRequest({ id: r.id, voterHash: `browser-${n}`, day, addressHash });
    for (let n = 0; n < MAX_SUPPORTS_PER_ADDRESS; n++) expect(await press(n)).toEqual({ counted: true, capped: false });
    // A fresh cookie from the same address: refused, and nothing written.
    expect(await press(99)).toEqual({ counted: false, capped: true });
    // Another address, or the next day, counts again.
    expect(await press(99, "2026-11-02", "biblioteca")).toEqual({ counted: true, capped: false });
    expect(await press(99, "2026-11-03")).toEqual({ counted: true, capped: false });
    const row = await prisma.citizenRequest.findUniqueOrThrow({
      where: { id: r.id },
      select: { supportCount: true, _count: { select: { supports: true } } },
    });
    expect(row).toEqual({
      supportCount: MAX_SUPPORTS_PER_ADDRESS + 2,
      _count: { supports: MAX_SUPPORTS_PER_ADDRESS + 2 },
    });
  });
});

describe("the public form", () => {
  afterEach(() => vi.useRealTimers());
  const valid = { topic: "TRIBUTI" as const, text: "Vorrei pagare la TARI online con pagoPA.", privacy: true };
  const at = (iso: string) => new Date(iso);

  it("stores a request with a receipt, the address only as the day's hash, and a purge date for the e-mail", async () => {
    const now = at("2026-11-02T10:00:00Z");
    const result = await submitCitizenRequest({
      organisationId: comune,
      input: {
        ...valid,
        contactEmail: "cittadino@example.org",
        contactConsent: true,
        startedAt: formStartToken(at("2026-11-02T09:58:00Z")),
      },
      clientIp: "203.0.113.7",
      now,
    });
    expect(result).toMatchObject({ ok: true, receiptCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{10}$/) });
    const row = await prisma.citizenRequest.findUniqueOrThrow({
      where: { receiptCode: result!.ok ? result!.receiptCode : "" },
    });
    expect(row).toMatchObject({ status: "RECEIVED", held: false, contactConsent: true, channel: "WEB" });
    expect(row.ipHash).not.toContain("203.0.113.7");
    // The area's cycle closes on 2026-12-31: the e-mail goes 12 months later.
    expect(row.contactPurgeAt?.toISOString()).toBe("2027-12-31T00:00:00.000Z");
  });

  it("a robot: the honeypot gets a receipt and writes nothing; a form sent in under 4 s or with a forged start is refused", async () => {
    const before = await prisma.citizenRequest.count();
    const now = at("2026-11-02T11:00:00Z");
    const trap = await submitCitizenRequest({
      organisationId: comune,
      input: { ...valid, website: "http://spam.example", startedAt: formStartToken(at("2026-11-02T10:50:00Z")) },
      clientIp: "198.51.100.1",
      now,
    });
    expect(trap).toMatchObject({ ok: true });
    for (const startedAt of [formStartToken(at("2026-11-02T10:59:58Z")), "1762077600000.firma-falsa", undefined]) {
      expect(
        await submitCitizenRequest({
          organisationId: comune,
          input: { ...valid, startedAt },
          clientIp: "198.51.100.1",
          now,
        }),
      ).toMatchObject({ ok: false, reason: "too-fast" });
    }
    expect(await prisma.citizenRequest.count()).toBe(before);
  });

  it("the 6th request in an hour from one address is refused with a wait; another address is not", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const now = at("2026-11-03T09:00:00Z");
    vi.setSystemTime(now);
    const send = (clientIp: string) =>
      submitCitizenRequest({
        organisationId: comune,
        input: { ...valid, startedAt: formStartToken(at("2026-11-03T08:55:00Z")) },
        clientIp,
        now,
      });
    for (let i = 0; i < 5; i++) expect(await send("192.0.2.10"), `request ${i + 1}`).toMatchObject({ ok: true });
    const sixth = await send("192.0.2.10");
    expect(sixth).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(sixth && !sixth.ok && sixth.reason === "rate-limited" && sixth.retryAfterSeconds).toBeGreaterThan(0);
    expect(await send("192.0.2.11")).toMatchObject({ ok: true });
  });

  it("a text with links waits for a moderator like the others, flagged", async () => {
    const now = at("2026-11-04T09:00:00Z");
    const r = await submitCitizenRequest({
      organisationId: comune,
      input: {
        ...valid,
        text: "Come fa il comune vicino: https://esempio.it/pagamenti",
        startedAt: formStartToken(at("2026-11-04T08:50:00Z")),
      },
      clientIp: "192.0.2.20",
      now,
    });
    const row = await prisma.citizenRequest.findUniqueOrThrow({ where: { receiptCode: r!.ok ? r!.receiptCode : "" } });
    expect(row).toMatchObject({ held: true, status: "RECEIVED" });
  });
});

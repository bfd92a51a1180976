// The citizens' public pages (spec PHASE2 §5.2, §12): the form works as a plain POST, bad
// input is a 400 that writes nothing, robots are turned away, the 6th request in an hour
// from one address is a 429 with Retry-After, nothing a citizen wrote is ever on a public
// page, "Anche per me" counts once per browser per day, odd codes and comuni are 404s.
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import type { Prisma } from "~/generated/prisma/client";
import { moderateRequest } from "~/models/citizen-request.server";
import * as formRoute from "~/routes/segnala.$istat._index";
import * as listRoute from "~/routes/segnala.$istat.richieste";
import * as homeRoute from "~/routes/segnala._index";
import * as lookupRoute from "~/routes/segnala.stato._index";
import * as statusRoute from "~/routes/segnala.stato.$code";
import { prisma } from "~/utils/db.server";
import { formStartToken } from "~/utils/signing.server";
import {
  callRoute,
  createCycleFixture,
  createModuleFixture,
  createUserWithSession,
  makeRequest,
  payload,
  replyErrors,
} from "../support";

type Handler = Parameters<typeof callRoute>[0];
const TEXT = "Vorrei iscrivere mia figlia Giulia alla mensa scolastica online, senza andare in comune.";
const EMAIL = "genitore.riservato@example.org";
const ISTAT = "918171";
const OTHER_ISTAT = "918073";

let comune = 0;
let other = 0;
let areaId = 0;
let cycleId = 0;
let trainerId = 0;
let facilitatorCookie = "";
let ipCounter = 0;
/** A fresh client address per scenario: the rate limit counts per address. */
const newIp = () => `203.0.113.${++ipCounter}`;

/** A start token of a page served `ms` ago (a person filled the form in that time). */
const startedAgo = (ms: number) => formStartToken(new Date(Date.now() - ms));
const validForm = (extra: Record<string, string> = {}) => ({
  topic: "SCUOLA",
  text: TEXT,
  currentContact: "Vado allo sportello il martedì",
  ageBand: "AGE_35_64",
  contactEmail: EMAIL,
  contactConsent: "on",
  privacy: "on",
  website: "",
  startedAt: startedAgo(30_000),
  ...extra,
});

const submit = (form: Record<string, string>, ip: string, istat = ISTAT) =>
  callRoute(formRoute.action as Handler, makeRequest(`/segnala/${istat}`, { form, ip }), { istat });
const statusPage = (code: string, search = "") =>
  callRoute(statusRoute.loader as Handler, makeRequest(`/segnala/stato/${code}${search}`), { code });
const listPage = (options: { cookie?: string; ip?: string } = {}, istat = ISTAT) =>
  callRoute(listRoute.loader as Handler, makeRequest(`/segnala/${istat}/richieste`, options), { istat });
const support = (requestId: string, options: { cookie?: string; ip?: string } = {}, istat = ISTAT) =>
  callRoute(
    listRoute.action as Handler,
    makeRequest(`/segnala/${istat}/richieste`, { ...options, form: { requestId } }),
    { istat },
  );
const locationOf = (result: unknown) => (result as Response).headers.get("Location");
const codeFrom = (location: string | null) => location!.match(/^\/segnala\/stato\/([0-9A-Z]{10})\?nuova=1$/)![1]!;
const initHeaders = (result: unknown) =>
  new Headers((result as { init?: { headers?: HeadersInit } }).init?.headers ?? undefined);
/** Everything a public page hands to the browser, as text. */
const publicText = (result: unknown) => JSON.stringify(payload(result));

async function moderate(id: number, moderation: Parameters<typeof moderateRequest>[0]["moderation"]) {
  const { scope, actor } = await requireCapability(
    makeRequest("/fabbisogni/richieste", { cookie: facilitatorCookie }),
    "citizen:moderate:phase2",
  );
  const result = await moderateRequest({
    scope: scope as Extract<typeof scope, { kind: "phase2" }>,
    actor,
    id,
    moderation,
  });
  expect(result).toEqual({ ok: true });
}

let n = 0;
/** A request as the form (or a moderator) left it, with the citizen's text and e-mail. */
const newRequest = (data: Partial<Prisma.CitizenRequestUncheckedCreateInput> = {}) =>
  prisma.citizenRequest.create({
    data: {
      organisationId: comune,
      topic: "TRIBUTI",
      text: TEXT,
      contactEmail: EMAIL,
      contactConsent: true,
      receiptCode: `Q${String(++n).padStart(9, "0")}`,
      ...data,
    },
  });

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  comune = fx.comune.id;
  areaId = fx.area.id;
  trainerId = fx.trainer.id;
  await prisma.organisation.update({ where: { id: comune }, data: { istatCode: ISTAT } });
  other = (
    await prisma.organisation.create({
      data: { name: "Comune di Altrove", kind: "COMUNE", areaId, istatCode: OTHER_ISTAT },
    })
  ).id;
  cycleId = (await createCycleFixture({ areaId, editionId: fx.edition.id, createdById: fx.trainer.id })).id;
  const facilitator = await createUserWithSession(comune, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: fx.edition.id, userId: facilitator.user.id } });
  facilitatorCookie = facilitator.cookie;
});

describe("/segnala", () => {
  it("lists the comuni that take requests, by area, each linking to its form", async () => {
    const { status, result } = await callRoute(homeRoute.loader as Handler, makeRequest("/segnala"));
    expect(status).toBe(200);
    const { areas } = payload<Awaited<ReturnType<typeof homeRoute.loader>>>(result);
    const area = areas.find((a) => a.comuni.some((c) => c.istatCode === ISTAT));
    expect(area?.comuni).toEqual(
      expect.arrayContaining([
        { name: "Comune di Altrove", istatCode: OTHER_ISTAT },
        expect.objectContaining({ istatCode: ISTAT }),
      ]),
    );
    // A comune without an ISTAT code takes no requests from the web form.
    expect(areas.flatMap((a) => a.comuni).every((c) => /^\d{6}$/.test(c.istatCode))).toBe(true);
  });
});

describe("the form, without JavaScript", () => {
  it("serves the form with a signed start time, and a plain POST redirects to the receipt", async () => {
    const page = await callRoute(formRoute.loader as Handler, makeRequest(`/segnala/${ISTAT}`), { istat: ISTAT });
    expect(page.status).toBe(200);
    expect(payload(page.result)).toMatchObject({
      comune: { istatCode: ISTAT },
      startedAt: expect.stringMatching(/^\d+\..+/),
    });

    const ip = newIp();
    const { status, result } = await submit(validForm(), ip);
    expect(status).toBe(302);
    const code = codeFrom(locationOf(result));
    const row = await prisma.citizenRequest.findUniqueOrThrow({ where: { receiptCode: code } });
    expect(row).toMatchObject({
      organisationId: comune,
      topic: "SCUOLA",
      text: TEXT,
      currentContact: "Vado allo sportello il martedì",
      ageBand: "AGE_35_64",
      contactEmail: EMAIL,
      contactConsent: true,
      status: "RECEIVED",
      channel: "WEB",
    });
    expect(row.ipHash).not.toContain(ip);
    // The area's cycle closes on 2026-12-31: the e-mail has its purge date.
    expect(row.contactPurgeAt).not.toBeNull();

    const receipt = await statusPage(code, "?nuova=1");
    expect(receipt.status).toBe(200);
    expect(payload(receipt.result)).toMatchObject({
      code,
      isNew: true,
      state: "RECEIVED",
      summary: null,
      moderationBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it("an optional field left empty is stored as nothing; an e-mail without consent is refused", async () => {
    const { status, result } = await submit(
      validForm({ currentContact: "", ageBand: "", contactEmail: "", contactConsent: "" }),
      newIp(),
    );
    expect(status).toBe(302);
    const row = await prisma.citizenRequest.findUniqueOrThrow({ where: { receiptCode: codeFrom(locationOf(result)) } });
    expect(row).toMatchObject({ currentContact: null, ageBand: null, contactEmail: null, contactConsent: false });
    expect(row.contactPurgeAt).toBeNull();
  });

  it("bad input: 400 with the errors next to each field, and nothing written", async () => {
    const before = await prisma.citizenRequest.count();
    const cases: [Record<string, string>, string[]][] = [
      [{ topic: "" }, ["topic"]],
      [{ topic: "NON_ESISTE" }, ["topic"]],
      [{ text: "Troppo corto" }, ["text"]],
      [{ text: "x".repeat(2001) }, ["text"]],
      [{ privacy: "" }, ["privacy"]],
      [{ contactEmail: "non-una-email" }, ["contactEmail"]],
      [{ contactConsent: "" }, ["contactConsent"]],
      [{ ageBand: "AGE_0_13" }, ["ageBand"]],
      [{ topic: "", text: "", privacy: "" }, ["topic", "text", "privacy"]],
    ];
    for (const [fields, expected] of cases) {
      const { status, result } = await submit(validForm(fields), newIp());
      expect(status, JSON.stringify(fields)).toBe(400);
      const errors = replyErrors(result);
      expect(Object.keys(errors).sort(), JSON.stringify(fields)).toEqual([...expected].sort());
      for (const name of expected) expect(errors[name]![0]).toMatch(/\w/);
    }
    const { result } = await submit(validForm({ text: "Troppo corto" }), newIp());
    expect(replyErrors(result).text).toEqual(["Scrivi almeno 20 caratteri, così il comune capisce la richiesta."]);
    expect(await prisma.citizenRequest.count()).toBe(before);
  });

  it("a refusal keeps a genuine start time (the time spent correcting counts) and drops a forged one", async () => {
    const token = startedAgo(2_000);
    const kept = await submit(validForm({ topic: "", startedAt: token }), newIp());
    expect(payload<{ startedAt: string | null }>(kept.result).startedAt).toBe(token);
    const forged = await submit(validForm({ topic: "", startedAt: "1762077600000.firma-falsa" }), newIp());
    expect(payload<{ startedAt: string | null }>(forged.result).startedAt).toBeNull();
  });

  it("a robot: the honeypot looks like a success and writes nothing; a form sent in under 4 s is refused with a message", async () => {
    const before = await prisma.citizenRequest.count();
    const trap = await submit(validForm({ website: "https://spam.example" }), newIp());
    expect(trap.status).toBe(302);
    const fake = codeFrom(locationOf(trap.result));
    expect(await prisma.citizenRequest.count()).toBe(before);
    // The fake receipt leads nowhere: there is no such request.
    expect((await statusPage(fake)).status).toBe(404);

    for (const startedAt of [startedAgo(1_000), "1762077600000.firma-falsa", ""]) {
      const { status, result } = await submit(validForm({ startedAt }), newIp());
      expect(status, startedAt).toBe(400);
      expect(replyErrors(result)[""]).toEqual([
        "Il modulo è stato inviato troppo in fretta: rileggi la richiesta e inviala di nuovo.",
      ]);
    }
    expect(await prisma.citizenRequest.count()).toBe(before);
  });

  it("the 6th request in an hour from one client is a 429 with Retry-After; another client is not", async () => {
    const ip = newIp();
    for (let i = 0; i < 5; i++) expect((await submit(validForm(), ip)).status, `request ${i + 1}`).toBe(302);
    const before = await prisma.citizenRequest.count();
    const sixth = await submit(validForm(), ip);
    expect(sixth.status).toBe(429);
    const retryAfter = Number(initHeaders(sixth.result).get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(payload(sixth.result)).toMatchObject({
      message: "Da questa connessione sono arrivate molte richieste: riprova più tardi.",
      retryAfterSeconds: retryAfter,
      retryAt: expect.any(String),
    });
    expect(await prisma.citizenRequest.count()).toBe(before);
    // The page's headers keep the thrown answer's Retry-After for the browser.
    const headers = new Headers(
      (formRoute.headers as (args: object) => HeadersInit)({
        errorHeaders: initHeaders(sixth.result),
        loaderHeaders: new Headers(),
        actionHeaders: new Headers(),
        parentHeaders: new Headers(),
      }),
    );
    expect(headers.get("Retry-After")).toBe(String(retryAfter));
    // Bad input from the limited client is still told what is wrong (and costs nothing).
    expect((await submit(validForm({ topic: "" }), ip)).status).toBe(400);
    expect((await submit(validForm(), newIp())).status).toBe(302);
  });

  it("a body past the size limit is a 413 and writes nothing", async () => {
    const before = await prisma.citizenRequest.count();
    const { status } = await submit(validForm({ currentContact: "a".repeat(70_000) }), newIp());
    expect(status).toBe(413);
    expect(await prisma.citizenRequest.count()).toBe(before);
  });
});

describe("nothing a citizen wrote is public", () => {
  it("before approval neither the list nor the status page shows the text or the e-mail; after it, only the summary", async () => {
    const { result } = await submit(validForm(), newIp(), OTHER_ISTAT);
    const code = codeFrom(locationOf(result));
    const row = await prisma.citizenRequest.findUniqueOrThrow({ where: { receiptCode: code } });
    expect(row.organisationId).toBe(other);

    const list = await listPage({ ip: newIp() }, OTHER_ISTAT);
    expect(list.status).toBe(200);
    expect(payload(list.result)).toMatchObject({ pending: 1, requests: [] });
    const status = await statusPage(code);
    for (const page of [list.result, status.result]) {
      expect(publicText(page)).not.toContain("mia figlia");
      expect(publicText(page)).not.toContain(EMAIL);
      expect(publicText(page)).not.toContain("sportello il martedì");
    }

    const summary = "Iscrizione online alla mensa scolastica";
    await moderate(row.id, { action: "approve", summary });
    const after = await listPage({ ip: newIp() }, OTHER_ISTAT);
    expect(payload(after.result)).toMatchObject({
      pending: 0,
      requests: [{ id: row.id, topic: "SCUOLA", summary, supportCount: 0, need: null, supportedToday: false }],
    });
    const published = await statusPage(code);
    expect(payload(published.result)).toMatchObject({ state: "APPROVED", summary, moderationBy: null });
    for (const page of [after.result, published.result]) {
      expect(publicText(page)).not.toContain("mia figlia");
      expect(publicText(page)).not.toContain(EMAIL);
    }
  });

  it("the status page for every status: words as values, the summary only when published, never the text", async () => {
    const need = await prisma.need.create({
      data: {
        areaId,
        cycleId,
        title: "Iscrizioni scolastiche online",
        description: "Le famiglie si iscrivono allo sportello.",
        impact: 3,
        feasibility: 3,
        sharing: 0.5,
        priority: 3,
        createdById: trainerId,
        status: "IN_PLAN",
      },
    });
    const target = await newRequest({ status: "APPROVED", publicSummary: "Pagamento TARI online" });
    const cases = [
      [{}, { state: "RECEIVED", rejectReason: null, summary: null }],
      [
        { status: "APPROVED", publicSummary: "Pagamento TARI online" },
        { state: "APPROVED", summary: "Pagamento TARI online" },
      ],
      [
        { status: "REJECTED", rejectReason: "PERSONAL_CASE" },
        { state: "REJECTED", rejectReason: "PERSONAL_CASE", summary: null },
      ],
      [{ status: "REJECTED" }, { state: "REJECTED", rejectReason: null, summary: null }],
      // Spam is "not published" to its sender, with no reason.
      [
        { status: "SPAM", publicSummary: "mai" },
        { state: "REJECTED", rejectReason: null, summary: null },
      ],
      [
        { status: "MERGED", mergedIntoId: target.id },
        { state: "MERGED", summary: null },
      ],
      [
        { status: "APPROVED", publicSummary: "Iscrizioni online", needId: need.id },
        { state: "IN_NEED", needTitle: "Iscrizioni scolastiche online", summary: "Iscrizioni online" },
      ],
    ] as const;
    for (const [data, expected] of cases) {
      const r = await newRequest(data);
      const { status, result } = await statusPage(r.receiptCode);
      expect(status, JSON.stringify(data)).toBe(200);
      expect(payload(result), JSON.stringify(data)).toMatchObject({ ...expected, isNew: false });
      expect(payload<{ moderationBy: string | null }>(result).moderationBy === null).toBe(
        expected.state !== "RECEIVED",
      );
      expect(publicText(result)).not.toContain("mia figlia");
      expect(publicText(result)).not.toContain(EMAIL);
    }
    // The linked need and its status show on the list too.
    const list = payload<{ requests: { need: unknown; summary: string }[] }>((await listPage({ ip: newIp() })).result);
    expect(list.requests).toContainEqual(
      expect.objectContaining({
        summary: "Iscrizioni online",
        need: { title: "Iscrizioni scolastiche online", status: "IN_PLAN" },
      }),
    );
  });
});

describe("Anche per me", () => {
  it("counts once per browser per day; a second browser counts; a browser that keeps no cookie counts once per address", async () => {
    const r = await newRequest({ status: "APPROVED", publicSummary: "Certificati online" });
    const ip = newIp();
    const first = await listPage({ ip });
    const setCookie = initHeaders(first.result).get("Set-Cookie");
    expect(setCookie).toMatch(/^capacitas_voter=[^;]+;/);
    for (const part of ["Path=/segnala", "HttpOnly", "SameSite=Lax"]) expect(setCookie).toContain(part);
    // The cookie lasts until midnight in Rome, not longer.
    expect(Number(setCookie!.match(/Max-Age=(\d+)/)![1])).toBeLessThanOrEqual(25 * 3600);
    const cookie = setCookie!.split(";")[0]!;

    const pressed = await support(String(r.id), { cookie, ip });
    expect(pressed.status).toBe(302);
    expect(locationOf(pressed.result)).toBe(`/segnala/${ISTAT}/richieste?sostenuta=${r.id}#richiesta-${r.id}`);
    const again = await support(String(r.id), { cookie, ip });
    expect(locationOf(again.result)).toBe(`/segnala/${ISTAT}/richieste?gia=${r.id}#richiesta-${r.id}`);
    expect((await prisma.citizenRequest.findUniqueOrThrow({ where: { id: r.id } })).supportCount).toBe(1);

    // The page knows: no button for this browser, the message after the second press; no new cookie.
    const seen = await callRoute(
      listRoute.loader as Handler,
      makeRequest(`/segnala/${ISTAT}/richieste?gia=${r.id}`, { cookie, ip }),
      { istat: ISTAT },
    );
    expect(initHeaders(seen.result).get("Set-Cookie")).toBeNull();
    expect(payload(seen.result)).toMatchObject({
      outcome: { id: r.id, counted: false },
      requests: expect.arrayContaining([expect.objectContaining({ id: r.id, supportCount: 1, supportedToday: true })]),
    });

    // Another browser behind the same address (a family, a library) counts.
    const otherCookie = initHeaders((await listPage({ ip })).result)
      .get("Set-Cookie")!
      .split(";")[0]!;
    expect(locationOf((await support(String(r.id), { cookie: otherCookie, ip })).result)).toContain("sostenuta=");
    // No cookie, or a forged one: counted under the address, once.
    const bare = newIp();
    expect(locationOf((await support(String(r.id), { ip: bare })).result)).toContain("sostenuta=");
    expect(locationOf((await support(String(r.id), { ip: bare })).result)).toContain("gia=");
    expect(
      locationOf((await support(String(r.id), { ip: bare, cookie: "capacitas_voter=ZmFsc28.firma" })).result),
    ).toContain("gia=");
    const row = await prisma.citizenRequest.findUniqueOrThrow({
      where: { id: r.id },
      select: { supportCount: true, _count: { select: { supports: true } } },
    });
    expect(row).toEqual({ supportCount: 3, _count: { supports: 3 } });
  });

  it("only a published request of this comune: others are 404s, a malformed id a 400, and nothing changes", async () => {
    const waiting = await newRequest();
    const elsewhere = await newRequest({ organisationId: other, status: "APPROVED", publicSummary: "Altrove" });
    const before = await prisma.citizenSupport.count();
    expect((await support(String(waiting.id), { ip: newIp() })).status).toBe(404);
    expect((await support(String(elsewhere.id), { ip: newIp() })).status).toBe(404);
    for (const id of ["abc", "0", "-1", "1e3", "99999999999999999999", ""]) {
      expect((await support(id, { ip: newIp() })).status, id).toBe(400);
    }
    expect((await support(String(elsewhere.id), { ip: newIp() }, "000000")).status).toBe(404);
    expect(await prisma.citizenSupport.count()).toBe(before);
  });
});

describe("odd addresses", () => {
  it("an ISTAT code that is none, or of no comune taking requests, is a 404 on every page", async () => {
    for (const istat of ["abc", "0", "18171", "0181710", "99999999999999999999", "123456", "%00"]) {
      for (const [handler, path] of [
        [formRoute.loader, `/segnala/${istat}`],
        [formRoute.action, `/segnala/${istat}`],
        [listRoute.loader, `/segnala/${istat}/richieste`],
      ] as const) {
        const request = handler === formRoute.action ? makeRequest(path, { form: validForm() }) : makeRequest(path);
        expect((await callRoute(handler as Handler, request, { istat })).status, `${path}`).toBe(404);
      }
    }
  });

  it("a malformed or unknown receipt code is a 404; one written another way goes to its one address", async () => {
    for (const code of ["abc", "0000000000", "MATRCE2345X", "!!!!!!!!!!", "a".repeat(500), "ÀÈÌÒÙÀÈÌÒÙ"]) {
      expect((await statusPage(code)).status, code).toBe(404);
    }
    const r = await newRequest();
    const messy = `${r.receiptCode.slice(0, 5).toLowerCase()}-${r.receiptCode.slice(5)}`;
    const moved = await statusPage(messy, "?nuova=1");
    expect(moved.status).toBe(302);
    expect(locationOf(moved.result)).toBe(`/segnala/stato/${r.receiptCode}?nuova=1`);
  });

  it("/segnala/stato normalises what was typed and redirects, or says what is wrong next to the field", async () => {
    const r = await newRequest();
    const lookup = (search: string) => callRoute(lookupRoute.loader as Handler, makeRequest(`/segnala/stato${search}`));
    const typed = ` ${r.receiptCode.slice(0, 5).toLowerCase()} - ${r.receiptCode.slice(5)} `;
    const found = await lookup(`?codice=${encodeURIComponent(typed)}`);
    expect(found.status).toBe(302);
    expect(locationOf(found.result)).toBe(`/segnala/stato/${r.receiptCode}`);
    expect(payload((await lookup("")).result)).toEqual({ error: null, typed: "" });
    const wrong = await lookup("?codice=ABC");
    expect(wrong.status).toBe(200);
    expect(payload(wrong.result)).toMatchObject({ error: expect.stringContaining("10 lettere e cifre"), typed: "ABC" });
    expect(payload((await lookup("?codice=")).result)).toMatchObject({
      error: expect.stringContaining("Scrivi il codice"),
    });
  });
});

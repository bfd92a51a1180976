// The maturity screens through their loaders and actions, as a browser without JavaScript
// sends them: a facilitator opens a cycle, the referent saves a dimension, attaches
// evidence and submits, the facilitator validates; two saves at once; what another comune's
// referent and a learner may read; the exports carry the figures of the screens.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { CONFLICT_MESSAGE } from "~/models/assessment.server";
import { computeAssessmentScores } from "~/models/assessment-scores.server";
import * as cycleNew from "~/routes/maturita.nuova";
import * as cyclePage from "~/routes/maturita.$cycle._index";
import * as assessmentPage from "~/routes/maturita.$cycle.$istat._index";
import * as profilePage from "~/routes/maturita.$cycle.$istat.profilo";
import * as evidenceFile from "~/routes/maturita.$cycle.$istat.prove.$evidenceId";
import * as areaPage from "~/routes/maturita.$cycle.area";
import * as exportFile from "~/routes/maturita.$cycle.esporta.$file";
import { prisma } from "~/utils/db.server";
import {
  callRoute,
  createModuleFixture,
  createPerson,
  createUserWithSession,
  makeRequest,
  ORIGIN,
  payload,
  replyErrors,
  syncDefaultContent,
} from "../support";

type Who = "referent" | "neighbour" | "facilitator" | "coordinator" | "learner";
const cookie = {} as Record<Who, string>;
const ISTAT = "018171";
const NEIGHBOUR_ISTAT = "018045";
let cycleId = 0;
let assessmentId = 0;
let items: { code: string; kind: string; dimension: string }[] = [];

const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

beforeAll(async () => {
  await syncDefaultContent();
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  await prisma.phase.update({ where: { id: fx.phase.id }, data: { slug: "assessment-soluzioni" } });
  await prisma.edition.update({ where: { id: fx.edition.id }, data: { phaseId: fx.phase.id } });
  await prisma.organisation.update({
    where: { id: fx.comune.id },
    data: { istatCode: ISTAT, name: "Comune di Varzi" },
  });
  const neighbour = await prisma.organisation.create({
    data: { name: "Comune di Godiasco Salice Terme", kind: "COMUNE", areaId: fx.area.id, istatCode: NEIGHBOUR_ISTAT },
  });
  const framework = await prisma.assessmentFramework.findUniqueOrThrow({
    where: { code_version: { code: "capacitas-pt2024", version: "1.0.0" } },
    select: { items: { select: { code: true, kind: true, dimension: { select: { code: true } } } } },
  });
  items = framework.items.map((i) => ({ code: i.code, kind: i.kind, dimension: i.dimension.code }));
  const facilitator = await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  await prisma.editionTrainer.create({ data: { editionId: fx.edition.id, userId: facilitator.user.id } });
  cookie.facilitator = facilitator.cookie;
  cookie.referent = (
    await createUserWithSession(fx.comune.id, [{ role: "REFERENT", organisationId: fx.comune.id }])
  ).cookie;
  cookie.neighbour = (
    await createUserWithSession(neighbour.id, [{ role: "REFERENT", organisationId: neighbour.id }])
  ).cookie;
  cookie.coordinator = (
    await createUserWithSession(fx.comune.id, [{ role: "COORDINATOR", areaId: fx.area.id }])
  ).cookie;
  cookie.learner = (await createUserWithSession(fx.comune.id, [{ role: "LEARNER" }])).cookie;
  await createPerson({ organisationId: neighbour.id });

  // The facilitator opens the cycle through the form, then opens it for the referents.
  const created = await callRoute(
    cycleNew.action,
    makeRequest("/maturita/nuova", {
      cookie: cookie.facilitator,
      form: {
        editionId: String(fx.edition.id),
        title: "Rilevazione 2026 — prova",
        opensOn: "2026-09-01",
        closesOn: "2026-12-31",
        sharedGapThreshold: "0.33",
      },
    }),
  );
  expect(created.status, JSON.stringify(payload(created.result))).toBe(302);
  cycleId = Number(/\/maturita\/(\d+)/.exec((created.result as Response).headers.get("Location")!)![1]);
  const opened = await callRoute(
    cyclePage.action,
    makeRequest(`/maturita/${cycleId}`, { cookie: cookie.facilitator, form: { intent: "open" } }),
    { cycle: String(cycleId) },
  );
  expect(opened.status).toBe(302);
  assessmentId = (
    await prisma.assessment.findFirstOrThrow({ where: { cycleId, organisationId: fx.comune.id }, select: { id: true } })
  ).id;
});

const params = (istat = ISTAT) => ({ cycle: String(cycleId), istat });
const here = (istat = ISTAT) => `/maturita/${cycleId}/${istat}`;
const versionOf = async () =>
  (await prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { version: true } })).version;

/** The form of a dimension as the page posts it: a level (or 30) for every item. */
function dimensionForm(dimension: string, version: number, level = 2): Record<string, string> {
  const form: Record<string, string> = { intent: "save", dimension, version: String(version) };
  for (const i of items.filter((x) => x.dimension === dimension)) {
    if (i.kind === "COUNT" || i.kind === "PERCENT") form[`answers.${i.code}.raw`] = "30";
    else
      form[`answers.${i.code}.value`] = i.kind === "YES_NO" ? "4" : i.kind === "PLATFORM_STATE" ? "2" : String(level);
  }
  return form;
}

async function storedEqualsRecomputed() {
  const stored = await prisma.dimensionScore.findMany({
    where: { assessmentId },
    select: { dimension: { select: { code: true } }, score: true, coverage: true },
  });
  const recomputed = await prisma.$transaction((tx) => computeAssessmentScores(tx, assessmentId));
  expect(Object.fromEntries(stored.map((s) => [s.dimension.code, [s.score, s.coverage]]))).toEqual(
    Object.fromEntries(recomputed.dimensions.map((d) => [d.dimensionCode, [d.score, d.coverage]])),
  );
}

describe("a comune's assessment page", () => {
  it("shows the referent one dimension at a time, with the prefill and the coverage of each", async () => {
    const { status, result } = await callRoute(
      assessmentPage.loader,
      makeRequest(`${here()}?dimensione=SIC`, { cookie: cookie.referent }),
      params(),
    );
    expect(status).toBe(200);
    const page = payload<Awaited<ReturnType<typeof assessmentPage.loader>>>(result);
    expect(page.dimension.code).toBe("SIC");
    expect(page.dimensions.map((d) => d.code)).toEqual(["ORG", "PROC", "SERV", "PIAT", "DATI", "INFR", "SIC"]);
    expect(page.items.every((i) => i.code.startsWith("SIC-"))).toBe(true);
    expect(page.can).toMatchObject({ edit: true, onBehalf: false, submit: true, validate: false });
    // An unknown dimension falls back to the first, it is not an error.
    const odd = await callRoute(
      assessmentPage.loader,
      makeRequest(`${here()}?dimensione=%3Cscript%3E`, { cookie: cookie.referent }),
      params(),
    );
    expect(payload<typeof page>(odd.result).dimension.code).toBe("ORG");
  });

  it("is 404 for another comune's referent, for odd ids and for a comune outside the cycle", async () => {
    for (const [who, p] of [
      ["neighbour", params()],
      ["referent", params(NEIGHBOUR_ISTAT)],
      ["referent", { cycle: "abc", istat: ISTAT }],
      ["referent", { cycle: "99999999999999999999", istat: ISTAT }],
      ["facilitator", { cycle: String(cycleId), istat: "01817x" }],
      ["facilitator", { cycle: String(cycleId), istat: "999999" }],
    ] as const) {
      const { status } = await callRoute(assessmentPage.loader, makeRequest(here(), { cookie: cookie[who] }), p);
      expect(status, `${who} ${JSON.stringify(p)}`).toBe(404);
    }
    const save = await callRoute(
      assessmentPage.action,
      makeRequest(here(), { cookie: cookie.neighbour, form: dimensionForm("ORG", await versionOf()) }),
      params(),
    );
    expect(save.status).toBe(404);
  });

  it("saves a dimension posted without JavaScript, with field errors for bad values and nothing written", async () => {
    const bad = { ...dimensionForm("ORG", await versionOf()), "answers.ORG-01.value": "7", "answers.ORG-02.na": "on" };
    const refused = await callRoute(
      assessmentPage.action,
      makeRequest(here(), { cookie: cookie.referent, form: bad }),
      params(),
    );
    expect(refused.status).toBe(400);
    expect(replyErrors(refused.result)).toMatchObject({
      "answers.ORG-01.value": ["Scegli uno dei livelli proposti."],
      "answers.ORG-02.naReason": ["Spiega perché la domanda non si applica al comune."],
    });
    expect(
      await prisma.assessmentAnswer.count({ where: { assessmentId, item: { code: { startsWith: "ORG-" } } } }),
    ).toBe(
      // only what opening the cycle prefilled (ORG-04 from phase 1), unconfirmed
      await prisma.assessmentAnswer.count({
        where: { assessmentId, confirmed: false, item: { code: { startsWith: "ORG-" } } },
      }),
    );

    const form = {
      ...dimensionForm("ORG", await versionOf(), 3),
      "answers.ORG-02.na": "on",
      "answers.ORG-02.naReason": "Nessuna gestione associata.",
    };
    const { status, result } = await callRoute(
      assessmentPage.action,
      makeRequest(here(), { cookie: cookie.referent, form }),
      params(),
    );
    expect(status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`${here()}?dimensione=ORG&esito=salvata`);
    const org02 = await prisma.assessmentAnswer.findFirstOrThrow({
      where: { assessmentId, item: { code: "ORG-02" } },
      select: { notApplicable: true, naReason: true, source: true },
    });
    expect(org02).toEqual({ notApplicable: true, naReason: "Nessuna gestione associata.", source: "SELF" });
    await storedEqualsRecomputed();
  });

  it("of two saves read at the same version keeps the first, and gives the second the message and its values back", async () => {
    const version = await versionOf();
    const first = dimensionForm("PROC", version, 1);
    const second = dimensionForm("PROC", version, 3);
    const [a, b] = await Promise.all([
      callRoute(assessmentPage.action, makeRequest(here(), { cookie: cookie.referent, form: first }), params()),
      callRoute(
        assessmentPage.action,
        makeRequest(here(), { cookie: cookie.facilitator, form: { ...second, reason: "Sessione di gruppo" } }),
        params(),
      ),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    const winnerLevel = a.status === 302 ? 1 : 3;
    expect(replyErrors(loser.result)[""]).toEqual([CONFLICT_MESSAGE]);
    // The refused form comes back with what was typed, so nothing is lost on screen either.
    const echoed = payload<{ result: { initialValue: { answers: Record<string, { value?: string }> } } }>(loser.result);
    expect(echoed.result.initialValue.answers["PROC-01"]!.value).toBe(String(winnerLevel === 1 ? 3 : 1));
    const stored = await prisma.assessmentAnswer.findFirstOrThrow({
      where: { assessmentId, item: { code: "PROC-01" } },
      select: { value: true },
    });
    expect(stored.value).toBe(winnerLevel);
    await storedEqualsRecomputed();
  });

  it("asks a facilitator for the reason of an edit on the comune's behalf and audits it", async () => {
    const form = dimensionForm("SERV", await versionOf());
    const refused = await callRoute(
      assessmentPage.action,
      makeRequest(here(), { cookie: cookie.facilitator, form }),
      params(),
    );
    expect(refused.status).toBe(400);
    expect(replyErrors(refused.result)[""]).toEqual(["Indica il motivo della modifica fatta per conto del comune."]);
    const ok = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.facilitator,
        form: { ...form, reason: "Sessione di gruppo del 20 novembre" },
      }),
      params(),
    );
    expect(ok.status).toBe(302);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "assessment.answer.facilitated" },
      select: { after: true },
    });
    expect(audit.after).toContain("Sessione di gruppo del 20 novembre");
    // A coordinator reads the assessment but cannot write it.
    const coordinator = await callRoute(
      assessmentPage.action,
      makeRequest(here(), { cookie: cookie.coordinator, form }),
      params(),
    );
    expect(coordinator.status).toBe(403);
  });
});

describe("evidence", () => {
  const multipart = (fields: Record<string, string>, file?: { bytes: Uint8Array<ArrayBuffer>; name: string }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append("file", new Blob([file.bytes]), file.name);
    return new Request(`${ORIGIN}${here()}`, {
      method: "POST",
      headers: { Cookie: cookie.referent, Origin: ORIGIN },
      body: form,
    });
  };

  it("attaches a link and an act with their checks, lifting the evidence cap", async () => {
    const before = await prisma.dimensionScore.findFirstOrThrow({
      where: { assessmentId, dimension: { code: "ORG" } },
      select: { evidenceCapped: true },
    });
    const bad = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.referent,
        form: {
          intent: "add-evidence",
          dimension: "ORG",
          itemCode: "ORG-01",
          kind: "LINK",
          title: "Nomina",
          url: "javascript:alert(1)",
        },
      }),
      params(),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(replyErrors(bad.result))).toEqual(["url"]);
    const link = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.referent,
        form: {
          intent: "add-evidence",
          dimension: "ORG",
          itemCode: "ORG-01",
          kind: "LINK",
          title: "Decreto di nomina del RTD",
          url: "https://www.comune.varzi.pv.it/amministrazione-trasparente/rtd",
        },
      }),
      params(),
    );
    expect(link.status).toBe(302);
    const act = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.referent,
        form: {
          intent: "add-evidence",
          dimension: "ORG",
          itemCode: "ORG-03",
          kind: "ACT",
          title: "Delibera di giunta",
          actNumber: "45/2025",
          actDate: "2025-02-30",
        },
      }),
      params(),
    );
    expect(act.status).toBe(400);
    expect(replyErrors(act.result)).toEqual({ actDate: ["Indica la data dell'atto."] });
    const after = await prisma.dimensionScore.findFirstOrThrow({
      where: { assessmentId, dimension: { code: "ORG" } },
      select: { evidenceCapped: true },
    });
    expect(after.evidenceCapped).toBe(before.evidenceCapped - 1);
    await storedEqualsRecomputed();
  });

  it("stores a file checked on its bytes, serves it only to who reads the assessment, refuses other types", async () => {
    const refused = await callRoute(
      assessmentPage.action,
      multipart(
        { intent: "add-evidence", dimension: "SIC", itemCode: "SIC-01", kind: "FILE", title: "Piano di sicurezza" },
        { bytes: new TextEncoder().encode("MZ\x90\x00 not a pdf"), name: "piano.pdf" },
      ),
      params(),
    );
    expect(refused.status).toBe(400);
    expect(replyErrors(refused.result).file?.[0]).toMatch(/Tipo di file non ammesso/);
    expect(await prisma.evidence.count({ where: { kind: "FILE" } })).toBe(0);

    const stored = await callRoute(
      assessmentPage.action,
      multipart(
        { intent: "add-evidence", dimension: "SIC", itemCode: "SIC-01", kind: "FILE", title: "Piano di sicurezza" },
        { bytes: PDF, name: "../../piano sicurezza.pdf" },
      ),
      params(),
    );
    expect(stored.status).toBe(302);
    const evidence = await prisma.evidence.findFirstOrThrow({
      where: { kind: "FILE" },
      select: { id: true, fileName: true },
    });
    expect(evidence.fileName).not.toContain("/");
    const download = (who: Who) =>
      callRoute(evidenceFile.loader, makeRequest(`${here()}/prove/${evidence.id}`, { cookie: cookie[who] }), {
        ...params(),
        evidenceId: String(evidence.id),
      });
    const mine = await download("referent");
    expect(mine.status).toBe(200);
    expect(new Uint8Array(await (mine.result as Response).arrayBuffer())).toEqual(PDF);
    expect((mine.result as Response).headers.get("Content-Disposition")).toMatch(/^attachment/);
    expect((await download("neighbour")).status).toBe(404);
    expect((await download("coordinator")).status).toBe(200);
  });
});

describe("submit, validate, restitution", () => {
  it("refuses to submit with a dimension under 80 %, then submits, validates and makes it read-only", async () => {
    const submit = (who: Who, extra: Record<string, string> = {}) =>
      versionOf().then((version) =>
        callRoute(
          assessmentPage.action,
          makeRequest(here(), {
            cookie: cookie[who],
            form: { intent: "submit", dimension: "ORG", version: String(version), ...extra },
          }),
          params(),
        ),
      );
    const early = await submit("referent");
    expect(early.status).toBe(400);
    expect(replyErrors(early.result)[""]?.[0]).toMatch(/almeno l'80%/);

    for (const dimension of ["PIAT", "DATI", "INFR", "SIC"]) {
      const r = await callRoute(
        assessmentPage.action,
        makeRequest(here(), { cookie: cookie.referent, form: dimensionForm(dimension, await versionOf(), 1) }),
        params(),
      );
      expect(r.status, dimension).toBe(302);
    }
    expect((await submit("referent")).status).toBe(302);
    // Submitted: the referent can no longer save.
    const late = await callRoute(
      assessmentPage.action,
      makeRequest(here(), { cookie: cookie.referent, form: dimensionForm("ORG", await versionOf(), 4) }),
      params(),
    );
    expect(late.status).toBe(400);
    expect(replyErrors(late.result)[""]).toEqual([
      "L'assessment è stato inviato: il facilitatore lo valida o lo riapre.",
    ]);

    // Reopening needs a reason; the referent cannot validate.
    const reopen = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.facilitator,
        form: { intent: "reopen", dimension: "ORG", version: String(await versionOf()), reason: " " },
      }),
      params(),
    );
    expect(reopen.status).toBe(400);
    expect(replyErrors(reopen.result).reason).toEqual(["Indica il motivo della riapertura."]);
    const byReferent = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.referent,
        form: { intent: "validate", version: String(await versionOf()) },
      }),
      params(),
    );
    expect(byReferent.status).toBe(403);

    const validated = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.facilitator,
        form: { intent: "validate", dimension: "ORG", version: String(await versionOf()) },
      }),
      params(),
    );
    expect(validated.status).toBe(302);
    const write = await callRoute(
      assessmentPage.action,
      makeRequest(here(), {
        cookie: cookie.facilitator,
        form: { ...dimensionForm("ORG", await versionOf(), 4), reason: "Correzione" },
      }),
      params(),
    );
    expect(write.status).toBe(400);
    expect(replyErrors(write.result)[""]?.[0]).toMatch(/validato/);
    await storedEqualsRecomputed();
  });

  it("gives the learners of the comune its validated profile, with the radar's figures and the priorities", async () => {
    const { status, result } = await callRoute(
      profilePage.loader,
      makeRequest(`${here()}/profilo`, { cookie: cookie.learner }),
      params(),
    );
    expect(status).toBe(200);
    const { profile, confirms } = payload<Awaited<ReturnType<typeof profilePage.loader>>>(result);
    expect(confirms).toBe(false);
    const stored = await prisma.assessment.findUniqueOrThrow({
      where: { id: assessmentId },
      select: { maturityIndex: true },
    });
    expect(profile.maturityIndex).toBe(stored.maturityIndex);
    expect(profile.dimensions).toHaveLength(7);
    expect(profile.priorities.length).toBeGreaterThanOrEqual(3);
    expect(profile.priorities.length).toBeLessThanOrEqual(5);
    // Another comune's learners: 404.
    const neighbourLearner = await createUserWithSession(
      (await prisma.organisation.findFirstOrThrow({ where: { istatCode: NEIGHBOUR_ISTAT } })).id,
      [{ role: "LEARNER" }],
    );
    expect(
      (
        await callRoute(
          profilePage.loader,
          makeRequest(`${here()}/profilo`, { cookie: neighbourLearner.cookie }),
          params(),
        )
      ).status,
    ).toBe(404);
  });

  it("lets the referent confirm 3 to 5 priorities, no more, no fewer", async () => {
    const { result } = await callRoute(
      profilePage.loader,
      makeRequest(`${here()}/profilo`, { cookie: cookie.referent }),
      params(),
    );
    const { profile, confirms } = payload<Awaited<ReturnType<typeof profilePage.loader>>>(result);
    expect(confirms).toBe(true);
    const codes = profile.priorities.map((p) => p.itemCode);
    const two = await callRoute(
      profilePage.action,
      makeRequest(`${here()}/profilo`, { cookie: cookie.referent, form: { items: codes.slice(0, 2) } }),
      params(),
    );
    expect(two.status).toBe(400);
    expect(replyErrors(two.result).items).toEqual(["Scegli almeno 3 priorità."]);
    const three = await callRoute(
      profilePage.action,
      makeRequest(`${here()}/profilo`, { cookie: cookie.referent, form: { items: codes.slice(0, 3) } }),
      params(),
    );
    expect(three.status).toBe(302);
    const stored = await prisma.assessment.findUniqueOrThrow({
      where: { id: assessmentId },
      select: { confirmedPriorities: true },
    });
    expect(JSON.parse(stored.confirmedPriorities!)).toEqual(codes.slice(0, 3));
  });

  it("shows the area by name to the coordinator and anonymised to the neighbour's referent", async () => {
    const named = payload<Awaited<ReturnType<typeof areaPage.loader>>>(
      (
        await callRoute(areaPage.loader, makeRequest(`/maturita/${cycleId}/area`, { cookie: cookie.coordinator }), {
          cycle: String(cycleId),
        })
      ).result,
    );
    expect(named.rows.map((r) => r.label)).toEqual(["Comune di Varzi"]);
    expect(named.rows[0]!.scores).toHaveLength(items.length);
    const anonymous = payload<typeof named>(
      (
        await callRoute(areaPage.loader, makeRequest(`/maturita/${cycleId}/area`, { cookie: cookie.neighbour }), {
          cycle: String(cycleId),
        })
      ).result,
    );
    expect(anonymous.rows.map((r) => r.label)).toEqual(["Comune A"]);
    expect(JSON.stringify(anonymous)).not.toContain("Varzi");
  });

  it("exports the answers and profiles with the figures of the screens, in scope", async () => {
    const csv = async (file: string, who: Who) => {
      const { status, result } = await callRoute(
        exportFile.loader,
        makeRequest(`/maturita/${cycleId}/esporta/${file}`, { cookie: cookie[who] }),
        { cycle: String(cycleId), file },
      );
      expect(status).toBe(200);
      const bytes = new Uint8Array(await (result as Response).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      return parse(text, { delimiter: ";", columns: true }) as Record<string, string>[];
    };
    const answers = await csv("risposte.csv", "coordinator");
    const varzi = answers.filter((r) => r["Comune"] === "Comune di Varzi");
    expect(varzi).toHaveLength(items.length);
    const recomputed = await prisma.$transaction((tx) => computeAssessmentScores(tx, assessmentId));
    for (const item of recomputed.items) {
      const row = varzi.find((r) => r["Domanda"] === item.itemCode)!;
      expect(row["Punteggio effettivo"], item.itemCode).toBe(item.score === null ? "" : String(item.score));
    }
    const profiles = await csv("profili.csv", "coordinator");
    const { result } = await callRoute(
      profilePage.loader,
      makeRequest(`${here()}/profilo`, { cookie: cookie.coordinator }),
      params(),
    );
    const { profile } = payload<Awaited<ReturnType<typeof profilePage.loader>>>(result);
    for (const d of profile.dimensions) {
      const row = profiles.find((r) => r["Comune"] === "Comune di Varzi" && r["Dimensione"] === d.dimensionCode)!;
      expect(row["Punteggio (0-4)"].replace(",", "."), d.dimensionCode).toBe(d.score === null ? "" : String(d.score));
    }
    // The neighbour's referent exports only their own comune's rows.
    expect((await csv("risposte.csv", "neighbour")).some((r) => r["Comune"] === "Comune di Varzi")).toBe(false);
    const odd = await callRoute(
      exportFile.loader,
      makeRequest(`/maturita/${cycleId}/esporta/x.exe`, { cookie: cookie.coordinator }),
      {
        cycle: String(cycleId),
        file: "x.exe",
      },
    );
    expect(odd.status).toBe(404);
  });
});

// Roster import (/persone/importa): preview with every bad row, all-or-nothing commit,
// no duplicates on re-import, CSV and XLSX, scope and access.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as importa from "~/routes/persone.importa";
import * as modello from "~/routes/persone.importa.modello.$format";
import * as stato from "~/routes/persone.importa.stato";
import { prisma } from "~/utils/db.server";
import {
  callRoute,
  createArea,
  createModuleFixture,
  createUserWithSession,
  makeRequest,
  ORIGIN,
  payload,
  replyErrors,
} from "../support";

const DAY = 24 * 3600_000;
const NOW = Date.now();
const HEADER = "nome;cognome;email;ente;ruolo;carica;ufficio;genere;anno_nascita;titolo_studio;edizione;account";

let f: Awaited<ReturnType<typeof createModuleFixture>>;
let areaB: Awaited<ReturnType<typeof createArea>>;
let editionB: { id: number; code: string };
let coordinator: string;
let otherCoordinator: string;
let learner: string;
let trainer: string;
let admin: string;

type Preview = {
  fileErrors?: string[];
  errors?: { line: number; messages: string[] }[];
  summary?: {
    rows: number;
    newPeople: number;
    existing: number;
    enrolments: number;
    accounts: number;
    bad: number;
  } | null;
  commitErrors?: string[];
};

/** The page's reply as the import page reads it: file and form errors from the one error shape, and the bad rows. */
function preview(result: unknown): Preview {
  const body = payload<{ rowErrors?: Preview["errors"]; summary?: Preview["summary"] }>(result);
  const errors = replyErrors(result);
  return { fileErrors: errors.file, commitErrors: errors[""], errors: body.rowErrors, summary: body.summary };
}

beforeAll(async () => {
  f = await createModuleFixture({
    units: [
      { slug: "lezione", kind: "LESSON" },
      { slug: "seminario", kind: "SEMINAR" },
    ],
    sessions: [
      { startsAt: new Date(NOW - 20 * DAY), endsAt: new Date(NOW - 20 * DAY + 3 * 3600_000), unitSlug: "seminario" },
      { startsAt: new Date(NOW - 5 * DAY), endsAt: new Date(NOW - 5 * DAY + 3 * 3600_000), unitSlug: "seminario" },
      { startsAt: new Date(NOW + 5 * DAY), endsAt: new Date(NOW + 5 * DAY + 3 * 3600_000), unitSlug: "seminario" },
    ],
  });
  await prisma.organisation.update({
    where: { id: f.comune.id },
    data: { name: "Comune di Varzi", istatCode: "018171" },
  });
  areaB = await createArea("Valchiavenna");
  editionB = await prisma.edition.create({
    data: {
      code: "VCH-FEU-2027",
      title: "Fondi europei",
      moduleId: f.module.id,
      areaId: areaB.area.id,
      startsOn: new Date(),
      endsOn: new Date(NOW + 90 * DAY),
      status: "OPEN",
    },
    select: { id: true, code: true },
  });
  coordinator = (
    await createUserWithSession(f.comune.id, [{ role: "COORDINATOR", areaId: f.area.id }], { position: "EXTERNAL" })
  ).cookie;
  otherCoordinator = (
    await createUserWithSession(areaB.comune.id, [{ role: "COORDINATOR", areaId: areaB.area.id }], {
      position: "EXTERNAL",
    })
  ).cookie;
  learner = (await createUserWithSession(f.comune.id, [{ role: "LEARNER" }])).cookie;
  trainer = (await createUserWithSession(f.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" })).cookie;
  admin = (await createUserWithSession(areaB.cm.id, [{ role: "ADMIN" }], { position: "EXTERNAL" })).cookie;
});

function uploadRequest(cookie: string, name: string, content: string | Uint8Array, type = "text/csv") {
  const form = new FormData();
  form.append("file", new File([typeof content === "string" ? content : content.slice()], name, { type }));
  return new Request(`${ORIGIN}/persone/importa`, {
    method: "POST",
    headers: { Origin: ORIGIN, Cookie: cookie },
    body: form,
  });
}

async function upload(content: string | Uint8Array, options: { cookie?: string; name?: string } = {}) {
  const { status, result } = await callRoute(
    importa.action,
    uploadRequest(options.cookie ?? coordinator, options.name ?? "persone.csv", content),
  );
  const token =
    result instanceof Response ? new URL(result.headers.get("Location") ?? "", ORIGIN).searchParams.get("lotto") : null;
  return { status, token, data: result instanceof Response ? null : preview(result) };
}

async function commit(token: string, cookie = coordinator) {
  return callRoute(importa.action, makeRequest("/persone/importa", { cookie, form: { intent: "commit", token } }));
}

async function counts() {
  const [people, users, enrolments, attendances, tokens, outbox, audit, batches] = await Promise.all([
    prisma.person.count(),
    prisma.user.count(),
    prisma.enrolment.count(),
    prisma.attendance.count(),
    prisma.passwordToken.count(),
    prisma.outboxMessage.count(),
    prisma.auditLog.count(),
    prisma.importBatch.count(),
  ]);
  return { people, users, enrolments, attendances, tokens, outbox, audit, batches };
}

const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

const VALID = () =>
  csv(
    `Rosa;Piccinini;rosa.piccinini@comune.varzi.pv.it;Comune di Varzi;dipendente;Istruttore;Tributi;F;1979;laurea;${f.edition.code};sì`,
    "Mario;Rossi;mario.rossi@comune.varzi.pv.it;018171;amministratore;Sindaco;;M;1960;diploma;;no",
    `Lucia;Bassi;LUCIA.BASSI@comune.varzi.pv.it;comune di varzi;Dipendente;;Anagrafe;donna;;fino alla licenza media;${f.edition.code.toLowerCase()};no`,
  );

describe("preview", () => {
  it("rejects a file with one bad row among valid ones, lists its line and reason, and writes nothing", async () => {
    const before = await counts();
    const file = csv(
      `Rosa;Piccinini;rosa.p@comune.varzi.pv.it;Comune di Varzi;dipendente;;;F;1979;laurea;${f.edition.code};sì`,
      "Mario;Rossi;mario.rossi@;Comune di Varzi;amministratore;Sindaco;;M;1960;diploma;;no",
      "Lucia;Bassi;lucia.b@comune.varzi.pv.it;Comune di Varzi;dipendente;;;F;;;;no",
    );
    const { status, data, token } = await upload(file);
    expect(status).toBe(400);
    expect(token).toBeNull();
    expect(data?.errors).toEqual([{ line: 3, messages: ["Email non valida."] }]);
    expect(data?.summary).toMatchObject({ rows: 3, bad: 1 });
    expect(await counts()).toEqual(before);
  });

  it("reports every bad row with its spreadsheet line number and an Italian reason", async () => {
    const before = await counts();
    const file = csv(
      "Anna;Uno;anna.uno@x.it;Comune di Nessunluogo;dipendente;;;F;;;;no", // 2: unknown organisation
      "Bruno;Due;bruno.due@x.it;Comune di Varzi;sindaco;;;M;;;;no", // 3: bad position
      "", // 4: blank line, still counted
      "Carla;Tre;anna.uno@x.it;Comune di Varzi;dipendente;;;F;;;;no", // 5: duplicate email of line 2
      "Dario;Quattro;dario@x.it;Comune di Varzi;dipendente;;;Z;1850;master;;forse", // 6: four problems
      "Elena;Cinque;elena@x.it;Comune di Varzi;dipendente;;;F;;;NON-ESISTE;no", // 7: unknown edition
      ";Sei;;Comune di Varzi;dipendente;;;;;;;", // 8: missing name and email
      "Franca;Sette;franca@x.it;Comune di Varzi;dipendente;;;;;;;sì", // 9: valid
    );
    const { status, data } = await upload(file);
    expect(status).toBe(400);
    const byLine = new Map((data?.errors ?? []).map((e) => [e.line, e.messages.join(" | ")]));
    expect([...byLine.keys()]).toEqual([2, 3, 5, 6, 7, 8]);
    expect(byLine.get(2)).toBe("Ente «Comune di Nessunluogo» sconosciuto o fuori dalle tue aree.");
    expect(byLine.get(3)).toBe("Ruolo «sindaco» non valido: scrivi «amministratore» o «dipendente».");
    expect(byLine.get(5)).toBe("Email anna.uno@x.it già presente alla riga 2 del file.");
    expect(byLine.get(6)).toContain("Genere «Z» non valido");
    expect(byLine.get(6)).toContain("Anno di nascita 1850 non plausibile.");
    expect(byLine.get(6)).toContain("Titolo di studio «master» non valido");
    expect(byLine.get(6)).toContain("Valore «forse» non valido nella colonna account");
    expect(byLine.get(7)).toBe("Edizione «NON-ESISTE» sconosciuta o fuori dalle tue aree.");
    expect(byLine.get(8)).toBe("Manca il nome. | Manca l'email: serve a riconoscere chi è già registrato.");
    expect(data?.summary).toMatchObject({ rows: 7, bad: 6 });
    expect(await counts()).toEqual(before);
  });

  it("refuses files without the required columns, too large or with too many rows", async () => {
    const before = await counts();
    const noEmail = await upload("nome;cognome;ente;ruolo\r\nA;B;Comune di Varzi;dipendente\r\n");
    expect(noEmail.status).toBe(400);
    expect(noEmail.data?.fileErrors?.[0]).toMatch(/^Mancano le colonne obbligatorie: email\./);
    const big = await upload(csv("x".repeat(2 * 1024 * 1024)));
    expect(big.status).toBe(400);
    expect(big.data?.fileErrors).toEqual(["Il file supera la dimensione massima di 2 MB: dividilo in più file."]);
    const rows = Array.from({ length: 5001 }, (_, i) => `N;C;p${i}@x.it;Comune di Varzi;dipendente;;;;;;;no`);
    const many = await upload(csv(...rows));
    expect(many.status).toBe(400);
    expect(many.data?.fileErrors).toEqual(["Il file ha più di 5000 righe: dividilo in più file."]);
    const sheet = new ExcelJS.Workbook();
    const ws = sheet.addWorksheet("Persone");
    ws.addRow(["nome", "cognome", "email", "ente", "ruolo"]);
    for (let i = 0; i < 5001; i++) ws.addRow(["N", "C", `x${i}@x.it`, "Comune di Varzi", "dipendente"]);
    const manyXlsx = await upload(new Uint8Array(await sheet.xlsx.writeBuffer()), { name: "tante.xlsx" });
    expect(manyXlsx.data?.fileErrors).toEqual(["Il file ha più di 5000 righe: dividilo in più file."]);
    const broken = await upload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), { name: "rotto.xlsx" });
    expect(broken.data?.fileErrors?.[0]).toMatch(/^Il file \.xlsx non è leggibile/);
    const xls = await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), { name: "vecchio.xls" });
    expect(xls.data?.fileErrors?.[0]).toMatch(/\.xls .*non è supportato/);
    const latin1 = await upload(new Uint8Array([...new TextEncoder().encode(`${HEADER}\r\nNicol`), 0xf2, 0x3b]));
    expect(latin1.data?.fileErrors?.[0]).toMatch(/non è un CSV in UTF-8/);
    const empty = await callRoute(importa.action, uploadRequest(coordinator, "vuoto.csv", ""));
    expect(empty.status).toBe(400);
    expect(preview(empty.result).fileErrors).toEqual(["Scegli il file da importare (CSV o XLSX)."]);
    expect(await counts()).toEqual(before);
  });
});

describe("commit", () => {
  it("writes every row — people, enrolments, accounts with link and mail, audit — and re-importing creates no duplicates", async () => {
    const before = await counts();
    const { status, token } = await upload(VALID());
    expect(status).toBe(302);
    expect(token).toMatch(/^[\w-]{30,}$/);

    // The preview page reads the batch back, with the counts.
    const page = await callRoute(
      importa.loader,
      makeRequest(`/persone/importa?lotto=${token}`, { cookie: coordinator }),
    );
    const batch = payload<{ batch: { status: string; summary: { preview: Preview["summary"] }; sample: unknown[] } }>(
      page.result,
    ).batch;
    expect(batch.status).toBe("PREVIEW");
    expect(batch.summary.preview).toEqual({ rows: 3, newPeople: 3, existing: 0, enrolments: 2, accounts: 1, bad: 0 });
    expect(batch.sample).toHaveLength(3);
    // Only the preview's batch row was written so far.
    expect(await counts()).toEqual({ ...before, batches: before.batches + 1 });

    // Nobody else can see or commit the batch.
    expect(
      (await callRoute(importa.loader, makeRequest(`/persone/importa?lotto=${token}`, { cookie: admin }))).status,
    ).toBe(404);
    expect((await commit(token!, admin)).status).toBe(404);

    const done = await commit(token!);
    expect(done.status).toBe(302);
    expect((done.result as Response).headers.get("Location")).toBe(`/persone/importa?lotto=${token}`);

    const rosa = await prisma.person.findUniqueOrThrow({
      where: { email: "rosa.piccinini@comune.varzi.pv.it" },
      select: {
        id: true,
        firstName: true,
        position: true,
        role: true,
        office: true,
        gender: true,
        birthYear: true,
        educationLevel: true,
        organisationId: true,
        user: { select: { id: true, roles: { select: { role: true } } } },
      },
    });
    expect(rosa).toMatchObject({
      firstName: "Rosa",
      position: "EMPLOYEE",
      role: "Istruttore",
      office: "Tributi",
      gender: "F",
      birthYear: 1979,
      educationLevel: "ISCED_5_8",
      organisationId: f.comune.id,
    });
    expect(rosa.user?.roles).toEqual([{ role: "LEARNER" }]);
    expect(await prisma.passwordToken.count({ where: { userId: rosa.user!.id, purpose: "SET_PASSWORD" } })).toBe(1);
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { to: "rosa.piccinini@comune.varzi.pv.it" } });
    expect(mail.body).toMatch(/http:\/\/capacitas\.test\/imposta-password\/[\w-]{40,}/);

    const mario = await prisma.person.findUniqueOrThrow({
      where: { email: "mario.rossi@comune.varzi.pv.it" },
      select: { position: true, organisationId: true, user: true, enrolments: true },
    });
    expect(mario).toMatchObject({ position: "ADMINISTRATOR", organisationId: f.comune.id, user: null, enrolments: [] });
    const lucia = await prisma.person.findUniqueOrThrow({
      where: { email: "lucia.bassi@comune.varzi.pv.it" },
      select: { id: true, gender: true, educationLevel: true },
    });
    expect(lucia).toMatchObject({ gender: "F", educationLevel: "ISCED_0_2" });

    // Enrolled after two sessions took place: NOT_EXPECTED rows for those two, stored completion.
    for (const personId of [rosa.id, lucia.id]) {
      const enrolment = await prisma.enrolment.findUniqueOrThrow({
        where: { editionId_personId: { editionId: f.edition.id, personId } },
      });
      expect(enrolment.status).toBe("ACTIVE");
      const attendance = await prisma.attendance.findMany({
        where: { personId },
        orderBy: { sessionId: "asc" },
        select: { sessionId: true, status: true },
      });
      expect(attendance).toEqual([
        { sessionId: f.sessions[0].id, status: "NOT_EXPECTED" },
        { sessionId: f.sessions[1].id, status: "NOT_EXPECTED" },
      ]);
      const progress = await prisma.moduleProgress.findUniqueOrThrow({
        where: { personId_moduleId: { personId, moduleId: f.module.id } },
      });
      expect(progress).toMatchObject({
        scheduledMinutes: 180,
        attendedMinutes: 0,
        status: "NOT_STARTED",
        lastActivityAt: null,
      });
    }

    const after = await counts();
    expect(after).toMatchObject({
      people: before.people + 3,
      users: before.users + 1,
      enrolments: before.enrolments + 2,
      attendances: before.attendances + 4,
      tokens: before.tokens + 1,
      outbox: before.outbox + 1,
    });
    const actions = await prisma.auditLog.groupBy({
      by: ["action"],
      where: { id: { gt: 0 }, createdAt: { gte: new Date(NOW - DAY) } },
      _count: true,
    });
    const audited = Object.fromEntries(actions.map((a) => [a.action, a._count]));
    expect(audited).toMatchObject({
      "person.create": 3,
      "role.grant": 1,
      "enrolment.create": 2,
      "attendance.record": 4,
    });

    // The batch keeps only the counts; the result page shows them.
    const stored = await prisma.importBatch.findUniqueOrThrow({ where: { token: token! } });
    expect(stored.status).toBe("COMMITTED");
    expect(stored.rows).toBe("[]");
    const result = payload<{ batch: { status: string; summary: { result: unknown } } }>(
      (await callRoute(importa.loader, makeRequest(`/persone/importa?lotto=${token}`, { cookie: coordinator }))).result,
    );
    expect(result.batch.summary.result).toEqual({ people: 3, existing: 0, enrolments: 2, accounts: 1 });

    // Committing twice changes nothing.
    expect((await commit(token!)).status).toBe(302);
    expect(await counts()).toEqual(after);

    // The same file again: everybody is "già presente", nothing is duplicated.
    const again = await upload(VALID());
    expect(again.status).toBe(302);
    const againPage = payload<{ batch: { summary: { preview: Preview["summary"] } } }>(
      (await callRoute(importa.loader, makeRequest(`/persone/importa?lotto=${again.token}`, { cookie: coordinator })))
        .result,
    );
    expect(againPage.batch.summary.preview).toEqual({
      rows: 3,
      newPeople: 0,
      existing: 3,
      enrolments: 0,
      accounts: 0,
      bad: 0,
    });
    expect((await commit(again.token!)).status).toBe(302);
    expect(await counts()).toMatchObject({ ...after, batches: after.batches + 1, audit: after.audit });
  });

  it("reads XLSX (first sheet, hyperlinks, numbers) and CSV with commas and a BOM the same way", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Persone");
    sheet.addRow(["Nome", "Cognome", "E-mail", "Ente", "Ruolo", "Anno nascita", "Edizione", "Account"]);
    sheet.addRow([
      "Teresa",
      "Quaroni",
      { text: "teresa.quaroni@comune.varzi.pv.it", hyperlink: "mailto:teresa.quaroni@comune.varzi.pv.it" },
      18171,
      "dipendente",
      1984,
      f.edition.code,
      "sì",
    ]);
    sheet.addRow([]);
    sheet.addRow([
      { richText: [{ text: "Gi" }, { text: "no" }] },
      "Ferrari",
      "gino.ferrari@comune.varzi.pv.it",
      "Varzi",
      "amministratore",
      { formula: "1950+8", result: 1958 },
      "",
      "no",
    ]);
    workbook.addWorksheet("Note").addRow(["questo foglio non si legge"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const bad = await upload(bytes, { name: "persone.xlsx" });
    expect(bad.status).toBe(302);
    const preview = payload<{
      batch: { summary: { preview: Preview["summary"] }; sample: { line: number; email: string; birthYear: number }[] };
    }>(
      (await callRoute(importa.loader, makeRequest(`/persone/importa?lotto=${bad.token}`, { cookie: coordinator })))
        .result,
    ).batch;
    expect(preview.summary.preview).toMatchObject({ rows: 2, newPeople: 2, enrolments: 1, accounts: 1, bad: 0 });
    expect(preview.sample.map((r) => [r.line, r.email, r.birthYear])).toEqual([
      [2, "teresa.quaroni@comune.varzi.pv.it", 1984],
      [4, "gino.ferrari@comune.varzi.pv.it", 1958],
    ]);
    expect((await commit(bad.token!)).status).toBe(302);
    expect(
      await prisma.person.findUnique({
        where: { email: "gino.ferrari@comune.varzi.pv.it" },
        select: { firstName: true, position: true },
      }),
    ).toEqual({ firstName: "Gino", position: "ADMINISTRATOR" });

    // An XLSX error is reported with the sheet's line number.
    const wrong = new ExcelJS.Workbook();
    const ws = wrong.addWorksheet("Persone");
    ws.addRow(["nome", "cognome", "email", "ente", "ruolo"]);
    ws.addRow(["A", "B", "a.b@x.it", "Comune di Varzi", "dipendente"]);
    ws.addRow([]);
    ws.addRow(["C", "D", "non-email", "Comune di Varzi", "dipendente"]);
    const wrongUpload = await upload(new Uint8Array(await wrong.xlsx.writeBuffer()), { name: "errori.xlsx" });
    expect(wrongUpload.status).toBe(400);
    expect(wrongUpload.data?.errors).toEqual([{ line: 4, messages: ["Email non valida."] }]);

    // CSV with a BOM and commas, quoted cells.
    const commas = `\uFEFFNOME,Cognome,Email,Ente,Ruolo,Ufficio\r\nPiera,Negri,piera.negri@comune.varzi.pv.it,"Comune di Varzi",dipendente,"Tributi, economato"\r\n`;
    const csvUpload = await upload(commas);
    expect(csvUpload.status).toBe(302);
    expect((await commit(csvUpload.token!)).status).toBe(302);
    expect(
      await prisma.person.findUnique({ where: { email: "piera.negri@comune.varzi.pv.it" }, select: { office: true } }),
    ).toEqual({ office: "Tributi, economato" });
  });

  it("a coordinator cannot import into an organisation or an edition of another area", async () => {
    const before = await counts();
    const file = csv(
      "Ugo;Chiavennasco;ugo@comune.chiavenna.so.it;Comune di Valchiavenna;dipendente;;;;;;;no",
      `Ivo;Varzese;ivo@comune.varzi.pv.it;Comune di Varzi;dipendente;;;;;;${editionB.code};no`,
    );
    const { status, data } = await upload(file);
    expect(status).toBe(400);
    expect(data?.errors).toEqual([
      { line: 2, messages: ["Ente «Comune di Valchiavenna» sconosciuto o fuori dalle tue aree."] },
      { line: 3, messages: [`Edizione «${editionB.code}» sconosciuta o fuori dalle tue aree.`] },
    ]);
    // The other area's coordinator may import into their own organisation, not into Varzi's edition.
    const theirs = await upload(
      csv(`Ugo;Chiavennasco;ugo@comune.chiavenna.so.it;Comune di Valchiavenna;dipendente;;;;;;${f.edition.code};no`),
      { cookie: otherCoordinator },
    );
    expect(theirs.data?.errors).toEqual([
      { line: 2, messages: [`Edizione «${f.edition.code}» sconosciuta o fuori dalle tue aree.`] },
    ]);
    // An email registered to someone in another area cannot be taken over.
    await prisma.person.create({
      data: {
        firstName: "Già",
        lastName: "Altrove",
        email: "gia.altrove@x.it",
        position: "EMPLOYEE",
        organisationId: areaB.comune.id,
      },
    });
    const taken = await upload(csv("Già;Altrove;gia.altrove@x.it;Comune di Varzi;dipendente;;;;;;;no"));
    expect(taken.data?.errors).toEqual([
      { line: 2, messages: ["L'email gia.altrove@x.it è già registrata per una persona che non gestisci."] },
    ]);
    expect(await counts()).toEqual({ ...before, people: before.people + 1 });
  });

  it("checks the rows again at commit: if something changed since the preview, nothing is written", async () => {
    const { token } = await upload(
      csv(
        "Olga;Nuova;olga@comune.varzi.pv.it;Comune di Varzi;dipendente;;;;;;;no",
        `Pia;Nuova;pia@comune.varzi.pv.it;Comune di Varzi;dipendente;;;;;;${f.edition.code};no`,
      ),
    );
    await prisma.edition.update({ where: { id: f.edition.id }, data: { status: "CLOSED" } });
    const before = await counts();
    const { status, result } = await commit(token!);
    await prisma.edition.update({ where: { id: f.edition.id }, data: { status: "OPEN" } });
    expect(status).toBe(400);
    const body = preview(result);
    expect(body.errors).toEqual([
      { line: 3, messages: [`L'edizione «${f.edition.code}» è chiusa: non accetta iscrizioni.`] },
    ]);
    expect(body.commitErrors?.[0]).toMatch(/nessuna persona è stata importata/);
    expect(await counts()).toEqual(before);
    expect(await prisma.person.findUnique({ where: { email: "olga@comune.varzi.pv.it" } })).toBeNull();
  });

  it("imports thousands of rows in one transaction, with the progress reported by the status route", async () => {
    const rows = Array.from(
      { length: 1500 },
      (_, i) =>
        `Nome${i};Cognome${i};massa${i}@comune.varzi.pv.it;018171;dipendente;;;;;;${i % 3 === 0 ? f.edition.code : ""};${i % 10 === 0 ? "sì" : "no"}`,
    );
    const { status, token } = await upload(csv(...rows));
    expect(status).toBe(302);
    const polled: number[] = [];
    const running = commit(token!);
    // The commit yields between chunks, so the status route answers while it runs.
    for (let i = 0; i < 400; i++) {
      const s = payload<Response>(
        (await callRoute(stato.loader, makeRequest(`/persone/importa/stato?lotto=${token}`, { cookie: coordinator })))
          .result,
      );
      const body = (await s.json()) as { state: string; processed: number; total: number };
      if (body.state === "running") polled.push(body.processed);
      if (body.state === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const done = await running;
    expect(done.status).toBe(302);
    expect(polled.length).toBeGreaterThan(0);
    expect(polled.every((p) => p >= 0 && p <= 1500)).toBe(true);
    expect(await prisma.person.count({ where: { email: { startsWith: "massa" } } })).toBe(1500);
    expect(
      await prisma.enrolment.count({ where: { editionId: f.edition.id, person: { email: { startsWith: "massa" } } } }),
    ).toBe(500);
    expect(await prisma.user.count({ where: { email: { startsWith: "massa" } } })).toBe(150);
    const finalStatus = payload<Response>(
      (await callRoute(stato.loader, makeRequest(`/persone/importa/stato?lotto=${token}`, { cookie: coordinator })))
        .result,
    );
    expect(await finalStatus.json()).toEqual({ state: "done", processed: 1500, total: 1500 });
    // Another user's token is not found.
    expect(
      (await callRoute(stato.loader, makeRequest(`/persone/importa/stato?lotto=${token}`, { cookie: admin }))).status,
    ).toBe(404);
  }, 120_000);
});

describe("access", () => {
  it("learners and trainers get 403 on every import route; anonymous users go to the login page", async () => {
    const before = await counts();
    for (const cookie of [learner, trainer]) {
      for (const call of [
        () => callRoute(importa.loader, makeRequest("/persone/importa", { cookie })),
        () => callRoute(importa.action, uploadRequest(cookie, "p.csv", VALID())),
        () =>
          callRoute(
            importa.action,
            makeRequest("/persone/importa", { cookie, form: { intent: "commit", token: "x".repeat(32) } }),
          ),
        () => callRoute(stato.loader, makeRequest(`/persone/importa/stato?lotto=${"x".repeat(32)}`, { cookie })),
        () => callRoute(modello.loader, makeRequest("/persone/importa/modello/csv", { cookie }), { format: "csv" }),
      ]) {
        expect((await call()).status).toBe(403);
      }
    }
    const anonymous = await callRoute(importa.loader, makeRequest("/persone/importa"));
    expect(anonymous.status).toBe(302);
    expect(await counts()).toEqual(before);
  });

  it("serves the template with the columns the import reads", async () => {
    const { result } = await callRoute(
      modello.loader,
      makeRequest("/persone/importa/modello/csv", { cookie: coordinator }),
      { format: "csv" },
    );
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await (result as Response).arrayBuffer());
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const xlsx = await callRoute(
      modello.loader,
      makeRequest("/persone/importa/modello/xlsx", { cookie: coordinator }),
      { format: "xlsx" },
    );
    expect((xlsx.result as Response).headers.get("Content-Type")).toMatch(/spreadsheetml/);
    expect(
      (
        await callRoute(modello.loader, makeRequest("/persone/importa/modello/pdf", { cookie: coordinator }), {
          format: "pdf",
        })
      ).status,
    ).toBe(404);
  });
});

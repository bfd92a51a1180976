// The catalogue import (PHASE2.md §6): the 36 real files give the expected verdicts, the same
// bytes twice change nothing, a new version keeps what a facilitator edited, blocked files
// leave a record and no card, a Developers Italia export is read, bad uploads write nothing,
// and only facilitators import (any facilitator may open any batch).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requireCapability } from "~/access/guards.server";
import { MAX_FILE_BYTES } from "~/domain/publiccode";
import { MAX_UPLOAD_FILES, startImport, type UploadedFile } from "~/models/catalogue-import.server";
import { action as uploadAction, loader as uploadLoader } from "~/routes/catalogo.importa._index";
import { loader as batchLoader } from "~/routes/catalogo.importa.$batch";
import { prisma } from "~/utils/db.server";
import { callRoute, createModuleFixture, createUserWithSession, makeRequest } from "../support";

const TODAY = "2026-12-04";
const CATALOGUE = join(process.cwd(), "tests/fixtures/publiccode-catalogue");
const VALIDATOR = join(process.cwd(), "tests/fixtures/publiccode-validator/v0");
const catalogueFiles = (): UploadedFile[] =>
  readdirSync(CATALOGUE)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(CATALOGUE, name))) }));
const text = (s: string) => new TextEncoder().encode(s);
const MINIMAL = readFileSync(join(VALIDATOR, "valid/valid.minimal.yml"), "utf8");

const cookies: Record<string, string> = {};
const as = async (who: string) =>
  (await requireCapability(makeRequest("/catalogo/importa", { cookie: cookies[who] }), "catalogue:manage:phase2"))
    .actor;

/** Every row the import writes, to prove that nothing changed. */
async function rows() {
  return {
    solutions: await prisma.solution.findMany({ orderBy: { id: "asc" } }),
    records: await prisma.publiccodeRecord.count(),
    audit: await prisma.auditLog.count(),
  };
}

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  cookies.facilitator = (await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }])).cookie;
  cookies.colleague = (await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }])).cookie;
  cookies.referent = (
    await createUserWithSession(fx.comune.id, [{ role: "REFERENT", organisationId: fx.comune.id }])
  ).cookie;
});

describe("the catalogue import", () => {
  it("imports the 36 real files: 2 valid, 26 with warnings, 8 invalid, none blocked", async () => {
    const actor = await as("facilitator");
    const outcome = await startImport({ actor, files: catalogueFiles(), today: TODAY });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const batch = await prisma.catalogueImport.findUniqueOrThrow({ where: { id: outcome.importId } });
    expect(batch).toMatchObject({
      kind: "PUBLICCODE",
      status: "DONE",
      total: 36,
      processed: 36,
      imported: 28,
      withIssues: 8,
      blocked: 0,
      unchanged: 0,
    });
    expect(batch.finishedAt).not.toBeNull();
    const conformance = await prisma.publiccodeRecord.groupBy({
      by: ["conformance"],
      where: { importId: outcome.importId },
      _count: true,
    });
    expect(Object.fromEntries(conformance.map((c) => [c.conformance, c._count]))).toEqual({
      VALID: 2,
      VALID_WITH_WARNINGS: 26,
      INVALID: 8,
    });
    // One card per repository, each pointing at its record.
    expect(await prisma.solution.count({ where: { kind: "SOFTWARE" } })).toBe(36);
    expect(await prisma.publiccodeRecord.count({ where: { importId: outcome.importId, solutionId: null } })).toBe(0);
    const audits = await prisma.auditLog.count({ where: { action: "solution.create_from_import" } });
    expect(audits).toBe(36);
  });

  it("re-importing the same bytes counts every file as unchanged and changes no row", async () => {
    const before = await rows();
    const outcome = await startImport({ actor: await as("facilitator"), files: catalogueFiles(), today: "2027-06-01" });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const batch = await prisma.catalogueImport.findUniqueOrThrow({ where: { id: outcome.importId } });
    expect(batch).toMatchObject({ processed: 36, unchanged: 36, imported: 0, withIssues: 0, blocked: 0 });
    const after = await rows();
    expect(after.solutions).toEqual(before.solutions);
    expect(after.records).toBe(before.records);
    // Only the batch's own start and end are audited.
    expect(after.audit).toBe(before.audit + 2);
  });

  it("a new version updates the card and keeps the field a facilitator edited", async () => {
    const file = readFileSync(join(CATALOGUE, "italia__publiccode-editor.publiccode.yml"), "utf8");
    const solution = await prisma.solution.findUniqueOrThrow({
      where: { url: "https://github.com/italia/publiccode-editor" },
      select: { id: true, softwareVersion: true },
    });
    expect(solution.softwareVersion).toBe("2.1.1");
    await prisma.solution.update({
      where: { id: solution.id },
      data: { name: "Editor publiccode (nome corretto)", manualEdits: JSON.stringify({ name: { by: 1 } }) },
    });
    const next = file.replace("softwareVersion: 2.1.1", "softwareVersion: 2.2.0");
    expect(next).not.toBe(file);
    const outcome = await startImport({
      actor: await as("facilitator"),
      files: [{ name: "publiccode.yml", bytes: text(next) }],
      today: TODAY,
    });
    expect(outcome.ok).toBe(true);
    const after = await prisma.solution.findUniqueOrThrow({
      where: { id: solution.id },
      select: { name: true, softwareVersion: true, records: { select: { id: true } } },
    });
    expect(after).toMatchObject({ name: "Editor publiccode (nome corretto)", softwareVersion: "2.2.0" });
    expect(after.records).toHaveLength(2);
  });

  it.each([
    ["a list at the root", text("- name: x\n- url: https://example.org/x\n"), /mappa/],
    ["a file over the size limit", text(`${MINIMAL}\n# ${"x".repeat(MAX_FILE_BYTES)}\n`), /256/],
    ["bytes that are not UTF-8", new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), /UTF-8/],
  ])("%s is blocked: a record with its reason, no card", async (_label, bytes, reason) => {
    const solutions = await prisma.solution.count();
    const outcome = await startImport({
      actor: await as("facilitator"),
      files: [{ name: "bloccato.yml", bytes }],
      today: TODAY,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const record = await prisma.publiccodeRecord.findFirstOrThrow({
      where: { importId: outcome.importId },
      select: { importStatus: true, blockReason: true, solutionId: true, rawYaml: true },
    });
    expect(record).toMatchObject({ importStatus: "BLOCKED", solutionId: null });
    expect(record.blockReason).toMatch(reason);
    expect(record.rawYaml.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
    expect(await prisma.solution.count()).toBe(solutions);
    expect(await prisma.catalogueImport.findUniqueOrThrow({ where: { id: outcome.importId } })).toMatchObject({
      blocked: 1,
      processed: 1,
    });
  });

  it("reads a Developers Italia export: its entries, its aliases, its vitality", async () => {
    const yaml = MINIMAL.replace(/^url: .*$/m, "url: https://github.com/esempio/protocollo-montano");
    const exported = {
      data: [
        {
          id: "abc",
          url: "https://github.com/esempio/protocollo-montano.git",
          publiccodeYml: yaml,
          vitality: [40, 72],
        },
        { id: "rotto", url: "https://github.com/esempio/rotto" },
        // Two different broken entries are two blocked records, not "the same bytes".
        { id: "rotto-due", url: "https://github.com/esempio/rotto-due" },
      ],
    };
    const outcome = await startImport({
      actor: await as("facilitator"),
      files: [{ name: "software.json", bytes: text(JSON.stringify(exported)) }],
      today: TODAY,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const batch = await prisma.catalogueImport.findUniqueOrThrow({ where: { id: outcome.importId } });
    expect(batch).toMatchObject({ kind: "DI_API_JSON", total: 3, processed: 3, blocked: 2, unchanged: 0 });
    const solution = await prisma.solution.findUniqueOrThrow({
      where: { url: "https://github.com/esempio/protocollo-montano" },
      select: { vitality: true },
    });
    expect(solution.vitality).toBe(72);
  });

  it.each([
    ["a name that is not YAML or JSON", [{ name: "programma.exe", bytes: text(MINIMAL) }], /non è un file \.yml/],
    ["a nested archive", [{ name: "catalogo.zip", bytes: text("PK") }], /archivio/],
    ["a JSON that is not an export", [{ name: "dati.json", bytes: text('{"a": 1}') }], /Developers Italia/],
    [
      "a JSON with YAML files",
      [
        { name: "a.json", bytes: text("[]") },
        { name: "b.yml", bytes: text(MINIMAL) },
      ],
      /da sola/,
    ],
    [
      "too many files",
      Array.from({ length: MAX_UPLOAD_FILES + 1 }, (_, i) => ({ name: `f${i}.yml`, bytes: text(MINIMAL) })),
      /al massimo 40/,
    ],
    ["no file", [{ name: "", bytes: new Uint8Array() }], /Scegli almeno un file/],
  ])("%s is refused with an Italian message and nothing is written", async (_label, files, message) => {
    const before = await rows();
    const imports = await prisma.catalogueImport.count();
    const outcome = await startImport({ actor: await as("facilitator"), files, today: TODAY });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.join(" ")).toMatch(message);
    expect(await rows()).toEqual(before);
    expect(await prisma.catalogueImport.count()).toBe(imports);
  });
});

describe("the import pages", () => {
  const upload = (cookie: string, files: { name: string; content: string }[]) => {
    const form = new FormData();
    for (const f of files) form.append("files", new File([f.content], f.name, { type: "application/yaml" }));
    return new Request("http://localhost/catalogo/importa", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost" },
      body: form,
    });
  };

  it("a facilitator uploads through the form and lands on the batch, which a colleague may open too", async () => {
    const yaml = MINIMAL.replace(/^url: .*$/m, "url: https://github.com/esempio/pagina-di-prova");
    const { status, result } = await callRoute(
      uploadAction,
      upload(cookies.facilitator, [{ name: "publiccode.yml", content: yaml }]),
    );
    expect(status).toBe(302);
    const location = (result as Response).headers.get("Location")!;
    expect(location).toMatch(/^\/catalogo\/importa\/\d+$/);
    const batch = location.split("/").at(-1)!;
    for (const who of ["facilitator", "colleague"]) {
      const page = await callRoute(batchLoader, makeRequest(location, { cookie: cookies[who] }), { batch });
      expect(page.status).toBe(200);
      const data = page.result as { batch: { status: string; records: { importStatus: string }[] } };
      expect(data.batch.status).toBe("DONE");
      expect(data.batch.records.map((r) => r.importStatus)).toEqual(["IMPORTED"]);
    }
    // The importer sees it among their recent imports; the colleague does not (it is not theirs).
    const mine = (await callRoute(uploadLoader, makeRequest("/catalogo/importa", { cookie: cookies.facilitator })))
      .result as { imports: { id: number }[] };
    expect(mine.imports.map((i) => String(i.id))).toContain(batch);
    const theirs = (await callRoute(uploadLoader, makeRequest("/catalogo/importa", { cookie: cookies.colleague })))
      .result as { imports: { id: number }[] };
    expect(theirs.imports.map((i) => String(i.id))).not.toContain(batch);
  });

  it("an odd file name is a 400 with the message, nothing written", async () => {
    const before = await prisma.catalogueImport.count();
    const { status, result } = await callRoute(
      uploadAction,
      upload(cookies.facilitator, [{ name: "note.txt", content: MINIMAL }]),
    );
    expect(status).toBe(400);
    expect(JSON.stringify(result)).toMatch(/non è un file \.yml/);
    expect(await prisma.catalogueImport.count()).toBe(before);
  });

  it.each(["abc", "0", "99999999999999999999", "1e2"])("batch id %s is a 404, not a 500", async (batch) => {
    const page = await callRoute(
      batchLoader,
      makeRequest(`/catalogo/importa/${batch}`, { cookie: cookies.facilitator }),
      {
        batch,
      },
    );
    expect(page.status).toBe(404);
  });

  it("a referent gets 403 on the import and on a batch", async () => {
    const before = await prisma.catalogueImport.count();
    const post = await callRoute(
      uploadAction,
      upload(cookies.referent, [{ name: "publiccode.yml", content: MINIMAL }]),
    );
    expect(post.status).toBe(403);
    const { id } = await prisma.catalogueImport.findFirstOrThrow({ select: { id: true } });
    const get = await callRoute(batchLoader, makeRequest(`/catalogo/importa/${id}`, { cookie: cookies.referent }), {
      batch: String(id),
    });
    expect(get.status).toBe(403);
    expect(await prisma.catalogueImport.count()).toBe(before);
  });
});

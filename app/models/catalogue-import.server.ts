/**
 * The catalogue import (PHASE2.md §6, docs/publiccode-import.md "Import"): uploaded
 * publiccode.yml files, or one Developers Italia API export, go through the pure importer
 * (`~/domain/publiccode`) and are stored one file per transaction: a `PubliccodeRecord` for
 * every file (blocked ones too, without a solution), the `Solution` deduplicated on the card's
 * normalised `url`, the batch counters and the audit rows. Processing is synchronous within the
 * upload request: the limits below keep a batch to a few seconds, and since every file commits
 * on its own the counters show the progress to a reload of the batch page meanwhile.
 *
 * Scope: the catalogue is shared by the whole programme (not per area or comune), so holding
 * `catalogue:manage:phase2` is the whole check; there is no where-clause to add.
 *
 * ZIP uploads are not read: no ZIP reader is a direct dependency of the project (fflate, jszip
 * and unzipper are only in node_modules as dependencies of other packages).
 */
import { createHash } from "node:crypto";
import type { Actor } from "~/access/scope.server";
import {
  checkArchiveEntryName,
  importPubliccode,
  MAX_FILE_BYTES,
  readDevelopersItaliaExport,
  type ImportResult,
  type SolutionCard,
} from "~/domain/publiccode";
import type { CatalogueImportKind, Prisma } from "~/generated/prisma/client";
import { audit } from "~/utils/audit.server";
import { prisma, transactionWithRetry, type Tx } from "~/utils/db.server";

/** How many files one upload may carry (each ≤ MAX_FILE_BYTES is read, larger ones are blocked). */
export const MAX_UPLOAD_FILES = 40;
/**
 * The largest part the upload form reads: a publiccode.yml over MAX_FILE_BYTES but under this
 * still gets a blocked record with its reason; a Developers Italia export may be this large.
 */
export const MAX_UPLOAD_PART_BYTES = 1024 * 1024;

export type UploadedFile = { name: string; bytes: Uint8Array };

export type StartImportResult = { ok: true; importId: number } | { ok: false; errors: string[] };

/** One file to store: its name, the bytes or text it came as, and what the importer said. */
type Item = { sourceName: string; bytes: Uint8Array; rawYaml: string; result: ImportResult };

const utf8 = new TextEncoder();
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Checks the upload, then imports it. A refusal (no file, too many, an odd name, a JSON that is
 * not an export) writes nothing and says why in Italian.
 */
export async function startImport(input: {
  actor: Actor;
  files: readonly UploadedFile[];
  /** YYYY-MM-DD, for the maintenance status of the cards. */
  today: string;
}): Promise<StartImportResult> {
  const { actor, today } = input;
  const files = input.files.filter((f) => f.name !== "" || f.bytes.byteLength > 0);
  if (files.length === 0) return refuse("Scegli almeno un file publiccode.yml (.yml, .yaml) o un'esportazione JSON.");
  if (files.length > MAX_UPLOAD_FILES) {
    return refuse(`Hai scelto ${files.length} file: se ne possono caricare al massimo ${MAX_UPLOAD_FILES} per volta.`);
  }
  const errors: string[] = [];
  for (const file of files) {
    const problem = nameProblem(file.name);
    if (problem) errors.push(problem);
  }
  if (errors.length) return { ok: false, errors };

  const json = files.filter((f) => /\.json$/i.test(f.name));
  let kind: CatalogueImportKind = "PUBLICCODE";
  let items: Item[];
  if (json.length > 0) {
    if (files.length > 1) {
      return refuse("Un'esportazione JSON di Developers Italia si carica da sola, senza altri file.");
    }
    kind = "DI_API_JSON";
    const read = readExport(json[0], today);
    if (!read.ok) return refuse(read.error);
    items = read.items;
  } else {
    items = files.map((f) => ({
      sourceName: f.name,
      bytes: f.bytes,
      rawYaml: storableText(f.bytes),
      result: importPubliccode(f.bytes, { today }),
    }));
  }

  const fileName = files.length === 1 ? files[0].name : `${files.length} file (${files[0].name}, …)`;
  const batch = await transactionWithRetry(async (tx) => {
    const created = await tx.catalogueImport.create({
      data: { kind, actorId: actor.userId ?? 0, fileName: fileName.slice(0, 200), total: items.length },
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "catalogue_import.start",
      entity: "CatalogueImport",
      entityId: created.id,
      after: { kind, fileName, total: items.length },
    });
    return created;
  });

  for (const item of items) {
    await transactionWithRetry((tx) => storeItem(tx, { actor, importId: batch.id, item }));
  }

  await transactionWithRetry(async (tx) => {
    const done = await tx.catalogueImport.update({
      where: { id: batch.id },
      data: { status: "DONE", finishedAt: actor.now ?? new Date() },
      select: { processed: true, imported: true, withIssues: true, blocked: true, unchanged: true },
    });
    await audit(tx, actor, {
      action: "catalogue_import.done",
      entity: "CatalogueImport",
      entityId: batch.id,
      after: done,
    });
  });
  return { ok: true, importId: batch.id };
}

function refuse(message: string): StartImportResult {
  return { ok: false, errors: [message] };
}

/** Why a file name is refused (null: it is fine). The names come through `cleanFileName`. */
function nameProblem(name: string): string | null {
  if (/\.json$/i.test(name)) return name.length > 0 ? null : "Nome di file vuoto.";
  const verdict = checkArchiveEntryName(name);
  if (verdict.kind === "reject") return verdict.reason;
  if (verdict.kind === "skip") {
    return `«${name || "(senza nome)"}» non è un file .yml, .yaml o un'esportazione .json: non è stato importato nulla.`;
  }
  return null;
}

/** The text kept in the record: the file as written, or nothing when it is over the limit. */
function storableText(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_FILE_BYTES) return "";
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

function readExport(file: UploadedFile, today: string): { ok: true; items: Item[] } | { ok: false; error: string } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, error: `«${file.name}» non è testo UTF-8: serve l'esportazione JSON di Developers Italia.` };
  }
  const exported = readDevelopersItaliaExport(text, { today });
  if (exported.error) return { ok: false, error: exported.error };
  if (exported.entries.length === 0) return { ok: false, error: `«${file.name}» non contiene nessun software.` };
  const raw = exportItems(text);
  const items = exported.entries.map((entry): Item => {
    const result: ImportResult = entry.result ?? {
      importStatus: "BLOCKED",
      blockReason: { code: "NOT_A_MAPPING", message: entry.problem ?? "Voce non leggibile." },
      conformance: "INVALID",
      issues: [],
      declaredVersion: null,
      detectedLegacyIt: false,
    };
    const value = (raw[entry.index] as { publiccodeYml?: unknown } | undefined)?.publiccodeYml;
    // The hash is of what the entry carries: its publiccodeYml, or the entry itself when it has
    // none, so two different broken entries are not "the same bytes".
    const bytes = utf8.encode(typeof value === "string" ? value : JSON.stringify(raw[entry.index] ?? null));
    const rawYaml = typeof value === "string" && bytes.byteLength <= MAX_FILE_BYTES ? value : "";
    return { sourceName: entry.sourceName, bytes, rawYaml, result };
  });
  return { ok: true, items };
}

/** The software objects of an export, in the order `readDevelopersItaliaExport` numbers them. */
function exportItems(text: string): unknown[] {
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
  const page = (p: unknown) =>
    typeof p === "object" && p !== null && !Array.isArray(p) && Array.isArray((p as { data?: unknown }).data)
      ? (p as { data: unknown[] }).data
      : null;
  const single = page(json);
  if (single) return single;
  if (!Array.isArray(json)) return [];
  const pages = json.map(page);
  if (json.length > 0 && pages.every((p) => p !== null)) return pages.flatMap((p) => p!);
  return json;
}

/** The card's fields as Solution columns (the ones a facilitator may edit, plus kind and url). */
function solutionData(card: SolutionCard) {
  return {
    kind: card.kind,
    origin: card.origin,
    name: card.name,
    localisedName: card.localisedName,
    shortDescription: JSON.stringify(card.shortDescription),
    longDescription: JSON.stringify(card.longDescription),
    features: JSON.stringify(card.features),
    categories: JSON.stringify(card.categories),
    scopes: JSON.stringify(card.scopes),
    platforms: JSON.stringify(card.platforms),
    nationalPlatforms: JSON.stringify(card.nationalPlatforms),
    supports: JSON.stringify(card.supports),
    pnrrMeasures: JSON.stringify(card.pnrrMeasures),
    pnrrBeneficiaries: JSON.stringify(card.pnrrBeneficiaries),
    developmentStatus: card.developmentStatus,
    softwareType: card.softwareType,
    license: card.license,
    licenseOsi: card.licenseOsi,
    maintenanceType: card.maintenanceType,
    maintenanceUntil: card.maintenanceUntil,
    maintenanceActive: card.maintenanceActive,
    contactsCount: card.contactsCount,
    releaseDate: card.releaseDate,
    softwareVersion: card.softwareVersion,
    url: card.url,
    landingUrl: card.landingUrl,
    ownerIpa: card.ownerIpa,
    ownerName: card.ownerName,
    ownerKind: card.ownerKind,
    usedBy: JSON.stringify(card.usedBy),
    usedByCount: card.usedByCount,
    usedByComuniCount: card.usedByComuniCount,
    dependsOnProprietaryCount: card.dependsOnProprietaryCount,
    descriptionLanguages: JSON.stringify(card.descriptionLanguages),
    vitality: card.vitality,
  } satisfies Prisma.SolutionUncheckedCreateInput;
}

/** The fields `manualEdits` names: an object keyed by field, or a list of fields. */
export function editedFields(manualEdits: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(manualEdits);
    if (Array.isArray(parsed)) return new Set(parsed.filter((v): v is string => typeof v === "string"));
    if (parsed && typeof parsed === "object") return new Set(Object.keys(parsed));
  } catch {
    // A malformed value protects nothing: the import writes every field.
  }
  return new Set();
}

/** One file in one transaction: its record, its solution, the counters, the audit row. */
async function storeItem(tx: Tx, { actor, importId, item }: { actor: Actor; importId: number; item: Item }) {
  const hash = sha256(item.bytes);
  const seen = await tx.publiccodeRecord.findFirst({ where: { sha256: hash }, select: { id: true } });
  if (seen) {
    // The same bytes were imported already: nothing to change, not even a new record (§6.2).
    await tx.catalogueImport.update({
      where: { id: importId },
      data: { processed: { increment: 1 }, unchanged: { increment: 1 } },
    });
    return;
  }
  const { result } = item;
  let solutionId: number | null = null;
  if (result.importStatus !== "BLOCKED" && result.card) {
    const card = result.card;
    const data = { ...solutionData(card), conformance: result.conformance, lastImportId: importId };
    const existing = await tx.solution.findFirst({
      where: { url: { in: [card.url, ...card.aliases] } },
      select: { id: true, manualEdits: true, name: true, softwareVersion: true, conformance: true, url: true },
    });
    if (existing) {
      const kept = editedFields(existing.manualEdits);
      const update: Record<string, unknown> = { ...data, url: existing.url };
      for (const field of kept) delete update[field];
      await tx.solution.update({ where: { id: existing.id }, data: update as Prisma.SolutionUncheckedUpdateInput });
      solutionId = existing.id;
      await audit(tx, actor, {
        action: "solution.update_from_import",
        entity: "Solution",
        entityId: existing.id,
        before: { name: existing.name, softwareVersion: existing.softwareVersion, conformance: existing.conformance },
        after: {
          name: data.name,
          softwareVersion: data.softwareVersion,
          conformance: data.conformance,
          kept: [...kept],
        },
      });
    } else {
      const created = await tx.solution.create({ data, select: { id: true } });
      solutionId = created.id;
      await audit(tx, actor, {
        action: "solution.create_from_import",
        entity: "Solution",
        entityId: created.id,
        after: { name: data.name, url: data.url, conformance: data.conformance },
      });
    }
  }
  await tx.publiccodeRecord.create({
    data: {
      solutionId,
      importId,
      sourceName: item.sourceName.slice(0, 300),
      sha256: hash,
      rawYaml: item.rawYaml,
      declaredVersion: result.declaredVersion?.slice(0, 50) ?? null,
      detectedLegacyIt: result.detectedLegacyIt,
      normalisedJson: result.card ? JSON.stringify(result.card) : null,
      importStatus: result.importStatus,
      conformance: result.conformance,
      issues: JSON.stringify(result.issues),
      blockReason: result.importStatus === "BLOCKED" ? (result.blockReason?.message ?? "File bloccato.") : null,
    },
  });
  const counter =
    result.importStatus === "BLOCKED" ? "blocked" : result.importStatus === "IMPORTED" ? "imported" : "withIssues";
  await tx.catalogueImport.update({
    where: { id: importId },
    data: { processed: { increment: 1 }, [counter]: { increment: 1 } },
  });
}

// ───────────────────────────── reads ─────────────────────────────

const BATCH_SELECT = {
  id: true,
  kind: true,
  actorId: true,
  fileName: true,
  status: true,
  total: true,
  processed: true,
  imported: true,
  withIssues: true,
  blocked: true,
  unchanged: true,
  createdAt: true,
  finishedAt: true,
} satisfies Prisma.CatalogueImportSelect;

/** The user's recent imports, newest first. */
export function listRecentImports({ actor, take = 10 }: { actor: Actor; take?: number }) {
  return prisma.catalogueImport.findMany({
    where: { actorId: actor.userId ?? -1 },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: BATCH_SELECT,
  });
}

export type IssueRow = { key: string; severity: string; message: string; line: number; column: number };

/**
 * One batch with its files. Any facilitator may read any batch (not only its importer): the
 * catalogue is shared, and so is the work of keeping it, as a colleague may need to see why a
 * file was blocked. The guard (`catalogue:manage:phase2`) is the whole check.
 */
export async function getImportBatch({ id }: { id: number }) {
  const batch = await prisma.catalogueImport.findUnique({
    where: { id },
    select: {
      ...BATCH_SELECT,
      records: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          sourceName: true,
          importStatus: true,
          conformance: true,
          blockReason: true,
          issues: true,
          solutionId: true,
          solution: { select: { name: true } },
        },
      },
    },
  });
  if (!batch) return null;
  return {
    ...batch,
    records: batch.records.map((r) => ({ ...r, issues: parseIssues(r.issues) })),
  };
}

function parseIssues(json: string): IssueRow[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.map((i: Record<string, unknown>) => ({
      key: String(i.key ?? ""),
      severity: String(i.severity ?? ""),
      message: String(i.message ?? ""),
      line: Number(i.line ?? 0),
      column: Number(i.column ?? 0),
    }));
  } catch {
    return [];
  }
}

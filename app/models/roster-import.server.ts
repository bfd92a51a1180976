/**
 * Roster import (/persone/importa): read a CSV or XLSX file, check every row against the
 * database in the actor's scope, keep the checked rows in an ImportBatch between the preview
 * and the commit, and commit all of it — people, enrolments, accounts with their one-time
 * password link and outbox message, audit rows — in ONE transaction, or nothing.
 * See docs/decisions/011-roster-import.md.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { can } from "~/access/capabilities";
import { editionWhere, organisationWhere, personWhere, type Actor, type AreaScope } from "~/access/scope.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  IMPORT_MAX_ROWS,
  mapHeader,
  validateRecords,
  type ImportColumn,
  type ImportRow,
  type RawRecord,
  type RowError,
} from "~/domain/import-schema";
import { audiencePositions, enrolInTransaction } from "~/models/enrolment.server";
import { accountInvitation, hashToken, PASSWORD_LINK_DAYS } from "~/models/person.server";
import { auditMany } from "~/utils/audit.server";
import { inSlices, prisma, type Tx } from "~/utils/db.server";
import { queueMail } from "~/utils/mail.server";

/** A batch waits this long between its preview and its commit. */
export const BATCH_HOURS = 24;
/** Rows written between two progress updates. */
const CHUNK = 50;
/** The commit lets other requests run (the progress polls) after this much work. */
const BREATHE_MS = 20;

// ───────────────────────────── reading the file ─────────────────────────────

export type ReadResult = { ok: true; format: "csv" | "xlsx"; records: RawRecord[] } | { ok: false; errors: string[] };

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Reads the file: XLSX (first sheet) or CSV in UTF-8 with `;` or `,`; a BOM is tolerated. */
export async function readRosterFile(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, errors: ["Il file è vuoto."] };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return {
      ok: false,
      errors: ["Il formato .xls (Excel 97-2003) non è supportato: salva il foglio come .xlsx oppure come CSV UTF-8."],
    };
  }
  if (/\.xlsx$/i.test(fileName))
    return { ok: false, errors: ["Il file .xlsx non è leggibile: salvalo di nuovo da Excel o LibreOffice."] };
  return readCsv(bytes);
}

function readCsv(bytes: Uint8Array): ReadResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      errors: [
        "Il file non è un CSV in UTF-8: in Excel scegli «Salva con nome» › «CSV UTF-8 (delimitato da virgole)», oppure carica il file .xlsx.",
      ],
    };
  }
  if (text.includes("\u0000")) return { ok: false, errors: ["Il file deve essere un CSV (UTF-8) o un foglio XLSX."] };
  text = text.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const semicolons = firstLine.split(";").length - 1;
  const commas = firstLine.split(",").length - 1;
  const delimiter = semicolons >= commas && semicolons > 0 ? ";" : ",";
  let cells: string[][];
  try {
    cells = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return {
        ok: false,
        errors: [`Il file CSV non è leggibile${line ? ` alla riga ${line}` : ""}: controlla le virgolette.`],
      };
    }
    throw error;
  }
  // Record n is line n of the spreadsheet the file opens in (a quoted line break stays in its cell).
  return fromCells(
    "csv",
    cells.map((row, i) => ({ line: i + 1, cells: row })),
  );
}

/** The text of an exceljs cell value: rich text, hyperlinks and formulas give their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "sì" : "no";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((r: { text?: string }) => r.text ?? "").join("");
    if ("result" in value) return cellText(value.result);
    if ("text" in value) return cellText(value.text);
  }
  return "";
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const lines: { line: number; cells: string[] }[] = [];
  let dataRows = 0;
  try {
    // The streaming reader stops after the row cap instead of expanding the whole workbook.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "ignore",
      entries: "emit",
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells = values.slice(1).map(cellText);
        lines.push({ line: row.number, cells });
        if (row.number > 1 && cells.some((c) => c.trim() !== "") && ++dataRows > IMPORT_MAX_ROWS) break;
      }
      break; // the first sheet only
    }
  } catch {
    return {
      ok: false,
      errors: ["Il file .xlsx non è leggibile: salvalo di nuovo da Excel o LibreOffice, oppure carica un CSV UTF-8."],
    };
  }
  if (lines.length === 0) return { ok: false, errors: ["Il primo foglio del file è vuoto."] };
  return fromCells("xlsx", lines);
}

/** Header on line 1, then one record per non-empty line (line numbers as in the spreadsheet). */
function fromCells(format: "csv" | "xlsx", lines: { line: number; cells: string[] }[]): ReadResult {
  const header = lines[0];
  if (!header || header.line !== 1)
    return { ok: false, errors: ["La prima riga deve contenere le intestazioni delle colonne."] };
  const { columns, errors } = mapHeader(header.cells);
  if (errors.length > 0) return { ok: false, errors };
  const records: RawRecord[] = [];
  for (const { line, cells } of lines.slice(1)) {
    if (cells.every((c) => c.trim() === "")) continue;
    if (records.length >= IMPORT_MAX_ROWS) {
      return { ok: false, errors: [`Il file ha più di ${IMPORT_MAX_ROWS} righe: dividilo in più file.`] };
    }
    const values: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((column, i) => {
      if (column) values[column] = cells[i] ?? "";
    });
    records.push({ line, values });
  }
  if (records.length === 0) return { ok: false, errors: ["Il file non contiene righe dopo le intestazioni."] };
  return { ok: true, format, records };
}

// ───────────────────────────── checking against the database ─────────────────────────────

export type ImportSummary = {
  rows: number;
  newPeople: number;
  existing: number;
  enrolments: number;
  accounts: number;
  bad: number;
};

type PlanItem = {
  line: number;
  row: ImportRow;
  /** the person already registered with this email (left unchanged), or null for a new one */
  existingId: number | null;
  organisationId: number;
  /** the edition to enrol into when the person is not enrolled there yet */
  enrolInto: { id: number; moduleId: number } | null;
  account: boolean;
};

type Plan = { items: PlanItem[]; errors: RowError[]; summary: ImportSummary };

const foldName = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

const AUDIENCE_TEXT = { ADMINISTRATOR: "agli amministratori", EMPLOYEE: "ai dipendenti" } as const;

/**
 * Checks the rows against the database, in the actor's scope: organisation (name or ISTAT
 * code) and edition (code) must be in the actor's areas, an email registered to someone the
 * actor does not manage is refused, people already registered are "già presenti" and left
 * unchanged (only a missing enrolment is added). Runs again inside the commit's transaction.
 */
export async function planImport(
  db: Tx,
  { scope, actor, rows }: { scope: AreaScope; actor: Actor; rows: readonly ImportRow[] },
): Promise<Plan> {
  const emails = [...new Set(rows.map((r) => r.email))];
  const codes = [...new Set(rows.flatMap((r) => (r.edition ? [r.edition] : [])))];
  const [organisations, editions, knownPeople, anyPeople, users] = await Promise.all([
    db.organisation.findMany({
      where: { ...organisationWhere(scope), active: true },
      select: { id: true, name: true, istatCode: true, areaId: true },
    }),
    codes.length
      ? db.edition.findMany({
          where: { code: { in: codes }, ...editionWhere(scope) },
          select: {
            id: true,
            code: true,
            status: true,
            areaId: true,
            moduleId: true,
            module: { select: { audience: true } },
          },
        })
      : Promise.resolve([]),
    // NOTE: SQLite caps the bound parameters of one statement: look emails up in slices.
    inSlices(emails, (slice) =>
      db.person.findMany({
        where: { email: { in: slice }, ...personWhere(scope) },
        select: {
          id: true,
          email: true,
          active: true,
          position: true,
          organisation: { select: { areaId: true } },
          enrolments: { select: { editionId: true } },
        },
      }),
    ),
    inSlices(emails, (slice) => db.person.findMany({ where: { email: { in: slice } }, select: { email: true } })),
    inSlices(emails, (slice) => db.user.findMany({ where: { email: { in: slice } }, select: { email: true } })),
  ]);

  const byIstat = new Map(organisations.filter((o) => o.istatCode).map((o) => [o.istatCode!, o]));
  const byName = new Map<string, typeof organisations>();
  for (const o of organisations) {
    const key = foldName(o.name);
    byName.set(key, [...(byName.get(key) ?? []), o]);
  }
  const editionByCode = new Map(editions.map((e) => [e.code, e]));
  const known = new Map(knownPeople.map((p) => [p.email!, p]));
  const registered = new Set([...anyPeople.map((p) => p.email!), ...users.map((u) => u.email)]);
  const mayEnrol = can(actor.roles, "enrolment:manage:area");

  function resolveOrganisation(text: string): { org?: (typeof organisations)[number]; error?: string } {
    if (/^\d{4,6}$/.test(text)) {
      const org = byIstat.get(text.padStart(6, "0"));
      return org ? { org } : { error: `Ente con codice ISTAT ${text} sconosciuto o fuori dalle tue aree.` };
    }
    const matches = byName.get(foldName(text)) ?? byName.get(foldName(`Comune di ${text}`)) ?? [];
    if (matches.length === 1) return { org: matches[0] };
    if (matches.length > 1) return { error: `Più enti si chiamano «${text}» nelle tue aree: usa il codice ISTAT.` };
    return { error: `Ente «${text}» sconosciuto o fuori dalle tue aree.` };
  }

  const items: PlanItem[] = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    const messages: string[] = [];
    const existing = known.get(row.email) ?? null;
    if (!existing && registered.has(row.email))
      messages.push(`L'email ${row.email} è già registrata per una persona che non gestisci.`);
    const { org, error } = resolveOrganisation(row.organisation);
    if (error) messages.push(error);
    let enrolInto: PlanItem["enrolInto"] = null;
    if (row.edition) {
      const edition = editionByCode.get(row.edition);
      const areaId = existing ? existing.organisation.areaId : org?.areaId;
      const position = existing ? existing.position : row.position;
      if (!mayEnrol) messages.push("Non puoi iscrivere persone alle edizioni.");
      else if (!edition) messages.push(`Edizione «${row.edition}» sconosciuta o fuori dalle tue aree.`);
      else if (edition.status === "CLOSED")
        messages.push(`L'edizione «${row.edition}» è chiusa: non accetta iscrizioni.`);
      else {
        if (areaId !== undefined && edition.areaId !== areaId)
          messages.push(`L'edizione «${row.edition}» è di un'altra area rispetto all'ente della persona.`);
        const audience = edition.module.audience;
        if (position === "EXTERNAL" || !audiencePositions(audience).includes(position)) {
          messages.push(
            `L'edizione «${row.edition}» è riservata ${audience === "ALL" ? "ad amministratori e dipendenti" : AUDIENCE_TEXT[audience]}.`,
          );
        }
        if (existing && !existing.active) messages.push("La persona è disattivata: riattivala prima di iscriverla.");
        const enrolled = existing?.enrolments.some((e) => e.editionId === edition.id) ?? false;
        if (!enrolled) enrolInto = { id: edition.id, moduleId: edition.moduleId };
      }
    }
    if (messages.length > 0 || !org) {
      errors.push({ line: row.line, messages });
      continue;
    }
    items.push({
      line: row.line,
      row,
      existingId: existing?.id ?? null,
      organisationId: org.id,
      enrolInto,
      account: !existing && row.account,
    });
  }
  return {
    items,
    errors,
    summary: {
      rows: rows.length,
      newPeople: items.filter((i) => i.existingId === null).length,
      existing: items.filter((i) => i.existingId !== null).length,
      enrolments: items.filter((i) => i.enrolInto).length,
      accounts: items.filter((i) => i.account).length,
      bad: errors.length,
    },
  };
}

export type PreviewResult =
  | { ok: true; token: string; summary: ImportSummary }
  | { ok: false; fileErrors: string[]; errors: RowError[]; summary: ImportSummary | null };

/** Merges the errors of the file check and of the database check, one entry per line. */
function mergeErrors(...lists: RowError[][]): RowError[] {
  const byLine = new Map<number, string[]>();
  for (const e of lists.flat()) byLine.set(e.line, [...(byLine.get(e.line) ?? []), ...e.messages]);
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, messages]) => ({ line, messages }));
}

/**
 * Step 1: reads and checks the whole file. With any bad row nothing is stored and every bad
 * row is reported; otherwise the checked rows are kept in an ImportBatch for the commit.
 */
export async function previewImport({
  scope,
  actor,
  file,
}: {
  scope: AreaScope;
  actor: Actor;
  file: { bytes: Uint8Array; name: string };
}): Promise<PreviewResult> {
  const now = actor.now ?? new Date();
  const actorId = ownerOf(actor);
  const read = await readRosterFile(file.bytes, file.name);
  if (!read.ok) return { ok: false, fileErrors: read.errors, errors: [], summary: null };
  const checked = validateRecords(read.records);
  const plan = await planImport(prisma, { scope, actor, rows: checked.rows });
  const errors = mergeErrors(checked.errors, plan.errors);
  // Counts of new and present people are of the rows that passed the file's own checks.
  const summary: ImportSummary = { ...plan.summary, rows: read.records.length, bad: errors.length };
  if (errors.length > 0) return { ok: false, fileErrors: [], errors, summary };
  const token = randomBytes(24).toString("base64url");
  await prisma.$transaction([
    // Batches nobody committed are dropped when they expire.
    prisma.importBatch.deleteMany({ where: { status: "PREVIEW", expiresAt: { lt: now } } }),
    prisma.importBatch.create({
      data: {
        token,
        actorId,
        fileName: file.name.slice(0, 200) || "file",
        rows: JSON.stringify(checked.rows),
        rowCount: checked.rows.length,
        summary: JSON.stringify({ preview: summary }),
        expiresAt: new Date(now.getTime() + BATCH_HOURS * 3600 * 1000),
      },
    }),
  ]);
  return { ok: true, token, summary };
}

export type BatchSummary = {
  preview: ImportSummary;
  result?: { people: number; existing: number; enrolments: number; accounts: number };
};

/** Import batches belong to the user who uploaded them: the system imports nothing here. */
function ownerOf(actor: Actor): number {
  if (actor.userId === null) throw new Error("A roster import needs a user");
  return actor.userId;
}

/** The actor's own batch (never another user's), or null. */
export async function getBatch({ actor, token }: { actor: Actor; token: string }) {
  const now = actor.now ?? new Date();
  const batch = await prisma.importBatch.findFirst({
    where: { token, actorId: ownerOf(actor), OR: [{ status: "COMMITTED" }, { expiresAt: { gt: now } }] },
    select: {
      id: true,
      token: true,
      fileName: true,
      rows: true,
      rowCount: true,
      summary: true,
      status: true,
      createdAt: true,
      committedAt: true,
    },
  });
  if (!batch) return null;
  return { ...batch, summary: JSON.parse(batch.summary) as BatchSummary, rows: JSON.parse(batch.rows) as ImportRow[] };
}

// ───────────────────────────── progress of a running commit ─────────────────────────────

export type ImportProgress = { state: "idle" | "running" | "done" | "failed"; processed: number; total: number };

declare global {
  var __importProgress: Map<string, ImportProgress & { at: number }> | undefined;
}
// One process serves the app (SQLite), so an in-memory map is enough for the progress bar.
const progress = (globalThis.__importProgress ??= new Map());

function setProgress(token: string, value: ImportProgress) {
  const now = Date.now();
  for (const [key, entry] of progress)
    if (entry.state !== "running" && now - entry.at > 10 * 60_000) progress.delete(key);
  progress.set(token, { ...value, at: now });
}

/** Where a commit stands, for the status route the page polls. */
export async function importStatus({ actor, token }: { actor: Actor; token: string }): Promise<ImportProgress | null> {
  const batch = await prisma.importBatch.findFirst({
    where: { token, actorId: ownerOf(actor) },
    select: { status: true, rowCount: true },
  });
  if (!batch) return null;
  const live = progress.get(token);
  if (live?.state === "running") return { state: "running", processed: live.processed, total: live.total };
  if (batch.status === "COMMITTED") return { state: "done", processed: batch.rowCount, total: batch.rowCount };
  return { state: live?.state === "failed" ? "failed" : "idle", processed: 0, total: batch.rowCount };
}

// ───────────────────────────── step 2: the commit ─────────────────────────────

class AlreadyClaimed extends Error {}

class PlanChanged extends Error {
  constructor(readonly errors: RowError[]) {
    super("The rows no longer pass the checks");
  }
}

export type CommitResult =
  | { ok: true; result: NonNullable<BatchSummary["result"]>; alreadyDone: boolean }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "running" }
  | { ok: false; reason: "changed"; errors: RowError[] };

/**
 * Step 2: writes the whole batch in one transaction — people, accounts (LEARNER role, one-time
 * password link, outbox message), enrolments (with NOT_EXPECTED rows for sessions already held
 * and the stored completion recomputed) and audit rows — or nothing. The rows are checked
 * again inside the transaction: if something changed since the preview, nothing is written.
 */
export async function commitBatch({
  scope,
  actor: given,
  token,
  origin,
}: {
  scope: AreaScope;
  actor: Actor;
  token: string;
  /** the public address the invitations link to */
  origin: string;
}): Promise<CommitResult> {
  const actor = { ...given, now: given.now ?? new Date() };
  const { now } = actor;
  const batch = await getBatch({ actor, token });
  if (!batch) return { ok: false, reason: "not-found" };
  if (batch.status === "COMMITTED") return { ok: true, result: batch.summary.result!, alreadyDone: true };
  if (progress.get(token)?.state === "running") return { ok: false, reason: "running" };
  setProgress(token, { state: "running", processed: 0, total: batch.rowCount });
  try {
    const result = await prisma.$transaction(
      async (tx) => {
        const claimed = await tx.importBatch.updateMany({
          where: { id: batch.id, status: "PREVIEW" },
          data: { status: "COMMITTED", committedAt: now },
        });
        if (claimed.count === 0) throw new AlreadyClaimed("The batch was committed meanwhile");
        const plan = await planImport(tx, { scope, actor, rows: batch.rows });
        if (plan.errors.length > 0) throw new PlanChanged(plan.errors);
        const written = { people: 0, existing: plan.summary.existing, enrolments: 0, accounts: 0 };
        for (let start = 0; start < plan.items.length; start += CHUNK) {
          const chunk = plan.items.slice(start, start + CHUNK);
          const created = await createPeople(tx, { actor, chunk, origin });
          written.people += created.people;
          written.accounts += created.accounts;
          written.enrolments += await enrolChunk(tx, { actor, chunk, idByEmail: created.idByEmail });
          setProgress(token, {
            state: "running",
            processed: Math.min(start + CHUNK, plan.items.length),
            total: plan.items.length,
          });
          await breathe();
        }
        await tx.importBatch.update({
          select: { id: true },
          where: { id: batch.id },
          // The rows are personal data now stored in Person: the batch keeps only the counts.
          data: {
            rows: "[]",
            summary: JSON.stringify({ preview: batch.summary.preview, result: written } satisfies BatchSummary),
          },
        });
        return written;
      },
      { timeout: 15 * 60_000, maxWait: 10_000 },
    );
    setProgress(token, { state: "done", processed: batch.rowCount, total: batch.rowCount });
    return { ok: true, result, alreadyDone: false };
  } catch (error) {
    setProgress(token, { state: "failed", processed: 0, total: batch.rowCount });
    if (error instanceof AlreadyClaimed) {
      const again = await getBatch({ actor, token });
      if (again?.status === "COMMITTED" && again.summary.result)
        return { ok: true, result: again.summary.result, alreadyDone: true };
      return { ok: false, reason: "not-found" };
    }
    if (error instanceof PlanChanged) return { ok: false, reason: "changed", errors: error.errors };
    throw error;
  }
}

let lastBreath = 0;

/**
 * Lets the event loop answer other requests (the progress polls) when the commit has worked
 * for a while: Prisma's queries on better-sqlite3 resolve without giving the loop a turn.
 */
async function breathe() {
  if (Date.now() - lastBreath < BREATHE_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastBreath = Date.now();
}

async function createPeople(
  tx: Tx,
  { actor, chunk, origin }: { actor: Actor & { now: Date }; chunk: PlanItem[]; origin: string },
) {
  const idByEmail = new Map<string, number>();
  for (const item of chunk) if (item.existingId !== null) idByEmail.set(item.row.email, item.existingId);
  const fresh = chunk.filter((i) => i.existingId === null);
  if (fresh.length === 0) return { idByEmail, people: 0, accounts: 0 };
  const people = await tx.person.createManyAndReturn({
    data: fresh.map(({ row, organisationId }) => ({
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      organisationId,
      position: row.position,
      role: row.role,
      office: row.office,
      gender: row.gender,
      birthYear: row.birthYear,
      educationLevel: row.educationLevel,
    })),
    select: { id: true, firstName: true, lastName: true, email: true, organisationId: true, position: true },
  });
  for (const p of people) idByEmail.set(p.email!, p.id);
  const entries: Parameters<typeof auditMany>[2] = people.map((p) => ({
    action: "person.create",
    entity: "Person",
    entityId: p.id,
    after: p,
  }));

  const withAccount = fresh.filter((i) => i.account);
  let accounts = 0;
  if (withAccount.length > 0) {
    const users = await tx.user.createManyAndReturn({
      data: withAccount.map((i) => ({ email: i.row.email, personId: idByEmail.get(i.row.email)! })),
      select: { id: true, email: true },
    });
    const roles: Prisma.RoleAssignmentCreateManyInput[] = users.map((u) => ({
      userId: u.id,
      role: "LEARNER",
      areaId: null,
    }));
    await tx.roleAssignment.createMany({ data: roles });
    const tokens = users.map((u) => ({ user: u, token: randomBytes(32).toString("base64url") }));
    await tx.passwordToken.createMany({
      data: tokens.map(({ user, token }) => ({
        tokenHash: hashToken(token),
        purpose: "SET_PASSWORD" as const,
        userId: user.id,
        createdById: actor.userId,
        expiresAt: new Date(actor.now.getTime() + PASSWORD_LINK_DAYS * 24 * 3600 * 1000),
      })),
    });
    const firstName = new Map(withAccount.map((i) => [i.row.email, i.row.firstName]));
    for (const { user, token } of tokens) {
      await queueMail(tx, {
        to: user.email,
        ...accountInvitation(firstName.get(user.email) ?? "", origin, token),
      });
      entries.push({
        action: "role.grant",
        entity: "User",
        entityId: user.id,
        after: [{ userId: user.id, role: "LEARNER", areaId: null }],
      });
    }
    accounts = users.length;
  }
  await auditMany(tx, actor, entries);
  return { idByEmail, people: people.length, accounts };
}

async function enrolChunk(
  tx: Tx,
  { actor, chunk, idByEmail }: { actor: Actor & { now: Date }; chunk: PlanItem[]; idByEmail: Map<string, number> },
) {
  const byEdition = new Map<number, { edition: { id: number; moduleId: number }; personIds: number[] }>();
  for (const item of chunk) {
    if (!item.enrolInto) continue;
    const group = byEdition.get(item.enrolInto.id) ?? { edition: item.enrolInto, personIds: [] };
    group.personIds.push(idByEmail.get(item.row.email)!);
    byEdition.set(item.enrolInto.id, group);
  }
  let count = 0;
  for (const { edition, personIds } of byEdition.values()) {
    // A few people at a time: each enrolment recomputes a stored completion (~10 queries).
    for (let i = 0; i < personIds.length; i += 5) {
      count += (await enrolInTransaction(tx, { actor, edition, personIds: personIds.slice(i, i + 5) })).length;
      await breathe();
    }
  }
  return count;
}

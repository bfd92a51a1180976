/**
 * PA digitale 2026 funded applications (open data DTD, CC BY 4.0) → FundedMeasure rows, the
 * source of the PIAT-08 prefill (docs/phase2.md, "PA digitale 2026 prefill"). The import is
 * all-or-nothing, like the roster import: one bad row in any file and nothing is written.
 * Rows are matched to organisations by IndicePA code; rows of bodies the database does not
 * hold (schools, unioni di comuni) are kept unlinked and counted as `unmatched`, so they link
 * once the body is added and the files are imported again.
 */
import { CsvError, parse } from "csv-parse/sync";
import type { Actor } from "~/access/scope.server";
import { Prisma } from "~/generated/prisma/client";
import {
  applicationKey,
  dedupeFundedRows,
  parseFundedFile,
  stateRank,
  type FundedRow,
  type FundedRowError,
} from "~/domain/padigitale2026";
import { audit } from "~/utils/audit.server";
import { inSlices, prisma, SLICE, type PrismaClient, type Tx } from "~/utils/db.server";

export type FundedImportCounts = {
  files: number;
  /** rows read from all the files */
  read: number;
  /** rows dropped for a newer row of the same application (CUP + avviso) in the files */
  duplicates: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** applications stored in a final state (E, R) that the files still show as A: left as stored */
  older: number;
  /** applications (after duplicates) of bodies with no organisation of that IPA code: stored unlinked */
  unmatched: number;
  badRows: number;
};

export type FundedImportResult = { ok: boolean; counts: FundedImportCounts; errors: FundedRowError[] };

// ───────────────────────────── reading ─────────────────────────────

/**
 * Reads one CSV text into records that know the line they start on. The open data use `,`;
 * a file saved again by a spreadsheet with `;` is read too.
 */
function readCsv(name: string, text: string): { records: { line: number; cells: string[] }[] } | FundedRowError {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  let parsed: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    parsed = parse(text, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      return { file: name, line, messages: ["Il file CSV non è leggibile: controlla le virgolette."] };
    }
    throw error;
  }
  // NOTE: csv-parse reports the line a record ends on; a quoted line break makes a record
  // span lines, so the start is one past the previous record's end and the empty lines skipped.
  let end = 0;
  let empty = 0;
  const records = parsed.map(({ record, info }) => {
    const line = end + (info.empty_lines - empty) + 1;
    end = info.lines;
    empty = info.empty_lines;
    return { line, cells: record };
  });
  return { records };
}

// ───────────────────────────── the import ─────────────────────────────

type Stored = {
  id: number;
  cup: string;
  notice: string;
  organisationId: number | null;
  ipaCode: string;
  measure: string;
  amountEuro: number;
  submittedOn: Date | null;
  fundedOn: Date | null;
  state: string | null;
};

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function columnsOf(row: FundedRow, organisationId: number | null) {
  return {
    organisationId,
    ipaCode: row.ipaCode,
    measure: row.measure,
    notice: row.notice,
    amountEuro: row.amountEuro,
    submittedOn: row.submittedOn,
    fundedOn: row.fundedOn,
    cup: row.cup,
    state: row.state,
  };
}

function isUnchanged(stored: Stored, row: FundedRow, organisationId: number | null) {
  return (
    stored.organisationId === organisationId &&
    stored.ipaCode === row.ipaCode &&
    stored.measure === row.measure &&
    stored.amountEuro === row.amountEuro &&
    sameDay(stored.submittedOn, row.submittedOn) &&
    sameDay(stored.fundedOn, row.fundedOn) &&
    stored.state === row.state
  );
}

/**
 * Imports PA digitale 2026 CSV files (the comuni file and the per-measure files, any mix):
 * checks every row of every file, keeps one row per application (the newest snapshot,
 * `dedupeFundedRows`; pass the files oldest first for ties), and in ONE transaction upserts
 * them by (CUP, avviso), links them by IPA code and writes one audit row. With a bad row
 * anywhere nothing is written and `errors` lists every bad row. Importing the same files
 * again changes nothing: every row counts as unchanged. `db` is for the seed's own client.
 */
export async function importFundedMeasures({
  actor,
  files,
  db = prisma,
}: {
  actor: Actor;
  files: readonly { name: string; text: string }[];
  db?: PrismaClient;
}): Promise<FundedImportResult> {
  const counts: FundedImportCounts = {
    files: files.length,
    read: 0,
    duplicates: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    older: 0,
    unmatched: 0,
    badRows: 0,
  };
  const rows: FundedRow[] = [];
  const errors: FundedRowError[] = [];
  for (const { name, text } of files) {
    const read = readCsv(name, text);
    if (!("records" in read)) {
      errors.push(read);
      continue;
    }
    const parsed = parseFundedFile({ file: name, records: read.records });
    rows.push(...parsed.rows);
    errors.push(...parsed.errors);
  }
  if (files.length === 0) errors.push({ file: "", line: 0, messages: ["Nessun file da importare."] });
  counts.read = rows.length + errors.filter((e) => e.line > 1).length;
  counts.badRows = errors.length;
  if (errors.length > 0) return { ok: false, counts, errors };

  const distinct = dedupeFundedRows(rows);
  counts.duplicates = distinct.replaced;
  const now = actor.now ?? new Date();

  const write = () =>
    db.$transaction(
      async (tx) => {
        const c = { inserted: 0, updated: 0, unchanged: 0, older: 0, unmatched: 0 };
        const ipaCodes = [...new Set(distinct.rows.map((r) => r.ipaCode))];
        const organisations = await inSlices(ipaCodes, (slice) =>
          tx.organisation.findMany({ where: { ipaCode: { in: slice } }, select: { id: true, ipaCode: true } }),
        );
        const organisationOf = new Map(organisations.map((o) => [o.ipaCode, o.id]));
        const cups = [...new Set(distinct.rows.map((r) => r.cup))];
        const stored = await inSlices(cups, (slice) =>
          tx.fundedMeasure.findMany({
            where: { cup: { in: slice } },
            select: {
              id: true,
              cup: true,
              notice: true,
              organisationId: true,
              ipaCode: true,
              measure: true,
              amountEuro: true,
              submittedOn: true,
              fundedOn: true,
              state: true,
            },
          }),
        );
        const storedOf = new Map(stored.map((s) => [applicationKey(s), s]));

        const inserts: Prisma.FundedMeasureCreateManyInput[] = [];
        for (const row of distinct.rows) {
          const organisationId = organisationOf.get(row.ipaCode) ?? null;
          if (organisationId === null) c.unmatched++;
          const current = storedOf.get(applicationKey(row));
          if (!current) {
            inserts.push({ ...columnsOf(row, organisationId), importedAt: now });
            c.inserted++;
          } else if (stateRank(current.state) > stateRank(row.state)) {
            // An older snapshot (A) of an application already paid out or withdrawn: keep
            // what is stored, but follow the body's organisation, which does not age.
            if (current.organisationId === organisationId) c.older++;
            else {
              await tx.fundedMeasure.update({ where: { id: current.id }, data: { organisationId } });
              c.updated++;
            }
          } else if (isUnchanged(current, row, organisationId)) {
            c.unchanged++;
          } else {
            await tx.fundedMeasure.update({
              where: { id: current.id },
              data: { ...columnsOf(row, organisationId), importedAt: now },
            });
            c.updated++;
          }
        }
        for (let i = 0; i < inserts.length; i += SLICE) {
          await tx.fundedMeasure.createMany({ data: inserts.slice(i, i + SLICE) });
        }
        await audit(tx, actor, {
          action: "funded_measure.import",
          entity: "FundedMeasure",
          entityId: "padigitale2026",
          after: { ...counts, ...c, fileNames: files.map((f) => f.name) },
        });
        return c;
      },
      { timeout: 60_000 },
    );

  let written;
  try {
    written = await write();
  } catch (error) {
    // Two imports at once may both insert the same application: the second run sees the
    // first one's rows and finds them unchanged.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    written = await write();
  }
  return { ok: true, counts: { ...counts, ...written }, errors: [] };
}

// ───────────────────────────── reading for the prefill ─────────────────────────────

export type FundedMeasureSummary = {
  id: number;
  measure: string;
  notice: string;
  amountEuro: number;
  state: string | null;
  cup: string;
  submittedOn: Date | null;
  fundedOn: Date | null;
  importedAt: Date;
};

/**
 * The funded applications of each organisation (every id asked for has an entry, maybe
 * empty), ordered by measure and avviso: what `piat08Prefill` reads. The caller passes ids
 * already in its scope.
 */
export async function fundedMeasuresByOrganisation({
  organisationIds,
  db = prisma,
}: {
  organisationIds: readonly number[];
  db?: PrismaClient | Tx;
}): Promise<Map<number, FundedMeasureSummary[]>> {
  const ids = [...new Set(organisationIds)];
  const rows = await inSlices(ids, (slice) =>
    db.fundedMeasure.findMany({
      where: { organisationId: { in: slice } },
      select: {
        id: true,
        organisationId: true,
        measure: true,
        notice: true,
        amountEuro: true,
        state: true,
        cup: true,
        submittedOn: true,
        fundedOn: true,
        importedAt: true,
      },
      orderBy: [{ measure: "asc" }, { notice: "asc" }, { id: "asc" }],
    }),
  );
  const byOrganisation = new Map<number, FundedMeasureSummary[]>(ids.map((id) => [id, []]));
  for (const { organisationId, ...row } of rows)
    if (organisationId !== null) byOrganisation.get(organisationId)?.push(row);
  return byOrganisation;
}

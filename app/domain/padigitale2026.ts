/**
 * PA digitale 2026 open data (funded applications, "candidature finanziate"; DTD, CC BY 4.0):
 * the rows of its CSV files and the PIAT-08 prefill made from them (docs/phase2.md, "PA
 * digitale 2026 prefill"). Pure: the files are read and the rows written in
 * app/models/funded-measures.server.ts. Messages are Italian, one per problem, so every bad
 * row can be listed with its file and line.
 *
 * Two header shapes are accepted, matched by column name: the comuni file of 2022-11-26
 * (15 columns, no `misura`) and the per-measure files `candidature_finanziate_<misura>.csv`
 * (with `misura`, `tipologia_ente`, and in the newer ones `data_stato_candidatura`, in
 * differing orders). Columns we do not read are ignored.
 */
import { z } from "zod";
import { isCalendarDate } from "~/domain/dates";

// ───────────────────────────── the columns ─────────────────────────────

export const REQUIRED_COLUMNS = [
  "codice_ipa",
  "comune",
  "cod_comune",
  "importo_finanziamento",
  "avviso",
  "data_invio_candidatura",
  "data_finanziamento",
  "codice_cup",
  "stato_candidatura",
] as const;
/** `tipologia_ente` and the other columns are not read. */
const OPTIONAL_COLUMNS = ["ente", "data_stato_candidatura", "misura"] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** `A` funded (assegnataria), `E` paid out after the project was certified (erogato), `R` withdrawn (rinuncia). */
export type FundedState = "A" | "E" | "R";

/** A row that passed its checks: what a FundedMeasure is made of. */
export type FundedRow = {
  file: string;
  line: number;
  /** lower case: `c_a550` */
  ipaCode: string;
  /** the body's name (`ente`), when the file has it */
  body: string | null;
  comune: string;
  istatCode: string;
  /** the PNRR measure, `1.4.1` */
  measure: string;
  /** the avviso as written, runs of white space as one space */
  notice: string;
  amountEuro: number;
  submittedOn: Date | null;
  fundedOn: Date | null;
  cup: string;
  state: FundedState;
  /** `data_stato_candidatura`: the day of the current state (newer exports only) */
  stateOn: Date | null;
};

export type FundedRowError = { file: string; line: number; messages: string[] };

// ───────────────────────────── values ─────────────────────────────

const MEASURE_CODE = /^(\d+(?:\.\d+)+)/;

/**
 * The measure an avviso belongs to, from the number it starts with ("1.4.4 Adozione SPID CIE -
 * Comuni - Aprile 2022" → "1.4.4"). The joint 1.1/1.2 avviso for health bodies names its
 * share at the end ("… (quota 1.2)"), which then wins. Null when the text names none.
 */
export function measureOfNotice(notice: string): string | null {
  const share = /\(quota (\d+(?:\.\d+)+)\)\s*$/.exec(notice);
  if (share) return share[1];
  return MEASURE_CODE.exec(notice.trim())?.[1] ?? null;
}

/** The measure of a `misura` cell ("1.4.1 Esperienza del cittadino nei servizi pubblici" → "1.4.1"). */
export function measureOfMisura(misura: string): string | null {
  return MEASURE_CODE.exec(misura.trim())?.[1] ?? null;
}

/** Runs of white space (the source has "SPID CIE  - Comuni") as one space, trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/** "2022-04-29T06:54:02.000+0000" as an instant; null when it is not a real day and time. */
export function parseTimestamp(text: string): Date | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m || !isCalendarDate(m[1])) return null;
  const [year, month, day] = m[1].split("-").map(Number);
  const millis = Number((m[5] ?? "0").padEnd(3, "0"));
  let offsetMinutes = 0;
  if (m[6] !== "Z") {
    const digits = m[6].replace(":", "");
    offsetMinutes = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc = Date.UTC(year, month - 1, day, Number(m[2]), Number(m[3]), Number(m[4]), millis);
  return new Date(utc - offsetMinutes * 60_000);
}

/** "2022-08-19" as midnight UTC of that day; null when it is not a real day. */
export function parseDay(text: string): Date | null {
  const t = text.trim();
  return isCalendarDate(t) ? new Date(`${t}T00:00:00.000Z`) : null;
}

const text = (column: string, max: number) =>
  z
    .string()
    .transform(collapseSpaces)
    .pipe(
      z.string().min(1, `Manca il valore della colonna ${column}.`).max(max, `${column}: al massimo ${max} caratteri.`),
    );

/** An empty cell is an unknown day; a filled one must be a real one. */
const optionalDay = (column: string, label: string) =>
  z.string().transform((raw, ctx) => {
    if (raw.trim() === "") return null;
    const day = parseDay(raw);
    if (day) return day;
    ctx.addIssue({
      code: "custom",
      message: `${label} «${raw.trim()}» non valida (colonna ${column}): attesa una data reale nella forma 2022-08-19.`,
    });
    return z.NEVER;
  });

const RowSchema = z.object({
  codice_ipa: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: "Manca il codice IPA dell'ente (colonna codice_ipa)." });
      else if (!/^[a-z0-9_]{2,32}$/.test(v))
        ctx.addIssue({ code: "custom", message: `Codice IPA «${v}» non valido: lettere, cifre e trattino basso.` });
      return v;
    }),
  ente: z
    .string()
    .transform(collapseSpaces)
    .transform((v) => v || null),
  comune: text("comune", 120),
  cod_comune: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Codice ISTAT del comune non valido (colonna cod_comune): servono 6 cifre, per esempio 018007."),
  importo_finanziamento: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (/^\d{1,12}(\.\d+)?$/.test(v)) return Math.round(Number(v) * 100) / 100;
      ctx.addIssue({
        code: "custom",
        message: v
          ? `Importo «${v}» non valido (colonna importo_finanziamento): atteso un numero in euro con il punto decimale, per esempio 79922.0.`
          : "Manca l'importo del finanziamento (colonna importo_finanziamento).",
      });
      return z.NEVER;
    }),
  avviso: text("avviso", 300),
  data_invio_candidatura: z.string().transform((raw, ctx) => {
    if (raw.trim() === "") return null;
    const at = parseTimestamp(raw);
    if (at) return at;
    ctx.addIssue({
      code: "custom",
      message: `Data di invio «${raw.trim()}» non valida (colonna data_invio_candidatura): attesa nella forma 2022-04-29T06:54:02.000+0000.`,
    });
    return z.NEVER;
  }),
  data_finanziamento: optionalDay("data_finanziamento", "Data di finanziamento"),
  codice_cup: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v, ctx) => {
      if (v === "")
        ctx.addIssue({
          code: "custom",
          message: "Manca il CUP (colonna codice_cup): serve a riconoscere la candidatura.",
        });
      else if (!/^[A-Z0-9]{15}$/.test(v))
        ctx.addIssue({
          code: "custom",
          message: `CUP «${v}» non valido: il codice CUP ha 15 caratteri, lettere e cifre.`,
        });
      return v;
    }),
  stato_candidatura: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v, ctx) => {
      if (v === "A" || v === "E" || v === "R") return v;
      ctx.addIssue({
        code: "custom",
        message: v
          ? `Stato della candidatura «${v}» non valido: atteso A (finanziata), E (erogata) o R (rinuncia).`
          : "Manca lo stato della candidatura (colonna stato_candidatura): A, E o R.",
      });
      return z.NEVER;
    }),
  data_stato_candidatura: optionalDay("data_stato_candidatura", "Data dello stato"),
  misura: z.string().transform(collapseSpaces),
});

// ───────────────────────────── a file ─────────────────────────────

/** A file as read by the CSV reader: the header on line 1, then each record with the line it starts on. */
export type FundedFileInput = { file: string; records: readonly { line: number; cells: readonly string[] }[] };

const headerKey = (cell: string) =>
  cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();

/**
 * Checks every row of one file (each problem of each row is reported). A header without a
 * required column, or a file with no row after it, is one error on line 1 and no rows.
 */
export function parseFundedFile(input: FundedFileInput): { rows: FundedRow[]; errors: FundedRowError[] } {
  const { file } = input;
  const [header, ...records] = input.records;
  const fileError = (messages: string[]) => ({ rows: [], errors: [{ file, line: header?.line ?? 1, messages }] });
  if (!header) return fileError(["Il file è vuoto."]);
  const names = header.cells.map(headerKey);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return fileError([
      `Mancano le colonne ${missing.join(", ")}: il file non sembra un export delle candidature finanziate di PA digitale 2026.`,
    ]);
  }
  const repeated = names.filter((n, i) => COLUMNS.includes(n) && names.indexOf(n) !== i);
  if (repeated.length > 0) return fileError([`La colonna «${repeated[0]}» compare più di una volta.`]);
  const data = records.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (data.length === 0) return fileError(["Il file non contiene righe dopo le intestazioni."]);

  const rows: FundedRow[] = [];
  const errors: FundedRowError[] = [];
  for (const { line, cells } of data) {
    if (cells.length !== names.length) {
      errors.push({
        file,
        line,
        messages: [
          `La riga ha ${cells.length} colonne, l'intestazione ${names.length}: controlla virgole e virgolette.`,
        ],
      });
      continue;
    }
    const values = Object.fromEntries(
      COLUMNS.map((c) => [c, names.includes(c) ? (cells[names.indexOf(c)] ?? "") : ""]),
    ) as Record<Column, string>;
    const parsed = RowSchema.safeParse(values);
    if (!parsed.success) {
      errors.push({ file, line, messages: parsed.error.issues.map((i) => i.message) });
      continue;
    }
    const v = parsed.data;
    const fromNotice = measureOfNotice(v.avviso);
    const measure = v.misura ? measureOfMisura(v.misura) : fromNotice;
    if (!measure) {
      errors.push({
        file,
        line,
        messages: [
          v.misura
            ? `Misura «${v.misura}» non riconoscibile: deve iniziare con il suo numero, per esempio 1.4.1.`
            : `Misura non riconoscibile: l'avviso «${v.avviso}» non inizia con il numero della misura (per esempio 1.4.1) e il file non ha la colonna misura.`,
        ],
      });
      continue;
    }
    rows.push({
      file,
      line,
      ipaCode: v.codice_ipa,
      body: v.ente,
      comune: v.comune,
      istatCode: v.cod_comune,
      measure,
      notice: v.avviso,
      amountEuro: v.importo_finanziamento,
      submittedOn: v.data_invio_candidatura,
      fundedOn: v.data_finanziamento,
      cup: v.codice_cup,
      state: v.stato_candidatura,
      stateOn: v.data_stato_candidatura,
    });
  }
  return { rows, errors };
}

// ───────────────────────────── the same application in several files ─────────────────────────────

/** The key of an application: its CUP and its avviso (a CUP re-applied in a later window is another row). */
export const applicationKey = (row: { cup: string; notice: string }) => `${row.cup}\u0000${row.notice}`;

/** A or R/E: an application moves from A (funded) to E (paid out) or R (withdrawn), never back. */
export const stateRank = (state: string | null) => (state === "E" || state === "R" ? 1 : 0);

const time = (d: Date | null) => (d ? d.getTime() : Number.NEGATIVE_INFINITY);

/**
 * Whether row `a` is a newer snapshot of the same application than row `b`. The files carry
 * no snapshot date, so it is read from the row: a final state (E, R) is newer than A; then
 * the later day of the state (`data_stato_candidatura`, or the funding day where the file is
 * too old to have that column); then a row that has `data_stato_candidatura` over one that
 * has not. Equal on all three: neither is newer.
 */
export function isNewerRow(a: FundedRow, b: FundedRow): boolean {
  if (stateRank(a.state) !== stateRank(b.state)) return stateRank(a.state) > stateRank(b.state);
  const [ta, tb] = [time(a.stateOn ?? a.fundedOn), time(b.stateOn ?? b.fundedOn)];
  if (ta !== tb) return ta > tb;
  return a.stateOn !== null && b.stateOn === null;
}

/**
 * One row per application (CUP + avviso) across files: the newest snapshot wins
 * (`isNewerRow`); on a tie the row read later wins, so pass the files oldest first.
 * `replaced` counts the rows dropped for a newer one.
 */
export function dedupeFundedRows(rows: readonly FundedRow[]): { rows: FundedRow[]; replaced: number } {
  const byKey = new Map<string, FundedRow>();
  for (const row of rows) {
    const key = applicationKey(row);
    const current = byKey.get(key);
    if (!current || !isNewerRow(current, row)) byKey.set(key, row);
  }
  return { rows: [...byKey.values()], replaced: rows.length - byKey.size };
}

// ───────────────────────────── the PIAT-08 prefill ─────────────────────────────

/** The six PA digitale 2026 measures with comuni among their beneficiaries (PHASE2 §1), in PIAT-08's order. */
export const PIAT08_MEASURES = [
  { code: "1.2", label: "Abilitazione e migrazione al cloud" },
  { code: "1.3.1", label: "Piattaforma Digitale Nazionale Dati (PDND)" },
  { code: "1.4.1", label: "Esperienza del cittadino nei servizi pubblici" },
  { code: "1.4.3", label: "Adozione di pagoPA e app IO" },
  { code: "1.4.4", label: "Identità digitale (SPID, CIE) e ANPR/ANSC" },
  { code: "1.4.5", label: "Notifiche digitali (SEND)" },
] as const;
export type Piat08MeasureCode = (typeof PIAT08_MEASURES)[number]["code"];

/** What the prefill reads of a funded application (a FundedMeasure row). */
export type PrefillMeasure = { measure: string; amountEuro: number; state: string | null };

/** Per measure: `paid` some application paid out (E), `funded` some funded (A), `withdrawn` only withdrawals (R). */
export type Piat08MeasureStatus = "paid" | "funded" | "withdrawn" | "none";

export type Piat08Prefill = {
  /** the suggested PLATFORM_STATE value: 0 none funded, 2 some, 4 all six; the referent confirms */
  value: 0 | 2 | 4;
  measures: { code: Piat08MeasureCode; label: string; status: Piat08MeasureStatus; amountEuro: number }[];
  /** codes of the measures funded (A or E) */
  funded: Piat08MeasureCode[];
  /** euros of the funded (A or E) applications of the six measures */
  totalEuro: number;
  /** shown beside the prefilled answer */
  sourceNote: string;
};

/** 123456.4 → "123.456" (whole euros, Italian thousands separator). */
export function formatEuro(amount: number): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

const isFunded = (state: string | null) => state !== "R";

/**
 * The suggested PIAT-08 answer of one comune from its funded applications. A measure counts
 * as funded when one of its applications is A (funded) or E (paid out); withdrawn ones (R)
 * and measures outside the six are left out, amounts included. Funding is not use: the value
 * is a suggestion the referent confirms. `asOf` is the day of the data (its month is shown).
 */
export function piat08Prefill(measures: readonly PrefillMeasure[], options: { asOf: Date }): Piat08Prefill {
  const perMeasure = PIAT08_MEASURES.map(({ code, label }) => {
    const rows = measures.filter((m) => m.measure === code);
    const funded = rows.filter((m) => isFunded(m.state));
    const status: Piat08MeasureStatus = funded.some((m) => m.state === "E")
      ? "paid"
      : funded.length > 0
        ? "funded"
        : rows.length > 0
          ? "withdrawn"
          : "none";
    const amountEuro = Math.round(funded.reduce((sum, m) => sum + m.amountEuro, 0) * 100) / 100;
    return { code, label, status, amountEuro };
  });
  const funded = perMeasure.filter((m) => m.status === "paid" || m.status === "funded").map((m) => m.code);
  const paid = perMeasure.filter((m) => m.status === "paid").map((m) => m.code);
  const withdrawn = perMeasure.filter((m) => m.status === "withdrawn").map((m) => m.code);
  const totalEuro = Math.round(perMeasure.reduce((sum, m) => sum + m.amountEuro, 0) * 100) / 100;
  const value = funded.length === 0 ? 0 : funded.length === PIAT08_MEASURES.length ? 4 : 2;

  const month = options.asOf.toISOString().slice(0, 7);
  let sourceNote = `Da PA digitale 2026 (open data DTD, CC BY 4.0), candidature finanziate al ${month}: `;
  sourceNote += funded.length > 0 ? `${funded.join(", ")} — €${formatEuro(totalEuro)}` : "nessuna";
  if (paid.length > 0) sourceNote += `; saldo erogato: ${paid.join(", ")}`;
  if (withdrawn.length > 0) sourceNote += `; rinuncia: ${withdrawn.join(", ")}`;
  sourceNote += ".";
  return { value, measures: perMeasure, funded, totalEuro, sourceNote };
}

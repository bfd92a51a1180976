/**
 * The roster file (persone da CSV o XLSX): columns, limits and the validation of each row.
 * Pure: the file is read and the organisations, editions and people are looked up in
 * app/models/roster-import.server.ts. Messages are Italian, one per problem, so the preview
 * can list every bad row with its line number.
 */
import { z } from "zod";

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export const IMPORT_COLUMNS = [
  "nome",
  "cognome",
  "email",
  "ente",
  "ruolo",
  "carica",
  "ufficio",
  "genere",
  "anno_nascita",
  "titolo_studio",
  "edizione",
  "account",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["nome", "cognome", "email", "ente", "ruolo"];

/** Other spellings of the headers that spreadsheets in the wild carry. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  e_mail: "email",
  mail: "email",
  posta_elettronica: "email",
  anno_di_nascita: "anno_nascita",
  titolo_di_studio: "titolo_studio",
  codice_edizione: "edizione",
  qualifica: "carica",
};

/** Lower case, no accents, runs of spaces, dashes and underscores as one separator. */
function fold(value: string, separator: string) {
  return value
    .replace(/^\uFEFF/, "")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, separator);
}

/** The column a header names, or null when it names none of ours (such columns are ignored). */
export function columnOf(header: string): ImportColumn | null {
  const key = fold(header, "_");
  if ((IMPORT_COLUMNS as readonly string[]).includes(key)) return key as ImportColumn;
  return HEADER_ALIASES[key] ?? null;
}

/** Maps the header row to columns; a missing required column or a repeated one is a file error. */
export function mapHeader(cells: readonly string[]): { columns: (ImportColumn | null)[]; errors: string[] } {
  const columns = cells.map(columnOf);
  const errors: string[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    errors.push(
      `Mancano le colonne obbligatorie: ${missing.join(", ")}. La prima riga deve contenere le intestazioni (${IMPORT_COLUMNS.join(", ")}).`,
    );
  }
  const seen = new Set<ImportColumn>();
  for (const c of columns) {
    if (!c) continue;
    if (seen.has(c)) errors.push(`La colonna «${c}» compare più di una volta.`);
    seen.add(c);
  }
  return { columns, errors };
}

const POSITION_WORDS: Record<string, "ADMINISTRATOR" | "EMPLOYEE"> = {
  amministratore: "ADMINISTRATOR",
  amministratrice: "ADMINISTRATOR",
  administrator: "ADMINISTRATOR",
  dipendente: "EMPLOYEE",
  employee: "EMPLOYEE",
};

const GENDER_WORDS: Record<string, "F" | "M" | "NON_BINARY" | "NOT_STATED"> = {
  "": "NOT_STATED",
  f: "F",
  donna: "F",
  m: "M",
  uomo: "M",
  nb: "NON_BINARY",
  "non binario": "NON_BINARY",
  "non binaria": "NON_BINARY",
  "non binary": "NON_BINARY",
  nd: "NOT_STATED",
  "non dichiarato": "NOT_STATED",
  "non dichiarata": "NOT_STATED",
  "not stated": "NOT_STATED",
};

const EDUCATION_WORDS: Record<string, "ISCED_0_2" | "ISCED_3_4" | "ISCED_5_8" | "NOT_STATED"> = {
  "": "NOT_STATED",
  "isced 0 2": "ISCED_0_2",
  "fino alla licenza media": "ISCED_0_2",
  "licenza media": "ISCED_0_2",
  "isced 3 4": "ISCED_3_4",
  diploma: "ISCED_3_4",
  "isced 5 8": "ISCED_5_8",
  laurea: "ISCED_5_8",
  nd: "NOT_STATED",
  "non dichiarato": "NOT_STATED",
};

const ACCOUNT_WORDS: Record<string, boolean> = {
  "": false,
  si: true,
  yes: true,
  x: true,
  "1": true,
  vero: true,
  true: true,
  no: false,
  "0": false,
  falso: false,
  false: false,
};

/** A value chosen from a list of words (case, accents and separators do not matter). */
function choice<T>(words: Record<string, T>, message: (value: string) => string) {
  return z.string().transform((raw, ctx) => {
    const key = fold(raw, " ");
    if (key in words) return words[key];
    ctx.addIssue({ code: "custom", message: message(raw.trim()) });
    return z.NEVER;
  });
}

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}: al massimo ${max} caratteri.`)
    .transform((v) => v || undefined);

const currentYear = new Date().getFullYear();

/** One row of the file, every cell as text (missing cells are ""). */
export const ImportRowSchema = z.object({
  nome: z.string().trim().min(1, "Manca il nome.").max(80, "Nome troppo lungo (al massimo 80 caratteri)."),
  cognome: z.string().trim().min(1, "Manca il cognome.").max(80, "Cognome troppo lungo (al massimo 80 caratteri)."),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Manca l'email: serve a riconoscere chi è già registrato.")
    .max(254, "Email troppo lunga.")
    .pipe(z.email("Email non valida.")),
  ente: z
    .string()
    .trim()
    .min(1, "Manca l'ente (nome dell'ente o codice ISTAT del comune).")
    .max(200, "Ente: al massimo 200 caratteri."),
  ruolo: choice(POSITION_WORDS, (v) =>
    v
      ? `Ruolo «${v}» non valido: scrivi «amministratore» o «dipendente».`
      : "Manca il ruolo: scrivi «amministratore» o «dipendente».",
  ),
  carica: optionalText("Carica", 80),
  ufficio: optionalText("Ufficio", 80),
  genere: choice(
    GENDER_WORDS,
    (v) => `Genere «${v}» non valido: usa F, M, NB o ND (oppure donna, uomo, non binario, non dichiarato).`,
  ),
  anno_nascita: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return undefined;
      const year = /^\d{4}$/.test(v) ? Number(v) : NaN;
      if (Number.isNaN(year)) {
        ctx.addIssue({
          code: "custom",
          message: `Anno di nascita «${v}» non valido: scrivi l'anno con quattro cifre, per esempio 1975.`,
        });
        return z.NEVER;
      }
      if (year < currentYear - 100 || year > currentYear - 16) {
        ctx.addIssue({ code: "custom", message: `Anno di nascita ${year} non plausibile.` });
        return z.NEVER;
      }
      return year;
    }),
  titolo_studio: choice(
    EDUCATION_WORDS,
    (v) =>
      `Titolo di studio «${v}» non valido: usa ISCED_0_2, ISCED_3_4, ISCED_5_8 oppure «fino alla licenza media», «diploma», «laurea».`,
  ),
  edizione: z
    .string()
    .trim()
    .toUpperCase()
    .max(40, "Codice edizione troppo lungo.")
    .transform((v) => v || undefined),
  account: choice(ACCOUNT_WORDS, (v) => `Valore «${v}» non valido nella colonna account: scrivi «sì» o «no».`),
});

/** A row that passed the checks of this file: what the people, enrolments and accounts are made from. */
export type ImportRow = {
  line: number;
  firstName: string;
  lastName: string;
  email: string;
  /** the organisation as written: its name or the comune's ISTAT code */
  organisation: string;
  position: "ADMINISTRATOR" | "EMPLOYEE";
  role: string | null;
  office: string | null;
  gender: "F" | "M" | "NON_BINARY" | "NOT_STATED";
  birthYear: number | null;
  educationLevel: "ISCED_0_2" | "ISCED_3_4" | "ISCED_5_8" | "NOT_STATED";
  /** edition code to enrol into */
  edition: string | null;
  account: boolean;
};

export type RowError = { line: number; messages: string[] };

export type RawRecord = { line: number; values: Partial<Record<ImportColumn, string>> };

/**
 * Validates every record (each problem of each row is reported) and flags an email that
 * appears twice in the file, naming the line where it first appeared.
 */
export function validateRecords(records: readonly RawRecord[]): { rows: ImportRow[]; errors: RowError[] } {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const values = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, record.values[c] ?? ""]));
    const parsed = ImportRowSchema.safeParse(values);
    const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    const email = parsed.success ? parsed.data.email : (values.email ?? "").trim().toLowerCase();
    if (email) {
      const seen = firstLine.get(email);
      if (seen !== undefined) messages.push(`Email ${email} già presente alla riga ${seen} del file.`);
      else firstLine.set(email, record.line);
    }
    if (messages.length > 0 || !parsed.success) {
      errors.push({ line: record.line, messages });
      continue;
    }
    const v = parsed.data;
    rows.push({
      line: record.line,
      firstName: v.nome,
      lastName: v.cognome,
      email: v.email,
      organisation: v.ente,
      position: v.ruolo,
      role: v.carica ?? null,
      office: v.ufficio ?? null,
      gender: v.genere,
      birthYear: v.anno_nascita ?? null,
      educationLevel: v.titolo_studio,
      edition: v.edizione ?? null,
      account: v.account,
    });
  }
  return { rows, errors };
}

/** Step 2 of the import: the batch to commit (its token, from the preview). */
export const ImportCommitSchema = z.object({
  intent: z.literal("commit"),
  token: z
    .string({ error: "Importazione non trovata: carica di nuovo il file." })
    .regex(/^[\w-]{20,64}$/, "Importazione non trovata: carica di nuovo il file."),
});

/** The status route's query string. */
export const ImportStatusSchema = z.object({ lotto: z.string().regex(/^[\w-]{20,64}$/) });

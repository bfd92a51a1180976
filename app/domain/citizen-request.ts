/**
 * Citizens' requests (docs/phase2.md, spec PHASE2 §5.2): the public form, the receipt code,
 * the checks a moderator is warned by. Pure: randomness and the clock come in as values.
 */
import { z } from "zod";

export const TOPICS = {
  ANAGRAFE: "Anagrafe e certificati",
  TRIBUTI: "Tributi e pagamenti",
  SCUOLA: "Scuola e servizi all'infanzia",
  EDILIZIA: "Edilizia e urbanistica",
  SUAP: "Attività produttive (SUAP)",
  SOCIALE: "Servizi sociali",
  RIFIUTI: "Rifiuti e ambiente",
  STRADE: "Strade, illuminazione e segnalazioni",
  TURISMO: "Turismo e cultura",
  SITO_WEB: "Sito web e servizi online",
  CONNESSIONE: "Connessione internet",
  ALTRO: "Altro",
} as const;
export type Topic = keyof typeof TOPICS;

export const AGE_BANDS = { AGE_14_34: "14–34 anni", AGE_35_64: "35–64 anni", AGE_65_PLUS: "65 anni e più" } as const;

export const REJECT_REASONS = {
  OFF_TOPIC: "Non riguarda i servizi digitali del comune",
  PERSONAL_CASE: "È un caso personale: va seguito allo sportello",
  OFFENSIVE: "Contiene espressioni offensive",
  DUPLICATE: "È uguale a un'altra richiesta",
  PERSONAL_DATA: "Contiene dati personali",
} as const;

export const TEXT_MIN = 20;
export const TEXT_MAX = 2000;
export const SUMMARY_MAX = 500;
/** A form filled in less than this is a robot's (spec §5.2). */
export const MIN_FILL_MS = 4000;
/** Requests per client address hash: per hour and per day. */
export const LIMIT_PER_HOUR = 5;
export const LIMIT_PER_DAY = 20;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Al massimo ${max} caratteri.`)
    .transform((v) => v || undefined)
    .optional();

/** The public form. `website` is the honeypot: people never see it, robots fill it. */
export const CitizenRequestSchema = z
  .object({
    topic: z.enum(Object.keys(TOPICS) as [Topic, ...Topic[]], { error: "Scegli l'argomento della richiesta." }),
    text: z
      .string({ error: "Scrivi che cosa vorresti poter fare online." })
      .trim()
      .min(TEXT_MIN, `Scrivi almeno ${TEXT_MIN} caratteri, così il comune capisce la richiesta.`)
      .max(TEXT_MAX, `Al massimo ${TEXT_MAX} caratteri.`),
    currentContact: optionalText(300),
    ageBand: z
      .enum(Object.keys(AGE_BANDS) as [keyof typeof AGE_BANDS, ...(keyof typeof AGE_BANDS)[]], {
        error: "Scegli una fascia d'età dell'elenco.",
      })
      .optional(),
    contactEmail: z
      .email({ error: "Inserisci un indirizzo email valido, oppure lascia vuoto il campo." })
      .max(200)
      .optional(),
    contactConsent: z.boolean().optional(),
    privacy: z.boolean({ error: "Per inviare la richiesta conferma di aver letto l'informativa." }),
    website: z.string().optional(),
    startedAt: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.contactEmail && !r.contactConsent) {
      ctx.addIssue({
        code: "custom",
        path: ["contactConsent"],
        message: "Per essere ricontattato conferma il consenso, oppure lascia vuota l'email.",
      });
    }
  });
export type CitizenRequestInput = z.infer<typeof CitizenRequestSchema>;

/** Crockford's base 32: no I, L, O, U, so a code read aloud or copied by hand survives. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_LENGTH = 10;

/** A receipt code from random bytes (at least 10). */
export function receiptCode(bytes: Uint8Array): string {
  if (bytes.length < RECEIPT_LENGTH) throw new Error("a receipt code needs 10 random bytes");
  return Array.from(bytes.slice(0, RECEIPT_LENGTH), (b) => CROCKFORD[b & 31]).join("");
}

/** A receipt code as someone typed it: case, spaces, dashes and look-alikes forgiven; null if it cannot be one. */
export function normaliseReceiptCode(input: string | undefined | null): string | null {
  if (!input) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return code.length === RECEIPT_LENGTH && [...code].every((c) => CROCKFORD.includes(c)) ? code : null;
}

/** Links make a request wait for a moderator even before anything else is checked. */
export function hasLinks(text: string): boolean {
  return /\b(?:https?:\/\/|www\.)\S+/i.test(text) || /\b[\w-]+\.(?:com|it|net|org|info|ru|xyz)\b/i.test(text);
}

export const PERSONAL_DATA_KINDS = {
  email: "un indirizzo email",
  phone: "un numero di telefono",
  fiscalCode: "un codice fiscale",
  name: "un nome e cognome",
} as const;
export type PersonalDataKind = keyof typeof PERSONAL_DATA_KINDS;

/** Capitalised words that are not names: places, offices, services, greetings. */
const NOT_NAMES = new Set(
  "Buongiorno Salve Gentile Caro Cara Il La Lo Le Gli Un Una In Per Con Da Nel Nella Comune Comuni Sindaco Sindaca Ufficio Anagrafe Tributi Scuola Servizi Sito Regione Provincia Comunità Montana Oltrepò Pavese App IO SPID CIE PagoPA TARI IMU SUAP Via Piazza Strada Santa San Val".split(
    " ",
  ),
);

/**
 * What a moderator is warned of before publishing a summary: e-mail addresses, phone
 * numbers, codici fiscali and pairs of capitalised words that look like a first and last
 * name. A warning, not a verdict: the moderator decides.
 */
export function personalDataWarnings(text: string): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  if (/[\w.+-]+@[\w-]+\.[\w.-]+/.test(text)) found.add("email");
  // Italian numbers: mobiles start with 3, landlines with 0; 8 to 12 digits, spaced or not.
  if (/(?:\+39[\s.-]?)?\b[03]\d(?:[\s.-]?\d){6,10}\b/.test(text)) found.add("phone");
  if (/\b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b/i.test(text)) found.add("fiscalCode");
  const pairs = text.matchAll(/\b([A-ZÀ-Ý][a-zà-ÿ]+)\s+([A-ZÀ-Ý][a-zà-ÿ]+)\b/g);
  for (const [, first, last] of pairs) {
    if (!NOT_NAMES.has(first!) && !NOT_NAMES.has(last!)) found.add("name");
  }
  return [...found];
}

/** The public status of a request, in Italian, as the status page shows it. */
export function publicStatus(r: {
  status: "RECEIVED" | "APPROVED" | "REJECTED" | "SPAM" | "MERGED";
  rejectReason?: keyof typeof REJECT_REASONS | null;
  needTitle?: string | null;
}): string {
  if (r.needTitle) return `Inserita nel fabbisogno «${r.needTitle}»`;
  switch (r.status) {
    case "RECEIVED":
      return "Ricevuta: in attesa di moderazione";
    case "APPROVED":
      return "Pubblicata";
    case "MERGED":
      return "Unita a un'altra richiesta uguale";
    case "REJECTED":
      return `Non pubblicata: ${r.rejectReason ? REJECT_REASONS[r.rejectReason].toLowerCase() : "motivo non indicato"}`;
    case "SPAM":
      return "Non pubblicata";
  }
}

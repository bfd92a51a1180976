/**
 * The form of one dimension of an assessment (docs/phase2.md): one group of fields per item,
 * named `answers.<code>.<field>`, plus the version the page was read at. Conform coerces
 * the strings of the form; the checks say in Italian what is wrong, next to the field.
 */
import { z } from "zod";
import { KIND_LEVELS, type ItemKind } from "~/domain/assessment-content-schema";
import { calendarDate } from "~/domain/dates";

export type FormItem = { code: string; kind: ItemKind };

export const NOTE_MAX = 2000;
export const REASON_MAX = 500;

const text = (max: number) => z.string().trim().max(max, `Al massimo ${max} caratteri.`).optional();

/** The fields of one item: a level or a number, N/A with its reason, a note. */
export function answerSchema(item: FormItem) {
  const numeric = item.kind === "COUNT" || item.kind === "PERCENT";
  const allowed: readonly number[] = KIND_LEVELS[item.kind];
  const raw =
    item.kind === "PERCENT"
      ? z
          .number({ error: "Inserisci una percentuale da 0 a 100." })
          .min(0, "Inserisci una percentuale da 0 a 100.")
          .max(100, "Inserisci una percentuale da 0 a 100.")
      : z
          .number({ error: "Inserisci un numero intero." })
          .int("Inserisci un numero intero.")
          .min(0, "Il numero non può essere negativo.")
          .max(1_000_000, "Il numero è troppo grande.");
  return z
    .object({
      value: numeric
        ? z.undefined({ error: "Per questa domanda si indica un numero." }).optional()
        : z
            .number({ error: "Scegli uno dei livelli proposti." })
            .refine((v) => allowed.includes(v), "Scegli uno dei livelli proposti.")
            .optional(),
      raw: numeric ? raw.optional() : z.undefined({ error: "Per questa domanda si sceglie un livello." }).optional(),
      na: z.boolean().optional(),
      naReason: text(REASON_MAX),
      note: text(NOTE_MAX),
    })
    .superRefine((a, ctx) => {
      if (a.na && !a.naReason) {
        ctx.addIssue({
          code: "custom",
          path: ["naReason"],
          message: "Spiega perché la domanda non si applica al comune.",
        });
      }
    });
}

export type AnswerInput = z.infer<ReturnType<typeof answerSchema>>;

/** The form of one dimension: its items' fields, the version read, and a facilitator's reason. */
export function dimensionFormSchema(items: readonly FormItem[]) {
  return z.object({
    version: z.number({ error: "Ricarica la pagina e riprova." }).int().min(0),
    reason: text(REASON_MAX),
    answers: z.object(Object.fromEntries(items.map((item) => [item.code, answerSchema(item).default({})]))).default({}),
  });
}

/** Whether an item's fields carry anything to store. */
export function isBlank(a: AnswerInput): boolean {
  return a.value === undefined && a.raw === undefined && !a.na && !a.note;
}

export const EVIDENCE_KINDS = ["LINK", "ACT", "TEXT", "FILE"] as const;

const title = z
  .string({ error: "Dai un titolo all'evidenza." })
  .trim()
  .min(3, "Almeno 3 caratteri.")
  .max(200, "Al massimo 200 caratteri.");

/**
 * The evidence form of one item: a link, an act (number and date), a text, or a file (its
 * bytes are checked by the action). The fields of the other kinds are ignored, so one form
 * without JavaScript serves every kind.
 */
export const EvidenceFormSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("LINK"),
      itemCode: z.string().max(20),
      title,
      url: z
        .string({ error: "Indica l'indirizzo (https://…)." })
        .trim()
        .max(500, "Al massimo 500 caratteri.")
        .url("Indica un indirizzo completo, per esempio https://www.comune.varzi.pv.it/…")
        .refine((u) => /^https?:\/\//i.test(u), "L'indirizzo deve iniziare con http:// o https://."),
    }),
    z.object({
      kind: z.literal("ACT"),
      itemCode: z.string().max(20),
      title,
      actNumber: z
        .string({ error: "Indica il numero dell'atto (per esempio 45/2025)." })
        .trim()
        .min(1, "Indica il numero dell'atto (per esempio 45/2025).")
        .max(40, "Al massimo 40 caratteri."),
      actDate: calendarDate("Indica la data dell'atto."),
    }),
    z.object({
      kind: z.literal("TEXT"),
      itemCode: z.string().max(20),
      title,
      text: z
        .string({ error: "Scrivi la descrizione dell'evidenza." })
        .trim()
        .min(10, "Almeno 10 caratteri.")
        .max(NOTE_MAX, `Al massimo ${NOTE_MAX} caratteri.`),
    }),
    z.object({
      kind: z.literal("FILE"),
      itemCode: z.string().max(20),
      title,
      // An empty file input (no file chosen) is no file.
      file: z.preprocess(
        (v) => (v instanceof File && v.size === 0 ? undefined : v),
        z.instanceof(File, { error: "Scegli il file da allegare." }),
      ),
    }),
  ],
  { error: "Scegli il tipo di evidenza." },
);
export type EvidenceForm = z.infer<typeof EvidenceFormSchema>;

/** A facilitator's status change: the version read and, to reopen, the reason. */
export const StatusChangeSchema = z.object({
  version: z.number({ error: "Ricarica la pagina e riprova." }).int().min(0),
  reason: text(REASON_MAX),
});

/** The 3–5 priorities a comune confirms at restitution (the lesson asks for 3–5). */
export const PrioritiesSchema = z.object({
  items: z
    .array(z.string().max(20), { error: "Scegli da 3 a 5 priorità." })
    .min(3, "Scegli almeno 3 priorità.")
    .max(5, "Scegli al massimo 5 priorità.")
    .refine((list) => new Set(list).size === list.length, "Ogni priorità una volta sola."),
});

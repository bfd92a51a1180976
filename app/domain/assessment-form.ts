/**
 * The form of one dimension of an assessment (docs/phase2.md): one group of fields per item,
 * named `answers.<code>.<field>`, plus the version the page was read at. Conform coerces
 * the strings of the form; the checks say in Italian what is wrong, next to the field.
 */
import { z } from "zod";
import { KIND_LEVELS, type ItemKind } from "~/domain/assessment-content-schema";

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

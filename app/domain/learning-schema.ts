/** Form schemas of the learner's pages, shared by server and browser. */
import { z } from "zod";
import { idField } from "~/domain/ids";

export const CheckInSchema = z.object({
  intent: z.literal("check-in"),
  sessionId: idField("Incontro non valido."),
  code: z
    .string({ error: "Inserisci il codice mostrato dal formatore." })
    .trim()
    .min(1, "Inserisci il codice mostrato dal formatore.")
    .max(12, "Il codice è troppo lungo."),
});

export const LessonCompleteSchema = z.object({
  intent: z.literal("complete-lesson"),
  openedAt: z.coerce.number().int().positive().optional(),
});

export const LAB_TEXT_MAX = 20_000;

export const VerifyCodeSchema = z.object({
  codice: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{10}$/, "Il codice è formato da 10 lettere e cifre."),
});

/** Forms of the editions and enrolment pages (/gestione/edizioni), shared by server and browser. */
import { z } from "zod";
import { calendarDate } from "~/domain/dates";
import { idField } from "~/domain/ids";

export const EditionCreateSchema = z
  .object({
    intent: z.literal("create"),
    moduleId: idField("Scegli il modulo."),
    phaseId: idField("Fase non valida.").optional(),
    areaId: idField("Scegli l'area."),
    code: z
      .string({ error: "Inserisci il codice dell'edizione." })
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z0-9][A-Z0-9-]{2,39}$/,
        "Il codice ha da 3 a 40 caratteri: lettere, cifre e trattini (es. OLT-FEU-2027).",
      ),
    title: z
      .string({ error: "Inserisci il titolo." })
      .trim()
      .min(3, "Il titolo deve avere almeno 3 caratteri.")
      .max(160, "Titolo troppo lungo."),
    startsOn: calendarDate("Inserisci la data di inizio (gg/mm/aaaa)."),
    endsOn: calendarDate("Inserisci la data di fine (gg/mm/aaaa)."),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({
        code: "custom",
        path: ["endsOn"],
        message: "La data di fine non può precedere quella di inizio.",
      });
  });
export type EditionCreateInput = z.infer<typeof EditionCreateSchema>;

export const EnrolOneSchema = z.object({
  intent: z.literal("enrol"),
  personId: idField("Scegli la persona da iscrivere."),
});

export const BULK_POSITIONS = ["ADMINISTRATOR", "EMPLOYEE"] as const;

export const BulkEnrolSchema = z
  .object({
    intent: z.literal("bulk"),
    organisationId: idField("Ente non valido.").optional(),
    position: z.enum(BULK_POSITIONS, { error: "Ruolo non valido." }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.organisationId && !v.position) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Scegli l'ente, il ruolo o entrambi." });
    }
  });
export type BulkEnrolInput = z.infer<typeof BulkEnrolSchema>;

/** Withdraw or re-enrol one person (the row's button carries the person's id). */
export const EnrolmentChangeSchema = z.object({
  intent: z.enum(["withdraw", "reenrol"], { error: "Azione non valida." }),
  personId: idField("Persona non valida."),
});

export const TrainerChangeSchema = z.object({
  intent: z.enum(["add-trainer", "remove-trainer"], { error: "Azione non valida." }),
  userId: idField("Scegli il formatore."),
});

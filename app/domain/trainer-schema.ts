/** Forms and table params of the trainer's pages, shared by server and browser. */
import { z } from "zod";
import { calendarDate, TimeOfDay } from "~/domain/dates";
import { idField } from "~/domain/ids";
import { tableParamsSchema } from "~/domain/table-params";

export const ROSTER_SORT_KEYS = [
  "name",
  "organisation",
  "position",
  "progress",
  "attendance",
  "lastActivity",
  "status",
] as const;

export const RosterParamsSchema = tableParamsSchema({
  sortKeys: ROSTER_SORT_KEYS,
  defaultSort: "name",
  filters: {
    org: idField("Ente non valido.").optional(),
    position: z.enum(["ADMINISTRATOR", "EMPLOYEE"], { error: "Ruolo non valido." }).optional(),
    status: z.enum(["NOT_STARTED", "IN_PROGRESS", "COMPLETED"], { error: "Stato non valido." }).optional(),
    risk: z.enum(["1"], { error: "Filtro «a rischio» non valido." }).optional(),
  },
});
export type RosterParams = z.infer<typeof RosterParamsSchema>;

export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT", "JUSTIFIED", "NOT_EXPECTED"] as const;
export const SESSION_MODES = ["PRESENCE", "ONLINE", "HYBRID"] as const;

export const SessionFormSchema = z
  .object({
    title: z
      .string({ error: "Inserisci il titolo." })
      .trim()
      .min(3, "Il titolo deve avere almeno 3 caratteri.")
      .max(160, "Titolo troppo lungo."),
    unitId: idField("Attività non valida.").optional(),
    date: calendarDate("Inserisci la data dell'incontro (gg/mm/aaaa)."),
    start: TimeOfDay,
    end: TimeOfDay,
    mode: z.enum(SESSION_MODES, { error: "Scegli la modalità." }),
    place: z.string().trim().max(200, "Testo troppo lungo.").optional(),
    link: z
      .url({ protocol: /^https$/, error: "Inserisci un collegamento https valido." })
      .max(500)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.end <= v.start)
      ctx.addIssue({ code: "custom", path: ["end"], message: "L'ora di fine deve essere dopo l'ora di inizio." });
    if (v.mode !== "ONLINE" && !v.place)
      ctx.addIssue({ code: "custom", path: ["place"], message: "Indica il luogo dell'incontro in presenza." });
    if (v.mode !== "PRESENCE" && !v.link)
      ctx.addIssue({ code: "custom", path: ["link"], message: "Indica il collegamento per chi partecipa online." });
  });
export type SessionFormInput = z.infer<typeof SessionFormSchema>;

export const ReviewSchema = z
  .object({
    intent: z.literal("review"),
    submissionId: idField("Consegna non valida."),
    decision: z.enum(["ACCEPTED", "TO_REVISE"], { error: "Scegli se accettare o chiedere una revisione." }),
    feedback: z.string().trim().max(4000, "Il commento può avere al massimo 4000 caratteri.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "TO_REVISE" && !v.feedback) {
      ctx.addIssue({
        code: "custom",
        path: ["feedback"],
        message: "Spiega cosa rivedere: il commento è obbligatorio.",
      });
    }
  });

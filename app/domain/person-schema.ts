/** Forms and table params for people: shared by the server and the browser. */
import { z } from "zod";
import { yearField } from "~/domain/dates";
import { idField } from "~/domain/ids";
import { tableParamsSchema } from "~/domain/table-params";

export const POSITIONS = ["ADMINISTRATOR", "EMPLOYEE", "EXTERNAL"] as const;
export const GENDERS = ["F", "M", "NON_BINARY", "NOT_STATED"] as const;
export const EDUCATION_LEVELS = ["ISCED_0_2", "ISCED_3_4", "ISCED_5_8", "NOT_STATED"] as const;

export const PeopleParamsSchema = tableParamsSchema({
  sortKeys: ["name", "organisation", "position", "email"],
  defaultSort: "name",
  filters: {
    q: z.string().max(80, "Testo di ricerca troppo lungo (massimo 80 caratteri).").optional(),
    org: idField("Ente non valido.").optional(),
    position: z.enum(POSITIONS, { error: "Ruolo non valido." }).optional(),
    /** "1": deactivated people are listed too (hidden by default) */
    inactive: z.enum(["1"], { error: "Filtro «disattivate» non valido." }).optional(),
  },
});
export type PeopleParams = z.infer<typeof PeopleParamsSchema>;

const currentYear = new Date().getFullYear();

/** The person's own fields: the same in the creation and in the edit form. */
const personFields = {
  firstName: z
    .string({ error: "Inserisci il nome." })
    .trim()
    .min(1, "Inserisci il nome.")
    .max(80, "Nome troppo lungo."),
  lastName: z
    .string({ error: "Inserisci il cognome." })
    .trim()
    .min(1, "Inserisci il cognome.")
    .max(80, "Cognome troppo lungo."),
  email: z
    .email("Inserisci un indirizzo email valido.")
    .max(254, "Indirizzo troppo lungo.")
    .transform((e) => e.toLowerCase())
    .optional(),
  organisationId: idField("Scegli l'ente."),
  position: z.enum(POSITIONS, { error: "Scegli il ruolo nel programma." }),
  role: z.string().trim().max(80, "Testo troppo lungo.").optional(),
  office: z.string().trim().max(80, "Testo troppo lungo.").optional(),
  gender: z.enum(GENDERS, { error: "Scegli un valore dell'elenco." }).default("NOT_STATED"),
  birthYear: yearField({
    min: currentYear - 100,
    max: currentYear - 16,
    message: "Inserisci un anno con quattro cifre, per esempio 1975.",
    rangeMessage: "Anno di nascita non plausibile.",
  }).optional(),
  educationLevel: z.enum(EDUCATION_LEVELS, { error: "Scegli un valore dell'elenco." }).default("NOT_STATED"),
};

export const PersonCreateSchema = z
  .object({
    ...personFields,
    createAccount: z.coerce.boolean().default(false),
    roles: z.array(z.enum(["LEARNER", "TRAINER", "COORDINATOR", "ADMIN"], { error: "Ruolo non valido." })).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.createAccount && !v.email) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "Per creare l'account serve l'email." });
    }
    if (v.createAccount && v.roles.length === 0) {
      ctx.addIssue({ code: "custom", path: ["roles"], message: "Scegli almeno un ruolo per l'account." });
    }
  });
export type PersonCreateInput = z.infer<typeof PersonCreateSchema>;

/** The edit form of /persone/:id: the same fields as the creation, without the account. */
export const PersonUpdateSchema = z.object(personFields);
export type PersonUpdateInput = z.infer<typeof PersonUpdateSchema>;

/** Deactivate or reactivate (a hidden `intent` picks the form on /persone/:id). */
export const PersonStatusSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"], { error: "Azione non valida." }),
});

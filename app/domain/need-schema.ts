/**
 * The needs register's forms (docs/phase2.md, spec PHASE2 §5.1): a need, its affected
 * comuni, MUST/SHOULD requirements and the LG macro-fase 1 constraints (T_bilancio, T_tempi).
 */
import { z } from "zod";

export const NEED_SOURCE_KINDS = {
  OFFICE_INTERVIEW: "Intervista agli uffici",
  OBSERVATION: "Osservazione",
  DESK_REGISTER: "Registro dello sportello",
  ASSESSMENT_GAP: "Divario dell'assessment",
  CITIZEN_REQUEST: "Richiesta dei cittadini",
  OTHER: "Altro",
} as const;
export type NeedSourceKind = keyof typeof NEED_SOURCE_KINDS;

const score = (label: string) =>
  z
    .number({ error: `Indica ${label} da 1 a 5.` })
    .int(`Indica ${label} da 1 a 5.`)
    .min(1, `Indica ${label} da 1 a 5.`)
    .max(5, `Indica ${label} da 1 a 5.`);

export const RequirementSchema = z.object({
  text: z.string().trim().min(3, "Descrivi il requisito.").max(300, "Al massimo 300 caratteri."),
  level: z.enum(["MUST", "SHOULD"], { error: "Scegli se il requisito è obbligatorio o desiderabile." }),
});

export const NeedSchema = z.object({
  title: z
    .string({ error: "Dai un titolo al fabbisogno." })
    .trim()
    .min(5, "Almeno 5 caratteri.")
    .max(120, "Al massimo 120 caratteri."),
  description: z
    .string({ error: "Descrivi il fabbisogno." })
    .trim()
    .min(20, "Descrivi il fabbisogno in almeno 20 caratteri.")
    .max(4000, "Al massimo 4000 caratteri."),
  organisationIds: z
    .array(z.number().int().positive(), { error: "Scegli almeno un comune interessato." })
    .min(1, "Scegli almeno un comune interessato."),
  dimensionCode: z.string().max(10).optional(),
  impact: score("l'impatto"),
  feasibility: score("la fattibilità"),
  requirements: z.array(RequirementSchema).max(30, "Al massimo 30 requisiti.").default([]),
  budgetCapEuro: z
    .number({ error: "Indica il tetto di spesa in euro, senza decimali." })
    .int("Indica il tetto di spesa in euro, senza decimali.")
    .min(0, "Il tetto di spesa non può essere negativo.")
    .max(100_000_000, "Il tetto di spesa è troppo alto.")
    .optional(),
  timeCapMonths: z
    .number({ error: "Indica i mesi come numero intero." })
    .int("Indica i mesi come numero intero.")
    .min(1, "Almeno un mese.")
    .max(120, "Al massimo 120 mesi.")
    .optional(),
  sourceKind: z.enum(Object.keys(NEED_SOURCE_KINDS) as [NeedSourceKind, ...NeedSourceKind[]], {
    error: "Scegli da dove viene il fabbisogno.",
  }),
  sourceNote: z.string().trim().max(1000, "Al massimo 1000 caratteri.").optional(),
});
export type NeedInput = z.infer<typeof NeedSchema>;

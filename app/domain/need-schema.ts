/**
 * The needs register's forms (docs/phase2.md, spec PHASE2 §5.1): a need, its affected
 * comuni, MUST/SHOULD requirements and the LG macro-fase 1 constraints (T_bilancio, T_tempi).
 */
import { z } from "zod";
import { idField } from "~/domain/ids";

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

// ───────────────────────────── the register's screens ─────────────────────────────

export const NEED_STATUSES = {
  PROPOSED: "Proposto",
  OPEN: "Aperto",
  IN_PLAN: "Nel piano",
  MERGED: "Unito a un altro",
  DISCARDED: "Scartato",
} as const;
export type NeedStatus = keyof typeof NEED_STATUSES;

export const NEED_SCOPES = { LOCAL: "Locale", SHARED: "Condiviso" } as const;
export type NeedScope = keyof typeof NEED_SCOPES;

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** The register's filters, from the URL (empty values are absent: "all"). */
export const NeedFiltersSchema = z.object({
  comune: idField("Comune non valido.").optional(),
  dimensione: z
    .string()
    .regex(/^[A-Z]{2,6}$/, "Dimensione non valida.")
    .optional(),
  fonte: z.enum(keysOf(NEED_SOURCE_KINDS), { error: "Fonte non valida." }).optional(),
  stato: z.enum(keysOf(NEED_STATUSES), { error: "Stato non valido." }).optional(),
  ambito: z.enum(keysOf(NEED_SCOPES), { error: "Ambito non valido (locale o condiviso)." }).optional(),
});
export type NeedFiltersParams = z.infer<typeof NeedFiltersSchema>;

/** The model's filters from the URL's (the screen and its export read the same). */
export function needFiltersOf(p: NeedFiltersParams) {
  return {
    organisationId: p.comune,
    dimensionCode: p.dimensione,
    sourceKind: p.fonte,
    status: p.stato,
    scope: p.ambito,
  };
}

/** A score 1..5 from a radio group or a select, read strictly (no "0x3", no "3.0"). */
const scoreChoice = (message: string) =>
  z
    .string({ error: message })
    .regex(/^[1-5]$/, message)
    .transform(Number);

const IMPACT_MESSAGE = "Indica l'impatto da 1 a 5.";
const FEASIBILITY_MESSAGE = "Indica la fattibilità da 1 a 5.";

/** The requirements of one level, one a line (a textarea works without JavaScript). */
const requirementLines = (level: "MUST" | "SHOULD") =>
  z
    .string()
    .max(12_000, "Troppo testo: al massimo 30 requisiti di 300 caratteri.")
    .optional()
    .transform((raw, ctx) => {
      const lines = (raw ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const out: z.infer<typeof RequirementSchema>[] = [];
      lines.forEach((text, i) => {
        const parsed = RequirementSchema.safeParse({ text, level });
        if (parsed.success) out.push(parsed.data);
        else
          ctx.issues.push({ code: "custom", message: `Riga ${i + 1}: ${parsed.error.issues[0]!.message}`, input: raw });
      });
      return out;
    });

/**
 * Whole euros as people write them: "25000", "25.000" or "25 000 €". A decimal comma is
 * refused rather than guessed (NOTE: `Number("25.000")` is 25).
 */
const euros = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const text = raw.replace(/[\s€]/g, "");
    if (!/^(?:\d{1,3}(?:\.\d{3})+|\d+)$/.test(text)) {
      ctx.issues.push({
        code: "custom",
        message: "Indica il tetto di spesa in euro, senza decimali (per esempio 25000 o 25.000).",
        input: raw,
      });
      return z.NEVER;
    }
    const value = Number(text.replace(/\./g, ""));
    if (value > 100_000_000) {
      ctx.issues.push({ code: "custom", message: "Il tetto di spesa è troppo alto.", input: raw });
      return z.NEVER;
    }
    return value;
  });

const months = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const value = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!(value >= 1 && value <= 120)) {
      ctx.issues.push({ code: "custom", message: "Indica i mesi come numero intero da 1 a 120.", input: raw });
      return z.NEVER;
    }
    return value;
  });

/**
 * The "Nuovo fabbisogno" form as it is posted: the fields of `NeedSchema`, with the
 * requirements as two textareas (one a line) and the numbers read strictly. `needInputOf`
 * turns the parsed value into the model's input. `citizenRequestId` names the citizen's
 * request the need comes from, when it is created from the moderation queue.
 */
export const NeedFormSchema = z
  .object({
    title: NeedSchema.shape.title,
    description: NeedSchema.shape.description,
    organisationIds: z
      .array(idField("Comune non valido."), { error: "Scegli almeno un comune interessato." })
      .min(1, "Scegli almeno un comune interessato.")
      .max(200, "Troppi comuni."),
    dimensionCode: z
      .string()
      .regex(/^[A-Z]{2,6}$/, "Scegli una dimensione dell'elenco.")
      .optional(),
    impact: scoreChoice(IMPACT_MESSAGE),
    feasibility: scoreChoice(FEASIBILITY_MESSAGE),
    mustRequirements: requirementLines("MUST"),
    shouldRequirements: requirementLines("SHOULD"),
    budgetCapEuro: euros,
    timeCapMonths: months,
    sourceKind: NeedSchema.shape.sourceKind,
    sourceNote: NeedSchema.shape.sourceNote,
    citizenRequestId: idField("Richiesta non valida.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mustRequirements.length + v.shouldRequirements.length > 30) {
      ctx.addIssue({ code: "custom", path: ["shouldRequirements"], message: "Al massimo 30 requisiti in tutto." });
    }
  });

/** The model's input from the parsed form. */
export function needInputOf(v: z.infer<typeof NeedFormSchema>): NeedInput {
  return {
    title: v.title,
    description: v.description,
    organisationIds: v.organisationIds,
    dimensionCode: v.dimensionCode,
    impact: v.impact,
    feasibility: v.feasibility,
    requirements: [...v.mustRequirements, ...v.shouldRequirements],
    budgetCapEuro: v.budgetCapEuro,
    timeCapMonths: v.timeCapMonths,
    sourceKind: v.sourceKind,
    sourceNote: v.sourceNote || undefined,
  };
}

/** Merge from the register: the ticked needs go into the one chosen to stay. */
export const MergeNeedsSchema = z.object({
  intent: z.literal("merge"),
  targetId: idField("Scegli il fabbisogno che resta."),
  needIds: z
    .array(idField("Fabbisogno non valido."), { error: "Spunta i fabbisogni da unire." })
    .min(1, "Spunta i fabbisogni da unire.")
    .max(200, "Troppi fabbisogni."),
});

/** Accepting a need proposed from a shared gap: the facilitator sets impact and feasibility. */
export const AcceptNeedSchema = z.object({
  intent: z.literal("accept"),
  needId: idField("Fabbisogno non valido."),
  impact: scoreChoice(IMPACT_MESSAGE),
  feasibility: scoreChoice(FEASIBILITY_MESSAGE),
});

export const DiscardNeedSchema = z.object({
  intent: z.literal("discard"),
  reason: z
    .string({ error: "Indica perché il fabbisogno viene scartato." })
    .trim()
    .min(5, "Indica perché il fabbisogno viene scartato (almeno 5 caratteri).")
    .max(500, "Al massimo 500 caratteri."),
});

/**
 * The inputs of a comparative evaluation of solutions for a need (spec PHASE2 §7,
 * docs/evaluation-method.md), after CAD art. 68 and AgID's "Linee guida su acquisizione e
 * riuso di software per le pubbliche amministrazioni" (LG, in force since 9 May 2019):
 * candidates in the legal order of stages, gates, criteria with editable weights, the
 * 5-year TCO form, the impossibility note and the rationale. Messages are Italian: they are
 * shown next to the field.
 *
 * Values arrive already typed (numbers, not form strings): Conform coerces them, as for the
 * needs register (`~/domain/need-schema`).
 */
import { z } from "zod";
import { RequirementSchema } from "~/domain/need-schema";

/** An input that cannot come from a validated form: a bug in the caller. */
export class EvaluationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvaluationInputError";
  }
}

// ---------------------------------------------------------------------------------------
// Stages (§7.2): LG macro-fase 2 looks at PA reuse first, then third-party open source
// (fasi 2.1–2.6); macro-fase 3 at everything else, only after the impossibility note (2.7).

export const STAGES = ["REUSE_PA", "OSS", "OTHER"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  REUSE_PA: "Soluzioni a riuso della PA",
  OSS: "Soluzioni open source di terzi",
  OTHER: "Altre soluzioni (cloud/SaaS, software proprietario, sviluppo ex novo)",
};

/** Position in the legal order: REUSE_PA 0, OSS 1, OTHER 2 (lower is preferred). */
export function stageOrder(stage: Stage): number {
  return STAGES.indexOf(stage);
}

// ---------------------------------------------------------------------------------------
// Criteria (§7.4), in the spec's order; the sensitivity variants follow this order.

export const CRITERION_CODES = ["FIT", "TCO", "MAINT", "ADOPT", "PLAT", "OPEN", "TERR"] as const;
export type CriterionCode = (typeof CRITERION_CODES)[number];

/** Computed from the inputs, never typed in: FIT from SHOULD coverage, TCO from the TCO form. */
export const COMPUTED_CRITERIA = ["FIT", "TCO"] as const satisfies readonly CriterionCode[];
/** Scored by the evaluator, MAINT, ADOPT and PLAT possibly prefilled from the catalogue card. */
export const ENTERED_CRITERIA = ["MAINT", "ADOPT", "PLAT", "OPEN", "TERR"] as const satisfies readonly CriterionCode[];
export type EnteredCriterion = (typeof ENTERED_CRITERIA)[number];

export const CRITERION_LABELS: Record<CriterionCode, string> = {
  FIT: "Copertura dei requisiti",
  TCO: "Costo totale a 5 anni",
  MAINT: "Manutenzione e vitalità",
  ADOPT: "Adozione da altre PA",
  PLAT: "Integrazione piattaforme e conformità",
  OPEN: "Apertura e interoperabilità",
  TERR: "Sostenibilità per il territorio",
};

export type Criterion = { code: CriterionCode; label: string; weight: number };

/** The default CriterionSet (§7.4): weights sum to 100. */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { code: "FIT", label: CRITERION_LABELS.FIT, weight: 30 },
  { code: "TCO", label: CRITERION_LABELS.TCO, weight: 15 },
  { code: "MAINT", label: CRITERION_LABELS.MAINT, weight: 15 },
  { code: "ADOPT", label: CRITERION_LABELS.ADOPT, weight: 10 },
  { code: "PLAT", label: CRITERION_LABELS.PLAT, weight: 10 },
  { code: "OPEN", label: CRITERION_LABELS.OPEN, weight: 10 },
  { code: "TERR", label: CRITERION_LABELS.TERR, weight: 10 },
];

export const WEIGHT_TOTAL = 100;

/** A criterion score on the 0–4 scale. */
export type Level = 0 | 1 | 2 | 3 | 4;

export function isLevel(x: unknown): x is Level {
  return x === 0 || x === 1 || x === 2 || x === 3 || x === 4;
}

const SCORE_MESSAGE = "Dai un punteggio intero da 0 a 4.";
export const ScoreSchema = z
  .number({ error: SCORE_MESSAGE })
  .int(SCORE_MESSAGE)
  .min(0, SCORE_MESSAGE)
  .max(4, SCORE_MESSAGE)
  .transform((n) => n as Level);

const WEIGHT_MESSAGE = "Il peso è un numero intero da 0 a 100.";
export const CriterionSchema = z.object({
  code: z.enum(CRITERION_CODES, { error: "Criterio sconosciuto." }),
  label: z
    .string({ error: "Dai un nome al criterio." })
    .trim()
    .min(3, "Almeno 3 caratteri.")
    .max(80, "Al massimo 80 caratteri."),
  weight: z.number({ error: WEIGHT_MESSAGE }).int(WEIGHT_MESSAGE).min(0, WEIGHT_MESSAGE).max(100, WEIGHT_MESSAGE),
});

/**
 * The criteria of a CriterionSet: each of the seven codes exactly once (their prefill,
 * guidance and the 14 sensitivity variants are defined for these seven), weights summing
 * to 100 (§7.4). A weight of 0 is allowed: that criterion then counts for nothing.
 */
export const CriteriaSchema = z
  .array(CriterionSchema, { error: "Indica i criteri con i loro pesi." })
  .superRefine((criteria, ctx) => {
    const seen = new Set<CriterionCode>();
    criteria.forEach((c, index) => {
      if (seen.has(c.code)) {
        ctx.addIssue({ code: "custom", path: [index, "code"], message: `Il criterio «${c.label}» compare due volte.` });
      }
      seen.add(c.code);
    });
    for (const code of CRITERION_CODES) {
      if (!seen.has(code)) ctx.addIssue({ code: "custom", message: `Manca il criterio «${CRITERION_LABELS[code]}».` });
    }
    const total = criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== WEIGHT_TOTAL) {
      ctx.addIssue({ code: "custom", message: `I pesi devono sommare a 100: ora sommano a ${total}.` });
    }
  });

export const CriterionSetSchema = z.object({
  name: z
    .string({ error: "Dai un nome all'insieme di criteri." })
    .trim()
    .min(3, "Almeno 3 caratteri.")
    .max(120, "Al massimo 120 caratteri."),
  version: z.string().trim().max(20, "Al massimo 20 caratteri.").optional(),
  criteria: CriteriaSchema,
});
export type CriterionSetInput = z.infer<typeof CriterionSetSchema>;

// ---------------------------------------------------------------------------------------
// Gates (§7.3). The evaluator answers the licence, status and compliance gates (a value
// prefilled from the catalogue card stands in for an unanswered licence or status gate);
// MUST coverage, budget and time follow from the other inputs.

export const GATE_CODES = ["license", "status", "compliance", "mustCoverage", "budget", "time"] as const;
export type GateCode = (typeof GATE_CODES)[number];

export const GATE_LABELS: Record<GateCode, string> = {
  license: "Licenza approvata OSI",
  status: "Stato di sviluppo (non «concept» né «obsolete»)",
  compliance: "Conformità dichiarata o verificata",
  mustCoverage: "Requisiti obbligatori (MUST) coperti",
  budget: "TCO entro il tetto di spesa (T_bilancio)",
  time: "Messa in produzione entro i tempi (T_tempi)",
};

/** sì / no / da verificare / non applicabile. */
export const GATE_ANSWERS = ["YES", "NO", "UNKNOWN", "NA"] as const;
export type GateAnswerValue = (typeof GATE_ANSWERS)[number];

export const GATE_ANSWER_LABELS: Record<GateAnswerValue, string> = {
  YES: "Sì",
  NO: "No",
  UNKNOWN: "Da verificare",
  NA: "Non applicabile",
};

const NOTE_MAX = 1000;
const note = z.string().trim().max(NOTE_MAX, `Al massimo ${NOTE_MAX} caratteri.`);

/** A "no" (and a "non applicabile") must say why: it is what the evaluation document shows. */
export const GateAnswerSchema = z
  .object({
    answer: z.enum(GATE_ANSWERS, { error: "Rispondi sì, no, da verificare o non applicabile." }),
    note: note.optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.answer === "NO" || a.answer === "NA") && !a.note) {
      const message =
        a.answer === "NO" ? "Spiega perché il vincolo non è rispettato." : "Spiega perché il vincolo non si applica.";
      ctx.addIssue({ code: "custom", path: ["note"], message });
    }
  });
export type GateAnswer = z.infer<typeof GateAnswerSchema>;

/** The four declared conformities the LG (fase 2.2) checks "in prima battuta". */
export const COMPLIANCE_ASPECTS = ["interoperability", "gdpr", "security", "accessibility"] as const;
export type ComplianceAspect = (typeof COMPLIANCE_ASPECTS)[number];

export const COMPLIANCE_LABELS: Record<ComplianceAspect, string> = {
  interoperability: "Interoperabilità (linee guida dell'art. 73 CAD)",
  gdpr: "Protezione dei dati personali (GDPR)",
  security: "Misure minime di sicurezza ICT per le PA",
  accessibility: "Accessibilità (legge 4/2004)",
};

/** "Dichiarata" (the card or the supplier says so) or "verificata" (the evaluator checked). */
export const COMPLIANCE_BASES = ["DECLARED", "VERIFIED"] as const;
export type ComplianceBasis = (typeof COMPLIANCE_BASES)[number];

export const COMPLIANCE_BASIS_LABELS: Record<ComplianceBasis, string> = {
  DECLARED: "dichiarata",
  VERIFIED: "verificata",
};

export const ComplianceAnswerSchema = z
  .object({
    answer: z.enum(["YES", "NO", "UNKNOWN"], { error: "Rispondi sì, no o da verificare." }),
    basis: z.enum(COMPLIANCE_BASES, { error: "Indica se la conformità è dichiarata o verificata." }).optional(),
    note: note.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.answer === "YES" && !a.basis) {
      ctx.addIssue({ code: "custom", path: ["basis"], message: "Indica se la conformità è dichiarata o verificata." });
    }
    if (a.answer === "NO" && !a.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "Spiega perché la soluzione non è conforme." });
    }
  });
export type ComplianceAnswer = z.infer<typeof ComplianceAnswerSchema>;

// ---------------------------------------------------------------------------------------
// Requirement coverage: one answer per requirement of the need, in the need's order. It
// decides the MUST gate and the FIT score.

export const COVERAGE_VALUES = ["COVERED", "CUSTOMISATION", "NOT_COVERED", "UNKNOWN"] as const;
export type Coverage = (typeof COVERAGE_VALUES)[number];

export const COVERAGE_LABELS: Record<Coverage, string> = {
  COVERED: "Coperto",
  CUSTOMISATION: "Coperto con personalizzazione (costo nel TCO)",
  NOT_COVERED: "Non coperto",
  UNKNOWN: "Da verificare",
};

// ---------------------------------------------------------------------------------------
// National platforms a need may require (§7.4 PLAT). SPID and CIE are one requirement:
// CAD art. 64 c. 2-quater wants online services reachable with both.

export const REQUIRED_PLATFORMS = ["SPID_CIE", "PAGOPA", "IO", "ANPR", "PDND", "SEND"] as const;
export type RequiredPlatform = (typeof REQUIRED_PLATFORMS)[number];

export const PLATFORM_LABELS: Record<RequiredPlatform, string> = {
  SPID_CIE: "SPID e CIE",
  PAGOPA: "pagoPA",
  IO: "App IO",
  ANPR: "ANPR",
  PDND: "PDND",
  SEND: "SEND",
};

// ---------------------------------------------------------------------------------------
// TCO form (§3.4 EvaluationCandidate.tco, §7.4 TCO), in whole euros.

export const TCO_YEARS = 5;
/** Paid once, in year 1. */
export const TCO_ONE_OFF = [
  "licence",
  "hardware",
  "setup",
  "customisation",
  "integration",
  "migration",
  "training",
] as const;
/** Paid every year of the five. */
export const TCO_YEARLY = ["hostingPerYear", "maintenancePerYear"] as const;
/** Paid at the end of year 5: leaving the solution (LG Allegato A, "costi di uscita"). */
export const TCO_EXIT = ["exit"] as const;
export const TCO_ITEMS = [...TCO_ONE_OFF, ...TCO_YEARLY, ...TCO_EXIT] as const;
export type TcoItem = (typeof TCO_ITEMS)[number];

export const TCO_LABELS: Record<TcoItem, string> = {
  licence: "Licenze",
  hardware: "Hardware",
  setup: "Installazione e avvio",
  customisation: "Personalizzazione",
  integration: "Integrazione con i sistemi in uso",
  migration: "Migrazione dei dati",
  training: "Formazione",
  hostingPerYear: "Hosting o canone cloud/SaaS, all'anno",
  maintenancePerYear: "Manutenzione e supporto, all'anno",
  exit: "Uscita (esportazione dei dati, dismissione)",
};

const EURO_MESSAGE = "Indica l'importo in euro, senza decimali.";
export const EURO_MAX = 100_000_000;
const euro = z
  .number({ error: EURO_MESSAGE })
  .int(EURO_MESSAGE)
  .min(0, "L'importo non può essere negativo.")
  .max(EURO_MAX, "L'importo è troppo alto.");

/** An empty field is a cost of 0: the form asks to leave blank what does not apply. */
export const TcoInputSchema = z.object({
  years: z.literal(TCO_YEARS, { error: "Il TCO si calcola su 5 anni." }).default(TCO_YEARS),
  licence: euro.default(0),
  hardware: euro.default(0),
  setup: euro.default(0),
  customisation: euro.default(0),
  integration: euro.default(0),
  migration: euro.default(0),
  training: euro.default(0),
  hostingPerYear: euro.default(0),
  maintenancePerYear: euro.default(0),
  exit: euro.default(0),
});
export type TcoInput = z.infer<typeof TcoInputSchema>;

// ---------------------------------------------------------------------------------------
// Prefill (what came from the catalogue card, §3.4 EvaluationCandidate.prefilled). Built
// by `prefillFromCard` and stored; parsed again when read back. Every value names the card
// field it comes from and says so in Italian.

const source = { field: z.string().max(200), source: z.string().max(500) };
export const PrefilledGateSchema = z.object({ value: z.enum(["YES", "NO"]), ...source });
export const PrefilledComplianceSchema = z.object({ value: z.literal("YES"), basis: z.literal("DECLARED"), ...source });
export const PrefilledScoreSchema = z.object({ value: ScoreSchema, ...source });
export const PrefillHintSchema = z.object(source);

export const PrefillSchema = z.object({
  gates: z.object({ license: PrefilledGateSchema.optional(), status: PrefilledGateSchema.optional() }).default({}),
  compliance: z
    .object({
      interoperability: PrefilledComplianceSchema.optional(),
      gdpr: PrefilledComplianceSchema.optional(),
      security: PrefilledComplianceSchema.optional(),
      accessibility: PrefilledComplianceSchema.optional(),
    })
    .default({}),
  scores: z
    .object({
      MAINT: PrefilledScoreSchema.optional(),
      ADOPT: PrefilledScoreSchema.optional(),
      PLAT: PrefilledScoreSchema.optional(),
    })
    .default({}),
  hints: z.object({ OPEN: PrefillHintSchema.optional(), TERR: PrefillHintSchema.optional() }).default({}),
  /** What the card could not prefill, in Italian ("Manutenzione: tipo non indicato nella scheda"). */
  missing: z.array(z.string().max(500)).default([]),
});
export type Prefill = z.infer<typeof PrefillSchema>;
export type PrefilledGate = z.infer<typeof PrefilledGateSchema>;
export type PrefilledCompliance = z.infer<typeof PrefilledComplianceSchema>;
export type PrefilledScore = z.infer<typeof PrefilledScoreSchema>;
export type PrefillHint = z.infer<typeof PrefillHintSchema>;

// ---------------------------------------------------------------------------------------
// A candidate (EvaluationCandidate)

const scoreNote = note.optional();

export const CandidateInputSchema = z
  .object({
    solutionId: z.number({ error: "Scegli una soluzione del catalogo." }).int().positive(),
    name: z.string().trim().min(1, "Manca il nome della soluzione.").max(200, "Al massimo 200 caratteri."),
    stage: z.enum(STAGES, { error: "Scegli la fase: riuso PA, open source di terzi o altre soluzioni." }),
    coverage: z.array(z.enum(COVERAGE_VALUES, { error: "Indica se il requisito è coperto." })).default([]),
    gates: z.object({ license: GateAnswerSchema.optional(), status: GateAnswerSchema.optional() }).default({}),
    compliance: z
      .object({
        interoperability: ComplianceAnswerSchema.optional(),
        gdpr: ComplianceAnswerSchema.optional(),
        security: ComplianceAnswerSchema.optional(),
        accessibility: ComplianceAnswerSchema.optional(),
      })
      .default({}),
    scores: z
      .object({
        MAINT: ScoreSchema.optional(),
        ADOPT: ScoreSchema.optional(),
        PLAT: ScoreSchema.optional(),
        OPEN: ScoreSchema.optional(),
        TERR: ScoreSchema.optional(),
      })
      .default({}),
    /** The evidence behind each score (§7.6 "scores with evidence"). */
    scoreNotes: z
      .object({
        FIT: scoreNote,
        TCO: scoreNote,
        MAINT: scoreNote,
        ADOPT: scoreNote,
        PLAT: scoreNote,
        OPEN: scoreNote,
        TERR: scoreNote,
      })
      .default({}),
    /** null until the TCO form is saved: a candidate is not cheap because nobody costed it. */
    tco: TcoInputSchema.nullable().default(null),
    monthsToProduction: z
      .number({ error: "Indica i mesi come numero intero." })
      .int("Indica i mesi come numero intero.")
      .min(0, "I mesi non possono essere negativi.")
      .max(120, "Al massimo 120 mesi.")
      .nullable()
      .default(null),
    prefill: PrefillSchema.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    // The licence gate is for REUSE_PA/OSS only (§7.3); for them it always applies.
    if (c.stage !== "OTHER" && c.gates.license?.answer === "NA") {
      ctx.addIssue({
        code: "custom",
        path: ["gates", "license", "answer"],
        message: "Per il riuso e l'open source la licenza OSI è sempre un vincolo: rispondi sì, no o da verificare.",
      });
    }
    // A development from scratch has no development status yet; a published one always has.
    if (c.stage !== "OTHER" && c.gates.status?.answer === "NA") {
      ctx.addIssue({
        code: "custom",
        path: ["gates", "status", "answer"],
        message: "Lo stato di sviluppo si valuta per ogni software a riuso o open source.",
      });
    }
  });
export type CandidateInput = z.infer<typeof CandidateInputSchema>;

// ---------------------------------------------------------------------------------------
// The need as the evaluation sees it (LG macro-fase 1: requirements, T_bilancio, T_tempi),
// frozen into the evaluation at finalisation (§7.1).

export const NeedSnapshotSchema = z.object({
  title: z.string().trim().max(120).optional(),
  requirements: z.array(RequirementSchema).max(30, "Al massimo 30 requisiti.").default([]),
  budgetCap: euro.nullable().default(null),
  timeCapMonths: z
    .number({ error: "Indica i mesi come numero intero." })
    .int("Indica i mesi come numero intero.")
    .min(1, "Almeno un mese.")
    .max(120, "Al massimo 120 mesi.")
    .nullable()
    .default(null),
});
export type NeedSnapshot = z.infer<typeof NeedSnapshotSchema>;

export const MAX_CANDIDATES = 20;

/** LG fase 2.7: a written reason, kept on file ("senza vincoli di forma", but not empty). */
export const IMPOSSIBILITY_NOTE_MIN = 20;
export const IMPOSSIBILITY_NOTE_MESSAGE =
  "Scrivi perché nessuna soluzione a riuso o open source soddisfa le esigenze almeno in larga misura (almeno 20 caratteri).";
export const ImpossibilityNoteSchema = z
  .string({ error: IMPOSSIBILITY_NOTE_MESSAGE })
  .trim()
  .min(IMPOSSIBILITY_NOTE_MIN, IMPOSSIBILITY_NOTE_MESSAGE)
  .max(4000, "Al massimo 4000 caratteri.");

export const EvaluationInputSchema = z
  .object({
    need: NeedSnapshotSchema,
    requiredPlatforms: z
      .array(z.enum(REQUIRED_PLATFORMS, { error: "Piattaforma sconosciuta." }))
      .default([])
      .refine((list) => new Set(list).size === list.length, "Ogni piattaforma va indicata una volta sola."),
    criteria: CriteriaSchema.default(() => DEFAULT_CRITERIA.map((c) => ({ ...c }))),
    candidates: z
      .array(CandidateInputSchema)
      .max(MAX_CANDIDATES, `Al massimo ${MAX_CANDIDATES} candidati.`)
      .default([]),
    /** Optional while drafting; when present it must be a real note. */
    impossibilityNote: ImpossibilityNoteSchema.nullable().default(null),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<number>();
    e.candidates.forEach((c, index) => {
      if (seen.has(c.solutionId)) {
        ctx.addIssue({
          code: "custom",
          path: ["candidates", index, "solutionId"],
          message: `«${c.name}» è già tra i candidati.`,
        });
      }
      seen.add(c.solutionId);
      if (c.coverage.length > e.need.requirements.length) {
        ctx.addIssue({
          code: "custom",
          path: ["candidates", index, "coverage"],
          message: "Ci sono più risposte che requisiti del fabbisogno.",
        });
      }
    });
  });
export type EvaluationInput = z.infer<typeof EvaluationInputSchema>;

/** §7.6: the rationale is required to finalise. */
export const RATIONALE_MIN = 20;
export const RATIONALE_MESSAGE = "Scrivi la motivazione della scelta (almeno 20 caratteri).";
export const FinaliseSchema = z.object({
  rationale: z
    .string({ error: RATIONALE_MESSAGE })
    .trim()
    .min(RATIONALE_MIN, RATIONALE_MESSAGE)
    .max(8000, "Al massimo 8000 caratteri."),
  recommendedSolutionId: z.number().int().positive().nullable().default(null),
});
export type FinaliseInput = z.infer<typeof FinaliseSchema>;

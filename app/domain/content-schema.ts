/**
 * The shape of the files under content/ (docs/content-format.md). Strict: an unknown
 * field is an error, so a typo never silently drops a setting.
 */
import { z } from "zod";

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "deve contenere solo lettere minuscole, cifre e trattini");

const Title = z.string().trim().min(3, "almeno 3 caratteri").max(160, "al massimo 160 caratteri");
const AudienceField = z.enum(["all", "administrator", "employee"]).default("all");
const Level = z.enum(["base", "intermedio", "avanzato"]);
const CompetenceCode = z.string().regex(/^\d+\.\d+$/, "codice di competenza non valido (es. 1.2)");

export const ProgrammeFile = z.strictObject({
  slug: Slug,
  title: Title,
  description: z.string().trim().min(1),
  modules: z.array(Slug).min(1, "almeno un modulo").refine(unique, "moduli ripetuti"),
});

export const CompetencesFile = z.strictObject({
  framework: Slug,
  levels: z.tuple([z.literal("base"), z.literal("intermedio"), z.literal("avanzato")]),
  areas: z
    .array(
      z.strictObject({
        code: z.string().regex(/^\d+$/, "codice d'area non valido"),
        title: Title,
        competences: z
          .array(z.strictObject({ code: CompetenceCode, title: Title, description: z.string().trim().min(1) }))
          .min(1),
      }),
    )
    .min(1),
});

export const ModuleFile = z.strictObject({
  title: Title,
  summary: z.string().trim().min(1),
  audience: AudienceField,
  attendanceThreshold: z.number().min(0).max(1).default(0.75),
  phases: z
    .array(
      z.strictObject({
        slug: Slug,
        title: Title,
        summary: z.string().trim().optional(),
        team: z.string().trim().optional(),
        units: z.array(Slug).min(1, "almeno un'unità").refine(unique, "unità ripetute"),
      }),
    )
    .min(1, "almeno una fase")
    .refine((phases) => unique(phases.map((p) => p.slug)), "fasi ripetute"),
});

const UnitCommon = {
  title: Title,
  duration: z.number().int("numero intero di minuti").min(1).max(2400),
  required: z.boolean().default(true),
  audience: AudienceField,
  competences: z.array(CompetenceCode).default([]),
};

const OptionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+$/, "id dell'opzione non valido"),
  text: z.string().trim().min(1),
  correct: z.boolean().default(false),
});

const QuestionBase = {
  id: z.string().regex(/^[a-z0-9-]+$/, "id della domanda non valido"),
  text: z.string().trim().min(3),
  competence: CompetenceCode.optional(),
  level: Level.optional(),
  points: z.number().int().min(1).max(100).default(1),
  feedback: z.string().trim().optional(),
};

const Question = z.discriminatedUnion("type", [
  z
    .strictObject({ ...QuestionBase, type: z.literal("single"), options: z.array(OptionSchema).min(2).max(8) })
    .refine((q) => q.options.filter((o) => o.correct).length === 1, {
      message: "una domanda a risposta singola deve avere esattamente un'opzione corretta",
      path: ["options"],
    }),
  z
    .strictObject({ ...QuestionBase, type: z.literal("multiple"), options: z.array(OptionSchema).min(2).max(8) })
    .refine((q) => q.options.some((o) => o.correct), {
      message: "serve almeno un'opzione corretta",
      path: ["options"],
    }),
  z.strictObject({ ...QuestionBase, type: z.literal("truefalse"), answer: z.boolean() }),
]);

const SurveyItem = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, "id della voce non valido"),
  type: z.enum(["likert", "text"]),
  dimension: z.string().trim().min(1),
  text: z.string().trim().min(3),
});

export const UnitFrontMatter = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lesson"), ...UnitCommon }),
  z.strictObject({ kind: z.literal("seminar"), ...UnitCommon }),
  z.strictObject({
    kind: z.literal("lab"),
    ...UnitCommon,
    deliverable: z
      .strictObject({ text: z.boolean().default(false), file: z.boolean().default(false) })
      .default({ text: false, file: false }),
  }),
  z
    .strictObject({
      kind: z.literal("quiz"),
      ...UnitCommon,
      passMark: z.number().int().min(0).max(100),
      maxAttempts: z.number().int().min(0).max(100),
      test: z.enum(["entry", "exit"]).optional(),
      questions: z.array(Question).min(1, "almeno una domanda"),
    })
    .refine((q) => unique(q.questions.map((x) => x.id)), { message: "id di domanda ripetuti", path: ["questions"] }),
  z
    .strictObject({ kind: z.literal("survey"), ...UnitCommon, items: z.array(SurveyItem).min(1) })
    .refine((s) => unique(s.items.map((x) => x.id)), { message: "id di voce ripetuti", path: ["items"] }),
]);

export type ProgrammeFile = z.infer<typeof ProgrammeFile>;
export type CompetencesFile = z.infer<typeof CompetencesFile>;
export type ModuleFile = z.infer<typeof ModuleFile>;
export type UnitFrontMatter = z.infer<typeof UnitFrontMatter>;

function unique(values: string[]) {
  return new Set(values).size === values.length;
}

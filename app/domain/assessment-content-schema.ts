/**
 * The shape of an assessment framework file, content/assessment/<code>.yml
 * (docs/assessment-format.md): seven dimensions of the Piano triennale, their items, the
 * descriptors of each level and the rules that scoring reads (thresholds, evidence, target,
 * weight, legal obligation, deadline). Strict like content-schema.ts: an unknown field is an
 * error, so a typo never silently drops a rule. Pure: the YAML is read in
 * app/utils/assessment-content.server.ts, the database sync is elsewhere.
 */
import { z } from "zod";
import { Slug } from "~/domain/content-schema";
import { isCalendarDate } from "~/domain/dates";

/** How an item is answered; every kind ends as a level 0..4 (PHASE2 §4.1). */
export const ITEM_KINDS = ["SCALE_0_4", "YES_NO", "PLATFORM_STATE", "COUNT", "PERCENT"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The levels an answer of each kind can take: yes/no is stored as 0/4, a platform as 0/2/4. */
export const KIND_LEVELS: Record<ItemKind, readonly Level[]> = {
  SCALE_0_4: [0, 1, 2, 3, 4],
  YES_NO: [0, 4],
  PLATFORM_STATE: [0, 2, 4],
  COUNT: [0, 1, 2, 3, 4],
  PERCENT: [0, 1, 2, 3, 4],
};

export const LEVELS = [0, 1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

/** The kinds of organisation an item can apply to (the values of Prisma's OrganisationKind). */
export const ORGANISATION_KINDS = ["COMUNE", "COMUNITA_MONTANA", "UNIONE", "OTHER"] as const;

/** The four states of each reference service (SERV-01); only `end-to-end` counts for the score. */
export const SERVICE_STATES = {
  offline: "Offline",
  "modulo-scaricabile": "Modulo scaricabile",
  "online-spid-cie": "Online con SPID/CIE",
  "end-to-end": "End-to-end",
} as const;
export type ServiceState = keyof typeof SERVICE_STATES;

/** The states of each PA digitale 2026 measure (PIAT-08). */
export const MEASURE_STATES = {
  "non-ottenuta": "Non ottenuta",
  finanziata: "Finanziata",
  completata: "Completata",
} as const;
export type MeasureState = keyof typeof MEASURE_STATES;

export const EXTRA_FIELD_TYPES = ["integer", "percent", "date", "text", "service-states", "measure-states"] as const;
export type ExtraFieldType = (typeof EXTRA_FIELD_TYPES)[number];
const ROW_TYPES: readonly ExtraFieldType[] = ["service-states", "measure-states"];

export const PREFILL_SOURCES = ["phase1-training", "padigitale2026"] as const;

/** MAJOR.MINOR.PATCH, no leading zeros: a published version is frozen, so no pre-releases. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DIMENSION_CODE = /^[A-Z]{2,6}$/;
const ITEM_CODE = /^([A-Z]{2,6})-(\d{2})$/;
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const text = (min: number, max: number) =>
  z
    .string({ error: "deve essere un testo" })
    .trim()
    .min(min, min === 1 ? "non può essere vuoto" : `almeno ${min} caratteri`)
    .max(max, `al massimo ${max} caratteri`);

const Title = text(3, 160);
const positiveInt = (message: string) => z.number({ error: message }).int(message).min(1, message);

// Unknown keys are reported one per key by the formatter below, with the key in the field.
const strict = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, { error: strictError });
function strictError(issue: { code?: string }) {
  return issue.code === "unrecognized_keys" ? "campo non previsto" : undefined;
}

const LevelEntry = strict({
  level: z.number({ error: "un livello da 0 a 4" }).int().min(0).max(4),
  label: text(1, 40),
  meaning: text(3, 400),
});

const Levels = z
  .array(LevelEntry)
  .length(5, "servono i 5 livelli, da 0 a 4")
  .refine((levels) => levels.every((l, i) => l.level === i), "i livelli vanno elencati in ordine: 0, 1, 2, 3, 4");

const LevelDescriptors = z.partialRecord(z.enum(["0", "1", "2", "3", "4"]), text(1, 400), {
  error: "una mappa livello → descrittore, con chiavi da 0 a 4",
});

const ExtraFieldRow = strict({
  key: z.string().regex(KEY, "chiave non valida (minuscole, cifre e trattini)"),
  label: text(1, 160),
  group: text(1, 80).optional(),
});

const ExtraField = strict({
  key: z.string().regex(KEY, "chiave non valida (minuscole, cifre e trattini)"),
  label: text(1, 160),
  type: z.enum(EXTRA_FIELD_TYPES, { error: `tipo non valido (ammessi: ${EXTRA_FIELD_TYPES.join(", ")})` }),
  rows: z.array(ExtraFieldRow).min(1, "almeno una riga").optional(),
}).superRefine((field, ctx) => {
  const wantsRows = ROW_TYPES.includes(field.type);
  if (wantsRows && !field.rows) {
    ctx.addIssue({ code: "custom", path: ["rows"], message: `un campo ${field.type} elenca le sue righe` });
  }
  if (!wantsRows && field.rows) {
    ctx.addIssue({ code: "custom", path: ["rows"], message: `righe ammesse solo per ${ROW_TYPES.join(" e ")}` });
  }
  if (field.rows) {
    for (const i of repeatedIndexes(field.rows.map((r) => r.key))) {
      ctx.addIssue({ code: "custom", path: ["rows", i, "key"], message: "chiave di riga ripetuta" });
    }
  }
});

const Prefill = strict({
  source: z.enum(PREFILL_SOURCES, { error: `fonte non valida (ammesse: ${PREFILL_SOURCES.join(", ")})` }),
  module: Slug.optional(),
  phase: Slug.optional(),
  unit: Slug.optional(),
  note: text(3, 600),
}).superRefine((prefill, ctx) => {
  if (prefill.source === "phase1-training" && !prefill.module) {
    ctx.addIssue({ code: "custom", path: ["module"], message: "i dati della fase 1 vengono da un modulo: indicarlo" });
  }
  if (prefill.source !== "phase1-training") {
    for (const key of ["module", "phase", "unit"] as const) {
      if (prefill[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: "ammesso solo per la fonte phase1-training" });
      }
    }
  }
});

const Item = strict({
  code: z.string({ error: "codice obbligatorio" }).regex(ITEM_CODE, "codice non valido (es. ORG-01)"),
  order: positiveInt("un intero da 1 in su"),
  kind: z.enum(ITEM_KINDS, { error: `tipo non valido (ammessi: ${ITEM_KINDS.join(", ")})` }),
  question: text(10, 400),
  help: text(1, 1200).optional(),
  levelDescriptors: LevelDescriptors,
  thresholds: z.array(z.number({ error: "ogni soglia è un numero" })).optional(),
  extraFields: z.array(ExtraField).default([]),
  evidenceRequiredFrom: z
    .number({ error: "un livello da 1 a 4, oppure null se l'evidenza non serve" })
    .int("un livello da 1 a 4, oppure null se l'evidenza non serve")
    .min(1, "un livello da 1 a 4, oppure null se l'evidenza non serve")
    .max(4, "un livello da 1 a 4, oppure null se l'evidenza non serve")
    .nullable()
    .default(3),
  evidenceHint: text(3, 400).optional(),
  references: z.array(text(1, 160)).default([]),
  legalObligation: z.boolean({ error: "true o false" }).default(false),
  deadline: z
    .string({ error: "una data AAAA-MM-GG" })
    .refine(isCalendarDate, "data inesistente o non scritta AAAA-MM-GG")
    .optional(),
  appliesTo: z
    .array(z.enum(ORGANISATION_KINDS, { error: `tipo di ente non valido (ammessi: ${ORGANISATION_KINDS.join(", ")})` }))
    .min(1, "almeno un tipo di ente")
    .default(["COMUNE", "COMUNITA_MONTANA"]),
  minPopulation: z.number().int().min(0).optional(),
  maxPopulation: z.number().int().min(0).optional(),
  weight: z.number({ error: "un numero maggiore di 0" }).positive("un numero maggiore di 0").max(10).default(1),
  critical: z.boolean({ error: "true o false" }).default(false),
  target: z.number({ error: "un livello da 1 a 4" }).int().min(1, "un livello da 1 a 4").max(4).default(3),
  prefill: Prefill.optional(),
}).superRefine((item, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const allowed = KIND_LEVELS[item.kind];

  for (const level of LEVELS) {
    const given = item.levelDescriptors[String(level) as keyof typeof item.levelDescriptors] !== undefined;
    if (allowed.includes(level) && !given)
      issue(["levelDescriptors", String(level)], `manca il descrittore del livello ${level}`);
    if (!allowed.includes(level) && given) {
      issue(["levelDescriptors", String(level)], `una voce ${item.kind} ha solo i livelli ${allowed.join(", ")}`);
    }
  }

  const counted = item.kind === "COUNT" || item.kind === "PERCENT";
  if (counted && !item.thresholds) issue(["thresholds"], `obbligatorie per una voce ${item.kind}`);
  if (!counted && item.thresholds) issue(["thresholds"], "ammesse solo per le voci COUNT e PERCENT");
  if (counted && item.thresholds) {
    for (const problem of thresholdProblems(item.thresholds, item.kind as "COUNT" | "PERCENT")) {
      issue(["thresholds"], problem);
    }
  }

  if (item.kind === "YES_NO" && item.evidenceRequiredFrom !== null && item.evidenceRequiredFrom !== 4) {
    issue(["evidenceRequiredFrom"], "per una voce YES_NO vale 4 (l'evidenza serve per «Sì») oppure null");
  }
  if (item.evidenceRequiredFrom !== null && !item.evidenceHint) {
    issue(["evidenceHint"], "indicare quale evidenza serve, visto che è richiesta");
  }

  for (const i of repeatedIndexes(item.references)) issue(["references", i], "riferimento ripetuto");
  for (const i of repeatedIndexes(item.extraFields.map((f) => f.key))) {
    issue(["extraFields", i, "key"], "chiave ripetuta");
  }
  for (const i of repeatedIndexes(item.appliesTo)) issue(["appliesTo", i], "tipo di ente ripetuto");
  if (item.minPopulation !== undefined && item.maxPopulation !== undefined && item.minPopulation > item.maxPopulation) {
    issue(["maxPopulation"], "non può essere minore di minPopulation");
  }
});

const Dimension = strict({
  code: z.string({ error: "codice obbligatorio" }).regex(DIMENSION_CODE, "codice non valido (2–6 maiuscole, es. ORG)"),
  title: Title,
  ptChapter: z
    .number({ error: "un capitolo da 1 a 7" })
    .int()
    .min(1, "un capitolo da 1 a 7")
    .max(7, "un capitolo da 1 a 7"),
  order: positiveInt("un intero da 1 in su"),
  weight: z.number({ error: "un numero maggiore di 0" }).positive("un numero maggiore di 0").max(10).default(1),
  items: z.array(Item).min(1, "almeno una voce"),
}).superRefine((dimension, ctx) => {
  dimension.items.forEach((item, i) => {
    const prefix = ITEM_CODE.exec(item.code)?.[1];
    if (prefix !== dimension.code) {
      ctx.addIssue({
        code: "custom",
        path: ["items", i, "code"],
        message: `una voce della dimensione ${dimension.code} ha un codice ${dimension.code}-NN`,
      });
    }
  });
  for (const i of repeatedIndexes(dimension.items.map((item) => item.order))) {
    ctx.addIssue({ code: "custom", path: ["items", i, "order"], message: "ordine ripetuto nella dimensione" });
  }
});

export const AssessmentFrameworkFile = strict({
  code: Slug,
  version: z
    .string({ error: 'una versione semver tra virgolette, es. "1.0.0"' })
    .regex(SEMVER, "versione non valida: MAJOR.MINOR.PATCH, es. 1.0.0"),
  title: Title,
  sourceNote: text(10, 2000),
  levels: Levels,
  dimensions: z.array(Dimension).min(1, "almeno una dimensione"),
}).superRefine((framework, ctx) => {
  const dims = framework.dimensions;
  for (const i of repeatedIndexes(dims.map((d) => d.code))) {
    ctx.addIssue({ code: "custom", path: ["dimensions", i, "code"], message: "codice di dimensione ripetuto" });
  }
  for (const i of repeatedIndexes(dims.map((d) => d.order))) {
    ctx.addIssue({ code: "custom", path: ["dimensions", i, "order"], message: "ordine di dimensione ripetuto" });
  }
  const codes = dims.flatMap((d, di) => d.items.map((item, ii) => ({ code: item.code, path: [di, ii] })));
  for (const i of repeatedIndexes(codes.map((c) => c.code))) {
    const [di, ii] = codes[i].path;
    ctx.addIssue({ code: "custom", path: ["dimensions", di, "items", ii, "code"], message: "codice di voce ripetuto" });
  }
});

export type AssessmentFrameworkContent = z.infer<typeof AssessmentFrameworkFile>;
export type AssessmentDimensionContent = AssessmentFrameworkContent["dimensions"][number];
export type AssessmentItemContent = AssessmentDimensionContent["items"][number];
export type AssessmentExtraField = AssessmentItemContent["extraFields"][number];
export type AssessmentLevel = AssessmentFrameworkContent["levels"][number];

/** A problem in a content file, printed `file › field: reason` (the content sync's shape). */
export type ContentProblem = { file: string; field: string; reason: string };

export type AssessmentParseResult =
  { ok: true; framework: AssessmentFrameworkContent } | { ok: false; problems: ContentProblem[] };

/**
 * Checks already-parsed YAML against the schema; each problem names the file and the field,
 * with dimension and item codes in place of list indexes.
 */
export function checkAssessmentFramework(raw: unknown, fileName: string): AssessmentParseResult {
  const parsed = AssessmentFrameworkFile.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, framework: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => {
      const path = key === undefined ? issue.path : [...issue.path, key];
      return { file: fileName, field: fieldName(path, raw), reason: issue.message };
    });
  });
  return { ok: false, problems };
}

/** What is wrong with a list of thresholds for a COUNT or PERCENT item (empty when valid). */
export function thresholdProblems(thresholds: readonly number[], kind: "COUNT" | "PERCENT"): string[] {
  const problems: string[] = [];
  if (thresholds.length !== 5) problems.push("servono 5 soglie, il minimo di ciascun livello da 0 a 4");
  if (thresholds[0] !== 0) problems.push("la prima soglia (livello 0) deve essere 0");
  if (thresholds.some((t, i) => i > 0 && t <= thresholds[i - 1])) {
    problems.push("le soglie devono essere strettamente crescenti");
  }
  if (kind === "COUNT" && thresholds.some((t) => !Number.isInteger(t))) {
    problems.push("per un conteggio le soglie sono numeri interi");
  }
  if (kind === "PERCENT" && thresholds.some((t) => t < 0 || t > 100)) {
    problems.push("per una percentuale le soglie vanno da 0 a 100");
  }
  return problems;
}

function repeatedIndexes(values: readonly unknown[]): number[] {
  const seen = new Set<unknown>();
  const repeated: number[] = [];
  values.forEach((value, i) => {
    if (seen.has(value)) repeated.push(i);
    seen.add(value);
  });
  return repeated;
}

// dimensions.3.items.0.kind → dimensions.PIAT.items.PIAT-01.kind: the file is read by code.
function fieldName(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return "(file)";
  let node: unknown = raw;
  return path
    .map((segment) => {
      node = node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
      if (typeof segment === "number" && node !== null && typeof node === "object") {
        const { code, key } = node as { code?: unknown; key?: unknown };
        const name = typeof code === "string" ? code : key;
        if (typeof name === "string" && /^[A-Za-z0-9-]+$/.test(name)) return name;
      }
      return String(segment);
    })
    .join(".");
}

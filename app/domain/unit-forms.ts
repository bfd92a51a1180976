/**
 * Schemas of the forms on a unit page whose fields depend on the unit (the questions of a
 * quiz, the items of a survey). Built per request from the unit's rows; parsed with Conform
 * on the server like every other form, so errors come back in the same shape.
 */
import { z } from "zod";

export const SURVEY_COMMENT_MAX = 2000;

/**
 * A quiz's answers: `q-<key>` holds the chosen option ids (one or several). Values that are
 * not options of that question are dropped; a question left without an answer is an error.
 */
export function quizFormSchema(questions: readonly { key: string; options: readonly { id: string }[] }[]) {
  const shape: Record<string, z.ZodType<string[]>> = {};
  for (const q of questions) {
    const ids = new Set(q.options.map((o) => o.id));
    shape[`q-${q.key}`] = z.preprocess(
      (value) => (value === undefined ? [] : [value].flat().filter((v) => typeof v === "string" && ids.has(v))),
      z.array(z.string()).min(1, "Scegli una risposta."),
    );
  }
  return z.object({ intent: z.literal("submit-quiz"), ...shape }).transform((form) => {
    const chosen = form as unknown as Record<string, string[]>;
    const answers: Record<string, string[]> = {};
    for (const q of questions) answers[q.key] = chosen[`q-${q.key}`];
    return answers;
  });
}

/** One answer of a survey response: a Likert value or a comment. */
export type SurveyAnswer = { itemId: number; value: number | null; text: string | null };

/** A survey's answers: `item-<key>` is 1–5 for a Likert item, an optional comment otherwise. */
export function surveyFormSchema(items: readonly { id: number; key: string; type: "LIKERT" | "TEXT" }[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of items) {
    shape[`item-${item.key}`] =
      item.type === "LIKERT"
        ? z.string({ error: "Scegli un valore da 1 a 5." }).regex(/^[1-5]$/, "Scegli un valore da 1 a 5.")
        : z
            .string()
            .trim()
            .max(SURVEY_COMMENT_MAX, `Il commento può avere al massimo ${SURVEY_COMMENT_MAX} caratteri.`)
            .optional();
  }
  return z.object({ intent: z.literal("submit-survey"), ...shape }).transform((form): SurveyAnswer[] => {
    const values = form as unknown as Record<string, string | undefined>;
    return items.flatMap((item): SurveyAnswer[] => {
      const raw = values[`item-${item.key}`];
      if (item.type === "LIKERT") return [{ itemId: item.id, value: Number(raw), text: null }];
      return raw ? [{ itemId: item.id, value: null, text: raw }] : [];
    });
  });
}

/**
 * The forms of a unit page, one per kind (lesson, quiz, lab, survey) plus the self check-in;
 * a hidden `intent` picks the branch. Each is parsed with Conform against a zod schema —
 * built from the unit's own questions or items where they decide the fields — and answers
 * 400 with the errors by their fields, or redirects with the outcome.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireLearner } from "~/access/guards.server";
import { LAB_TEXT_MAX, LessonCompleteSchema } from "~/domain/learning-schema";
import { quizFormSchema, surveyFormSchema } from "~/domain/unit-forms";
import { completeLesson, getSurveyItems, submitLab, submitQuiz, submitSurvey } from "~/models/learner-events.server";
import { getUnitPage } from "~/models/learning.server";
import { invariantResponse, notFound, readForm, unknownIntent } from "~/utils/http.server";
import { isMultipart, readMultipartForm } from "~/utils/multipart.server";
import { detectUploadType, MAX_UPLOAD_BYTES, removeUpload, storedFileName, storeUpload } from "~/utils/uploads.server";
import { checkInAction, type CheckInReply } from "./percorso.check-in.server";

export type UnitActionData = { result: SubmissionResult<string[]> } | CheckInReply;

const invalid = (result: SubmissionResult<string[]>) => data<UnitActionData>({ result }, { status: 400 });

/** The body of the page's forms: multipart for the lab deliverable, urlencoded otherwise. */
async function readUnitForm(request: Request): Promise<FormData | { tooLarge: string }> {
  if (!isMultipart(request)) return readForm(request);
  const form = await readMultipartForm(request, { maxFileBytes: MAX_UPLOAD_BYTES, maxFiles: 1 });
  return form.ok ? form.formData : { tooLarge: form.message };
}

/** The lab deliverable: text and/or a file of an allowed type (checked on the bytes). */
function labFormSchema(lab: { acceptsText: boolean; acceptsFile: boolean }) {
  return z
    .object({
      intent: z.literal("submit-lab"),
      text: z.string().trim().max(LAB_TEXT_MAX, `Il testo può avere al massimo ${LAB_TEXT_MAX} caratteri.`).optional(),
      // An empty file input (no file chosen) is no file.
      file: z.preprocess((v) => (v instanceof File && v.size === 0 ? undefined : v), z.instanceof(File).optional()),
    })
    .superRefine((v, ctx) => {
      if (v.text && !lab.acceptsText)
        ctx.addIssue({ code: "custom", path: ["text"], message: "Questo laboratorio non accetta testo." });
      if (v.file && !lab.acceptsFile)
        ctx.addIssue({ code: "custom", path: ["file"], message: "Questo laboratorio non accetta file." });
      if (!v.text && !v.file)
        ctx.addIssue({
          code: "custom",
          path: [lab.acceptsText ? "text" : "file"],
          message: "Scrivi la consegna o allega un file.",
        });
    })
    .transform(async (v, ctx) => {
      if (!v.file) return { text: v.text ?? null, file: null };
      const bytes = new Uint8Array(await v.file.arrayBuffer());
      const detected = await detectUploadType(bytes, v.file.name);
      if (!detected) {
        ctx.addIssue({
          code: "custom",
          path: ["file"],
          message: "Tipo di file non ammesso: carica un PDF, ODT, DOCX, ODS, XLSX, CSV, PNG o JPG.",
        });
        return z.NEVER;
      }
      // The name shown and downloaded takes the extension of what the bytes are.
      const name = storedFileName(v.file.name, detected.ext);
      return { text: v.text ?? null, file: { bytes, detected, name, size: v.file.size } };
    });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireLearner(request);
  const { scope, actor } = access;
  const moduleSlug = params.module ?? "";
  const unitSlug = params.unit ?? "";
  const unit = { scope, actor, moduleSlug, unitSlug };
  const here = `/percorso/${moduleSlug}/${unitSlug}`;

  const formData = await readUnitForm(request);
  if ("tooLarge" in formData) return invalid({ status: "error", error: { file: [formData.tooLarge] } });
  const intent = formData.get("intent");

  if (intent === "check-in") return checkInAction(access, formData, here);

  if (intent === "complete-lesson") {
    const submission = parseWithZod(formData, { schema: LessonCompleteSchema });
    // A missing or odd reading time only means no time is credited.
    const openedAt = submission.status === "success" ? submission.value.openedAt : undefined;
    if (!(await completeLesson({ ...unit, openedAt }))) notFound();
    return redirect(`${here}?esito=lesson`);
  }

  if (intent === "submit-quiz") {
    const page = await getUnitPage({ scope, moduleSlug, unitSlug });
    invariantResponse(page && "quiz" in page && page.quiz);
    const submission = parseWithZod(formData, { schema: quizFormSchema(page.quiz.questions) });
    if (submission.status !== "success") {
      const missing = Object.keys(submission.error ?? {}).filter((k) => k.startsWith("q-")).length;
      return invalid(submission.reply({ formErrors: [`Rispondi a tutte le domande: ne mancano ${missing}.`] }));
    }
    const result = (await submitQuiz({ ...unit, answers: submission.value })) ?? notFound();
    if (!result.ok)
      return invalid(submission.reply({ formErrors: ["Non puoi fare altri tentativi per questa verifica."] }));
    return redirect(`${here}?esito=${result.passed ? "quiz-passed" : "quiz-failed"}`);
  }

  if (intent === "submit-lab") {
    const page = await getUnitPage({ scope, moduleSlug, unitSlug });
    invariantResponse(page && "lab" in page && page.lab);
    const submission = await parseWithZod(formData, { schema: labFormSchema(page.lab), async: true });
    if (submission.status !== "success") return invalid(submission.reply());
    const { text, file } = submission.value;
    const key = file ? await storeUpload(file.bytes, file.detected.ext) : null;
    try {
      const stored = file && key ? { key, name: file.name, mime: file.detected.mime, size: file.size } : null;
      const result = await submitLab({ ...unit, input: { text, file: stored } });
      if (!result) notFound();
      if (!result.ok) {
        if (key) await removeUpload(key);
        return invalid(submission.reply({ formErrors: ["La consegna è già in valutazione."] }));
      }
    } catch (error) {
      // Nothing half-written: a failed database write takes the stored file with it.
      if (key) await removeUpload(key);
      throw error;
    }
    return redirect(`${here}?esito=lab`);
  }

  if (intent === "submit-survey") {
    const items = (await getSurveyItems({ scope, moduleSlug, unitSlug })) ?? notFound();
    const submission = parseWithZod(formData, { schema: surveyFormSchema(items) });
    if (submission.status !== "success") {
      return invalid(submission.reply({ formErrors: ["Rispondi a tutte le domande con un valore da 1 a 5."] }));
    }
    if (!(await submitSurvey({ ...unit, answers: submission.value }))) notFound();
    return redirect(`${here}?esito=survey`);
  }

  unknownIntent();
}

/**
 * The forms of a comune's assessment page: save a dimension, submit, validate, reopen, add
 * and remove evidence. A hidden `intent` picks the branch. The assessment is looked up in
 * the scope of the capability the intent needs (another comune's, or a cycle one does not
 * facilitate, is 404); each form is parsed with Conform and answers 400 with the errors by
 * field, 409 when someone else saved first (nothing written), or redirects with the outcome.
 */
import { createHash } from "node:crypto";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireCapability } from "~/access/guards.server";
import { dimensionFormSchema, EvidenceFormSchema, StatusChangeSchema } from "~/domain/assessment-form";
import { IdField, parseId } from "~/domain/ids";
import {
  addEvidence,
  reopenAssessment,
  removeEvidence,
  saveDimensionAnswers,
  submitAssessment,
  validateAssessment,
  type WriteRefusal,
} from "~/models/assessment.server";
import { getAssessmentPage, parseIstat } from "~/models/assessment-page.server";
import { badRequest, notFound, readForm, unknownIntent } from "~/utils/http.server";
import { isMultipart, readMultipartForm } from "~/utils/multipart.server";
import { detectUploadType, MAX_UPLOAD_BYTES, removeUpload, storedFileName, storeUpload } from "~/utils/uploads.server";

export type Intent = "save" | "status" | "evidence";
export type ActionData = { intent: Intent; itemCode?: string; result: SubmissionResult<string[]> };

const VALIDATING = new Set(["validate", "reopen"]);

function refused(intent: Intent, result: SubmissionResult<string[]>, refusal: WriteRefusal, itemCode?: string) {
  return data<ActionData>(
    { intent, itemCode, result: { ...result, error: { ...result.error, "": [refusal.message] } } },
    { status: refusal.reason === "conflict" ? 409 : 400 },
  );
}

/** The body: multipart for an evidence file, urlencoded otherwise. */
async function readAssessmentForm(request: Request): Promise<FormData | { tooLarge: string }> {
  if (!isMultipart(request)) return readForm(request);
  const form = await readMultipartForm(request, { maxFileBytes: MAX_UPLOAD_BYTES, maxFiles: 1 });
  return form.ok ? form.formData : { tooLarge: form.message };
}

const RemoveEvidenceSchema = z.object({ evidenceId: IdField });

export async function action({ request, params }: ActionFunctionArgs) {
  // Who may write at all is checked before the body is read; validating needs more.
  const filler = await requireCapability(request, "assessment:fill:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const istat = parseIstat(params.istat) ?? notFound();
  const formData = await readAssessmentForm(request);
  const intent = "tooLarge" in formData ? "add-evidence" : String(formData.get("intent") ?? "");
  const { scope, actor } = VALIDATING.has(intent)
    ? await requireCapability(request, "assessment:validate:phase2")
    : filler;
  const dimensionCode = "tooLarge" in formData ? null : String(formData.get("dimension") ?? "") || null;
  const page = (await getAssessmentPage({ scope, cycleId, istat, dimensionCode })) ?? notFound();
  const id = page.assessment.id;
  const here = `/maturita/${cycleId}/${istat}?dimensione=${page.dimension.code}`;

  if ("tooLarge" in formData) {
    return data<ActionData>(
      { intent: "evidence", result: { status: "error", error: { file: [formData.tooLarge] } } },
      { status: 400 },
    );
  }

  if (intent === "save") {
    const schema = dimensionFormSchema(page.items);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") {
      return data<ActionData>(
        { intent: "save", result: submission.reply({ formErrors: ["Controlla i campi segnalati e salva di nuovo."] }) },
        { status: 400 },
      );
    }
    const { version, answers, reason } = submission.value;
    const saved = await saveDimensionAnswers({
      scope,
      actor,
      id,
      dimensionCode: page.dimension.code,
      version,
      answers,
      reason,
    });
    if (!saved) notFound();
    if (!saved.ok) return refused("save", submission.reply(), saved);
    return redirect(`${here}&esito=salvata`);
  }

  if (intent === "submit" || intent === "validate" || intent === "reopen") {
    const submission = parseWithZod(formData, { schema: StatusChangeSchema });
    if (submission.status !== "success")
      return data<ActionData>({ intent: "status", result: submission.reply() }, { status: 400 });
    const { version, reason } = submission.value;
    const write = { scope, actor, id, version };
    const outcome =
      intent === "submit"
        ? await submitAssessment(write)
        : intent === "validate"
          ? await validateAssessment(write)
          : await reopenAssessment({ ...write, reason: reason ?? "" });
    if (!outcome) notFound();
    if (!outcome.ok) {
      if (outcome.reason === "reason-required") {
        return data<ActionData>(
          { intent: "status", result: submission.reply({ fieldErrors: { reason: [outcome.message] } }) },
          { status: 400 },
        );
      }
      return refused("status", submission.reply(), outcome);
    }
    const done = { submit: "inviata", validate: "validata", reopen: "riaperta" }[intent];
    return redirect(`${here}&esito=${done}`);
  }

  if (intent === "add-evidence") {
    const submission = parseWithZod(formData, { schema: EvidenceFormSchema });
    const itemCode = String(formData.get("itemCode") ?? "");
    if (submission.status !== "success") {
      return data<ActionData>({ intent: "evidence", itemCode, result: submission.reply() }, { status: 400 });
    }
    const input = submission.value;
    let key: string | null = null;
    let evidence;
    if (input.kind === "FILE") {
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      const detected = await detectUploadType(bytes, input.file.name);
      if (!detected) {
        return data<ActionData>(
          {
            intent: "evidence",
            itemCode,
            result: submission.reply({
              fieldErrors: { file: ["Tipo di file non ammesso: carica un PDF, ODT, DOCX, ODS, XLSX, CSV, PNG o JPG."] },
            }),
          },
          { status: 400 },
        );
      }
      key = await storeUpload(bytes, detected.ext);
      evidence = {
        kind: "FILE" as const,
        title: input.title,
        file: {
          storageKey: key,
          fileName: storedFileName(input.file.name, detected.ext),
          sha256: createHash("sha256").update(bytes).digest("hex"),
          mime: detected.mime,
          sizeBytes: bytes.byteLength,
        },
      };
    } else if (input.kind === "LINK") evidence = { kind: "LINK" as const, title: input.title, url: input.url };
    else if (input.kind === "ACT") {
      evidence = {
        kind: "ACT" as const,
        title: input.title,
        actNumber: input.actNumber,
        actDate: new Date(`${input.actDate}T12:00:00Z`),
      };
    } else evidence = { kind: "TEXT" as const, title: input.title, text: input.text };
    try {
      const outcome = await addEvidence({ scope, actor, id, itemCode: input.itemCode, evidence });
      if (!outcome || !outcome.ok) {
        if (key) await removeUpload(key);
        if (!outcome) notFound();
        return refused("evidence", submission.reply(), outcome, itemCode);
      }
    } catch (error) {
      // Nothing half-written: a failed database write takes the stored file with it.
      if (key) await removeUpload(key);
      throw error;
    }
    return redirect(`${here}&esito=evidenza#item-${input.itemCode}`);
  }

  if (intent === "remove-evidence") {
    const submission = parseWithZod(formData, { schema: RemoveEvidenceSchema });
    if (submission.status !== "success") badRequest({ evidenceId: ["Evidenza non valida."] });
    const outcome = (await removeEvidence({ scope, actor, evidenceId: submission.value.evidenceId })) ?? notFound();
    if (!outcome.ok) return refused("evidence", submission.reply(), outcome);
    if (outcome.storageKey) await removeUpload(outcome.storageKey);
    return redirect(`${here}&esito=evidenza-rimossa`);
  }

  unknownIntent();
}

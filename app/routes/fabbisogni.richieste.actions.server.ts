/**
 * The forms of the moderation queue, one per action on one request: approve (with the
 * summary to publish), reject with a reason, mark as spam, merge into an equal request, link
 * to a need. A hidden `intent` picks the form; a request or need outside the moderator's
 * scope is 404; a refusal is 400 with the message by its field; a success redirects back to
 * the queue with its filters and the outcome.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/access/guards.server";
import type { PersonalDataKind } from "~/domain/citizen-request";
import { parseId } from "~/domain/ids";
import { MODERATION_INTENTS, ModerationSchema, type ModerationIntent } from "~/domain/moderation-schema";
import { mergeRequest } from "~/models/citizen-moderation.server";
import { moderateRequest } from "~/models/citizen-request.server";
import { linkRequestToNeed } from "~/models/need.server";
import { notFound, readForm, unknownIntent } from "~/utils/http.server";

export type ActionData = {
  intent: ModerationIntent;
  requestId: number | null;
  result: SubmissionResult<string[]>;
  /** what the summary seems to hold, when an approval was stopped for it */
  warnings: PersonalDataKind[];
};

const OUTCOME: Record<ModerationIntent, string> = {
  approve: "approvata",
  reject: "respinta",
  spam: "spam",
  merge: "unita",
  link: "collegata",
};

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "citizen:moderate:phase2");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (typeof intent !== "string" || !(MODERATION_INTENTS as readonly string[]).includes(intent)) unknownIntent();
  const submission = parseWithZod(formData, { schema: ModerationSchema });
  const requestId = parseId(formData.get("requestId"));
  const refuse = (result: SubmissionResult<string[]>, warnings: PersonalDataKind[] = []) =>
    data<ActionData>({ intent: intent as ModerationIntent, requestId, result, warnings }, { status: 400 });
  if (submission.status !== "success") return refuse(submission.reply());
  const v = submission.value;

  let outcome: { ok: true } | { ok: false; message: string; reason?: string; warnings?: PersonalDataKind[] } | null;
  if (v.intent === "approve") {
    outcome = await moderateRequest({
      scope,
      actor,
      id: v.requestId,
      moderation: { action: "approve", summary: v.summary ?? "", confirmPersonalData: v.confirmPersonalData },
    });
  } else if (v.intent === "reject") {
    outcome = await moderateRequest({
      scope,
      actor,
      id: v.requestId,
      moderation: { action: "reject", rejectReason: v.rejectReason },
    });
  } else if (v.intent === "spam") {
    outcome = await moderateRequest({ scope, actor, id: v.requestId, moderation: { action: "spam" } });
  } else if (v.intent === "merge") {
    outcome = await mergeRequest({ scope, actor, id: v.requestId, targetId: v.targetId });
  } else if (v.intent === "link") {
    outcome = await linkRequestToNeed({ scope, actor, requestId: v.requestId, needId: v.needId });
  } else {
    unknownIntent();
  }
  if (!outcome) notFound();
  if (!outcome.ok) {
    // The summary's refusals (missing, too long, personal data) belong next to the summary.
    const bySummary = outcome.reason === "summary-required" || outcome.reason === "personal-data";
    return refuse(
      bySummary
        ? submission.reply({ fieldErrors: { summary: [outcome.message] } })
        : submission.reply({ formErrors: [outcome.message] }),
      outcome.warnings ?? [],
    );
  }
  const back = new URL(request.url).searchParams;
  back.delete("esito");
  back.delete("index");
  back.set("esito", OUTCOME[v.intent]);
  return redirect(`/fabbisogni/richieste?${back}`);
}

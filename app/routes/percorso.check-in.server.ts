/** The self check-in form, shared by the module and unit pages of the learner. */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Access } from "~/access/guards.server";
import type { OwnScope } from "~/access/scope.server";
import { parseId } from "~/domain/ids";
import { CheckInSchema } from "~/domain/learning-schema";
import { checkIn } from "~/models/learner-events.server";

/** Which session's form the reply belongs to, and the reply. */
export type CheckInReply = { checkIn: { sessionId: number; result: SubmissionResult<string[]> } };

/** Records the check-in and goes back with the outcome, or answers 400 with the error by the code field. */
export async function checkInAction({ scope, actor }: Access<OwnScope>, formData: FormData, backTo: string) {
  const submission = parseWithZod(formData, { schema: CheckInSchema });
  if (submission.status !== "success") {
    const sessionId = parseId(formData.get("sessionId")) ?? 0;
    return data<CheckInReply>({ checkIn: { sessionId, result: submission.reply() } }, { status: 400 });
  }
  const { sessionId, code } = submission.value;
  const result = await checkIn({ scope, actor, sessionId, code });
  if (!result.ok) {
    return data<CheckInReply>(
      { checkIn: { sessionId, result: submission.reply({ fieldErrors: { code: [result.message] } }) } },
      { status: 400 },
    );
  }
  return redirect(`${backTo}?esito=${result.changed ? "checkin" : "checkin-again"}`);
}

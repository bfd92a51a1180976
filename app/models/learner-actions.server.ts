/** Form handling shared by the learner's module and unit pages. */
import { data, redirect } from "@remix-run/node";
import { CheckInSchema } from "~/domain/learning-schema";
import { checkIn, type Learner } from "~/models/learning.server";

/** Handles a self check-in form: redirects back with the outcome, or 400 with the error by the field. */
export async function handleCheckIn(learner: Learner, formData: FormData, backTo: string, requestId: string | null) {
  const parsed = CheckInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const sessionId = Number(formData.get("sessionId")) || 0;
    const message = parsed.error.issues.find((i) => i.path[0] === "code")?.message ?? "Richiesta non valida.";
    return data({ checkIn: { sessionId, message } }, { status: 400 });
  }
  const result = await checkIn(learner, parsed.data.sessionId, parsed.data.code, { requestId });
  if (!result.ok)
    return data({ checkIn: { sessionId: parsed.data.sessionId, message: result.message } }, { status: 400 });
  return redirect(`${backTo}?esito=${result.changed ? "checkin" : "checkin-again"}`);
}

/**
 * The forms of the edition-management page: enrol one person, enrol in bulk, withdraw or
 * re-enrol a person, add or remove a trainer. A hidden `intent` picks the form; each is
 * parsed with Conform and answers 400 with the errors by its fields, 404 for a person or
 * trainer outside the coordinator's areas, or redirects with the outcome.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireCapability, requireManagedEdition } from "~/access/guards.server";
import { BulkEnrolSchema, EnrolmentChangeSchema, EnrolOneSchema, TrainerChangeSchema } from "~/domain/enrolment-schema";
import { addTrainer, bulkEnrol, enrolOne, reenrol, removeTrainer, withdraw } from "~/models/enrolment.server";
import { badRequest, notFound, readForm, unknownIntent } from "~/utils/http.server";

export type Intent = "enrol" | "bulk" | "trainer";
export type ActionData = { intent: Intent; result: SubmissionResult<string[]> };

const invalid = (intent: Intent, result: SubmissionResult<string[]>) =>
  data<ActionData>({ intent, result }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, edition } = await requireManagedEdition(request, params.id);
  const change = { scope, actor, edition };
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const here = `/gestione/edizioni/${edition.id}`;

  if (intent === "enrol") {
    const submission = parseWithZod(formData, { schema: EnrolOneSchema });
    if (submission.status !== "success") return invalid("enrol", submission.reply());
    const outcome = await enrolOne({ ...change, personId: submission.value.personId });
    if (!outcome.ok) {
      if (outcome.status === 404) notFound();
      return invalid("enrol", submission.reply({ fieldErrors: outcome.fieldErrors }));
    }
    return redirect(`${here}?esito=iscritta`);
  }
  if (intent === "bulk") {
    const submission = parseWithZod(formData, { schema: BulkEnrolSchema });
    if (submission.status !== "success") return invalid("bulk", submission.reply());
    const outcome = await bulkEnrol({ ...change, input: submission.value });
    if (!outcome.ok) {
      if (outcome.status === 404) notFound();
      return invalid("bulk", submission.reply({ fieldErrors: outcome.fieldErrors }));
    }
    return redirect(`${here}?esito=blocco&n=${outcome.count}`);
  }
  if (intent === "withdraw" || intent === "reenrol") {
    // A row's button: its only field is the person's id, so a bad one is a bad request.
    const submission = parseWithZod(formData, { schema: EnrolmentChangeSchema });
    if (submission.status !== "success") badRequest({ personId: ["Persona non valida."] });
    const { personId } = submission.value;
    const done =
      intent === "withdraw" ? await withdraw({ ...change, personId }) : await reenrol({ ...change, personId });
    if (!done) notFound();
    return redirect(`${here}?esito=${intent === "withdraw" ? "ritirata" : "reiscritta"}`);
  }
  if (intent === "add-trainer" || intent === "remove-trainer") {
    await requireCapability(request, "edition:manage:area");
    const submission = parseWithZod(formData, { schema: TrainerChangeSchema });
    if (submission.status !== "success") return invalid("trainer", submission.reply());
    const trainerUserId = submission.value.userId;
    if (submission.value.intent === "add-trainer") {
      const outcome = await addTrainer({ ...change, trainerUserId });
      if (!outcome.ok) return invalid("trainer", submission.reply({ fieldErrors: outcome.fieldErrors }));
      return redirect(`${here}?esito=formatore`);
    }
    if (!(await removeTrainer({ ...change, trainerUserId }))) notFound();
    return redirect(`${here}?esito=formatore-rimosso`);
  }
  unknownIntent();
}

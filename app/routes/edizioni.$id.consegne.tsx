import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { parseId } from "~/domain/ids";
import { ReviewSchema } from "~/domain/trainer-schema";
import { listSubmissionsToReview, reviewSubmission } from "~/models/grading.server";
import { formatDate } from "~/utils/format";
import { notFound, readForm } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEdition(request, params.id);
  return { submissions: await listSubmissionsToReview({ scope }) };
}

/** The reply of one deliverable's review form (the queue shows one form per deliverable). */
type ActionData = { id: number; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, edition } = await requireEdition(request, params.id, "submission:review:edition");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ReviewSchema });
  if (submission.status !== "success") {
    const id = parseId(formData.get("submissionId")) ?? 0;
    return data<ActionData>({ id, result: submission.reply() }, { status: 400 });
  }
  const { submissionId, decision, feedback } = submission.value;
  const result = await reviewSubmission({ scope, actor, submissionId, decision, feedback: feedback ?? null });
  if (!result) notFound();
  return redirect(`/edizioni/${edition.id}/consegne?esito=valutata`);
}

export default function GradingPage() {
  const { submissions } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="grading-title" className="space-y-4">
      <h2 id="grading-title" className="text-xl font-semibold">
        {t("edition.grading.title")}
      </h2>
      {params.get("esito") ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t("edition.grading.done")}
        </p>
      ) : null}
      {submissions.length === 0 ? <p>{t("edition.grading.none")}</p> : null}
      <ol className="space-y-4" data-testid="grading-queue">
        {submissions.map((s) => {
          const errors = actionData?.id === s.id ? errorsOf(actionData.result) : {};
          return (
            <li
              key={s.id}
              className="rounded-lg border border-slate-200 bg-white p-4"
              data-testid={`submission-${s.id}`}
            >
              <p className="font-semibold">
                {s.learner} — {s.organisation}
              </p>
              <p className="text-sm text-slate-700">
                {s.unit} · {t("edition.grading.version", { version: s.version })} ·{" "}
                {t("edition.grading.submittedOn", { date: formatDate(s.submittedAt, i18n.language) })}
              </p>
              {s.text ? <p className="mt-2 whitespace-pre-wrap">{s.text}</p> : null}
              {s.fileName ? (
                <p className="mt-2">
                  <a href={`/consegne/${s.id}/file`} className="text-brand-700 underline">
                    {t("edition.grading.download", { name: s.fileName })}
                  </a>
                </p>
              ) : null}
              <Form method="post" className="mt-3 space-y-2">
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="submissionId" value={s.id} />
                <fieldset aria-describedby={errors?.decision ? `decision-${s.id}-error` : undefined}>
                  <legend className="text-sm font-semibold">{t("edition.grading.decision")}</legend>
                  <div className="mt-1 flex flex-wrap gap-4">
                    <label className="flex items-center gap-2">
                      <input type="radio" name="decision" value="ACCEPTED" className="h-4 w-4" />
                      {t("edition.grading.accept")}
                    </label>
                    <label className="flex items-center gap-2">
                      <input type="radio" name="decision" value="TO_REVISE" className="h-4 w-4" />
                      {t("edition.grading.revise")}
                    </label>
                  </div>
                  <ErrorList id={`decision-${s.id}-error`} errors={errors?.decision} />
                </fieldset>
                <div>
                  <label htmlFor={`feedback-${s.id}`} className="block text-sm font-semibold">
                    {t("edition.grading.feedback")}
                  </label>
                  <p id={`feedback-${s.id}-hint`} className="text-xs text-slate-600">
                    {t("edition.grading.feedbackHint")}
                  </p>
                  <textarea
                    id={`feedback-${s.id}`}
                    name="feedback"
                    rows={3}
                    maxLength={4000}
                    aria-invalid={errors?.feedback ? true : undefined}
                    aria-describedby={`feedback-${s.id}-hint${errors?.feedback ? ` feedback-${s.id}-error` : ""}`}
                    className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
                  />
                  <ErrorList id={`feedback-${s.id}-error`} errors={errors?.feedback} />
                </div>
                <button type="submit" className={buttonClass}>
                  {t("edition.grading.send")}
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

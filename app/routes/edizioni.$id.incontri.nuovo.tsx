import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SessionForm } from "~/components/session-form";
import { SessionFormSchema } from "~/domain/trainer-schema";
import { createSession, schedulableUnits, sessionProblems } from "~/models/attendance.server";
import { withChecks } from "~/utils/forms.server";
import { readForm } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition } = await requireEdition(request, params.id, "attendance:record:edition");
  return { units: await schedulableUnits({ edition }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, edition } = await requireEdition(request, params.id, "attendance:record:edition");
  const formData = await readForm(request);
  const submission = await parseWithZod(formData, {
    schema: withChecks(SessionFormSchema, (input) => sessionProblems({ edition, input })),
    async: true,
  });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createSession({ actor, edition, input: submission.value });
  if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
  return redirect(`/edizioni/${edition.id}/incontri/${outcome.id}?esito=creato`);
}

export default function NewSessionPage() {
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="new-session" className="space-y-3">
      <h2 id="new-session" className="text-xl font-semibold">
        {t("edition.sessions.new")}
      </h2>
      <SessionForm
        id="new-session-form"
        units={units}
        lastResult={actionData?.result}
        submitLabel={t("edition.session.create")}
        defaults={{ mode: "PRESENCE" }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

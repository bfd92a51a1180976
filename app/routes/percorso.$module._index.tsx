import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLearner } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Outcome } from "~/components/outcome";
import { SessionList } from "~/components/session-list";
import { getModulePage } from "~/models/learning.server";
import { formatHours, formatPercent } from "~/utils/format";
import { notFound, readForm, unknownIntent } from "~/utils/http.server";
import { checkInAction, type CheckInReply } from "./percorso.check-in.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireLearner(request);
  return (await getModulePage({ scope, slug: params.module ?? "" })) ?? notFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireLearner(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "check-in") unknownIntent();
  return checkInAction(access, formData, `/percorso/${params.module}`);
}

export default function ModulePage() {
  const m = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ to: "/percorso", label: t("learner.title") }]} current={m.title} />
      <header>
        <h1 className="text-2xl font-bold">{m.title}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{m.summary}</p>
      </header>
      <Outcome />

      <section aria-labelledby="progress-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="progress-title" className="text-lg font-semibold">
          {t("modulePage.progress")} — <span data-testid="module-status">{t(`learner.status.${m.status}`)}</span>
        </h2>
        <p className="mt-2">{t("modulePage.units", { done: m.completedUnits, total: m.requiredUnits })}</p>
        <p className="mt-1">
          {m.scheduledMinutes > 0
            ? t("modulePage.attendance", {
                attended: formatHours(m.attendedMinutes, lng),
                required: formatHours(m.requiredMinutes, lng),
                threshold: formatPercent(m.threshold, lng),
                scheduled: formatHours(m.scheduledMinutes, lng),
              })
            : t("modulePage.noSessions")}
        </p>
        {m.status === "COMPLETED" ? (
          <p className="mt-2 font-semibold text-brand-700">{t("modulePage.complete")}</p>
        ) : m.missing.length > 0 || m.minutesMissing > 0 ? (
          <div className="mt-3">
            <p className="font-semibold">{t("modulePage.missing")}:</p>
            <ul className="mt-1 list-disc pl-6" data-testid="missing">
              {m.missing.map((u) => (
                <li key={u.slug}>
                  <Link to={`/percorso/${m.slug}/${u.slug}`} className="text-brand-700 underline">
                    {u.title}
                  </Link>{" "}
                  ({t(`learner.kinds.${u.kind}`)})
                </li>
              ))}
              {m.minutesMissing > 0 ? (
                <li>{t("modulePage.missingMinutes", { hours: formatHours(m.minutesMissing, lng) })}</li>
              ) : null}
            </ul>
          </div>
        ) : null}
      </section>

      {m.certificate ? (
        <section aria-labelledby="certificate-title" className="rounded-lg border border-brand-600 bg-brand-50 p-4">
          <h2 id="certificate-title" className="text-lg font-semibold">
            {t("modulePage.certificate")}
          </h2>
          {m.certificate.revoked ? <p className="text-red-800">{t("modulePage.revoked")}</p> : null}
          <p className="mt-2 flex flex-wrap gap-4">
            <a
              href={`/attestati/${m.certificate.code}/pdf`}
              className="font-semibold text-brand-700 underline"
              data-testid="certificate-download"
            >
              {t("modulePage.download")}
            </a>
            <Link
              to={`/verifica/${m.certificate.code}`}
              className="text-brand-700 underline"
              data-testid="certificate-verify"
            >
              {t("modulePage.verify")} ({m.certificate.code})
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="phases-title">
        <h2 id="phases-title" className="text-xl font-semibold">
          {t("modulePage.phases")}
        </h2>
        {m.phases.map((ph) => (
          <div key={ph.id} className="mt-4">
            {m.phases.length > 1 ? (
              <>
                <h3 className="text-lg font-semibold">
                  {ph.title}{" "}
                  <span className="text-sm font-normal text-slate-600">({t(`learner.status.${ph.status}`)})</span>
                </h3>
                {ph.team ? <p className="text-sm text-slate-600">{t("modulePage.team", { team: ph.team })}</p> : null}
              </>
            ) : null}
            <ol className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {ph.units.map((u) => (
                <li key={u.slug} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                  <div>
                    <Link to={`/percorso/${m.slug}/${u.slug}`} className="font-medium text-brand-700 underline">
                      {u.title}
                    </Link>
                    <p className="text-sm text-slate-600">
                      {t(`learner.kinds.${u.kind}`)} · {t("unitPage.duration", { minutes: u.durationMinutes })} ·{" "}
                      {u.required ? t("unitPage.required") : t("unitPage.optional")}
                    </p>
                  </div>
                  <span
                    className={`rounded px-2 py-0.5 text-sm ${u.done ? "bg-brand-100 text-brand-800" : u.status === "FAILED" ? "bg-amber-100 text-amber-900" : "bg-slate-100"}`}
                  >
                    {t(`unitPage.statuses.${u.status}`)}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-xl font-semibold">
          {t("unitPage.sessions.title")}
        </h2>
        <div className="mt-3">
          <SessionList sessions={m.sessions} lastResult={(actionData as CheckInReply | undefined)?.checkIn} />
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Modulo"} — Capacitas` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

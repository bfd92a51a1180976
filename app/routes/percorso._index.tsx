import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLearner } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SessionWhenWhere } from "~/components/session-list";
import { getLearnerHome } from "~/models/learner.server";
import { formatDate, formatHours } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireLearner(request);
  return getLearnerHome({ scope });
}

export default function LearnerHome() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("learner.title")}</h1>
        <p className="text-slate-700">{t("learner.greeting", { name: data.firstName })}</p>
      </header>

      <section aria-labelledby="modules-title">
        <h2 id="modules-title" className="text-xl font-semibold">
          {t("learner.modules")}
        </h2>
        {data.modules.length === 0 ? (
          <p className="mt-2">{t("learner.noModules")}</p>
        ) : (
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {data.modules.map((m) => (
              <li
                key={m.id}
                className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
                data-testid="module-card"
              >
                <div className="flex items-start justify-between gap-2">
                  <h3 className="font-semibold">
                    <Link to={`/percorso/${m.slug}`} className="text-brand-700 underline">
                      {m.title}
                    </Link>
                  </h3>
                  <span className="shrink-0 rounded bg-slate-100 px-2 py-0.5 text-sm">
                    {t(`learner.status.${m.status}`)}
                  </span>
                </div>
                {m.phases.length > 1 ? (
                  <p className="text-sm text-slate-600">
                    {t("learner.phases")}: {m.phases.join(" · ")}
                  </p>
                ) : null}
                <label className="mt-3 block text-sm">
                  {t("learner.progress", { done: m.completedUnits, total: m.requiredUnits })}
                  <progress
                    className="mt-1 block h-2 w-full"
                    max={Math.max(1, m.requiredUnits)}
                    value={m.completedUnits}
                  />
                </label>
                <p className="mt-2 text-sm">
                  {t("learner.hours", {
                    attended: formatHours(m.attendedMinutes, lng),
                    required: formatHours(m.requiredMinutes, lng),
                  })}
                </p>
                {m.next ? (
                  <p className="mt-2 text-sm">
                    <span className="font-semibold">{t("learner.next")}:</span> {t(`learner.kinds.${m.next.kind}`)} —{" "}
                    {m.next.title}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-xl font-semibold">
          {t("learner.upcoming")}
        </h2>
        {data.sessions.length === 0 ? (
          <p className="mt-2">{t("learner.noUpcoming")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {data.sessions.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <SessionWhenWhere session={s} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="certificates-title">
        <h2 id="certificates-title" className="text-xl font-semibold">
          {t("learner.certificates")}
        </h2>
        {data.certificates.length === 0 ? (
          <p className="mt-2">{t("learner.noCertificates")}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {data.certificates.map((c) => (
              <li key={c.code} className="rounded border border-slate-200 bg-white p-3">
                <span className="font-semibold">{c.module}</span> — {formatDate(c.issuedAt, lng)} · {c.hours} h ·{" "}
                <a href={`/attestati/${c.code}/pdf`} className="text-brand-700 underline">
                  {t("learner.certificate", { code: c.code })}
                </a>
                {c.revoked ? <span className="ml-2 text-red-700">({t("learner.revoked")})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Il mio percorso — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

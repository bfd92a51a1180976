import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FigureTable } from "~/components/ui/figure-table";
import { parseId } from "~/domain/ids";
import { getLearnerInEdition } from "~/models/trainer.server";
import { formatDate, formatDateTime, formatHours } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition } = await requireEdition(request, params.id);
  const personId = parseId(params.personId) ?? notFound();
  return (await getLearnerInEdition({ edition, personId })) ?? notFound();
}

/** A readable line for an audit row's JSON snapshot. */
function describe(json: string | null) {
  if (!json) return "—";
  try {
    const value = JSON.parse(json) as unknown;
    if (value && typeof value === "object")
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(", ");
    return String(value);
  } catch {
    return json;
  }
}

export default function LearnerDrillDown() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="space-y-6">
      <header>
        <h2 className="text-xl font-semibold" data-testid="learner-name">
          {d.person.firstName} {d.person.lastName}
        </h2>
        <p className="text-slate-700">
          {d.person.organisation} · {t(`people.positions.${d.person.position}`)}
          {d.person.role ? ` · ${d.person.role}` : ""}
          {d.person.office ? ` · ${d.person.office}` : ""}
        </p>
        {d.stored ? (
          <p className="mt-1">
            {t(`learner.status.${d.stored.status}`)} · {d.stored.completedUnits}/{d.stored.requiredUnits} ·{" "}
            {formatHours(d.stored.attendedMinutes, lng)} h
          </p>
        ) : null}
      </header>
      <section aria-labelledby="units-title">
        <h3 id="units-title" className="text-lg font-semibold">
          {t("edition.learner.units")}
        </h3>
        <FigureTable
          caption={t("edition.learner.units")}
          columns={[
            { label: t("edition.roster.name") },
            { label: t("unitPage.status") },
            { label: t("edition.roster.lastActivity") },
          ]}
          rows={d.units.map((u) => ({
            key: u.id,
            cells: [
              `${u.title} (${t(`learner.kinds.${u.kind}`)}${u.required ? "" : `, ${t("unitPage.optional").toLowerCase()}`})`,
              t(`unitPage.statuses.${u.progress?.status ?? "NOT_STARTED"}`) +
                (u.progress?.score != null ? ` · ${u.progress.score} %` : ""),
              u.progress?.completedAt ? formatDate(u.progress.completedAt, lng) : "—",
            ],
          }))}
        />
      </section>
      <section aria-labelledby="attempts-title">
        <h3 id="attempts-title" className="text-lg font-semibold">
          {t("edition.learner.attempts")}
        </h3>
        <ul className="list-disc pl-6">
          {d.attempts.map((a) => (
            <li key={a.id}>
              {a.unit}:{" "}
              {t("unitPage.quiz.attempt", {
                number: a.number,
                date: formatDate(a.submittedAt, lng),
                percent: a.percent,
              })}{" "}
              — {a.passed ? t("unitPage.quiz.passed") : t("unitPage.quiz.failed")}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="attendance-title">
        <h3 id="attendance-title" className="text-lg font-semibold">
          {t("edition.learner.attendance")}
        </h3>
        <FigureTable
          caption={t("edition.learner.attendance")}
          testId="learner-attendance"
          columns={[
            { label: t("edition.sessions.title") },
            { label: t("edition.session.status") },
            { label: t("edition.session.minutes"), numeric: true },
          ]}
          rows={d.attendance.map((s) => ({
            key: s.id,
            cells: [
              `${s.title} — ${formatDateTime(s.startsAt, lng)}${s.cancelled ? ` (${t("edition.sessions.cancelled")})` : ""}`,
              s.record ? t(`unitPage.sessions.statuses.${s.record.status}`) : t("unitPage.sessions.notRecorded"),
              s.record?.minutes ?? 0,
            ],
          }))}
        />
      </section>
      <section aria-labelledby="submissions-title">
        <h3 id="submissions-title" className="text-lg font-semibold">
          {t("edition.learner.submissions")}
        </h3>
        <ul className="list-disc pl-6">
          {d.submissions.map((s) => (
            <li key={s.id}>
              {s.unit} — {t("unitPage.lab.version", { version: s.version, date: formatDate(s.submittedAt, lng) })}:{" "}
              {t(`unitPage.lab.statuses.${s.status}`)}
              {s.fileName ? (
                <>
                  {" "}
                  ·{" "}
                  <a href={`/consegne/${s.id}/file`} className="text-brand-700 underline">
                    {s.fileName}
                  </a>
                </>
              ) : null}
              {s.feedback ? ` · ${s.feedback}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-title">
        <h3 id="history-title" className="text-lg font-semibold">
          {t("edition.learner.history")}
        </h3>
        {d.history.length === 0 ? (
          <p>{t("edition.learner.noHistory")}</p>
        ) : (
          <FigureTable
            caption={t("edition.learner.history")}
            testId="history"
            columns={[
              { label: t("edition.learner.when") },
              { label: t("edition.learner.what") },
              { label: t("edition.learner.who") },
              { label: t("edition.learner.before") },
              { label: t("edition.learner.after") },
            ]}
            rows={d.history.map((h) => ({
              key: h.id,
              cells: [
                formatDateTime(h.at, lng),
                h.action,
                h.actor ?? t("edition.learner.system"),
                describe(h.before),
                describe(h.after),
              ],
            }))}
          />
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

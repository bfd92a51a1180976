import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/forms";
import { listSessions } from "~/models/attendance.server";
import { formatDateTime, formatTime } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEdition(request, params.id);
  const sessions = await listSessions({ scope });
  const now = new Date();
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      mode: s.mode,
      place: s.place,
      cancelled: s.cancelledAt !== null,
      past: s.endsAt < now,
      recorded: s._count.attendances,
    })),
  };
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="sessions-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sessions-title" className="text-xl font-semibold">
          {t("edition.sessions.title")}
        </h2>
        <Link to="nuovo" className={buttonClass}>
          {t("edition.sessions.new")}
        </Link>
      </div>
      {sessions.length === 0 ? (
        <p>{t("edition.sessions.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <div>
                <Link
                  to={String(s.id)}
                  className={`font-medium text-brand-700 underline ${s.cancelled ? "line-through" : ""}`}
                >
                  {s.title}
                </Link>
                <p className="text-sm text-slate-700">
                  {formatDateTime(s.startsAt, i18n.language)} – {formatTime(s.endsAt, i18n.language)} ·{" "}
                  {t(`learner.modes.${s.mode}`)}
                  {s.place ? ` · ${s.place}` : ""}
                </p>
              </div>
              <span className="text-sm">
                {s.cancelled ? (
                  <span className="font-semibold text-red-800">{t("edition.sessions.cancelled")}</span>
                ) : s.recorded > 0 ? (
                  t("edition.sessions.recorded", { count: s.recorded })
                ) : s.past ? (
                  <span className="font-semibold text-amber-900">{t("edition.sessions.notRecorded")}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

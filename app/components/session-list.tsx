import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { formatDateTime, formatTime } from "~/utils/format";

export type SessionItem = {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  mode: "PRESENCE" | "ONLINE" | "HYBRID";
  place: string | null;
  link: string | null;
  attendance: { status: "PRESENT" | "ABSENT" | "JUSTIFIED" | "NOT_EXPECTED"; minutes: number } | null;
  checkInOpen: boolean;
};

type WhenWhere = Pick<SessionItem, "title" | "startsAt" | "endsAt" | "mode" | "place" | "link"> & { module?: string };

/** Title, date and times, mode, place and link of a session. */
export function SessionWhenWhere({ session: s }: { session: WhenWhere }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p className="font-semibold">{s.title}</p>
      {s.module ? <p className="text-sm text-slate-700">{s.module}</p> : null}
      <p className="text-sm">
        {formatDateTime(s.startsAt, i18n.language)} – {formatTime(s.endsAt, i18n.language)} ·{" "}
        {t(`learner.modes.${s.mode}`)}
      </p>
      {s.place ? (
        <p className="text-sm">
          {t("learner.place")}: {s.place}
        </p>
      ) : null}
      {s.link ? (
        <p className="text-sm">
          {t("unitPage.sessions.online")}:{" "}
          <a className="text-brand-700 underline" href={s.link} rel="noreferrer noopener">
            {s.link}
          </a>
        </p>
      ) : null}
    </>
  );
}

/** Sessions with their attendance and, during a session, the self check-in form. */
export function SessionList({
  sessions,
  lastResult,
}: {
  sessions: SessionItem[];
  /** the reply of the last check-in, with the session it was for */
  lastResult?: { sessionId: number; result: SubmissionResult<string[]> } | null;
}) {
  const { t } = useTranslation();
  if (sessions.length === 0) return <p>{t("unitPage.sessions.none")}</p>;
  return (
    <ul className="space-y-3" data-testid="session-list">
      {sessions.map((s) => {
        const errorId = `checkin-${s.id}-error`;
        const errors = lastResult?.sessionId === s.id ? errorsOf(lastResult.result) : {};
        const messages = [...(errors.code ?? []), ...(errors[""] ?? []), ...(errors.sessionId ?? [])];
        const failed = messages.length > 0;
        return (
          <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`session-${s.id}`}>
            <SessionWhenWhere session={s} />
            <p className="mt-1 text-sm">
              <span className="font-semibold">{t("unitPage.sessions.attendance")}:</span>{" "}
              {s.attendance
                ? s.attendance.status === "PRESENT"
                  ? t("unitPage.sessions.present", { minutes: s.attendance.minutes })
                  : t(`unitPage.sessions.statuses.${s.attendance.status}`)
                : t("unitPage.sessions.notRecorded")}
            </p>
            {s.checkInOpen ? (
              <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="check-in" />
                <input type="hidden" name="sessionId" value={s.id} />
                <div>
                  <label htmlFor={`code-${s.id}`} className="block text-sm font-semibold">
                    {t("unitPage.sessions.code")}
                  </label>
                  <p id={`code-${s.id}-hint`} className="text-xs text-slate-600">
                    {t("unitPage.sessions.codeHint")}
                  </p>
                  <input
                    id={`code-${s.id}`}
                    name="code"
                    autoComplete="off"
                    autoCapitalize="characters"
                    maxLength={12}
                    required
                    aria-invalid={failed || undefined}
                    aria-describedby={`code-${s.id}-hint${failed ? ` ${errorId}` : ""}`}
                    className="mt-1 w-40 rounded border border-slate-400 px-3 py-2 font-mono uppercase"
                  />
                </div>
                <button type="submit" className={buttonClass}>
                  {t("unitPage.sessions.checkIn")}
                </button>
                <ErrorList id={errorId} errors={messages} />
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

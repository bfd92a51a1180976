import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEditionSession } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { SessionForm } from "~/components/session-form";
import { isCheckInOpen, sessionMinutes } from "~/domain/completion";
import { registerFormSchema } from "~/domain/register-form";
import { ATTENDANCE_STATUSES, SessionFormSchema } from "~/domain/trainer-schema";
import {
  cancelSession,
  getRegister,
  saveAttendance,
  schedulableUnits,
  sessionProblems,
  updateSession,
} from "~/models/attendance.server";
import { formatDate, formatDateTime, formatTime } from "~/utils/format";
import { withChecks } from "~/utils/forms.server";
import { notFound, readForm, unknownIntent } from "~/utils/http.server";
import { instantToZoned } from "~/utils/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition, session } = await requireEditionSession(request, params);
  const [register, units] = await Promise.all([getRegister({ session }), schedulableUnits({ edition })]);
  const start = instantToZoned(session.startsAt);
  return {
    editionId: edition.id,
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      mode: session.mode,
      place: session.place,
      link: session.link,
      unit: session.unit,
      cancelledAt: session.cancelledAt?.toISOString() ?? null,
      minutes: sessionMinutes(session),
      checkInCode: session.checkInCode,
      codeOpen: isCheckInOpen(session, new Date()),
    },
    defaults: {
      title: session.title,
      unitId: session.unitId ? String(session.unitId) : "",
      date: start.date,
      start: start.time,
      end: instantToZoned(session.endsAt).time,
      mode: session.mode,
      place: session.place ?? "",
      link: session.link ?? "",
    },
    units,
    register,
  };
}

/** Which form the reply belongs to: the session's details or the register. */
type ActionData = { form: "session" | "register"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, edition, session } = await requireEditionSession(request, params, "attendance:record:edition");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const here = `/edizioni/${edition.id}/incontri/${session.id}`;

  if (intent === "update") {
    const submission = await parseWithZod(formData, {
      schema: withChecks(SessionFormSchema, (input) => sessionProblems({ edition, input })),
      async: true,
    });
    if (submission.status !== "success") {
      return data<ActionData>({ form: "session", result: submission.reply() }, { status: 400 });
    }
    const outcome = await updateSession({ actor, edition, session, input: submission.value });
    if (!outcome.ok) {
      const result = submission.reply({ fieldErrors: outcome.fieldErrors });
      return data<ActionData>({ form: "session", result }, { status: 400 });
    }
    return redirect(`${here}?esito=salvato`);
  }
  if (intent === "cancel") {
    await cancelSession({ actor, session });
    return redirect(`${here}?esito=annullato`);
  }
  if (intent === "save-attendance" || intent === "all-present") {
    const register = await getRegister({ session });
    const schema = registerFormSchema({
      personIds: register.map((r) => r.personId),
      sessionMinutes: sessionMinutes(session),
      sessionMode: session.mode,
    });
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") {
      const result = submission.reply({
        formErrors: ["Alcune righe non sono valide: correggile e salva di nuovo. Nessuna presenza è stata salvata."],
      });
      return data<ActionData>({ form: "register", result }, { status: 400 });
    }
    const saved = await saveAttendance({ actor, session, rows: submission.value });
    if (!saved.ok) notFound();
    return redirect(`${here}?esito=presenze&modifiche=${saved.changed}`);
  }
  unknownIntent();
}

export default function SessionPage() {
  const { session, defaults, units, register, editionId } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const errors = actionData?.form === "register" ? errorsOf(actionData.result) : {};
  const outcome = params.get("esito");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/edizioni/${editionId}/incontri`} className="underline">
          ← {t("edition.sessions.title")}
        </Link>
      </p>
      <header>
        <h2 className="text-xl font-semibold">{session.title}</h2>
        <p>
          {formatDateTime(session.startsAt, lng)} – {formatTime(session.endsAt, lng)} ·{" "}
          {t(`learner.modes.${session.mode}`)}
          {session.place ? ` · ${session.place}` : ""}
        </p>
        {session.link ? <p className="text-sm">{session.link}</p> : null}
        {session.unit ? (
          <p className="text-sm text-slate-700">
            {t("edition.session.unit")}: {session.unit.title}
          </p>
        ) : null}
        {session.cancelledAt ? (
          <p className="mt-2 font-semibold text-red-800">
            {t("edition.session.cancelled", { date: formatDate(session.cancelledAt, lng) })}
          </p>
        ) : null}
      </header>
      {outcome ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {outcome === "presenze"
            ? t("edition.session.registerSaved", { count: Number(params.get("modifiche") ?? 0) })
            : t("edition.session.saved")}
        </p>
      ) : null}

      {!session.cancelledAt ? (
        <section aria-labelledby="code-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="code-title" className="font-semibold">
            {t("edition.session.code")}
          </h3>
          {session.codeOpen ? (
            <>
              <p className="mt-2 font-mono text-4xl font-bold tracking-widest" data-testid="check-in-code">
                {session.checkInCode}
              </p>
              <p className="text-sm">{t("edition.session.codeOpen")}</p>
            </>
          ) : (
            <p className="mt-1 text-sm">{t("edition.session.codeClosed")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="register-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="register-title" className="text-lg font-semibold">
            {t("edition.session.register")}
          </h3>
          <a
            href={`/edizioni/${editionId}/incontri/${session.id}/registro`}
            className="text-brand-700 underline"
            data-testid="register-pdf"
          >
            {t("edition.session.registerPdf")}
          </a>
        </div>
        <ErrorList id="register-errors" errors={errors[""]} />
        {register.length === 0 ? (
          <p>{t("edition.session.noLearners")}</p>
        ) : (
          <Form method="post" className="space-y-3">
            <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="register">
                <caption className="sr-only">{t("edition.session.register")}</caption>
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("edition.roster.name")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("edition.roster.organisation")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("edition.session.status")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("edition.session.minutes")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("edition.session.attMode")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {register.map((r) => {
                    const status = r.recorded?.status ?? (r.enrolledLater ? "NOT_EXPECTED" : "");
                    const rowErrors = [
                      ...(errors[`status-${r.personId}`] ?? []),
                      ...(errors[`minutes-${r.personId}`] ?? []),
                      ...(errors[`mode-${r.personId}`] ?? []),
                    ];
                    return (
                      <tr key={r.personId} data-testid={`register-row-${r.personId}`}>
                        <th scope="row" className="px-3 py-2 text-left font-medium">
                          {r.name}
                          {r.recorded?.selfCheckIn ? (
                            <span className="block text-xs font-normal text-slate-600">
                              {t("edition.session.selfCheckIn")}
                            </span>
                          ) : null}
                          {r.enrolledLater ? (
                            <span className="block text-xs font-normal text-slate-600">
                              {t("edition.session.enrolledLater")}
                            </span>
                          ) : null}
                        </th>
                        <td className="px-3 py-2">{r.organisation}</td>
                        <td className="px-3 py-2">
                          <label className="sr-only" htmlFor={`status-${r.personId}`}>
                            {t("edition.session.status")} — {r.name}
                          </label>
                          <select
                            id={`status-${r.personId}`}
                            name={`status-${r.personId}`}
                            defaultValue={status}
                            aria-invalid={rowErrors.length ? true : undefined}
                            aria-describedby={rowErrors.length ? `row-${r.personId}-error` : undefined}
                            className="rounded border border-slate-400 bg-white px-2 py-1"
                          >
                            <option value="">{t("edition.session.choose")}</option>
                            {ATTENDANCE_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`unitPage.sessions.statuses.${s}`)}
                              </option>
                            ))}
                          </select>
                          <ErrorList id={`row-${r.personId}-error`} errors={rowErrors} />
                        </td>
                        <td className="px-3 py-2">
                          <label className="sr-only" htmlFor={`minutes-${r.personId}`}>
                            {t("edition.session.minutes")} — {r.name}
                          </label>
                          <input
                            id={`minutes-${r.personId}`}
                            name={`minutes-${r.personId}`}
                            type="number"
                            min={0}
                            max={session.minutes}
                            defaultValue={r.recorded?.status === "PRESENT" ? r.recorded.minutes : ""}
                            placeholder={String(session.minutes)}
                            className="w-24 rounded border border-slate-400 px-2 py-1"
                          />
                        </td>
                        <td className="px-3 py-2">
                          <label className="sr-only" htmlFor={`mode-${r.personId}`}>
                            {t("edition.session.attMode")} — {r.name}
                          </label>
                          <select
                            id={`mode-${r.personId}`}
                            name={`mode-${r.personId}`}
                            defaultValue={r.recorded?.mode ?? ""}
                            className="rounded border border-slate-400 bg-white px-2 py-1"
                          >
                            <option value="">—</option>
                            <option value="PRESENCE">{t("edition.attModes.PRESENCE")}</option>
                            <option value="ONLINE">{t("edition.attModes.ONLINE")}</option>
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="intent" value="save-attendance" className={buttonClass}>
                {t("edition.session.saveRegister")}
              </button>
              <button
                type="submit"
                name="intent"
                value="all-present"
                className="rounded border border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50"
              >
                {t("edition.session.allPresent")}
              </button>
            </div>
          </Form>
        )}
      </section>

      {!session.cancelledAt ? (
        <section aria-labelledby="edit-title" className="space-y-3">
          <h3 id="edit-title" className="text-lg font-semibold">
            {t("edition.session.edit")}
          </h3>
          <SessionForm
            id="edit-session"
            intent="update"
            units={units}
            defaults={defaults}
            lastResult={actionData?.form === "session" ? actionData.result : undefined}
            submitLabel={t("edition.session.save")}
          />
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button
              type="submit"
              className="rounded border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
            >
              {t("edition.session.cancel")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability, requireLearner } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { MarkdownContent } from "~/components/markdown";
import { Outcome } from "~/components/outcome";
import { SessionList } from "~/components/session-list";
import { PHASE2_SLUG } from "~/domain/cycle-schema";
import { LAB_TEXT_MAX } from "~/domain/learning-schema";
import { validatedProfiles } from "~/models/assessment-page.server";
import { getUnitPage, type UnitPage } from "~/models/learning.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import type { UnitActionData } from "./percorso.$module.$unit.actions.server";

export { action } from "./percorso.$module.$unit.actions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireLearner(request);
  const page =
    (await getUnitPage({ scope, moduleSlug: params.module ?? "", unitSlug: params.unit ?? "" })) ?? notFound();
  // ICT phase 2: the learners of a comune read its validated profile from the phase's units.
  const profiles =
    page.phaseSlug === PHASE2_SLUG
      ? await validatedProfiles({ scope: (await requireCapability(request, "profile:read:phase2")).scope })
      : [];
  return { ...page, profiles };
}

export default function UnitRoute() {
  const { profiles, ...page } = useLoaderData<typeof loader>();
  const u = page as UnitPage;
  const actionData = useActionData<UnitActionData>();
  const { t } = useTranslation();
  const errors = actionData && "result" in actionData ? errorsOf(actionData.result) : {};
  return (
    <div className="space-y-6">
      <Breadcrumb
        trail={[
          { to: "/percorso", label: t("learner.title") },
          { to: `/percorso/${u.module.slug}`, label: u.module.title },
        ]}
        current={u.title}
      />
      <header>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t(`learner.kinds.${u.kind}`)}</p>
        <h1 className="text-2xl font-bold">{u.title}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {t("unitPage.phase")}: {u.phase} · {t("unitPage.duration", { minutes: u.durationMinutes })} ·{" "}
          {u.required ? t("unitPage.required") : t("unitPage.optional")} · {t("unitPage.status")}:{" "}
          <span data-testid="unit-status">{t(`unitPage.statuses.${u.status}`)}</span>
        </p>
      </header>
      <Outcome />
      <ErrorList id="form-errors" errors={errors[""]} />

      <article className="rounded-lg bg-white p-6 shadow-sm">
        <MarkdownContent html={u.html} />
      </article>
      {profiles.length > 0 ? (
        <section aria-labelledby="profiles-title" className="rounded-lg border border-brand-600 bg-brand-50 p-4">
          <h2 id="profiles-title" className="font-semibold">
            {t("unitPage.profiles")}
          </h2>
          <ul className="mt-1 list-disc pl-6">
            {profiles.map((p) => (
              <li key={p.href}>
                <Link to={p.href} className="text-brand-700 underline" data-testid="profile-link">
                  {t("unitPage.profileOf", { comune: p.comune, cycle: p.cycle })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {u.kind === "LESSON" ? <LessonComplete unit={u} /> : null}
      {"quiz" in u && u.quiz ? <Quiz unit={u} errors={errors} /> : null}
      {"lab" in u && u.lab ? <Lab unit={u} errors={errors} /> : null}
      {"survey" in u && u.survey ? <Survey unit={u} errors={errors} /> : null}
      {"sessions" in u && u.sessions ? (
        <section aria-labelledby="sessions-title">
          <h2 id="sessions-title" className="text-xl font-semibold">
            {t("unitPage.sessions.title")}
          </h2>
          <div className="mt-3">
            <SessionList
              sessions={u.sessions}
              lastResult={actionData && "checkIn" in actionData ? actionData.checkIn : null}
            />
          </div>
        </section>
      ) : null}
      <p className="text-sm">
        <Link to={`/percorso/${u.module.slug}`} className="underline">
          ← {u.module.title}
        </Link>
      </p>
    </div>
  );
}

function LessonComplete({ unit }: { unit: UnitPage }) {
  const { t, i18n } = useTranslation();
  if (unit.status === "COMPLETED") {
    return (
      <p className="font-semibold text-brand-700">
        {t("unitPage.completedOn", { date: formatDate(unit.completedAt ?? new Date(), i18n.language) })}
      </p>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="complete-lesson" />
      <input type="hidden" name="openedAt" value={unit.openedAt} />
      <button type="submit" className={buttonClass}>
        {t("unitPage.markComplete")}
      </button>
    </Form>
  );
}

type Errors = Record<string, string[]>;

function Quiz({ unit, errors }: { unit: UnitPage; errors: Errors }) {
  const { t, i18n } = useTranslation();
  if (!("quiz" in unit) || !unit.quiz) return null;
  const quiz = unit.quiz;
  const showFeedback = quiz.attempts.length > 0;
  return (
    <section aria-labelledby="quiz-title" className="space-y-4">
      <h2 id="quiz-title" className="text-xl font-semibold">
        {unit.title}
      </h2>
      {quiz.testRole === "ENTRY" ? (
        <p>{t("unitPage.quiz.entry")}</p>
      ) : quiz.testRole === "EXIT" ? (
        <p>{t("unitPage.quiz.exit")}</p>
      ) : null}
      <p>
        {t("unitPage.quiz.rules", {
          passMark: quiz.passMark,
          attempts: quiz.maxAttempts || t("unitPage.quiz.unlimited"),
        })}
      </p>
      {quiz.attempts.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("unitPage.quiz.attempts")}</h3>
          <ul className="list-disc pl-6" data-testid="quiz-attempts">
            {quiz.attempts.map((a) => (
              <li key={a.number}>
                {t("unitPage.quiz.attempt", {
                  number: a.number,
                  date: formatDate(a.submittedAt, i18n.language),
                  percent: a.percent,
                })}{" "}
                — {a.passed ? t("unitPage.quiz.passed") : t("unitPage.quiz.failed")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!quiz.canAttempt ? (
        <p className="font-semibold" data-testid="quiz-closed">
          {quiz.passed ? t("unitPage.quiz.closedPassed") : t("unitPage.quiz.closedNoAttempts")}
        </p>
      ) : null}
      <Form method="post" className="space-y-4" aria-describedby={errors[""] ? "form-errors" : undefined}>
        <input type="hidden" name="intent" value="submit-quiz" />
        {quiz.questions.map((q, i) => {
          const name = `q-${q.key}`;
          const errorId = `${name}-error`;
          return (
            <fieldset
              key={q.key}
              className="rounded-lg border border-slate-200 bg-white p-4"
              aria-describedby={errors[name] ? errorId : undefined}
              disabled={!quiz.canAttempt}
            >
              <legend className="px-1 font-semibold">
                {t("unitPage.quiz.question", { n: i + 1 })}: {q.text}
              </legend>
              {q.type === "MULTIPLE" ? (
                <p className="text-sm text-slate-600">{t("unitPage.quiz.multipleHint")}</p>
              ) : null}
              <div className="mt-2 space-y-1">
                {q.options.map((o) => (
                  <label key={o.id} className="flex items-start gap-2">
                    <input
                      type={q.type === "MULTIPLE" ? "checkbox" : "radio"}
                      name={name}
                      value={o.id}
                      defaultChecked={!quiz.canAttempt && q.last?.chosen.includes(o.id)}
                      className="mt-1 h-4 w-4"
                    />
                    <span>{o.text}</span>
                  </label>
                ))}
              </div>
              <ErrorList id={errorId} errors={errors[name]} />
              {showFeedback && q.last ? (
                <p
                  className={`mt-2 text-sm ${q.last.correct ? "text-brand-700" : "text-amber-800"}`}
                  data-testid="quiz-feedback"
                >
                  <span className="font-semibold">
                    {q.last.correct ? t("unitPage.quiz.correct") : t("unitPage.quiz.wrong")}
                  </span>
                  {q.last.feedback ? `: ${q.last.feedback}` : ""}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        {quiz.canAttempt ? (
          <button type="submit" className={buttonClass}>
            {t("unitPage.quiz.submit")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}

function Lab({ unit, errors }: { unit: UnitPage; errors: Errors }) {
  const { t, i18n } = useTranslation();
  if (!("lab" in unit) || !unit.lab) return null;
  const lab = unit.lab;
  if (!lab.acceptsText && !lab.acceptsFile) return <p>{t("unitPage.lab.noDeliverable")}</p>;
  return (
    <section aria-labelledby="lab-title" className="space-y-4">
      <h2 id="lab-title" className="text-xl font-semibold">
        {t("unitPage.lab.deliverable")}
      </h2>
      {lab.submissions.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("unitPage.lab.submissions")}</h3>
          <ul className="mt-2 space-y-3" data-testid="lab-submissions">
            {lab.submissions.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-semibold">
                  {t("unitPage.lab.version", { version: s.version, date: formatDate(s.submittedAt, i18n.language) })} —{" "}
                  <span data-testid="lab-status">{t(`unitPage.lab.statuses.${s.status}`)}</span>
                </p>
                {s.text ? <p className="mt-2 whitespace-pre-wrap">{s.text}</p> : null}
                {s.fileName ? (
                  <p className="mt-2">
                    <a href={`/consegne/${s.id}/file`} className="text-brand-700 underline">
                      {t("unitPage.lab.download", { name: s.fileName })}
                    </a>
                  </p>
                ) : null}
                {s.feedback ? (
                  <p className="mt-2 text-sm">
                    <span className="font-semibold">{t("unitPage.lab.feedback")}:</span> {s.feedback}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {lab.canSubmit ? (
        <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
          <input type="hidden" name="intent" value="submit-lab" />
          {lab.acceptsText ? (
            <div>
              <label htmlFor="lab-text" className="block font-semibold">
                {t("unitPage.lab.text")}
              </label>
              <textarea
                id="lab-text"
                name="text"
                rows={8}
                maxLength={LAB_TEXT_MAX}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={errors.text ? "lab-text-error" : undefined}
                className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
              />
              <ErrorList id="lab-text-error" errors={errors.text} />
            </div>
          ) : null}
          {lab.acceptsFile ? (
            <div>
              <label htmlFor="lab-file" className="block font-semibold">
                {t("unitPage.lab.file")}
              </label>
              <p id="lab-file-hint" className="text-sm text-slate-600">
                {t("unitPage.lab.fileHint")}
              </p>
              <input
                id="lab-file"
                name="file"
                type="file"
                accept=".pdf,.odt,.docx,.ods,.xlsx,.csv,.png,.jpg,.jpeg"
                aria-invalid={errors.file ? true : undefined}
                aria-describedby={`lab-file-hint${errors.file ? " lab-file-error" : ""}`}
                className="mt-1 block"
              />
              <ErrorList id="lab-file-error" errors={errors.file} />
            </div>
          ) : null}
          <button type="submit" className={buttonClass}>
            {t("unitPage.lab.submit")}
          </button>
        </Form>
      ) : lab.submissions[0]?.status === "ACCEPTED" ? (
        <p className="font-semibold text-brand-700">{t("unitPage.lab.accepted")}</p>
      ) : (
        <p>{t("unitPage.lab.waiting")}</p>
      )}
    </section>
  );
}

function Survey({ unit, errors }: { unit: UnitPage; errors: Errors }) {
  const { t, i18n } = useTranslation();
  if (!("survey" in unit) || !unit.survey) return null;
  const survey = unit.survey;
  if (survey.answeredAt) {
    return (
      <p className="font-semibold text-brand-700" data-testid="survey-answered">
        {t("unitPage.survey.answered", { date: formatDate(survey.answeredAt, i18n.language) })}
      </p>
    );
  }
  return (
    <section aria-labelledby="survey-title" className="space-y-4">
      <h2 id="survey-title" className="text-xl font-semibold">
        {unit.title}
      </h2>
      <p>{t("unitPage.survey.intro")}</p>
      <Form method="post" className="space-y-4">
        <input type="hidden" name="intent" value="submit-survey" />
        {survey.items.map((item) => {
          const name = `item-${item.key}`;
          const errorId = `${name}-error`;
          return item.type === "LIKERT" ? (
            <fieldset
              key={item.key}
              className="rounded-lg border border-slate-200 bg-white p-4"
              aria-describedby={errors[name] ? errorId : undefined}
            >
              <legend className="px-1 font-semibold">
                <span className="text-sm font-normal text-slate-600">{item.dimension} — </span>
                {item.text}
              </legend>
              <div className="mt-2 flex flex-wrap gap-4">
                {(["1", "2", "3", "4", "5"] as const).map((v) => (
                  <label key={v} className="flex items-center gap-1">
                    <input type="radio" name={name} value={v} className="h-4 w-4" />
                    {t(`unitPage.survey.scale.${v}`)}
                  </label>
                ))}
              </div>
              <ErrorList id={errorId} errors={errors[name]} />
            </fieldset>
          ) : (
            <div key={item.key} className="rounded-lg border border-slate-200 bg-white p-4">
              <label htmlFor={name} className="block font-semibold">
                {item.text} <span className="font-normal text-slate-600">({t("unitPage.survey.comment")})</span>
              </label>
              <textarea
                id={name}
                name={name}
                rows={4}
                maxLength={2000}
                className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
              />
              <ErrorList id={errorId} errors={errors[name]} />
            </div>
          );
        })}
        <button type="submit" className={buttonClass}>
          {t("unitPage.survey.submit")}
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${(data as UnitPage | undefined)?.title ?? "Attività"} — Capacitas` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

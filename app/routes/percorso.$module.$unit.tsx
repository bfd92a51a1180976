import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList } from "~/components/forms";
import { MarkdownContent } from "~/components/markdown";
import { Outcome } from "~/components/outcome";
import { SessionList } from "~/components/session-list";
import { LAB_TEXT_MAX, LessonCompleteSchema } from "~/domain/learning-schema";
import { handleCheckIn } from "~/models/learner-actions.server";
import {
  completeLesson,
  getUnitPage,
  submitLab,
  submitQuiz,
  submitSurvey,
  type UnitPage,
} from "~/models/learning.server";
import { requestIdOf } from "~/utils/audit.server";
import { requireLearner } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { invariantResponse } from "~/utils/http.server";
import { detectUploadType, MAX_UPLOAD_BYTES, removeUpload, storeUpload } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { learner } = await requireLearner(request);
  const page = await getUnitPage(learner, params.module ?? "", params.unit ?? "");
  invariantResponse(page, "Not found", { status: 404 });
  return page;
}

type ActionErrors = { errors?: Record<string, string[]>; checkIn?: { sessionId: number; message: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  const { learner } = await requireLearner(request);
  const moduleSlug = params.module ?? "";
  const unitSlug = params.unit ?? "";
  const here = `/percorso/${moduleSlug}/${unitSlug}`;
  const meta = { requestId: requestIdOf(request) };
  const notFound = () => new Response("Not found", { status: 404 });

  const multipart = request.headers.get("Content-Type")?.startsWith("multipart/form-data");
  let formData: FormData;
  try {
    formData = multipart
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
        )
      : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data<ActionErrors>(
        { errors: { file: ["Il file supera la dimensione massima di 10 MB."] } },
        { status: 400 },
      );
    }
    throw error;
  }
  const intent = formData.get("intent");

  if (intent === "check-in") return handleCheckIn(learner, formData, here, meta.requestId);

  if (intent === "complete-lesson") {
    const parsed = LessonCompleteSchema.safeParse(Object.fromEntries(formData));
    const done = await completeLesson(
      learner,
      moduleSlug,
      unitSlug,
      parsed.success ? parsed.data.openedAt : undefined,
      meta,
    );
    if (!done) throw notFound();
    return redirect(`${here}?esito=lesson`);
  }

  if (intent === "submit-quiz") {
    const page = await getUnitPage(learner, moduleSlug, unitSlug);
    if (!page || !("quiz" in page) || !page.quiz) throw notFound();
    const answers: Record<string, string[]> = {};
    const errors: Record<string, string[]> = {};
    for (const q of page.quiz.questions) {
      const chosen = formData
        .getAll(`q-${q.key}`)
        .map(String)
        .filter((v) => q.options.some((o) => o.id === v));
      if (chosen.length === 0) errors[`q-${q.key}`] = ["Scegli una risposta."];
      answers[q.key] = chosen;
    }
    if (Object.keys(errors).length > 0) {
      errors[""] = [`Rispondi a tutte le domande: ne mancano ${Object.keys(errors).length}.`];
      return data<ActionErrors>({ errors }, { status: 400 });
    }
    const result = await submitQuiz(learner, moduleSlug, unitSlug, answers, meta);
    if (!result) throw notFound();
    if (!result.ok)
      return data<ActionErrors>(
        { errors: { "": ["Non puoi fare altri tentativi per questa verifica."] } },
        { status: 400 },
      );
    return redirect(`${here}?esito=${result.passed ? "quiz-passed" : "quiz-failed"}`);
  }

  if (intent === "submit-lab") {
    const page = await getUnitPage(learner, moduleSlug, unitSlug);
    if (!page || !("lab" in page) || !page.lab) throw notFound();
    const errors: Record<string, string[]> = {};
    const text = String(formData.get("text") ?? "").trim();
    const file = formData.get("file");
    const hasFile = file instanceof File && file.size > 0;
    if (text.length > LAB_TEXT_MAX) errors.text = [`Il testo può avere al massimo ${LAB_TEXT_MAX} caratteri.`];
    if (text && !page.lab.acceptsText) errors.text = ["Questo laboratorio non accetta testo."];
    if (hasFile && !page.lab.acceptsFile) errors.file = ["Questo laboratorio non accetta file."];
    if (!text && !hasFile) errors[page.lab.acceptsText ? "text" : "file"] = ["Scrivi la consegna o allega un file."];
    let detected: Awaited<ReturnType<typeof detectUploadType>> = null;
    let bytes: Uint8Array | null = null;
    if (hasFile && !errors.file) {
      bytes = new Uint8Array(await file.arrayBuffer());
      detected = await detectUploadType(bytes, file.name);
      if (!detected) errors.file = ["Tipo di file non ammesso: carica un PDF, ODT, DOCX, ODS, XLSX, CSV, PNG o JPG."];
    }
    if (Object.keys(errors).length > 0) return data<ActionErrors>({ errors }, { status: 400 });
    const key = bytes && detected ? await storeUpload(bytes, detected.ext) : null;
    try {
      const result = await submitLab(
        learner,
        moduleSlug,
        unitSlug,
        {
          text: text || null,
          file:
            key && detected && hasFile
              ? { key, name: file.name.slice(0, 200), mime: detected.mime, size: file.size }
              : null,
        },
        meta,
      );
      if (!result) throw notFound();
      if (!result.ok) {
        if (key) await removeUpload(key);
        return data<ActionErrors>({ errors: { "": ["La consegna è già in valutazione."] } }, { status: 400 });
      }
    } catch (error) {
      // Nothing half-written: a failed database write takes the stored file with it.
      if (key) await removeUpload(key);
      throw error;
    }
    return redirect(`${here}?esito=lab`);
  }

  if (intent === "submit-survey") {
    const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
    const result = await submitSurvey(learner, moduleSlug, unitSlug, values, meta);
    if (!result) throw notFound();
    if (!result.ok)
      return data<ActionErrors>(
        { errors: { ...result.errors, "": ["Rispondi a tutte le domande con un valore da 1 a 5."] } },
        { status: 400 },
      );
    return redirect(`${here}?esito=survey`);
  }

  throw new Response("Azione non valida.", { status: 400 });
}

export default function UnitRoute() {
  const u = useLoaderData<typeof loader>() as UnitPage;
  const actionData = useActionData<typeof action>() as ActionErrors | undefined;
  const { t } = useTranslation();
  const errors = actionData?.errors ?? {};
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
            <SessionList sessions={u.sessions} error={actionData?.checkIn} />
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

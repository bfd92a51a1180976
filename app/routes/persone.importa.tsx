import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  ImportCommitSchema,
  ImportStatusSchema,
  REQUIRED_COLUMNS,
  type RowError,
} from "~/domain/import-schema";
import {
  commitBatch,
  getBatch,
  previewImport,
  type ImportProgress,
  type ImportSummary,
} from "~/models/roster-import.server";
import { publicUrl } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { notFound, readForm } from "~/utils/http.server";
import { sendOutboxSoon } from "~/utils/mail.server";
import { isMultipart, readMultipartForm } from "~/utils/multipart.server";

/** Rows of the batch shown in the preview (the counts cover all of them). */
const SAMPLE_ROWS = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireCapability(request, "person:create:area");
  const lotto = new URL(request.url).searchParams.get("lotto");
  if (!lotto) return { batch: null };
  const parsed = ImportStatusSchema.safeParse({ lotto });
  if (!parsed.success) notFound();
  const batch = (await getBatch({ actor, token: parsed.data.lotto })) ?? notFound();
  return {
    batch: {
      token: batch.token,
      fileName: batch.fileName,
      status: batch.status,
      createdAt: batch.createdAt.toISOString(),
      committedAt: batch.committedAt?.toISOString() ?? null,
      summary: batch.summary,
      sample: batch.rows.slice(0, SAMPLE_ROWS),
    },
  };
}

/** The reply of the upload or commit form, with the file's bad rows when there are any. */
type ActionData = { result: SubmissionResult<string[]>; rowErrors?: RowError[]; summary?: ImportSummary | null };

const CHOOSE_FILE = "Scegli il file da importare (CSV o XLSX).";
const UploadSchema = z.object({
  file: z.instanceof(File, { message: CHOOSE_FILE }).refine((f) => f.size > 0, CHOOSE_FILE),
});

const TOO_LARGE = "Il file supera la dimensione massima di 2 MB: dividilo in più file.";

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "person:create:area");
  const bad = (body: ActionData, status = 400) => data<ActionData>(body, { status });

  if (isMultipart(request)) {
    const form = await readMultipartForm(request, { maxFileBytes: IMPORT_MAX_BYTES, maxFiles: 1 });
    if (!form.ok) return bad({ result: { status: "error", error: { file: [TOO_LARGE] } } });
    const submission = parseWithZod(form.formData, { schema: UploadSchema });
    if (submission.status !== "success") return bad({ result: submission.reply() });
    const file = submission.value.file;
    const outcome = await previewImport({
      scope,
      actor,
      file: { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
    });
    if (!outcome.ok) {
      const result = submission.reply({ fieldErrors: outcome.fileErrors.length ? { file: outcome.fileErrors } : {} });
      return bad({ result, rowErrors: outcome.errors, summary: outcome.summary });
    }
    return redirect(`/persone/importa?lotto=${outcome.token}`);
  }

  const submission = parseWithZod(await readForm(request), { schema: ImportCommitSchema });
  if (submission.status !== "success") {
    // The commit form has no visible field: its errors are the form's.
    return bad({
      result: submission.reply({
        formErrors: Object.values(submission.error ?? {})
          .flat()
          .filter(Boolean) as string[],
      }),
    });
  }
  const token = submission.value.token;
  const outcome = await commitBatch({ scope, actor, token, origin: publicUrl() });
  if (!outcome.ok) {
    if (outcome.reason === "not-found") notFound();
    if (outcome.reason === "running") {
      return bad(
        { result: submission.reply({ formErrors: ["Questa importazione è già in corso: attendi che finisca."] }) },
        409,
      );
    }
    return bad({
      result: submission.reply({
        formErrors: [
          "Dall'anteprima qualcosa è cambiato e alcune righe non sono più valide: nessuna persona è stata importata. Correggi il file e caricalo di nuovo.",
        ],
      }),
      rowErrors: outcome.errors,
    });
  }
  if (!outcome.alreadyDone) sendOutboxSoon();
  return redirect(`/persone/importa?lotto=${token}`);
}

function Summary({ summary, testId }: { summary: ImportSummary; testId: string }) {
  const { t } = useTranslation();
  const items = [
    { key: "rows", value: summary.rows },
    { key: "newPeople", value: summary.newPeople },
    { key: "existing", value: summary.existing },
    { key: "bad", value: summary.bad },
    { key: "enrolments", value: summary.enrolments },
    { key: "accounts", value: summary.accounts },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid={testId}>
      {items.map((i) => (
        <div key={i.key} className="rounded border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-700">{t(`manage.import.counts.${i.key}`)}</dt>
          <dd className="text-2xl font-bold" data-testid={`count-${i.key}`}>
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RowErrors({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-errors">
        <caption className="px-3 py-2 text-left font-semibold">
          {t("manage.import.errorsCaption", { count: errors.length })}
        </caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("manage.import.line")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("manage.import.problem")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {errors.map((e) => (
            <tr key={e.line} data-testid={`error-line-${e.line}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {e.line}
              </th>
              <td className="px-3 py-2">
                <ul className="list-disc pl-4">
                  {e.messages.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UploadForm({ fileErrors }: { fileErrors?: string[] }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formMethod === "POST";
  const errorId = fileErrors?.length ? "file-error" : undefined;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="space-y-3 rounded-lg bg-white p-6 shadow-sm"
      aria-labelledby="upload-title"
    >
      <h2 id="upload-title" className="text-lg font-semibold">
        {t("manage.import.step1")}
      </h2>
      <div>
        <label htmlFor="file" className="block text-sm font-semibold text-slate-800">
          {t("manage.import.file")}
        </label>
        <p id="file-hint" className="text-sm text-slate-600">
          {t("manage.import.fileHint", { rows: IMPORT_MAX_ROWS.toLocaleString("it-IT") })}
        </p>
        <input
          id="file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={["file-hint", errorId].filter(Boolean).join(" ")}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
        />
        <ErrorList id={errorId} errors={fileErrors} />
      </div>
      <button type="submit" className={buttonClass} disabled={busy}>
        {busy ? t("manage.import.checking") : t("manage.import.preview")}
      </button>
    </Form>
  );
}

/** Step 2. With JavaScript the commit runs through a fetcher and the page polls its progress. */
function CommitForm({ token, total, errors }: { token: string; total: number; errors?: string[] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ActionData>();
  const busy = fetcher.state !== "idle";
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!busy) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/persone/importa/stato?lotto=${encodeURIComponent(token)}`, {
          headers: { Accept: "application/json" },
        });
        if (response.ok && !stopped) setProgress((await response.json()) as ImportProgress);
      } catch {
        // A missed poll is retried at the next tick.
      }
      if (!stopped) timer = setTimeout(poll, 700);
    };
    timer = setTimeout(poll, 200);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [busy, token]);
  const shownErrors = [...(errors ?? []), ...(fetcher.data ? (errorsOf(fetcher.data.result)[""] ?? []) : [])];
  const processed = busy ? (progress?.processed ?? 0) : 0;
  const max = progress?.total || total;
  return (
    <fetcher.Form
      method="post"
      action="/persone/importa"
      className="space-y-3 rounded-lg bg-white p-6 shadow-sm"
      aria-labelledby="commit-title"
    >
      <h2 id="commit-title" className="text-lg font-semibold">
        {t("manage.import.step2")}
      </h2>
      <p>{t("manage.import.commitIntro")}</p>
      <input type="hidden" name="intent" value="commit" />
      <input type="hidden" name="token" value={token} />
      <ErrorList id="commit-error" errors={shownErrors} />
      {fetcher.data?.rowErrors ? <RowErrors errors={fetcher.data.rowErrors} /> : null}
      <button
        type="submit"
        className={buttonClass}
        disabled={busy}
        aria-describedby={shownErrors.length ? "commit-error" : undefined}
      >
        {busy ? t("manage.import.importing") : t("manage.import.commit", { count: total })}
      </button>
      {busy ? (
        <div role="status" aria-live="polite" className="space-y-1" data-testid="import-progress">
          <label htmlFor="import-progress-bar" className="block text-sm font-semibold">
            {t("manage.import.progressLabel")}
          </label>
          <progress id="import-progress-bar" max={max} value={processed} className="w-full">
            {processed} / {max}
          </progress>
          <p className="text-sm">{t("manage.import.progress", { processed, total: max })}</p>
        </div>
      ) : null}
    </fetcher.Form>
  );
}

export default function ImportPage() {
  const { batch } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const replied = errorsOf(actionData?.result);
  const { t, i18n } = useTranslation();
  const preview = batch?.summary.preview;
  const result = batch?.summary.result;
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p>
        <Link to="/persone" className="text-sm underline">
          ← {t("people.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("manage.import.title")}</h1>

      {batch && batch.status === "COMMITTED" && result ? (
        <section
          role="status"
          aria-labelledby="result-title"
          className="space-y-3 rounded border border-brand-600 bg-brand-50 p-4"
          data-testid="import-result"
        >
          <h2 id="result-title" className="text-lg font-semibold">
            {t("manage.import.doneTitle")}
          </h2>
          <p>
            {t("manage.import.done", {
              file: batch.fileName,
              date: formatDateTime(batch.committedAt ?? batch.createdAt, i18n.language),
            })}
          </p>
          <ul className="list-disc pl-6">
            <li>{t("manage.import.result.people", { count: result.people })}</li>
            <li>{t("manage.import.result.existing", { count: result.existing })}</li>
            <li>{t("manage.import.result.enrolments", { count: result.enrolments })}</li>
            <li>{t("manage.import.result.accounts", { count: result.accounts })}</li>
          </ul>
          <p className="flex flex-wrap gap-4">
            <Link to="/persone" className="font-semibold text-brand-700 underline">
              {t("manage.import.toPeople")}
            </Link>
            <Link to="/persone/importa" className="font-semibold text-brand-700 underline">
              {t("manage.import.another")}
            </Link>
          </p>
        </section>
      ) : batch && preview ? (
        <section aria-labelledby="preview-title" className="space-y-4">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t("manage.import.previewTitle", { file: batch.fileName })}
          </h2>
          <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="preview-ok">
            {t("manage.import.previewOk", { count: preview.rows })}
          </p>
          <Summary summary={preview} testId="preview-summary" />
          <CommitForm token={batch.token} total={preview.rows} errors={replied[""]} />
          {actionData?.rowErrors ? <RowErrors errors={actionData.rowErrors} /> : null}
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="preview-rows">
              <caption className="px-3 py-2 text-left font-semibold">
                {t("manage.import.sample", { shown: batch.sample.length, count: preview.rows })}
              </caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  {(["line", "name", "email", "organisation", "position", "edition", "account"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2">
                      {t(`manage.import.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {batch.sample.map((r) => (
                  <tr key={r.line}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {r.line}
                    </th>
                    <td className="px-3 py-2">
                      {r.lastName} {r.firstName}
                    </td>
                    <td className="px-3 py-2">{r.email}</td>
                    <td className="px-3 py-2">{r.organisation}</td>
                    <td className="px-3 py-2">{t(`people.positions.${r.position}`)}</td>
                    <td className="px-3 py-2">{r.edition ?? "—"}</td>
                    <td className="px-3 py-2">{r.account ? t("common.yes") : t("common.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link to="/persone/importa" className="text-brand-700 underline">
              {t("manage.import.startOver")}
            </Link>
          </p>
        </section>
      ) : (
        <>
          <p className="text-slate-700">{t("manage.import.intro")}</p>
          <details className="rounded-lg bg-white p-4 shadow-sm">
            <summary className="cursor-pointer font-semibold">{t("manage.import.columnsTitle")}</summary>
            <ul className="mt-3 space-y-1 text-sm">
              {IMPORT_COLUMNS.map((c) => (
                <li key={c}>
                  <code className="font-semibold">{c}</code>
                  {REQUIRED_COLUMNS.includes(c) ? ` (${t("common.requiredField")})` : ""} —{" "}
                  {t(`manage.import.columnHelp.${c}`)}
                </li>
              ))}
            </ul>
            <p className="mt-3 text-sm">
              {t("manage.import.template")}{" "}
              <a href="/persone/importa/modello/csv" className="text-brand-700 underline">
                CSV
              </a>{" "}
              ·{" "}
              <a href="/persone/importa/modello/xlsx" className="text-brand-700 underline">
                XLSX
              </a>
            </p>
          </details>
          {replied[""] ? <ErrorList id="commit-error" errors={replied[""]} /> : null}
          {actionData?.summary || actionData?.rowErrors?.length ? (
            <section aria-labelledby="rejected-title" className="space-y-3" data-testid="import-rejected">
              <h2 id="rejected-title" className="text-lg font-semibold text-red-800">
                {t("manage.import.rejected", { count: actionData.rowErrors?.length ?? 0 })}
              </h2>
              {actionData.summary ? <Summary summary={actionData.summary} testId="rejected-summary" /> : null}
              <RowErrors errors={actionData.rowErrors ?? []} />
            </section>
          ) : null}
          <UploadForm fileErrors={replied.file} />
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Importa persone — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * One catalogue import (PHASE2.md §10 /catalogo/importa/:batch): its counters and every file
 * with its status and issues. While the batch runs the page reloads itself (a meta refresh,
 * so it works without JavaScript). Any facilitator may open any batch: the catalogue is shared
 * (`getImportBatch` says why).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseId } from "~/domain/ids";
import { getImportBatch } from "~/models/catalogue-import.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "catalogue:manage:phase2");
  const id = parseId(params.batch) ?? notFound();
  const batch = (await getImportBatch({ id })) ?? notFound();
  return {
    batch: {
      id: batch.id,
      fileName: batch.fileName,
      status: batch.status,
      total: batch.total,
      processed: batch.processed,
      imported: batch.imported,
      withIssues: batch.withIssues,
      blocked: batch.blocked,
      unchanged: batch.unchanged,
      createdAt: batch.createdAt.toISOString(),
      records: batch.records.map((r) => ({
        id: r.id,
        sourceName: r.sourceName,
        importStatus: r.importStatus,
        conformance: r.conformance,
        blockReason: r.blockReason,
        solutionName: r.solution?.name ?? null,
        issues: r.issues.filter((i) => i.severity !== "info"),
      })),
    },
  };
}

const STATUS_CLASS = {
  BLOCKED: "border-red-700 bg-red-50 text-red-900",
  IMPORTED_WITH_ISSUES: "border-amber-700 bg-amber-50 text-amber-900",
  IMPORTED: "border-green-700 bg-green-50 text-green-900",
} as const;

export default function CatalogueImportBatch() {
  const { batch } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const counters = ["processed", "imported", "withIssues", "blocked", "unchanged"] as const;
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p>
        <Link to="/catalogo/importa" className="text-sm underline">
          ← {t("catalogueImport.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("catalogueImport.batchTitle", { file: batch.fileName })}</h1>
      <p>
        {t("catalogueImport.batchWhen", { date: formatDateTime(batch.createdAt, i18n.language) })}{" "}
        <strong data-testid="batch-status">{t(`catalogueImport.batchStatus.${batch.status}`)}</strong>
      </p>
      <div role="status" aria-live="polite">
        <label htmlFor="batch-progress" className="block text-sm font-semibold">
          {t("catalogueImport.progress", { processed: batch.processed, total: batch.total })}
        </label>
        <progress id="batch-progress" max={batch.total || 1} value={batch.processed} className="w-full">
          {batch.processed} / {batch.total}
        </progress>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="batch-counts">
        {counters.map((c) => (
          <div key={c} className="rounded border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-700">{t(`catalogueImport.columns.${c}`)}</dt>
            <dd className="text-2xl font-bold" data-testid={`count-${c}`}>
              {batch[c]}
            </dd>
          </div>
        ))}
      </dl>
      {batch.unchanged > 0 ? <p>{t("catalogueImport.unchangedNote", { count: batch.unchanged })}</p> : null}

      <section aria-labelledby="files-title" className="space-y-3">
        <h2 id="files-title" className="text-lg font-semibold">
          {t("catalogueImport.filesTitle", { count: batch.records.length })}
        </h2>
        <ul className="space-y-3">
          {batch.records.map((r) => (
            <li key={r.id} className="rounded-lg bg-white p-4 shadow-sm" data-testid="batch-file">
              <h3 className="font-semibold break-all">{r.sourceName}</h3>
              <p className="mt-1">
                <span
                  className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${STATUS_CLASS[r.importStatus]}`}
                  data-testid="file-status"
                  data-status={r.importStatus}
                >
                  {t(`catalogueImport.fileStatus.${r.importStatus}`)}
                </span>{" "}
                {r.solutionName ? t("catalogueImport.card", { name: r.solutionName }) : null}
              </p>
              {r.blockReason ? <p className="mt-1 text-red-900">{r.blockReason}</p> : null}
              {r.issues.length > 0 ? (
                // Focusable so a keyboard user can scroll a wide table on a phone.
                <div
                  className="mt-2 overflow-x-auto"
                  tabIndex={0}
                  role="region"
                  aria-label={t("catalogueImport.issuesCaption", { count: r.issues.length, file: r.sourceName })}
                >
                  <table className="min-w-full divide-y divide-slate-200 text-sm">
                    <caption className="text-left text-sm font-semibold">
                      {t("catalogueImport.issuesCaption", { count: r.issues.length, file: r.sourceName })}
                    </caption>
                    <thead className="bg-slate-100 text-left">
                      <tr>
                        {(["key", "line", "column", "severity", "message"] as const).map((c) => (
                          <th key={c} scope="col" className="px-2 py-1">
                            {t(`catalogueImport.issueColumns.${c}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {r.issues.map((i, n) => (
                        <tr key={n}>
                          <th scope="row" className="px-2 py-1 text-left font-mono font-normal break-all">
                            {i.key || "—"}
                          </th>
                          <td className="px-2 py-1">{i.line || "—"}</td>
                          <td className="px-2 py-1">{i.column || "—"}</td>
                          <td className="px-2 py-1">{t(`catalogueImport.severity.${i.severity}`)}</td>
                          <td className="px-2 py-1">{i.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

// While the batch runs the page reloads every 3 s: progress without JavaScript.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Importazione nel catalogo — Capacitas" },
  ...(data?.batch.status === "RUNNING" ? [{ httpEquiv: "refresh", content: "3" }] : []),
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

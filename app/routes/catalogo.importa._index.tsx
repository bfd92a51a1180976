/**
 * The catalogue import (PHASE2.md §6, §10 /catalogo/importa): a facilitator uploads
 * publiccode.yml files or one Developers Italia API export; the import runs within the request
 * (the limits keep it to seconds) and ends on the batch page. Plain form: no JavaScript needed.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList } from "~/components/forms";
import { MAX_FILE_BYTES } from "~/domain/publiccode";
import {
  listRecentImports,
  MAX_UPLOAD_FILES,
  MAX_UPLOAD_PART_BYTES,
  startImport,
} from "~/models/catalogue-import.server";
import { formatDateTime } from "~/utils/format";
import { readMultipartForm } from "~/utils/multipart.server";
import { instantToZoned } from "~/utils/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireCapability(request, "catalogue:manage:phase2");
  const imports = await listRecentImports({ actor });
  return {
    // The limits, for the hint: the component cannot import the server module that holds them.
    limits: { files: MAX_UPLOAD_FILES, kib: MAX_FILE_BYTES / 1024, mib: MAX_UPLOAD_PART_BYTES / 1024 / 1024 },
    imports: imports.map((i) => ({
      id: i.id,
      fileName: i.fileName,
      status: i.status,
      total: i.total,
      imported: i.imported,
      withIssues: i.withIssues,
      blocked: i.blocked,
      unchanged: i.unchanged,
      createdAt: i.createdAt.toISOString(),
    })),
  };
}

type ActionData = { errors: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireCapability(request, "catalogue:manage:phase2");
  const bad = (errors: string[]) => data<ActionData>({ errors }, { status: 400 });
  // One more file part than allowed is still read, so "too many files" is a message here, not
  // an unreadable body; far more than that is refused by the reader (400).
  const form = await readMultipartForm(request, {
    maxFileBytes: MAX_UPLOAD_PART_BYTES,
    maxFiles: MAX_UPLOAD_FILES + 10,
    maxParts: MAX_UPLOAD_FILES + 20,
  });
  if (!form.ok) return bad([form.message]);
  const files = await Promise.all(
    form.formData
      .getAll("files")
      .filter((v): v is File => v instanceof File)
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const outcome = await startImport({ actor, files, today: instantToZoned(new Date()).date });
  if (!outcome.ok) return bad(outcome.errors);
  return redirect(`/catalogo/importa/${outcome.importId}`);
}

export default function CatalogueImportPage() {
  const { imports, limits } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t, i18n } = useTranslation();
  const errorId = actionData?.errors.length ? "files-error" : undefined;
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <h1 className="text-2xl font-bold">{t("catalogueImport.title")}</h1>
      <p className="text-slate-700">{t("catalogueImport.intro")}</p>
      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-3 rounded-lg bg-white p-6 shadow-sm"
        aria-labelledby="upload-title"
      >
        <h2 id="upload-title" className="text-lg font-semibold">
          {t("catalogueImport.uploadTitle")}
        </h2>
        <div>
          <label htmlFor="files" className="block text-sm font-semibold text-slate-800">
            {t("catalogueImport.files")}
          </label>
          <p id="files-hint" className="text-sm text-slate-600">
            {t("catalogueImport.filesHint", limits)}
          </p>
          <input
            id="files"
            name="files"
            type="file"
            multiple
            required
            accept=".yml,.yaml,.json,application/json,application/yaml,text/yaml"
            aria-invalid={errorId ? true : undefined}
            aria-describedby={["files-hint", errorId].filter(Boolean).join(" ")}
            className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
          />
          <ErrorList id={errorId} errors={actionData?.errors} />
        </div>
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? t("catalogueImport.importing") : t("catalogueImport.submit")}
        </button>
      </Form>

      <section aria-labelledby="recent-title" className="space-y-2">
        <h2 id="recent-title" className="text-lg font-semibold">
          {t("catalogueImport.recentTitle")}
        </h2>
        {imports.length === 0 ? (
          <p data-testid="no-imports">{t("catalogueImport.noImports")}</p>
        ) : (
          <div
            className="overflow-x-auto rounded-lg bg-white shadow-sm"
            tabIndex={0}
            role="region"
            aria-label={t("catalogueImport.recentTitle")}
          >
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="recent-imports">
              <caption className="sr-only">{t("catalogueImport.recentTitle")}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  {(["when", "file", "status", "imported", "withIssues", "blocked", "unchanged"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2">
                      {t(`catalogueImport.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {imports.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <Link to={`/catalogo/importa/${i.id}`} className="text-brand-700 underline">
                        {formatDateTime(i.createdAt, i18n.language)}
                      </Link>
                    </th>
                    <td className="px-3 py-2">{i.fileName}</td>
                    <td className="px-3 py-2">{t(`catalogueImport.batchStatus.${i.status}`)}</td>
                    <td className="px-3 py-2">{i.imported}</td>
                    <td className="px-3 py-2">{i.withIssues}</td>
                    <td className="px-3 py-2">{i.blocked}</td>
                    <td className="px-3 py-2">{i.unchanged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Importa nel catalogo — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

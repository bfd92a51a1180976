import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/forms";
import { FigureTable } from "~/components/ui/figure-table";
import { getAdminOverview, syncProgrammeContent } from "~/models/admin.server";
import { formatDateTime } from "~/utils/format";
import { readForm, unknownIntent } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "account:read:all");
  return getAdminOverview();
}

const AdminActionSchema = z.object({ intent: z.literal("sync-content") });

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireCapability(request, "content:sync:all");
  const submission = parseWithZod(await readForm(request), { schema: AdminActionSchema });
  if (submission.status !== "success") unknownIntent();
  const outcome = await syncProgrammeContent({ actor });
  // The content's own errors are a report of the files (file › field: reason), not of this form.
  return data(outcome, { status: outcome.ok ? 200 : 400 });
}

export default function AdminPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <section aria-labelledby="content-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="content-title" className="text-xl font-semibold">
          {t("admin.content")}
        </h2>
        {d.programme ? (
          <>
            <p className="mt-1">{d.programme.title}</p>
            <p className="text-sm text-slate-700">
              {t("admin.syncedAt", { date: formatDateTime(d.programme.syncedAt, i18n.language) })}
            </p>
            <p className="text-sm text-slate-700">{t("admin.counts", { modules: d.modules, units: d.units })}</p>
          </>
        ) : null}
        {result?.ok && result.summary ? (
          <p role="status" className="mt-3 rounded border border-brand-600 bg-brand-50 p-3">
            {t("admin.syncOk", result.summary)}
          </p>
        ) : null}
        {result && !result.ok ? (
          <div role="alert" className="mt-3 rounded border border-red-700 bg-red-50 p-3">
            <p className="font-semibold">{t("admin.syncErrors")}</p>
            <ul className="mt-2 list-disc pl-6 font-mono text-sm">
              {result.errors.map((e) => (
                <li key={`${e.file}-${e.field}-${e.reason}`}>
                  {e.file} › {e.field}: {e.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="sync-content" />
          <button type="submit" className={buttonClass}>
            {t("admin.sync")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="accounts-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="accounts-title" className="text-xl font-semibold">
          {t("admin.accounts")}
        </h2>
        <div className="mt-3 max-w-md">
          <FigureTable
            caption={t("admin.accounts")}
            columns={[{ label: t("admin.role") }, { label: t("admin.users"), numeric: true }]}
            rows={d.roles.map((r) => ({ key: r.role, cells: [t(`personForm.roleNames.${r.role}`), r.count] }))}
          />
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Amministrazione — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

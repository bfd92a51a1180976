import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import path from "node:path";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/forms";
import { FigureTable } from "~/components/ui/figure-table";
import { loadContent, syncContent } from "~/models/content.server";
import { audit, requestIdOf } from "~/utils/audit.server";
import { requireCapability } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { ROLES } from "~/utils/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "account:read:all");
  const [programme, modules, units, roles, users] = await Promise.all([
    prisma.programme.findFirst({ orderBy: { syncedAt: "desc" }, select: { title: true, syncedAt: true } }),
    prisma.module.count({ where: { archivedAt: null } }),
    prisma.unit.count({ where: { archivedAt: null } }),
    prisma.roleAssignment.groupBy({ by: ["role"], _count: { _all: true } }),
    prisma.user.count({ where: { active: true } }),
  ]);
  return {
    programme: programme ? { title: programme.title, syncedAt: programme.syncedAt.toISOString() } : null,
    modules,
    units,
    users,
    roles: ROLES.map((role) => ({ role, count: roles.find((r) => r.role === role)?._count._all ?? 0 })),
  };
}

const AdminActionSchema = z.object({ intent: z.literal("sync-content") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "content:sync:all");
  const parsed = AdminActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Azione non valida.", { status: 400 });
  const loaded = await loadContent(path.resolve("content"));
  if (!loaded.ok) return data({ ok: false as const, errors: loaded.errors, summary: null }, { status: 400 });
  const summary = await syncContent(prisma, loaded.content);
  await prisma.$transaction((tx) =>
    audit(tx, {
      actorId: user.id,
      action: "content.sync",
      entity: "Programme",
      entityId: loaded.content.programme.slug,
      after: summary,
      requestId: requestIdOf(request),
    }),
  );
  return data({ ok: true as const, errors: [], summary });
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

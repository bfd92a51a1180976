import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireReporting } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FigureTable } from "~/components/ui/figure-table";
import { filtersToSearch } from "~/domain/indicator-schema";
import { bodyModules } from "~/models/cross-module.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filters } = await requireReporting(request);
  return { view: await bodyModules({ scope, filters }), query: filtersToSearch(filters) };
}

/** Body × modules: participants, completions and hours per organisation and module. */
export default function BodiesView() {
  const { view, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const q = query ? `?${query}` : "";
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/cruscotto${q}`} className="underline">
          ← {t("coordinator.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("indicators.views.bodies")}</h1>
      <p className="flex gap-4 text-sm">
        <a href={`/cruscotto/esporta/enti-moduli.csv${q}`} className="underline">
          CSV
        </a>
        <a href={`/cruscotto/esporta/enti-moduli.xlsx${q}`} className="underline">
          Excel
        </a>
      </p>
      <FigureTable
        caption={t("indicators.views.bodies")}
        testId="bodies-view"
        columns={[
          { label: t("indicators.views.organisation") },
          { label: t("indicators.views.participants"), numeric: true },
          ...view.modules.map((m) => ({ label: m.title, numeric: true })),
        ]}
        rows={view.rows.map((r) => ({
          key: r.organisationId,
          cells: [
            r.organisation,
            r.participants,
            ...r.modules.map((c) => (c.enrolled ? `${c.completed}/${c.enrolled} · ${c.hours} h` : "—")),
          ],
        }))}
      />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Enti × moduli — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

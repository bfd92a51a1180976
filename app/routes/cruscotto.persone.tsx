import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireReporting } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/forms";
import { DataTable, dataTableFeatures } from "~/components/ui/data-table";
import { filtersToSearch, PERSON_VIEW_SORTS } from "~/domain/indicator-schema";
import { parseTableParams, tableParamsSchema } from "~/domain/table-params";
import { personModulesPage } from "~/models/cross-module.server";
import { badRequest } from "~/utils/http.server";

const ViewParamsSchema = tableParamsSchema({
  sortKeys: PERSON_VIEW_SORTS,
  defaultSort: "name",
  filters: { q: z.string().max(80, "Testo di ricerca troppo lungo (massimo 80 caratteri).").optional() },
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filters, search } = await requireReporting(request);
  const parsed = parseTableParams(ViewParamsSchema, search);
  if (!parsed.ok) badRequest(parsed.errors);
  const page = await personModulesPage({ scope, filters, params: parsed.value });
  return { ...page, params: parsed.value, query: filtersToSearch(filters) };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const helper = createColumnHelper<typeof dataTableFeatures, Row>();

/** Person × seven modules: status and hours per module, with the dashboard's filters. */
export default function PeopleView() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const q = d.query ? `?${d.query}` : "";
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("name", {
          id: "name",
          header: () => t("indicators.views.name"),
          cell: (c) => (
            <Link to={`/persone/${c.row.original.personId}`} className="text-brand-700 underline">
              {c.getValue()}
            </Link>
          ),
        }),
        helper.accessor("organisation", { id: "organisation", header: () => t("indicators.views.organisation") }),
        helper.accessor("completed", { id: "completed", header: () => t("indicators.views.completed") }),
        helper.accessor("hours", { id: "hours", header: () => t("indicators.views.hours") }),
        ...d.modules.map((m, i) =>
          helper.accessor((r) => r.modules[i], {
            id: `m${m.id}`,
            header: () => m.title,
            cell: (c) => {
              const v = c.getValue();
              return v ? `${t(`learner.status.${v.status}`)} · ${Math.round((v.minutes / 60) * 10) / 10} h` : "—";
            },
          }),
        ),
      ]),
    [t, d.modules],
  );
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/cruscotto${q}`} className="underline">
          ← {t("coordinator.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("indicators.views.people")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        {Object.entries(Object.fromEntries(new URLSearchParams(d.query))).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">
            {t("people.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={d.params.q ?? ""}
            maxLength={80}
            className="mt-1 rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <button type="submit" className={buttonClass}>
          {t("common.filter")}
        </button>
        <a
          href={`/cruscotto/esporta/persone-moduli.csv${q}`}
          className="py-2 text-sm underline"
          data-testid="people-csv"
        >
          CSV
        </a>
        <a href={`/cruscotto/esporta/persone-moduli.xlsx${q}`} className="py-2 text-sm underline">
          Excel
        </a>
      </Form>
      <p className="text-sm text-slate-700">{t("people.count", { count: d.total })}</p>
      <DataTable
        caption={t("indicators.views.people")}
        columns={columns}
        data={d.rows}
        sortable={PERSON_VIEW_SORTS}
        state={{ sort: d.params.sort, dir: d.params.dir, page: d.params.page, size: d.params.size, total: d.total }}
        getRowId={(r) => String(r.personId)}
        testId="people-view"
      />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Persone × moduli — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FilterSelect } from "~/components/forms";
import { DataTable, dataTableFeatures } from "~/components/ui/data-table";
import { parseTableParams } from "~/domain/table-params";
import { PeopleParamsSchema, POSITIONS } from "~/domain/person-schema";
import { listPeople, listScopedOrganisations } from "~/models/person.server";
import { badRequest } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "person:read:area");
  const parsed = parseTableParams(PeopleParamsSchema, new URL(request.url).searchParams);
  if (!parsed.ok) badRequest(parsed.errors);
  const [organisations, page] = await Promise.all([
    listScopedOrganisations({ scope }),
    listPeople({ scope, params: parsed.value }),
  ]);
  return { organisations, params: parsed.value, ...page, canCreate: can(user.roles, "person:create:area") };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const helper = createColumnHelper<typeof dataTableFeatures, Row>();

export default function PeoplePage() {
  const { rows, total, params, organisations, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("name", {
          id: "name",
          header: () => t("people.name"),
          cell: (c) => (
            <>
              <Link to={`/persone/${c.row.original.id}`} className="font-medium text-brand-700 underline">
                {c.getValue()}
              </Link>
              {c.row.original.active ? null : (
                <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-800">
                  {t("manage.person.inactiveBadge")}
                </span>
              )}
            </>
          ),
        }),
        helper.accessor("organisation", { id: "organisation", header: () => t("people.organisation") }),
        helper.accessor("position", {
          id: "position",
          header: () => t("people.position"),
          cell: (c) => t(`people.positions.${c.getValue()}`),
        }),
        helper.accessor("office", { id: "office", header: () => t("people.office") }),
        helper.accessor("email", { id: "email", header: () => t("people.email") }),
        helper.accessor("account", {
          id: "account",
          header: () => t("people.account"),
          cell: (c) => (c.getValue() ? t("people.hasAccount") : t("people.noAccount")),
        }),
      ]),
    [t],
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("people.title")}</h1>
        {canCreate ? (
          <div className="flex flex-wrap gap-2">
            <Link
              to="/persone/importa"
              className="inline-flex items-center justify-center rounded border border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50"
            >
              {t("manage.import.button")}
            </Link>
            <Link to="/persone/nuova" className={buttonClass}>
              {t("people.new")}
            </Link>
          </div>
        ) : null}
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm" role="search">
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <input type="hidden" name="size" value={params.size} />
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">
            {t("people.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={searchParams.get("q") ?? ""}
            maxLength={80}
            className="mt-1 rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <FilterSelect
          id="org"
          name="org"
          label={t("people.organisation")}
          value={params.org}
          allLabel={t("common.all")}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <FilterSelect
          id="position"
          name="position"
          label={t("people.position")}
          value={params.position}
          allLabel={t("common.all")}
          options={POSITIONS.map((p) => ({ value: p, label: t(`people.positions.${p}`) }))}
        />
        <div className="flex items-center gap-2 self-center pt-5">
          <input
            id="inactive"
            name="inactive"
            type="checkbox"
            value="1"
            defaultChecked={params.inactive === "1"}
            className="h-4 w-4"
          />
          <label htmlFor="inactive" className="text-sm font-semibold">
            {t("manage.person.showInactive")}
          </label>
        </div>
        <button type="submit" className={buttonClass}>
          {t("common.filter")}
        </button>
        <Link to="/persone" className="py-2 text-sm underline">
          {t("common.reset")}
        </Link>
      </Form>
      <p className="text-sm text-slate-700" data-testid="people-count" aria-live="polite">
        {t("people.count", { count: total })}
      </p>
      <DataTable
        caption={t("people.title")}
        columns={columns}
        data={rows}
        sortable={["name", "organisation", "position", "email"]}
        state={{ sort: params.sort, dir: params.dir, page: params.page, size: params.size, total }}
        getRowId={(r) => String(r.id)}
        testId="people-table"
      />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Persone — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

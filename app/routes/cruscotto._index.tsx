import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireReporting } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FilterSelect } from "~/components/forms";
import { IndicatorSections } from "~/components/indicator-sections";
import { filtersToSearch } from "~/domain/indicator-schema";
import { filterOptions } from "~/models/dashboard.server";
import { getIndicators } from "~/models/indicators.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filters } = await requireReporting(request);
  const [indicators, options] = await Promise.all([getIndicators({ scope, filters }), filterOptions({ scope })]);
  return { indicators, options, filters, query: filtersToSearch(filters) };
}

export default function CoordinatorDashboard() {
  const { indicators, options, filters, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const suffix = query ? `?${query}` : "";
  const select = (
    name: string,
    label: string,
    value: string | number | undefined,
    choices: { id: string | number; label: string }[],
  ) => (
    <FilterSelect
      id={`f-${name}`}
      name={name}
      label={label}
      value={value}
      allLabel={t("indicators.all")}
      options={choices.map((c) => ({ value: c.id, label: c.label }))}
    />
  );
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{t("coordinator.title")}</h1>
          <p className="text-slate-700">
            {t("coordinator.areas", { areas: options.areas.map((a) => a.name).join(", ") || "—" })}
          </p>
        </div>
        <nav aria-label={t("indicators.exports.title")} className="flex flex-wrap gap-3 text-sm">
          <Link to={`/cruscotto/persone${suffix}`} className="underline">
            {t("indicators.views.people")}
          </Link>
          <Link to={`/cruscotto/enti${suffix}`} className="underline">
            {t("indicators.views.bodies")}
          </Link>
          <Link to={`/cruscotto/report${suffix}`} className="underline" data-testid="report-link">
            {t("indicators.exports.report")}
          </Link>
          <a
            href={`/cruscotto/esporta/indicatori.xlsx${suffix}`}
            className="font-semibold text-brand-700 underline"
            data-testid="export-xlsx"
          >
            {t("indicators.exports.xlsx")}
          </a>
        </nav>
      </header>

      <Form
        method="get"
        className="no-print rounded-lg bg-white p-4 shadow-sm"
        role="search"
        aria-label={t("indicators.filters")}
      >
        <div className="flex flex-wrap items-end gap-3">
          {options.areas.length > 1
            ? select(
                "area",
                t("indicators.area"),
                filters.area,
                options.areas.map((a) => ({ id: a.id, label: a.name })),
              )
            : null}
          {select(
            "org",
            t("indicators.org"),
            filters.org,
            options.organisations.map((o) => ({ id: o.id, label: o.name })),
          )}
          {select(
            "module",
            t("indicators.module"),
            filters.module,
            options.modules.map((m) => ({ id: m.id, label: m.title })),
          )}
          {options.phases.length
            ? select(
                "phase",
                t("indicators.phase"),
                filters.phase,
                options.phases.map((p) => ({ id: p.id, label: p.title })),
              )
            : null}
          {select("position", t("indicators.position"), filters.position, [
            { id: "ADMINISTRATOR", label: t("people.positions.ADMINISTRATOR") },
            { id: "EMPLOYEE", label: t("people.positions.EMPLOYEE") },
          ])}
          {select(
            "gender",
            t("indicators.gender"),
            filters.gender,
            (["F", "M", "NON_BINARY", "NOT_STATED"] as const).map((g) => ({
              id: g,
              label: t(`indicators.participants.genders.${g}`),
            })),
          )}
          <div>
            <label htmlFor="f-from" className="block text-sm font-semibold">
              {t("indicators.from")}
            </label>
            <input
              id="f-from"
              type="date"
              name="from"
              defaultValue={filters.from ?? ""}
              className="mt-1 rounded border border-slate-400 px-2 py-1"
            />
          </div>
          <div>
            <label htmlFor="f-to" className="block text-sm font-semibold">
              {t("indicators.to")}
            </label>
            <input
              id="f-to"
              type="date"
              name="to"
              defaultValue={filters.to ?? ""}
              className="mt-1 rounded border border-slate-400 px-2 py-1"
            />
          </div>
          <div>
            <label htmlFor="f-year" className="block text-sm font-semibold">
              {t("indicators.year")}
            </label>
            <input
              id="f-year"
              type="number"
              name="year"
              min={2000}
              max={2100}
              defaultValue={filters.year ?? ""}
              className="mt-1 w-28 rounded border border-slate-400 px-2 py-1"
            />
          </div>
          <button type="submit" className={buttonClass}>
            {t("indicators.apply")}
          </button>
          <Link to="/cruscotto" className="py-2 text-sm underline">
            {t("common.reset")}
          </Link>
        </div>
      </Form>

      <IndicatorSections ind={indicators} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Cruscotto — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

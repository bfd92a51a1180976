import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireReporting } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { IndicatorSections } from "~/components/indicator-sections";
import { filtersToSearch } from "~/domain/indicator-schema";
import { describeFilters, filterOptions } from "~/models/dashboard.server";
import { getIndicators } from "~/models/indicators.server";
import { formatDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filters } = await requireReporting(request);
  const [indicators, described, options] = await Promise.all([
    getIndicators({ scope, filters }),
    describeFilters({ filters }),
    filterOptions({ scope }),
  ]);
  return {
    indicators,
    described,
    areas: options.areas.map((a) => a.name),
    generatedAt: new Date().toISOString(),
    query: filtersToSearch(filters),
  };
}

/** The printable report: the dashboard's figures with the filters and the date, print-styled. */
export default function ReportPage() {
  const r = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const csv = [
    "riepilogo",
    "partecipanti",
    "enti",
    "erogazione",
    "moduli",
    "fasi",
    "verifiche",
    "competenze",
    "gradimento",
  ];
  return (
    <article className="space-y-4" data-testid="report">
      <header className="border-b border-slate-300 pb-3">
        <p className="text-sm text-slate-700">Capacitas — {r.areas.join(", ")}</p>
        <h1 className="text-2xl font-bold">{t("indicators.report.title")}</h1>
        <p>{t("indicators.report.generated", { date: formatDateTime(r.generatedAt, i18n.language) })}</p>
        <p data-testid="report-filters">
          {t("indicators.report.filters", { filters: r.described.join("; ") || t("indicators.report.noFilters") })}
        </p>
        <p className="no-print mt-2 flex flex-wrap gap-4 text-sm">
          <Link to={`/cruscotto${r.query ? `?${r.query}` : ""}`} className="underline">
            ← {t("coordinator.title")}
          </Link>
          <button type="button" onClick={() => window.print()} className="underline">
            {t("indicators.report.print")}
          </button>
          {csv.map((name) => (
            <a
              key={name}
              href={`/cruscotto/esporta/indicatori-${name}.csv${r.query ? `?${r.query}` : ""}`}
              className="underline"
            >
              {name}.csv
            </a>
          ))}
        </p>
      </header>
      <IndicatorSections ind={r.indicators} charts={false} />
    </article>
  );
}

export const meta: MetaFunction = () => [{ title: "Resoconto degli indicatori — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

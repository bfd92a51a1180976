import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FigureTable } from "~/components/ui/figure-table";
import { LEVEL_LABELS } from "~/domain/assessment-scoring";
import { parseId } from "~/domain/ids";
import { getAreaProfile } from "~/models/area-profile.server";
import { gapNeeds } from "~/models/assessment-page.server";
import { formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";

/**
 * The area view of a cycle over its validated assessments: the comuni × items heat map,
 * each dimension's distribution and the shared gaps with the need each one proposed.
 * Facilitators and coordinators see the comuni by name, a referent sees the others anonymised.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "assessment:read:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const area = (await getAreaProfile({ scope, cycleId })) ?? notFound();
  // The needs proposed from shared gaps name the comuni scoring low: not for referents (decision 018).
  const needs = area.named && can(user.roles, "need:read:phase2") ? await gapNeeds({ scope, cycleId }) : {};
  return { ...area, needs };
}

// Colour and number together (never colour alone); every background keeps dark text above 4.5:1.
const HEAT = ["#fecaca", "#fed7aa", "#fef08a", "#bbf7d0", "#86efac"] as const;

export default function AreaPage() {
  const { cycle, named, validated, totalComuni, items, rows, dimensions, gaps, needs } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v, i18n.language));
  return (
    <div className="space-y-6">
      <Breadcrumb
        trail={[
          { to: "/maturita", label: t("maturity.title") },
          { to: `/maturita/${cycle.id}`, label: cycle.title },
        ]}
        current={t("maturity.areaView")}
      />
      <h1 className="text-2xl font-bold">{t("maturity.areaTitle", { cycle: cycle.title })}</h1>
      <p data-testid="validated-count">{t("maturity.areaIntro", { validated, total: totalComuni })}</p>
      {!named ? <p className="rounded border border-slate-400 bg-slate-50 p-3">{t("maturity.anonymised")}</p> : null}

      <section aria-labelledby="heat-title" className="space-y-2">
        <h2 id="heat-title" className="text-xl font-semibold">
          {t("maturity.heatMap")}
        </h2>
        <p className="max-w-prose text-sm">{t("maturity.heatMapIntro")}</p>
        <ul className="flex flex-wrap gap-3 text-sm" aria-label={t("maturity.legend")}>
          {HEAT.map((colour, level) => (
            <li key={level} className="flex items-center gap-1">
              <span className="inline-block w-6 rounded text-center font-semibold" style={{ background: colour }}>
                {level}
              </span>
              {LEVEL_LABELS[level]}
            </li>
          ))}
          <li className="flex items-center gap-1">
            <span className="inline-block w-6 rounded border border-slate-300 text-center">–</span>
            {t("maturity.heatEmpty")}
          </li>
        </ul>
        {rows.length === 0 ? (
          <p data-testid="no-validated">{t("maturity.noValidated")}</p>
        ) : (
          <div
            className="overflow-x-auto rounded-lg bg-white shadow-sm"
            tabIndex={0}
            role="region"
            aria-labelledby="heat-title"
          >
            <table className="border-collapse text-xs" data-testid="heat-map">
              <caption className="sr-only">{t("maturity.heatMapCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="sticky left-0 bg-slate-100 px-2 py-1 text-left">
                    {t("maturity.comune")}
                  </th>
                  {items.map((i) => (
                    <th key={i.code} scope="col" className="bg-slate-100 px-1 py-1 font-mono font-semibold">
                      <abbr title={i.question} className="no-underline">
                        {i.code}
                      </abbr>
                    </th>
                  ))}
                  <th scope="col" className="bg-slate-100 px-2 py-1">
                    {t("maturity.index")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label} className={r.own ? "outline outline-2 outline-brand-700" : undefined}>
                    <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left whitespace-nowrap">
                      {r.label}
                    </th>
                    {r.scores.map((s, i) => (
                      <td
                        key={items[i]!.code}
                        className="border border-white px-1 py-1 text-center font-semibold text-slate-900"
                        style={s === null ? undefined : { background: HEAT[s] }}
                      >
                        {s === null ? "–" : s}
                      </td>
                    ))}
                    <td className="px-2 py-1 text-right">{n(r.maturityIndex)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="dist-title" className="space-y-2">
        <h2 id="dist-title" className="text-xl font-semibold">
          {t("maturity.distributions")}
        </h2>
        <p className="max-w-prose text-sm">{t("maturity.distributionsIntro")}</p>
        <FigureTable
          caption={t("maturity.distributions")}
          testId="distributions"
          columns={[
            { label: t("maturity.dimension") },
            { label: t("maturity.comuniCounted"), numeric: true },
            { label: t("maturity.median"), numeric: true },
            { label: t("maturity.min"), numeric: true },
            { label: t("maturity.max"), numeric: true },
            ...LEVEL_LABELS.map((l, level) => ({ label: `${level} ${l}`, numeric: true })),
            ...(rows.some((r) => r.own) ? [{ label: t("maturity.yourComune"), numeric: true }] : []),
          ]}
          rows={dimensions.map((d) => ({
            key: d.code,
            cells: [
              <>
                {d.code} — {d.title}
                {d.median !== null ? (
                  <span aria-hidden="true" className="mt-1 block h-2 rounded bg-slate-200">
                    <span className="block h-2 rounded bg-brand-600" style={{ width: `${(d.median / 4) * 100}%` }} />
                  </span>
                ) : null}
              </>,
              d.n,
              n(d.median),
              n(d.min),
              n(d.max),
              ...d.distribution,
              ...(rows.some((r) => r.own) ? [n(d.own)] : []),
            ],
          }))}
        />
      </section>

      <section aria-labelledby="gaps-title" className="space-y-2">
        <h2 id="gaps-title" className="text-xl font-semibold">
          {t("maturity.sharedGaps")}
        </h2>
        <p className="max-w-prose text-sm">{t("maturity.sharedGapsIntro")}</p>
        {gaps.length === 0 ? (
          <p data-testid="no-gaps">{t("maturity.noGaps")}</p>
        ) : (
          <ul className="space-y-3" data-testid="shared-gaps">
            {gaps.map((g) => {
              const need = needs[g.itemCode];
              return (
                <li key={g.itemCode} className="rounded-lg bg-white p-4 shadow-sm">
                  <p className="font-semibold">
                    <span className="font-mono text-sm">{g.itemCode}</span> {g.question}
                  </p>
                  <p className="text-sm">
                    {t("maturity.gapLine", { count: g.count, total: totalComuni })}
                    {g.comuni ? `: ${g.comuni.join(", ")}` : g.includesOwn ? ` ${t("maturity.gapIncludesOwn")}` : ""}
                  </p>
                  {need ? (
                    <p className="mt-1 text-sm">
                      <Link to={`/fabbisogni/${need.id}`} className="font-semibold text-brand-700 underline">
                        {need.status === "PROPOSED"
                          ? t("maturity.createNeed", { code: g.itemCode })
                          : t("maturity.seeNeed", { title: need.title })}
                      </Link>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Quadro d'area della maturità digitale — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

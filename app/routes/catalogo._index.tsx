import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import {
  ConformanceBadge,
  KindBadge,
  LicenceBadge,
  MaintenanceBadge,
  OriginBadge,
  PLATFORM_NAMES,
} from "~/components/catalogue-parts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FilterSelect } from "~/components/forms";
import {
  CATALOGUE_FILTER_KEYS,
  CATALOGUE_SORTS,
  CatalogueParamsSchema,
  CONFORMANCES,
  MAINTENANCE_FILTERS,
  OWNER_KINDS,
  SOLUTION_KINDS,
  SOLUTION_ORIGINS,
} from "~/domain/catalogue-params";
import { DEVELOPMENT_STATUSES, NATIONAL_PLATFORMS, PNRR_MEASURES, SOFTWARE_TYPES } from "~/domain/publiccode/constants";
import { parseTableParams } from "~/domain/table-params";
import { catalogueFacets, searchSolutions } from "~/models/catalogue.server";
import { badRequest } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireCapability(request, "catalogue:read:phase2");
  const parsed = parseTableParams(CatalogueParamsSchema, new URL(request.url).searchParams);
  if (!parsed.ok) badRequest(parsed.errors);
  const [result, facets] = await Promise.all([searchSolutions({ query: parsed.value }), catalogueFacets()]);
  return { ...result, facets, params: parsed.value, canImport: can(user.roles, "catalogue:manage:phase2") };
}

const withCount = (options: { value: string; count: number }[], label = (v: string) => v) =>
  options.map((o) => ({ value: o.value, label: `${label(o.value)} (${o.count})` }));

export default function CataloguePage() {
  const { rows, total, pages, facets, params, canImport } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const active = CATALOGUE_FILTER_KEYS.filter((k) => params[k] !== undefined).length;
  const all = t("catalogue.filters.any");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("catalogue.list.title")}</h1>
        <p className="mt-1 text-slate-700">{t("catalogue.list.intro")}</p>
        {canImport ? (
          <p className="mt-2">
            <Link to="/catalogo/importa" className="font-semibold text-brand-700 underline" data-testid="import-link">
              {t("catalogueImport.title")}
            </Link>
          </p>
        ) : null}
      </div>

      <Form method="get" role="search" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">
            {t("catalogue.filters.q")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={params.q ?? ""}
            maxLength={200}
            aria-describedby="q-hint"
            className="mt-1 block w-full max-w-xl rounded border border-slate-400 px-3 py-2"
          />
          <p id="q-hint" className="mt-1 text-sm text-slate-700">
            {t("catalogue.filters.qHint")}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect
            id="tipo"
            name="tipo"
            label={t("catalogue.filters.kind")}
            value={params.tipo}
            allLabel={all}
            options={SOLUTION_KINDS.map((k) => ({ value: k, label: t(`catalogue.kind.${k}`) }))}
          />
          <FilterSelect
            id="origine"
            name="origine"
            label={t("catalogue.filters.origin")}
            value={params.origine}
            allLabel={all}
            options={SOLUTION_ORIGINS.map((k) => ({ value: k, label: t(`catalogue.origin.${k}`) }))}
          />
          <FilterSelect
            id="categoria"
            name="categoria"
            label={t("catalogue.filters.category")}
            value={params.categoria}
            allLabel={all}
            options={withCount(facets.categories)}
          />
          <FilterSelect
            id="ambito"
            name="ambito"
            label={t("catalogue.filters.scope")}
            value={params.ambito}
            allLabel={all}
            options={withCount(facets.scopes)}
          />
          <FilterSelect
            id="stato"
            name="stato"
            label={t("catalogue.filters.status")}
            value={params.stato}
            allLabel={all}
            options={DEVELOPMENT_STATUSES.map((s) => ({ value: s, label: t(`catalogue.status.${s}`) }))}
          />
          <FilterSelect
            id="tipoSoftware"
            name="tipoSoftware"
            label={t("catalogue.filters.softwareType")}
            value={params.tipoSoftware}
            allLabel={all}
            options={SOFTWARE_TYPES.map((s) => ({ value: s, label: s }))}
          />
          <FilterSelect
            id="piattaforma"
            name="piattaforma"
            label={t("catalogue.filters.platform")}
            value={params.piattaforma}
            allLabel={all}
            options={NATIONAL_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_NAMES[p] }))}
          />
          <FilterSelect
            id="misura"
            name="misura"
            label={t("catalogue.filters.pnrr")}
            value={params.misura}
            allLabel={all}
            options={Object.entries(PNRR_MEASURES).map(([k, title]) => ({ value: k, label: `${k} — ${title}` }))}
          />
          <FilterSelect
            id="ente"
            name="ente"
            label={t("catalogue.filters.owner")}
            value={params.ente}
            allLabel={all}
            options={OWNER_KINDS.map((k) => ({ value: k, label: t(`catalogue.owner.${k}`) }))}
          />
          <FilterSelect
            id="manutenzione"
            name="manutenzione"
            label={t("catalogue.filters.maintenance")}
            value={params.manutenzione}
            allLabel={all}
            options={MAINTENANCE_FILTERS.map((k) => ({ value: k, label: t(`catalogue.maintenance.${k}`) }))}
          />
          <FilterSelect
            id="licenza"
            name="licenza"
            label={t("catalogue.filters.licence")}
            value={params.licenza}
            allLabel={all}
            options={withCount(facets.licences)}
          />
          <FilterSelect
            id="osi"
            name="osi"
            label={t("catalogue.filters.osi")}
            value={params.osi}
            allLabel={all}
            options={[
              { value: "si", label: t("common.yes") },
              { value: "no", label: t("common.no") },
            ]}
          />
          <FilterSelect
            id="lingua"
            name="lingua"
            label={t("catalogue.filters.language")}
            value={params.lingua}
            allLabel={all}
            options={withCount(facets.languages)}
          />
          <FilterSelect
            id="conformita"
            name="conformita"
            label={t("catalogue.filters.conformance")}
            value={params.conformita}
            allLabel={all}
            options={CONFORMANCES.map((k) => ({ value: k, label: t(`catalogue.conformance.${k}`) }))}
          />
          <div className="flex items-center gap-2 py-2">
            <input
              id="comuni"
              name="comuni"
              type="checkbox"
              value="si"
              defaultChecked={params.comuni === "si"}
              className="h-4 w-4"
            />
            <label htmlFor="comuni" className="text-sm font-semibold">
              {t("catalogue.filters.usedByComuni")}
            </label>
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="sort" className="block text-sm font-semibold">
              {t("catalogue.sort.label")}
            </label>
            <select
              id="sort"
              name="sort"
              defaultValue={params.sort}
              className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
            >
              {CATALOGUE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`catalogue.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="dir" className="block text-sm font-semibold">
              {t("catalogue.sort.dir")}
            </label>
            <select
              id="dir"
              name="dir"
              defaultValue={params.dir}
              className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
            >
              <option value="asc">{t("catalogue.sort.asc")}</option>
              <option value="desc">{t("catalogue.sort.desc")}</option>
            </select>
          </div>
          <button type="submit" className={buttonClass}>
            {t("common.filter")}
          </button>
          <Link to="/catalogo" className="py-2 text-sm underline">
            {t("common.reset")}
          </Link>
        </div>
      </Form>

      <section aria-labelledby="results-title" className="space-y-3">
        <h2 id="results-title" className="text-xl font-semibold" data-testid="catalogue-count">
          {t("catalogue.list.count", { count: total })}
          {active > 0 ? ` · ${t("catalogue.list.activeFilters", { count: active })}` : ""}
        </h2>
        {rows.length === 0 ? (
          <div className="rounded-lg bg-white p-6 text-slate-800 shadow-sm" data-testid="catalogue-empty">
            <p>{total === 0 ? t("catalogue.list.empty") : t("catalogue.list.pastEnd")}</p>
            <p className="mt-2">
              <Link to={total === 0 ? "/catalogo" : pageLink(1)} className="text-brand-700 underline">
                {total === 0 ? t("common.reset") : t("catalogue.list.firstPage")}
              </Link>
            </p>
          </div>
        ) : (
          <ul className="space-y-3" data-testid="catalogue-results">
            {rows.map((s) => (
              <li key={s.id} className="rounded-lg bg-white p-4 shadow-sm" data-testid={`solution-${s.id}`}>
                <h3 className="text-lg font-semibold">
                  <Link to={`/catalogo/${s.id}`} className="text-brand-700 underline">
                    {s.localisedName ?? s.name}
                  </Link>
                  {s.localisedName && s.localisedName !== s.name ? (
                    <span className="ml-2 text-sm font-normal text-slate-700">({s.name})</span>
                  ) : null}
                </h3>
                {s.ownerName ? <p className="text-sm text-slate-700">{s.ownerName}</p> : null}
                {s.description ? (
                  <p className="mt-1" lang={s.descriptionLang ?? undefined}>
                    {s.description}
                  </p>
                ) : null}
                <p className="mt-2 flex flex-wrap gap-2">
                  <KindBadge kind={s.kind} />
                  <OriginBadge origin={s.origin} />
                  <LicenceBadge licence={s.license} osi={s.licenseOsi} />
                  <MaintenanceBadge maintenance={s.maintenance} />
                  <ConformanceBadge conformance={s.conformance} />
                </p>
                <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
                  {s.nationalPlatforms.length > 0 ? (
                    <div>
                      <dt className="inline font-semibold">{t("catalogue.fields.platforms")}: </dt>
                      <dd className="inline">{s.nationalPlatforms.map((p) => PLATFORM_NAMES[p]).join(", ")}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt className="inline font-semibold">{t("catalogue.fields.usedBy")}: </dt>
                    <dd className="inline">{s.usedByCount}</dd>
                  </div>
                  {s.releaseDate ? (
                    <div>
                      <dt className="inline font-semibold">{t("catalogue.fields.releaseDate")}: </dt>
                      <dd className="inline">{s.releaseDate}</dd>
                    </div>
                  ) : null}
                  {s.vitality !== null ? (
                    <div>
                      <dt className="inline font-semibold">{t("catalogue.fields.vitality")}: </dt>
                      <dd className="inline">{s.vitality}</dd>
                    </div>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t("catalogue.list.paging")} className="flex flex-wrap items-center gap-3 text-sm">
            {params.page > 1 ? (
              <Link to={pageLink(params.page - 1)} className="underline" rel="prev">
                {t("catalogue.list.previous")}
              </Link>
            ) : null}
            <span aria-current="page">{t("catalogue.list.pageOf", { page: params.page, pages })}</span>
            {params.page < pages ? (
              <Link to={pageLink(params.page + 1)} className="underline" rel="next">
                {t("catalogue.list.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Catalogo del riuso — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

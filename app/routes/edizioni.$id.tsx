import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition } = await requireEdition(request, params.id);
  return {
    id: edition.id,
    code: edition.code,
    title: edition.title,
    module: edition.module.title,
    phase: edition.phase?.title ?? null,
    area: edition.area.name,
    startsOn: edition.startsOn.toISOString(),
    endsOn: edition.endsOn.toISOString(),
    trainers: edition.trainers.map((t) => `${t.user.person.firstName} ${t.user.person.lastName}`),
  };
}

/** The edition's frame: title, period, trainers and the section tabs. */
export default function EditionLayout() {
  const e = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const tabs = [
    { to: ".", label: t("edition.tabs.roster"), end: true },
    { to: "matrice", label: t("edition.tabs.matrix") },
    { to: "incontri", label: t("edition.tabs.sessions") },
    { to: "consegne", label: t("edition.tabs.grading") },
  ];
  return (
    <div className="space-y-4">
      <Breadcrumb trail={[{ to: "/edizioni", label: t("edition.back") }]} current={e.code} />
      <header>
        <h1 className="text-2xl font-bold">
          {e.module}
          {e.phase ? ` — ${e.phase}` : ""}
        </h1>
        <p className="text-slate-700">
          {e.code} · {e.area} ·{" "}
          {t("edition.period", {
            from: formatDate(e.startsOn, i18n.language),
            to: formatDate(e.endsOn, i18n.language),
          })}
        </p>
        <p className="text-sm text-slate-700">{t("edition.trainers", { names: e.trainers.join(", ") })}</p>
      </header>
      <nav aria-label={t("edition.tabs.label")} className="border-b border-slate-300">
        <ul className="flex flex-wrap gap-1">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  `-mb-px block border-b-2 px-3 py-2 text-sm font-semibold ${isActive ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:text-brand-700"}`
                }
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.code ?? "Edizione"} — Capacitas` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

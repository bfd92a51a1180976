import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FigureTable } from "~/components/ui/figure-table";
import { getDashboard } from "~/models/dashboard.server";
import { areaFilter, requireCapability } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "report:read:area");
  return getDashboard(areaFilter(user)?.in ?? null);
}

export default function CoordinatorHome() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const tiles = [
    { label: t("coordinator.participants"), value: d.participants, id: "participants" },
    { label: t("coordinator.bodies"), value: d.bodies, id: "bodies" },
    { label: t("coordinator.editions"), value: d.editions, id: "editions" },
    { label: t("coordinator.certificates"), value: d.certificates, id: "certificates" },
  ];
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("coordinator.title")}</h1>
        <p className="text-slate-700">{t("coordinator.areas", { areas: d.areas.join(", ") || "—" })}</p>
      </header>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((tile) => (
          <div key={tile.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-700">{tile.label}</dt>
            <dd className="text-3xl font-bold" data-testid={`tile-${tile.id}`}>
              {tile.value}
            </dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="by-module">
        <h2 id="by-module" className="text-xl font-semibold">
          {t("coordinator.byModule")}
        </h2>
        <div className="mt-3">
          <FigureTable
            caption={t("coordinator.byModule")}
            columns={[
              { label: t("trainer.module") },
              { label: t("coordinator.enrolled"), numeric: true },
              { label: t("coordinator.inProgress"), numeric: true },
              { label: t("coordinator.completedCol"), numeric: true },
            ]}
            rows={d.byModule.map((m) => ({ key: m.id, cells: [m.title, m.enrolled, m.inProgress, m.completed] }))}
          />
        </div>
      </section>

      <section aria-labelledby="by-position">
        <h2 id="by-position" className="text-xl font-semibold">
          {t("coordinator.byPosition")}
        </h2>
        <div className="mt-3">
          <FigureTable
            caption={t("coordinator.byPosition")}
            columns={[
              { label: t("coordinator.position") },
              { label: t("coordinator.women"), numeric: true },
              { label: t("coordinator.men"), numeric: true },
              { label: t("coordinator.other"), numeric: true },
              { label: t("coordinator.total"), numeric: true },
            ]}
            rows={d.byPosition.map((r) => ({
              key: r.position,
              cells: [t(`people.positions.${r.position}`), r.women, r.men, r.other, r.total],
            }))}
          />
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Cruscotto — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

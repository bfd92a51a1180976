import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
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
        <div className="mt-3 overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("trainer.module")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.enrolled")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.inProgress")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.completedCol")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.byModule.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{m.title}</th>
                  <td className="px-3 py-2 text-right">{m.enrolled}</td>
                  <td className="px-3 py-2 text-right">{m.inProgress}</td>
                  <td className="px-3 py-2 text-right">{m.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="by-position">
        <h2 id="by-position" className="text-xl font-semibold">
          {t("coordinator.byPosition")}
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("coordinator.position")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.women")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.men")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.other")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("coordinator.total")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.byPosition.map((r) => (
                <tr key={r.position}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{t(`people.positions.${r.position}`)}</th>
                  <td className="px-3 py-2 text-right">{r.women}</td>
                  <td className="px-3 py-2 text-right">{r.men}</td>
                  <td className="px-3 py-2 text-right">{r.other}</td>
                  <td className="px-3 py-2 text-right">{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Cruscotto — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

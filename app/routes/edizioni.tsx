import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listTrainerEditions } from "~/models/edition.server";
import { requireCapability } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "edition:read:edition");
  return { editions: await listTrainerEditions(user.id) };
}

export default function TrainerHome() {
  const { editions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("trainer.title")}</h1>
      {editions.length === 0 ? (
        <p className="mt-4">{t("trainer.noEditions")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="editions-table">
            <caption className="sr-only">{t("trainer.title")}</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("trainer.edition")}</th>
                <th scope="col" className="px-3 py-2">{t("trainer.module")}</th>
                <th scope="col" className="px-3 py-2">{t("trainer.dates")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("trainer.enrolled")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("trainer.sessions")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("trainer.completed")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {editions.map((e) => (
                <tr key={e.id}>
                  <th scope="row" className="px-3 py-2 text-left font-semibold">
                    {e.code}
                    <span className="block font-normal text-slate-600">{e.area}</span>
                  </th>
                  <td className="px-3 py-2">
                    {e.module}
                    {e.phase ? <span className="block text-slate-600">{e.phase}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    {formatDate(e.startsOn, i18n.language)} – {formatDate(e.endsOn, i18n.language)}
                  </td>
                  <td className="px-3 py-2 text-right">{e.enrolled}</td>
                  <td className="px-3 py-2 text-right">
                    {e.sessionsHeld} / {e.sessionsPlanned}
                  </td>
                  <td className="px-3 py-2 text-right">{e.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Le mie edizioni — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

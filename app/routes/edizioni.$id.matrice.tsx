import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getMatrix } from "~/models/trainer.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition } = await requireEdition(request, params.id);
  return getMatrix({ edition });
}

export default function MatrixPage() {
  const m = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="matrix-title" className="space-y-2">
      <h2 id="matrix-title" className="text-xl font-semibold">
        {t("edition.matrix.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("edition.matrix.legend")}</p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="text-sm" data-testid="matrix">
          <caption className="sr-only">{t("edition.matrix.title")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="sticky left-0 bg-slate-100 px-3 py-2 text-left">
                {t("edition.roster.name")}
              </th>
              {m.units.map((u, i) => (
                <th key={u.id} scope="col" className="px-1 py-2 text-center font-semibold" title={u.title}>
                  <abbr title={`${u.title} (${t(`learner.kinds.${u.kind}`)})`} className="no-underline">
                    {i + 1}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {m.rows.map((r) => (
              <tr key={r.personId}>
                <th scope="row" className="sticky left-0 bg-white px-3 py-1 text-left font-medium">
                  <Link to={`../partecipanti/${r.personId}`} relative="path" className="text-brand-700 underline">
                    {r.name}
                  </Link>
                </th>
                {r.cells.map((c, i) => (
                  <td
                    key={m.units[i].id}
                    className={`px-1 py-1 text-center ${c === "COMPLETED" || c === "PASSED" ? "text-brand-700" : c === "FAILED" ? "text-red-700" : ""}`}
                  >
                    {c ? (
                      <span aria-label={t(`unitPage.statuses.${c}`)}>{t(`edition.matrix.symbols.${c}`)}</span>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="mt-3 list-decimal pl-6 text-sm text-slate-700">
        {m.units.map((u) => (
          <li key={u.id}>
            {u.title} ({t(`learner.kinds.${u.kind}`)})
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

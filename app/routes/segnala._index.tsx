import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReceiptCodeForm } from "~/components/citizen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listCitizenComuni } from "~/models/citizen-public.server";

// Public page (no account): the citizen chooses their comune (spec PHASE2 §5.2).
export async function loader() {
  return { areas: await listCitizenComuni() };
}

export default function CitizenHome() {
  const { areas } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("citizen.home.title")}</h1>
        <p>{t("citizen.home.intro")}</p>
      </div>

      <section aria-labelledby="choose-title" className="space-y-4">
        <h2 id="choose-title" className="text-xl font-semibold">
          {t("citizen.home.choose")}
        </h2>
        {areas.length === 0 ? <p>{t("citizen.home.noComuni")}</p> : null}
        {areas.map((area, i) => (
          <section key={area.name} aria-labelledby={`area-${i}`} className="space-y-2">
            <h3 id={`area-${i}`} className="font-semibold">
              {area.name}
            </h3>
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="comuni">
              {area.comuni.map((c) => (
                <li key={c.istatCode}>
                  <Link
                    to={`/segnala/${c.istatCode}`}
                    className="block rounded border border-slate-300 bg-white px-3 py-2 font-medium text-brand-700 underline hover:bg-brand-50"
                  >
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="how-title" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="how-title" className="text-lg font-semibold">
          {t("citizen.home.howTitle")}
        </h2>
        <ol className="list-decimal space-y-1 pl-6">
          <li>{t("citizen.home.howModeration")}</li>
          <li>{t("citizen.home.howReceipt")}</li>
          <li>{t("citizen.home.howPrivacy")}</li>
        </ol>
      </section>

      <ReceiptCodeForm />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Segnala un bisogno — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/access/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function MyDataPage() {
  const { t } = useTranslation();
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("myData.title")}</h1>
      <p>{t("myData.intro")}</p>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          <a href="/i-miei-dati/json" className="text-brand-700 underline" data-testid="my-data-json">
            {t("myData.json")}
          </a>
        </li>
        <li>
          <a href="/i-miei-dati/csv" className="text-brand-700 underline" data-testid="my-data-csv">
            {t("myData.csv")}
          </a>
        </li>
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "I miei dati — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReceiptCodeForm } from "~/components/citizen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { normaliseReceiptCode } from "~/domain/citizen-request";

// Public page (no account): a receipt code typed here, however spaced or cased, goes to its status page.
export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("codice");
  if (raw === null) return { error: null, typed: "" };
  const code = normaliseReceiptCode(raw.slice(0, 100));
  if (code) throw redirect(`/segnala/stato/${code}`);
  return {
    error: raw.trim()
      ? "Il codice è formato da 10 lettere e cifre: controlla di averlo copiato per intero."
      : "Scrivi il codice che hai ricevuto dopo l'invio della richiesta.",
    typed: raw.slice(0, 30),
  };
}

export default function ReceiptLookup() {
  const { error, typed } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <ReceiptCodeForm headingLevel={1} error={error} defaultValue={typed} />
      <p>
        <Link to="/segnala" className="font-semibold text-brand-700 underline">
          {t("citizen.home.title")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Stato di una richiesta — Capacitas" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

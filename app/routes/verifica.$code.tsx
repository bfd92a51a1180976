import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseCertificateCode } from "~/domain/certificate-code";
import { verifyCertificate } from "~/models/certificate.server";
import { formatDate, formatHours } from "~/utils/format";
import { notFound } from "~/utils/http.server";

// Public page (no login), opened by the QR code of the certificate.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = parseCertificateCode(params.code) ?? notFound();
  return (await verifyCertificate(code)) ?? notFound();
}

export default function VerifyResult() {
  const c = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      <p
        role="status"
        data-testid="verify-status"
        className={`rounded border p-3 text-lg font-semibold ${c.revoked ? "border-red-700 bg-red-50 text-red-800" : "border-brand-600 bg-brand-50 text-brand-800"}`}
      >
        {c.revoked ? t("verify.revoked") : t("verify.valid")}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg bg-white p-4 shadow-sm">
        <dt className="font-semibold">{t("verify.code")}</dt>
        <dd className="font-mono">{c.code}</dd>
        <dt className="font-semibold">{t("verify.name")}</dt>
        <dd data-testid="verify-name">{c.name}</dd>
        <dt className="font-semibold">{t("verify.module")}</dt>
        <dd>{c.module}</dd>
        <dt className="font-semibold">{t("verify.hours")}</dt>
        <dd>{formatHours(c.minutes, i18n.language)}</dd>
        <dt className="font-semibold">{t("verify.date")}</dt>
        <dd>{formatDate(c.issuedAt, i18n.language)}</dd>
      </dl>
      <p>
        <Link to="/verifica" className="underline">
          {t("verify.submit")}: {t("verify.code").toLowerCase()}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Verifica attestato — Capacitas" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="mx-auto max-w-xl">
            <NotFoundMessage />
          </div>
        ),
      }}
    />
  );
}

function NotFoundMessage() {
  const { t } = useTranslation();
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      <p role="alert" className="rounded border border-red-700 bg-red-50 p-3">
        {t("verify.notFound")}
      </p>
      <p>
        <Link to="/verifica" className="underline">
          {t("verify.submit")}
        </Link>
      </p>
    </div>
  );
}

import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReceiptCodeForm } from "~/components/citizen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { normaliseReceiptCode } from "~/domain/citizen-request";
import { addWorkingDays } from "~/domain/working-days";
import { requestStatusByCode } from "~/models/citizen-request.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { instantToZoned } from "~/utils/time";

/** Spec PHASE2 §5.2: a request waiting for a moderator is moderated within 10 working days. */
const MODERATION_WORKING_DAYS = 10;

// Public page (no account): the receipt and status of a citizen's request. It never shows
// what the citizen wrote nor their e-mail: only the state and, once published, the summary.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = normaliseReceiptCode(params.code?.slice(0, 100)) ?? notFound("Codice non valido.");
  const url = new URL(request.url);
  // A code written another way (lower case, dashes, O for 0) has one address.
  if (code !== params.code) throw redirect(`/segnala/stato/${code}${url.search}`);
  const r = (await requestStatusByCode(code)) ?? notFound("Nessuna richiesta con questo codice.");
  // Spam is "not published" to its sender, like any other refusal without a reason.
  const state = r.needTitle ? "IN_NEED" : r.state === "SPAM" ? "REJECTED" : r.state;
  return {
    code,
    isNew: url.searchParams.get("nuova") === "1",
    comune: r.comune,
    istatCode: r.istatCode,
    receivedAt: r.receivedAt,
    state,
    rejectReason: r.rejectReason,
    needTitle: r.needTitle,
    summary: r.summary,
    moderationBy:
      state === "RECEIVED" ? addWorkingDays(instantToZoned(r.receivedAt).date, MODERATION_WORKING_DAYS) : null,
  };
}

const MARK: Record<string, string> = { RECEIVED: "⏳", APPROVED: "✓", REJECTED: "✕", MERGED: "⇄", IN_NEED: "★" };

export default function ReceiptStatus() {
  const r = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const status =
    r.state === "REJECTED"
      ? r.rejectReason
        ? t("citizen.status.REJECTED_REASON", { reason: t(`citizen.rejectReasons.${r.rejectReason}`) })
        : t("citizen.status.REJECTED")
      : t(`citizen.status.${r.state}`, { need: r.needTitle });
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <nav aria-label={t("citizen.breadcrumb")} className="text-sm">
        <Link to="/segnala" className="underline">
          {t("citizen.home.title")}
        </Link>{" "}
        › <span aria-current="page">{t("citizen.receipt.statusTitle")}</span>
      </nav>
      <h1 className="text-2xl font-bold">
        {r.isNew ? t("citizen.receipt.newTitle") : t("citizen.receipt.statusTitle")}
      </h1>
      {r.isNew ? (
        <div role="status" className="rounded border border-brand-600 bg-brand-50 p-4" data-testid="receipt-new">
          <p className="font-semibold">{t("citizen.receipt.thanks", { comune: r.comune })}</p>
          <p className="mt-1">{t("citizen.receipt.keep")}</p>
        </div>
      ) : null}
      <section aria-labelledby="code-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="code-title" className="text-sm font-semibold text-slate-700">
          {t("citizen.receipt.code")}
        </h2>
        <p
          className="mt-1 select-all break-all font-mono text-3xl font-bold tracking-[0.15em] sm:text-4xl"
          data-testid="receipt-code"
        >
          {r.code}
        </p>
        <p className="mt-2 text-sm text-slate-700">{t("citizen.receipt.codeHint")}</p>
      </section>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("citizen.receipt.comune")}</dt>
        <dd className="mb-2 sm:mb-0">{r.comune}</dd>
        <dt className="font-semibold">{t("citizen.receipt.receivedAt")}</dt>
        <dd className="mb-2 sm:mb-0">{formatDate(r.receivedAt, i18n.language)}</dd>
        <dt className="font-semibold">{t("citizen.receipt.status")}</dt>
        <dd data-testid="receipt-status" data-state={r.state} className="font-semibold">
          <span aria-hidden="true">{MARK[r.state]} </span>
          {status}
        </dd>
      </dl>
      {r.moderationBy ? (
        <p data-testid="moderation-target">
          {t("citizen.receipt.target", {
            days: MODERATION_WORKING_DAYS,
            date: formatDate(`${r.moderationBy}T12:00:00Z`, i18n.language),
          })}
        </p>
      ) : null}
      {r.summary ? (
        <section aria-labelledby="summary-title" className="space-y-1">
          <h2 id="summary-title" className="text-lg font-semibold">
            {t("citizen.receipt.summary")}
          </h2>
          <blockquote className="border-l-4 border-brand-100 bg-white p-3" data-testid="receipt-summary">
            {r.summary}
          </blockquote>
        </section>
      ) : null}
      {r.istatCode ? (
        <p>
          <Link to={`/segnala/${r.istatCode}/richieste`} className="font-semibold text-brand-700 underline">
            {t("citizen.form.publishedLink", { comune: r.comune })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Stato della richiesta — Capacitas" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => <ReceiptNotFound />,
      }}
    />
  );
}

function ReceiptNotFound() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm font-semibold text-slate-600">404</p>
      <h1 className="text-2xl font-bold">{t("citizen.notFound.receiptTitle")}</h1>
      <p role="alert" className="rounded border border-red-700 bg-red-50 p-3">
        {t("citizen.notFound.receiptText")}
      </p>
      <ReceiptCodeForm />
    </div>
  );
}

import { isRouteErrorResponse, Link, useParams, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RootLoaderData } from "~/root";

type RouteErrorResponse = { status: number; statusText: string; data: unknown };
type StatusHandler = (info: {
  error: RouteErrorResponse;
  params: Record<string, string | undefined>;
}) => React.ReactNode;

const KNOWN = new Set([400, 403, 404, 405]);

/**
 * The one error page (Epic Stack's shape): a route may pass its own rendering for a status
 * (`statusHandlers={{ 404: () => … }}`); everything else gets the default page — 4xx in the
 * user's language, 500 with a reference id and never a stack.
 */
export function GeneralErrorBoundary({
  statusHandlers,
  defaultStatusHandler = ({ error }) => <DefaultErrorPage status={error.status} data={error.data} />,
}: {
  statusHandlers?: Record<number, StatusHandler>;
  defaultStatusHandler?: StatusHandler;
}) {
  const error = useRouteError();
  const params = useParams();
  if (!isRouteErrorResponse(error)) return <DefaultErrorPage status={500} data={null} />;
  const handler = statusHandlers?.[error.status] ?? defaultStatusHandler;
  return <>{handler({ error, params })}</>;
}

function DefaultErrorPage({ status, data }: { status: number; data: unknown }) {
  const root = useRouteLoaderData("root") as RootLoaderData | undefined;
  const { t } = useTranslation();
  // A 400 thrown with `badRequest(errors)` lists what was wrong with each parameter.
  const details =
    data && typeof data === "object" && "errors" in data
      ? Object.entries(data.errors as Record<string, string[]>).map(
          ([field, messages]) => `${field}: ${messages.join(" ")}`,
        )
      : [];
  // A 400's Italian message (e.g. from `readForm`) says what was wrong with the request.
  const message =
    status === 400 && data && typeof data === "object" && "message" in data && typeof data.message === "string"
      ? data.message
      : null;
  const key = KNOWN.has(status) ? String(status) : status >= 500 ? "500" : "generic";
  return (
    <section aria-labelledby="error-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold text-slate-600">{status}</p>
      <h1 id="error-title" className="mt-1 text-2xl font-bold">
        {t(`errors.${key}.title`)}
      </h1>
      <p className="mt-3">{t(`errors.${key}.text`)}</p>
      {message ? (
        <p className="mt-2" data-testid="error-message">
          {message}
        </p>
      ) : null}
      {details.length > 0 ? (
        <ul className="mt-3 list-disc pl-6 text-red-800" data-testid="error-details">
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
      {key === "500" && root?.requestId ? (
        <p className="mt-2 font-mono text-sm" data-testid="error-reference">
          {root.requestId}
        </p>
      ) : null}
      <p className="mt-6">
        <Link to="/" className="font-semibold text-brand-700 underline">
          {t("errors.home")}
        </Link>
      </p>
    </section>
  );
}

import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RootLoaderData } from "~/root";

const KNOWN = new Set([400, 403, 404]);

/** The one error page: 400/403/404 in the user's language, 500 with a reference id. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData("root") as RootLoaderData | undefined;
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 400 thrown with `data({ errors })` lists what was wrong with each parameter.
  const details =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "errors" in error.data
      ? Object.entries(error.data.errors as Record<string, string[]>).map(
          ([field, messages]) => `${field}: ${messages.join(" ")}`,
        )
      : [];
  const key = KNOWN.has(status) ? String(status) : status >= 500 ? "500" : "generic";
  return (
    <section aria-labelledby="error-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold text-slate-600">{status}</p>
      <h1 id="error-title" className="mt-1 text-2xl font-bold">
        {t(`errors.${key}.title`)}
      </h1>
      <p className="mt-3">{t(`errors.${key}.text`)}</p>
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

/** Pieces of the citizens' public pages (/segnala): the receipt-code form, not-found pages. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass, ErrorList } from "~/components/forms";
import { PROGRAMME_TZ } from "~/utils/time";

/** "Novembre 2026": the public list says when, not the day (people are recognisable). */
export function formatMonth(iso: string | Date, locale: string) {
  const text = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: PROGRAMME_TZ }).format(
    new Date(iso),
  );
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The form that opens the status page of a receipt code (GET, works without JavaScript). */
export function ReceiptCodeForm({
  error,
  defaultValue,
  headingLevel = 2,
}: {
  error?: string | null;
  defaultValue?: string;
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby="receipt-form-title" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <Heading id="receipt-form-title" className={headingLevel === 1 ? "text-2xl font-bold" : "text-lg font-semibold"}>
        {t("citizen.code.title")}
      </Heading>
      <p id="codice-hint" className="text-sm text-slate-700">
        {t("citizen.code.hint")}
      </p>
      <Form method="get" action="/segnala/stato" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="codice" className="block font-semibold">
            {t("citizen.code.label")}
          </label>
          <input
            id="codice"
            name="codice"
            defaultValue={defaultValue}
            maxLength={30}
            required
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "codice-hint codice-error" : "codice-hint"}
            className="mt-1 w-56 max-w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono uppercase"
          />
        </div>
        <button type="submit" className={buttonClass}>
          {t("citizen.code.submit")}
        </button>
      </Form>
      <ErrorList id="codice-error" errors={error ? [error] : []} />
    </section>
  );
}

/** The 404 of a comune that takes no requests (or an ISTAT code that is none). */
export function ComuneNotFound() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm font-semibold text-slate-600">404</p>
      <h1 className="text-2xl font-bold">{t("citizen.notFound.comuneTitle")}</h1>
      <p>{t("citizen.notFound.comuneText")}</p>
      <p>
        <Link to="/segnala" className="font-semibold text-brand-700 underline">
          {t("citizen.notFound.chooseComune")}
        </Link>
      </p>
    </div>
  );
}

import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList } from "~/components/forms";
import { VerifyCodeSchema } from "~/domain/learning-schema";

// Public page (no login): a code typed here goes to /verifica/:code.
export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("codice");
  if (raw === null) return { error: null };
  const parsed = VerifyCodeSchema.safeParse({ codice: raw });
  if (parsed.success) throw redirect(`/verifica/${parsed.data.codice}`);
  return { error: parsed.error.issues[0]?.message ?? "Codice non valido." };
}

export default function VerifyForm() {
  const { error } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return <VerifyCodeForm error={error} intro={t("verify.intro")} />;
}

/** The code form, also shown under a result. */
export function VerifyCodeForm({ error, intro }: { error: string | null; intro?: string }) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      {intro ? <p className="mt-2">{intro}</p> : null}
      <Form method="get" action="/verifica" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="codice" className="block font-semibold">
            {t("verify.code")}
          </label>
          <input
            id="codice"
            name="codice"
            maxLength={20}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "codice-error" : undefined}
            className="mt-1 rounded border border-slate-400 px-3 py-2 font-mono uppercase"
          />
        </div>
        <button type="submit" className={buttonClass}>
          {t("verify.submit")}
        </button>
      </Form>
      <ErrorList id="codice-error" errors={error ? [error] : []} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Verifica attestato — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

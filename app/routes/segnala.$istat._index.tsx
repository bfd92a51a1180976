import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ComuneNotFound } from "~/components/citizen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, Field, SelectField } from "~/components/forms";
import { AGE_BANDS, CitizenRequestSchema, TEXT_MAX, TEXT_MIN, TOPICS } from "~/domain/citizen-request";
import { submitCitizenRequest } from "~/models/citizen-request.server";
import { formatTime } from "~/utils/format";
import { clientIp, notFound } from "~/utils/http.server";
import { formFillMs, formStartToken } from "~/utils/signing.server";
import { readSmallForm } from "~/utils/small-form.server";
import { requireCitizenComune } from "./segnala.comune.server";

/** The longest body the form can honestly make (2000 characters, percent-encoded), with room. */
const MAX_BODY_BYTES = 64 * 1024;

// Public form (no account, no JavaScript needed): spec PHASE2 §5.2.
export async function loader({ params }: LoaderFunctionArgs) {
  const comune = await requireCitizenComune(params.istat);
  // When the page was served, signed: a form sent sooner than a person can fill it is a robot's.
  return { comune: { name: comune.name, istatCode: comune.istatCode }, startedAt: formStartToken(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const comune = await requireCitizenComune(params.istat);
  const formData = await readSmallForm(request, MAX_BODY_BYTES);
  const submission = parseWithZod(formData, { schema: CitizenRequestSchema });
  // A genuine start time survives a refusal, so the time spent correcting counts as filling.
  const token = formData.get("startedAt");
  const startedAt = typeof token === "string" && formFillMs(token, new Date()) !== null ? token : null;
  if (submission.status !== "success") return data({ result: submission.reply(), startedAt }, { status: 400 });
  const outcome = await submitCitizenRequest({
    organisationId: comune.id,
    input: submission.value,
    clientIp: clientIp(request),
  });
  if (!outcome) notFound("Comune non trovato.");
  if (outcome.ok) return redirect(`/segnala/stato/${outcome.receiptCode}?nuova=1`);
  if (outcome.reason === "too-fast") {
    return data({ result: submission.reply({ formErrors: [outcome.message] }), startedAt }, { status: 400 });
  }
  throw data(
    {
      message: outcome.message,
      retryAfterSeconds: outcome.retryAfterSeconds,
      retryAt: new Date(Date.now() + outcome.retryAfterSeconds * 1000).toISOString(),
    },
    { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
  );
}

/** The 429 page carries its Retry-After (Remix keeps a thrown answer's headers only through here). */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const FIELD_ORDER = ["topic", "text", "currentContact", "ageBand", "contactEmail", "contactConsent", "privacy"];

export default function CitizenRequestForm() {
  const { comune, startedAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "citizen-request",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CitizenRequestSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CitizenRequestSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const fieldErrors = FIELD_ORDER.flatMap((name) => {
    const field = fields[name as keyof typeof fields];
    return field.errors?.length ? [{ id: field.id, label: t(`citizen.form.errorLabel.${name}`) }] : [];
  });
  const ageBand = fields.ageBand.initialValue as string | undefined;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <nav aria-label={t("citizen.breadcrumb")} className="text-sm">
        <Link to="/segnala" className="underline">
          {t("citizen.home.title")}
        </Link>{" "}
        › <span aria-current="page">{comune.name}</span>
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("citizen.form.title", { comune: comune.name })}</h1>
        <p>{t("citizen.form.intro")}</p>
        <p>
          <Link to={`/segnala/${comune.istatCode}/richieste`} className="font-semibold text-brand-700 underline">
            {t("citizen.form.publishedLink", { comune: comune.name })}
          </Link>
        </p>
      </div>

      {fieldErrors.length > 0 ? (
        <div role="alert" className="rounded border-2 border-red-700 bg-red-50 p-4" data-testid="error-summary">
          <h2 className="font-semibold text-red-800">{t("citizen.form.errorSummary")}</h2>
          <ul className="mt-2 list-disc pl-6">
            {fieldErrors.map((e) => (
              <li key={e.id}>
                <a href={`#${e.id}`} className="text-red-800 underline">
                  {e.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <input type="hidden" name="startedAt" value={actionData?.startedAt ?? startedAt} />
        {/* The honeypot: hidden from people and from screen readers, filled only by robots. */}
        <div aria-hidden="true" className="sr-only">
          <label htmlFor="website">{t("citizen.form.honeypot")}</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>

        <SelectField
          label={t("citizen.form.topic")}
          selectProps={getSelectProps(fields.topic)}
          options={[
            { value: "", label: t("citizen.form.topicChoose") },
            ...Object.keys(TOPICS).map((k) => ({ value: k, label: t(`citizen.topics.${k}`) })),
          ]}
          errors={fields.topic.errors}
        />

        <div>
          <label htmlFor={fields.text.id} className="block text-sm font-semibold text-slate-800">
            {t("citizen.form.text")}
          </label>
          <p id={`${fields.text.id}-hint`} className="text-sm text-slate-600">
            {t("citizen.form.textHint", { min: TEXT_MIN, max: TEXT_MAX })}
          </p>
          <textarea
            {...getTextareaProps(fields.text)}
            key={fields.text.key}
            rows={7}
            aria-invalid={fields.text.errors?.length ? true : undefined}
            aria-describedby={[`${fields.text.id}-hint`, fields.text.errors?.length ? fields.text.errorId : null]
              .filter(Boolean)
              .join(" ")}
            className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
          />
          <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
        </div>

        <Field
          label={t("citizen.form.currentContact")}
          hint={t("citizen.form.currentContactHint")}
          inputProps={getInputProps(fields.currentContact, { type: "text" })}
          errors={fields.currentContact.errors}
        />

        <fieldset
          aria-describedby={fields.ageBand.errors?.length ? fields.ageBand.errorId : undefined}
          className="space-y-1"
        >
          <legend className="text-sm font-semibold text-slate-800">{t("citizen.form.ageBand")}</legend>
          <p className="text-sm text-slate-600">{t("citizen.form.ageBandHint")}</p>
          <div className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-4">
            {[
              ["", t("citizen.form.ageBandNone")] as const,
              ...Object.keys(AGE_BANDS).map((k) => [k, t(`citizen.ageBands.${k}`)] as const),
            ].map(([value, label]) => (
              <label key={value || "none"} className="flex items-center gap-2 py-1">
                <input
                  type="radio"
                  id={value ? `${fields.ageBand.id}-${value}` : fields.ageBand.id}
                  name={fields.ageBand.name}
                  value={value}
                  defaultChecked={(ageBand ?? "") === value}
                  className="h-4 w-4"
                />
                {label}
              </label>
            ))}
          </div>
          <ErrorList id={fields.ageBand.errorId} errors={fields.ageBand.errors} />
        </fieldset>

        <fieldset className="space-y-3 rounded border border-slate-300 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-800">{t("citizen.form.contactLegend")}</legend>
          <Field
            label={t("citizen.form.contactEmail")}
            hint={t("citizen.form.contactEmailHint")}
            inputProps={{ ...getInputProps(fields.contactEmail, { type: "email" }), autoComplete: "email" }}
            errors={fields.contactEmail.errors}
          />
          <div>
            <label className="flex items-start gap-2">
              <input
                {...getInputProps(fields.contactConsent, { type: "checkbox" })}
                key={fields.contactConsent.key}
                aria-invalid={fields.contactConsent.errors?.length ? true : undefined}
                aria-describedby={fields.contactConsent.errors?.length ? fields.contactConsent.errorId : undefined}
                className="mt-1 h-4 w-4 shrink-0"
              />
              <span>{t("citizen.form.contactConsent")}</span>
            </label>
            <ErrorList id={fields.contactConsent.errorId} errors={fields.contactConsent.errors} />
          </div>
        </fieldset>

        <section aria-labelledby="privacy-title" className="space-y-2 rounded bg-slate-50 p-3 text-sm">
          <h2 id="privacy-title" className="font-semibold">
            {t("citizen.privacy.title")}
          </h2>
          <p>{t("citizen.privacy.controller", { comune: comune.name })}</p>
          <p>{t("citizen.privacy.purpose")}</p>
          <p>{t("citizen.privacy.data")}</p>
          <p>{t("citizen.privacy.readers")}</p>
          <p>{t("citizen.privacy.retention")}</p>
          <p>{t("citizen.privacy.rights")}</p>
        </section>
        <div>
          <label className="flex items-start gap-2 font-semibold">
            <input
              {...getInputProps(fields.privacy, { type: "checkbox" })}
              key={fields.privacy.key}
              aria-invalid={fields.privacy.errors?.length ? true : undefined}
              aria-describedby={fields.privacy.errors?.length ? fields.privacy.errorId : undefined}
              className="mt-1 h-4 w-4 shrink-0"
            />
            <span>{t("citizen.form.privacy")}</span>
          </label>
          <ErrorList id={fields.privacy.errorId} errors={fields.privacy.errors} />
        </div>

        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>
          {t("citizen.form.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Segnala un bisogno — ${data.comune.name} — Capacitas` : "Segnala un bisogno — Capacitas" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => <ComuneNotFound />,
        413: ({ error }) => <TooLarge data={error.data} />,
        429: ({ error }) => <RateLimited data={error.data} />,
      }}
    />
  );
}

function TooLarge({ data }: { data: unknown }) {
  const { t } = useTranslation();
  const message = data && typeof data === "object" && "message" in data ? String(data.message) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-3">
      <p className="text-sm font-semibold text-slate-600">413</p>
      <h1 className="text-2xl font-bold">{t("citizen.tooLarge.title")}</h1>
      {message ? <p>{message}</p> : null}
      <p>
        <Link to="/segnala" className="font-semibold text-brand-700 underline">
          {t("citizen.notFound.chooseComune")}
        </Link>
      </p>
    </div>
  );
}

function RateLimited({ data }: { data: unknown }) {
  const { t, i18n } = useTranslation();
  const info = (data ?? {}) as { retryAfterSeconds?: number; retryAt?: string };
  const minutes = Math.max(1, Math.ceil((info.retryAfterSeconds ?? 3600) / 60));
  const retryAt = info.retryAt ? formatTime(info.retryAt, i18n.language) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-3" data-testid="rate-limited">
      <p className="text-sm font-semibold text-slate-600">429</p>
      <h1 className="text-2xl font-bold">{t("citizen.rateLimited.title")}</h1>
      <p>{t("citizen.rateLimited.text")}</p>
      <p className="font-semibold">
        {minutes >= 120
          ? t("citizen.rateLimited.retryHours", { hours: Math.ceil(minutes / 60) })
          : t("citizen.rateLimited.retryMinutes", { count: minutes })}
        {retryAt ? ` ${t("citizen.rateLimited.retryAt", { time: retryAt })}` : ""}
      </p>
      <p>{t("citizen.rateLimited.notSaved")}</p>
      <p>
        <Link to="/segnala" className="font-semibold text-brand-700 underline">
          {t("citizen.home.title")}
        </Link>
      </p>
    </div>
  );
}

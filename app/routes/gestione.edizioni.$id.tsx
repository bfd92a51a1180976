import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireManagedEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, SelectField } from "~/components/forms";
import { BULK_POSITIONS, BulkEnrolSchema, EnrolOneSchema, TrainerChangeSchema } from "~/domain/enrolment-schema";
import { getEditionPage } from "~/models/enrolment.server";
import { editionSummary } from "~/models/selects.server";
import { formatDate } from "~/utils/format";
import type { ActionData, Intent } from "./gestione.edizioni.$id.actions.server";

export { action } from "./gestione.edizioni.$id.actions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, edition } = await requireManagedEdition(request, params.id);
  const page = await getEditionPage({ scope, edition });
  return { edition: { ...editionSummary(edition), audience: edition.module.audience }, ...page };
}

const OUTCOMES = ["creata", "iscritta", "blocco", "ritirata", "reiscritta", "formatore", "formatore-rimosso"] as const;

function EnrolOneForm({
  action,
  eligible,
  lastResult,
}: {
  action: string;
  eligible: { id: number; label: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "enrol-one",
    lastResult,
    constraint: getZodConstraint(EnrolOneSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnrolOneSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form
      method="post"
      action={action}
      {...getFormProps(form)}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
      aria-labelledby="enrol-one-title"
    >
      <h3 id="enrol-one-title" className="font-semibold">
        {t("manage.edition.enrolOne")}
      </h3>
      <input type="hidden" name="intent" value="enrol" />
      {eligible.length === 0 ? (
        <p className="text-sm">{t("manage.edition.noneEligible")}</p>
      ) : (
        <>
          <SelectField
            label={t("manage.edition.person")}
            selectProps={getSelectProps(fields.personId)}
            options={[{ value: "", label: "—" }, ...eligible.map((p) => ({ value: String(p.id), label: p.label }))]}
            errors={fields.personId.errors}
          />
          <ErrorList id={form.errorId} errors={form.errors} />
          <button type="submit" className={buttonClass}>
            {t("manage.edition.enrol")}
          </button>
        </>
      )}
    </Form>
  );
}

function BulkForm({
  action,
  organisations,
  lastResult,
}: {
  action: string;
  organisations: { id: number; name: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "bulk-enrol",
    lastResult,
    constraint: getZodConstraint(BulkEnrolSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkEnrolSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="rounded-lg bg-white p-4 shadow-sm">
      <input type="hidden" name="intent" value="bulk" />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("manage.edition.bulk")}</legend>
        <p className="text-sm text-slate-700">{t("manage.edition.bulkHint")}</p>
        <SelectField
          label={t("manage.edition.organisation")}
          selectProps={getSelectProps(fields.organisationId)}
          options={[
            { value: "", label: t("common.all") },
            ...organisations.map((o) => ({ value: String(o.id), label: o.name })),
          ]}
          errors={fields.organisationId.errors}
        />
        <SelectField
          label={t("manage.edition.position")}
          selectProps={getSelectProps(fields.position)}
          options={[
            { value: "", label: t("common.all") },
            ...BULK_POSITIONS.map((p) => ({ value: p, label: t(`people.positions.${p}`) })),
          ]}
          errors={fields.position.errors}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className={buttonClass}>
          {t("manage.edition.bulkSubmit")}
        </button>
      </fieldset>
    </Form>
  );
}

function TrainerForm({
  action,
  candidates,
  lastResult,
}: {
  action: string;
  candidates: { id: number; name: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-trainer",
    lastResult,
    constraint: getZodConstraint(TrainerChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainerChangeSchema }),
    shouldValidate: "onSubmit",
  });
  if (candidates.length === 0) return <p className="text-sm">{t("manage.edition.noTrainerCandidates")}</p>;
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="add-trainer" />
      <SelectField
        label={t("manage.edition.trainer")}
        selectProps={getSelectProps(fields.userId)}
        options={[{ value: "", label: "—" }, ...candidates.map((c) => ({ value: String(c.id), label: c.name }))]}
        errors={fields.userId.errors}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <button type="submit" className={buttonClass}>
        {t("manage.edition.addTrainer")}
      </button>
    </Form>
  );
}

export default function ManageEditionPage() {
  const { edition, enrolments, eligible, organisations, trainers, candidates, sessions } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const outcome = params.get("esito");
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const active = enrolments.filter((e) => e.status === "ACTIVE").length;
  // Forms post to the bare URL, so an earlier outcome (?esito=…) does not stick to an error.
  const here = `/gestione/edizioni/${edition.id}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/gestione/edizioni" className="underline">
          {t("manage.editions.title")}
        </Link>{" "}
        › <span aria-current="page">{edition.code}</span>
      </nav>
      <header>
        <h1 className="text-2xl font-bold">
          {edition.code} — {edition.title}
        </h1>
        <p className="text-slate-700">
          {edition.module}
          {edition.phase ? ` · ${edition.phase}` : ""} · {edition.area} · {formatDate(edition.startsOn, i18n.language)}{" "}
          – {formatDate(edition.endsOn, i18n.language)} · {t(`manage.editionStatus.${edition.status}`)}
        </p>
        <p className="text-sm text-slate-700">{t("manage.edition.sessions", { count: sessions })}</p>
      </header>
      {outcome && (OUTCOMES as readonly string[]).includes(outcome) ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t(`manage.edition.outcomes.${outcome}`, { count: Number(params.get("n") ?? 0) })}
        </p>
      ) : null}

      <section aria-labelledby="enrol-title" className="space-y-3">
        <h2 id="enrol-title" className="text-xl font-semibold">
          {t("manage.edition.enrolTitle")}
        </h2>
        {edition.status === "CLOSED" ? (
          <p className="text-sm">{t("manage.edition.closedNote")}</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            <EnrolOneForm action={here} eligible={eligible} lastResult={resultFor("enrol")} />
            <BulkForm action={here} organisations={organisations} lastResult={resultFor("bulk")} />
          </div>
        )}
      </section>

      <section aria-labelledby="enrolled-title" className="space-y-3">
        <h2 id="enrolled-title" className="text-xl font-semibold">
          {t("manage.edition.enrolled", { count: active })}
        </h2>
        {enrolments.length === 0 ? (
          <p>{t("manage.edition.noEnrolments")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="enrolments">
              <caption className="sr-only">{t("manage.edition.enrolled", { count: active })}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("people.name")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("people.organisation")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("people.position")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("manage.edition.enrolmentStatus")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("manage.edition.completion")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{t("manage.edition.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {enrolments.map((e) => (
                  <tr key={e.personId} data-testid={`enrolment-${e.personId}`}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <Link to={`/persone/${e.personId}`} className="text-brand-700 underline">
                        {e.name}
                      </Link>
                      {e.personActive ? null : (
                        <span className="block text-xs font-normal text-slate-600">
                          {t("manage.person.inactiveBadge")}
                        </span>
                      )}
                    </th>
                    <td className="px-3 py-2">{e.organisation}</td>
                    <td className="px-3 py-2">{t(`people.positions.${e.position}`)}</td>
                    <td className="px-3 py-2">
                      {t(`manage.enrolmentStatus.${e.status}`)}{" "}
                      <span className="text-slate-600">
                        ({formatDate(e.withdrawnAt ?? e.enrolledAt, i18n.language)})
                      </span>
                    </td>
                    <td className="px-3 py-2">{t(`manage.completion.${e.completion}`)}</td>
                    <td className="px-3 py-2">
                      {e.status === "ACTIVE" || e.personActive ? (
                        <Form method="post" action={here}>
                          <input type="hidden" name="intent" value={e.status === "ACTIVE" ? "withdraw" : "reenrol"} />
                          <input type="hidden" name="personId" value={e.personId} />
                          <button
                            type="submit"
                            className="rounded border border-slate-500 px-3 py-1 font-semibold hover:bg-slate-100"
                          >
                            {e.status === "ACTIVE" ? t("manage.edition.withdraw") : t("manage.edition.reenrol")}
                            <span className="sr-only"> — {e.name}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="text-sm text-slate-700">{t("manage.edition.withdrawNote")}</p>
      </section>

      <section aria-labelledby="trainers-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="trainers-title" className="text-xl font-semibold">
          {t("manage.edition.trainersTitle")}
        </h2>
        {trainers.length === 0 ? (
          <p className="text-sm">{t("manage.edition.noTrainers")}</p>
        ) : (
          <ul className="space-y-2" data-testid="trainers">
            {trainers.map((tr) => (
              <li key={tr.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {tr.name} <span className="text-sm text-slate-600">({tr.email})</span>
                </span>
                <Form method="post" action={here}>
                  <input type="hidden" name="intent" value="remove-trainer" />
                  <input type="hidden" name="userId" value={tr.id} />
                  <button
                    type="submit"
                    className="rounded border border-red-700 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50"
                  >
                    {t("manage.edition.removeTrainer")}
                    <span className="sr-only"> — {tr.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <TrainerForm action={here} candidates={candidates} lastResult={resultFor("trainer")} />
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Edizione — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

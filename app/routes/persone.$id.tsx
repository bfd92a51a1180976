import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireManagedPerson } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PersonProfileFields } from "~/components/person-fields";
import { buttonClass, ErrorList, errorsOf, Field, SelectField } from "~/components/forms";
import { PersonStatusSchema, PersonUpdateSchema } from "~/domain/person-schema";
import {
  canManageAccount,
  listScopedOrganisations,
  personUpdateProblems,
  setPersonActive,
  updatePerson,
} from "~/models/person.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { withChecks } from "~/utils/forms.server";
import { readForm } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, actor, person } = await requireManagedPerson(request, params.id);
  const organisations = await listScopedOrganisations({ scope });
  // A person's organisation may have been closed since: keep it selectable for this person.
  if (!organisations.some((o) => o.id === person.organisationId))
    organisations.unshift({ id: person.organisationId, name: person.organisation.name });
  const manageable = canManageAccount(actor, person);
  return {
    person: {
      id: person.id,
      name: `${person.firstName} ${person.lastName}`,
      active: person.active,
      deactivatedAt: person.deactivatedAt?.toISOString() ?? null,
      isSelf: person.id === user.personId,
    },
    defaults: {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email ?? "",
      organisationId: String(person.organisationId),
      position: person.position,
      role: person.role ?? "",
      office: person.office ?? "",
      gender: person.gender,
      birthYear: person.birthYear ? String(person.birthYear) : "",
      educationLevel: person.educationLevel,
    },
    account: person.user
      ? {
          active: person.user.active,
          roles: person.user.roles.map((r) => r.role),
          lastLoginAt: person.user.lastLoginAt?.toISOString() ?? null,
          passwordSet: person.user.passwordSetAt !== null,
        }
      : null,
    emailLocked: Boolean(person.user) && !manageable,
    canChangeStatus: manageable && person.id !== user.personId,
    canManageEditions: can(user.roles, "edition:manage:area"),
    enrolments: person.enrolments.map((e) => ({
      editionId: e.edition.id,
      code: e.edition.code,
      title: e.edition.title,
      status: e.status,
      enrolledAt: e.enrolledAt.toISOString(),
      withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
    })),
    organisations,
  };
}

/** Which form the reply belongs to: the profile, or the status (deactivate / reactivate). */
type ActionData = { form: "update" | "status"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, person } = await requireManagedPerson(request, params.id);
  const formData = await readForm(request);
  const here = `/persone/${person.id}`;

  if (formData.get("intent") === "update") {
    const schema = withChecks(PersonUpdateSchema, (input) => personUpdateProblems({ scope, actor, person, input }));
    const submission = await parseWithZod(formData, { schema, async: true });
    if (submission.status !== "success")
      return data<ActionData>({ form: "update", result: submission.reply() }, { status: 400 });
    const outcome = await updatePerson({ scope, actor, person, input: submission.value });
    if (!outcome.ok) {
      const result = submission.reply({ fieldErrors: outcome.fieldErrors });
      return data<ActionData>({ form: "update", result }, { status: 400 });
    }
    return redirect(`${here}?esito=${outcome.changed ? "salvata" : "invariata"}`);
  }
  const submission = parseWithZod(formData, { schema: PersonStatusSchema });
  if (submission.status !== "success")
    return data<ActionData>({ form: "status", result: submission.reply() }, { status: 400 });
  const reactivate = submission.value.intent === "reactivate";
  const outcome = await setPersonActive({ actor, person, active: reactivate });
  if (!outcome.ok) {
    return data<ActionData>(
      { form: "status", result: submission.reply({ formErrors: [outcome.message] }) },
      { status: 400 },
    );
  }
  return redirect(`${here}?esito=${reactivate ? "riattivata" : "disattivata"}`);
}

const OUTCOMES = ["salvata", "invariata", "disattivata", "riattivata"] as const;

export default function PersonPage() {
  const { person, defaults, account, emailLocked, canChangeStatus, canManageEditions, enrolments, organisations } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "edit-person",
    lastResult: actionData?.form === "update" ? actionData.result : undefined,
    defaultValue: defaults,
    constraint: getZodConstraint(PersonUpdateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonUpdateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const outcome = params.get("esito");
  // Forms post to the bare URL, so an earlier outcome (?esito=…) does not stick to an error.
  const here = `/persone/${person.id}`;
  const statusErrors = actionData?.form === "status" ? Object.values(errorsOf(actionData.result)).flat() : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <Link to="/persone" className="text-sm underline">
          ← {t("people.title")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{person.name}</h1>
        {!person.active ? (
          <span
            className="rounded bg-slate-200 px-2 py-0.5 text-sm font-semibold text-slate-800"
            data-testid="person-inactive"
          >
            {t("manage.person.inactiveBadge")}
          </span>
        ) : null}
      </div>
      {outcome && (OUTCOMES as readonly string[]).includes(outcome) ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t(`manage.person.outcomes.${outcome}`)}
        </p>
      ) : null}

      <section aria-labelledby="data-title" className="space-y-3">
        <h2 id="data-title" className="text-lg font-semibold">
          {t("manage.person.dataTitle")}
        </h2>
        <Form
          method="post"
          action={here}
          {...getFormProps(form)}
          className="grid gap-4 rounded-lg bg-white p-6 shadow-sm md:grid-cols-2"
        >
          <input type="hidden" name="intent" value="update" />
          <Field
            label={t("personForm.firstName")}
            inputProps={getInputProps(fields.firstName, { type: "text" })}
            errors={fields.firstName.errors}
          />
          <Field
            label={t("personForm.lastName")}
            inputProps={getInputProps(fields.lastName, { type: "text" })}
            errors={fields.lastName.errors}
          />
          <Field
            className="md:col-span-2"
            label={t("personForm.email")}
            hint={emailLocked ? t("manage.person.emailLocked") : account ? t("manage.person.emailAccount") : undefined}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), readOnly: emailLocked }}
            errors={fields.email.errors}
          />
          <SelectField
            className="md:col-span-2"
            label={t("personForm.organisation")}
            selectProps={getSelectProps(fields.organisationId)}
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            errors={fields.organisationId.errors}
          />
          <PersonProfileFields fields={fields} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <div className="md:col-span-2">
            <button type="submit" className={buttonClass}>
              {t("manage.person.save")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-title" className="space-y-2 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="account-title" className="text-lg font-semibold">
          {t("manage.person.accountTitle")}
        </h2>
        {account ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-semibold">{t("manage.person.accountStatus")}</dt>
            <dd data-testid="account-status">
              {account.active ? t("manage.person.accountActive") : t("manage.person.accountInactive")}
            </dd>
            <dt className="font-semibold">{t("personForm.roles")}</dt>
            <dd>{account.roles.map((r) => t(`personForm.roleNames.${r}`)).join(", ")}</dd>
            <dt className="font-semibold">{t("manage.person.lastLogin")}</dt>
            <dd>
              {account.lastLoginAt
                ? formatDateTime(account.lastLoginAt, i18n.language)
                : account.passwordSet
                  ? "—"
                  : t("manage.person.passwordNotSet")}
            </dd>
          </dl>
        ) : (
          <p className="text-sm">{t("manage.person.noAccount")}</p>
        )}
      </section>

      <section aria-labelledby="status-title" className="space-y-2 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="status-title" className="text-lg font-semibold">
          {t("manage.person.statusTitle")}
        </h2>
        {person.active ? (
          <p className="text-sm">{t("manage.person.activeText")}</p>
        ) : (
          <p className="text-sm">
            {t("manage.person.inactiveText", {
              date: person.deactivatedAt ? formatDate(person.deactivatedAt, i18n.language) : "—",
            })}
          </p>
        )}
        <ErrorList id="status-error" errors={statusErrors} />
        {canChangeStatus ? (
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value={person.active ? "deactivate" : "reactivate"} />
            <button
              type="submit"
              aria-describedby={statusErrors?.length ? "status-error" : undefined}
              className={
                person.active
                  ? "rounded border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
                  : buttonClass
              }
            >
              {person.active ? t("manage.person.deactivate") : t("manage.person.reactivate")}
            </button>
          </Form>
        ) : (
          <p className="text-sm text-slate-700">
            {person.isSelf ? t("manage.person.notSelf") : t("manage.person.notYours")}
          </p>
        )}
      </section>

      <section aria-labelledby="enrolments-title" className="space-y-2">
        <h2 id="enrolments-title" className="text-lg font-semibold">
          {t("manage.person.enrolmentsTitle")}
        </h2>
        {enrolments.length === 0 ? (
          <p className="text-sm">{t("manage.person.noEnrolments")}</p>
        ) : (
          <ul className="space-y-1 rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="person-enrolments">
            {enrolments.map((e) => (
              <li key={e.editionId}>
                {canManageEditions ? (
                  <Link to={`/gestione/edizioni/${e.editionId}`} className="font-semibold text-brand-700 underline">
                    {e.code}
                  </Link>
                ) : (
                  <span className="font-semibold">{e.code}</span>
                )}{" "}
                — {e.title} · {t(`manage.enrolmentStatus.${e.status}`)} (
                {formatDate(e.withdrawnAt ?? e.enrolledAt, i18n.language)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Scheda persona — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

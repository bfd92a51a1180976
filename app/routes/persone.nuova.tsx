import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PersonProfileFields } from "~/components/person-fields";
import { buttonClass, ErrorList, Field, SelectField } from "~/components/forms";
import { PersonCreateSchema } from "~/domain/person-schema";
import { createPerson, grantableRoles, listScopedOrganisations, newPersonProblems } from "~/models/person.server";
import { withChecks } from "~/utils/forms.server";
import { readForm } from "~/utils/http.server";
import { sendOutboxSoon } from "~/utils/mail.server";
import { publicUrl } from "~/utils/env.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "person:create:area");
  return { organisations: await listScopedOrganisations({ scope }), roles: grantableRoles(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "person:create:area");
  const schema = withChecks(PersonCreateSchema, (input) => newPersonProblems({ scope, actor, input }));
  const submission = await parseWithZod(await readForm(request), { schema, async: true });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), created: null }, { status: 400 });
  }
  const origin = publicUrl();
  const outcome = await createPerson({ scope, actor, input: submission.value, origin });
  if (!outcome.ok) {
    return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }), created: null }, { status: 400 });
  }
  sendOutboxSoon();
  return data({
    result: submission.reply({ resetForm: true }),
    created: { name: outcome.name, link: outcome.token ? `${origin}/imposta-password/${outcome.token}` : null },
  });
}

export default function NewPersonPage() {
  const { organisations, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "new-person",
    lastResult: actionData?.result,
    constraint: getZodConstraint(PersonCreateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { gender: "NOT_STATED", educationLevel: "NOT_STATED", position: "EMPLOYEE", roles: ["LEARNER"] },
  });
  const created = actionData?.created;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to="/persone" className="text-sm underline">
          ← {t("people.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("personForm.title")}</h1>
      <p className="text-slate-700">{t("personForm.intro")}</p>
      {created ? (
        <div role="status" className="rounded border border-brand-600 bg-brand-50 p-4" data-testid="person-created">
          <p className="font-semibold">{t("personForm.created", { name: created.name })}</p>
          {created.link ? (
            <>
              <p className="mt-2 text-sm">{t("personForm.linkIntro")}</p>
              <p className="mt-1 break-all font-mono text-sm" data-testid="password-link">
                {created.link}
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="grid gap-4 rounded-lg bg-white p-6 shadow-sm md:grid-cols-2"
      >
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
          inputProps={getInputProps(fields.email, { type: "email" })}
          errors={fields.email.errors}
        />
        <SelectField
          className="md:col-span-2"
          label={t("personForm.organisation")}
          selectProps={getSelectProps(fields.organisationId)}
          options={[{ value: "", label: "—" }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
          errors={fields.organisationId.errors}
        />
        <PersonProfileFields fields={fields} />
        <div className="md:col-span-2">
          <label className="flex items-center gap-2 font-semibold">
            <input {...getInputProps(fields.createAccount, { type: "checkbox" })} className="h-4 w-4" />
            {t("personForm.account")}
          </label>
          <fieldset className="mt-2" aria-describedby={fields.roles.errors ? fields.roles.errorId : undefined}>
            <legend className="text-sm font-semibold">{t("personForm.roles")}</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {roles.map((r) => (
                <label key={r} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name={fields.roles.name}
                    value={r}
                    defaultChecked={(fields.roles.initialValue as string[] | undefined)?.includes(r)}
                    className="h-4 w-4"
                  />
                  {t(`personForm.roleNames.${r}`)}
                </label>
              ))}
            </div>
            <ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
          </fieldset>
        </div>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="md:col-span-2">
          <button type="submit" className={buttonClass}>
            {t("personForm.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Nuova persona — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, Field, SelectField } from "~/components/forms";
import { FigureTable } from "~/components/ui/figure-table";
import { EditionCreateSchema } from "~/domain/enrolment-schema";
import { createEdition, editionFormOptions, editionProblems, listManagedEditions } from "~/models/enrolment.server";
import { formatDate } from "~/utils/format";
import { withChecks } from "~/utils/forms.server";
import { readForm } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "edition:manage:area");
  const [editions, options] = await Promise.all([listManagedEditions({ scope }), editionFormOptions({ scope })]);
  return { editions, ...options };
}

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "edition:manage:area");
  const schema = withChecks(EditionCreateSchema, (input) => editionProblems({ scope, input }));
  const submission = await parseWithZod(await readForm(request), { schema, async: true });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createEdition({ scope, actor, input: submission.value });
  if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
  return redirect(`/gestione/edizioni/${outcome.id}?esito=creata`);
}

export default function ManageEditionsPage() {
  const { editions, modules, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "new-edition",
    lastResult: actionData?.result,
    constraint: getZodConstraint(EditionCreateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditionCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { areaId: areas.length === 1 ? String(areas[0].id) : "" },
  });
  const phaseErrorId = fields.phaseId.errors?.length ? `${fields.phaseId.id}-error` : undefined;
  const { key: phaseKey, ...phaseSelectProps } = getSelectProps(fields.phaseId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("manage.editions.title")}</h1>
      {editions.length === 0 ? (
        <p>{t("manage.editions.none")}</p>
      ) : (
        <FigureTable
          caption={t("manage.editions.title")}
          testId="managed-editions"
          columns={[
            { label: t("manage.editions.edition") },
            { label: t("manage.editions.module") },
            { label: t("manage.editions.area") },
            { label: t("manage.editions.dates") },
            { label: t("manage.editions.status") },
            { label: t("manage.editions.enrolled"), numeric: true },
            { label: t("manage.editions.trainers"), numeric: true },
          ]}
          rows={editions.map((e) => ({
            key: e.id,
            cells: [
              <>
                <Link to={`/gestione/edizioni/${e.id}`} className="text-brand-700 underline">
                  {e.code}
                </Link>
                <span className="block font-normal text-slate-600">{e.title}</span>
              </>,
              <>
                {e.module}
                {e.phase ? <span className="block text-slate-600">{e.phase}</span> : null}
              </>,
              e.area,
              `${formatDate(e.startsOn, i18n.language)} – ${formatDate(e.endsOn, i18n.language)}`,
              t(`manage.editionStatus.${e.status}`),
              e.enrolled,
              e.trainers,
            ],
          }))}
        />
      )}

      <section aria-labelledby="create-edition-heading" className="space-y-3">
        <h2 id="create-edition-heading" className="text-xl font-semibold">
          {t("manage.editions.newTitle")}
        </h2>
        <Form
          method="post"
          {...getFormProps(form)}
          className="grid gap-4 rounded-lg bg-white p-6 shadow-sm md:grid-cols-2"
        >
          <input type="hidden" name="intent" value="create" />
          <SelectField
            label={t("manage.editions.module")}
            selectProps={getSelectProps(fields.moduleId)}
            options={[{ value: "", label: "—" }, ...modules.map((m) => ({ value: String(m.id), label: m.title }))]}
            errors={fields.moduleId.errors}
          />
          <div>
            <label htmlFor={fields.phaseId.id} className="block text-sm font-semibold text-slate-800">
              {t("manage.editions.phase")}
            </label>
            <p id={`${fields.phaseId.id}-hint`} className="text-sm text-slate-600">
              {t("manage.editions.phaseHint")}
            </p>
            <select
              key={phaseKey ?? undefined}
              {...phaseSelectProps}
              aria-invalid={phaseErrorId ? true : undefined}
              aria-describedby={[`${fields.phaseId.id}-hint`, phaseErrorId].filter(Boolean).join(" ")}
              className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
            >
              <option value="">{t("manage.editions.wholeModule")}</option>
              {modules
                .filter((m) => m.phases.length > 1)
                .map((m) => (
                  <optgroup key={m.id} label={m.title}>
                    {m.phases.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
            <ErrorList id={phaseErrorId} errors={fields.phaseId.errors} />
          </div>
          <SelectField
            label={t("manage.editions.area")}
            selectProps={getSelectProps(fields.areaId)}
            options={[{ value: "", label: "—" }, ...areas.map((a) => ({ value: String(a.id), label: a.name }))]}
            errors={fields.areaId.errors}
          />
          <Field
            label={t("manage.editions.code")}
            hint={t("manage.editions.codeHint")}
            inputProps={getInputProps(fields.code, { type: "text" })}
            errors={fields.code.errors}
          />
          <Field
            className="md:col-span-2"
            label={t("manage.editions.editionTitle")}
            inputProps={getInputProps(fields.title, { type: "text" })}
            errors={fields.title.errors}
          />
          <Field
            label={t("manage.editions.startsOn")}
            inputProps={getInputProps(fields.startsOn, { type: "date" })}
            errors={fields.startsOn.errors}
          />
          <Field
            label={t("manage.editions.endsOn")}
            inputProps={getInputProps(fields.endsOn, { type: "date" })}
            errors={fields.endsOn.errors}
          />
          <ErrorList id={form.errorId} errors={form.errors} />
          <div className="md:col-span-2">
            <button type="submit" className={buttonClass}>
              {t("manage.editions.create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Edizioni e iscrizioni — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

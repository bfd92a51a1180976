import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, Field, SelectField } from "~/components/forms";
import { ScoreRadios, TextareaField } from "~/components/need-parts";
import { parseId } from "~/domain/ids";
import { NEED_SOURCE_KINDS, NeedFormSchema, needInputOf } from "~/domain/need-schema";
import { linkableRequest } from "~/models/citizen-moderation.server";
import { areaOfComune, comuniForNewNeed, createNeed, needDimensions } from "~/models/need.server";
import { formatDate } from "~/utils/format";
import { notFound, readForm } from "~/utils/http.server";

/** `?richiesta=<id>`: the need comes from that citizen's request (from the moderation queue). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "need:propose:phase2");
  const raw = new URL(request.url).searchParams.get("richiesta");
  const fromRequest = raw === null ? null : await linkableRequest({ scope, id: parseId(raw) ?? notFound() });
  if (raw !== null && !fromRequest) notFound();
  const [areas, dimensions] = await Promise.all([comuniForNewNeed({ scope }), needDimensions()]);
  return { areas, dimensions, fromRequest };
}

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "need:propose:phase2");
  const submission = parseWithZod(await readForm(request), { schema: NeedFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { citizenRequestId, organisationIds } = submission.value;
  // A request named by the form must be one this user moderates, like the one in the URL.
  if (citizenRequestId !== undefined && !(await linkableRequest({ scope, id: citizenRequestId }))) notFound();
  const refuse = (field: string, message: string) =>
    data({ result: submission.reply({ fieldErrors: { [field]: [message] } }) }, { status: 400 });
  const areaId = await areaOfComune(organisationIds[0]!);
  if (areaId === null) return refuse("organisationIds", "Scegli i comuni dall'elenco.");
  const outcome = await createNeed({ scope, actor, areaId, input: needInputOf(submission.value), citizenRequestId });
  if (!outcome) return refuse("organisationIds", "Scegli i comuni dall'elenco.");
  if (!outcome.ok) {
    return data(
      {
        result: outcome.field
          ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
          : submission.reply({ formErrors: [outcome.message] }),
      },
      { status: 400 },
    );
  }
  return redirect(`/fabbisogni/${outcome.id}?esito=creato`);
}

export default function NewNeedPage() {
  const { areas, dimensions, fromRequest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const onlyComune = areas.length === 1 && areas[0]!.comuni.length === 1 ? areas[0]!.comuni[0]!.id : null;
  const preselected = fromRequest?.organisation.id ?? onlyComune;
  const [form, fields] = useForm({
    id: "new-need",
    lastResult: actionData?.result,
    constraint: getZodConstraint(NeedFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NeedFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      sourceKind: fromRequest ? "CITIZEN_REQUEST" : "",
      organisationIds: preselected ? [String(preselected)] : [],
      description: fromRequest?.publicSummary ?? "",
    },
  });
  const chosen = (fields.organisationIds.initialValue as string[] | string | undefined) ?? [];
  const chosenIds = new Set([chosen].flat());
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb trail={[{ to: "/fabbisogni", label: t("needs.list.title") }]} current={t("needs.form.title")} />
      <h1 className="text-2xl font-bold">{t("needs.form.title")}</h1>
      <p className="text-slate-700">{t("needs.form.intro")}</p>
      {fromRequest ? (
        <section
          aria-labelledby="from-request-title"
          className="rounded border border-brand-600 bg-brand-50 p-3 text-sm"
          data-testid="from-request"
        >
          <h2 id="from-request-title" className="font-semibold">
            {t("needs.form.fromRequest", { id: fromRequest.id })}
          </h2>
          <p>
            {fromRequest.organisation.name} · {t(`needs.topics.${fromRequest.topic}`)} ·{" "}
            {formatDate(fromRequest.createdAt, i18n.language)} ·{" "}
            {t("needs.form.supports", { count: fromRequest.supportCount })}
          </p>
          {fromRequest.publicSummary ? <p className="mt-1">«{fromRequest.publicSummary}»</p> : null}
        </section>
      ) : null}
      {areas.length === 0 ? (
        <p className="rounded bg-white p-4 shadow-sm" data-testid="no-areas">
          {t("needs.form.noAreas")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg bg-white p-6 shadow-sm">
          {fromRequest ? (
            <>
              <input type="hidden" name="citizenRequestId" value={fromRequest.id} />
              <input type="hidden" name="sourceKind" value="CITIZEN_REQUEST" />
            </>
          ) : null}
          <Field
            label={t("needs.fields.title")}
            inputProps={getInputProps(fields.title, { type: "text" })}
            errors={fields.title.errors}
          />
          <TextareaField
            label={t("needs.fields.description")}
            hint={t("needs.form.descriptionHint")}
            textareaProps={{ ...getTextareaProps(fields.description), id: fields.description.id, rows: 5 }}
            errors={fields.description.errors}
          />
          {areas.map((area) => (
            <fieldset
              key={area.areaId}
              aria-describedby={fields.organisationIds.errors ? fields.organisationIds.errorId : undefined}
            >
              <legend className="text-sm font-semibold">
                {t("needs.fields.comuni")}
                {areas.length > 1 ? ` — ${area.area}` : ""}
              </legend>
              <div className="mt-1 grid gap-1 sm:grid-cols-2">
                {area.comuni.map((c) => (
                  <label key={c.id} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name={fields.organisationIds.name}
                      value={c.id}
                      defaultChecked={chosenIds.has(String(c.id))}
                      className="h-4 w-4"
                    />
                    {c.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <ErrorList id={fields.organisationIds.errorId} errors={fields.organisationIds.errors} />
          <div className="grid gap-4 md:grid-cols-2">
            {fromRequest ? null : (
              <SelectField
                label={t("needs.fields.sourceKind")}
                selectProps={getSelectProps(fields.sourceKind)}
                options={[
                  { value: "", label: "—" },
                  ...Object.keys(NEED_SOURCE_KINDS).map((k) => ({ value: k, label: t(`needs.sourceKinds.${k}`) })),
                ]}
                errors={fields.sourceKind.errors}
              />
            )}
            <SelectField
              label={t("needs.fields.dimensionOptional")}
              selectProps={getSelectProps(fields.dimensionCode)}
              options={[
                { value: "", label: "—" },
                ...dimensions.map((d) => ({ value: d.code, label: `${d.code} — ${d.title}` })),
              ]}
              errors={fields.dimensionCode.errors}
            />
          </div>
          <TextareaField
            label={t("needs.fields.sourceNote")}
            hint={t("needs.form.sourceNoteHint")}
            textareaProps={{ ...getTextareaProps(fields.sourceNote), id: fields.sourceNote.id, rows: 3 }}
            errors={fields.sourceNote.errors}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <TextareaField
              label={t("needs.fields.must")}
              hint={t("needs.form.requirementsHint")}
              textareaProps={{ ...getTextareaProps(fields.mustRequirements), id: fields.mustRequirements.id }}
              errors={fields.mustRequirements.errors}
            />
            <TextareaField
              label={t("needs.fields.should")}
              hint={t("needs.form.requirementsHint")}
              textareaProps={{ ...getTextareaProps(fields.shouldRequirements), id: fields.shouldRequirements.id }}
              errors={fields.shouldRequirements.errors}
            />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field
              label={t("needs.fields.budgetCap")}
              hint={t("needs.form.budgetHint")}
              inputProps={{ ...getInputProps(fields.budgetCapEuro, { type: "text" }), inputMode: "numeric" }}
              errors={fields.budgetCapEuro.errors}
            />
            <Field
              label={t("needs.fields.timeCap")}
              hint={t("needs.form.timeHint")}
              inputProps={{ ...getInputProps(fields.timeCapMonths, { type: "text" }), inputMode: "numeric" }}
              errors={fields.timeCapMonths.errors}
            />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <ScoreRadios
              name={fields.impact.name}
              legend={t("needs.fields.impact")}
              hint={t("needs.form.impactHint")}
              errors={fields.impact.errors}
              defaultValue={fields.impact.initialValue as string | undefined}
            />
            <ScoreRadios
              name={fields.feasibility.name}
              legend={t("needs.fields.feasibility")}
              hint={t("needs.form.feasibilityHint")}
              errors={fields.feasibility.errors}
              defaultValue={fields.feasibility.initialValue as string | undefined}
            />
          </div>
          <ErrorList id={form.errorId} errors={form.errors} />
          <button type="submit" className={buttonClass}>
            {t("needs.form.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Nuovo fabbisogno — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

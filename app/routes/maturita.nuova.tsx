import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, Field, SelectField } from "~/components/forms";
import { CycleSchema } from "~/domain/cycle-schema";
import { createCycle, phase2EditionsOf } from "~/models/cycle.server";
import { readForm } from "~/utils/http.server";

/** A facilitator opens a cycle on a phase-2 edition they train: one assessment per comune of its area. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "cycle:manage:phase2");
  return { editions: await phase2EditionsOf({ scope }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "cycle:manage:phase2");
  const submission = parseWithZod(await readForm(request), { schema: CycleSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createCycle({ scope, actor, input: submission.value });
  if (!outcome.ok) {
    const reply = outcome.field
      ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
      : submission.reply({ formErrors: [outcome.message] });
    return data({ result: reply }, { status: 400 });
  }
  return redirect(`/maturita/${outcome.id}?esito=creata`);
}

export default function NewCyclePage() {
  const { editions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "new-cycle",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CycleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { editionId: editions.length === 1 ? String(editions[0]!.id) : "", sharedGapThreshold: "0.33" },
  });
  return (
    <div className="space-y-4">
      <Breadcrumb trail={[{ to: "/maturita", label: t("maturity.title") }]} current={t("maturity.newCycle")} />
      <h1 className="text-2xl font-bold">{t("maturity.newCycle")}</h1>
      <p className="max-w-prose">{t("maturity.newCycleIntro")}</p>
      {editions.length === 0 ? (
        <p data-testid="no-phase2-editions">{t("maturity.noPhase2Editions")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="max-w-xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <SelectField
            label={t("maturity.edition")}
            selectProps={getSelectProps(fields.editionId)}
            options={[
              { value: "", label: "—" },
              ...editions.map((e) => ({ value: String(e.id), label: `${e.code} — ${e.area.name}` })),
            ]}
            errors={fields.editionId.errors}
          />
          <Field
            label={t("maturity.cycleTitle")}
            inputProps={getInputProps(fields.title, { type: "text" })}
            errors={fields.title.errors}
          />
          <Field
            label={t("maturity.opensOn")}
            inputProps={getInputProps(fields.opensOn, { type: "date" })}
            errors={fields.opensOn.errors}
          />
          <Field
            label={t("maturity.closesOn")}
            inputProps={getInputProps(fields.closesOn, { type: "date" })}
            errors={fields.closesOn.errors}
          />
          <Field
            label={t("maturity.threshold")}
            hint={t("maturity.thresholdHint")}
            inputProps={{ ...getInputProps(fields.sharedGapThreshold, { type: "number" }), step: "0.01" }}
            errors={fields.sharedGapThreshold.errors}
          />
          <ErrorList id={form.errorId} errors={form.errors} />
          <button type="submit" className={buttonClass}>
            {t("maturity.createCycle")}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Nuova rilevazione — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

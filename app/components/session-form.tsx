import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass, ErrorList, Field, SelectField } from "~/components/forms";
import { SESSION_MODES, SessionFormSchema } from "~/domain/trainer-schema";

export type SessionFormDefaults = {
  title?: string;
  unitId?: string;
  date?: string;
  start?: string;
  end?: string;
  mode?: string;
  place?: string;
  link?: string;
};

/** Create/edit form of a session; dates and times are in the programme's time zone. */
export function SessionForm({
  id,
  units,
  defaults,
  lastResult,
  submitLabel,
  intent,
}: {
  id: string;
  units: { id: number; title: string; kind: string }[];
  defaults?: SessionFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(SessionFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 rounded-lg bg-white p-4 shadow-sm md:grid-cols-3">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field
        className="md:col-span-3"
        label={t("edition.session.title")}
        inputProps={getInputProps(fields.title, { type: "text" })}
        errors={fields.title.errors}
      />
      <SelectField
        className="md:col-span-3"
        label={t("edition.session.unit")}
        selectProps={getSelectProps(fields.unitId)}
        options={[
          { value: "", label: t("edition.session.noUnit") },
          ...units.map((u) => ({ value: String(u.id), label: `${u.title} (${t(`learner.kinds.${u.kind}`)})` })),
        ]}
        errors={fields.unitId.errors}
      />
      <Field
        label={t("edition.session.date")}
        inputProps={getInputProps(fields.date, { type: "date" })}
        errors={fields.date.errors}
      />
      <Field
        label={t("edition.session.start")}
        inputProps={getInputProps(fields.start, { type: "time" })}
        errors={fields.start.errors}
      />
      <Field
        label={t("edition.session.end")}
        inputProps={getInputProps(fields.end, { type: "time" })}
        errors={fields.end.errors}
      />
      <SelectField
        label={t("edition.session.mode")}
        selectProps={getSelectProps(fields.mode)}
        options={SESSION_MODES.map((m) => ({ value: m, label: t(`learner.modes.${m}`) }))}
        errors={fields.mode.errors}
      />
      <Field
        label={t("edition.session.place")}
        hint={t("edition.session.placeHint")}
        inputProps={getInputProps(fields.place, { type: "text" })}
        errors={fields.place.errors}
      />
      <Field
        label={t("edition.session.link")}
        hint={t("edition.session.linkHint")}
        inputProps={getInputProps(fields.link, { type: "url" })}
        errors={fields.link.errors}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="md:col-span-3">
        <button type="submit" className={buttonClass}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

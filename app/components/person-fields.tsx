import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/forms";
import { EDUCATION_LEVELS, GENDERS, POSITIONS } from "~/domain/person-schema";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's field metadata of any form schema
type AnyField = FieldMetadata<any, any, string[]>;
type Keys = "position" | "role" | "office" | "gender" | "birthYear" | "educationLevel";

/** The profile fields of a person (role, office, gender, year of birth, education), shared by the create and edit forms. */
export function PersonProfileFields({ fields }: { fields: Record<Keys, AnyField> }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("personForm.position")}
        selectProps={getSelectProps(fields.position)}
        options={POSITIONS.map((p) => ({ value: p, label: t(`people.positions.${p}`) }))}
        errors={fields.position.errors}
      />
      <Field
        label={t("personForm.role")}
        hint={t("personForm.roleHint")}
        inputProps={getInputProps(fields.role, { type: "text" })}
        errors={fields.role.errors}
      />
      <Field
        label={t("personForm.office")}
        hint={t("personForm.officeHint")}
        inputProps={getInputProps(fields.office, { type: "text" })}
        errors={fields.office.errors}
      />
      <SelectField
        label={t("personForm.gender")}
        selectProps={getSelectProps(fields.gender)}
        options={GENDERS.map((g) => ({ value: g, label: t(`personForm.genders.${g}`) }))}
        errors={fields.gender.errors}
      />
      <Field
        label={t("personForm.birthYear")}
        inputProps={{ ...getInputProps(fields.birthYear, { type: "number" }), inputMode: "numeric" }}
        errors={fields.birthYear.errors}
      />
      <SelectField
        label={t("personForm.education")}
        selectProps={getSelectProps(fields.educationLevel)}
        options={EDUCATION_LEVELS.map((e) => ({ value: e, label: t(`personForm.educations.${e}`) }))}
        errors={fields.educationLevel.errors}
      />
    </>
  );
}

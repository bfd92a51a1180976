import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, Field } from "~/components/forms";
import { getValidPasswordToken, setPasswordWithToken } from "~/models/account.server";
import { readForm, requestIdOf } from "~/utils/http.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/domain/password-policy";
import { passwordProblem } from "~/utils/password.server";

const SetPasswordSchema = z
  .object({
    password: z
      .string({ error: `La password deve avere almeno ${PASSWORD_MIN} caratteri.` })
      .min(PASSWORD_MIN, `La password deve avere almeno ${PASSWORD_MIN} caratteri.`)
      .max(PASSWORD_MAX, `La password può avere al massimo ${PASSWORD_MAX} caratteri.`),
    confirm: z.string({ error: "Ripeti la password." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Le due password non coincidono." });

// Public page: the token in the URL is the credential, checked in both loader and action.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = await getValidPasswordToken({ token: params.token ?? "" });
  return { valid: token !== null, email: token?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const raw = params.token ?? "";
  const token = await getValidPasswordToken({ token: raw });
  if (!token) return data({ result: null, invalid: true }, { status: 400 });
  const formData = await readForm(request);
  const submission = parseWithZod(formData, {
    schema: SetPasswordSchema.superRefine((v, ctx) => {
      const problem = passwordProblem(v.password, token.user.email);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }), invalid: false }, { status: 400 });
  }
  const ok = await setPasswordWithToken({
    token: raw,
    password: submission.value.password,
    requestId: requestIdOf(request),
  });
  if (!ok) return data({ result: null, invalid: true }, { status: 400 });
  return redirect("/login?password=1");
}

export default function SetPasswordPage() {
  const { valid, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "set-password",
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(SetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetPasswordSchema }),
    shouldValidate: "onBlur",
  });
  if (!valid || actionData?.invalid) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-bold">{t("password.title")}</h1>
        <p className="mt-4 rounded border border-red-700 bg-red-50 p-3" role="alert">
          {t("password.invalidLink")}
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("password.title")}</h1>
      <p className="mt-2 text-slate-700">{t("password.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <input type="email" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
        <Field
          label={t("password.new")}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.password.errors}
        />
        <Field
          label={t("password.confirm")}
          inputProps={{ ...getInputProps(fields.confirm, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.confirm.errors}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className={buttonClass}>
          {t("password.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Imposta la password — Capacitas" },
  { name: "referrer", content: "no-referrer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

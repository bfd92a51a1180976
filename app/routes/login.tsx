import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, Field } from "~/components/forms";
import { verifyLogin } from "~/access/login.server";
import { getUser } from "~/access/user.server";
import { throttledMessage } from "~/domain/login-throttle";
import { readForm, safeRedirect } from "~/utils/http.server";
import { homeFor } from "~/access/capabilities";
import { createSession } from "~/utils/session.server";

const LoginSchema = z.object({
  email: z.email("Inserisci un indirizzo email valido.").max(254, "Indirizzo troppo lungo."),
  password: z
    .string({ error: "Inserisci la password." })
    .min(1, "Inserisci la password.")
    .max(256, "Password troppo lunga."),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeFor(user.roles));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await verifyLogin(request, email, password);
  if (!outcome.ok && outcome.reason === "throttled") {
    return data(
      {
        result: submission.reply({
          formErrors: [throttledMessage(outcome.retryAfterSeconds)],
          hideFields: ["password"],
        }),
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: ["Email o password non corretti."], hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  const { setCookie } = await createSession(outcome.userId, request);
  return redirect(safeRedirect(redirectTo, homeFor(outcome.roles)), { headers: { "Set-Cookie": setCookie } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      <p className="mt-2 text-slate-700">{t("login.intro")}</p>
      {searchParams.get("uscito") ? (
        <p className="mt-4 rounded border border-brand-600 bg-brand-50 p-3" role="status">
          {t("login.loggedOut")}
        </p>
      ) : null}
      {searchParams.get("password") ? (
        <p className="mt-4 rounded border border-brand-600 bg-brand-50 p-3" role="status">
          {t("password.done")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("login.email")}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
          errors={fields.email.errors}
        />
        <Field
          label={t("login.password")}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          errors={fields.password.errors}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">{t("login.noAccount")}</p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Accedi — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

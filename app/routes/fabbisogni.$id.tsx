import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { formatScore, NeedStatusBadge, PriorityFormula, ScoreRadios, TextareaField } from "~/components/need-parts";
import { parseId } from "~/domain/ids";
import { AcceptNeedSchema, DiscardNeedSchema } from "~/domain/need-schema";
import { acceptProposedNeed, discardNeed, getNeed } from "~/models/need.server";
import { formatDate } from "~/utils/format";
import { notFound, readForm, unknownIntent } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "need:read:phase2");
  const id = parseId(params.id) ?? notFound();
  const need = (await getNeed({ scope, id })) ?? notFound();
  return { need, canManage: can(user.roles, "need:manage:phase2") };
}

type ActionData = { intent: "discard" | "accept"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "need:manage:phase2");
  const id = parseId(params.id) ?? notFound();
  // A need outside the facilitator's areas is 404 whatever the form says.
  if (!(await getNeed({ scope, id }))) notFound();
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const invalid = (body: ActionData) => data(body, { status: 400 });
  if (intent === "discard") {
    const submission = parseWithZod(formData, { schema: DiscardNeedSchema });
    if (submission.status !== "success") return invalid({ intent, result: submission.reply() });
    const outcome = (await discardNeed({ scope, actor, id, reason: submission.value.reason })) ?? notFound();
    if (!outcome.ok) return invalid({ intent, result: submission.reply({ formErrors: [outcome.message] }) });
    return redirect(`/fabbisogni/${id}?esito=scartato`);
  }
  if (intent === "accept") {
    formData.set("needId", String(id));
    const submission = parseWithZod(formData, { schema: AcceptNeedSchema });
    if (submission.status !== "success") return invalid({ intent, result: submission.reply() });
    const { impact, feasibility } = submission.value;
    const outcome = (await acceptProposedNeed({ scope, actor, id, impact, feasibility })) ?? notFound();
    if (!outcome.ok) return invalid({ intent, result: submission.reply({ formErrors: [outcome.message] }) });
    return redirect(`/fabbisogni/${id}?esito=accettato`);
  }
  unknownIntent();
}

const OUTCOMES = ["creato", "uniti", "accettato", "scartato"] as const;

export default function NeedPage() {
  const { need, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const outcome = params.get("esito");
  const score = (v: number) => formatScore(v, i18n.language);
  const errors = (intent: ActionData["intent"]) => (actionData?.intent === intent ? errorsOf(actionData.result) : {});
  const w = need.formula.weights;
  const live = need.status === "OPEN" || need.status === "PROPOSED";
  const supports = need.sources.reduce((sum, s) => sum + (s.citizenRequest?.supportCount ?? 0), 0);
  const must = need.requirements.filter((r) => r.level === "MUST");
  const should = need.requirements.filter((r) => r.level === "SHOULD");
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ to: "/fabbisogni", label: t("needs.list.title") }]} current={need.title} />
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{need.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-slate-700">
          <NeedStatusBadge status={need.status} /> {t(`needs.scope.${need.scope}`)} · {need.area.name}
          {need.dimension ? ` · ${need.dimension.code} — ${need.dimension.title}` : ""} ·{" "}
          {t("needs.detail.created", { date: formatDate(need.createdAt, i18n.language) })}
        </p>
      </header>
      {outcome && (OUTCOMES as readonly string[]).includes(outcome) ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t(`needs.outcomes.${outcome}`)}
        </p>
      ) : null}
      {need.mergedInto ? (
        <p className="rounded border border-slate-400 bg-slate-50 p-3" data-testid="merged-into">
          {t("needs.detail.mergedInto")}{" "}
          <Link to={`/fabbisogni/${need.mergedInto.id}`} className="font-semibold text-brand-700 underline">
            {need.mergedInto.title}
          </Link>
        </p>
      ) : null}
      {need.status === "DISCARDED" && need.discardReason ? (
        <p className="rounded border border-slate-400 bg-slate-50 p-3">
          {t("needs.detail.discarded", { reason: need.discardReason })}
        </p>
      ) : null}

      <section aria-labelledby="description-title" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="description-title" className="text-xl font-semibold">
          {t("needs.fields.description")}
        </h2>
        <p className="whitespace-pre-line">{need.description}</p>
        <h3 className="font-semibold">{t("needs.detail.comuni", { count: need.organisations.length })}</h3>
        <p data-testid="need-comuni">{need.organisations.map((o) => o.organisation.name).join(", ")}</p>
      </section>

      <section aria-labelledby="priority-title" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="priority-title" className="text-xl font-semibold">
          {t("needs.detail.priority")}
        </h2>
        <table className="text-sm" data-testid="priority-breakdown">
          <caption className="sr-only">{t("needs.detail.priority")}</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-4">
                {t("needs.detail.criterion")}
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                {t("needs.detail.value")}
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                {t("needs.detail.weight")}
              </th>
              <th scope="col" className="py-1 text-right">
                {t("needs.detail.contribution")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["impact", need.impact, w.impact],
                ["feasibility", need.feasibility, w.feasibility],
                ["sharing", need.sharing, w.sharing],
              ] as const
            ).map(([key, value, weight]) => (
              <tr key={key}>
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  {t(`needs.fields.${key}`)}
                </th>
                <td className="py-1 pr-4 text-right">{score(value)}</td>
                <td className="py-1 pr-4 text-right">{score(weight)}</td>
                <td className="py-1 text-right">{score(value * weight)}</td>
              </tr>
            ))}
            <tr className="border-t border-slate-300 font-semibold">
              <th scope="row" className="py-1 pr-4 text-left">
                {t("needs.fields.priority")}
              </th>
              <td colSpan={3} className="py-1 text-right">
                {score(need.priority)}
              </td>
            </tr>
          </tbody>
        </table>
        <PriorityFormula weights={w} comuni={need.formula.comuni} />
        {supports > 0 ? <p className="text-sm">{t("needs.detail.supports", { count: supports })}</p> : null}
      </section>

      <section aria-labelledby="sources-title" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="sources-title" className="text-xl font-semibold">
          {t("needs.detail.sources", { count: need.sources.length })}
        </h2>
        <ul className="space-y-2" data-testid="need-sources">
          {need.sources.map((s) => (
            <li key={s.id} className="border-l-4 border-brand-600 pl-3">
              <p className="font-semibold">{t(`needs.sourceKinds.${s.kind}`)}</p>
              {s.assessmentItem ? (
                <p className="text-sm">
                  {s.assessmentItem.code}: {s.assessmentItem.question}
                </p>
              ) : null}
              {s.citizenRequest ? (
                <p className="text-sm">
                  {t("needs.detail.request", {
                    id: s.citizenRequest.id,
                    comune: s.citizenRequest.comune,
                    topic: t(`needs.topics.${s.citizenRequest.topic}`),
                    date: formatDate(s.citizenRequest.createdAt, i18n.language),
                  })}{" "}
                  {s.citizenRequest.publicSummary ? (
                    <>«{s.citizenRequest.publicSummary}»</>
                  ) : (
                    <em>{t("needs.detail.requestNotPublished")}</em>
                  )}
                </p>
              ) : null}
              {s.note ? <p className="whitespace-pre-line text-sm">{s.note}</p> : null}
            </li>
          ))}
        </ul>
        {need.merged.length > 0 ? (
          <>
            <h3 className="font-semibold">{t("needs.detail.mergedFrom")}</h3>
            <ul className="list-disc pl-6 text-sm" data-testid="merged-from">
              {need.merged.map((m) => (
                <li key={m.id}>
                  <Link to={`/fabbisogni/${m.id}`} className="text-brand-700 underline">
                    {m.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="requirements-title" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="requirements-title" className="text-xl font-semibold">
          {t("needs.detail.requirements")}
        </h2>
        {need.requirements.length === 0 ? <p className="text-sm">{t("needs.detail.noRequirements")}</p> : null}
        {(
          [
            ["must", must],
            ["should", should],
          ] as const
        ).map(([key, list]) =>
          list.length > 0 ? (
            <div key={key}>
              <h3 className="font-semibold">{t(`needs.fields.${key}`)}</h3>
              <ul className="list-disc pl-6 text-sm">
                {list.map((r, i) => (
                  <li key={i}>{r.text}</li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
        <h3 className="font-semibold">{t("needs.detail.constraints")}</h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt>{t("needs.fields.budgetCap")}</dt>
          <dd>
            {need.budgetCapEuro === null
              ? t("needs.detail.notSet")
              : new Intl.NumberFormat(i18n.language, {
                  style: "currency",
                  currency: "EUR",
                  maximumFractionDigits: 0,
                }).format(need.budgetCapEuro)}
          </dd>
          <dt>{t("needs.fields.timeCap")}</dt>
          <dd>
            {need.timeCapMonths === null
              ? t("needs.detail.notSet")
              : t("needs.detail.months", { count: need.timeCapMonths })}
          </dd>
        </dl>
      </section>

      {canManage && live ? (
        <section aria-labelledby="manage-title" className="space-y-4">
          <h2 id="manage-title" className="text-xl font-semibold">
            {t("needs.detail.manage")}
          </h2>
          {need.status === "PROPOSED" ? (
            <Form method="post" className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="accept-title">
              <h3 id="accept-title" className="font-semibold">
                {t("needs.accept.detailTitle")}
              </h3>
              <p className="text-sm text-slate-700">{t("needs.accept.intro")}</p>
              <input type="hidden" name="intent" value="accept" />
              <ScoreRadios
                name="impact"
                legend={t("needs.fields.impact")}
                hint={t("needs.form.impactHint")}
                errors={errors("accept").impact}
                defaultValue={String(need.impact)}
              />
              <ScoreRadios
                name="feasibility"
                legend={t("needs.fields.feasibility")}
                hint={t("needs.form.feasibilityHint")}
                errors={errors("accept").feasibility}
                defaultValue={String(need.feasibility)}
              />
              <ErrorList errors={errors("accept")[""]} />
              <button type="submit" className={buttonClass}>
                {t("needs.accept.submit")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="discard-title">
            <h3 id="discard-title" className="font-semibold">
              {t("needs.discard.title")}
            </h3>
            <input type="hidden" name="intent" value="discard" />
            <TextareaField
              label={t("needs.discard.reason")}
              textareaProps={{ id: "reason", name: "reason", rows: 3, maxLength: 500 }}
              errors={errors("discard").reason}
            />
            <ErrorList errors={errors("discard")[""]} />
            <button
              type="submit"
              className="inline-flex items-center justify-center rounded border border-red-800 px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
            >
              {t("needs.discard.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.need.title ?? "Fabbisogno"} — Capacitas` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf, FilterSelect } from "~/components/forms";
import { formatScore, NeedStatusBadge, PriorityFormula } from "~/components/need-parts";
import { AREA_COMUNI, DEFAULT_PRIORITY_WEIGHTS } from "~/domain/assessment-scoring";
import {
  AcceptNeedSchema,
  MergeNeedsSchema,
  NEED_SCOPES,
  NEED_SOURCE_KINDS,
  NEED_STATUSES,
  NeedFiltersSchema,
  needFiltersOf,
} from "~/domain/need-schema";
import { parseTableParams } from "~/domain/table-params";
import {
  acceptProposedNeed,
  comuniOfNeeds,
  mergeNeeds,
  needDimensions,
  needRegister,
  priorityFormulas,
} from "~/models/need.server";
import { badRequest, notFound, readForm, unknownIntent } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "need:read:phase2");
  const url = new URL(request.url);
  const parsed = parseTableParams(NeedFiltersSchema, url.searchParams);
  if (!parsed.ok) badRequest(parsed.errors);
  const [needs, comuni, dimensions] = await Promise.all([
    needRegister({ scope, filters: needFiltersOf(parsed.value) }),
    comuniOfNeeds({ scope }),
    needDimensions(),
  ]);
  return {
    // The constraints go to the exports only.
    needs: needs.map(({ budgetCapEuro: _b, timeCapMonths: _t, ...n }) => n),
    comuni,
    dimensions,
    filters: parsed.value,
    formulas: await priorityFormulas({ areaIds: needs.map((n) => n.areaId) }),
    // The filters travel to the exports, so a download holds what the screen shows.
    query: url.search,
    can: {
      manage: can(user.roles, "need:manage:phase2"),
      propose: can(user.roles, "need:propose:phase2"),
      moderate: can(user.roles, "citizen:moderate:phase2"),
    },
  };
}

type ActionData = { intent: "merge" | "accept"; needId?: number; result: SubmissionResult<string[]> };

const invalid = (body: ActionData) => data(body, { status: 400 });

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "need:manage:phase2");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "merge") {
    const submission = parseWithZod(formData, { schema: MergeNeedsSchema });
    if (submission.status !== "success") return invalid({ intent, result: submission.reply() });
    const { targetId, needIds } = submission.value;
    const mergedIds = needIds.filter((id) => id !== targetId);
    if (mergedIds.length === 0) {
      return invalid({
        intent,
        result: submission.reply({
          fieldErrors: { needIds: ["Spunta almeno un fabbisogno oltre a quello che resta."] },
        }),
      });
    }
    const outcome = await mergeNeeds({ scope, actor, targetId, mergedIds });
    if (!outcome) notFound();
    if (!outcome.ok) return invalid({ intent, result: submission.reply({ formErrors: [outcome.message] }) });
    return redirect(`/fabbisogni/${targetId}?esito=uniti`);
  }
  if (intent === "accept") {
    const submission = parseWithZod(formData, { schema: AcceptNeedSchema });
    if (submission.status !== "success") {
      const raw = Number(formData.get("needId"));
      return invalid({ intent, needId: Number.isSafeInteger(raw) ? raw : undefined, result: submission.reply() });
    }
    const { needId, impact, feasibility } = submission.value;
    const outcome = await acceptProposedNeed({ scope, actor, id: needId, impact, feasibility });
    if (!outcome) notFound();
    if (!outcome.ok) return invalid({ intent, needId, result: submission.reply({ formErrors: [outcome.message] }) });
    return redirect(`/fabbisogni/${needId}?esito=accettato`);
  }
  unknownIntent();
}

type Need = ReturnType<typeof useLoaderData<typeof loader>>["needs"][number];

const linkClass =
  "inline-flex items-center justify-center rounded border border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50";

/** The register's table, inside the merge form for those who manage needs. */
function MergeForm({ enabled, children }: { enabled: boolean; children: React.ReactNode }) {
  if (!enabled) return <div className="space-y-3">{children}</div>;
  // No `action`: Remix posts to this index route (`?index`) and keeps the filters.
  return (
    <Form method="post" className="space-y-3">
      <input type="hidden" name="intent" value="merge" />
      {children}
    </Form>
  );
}

function Comuni({ names }: { names: string[] }) {
  const { t } = useTranslation();
  if (names.length <= 3) return <>{names.join(", ")}</>;
  return (
    <details>
      <summary className="cursor-pointer">{t("needs.list.comuniCount", { count: names.length })}</summary>
      <p className="mt-1">{names.join(", ")}</p>
    </details>
  );
}

function ScoreSelect({ name, id, label, errors }: { name: string; id: string; label: string; errors?: string[] }) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue="3"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
      >
        {[1, 2, 3, 4, 5].map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A need the app proposed from a shared gap: the facilitator accepts it with its scores. */
function ProposedNeed({ need, lastResult }: { need: Need; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const errors = errorsOf(lastResult);
  return (
    <li className="rounded border border-amber-700 bg-white p-3" data-testid={`proposed-${need.id}`}>
      <p>
        <Link to={`/fabbisogni/${need.id}`} className="font-semibold text-brand-700 underline">
          {need.title}
        </Link>{" "}
        · {t("needs.list.comuniCount", { count: need.comuni.length })}
      </p>
      <Form
        method="post"
        className="mt-2 flex flex-wrap items-end gap-3"
        aria-label={t("needs.accept.form", { title: need.title })}
      >
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="needId" value={need.id} />
        <ScoreSelect name="impact" id={`impact-${need.id}`} label={t("needs.fields.impact")} errors={errors.impact} />
        <ScoreSelect
          name="feasibility"
          id={`feasibility-${need.id}`}
          label={t("needs.fields.feasibility")}
          errors={errors.feasibility}
        />
        <button type="submit" className={buttonClass}>
          {t("needs.accept.submit")}
        </button>
        <ErrorList errors={[...(errors[""] ?? []), ...(errors.needId ?? [])]} />
      </Form>
    </li>
  );
}

export default function NeedsRegisterPage() {
  const { needs, comuni, dimensions, filters, formulas, query, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const score = (v: number) => formatScore(v, i18n.language);
  const proposed = can.manage ? needs.filter((n) => n.status === "PROPOSED") : [];
  const mergeable = needs.filter((n) => n.status !== "MERGED" && n.status !== "DISCARDED");
  const mergeErrors = actionData?.intent === "merge" ? errorsOf(actionData.result) : {};
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("needs.list.title")}</h1>
        <div className="flex flex-wrap gap-2">
          {can.moderate ? (
            <Link to="/fabbisogni/richieste" className={linkClass}>
              {t("needs.list.moderation")}
            </Link>
          ) : null}
          {can.propose ? (
            <Link to="/fabbisogni/nuovo" className={buttonClass}>
              {t("needs.list.new")}
            </Link>
          ) : null}
        </div>
      </div>

      <Form method="get" role="search" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <FilterSelect
          id="comune"
          name="comune"
          label={t("needs.filters.comune")}
          value={filters.comune}
          allLabel={t("common.all")}
          options={comuni.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          id="dimensione"
          name="dimensione"
          label={t("needs.filters.dimension")}
          value={filters.dimensione}
          allLabel={t("common.all")}
          options={dimensions.map((d) => ({ value: d.code, label: `${d.code} — ${d.title}` }))}
        />
        <FilterSelect
          id="fonte"
          name="fonte"
          label={t("needs.filters.source")}
          value={filters.fonte}
          allLabel={t("common.all")}
          options={Object.keys(NEED_SOURCE_KINDS).map((k) => ({ value: k, label: t(`needs.sourceKinds.${k}`) }))}
        />
        <FilterSelect
          id="stato"
          name="stato"
          label={t("needs.filters.status")}
          value={filters.stato}
          allLabel={t("needs.filters.live")}
          options={Object.keys(NEED_STATUSES).map((k) => ({ value: k, label: t(`needs.status.${k}`) }))}
        />
        <FilterSelect
          id="ambito"
          name="ambito"
          label={t("needs.filters.scope")}
          value={filters.ambito}
          allLabel={t("common.all")}
          options={Object.keys(NEED_SCOPES).map((k) => ({ value: k, label: t(`needs.scope.${k}`) }))}
        />
        <button type="submit" className={buttonClass}>
          {t("common.filter")}
        </button>
        <Link to="/fabbisogni" className="py-2 text-sm underline">
          {t("common.reset")}
        </Link>
      </Form>

      <section aria-labelledby="formula-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="formula-title" className="font-semibold">
          {t("needs.formula.title")}
        </h2>
        {formulas.length === 0 ? (
          <PriorityFormula weights={DEFAULT_PRIORITY_WEIGHTS} comuni={AREA_COMUNI} />
        ) : (
          formulas.map((f) => (
            <PriorityFormula
              key={f.areaId}
              weights={f.weights}
              comuni={f.comuni}
              area={formulas.length > 1 ? f.area : undefined}
            />
          ))
        )}
        <p className="mt-1 text-sm text-slate-700">{t("needs.formula.weightsNote")}</p>
      </section>

      {proposed.length > 0 ? (
        <section aria-labelledby="proposed-title" className="space-y-2">
          <h2 id="proposed-title" className="text-xl font-semibold">
            {t("needs.accept.title", { count: proposed.length })}
          </h2>
          <p className="text-sm text-slate-700">{t("needs.accept.intro")}</p>
          <ul className="space-y-2">
            {proposed.map((n) => (
              <ProposedNeed
                key={n.id}
                need={n}
                lastResult={
                  actionData?.intent === "accept" && actionData.needId === n.id ? actionData.result : undefined
                }
              />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="register-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="register-title" className="text-xl font-semibold">
            {t("needs.list.count", { count: needs.length })}
          </h2>
          <p className="flex flex-wrap gap-3 text-sm">
            <a
              href={`/fabbisogni/esporta/fabbisogni.csv${query}`}
              className="underline"
              data-testid="export-csv"
              download
            >
              {t("needs.list.exportCsv")}
            </a>
            <a
              href={`/fabbisogni/esporta/fabbisogni.xlsx${query}`}
              className="underline"
              data-testid="export-xlsx"
              download
            >
              {t("needs.list.exportXlsx")}
            </a>
          </p>
        </div>
        <MergeForm enabled={can.manage}>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="needs-table">
              <caption className="sr-only">{t("needs.list.caption")}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  {can.manage ? (
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">{t("needs.merge.select")}</span>
                    </th>
                  ) : null}
                  <th scope="col" className="px-3 py-2">
                    {t("needs.fields.title")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("needs.fields.comuni")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("needs.fields.sources")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("needs.fields.impact")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("needs.fields.feasibility")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("needs.fields.sharing")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right" aria-sort="descending">
                    {t("needs.fields.priority")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("needs.fields.status")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {needs.length === 0 ? (
                  <tr>
                    <td colSpan={can.manage ? 9 : 8} className="px-3 py-6 text-center text-slate-700">
                      {t("needs.list.empty")}
                    </td>
                  </tr>
                ) : (
                  needs.map((n) => (
                    <tr key={n.id} data-testid={`need-${n.id}`}>
                      {can.manage ? (
                        <td className="px-3 py-2 align-top">
                          {n.status !== "MERGED" && n.status !== "DISCARDED" ? (
                            <input
                              type="checkbox"
                              name="needIds"
                              value={n.id}
                              aria-label={t("needs.merge.tick", { title: n.title })}
                              className="h-4 w-4"
                            />
                          ) : null}
                        </td>
                      ) : null}
                      <th scope="row" className="px-3 py-2 text-left align-top font-medium">
                        <Link to={`/fabbisogni/${n.id}`} className="text-brand-700 underline">
                          {n.title}
                        </Link>
                        <span className="block text-xs font-normal text-slate-700">
                          {t(`needs.scope.${n.scope}`)}
                          {n.dimension ? ` · ${n.dimension}` : ""}
                        </span>
                      </th>
                      <td className="px-3 py-2 align-top">
                        <Comuni names={n.comuni} />
                      </td>
                      <td className="px-3 py-2 align-top">
                        {n.sources
                          .map((s) => `${t(`needs.sourceKinds.${s.kind}`)}${s.count > 1 ? ` (${s.count})` : ""}`)
                          .join(", ")}
                      </td>
                      <td className="px-3 py-2 text-right align-top">{n.impact}</td>
                      <td className="px-3 py-2 text-right align-top">{n.feasibility}</td>
                      <td className="px-3 py-2 text-right align-top">{score(n.sharing)}</td>
                      <td className="px-3 py-2 text-right align-top font-semibold">{score(n.priority)}</td>
                      <td className="px-3 py-2 align-top">
                        <NeedStatusBadge status={n.status} />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          {can.manage && mergeable.length > 1 ? (
            <fieldset className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
              <legend className="font-semibold">{t("needs.merge.title")}</legend>
              <p className="text-sm text-slate-700">{t("needs.merge.intro")}</p>
              <ErrorList id="needIds-error" errors={mergeErrors.needIds} />
              <div>
                <label htmlFor="targetId" className="block text-sm font-semibold">
                  {t("needs.merge.target")}
                </label>
                <select
                  id="targetId"
                  name="targetId"
                  defaultValue=""
                  aria-invalid={mergeErrors.targetId ? true : undefined}
                  aria-describedby={mergeErrors.targetId ? "targetId-error" : undefined}
                  className="mt-1 block w-full max-w-xl rounded border border-slate-400 bg-white px-3 py-2"
                >
                  <option value="">—</option>
                  {mergeable.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.title}
                    </option>
                  ))}
                </select>
                <ErrorList id="targetId-error" errors={mergeErrors.targetId} />
              </div>
              <ErrorList errors={mergeErrors[""]} />
              <button type="submit" className={buttonClass}>
                {t("needs.merge.submit")}
              </button>
            </fieldset>
          ) : null}
        </MergeForm>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Fabbisogni — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf, FilterSelect } from "~/components/forms";
import { TextareaField } from "~/components/need-parts";
import { personalDataWarnings, REJECT_REASONS, SUMMARY_MAX, TOPICS } from "~/domain/citizen-request";
import { ALL_STATUSES, QUEUE_PAGE_SIZE, QueueFiltersSchema, REQUEST_STATUSES } from "~/domain/moderation-schema";
import { parseTableParams } from "~/domain/table-params";
import { listModerationQueue, mergeTargets, moderatedComuni } from "~/models/citizen-moderation.server";
import { linkableNeeds } from "~/models/need.server";
import { formatDate } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import type { ActionData } from "./fabbisogni.richieste.actions.server";

export { action } from "./fabbisogni.richieste.actions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "citizen:moderate:phase2");
  const parsed = parseTableParams(QueueFiltersSchema, new URL(request.url).searchParams);
  if (!parsed.ok) badRequest(parsed.errors);
  const f = parsed.value;
  const [queue, comuni] = await Promise.all([
    listModerationQueue({
      scope,
      query: {
        organisationId: f.comune,
        status: f.stato === ALL_STATUSES ? null : f.stato,
        topic: f.argomento,
        page: f.pagina,
      },
    }),
    moderatedComuni({ scope }),
  ]);
  const organisationIds = [...new Set(queue.rows.map((r) => r.organisation.id))];
  const areaIds = [...new Set(queue.rows.map((r) => r.organisation.areaId))];
  const [targets, needs] = await Promise.all([
    mergeTargets({ scope, organisationIds }),
    linkableNeeds({ scope, areaIds }),
  ]);
  return {
    ...queue,
    rows: queue.rows.map((r) => ({ ...r, textWarnings: personalDataWarnings(r.text) })),
    targets,
    needs,
    comuni,
    filters: f,
    canCreateNeed: can(user.roles, "need:propose:phase2"),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Data["rows"][number];

const secondaryButton =
  "inline-flex items-center justify-center rounded border border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50";

const OUTCOMES = ["approvata", "respinta", "spam", "unita", "collegata"] as const;

function Select({
  id,
  name,
  label,
  options,
  errors,
}: {
  id: string;
  name: string;
  label: string;
  options: { value: string | number; label: string }[];
  errors?: string[];
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="w-full min-w-0 sm:flex-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue=""
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** One request of the queue: what the citizen wrote, and the actions its state allows. */
function RequestCard({ r, data, last }: { r: Row; data: Data; last?: ActionData }) {
  const { t, i18n } = useTranslation();
  const errorsFor = (intent: ActionData["intent"]) => (last?.intent === intent ? errorsOf(last.result) : {});
  const approve = errorsFor("approve");
  const warnings = last?.intent === "approve" ? last.warnings : [];
  const typed = last?.intent === "approve" ? (last.result.initialValue?.summary as string | undefined) : undefined;
  const targets = data.targets.filter((x) => x.organisationId === r.organisation.id && x.id !== r.id);
  const needs = data.needs.filter((n) => n.areaId === r.organisation.areaId);
  const waiting = r.status === "RECEIVED";
  const linkable = (waiting || r.status === "APPROVED") && r.need === null;
  const title = t("needs.queue.requestTitle", { id: r.id });
  const formErrors = last ? (errorsOf(last.result)[""] ?? []) : [];
  return (
    <li
      id={`richiesta-${r.id}`}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
      data-testid={`request-${r.id}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`richiesta-${r.id}-title`} className="text-lg font-semibold">
          {title}
        </h3>
        <span className="rounded border border-slate-500 px-1.5 py-0.5 text-xs font-semibold">
          {t(`needs.requestStatus.${r.status}`)}
        </span>
      </div>
      <p className="text-sm text-slate-700">
        {r.organisation.name} · {t(`needs.topics.${r.topic}`)} · {t(`needs.channels.${r.channel}`)} ·{" "}
        {formatDate(r.createdAt, i18n.language)}
        {r.supportCount > 0 ? ` · ${t("needs.queue.supports", { count: r.supportCount })}` : ""}
      </p>
      {r.held ? <p className="text-sm font-semibold text-amber-900">{t("needs.queue.held")}</p> : null}
      <figure>
        <figcaption className="text-sm font-semibold">{t("needs.queue.original")}</figcaption>
        <blockquote className="mt-1 whitespace-pre-line border-l-4 border-slate-300 pl-3" data-testid="request-text">
          {r.text}
        </blockquote>
        {r.currentContact ? (
          <p className="mt-1 text-sm">{t("needs.queue.currentContact", { contact: r.currentContact })}</p>
        ) : null}
      </figure>
      {r.textWarnings.length > 0 ? (
        <p className="text-sm text-amber-900">
          <span aria-hidden="true">⚠ </span>
          {t("needs.queue.textWarnings", {
            kinds: r.textWarnings.map((k) => t(`needs.pii.${k}`)).join(", "),
          })}
        </p>
      ) : null}

      {r.status === "APPROVED" && r.publicSummary ? (
        <p className="text-sm">
          <span className="font-semibold">{t("needs.queue.published")}</span> «{r.publicSummary}»
        </p>
      ) : null}
      {r.status === "REJECTED" && r.rejectReason ? (
        <p className="text-sm">
          {t("needs.queue.rejectedFor", { reason: t(`needs.rejectReasons.${r.rejectReason}`) })}
        </p>
      ) : null}
      {r.status === "MERGED" && r.mergedIntoId ? (
        <p className="text-sm">{t("needs.queue.mergedInto", { id: r.mergedIntoId })}</p>
      ) : null}
      {r.need ? (
        <p className="text-sm">
          {t("needs.queue.linkedTo")}{" "}
          <Link to={`/fabbisogni/${r.need.id}`} className="text-brand-700 underline">
            {r.need.title}
          </Link>
        </p>
      ) : null}
      <ErrorList errors={formErrors} />

      {waiting ? (
        <Form method="post" className="space-y-2" aria-label={t("needs.queue.approveForm", { id: r.id })}>
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="requestId" value={r.id} />
          <TextareaField
            label={t("needs.queue.summary")}
            hint={t("needs.queue.summaryHint", { max: SUMMARY_MAX })}
            textareaProps={{
              id: `summary-${r.id}`,
              name: "summary",
              rows: 3,
              maxLength: SUMMARY_MAX,
              defaultValue: typed ?? "",
              key: `summary-${r.id}-${typed ?? ""}`,
            }}
            errors={approve.summary}
          />
          {warnings.length > 0 ? (
            <div className="rounded border border-amber-700 bg-amber-50 p-3 text-sm" data-testid="pii-warnings">
              <p className="font-semibold">{t("needs.queue.piiTitle")}</p>
              <ul className="list-disc pl-6">
                {warnings.map((k) => (
                  <li key={k}>{t(`needs.pii.${k}`)}</li>
                ))}
              </ul>
              <label className="mt-2 flex items-start gap-2">
                <input type="checkbox" name="confirmPersonalData" className="mt-1 h-4 w-4" />
                {t("needs.queue.piiConfirm")}
              </label>
            </div>
          ) : null}
          <button type="submit" className={buttonClass}>
            {t("needs.queue.approve")}
          </button>
        </Form>
      ) : null}
      {waiting ? (
        <div className="flex flex-wrap items-end gap-4">
          <Form
            method="post"
            className="flex w-full flex-col gap-2 sm:flex-1 sm:flex-row sm:items-end"
            aria-label={t("needs.queue.rejectForm", { id: r.id })}
          >
            <input type="hidden" name="intent" value="reject" />
            <input type="hidden" name="requestId" value={r.id} />
            <Select
              id={`reason-${r.id}`}
              name="rejectReason"
              label={t("needs.queue.rejectReason")}
              options={Object.keys(REJECT_REASONS).map((k) => ({ value: k, label: t(`needs.rejectReasons.${k}`) }))}
              errors={errorsFor("reject").rejectReason}
            />
            <button type="submit" className={secondaryButton}>
              {t("needs.queue.reject")}
            </button>
          </Form>
          <Form method="post" aria-label={t("needs.queue.spamForm", { id: r.id })}>
            <input type="hidden" name="intent" value="spam" />
            <input type="hidden" name="requestId" value={r.id} />
            <button type="submit" className={secondaryButton}>
              {t("needs.queue.spam")}
            </button>
          </Form>
        </div>
      ) : null}
      {waiting && targets.length > 0 ? (
        <Form
          method="post"
          className="flex w-full flex-col gap-2 sm:flex-row sm:items-end"
          aria-label={t("needs.queue.mergeForm", { id: r.id })}
        >
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="requestId" value={r.id} />
          <Select
            id={`target-${r.id}`}
            name="targetId"
            label={t("needs.queue.mergeTarget")}
            options={targets.map((x) => ({
              value: x.id,
              label: `${t("needs.queue.requestTitle", { id: x.id })} · ${t(`needs.topics.${x.topic}`)} · ${formatDate(x.createdAt, i18n.language)}`,
            }))}
            errors={errorsFor("merge").targetId}
          />
          <button type="submit" className={secondaryButton}>
            {t("needs.queue.merge")}
          </button>
        </Form>
      ) : null}
      {linkable ? (
        <div className="flex flex-wrap items-end gap-4">
          {needs.length > 0 ? (
            <Form
              method="post"
              className="flex w-full flex-col gap-2 sm:flex-1 sm:flex-row sm:items-end"
              aria-label={t("needs.queue.linkForm", { id: r.id })}
            >
              <input type="hidden" name="intent" value="link" />
              <input type="hidden" name="requestId" value={r.id} />
              <Select
                id={`need-${r.id}`}
                name="needId"
                label={t("needs.queue.linkNeed")}
                options={needs.map((n) => ({ value: n.id, label: n.title }))}
                errors={errorsFor("link").needId}
              />
              <button type="submit" className={secondaryButton}>
                {t("needs.queue.link")}
              </button>
            </Form>
          ) : null}
          {data.canCreateNeed ? (
            <Link to={`/fabbisogni/nuovo?richiesta=${r.id}`} className="py-2 font-semibold text-brand-700 underline">
              {t("needs.queue.createNeed")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export default function ModerationQueuePage() {
  const data = useLoaderData<typeof loader>();
  const last = useActionData<ActionData>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { rows, filters, comuni, pending, total, pages } = data;
  const outcome = searchParams.get("esito");
  const pageHref = (page: number) => {
    const p = new URLSearchParams(searchParams);
    p.delete("esito");
    p.set("pagina", String(page));
    return `/fabbisogni/richieste?${p}`;
  };
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ to: "/fabbisogni", label: t("needs.list.title") }]} current={t("needs.queue.title")} />
      <h1 className="text-2xl font-bold">{t("needs.queue.title")}</h1>
      <p className="text-slate-700">{t("needs.queue.intro")}</p>
      <p className="text-lg font-semibold" data-testid="pending-count" aria-live="polite">
        {t("needs.queue.pending", { count: pending })}
      </p>
      {outcome && (OUTCOMES as readonly string[]).includes(outcome) ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t(`needs.queue.outcomes.${outcome}`)}
        </p>
      ) : null}
      {last?.requestId ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-800">
          {t("needs.queue.errorSummary")}{" "}
          <a href={`#richiesta-${last.requestId}`} className="font-semibold underline">
            {t("needs.queue.requestTitle", { id: last.requestId })}
          </a>
        </p>
      ) : null}

      <Form method="get" role="search" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <FilterSelect
          id="comune"
          name="comune"
          label={t("needs.filters.comune")}
          value={filters.comune}
          allLabel={t("common.all")}
          options={comuni.map((c) => ({ value: c.id, label: c.name }))}
        />
        <div>
          <label htmlFor="stato" className="block text-sm font-semibold">
            {t("needs.filters.status")}
          </label>
          <select
            id="stato"
            name="stato"
            defaultValue={filters.stato}
            className="mt-1 max-w-xs rounded border border-slate-400 bg-white px-3 py-2"
          >
            {Object.keys(REQUEST_STATUSES).map((k) => (
              <option key={k} value={k}>
                {t(`needs.requestStatus.${k}`)}
              </option>
            ))}
            <option value={ALL_STATUSES}>{t("needs.queue.allStatuses")}</option>
          </select>
        </div>
        <FilterSelect
          id="argomento"
          name="argomento"
          label={t("needs.filters.topic")}
          value={filters.argomento}
          allLabel={t("common.all")}
          options={Object.keys(TOPICS).map((k) => ({ value: k, label: t(`needs.topics.${k}`) }))}
        />
        <button type="submit" className={buttonClass}>
          {t("common.filter")}
        </button>
        <Link to="/fabbisogni/richieste" className="py-2 text-sm underline">
          {t("common.reset")}
        </Link>
      </Form>

      <section aria-labelledby="requests-title" className="space-y-3">
        <h2 id="requests-title" className="text-xl font-semibold">
          {t("needs.queue.count", { count: total })}
        </h2>
        {rows.length === 0 ? (
          <p className="rounded bg-white p-4 shadow-sm">{t("needs.queue.empty")}</p>
        ) : (
          <ul className="space-y-4">
            {rows.map((r) => (
              <RequestCard key={r.id} r={r} data={data} last={last?.requestId === r.id ? last : undefined} />
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t("table.pagination")} className="flex flex-wrap items-center gap-3 text-sm">
            {filters.pagina > 1 ? (
              <Link
                to={pageHref(filters.pagina - 1)}
                rel="prev"
                className="rounded border border-slate-400 bg-white px-3 py-1"
              >
                {t("table.prev")}
              </Link>
            ) : null}
            <span>{t("table.page", { page: filters.pagina, pages })}</span>
            {filters.pagina < pages ? (
              <Link
                to={pageHref(filters.pagina + 1)}
                rel="next"
                className="rounded border border-slate-400 bg-white px-3 py-1"
              >
                {t("table.next")}
              </Link>
            ) : null}
            <span className="text-slate-700">{t("needs.queue.perPage", { count: QUEUE_PAGE_SIZE })}</span>
          </nav>
        ) : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Richieste dei cittadini — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

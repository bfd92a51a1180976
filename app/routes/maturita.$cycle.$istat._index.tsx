import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { EVIDENCE_KINDS, NOTE_MAX, REASON_MAX } from "~/domain/assessment-form";
import { KIND_LEVELS } from "~/domain/assessment-content-schema";
import { parseId } from "~/domain/ids";
import { getAssessmentPage, parseIstat } from "~/models/assessment-page.server";
import { facilitates } from "~/models/cycle.server";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import type { ActionData } from "./maturita.$cycle.$istat.actions.server";

export { action } from "./maturita.$cycle.$istat.actions.server";

const OPEN_FOR_SUBMIT = new Set(["NOT_STARTED", "IN_PROGRESS", "REOPENED"]);

/**
 * A comune's assessment, one dimension at a time (`?dimensione=ORG`): its referent fills
 * it, a facilitator of the cycle fills it on the comune's behalf (with a reason), validates
 * or reopens it; a coordinator reads it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "assessment:read:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const istat = parseIstat(params.istat) ?? notFound();
  const dimensionCode = new URL(request.url).searchParams.get("dimensione");
  const page = (await getAssessmentPage({ scope, cycleId, istat, dimensionCode })) ?? notFound();
  const { status, organisationId } = page.assessment;
  const own = can(user.roles, "assessment:fill:phase2") && scope.organisationId === organisationId;
  const facilitator =
    can(user.roles, "assessment:validate:phase2") && (await facilitates({ userId: user.id, cycleId }));
  const open = page.assessment.cycle.status === "OPEN";
  const editable = open && status !== "VALIDATED" && ((own && status !== "SUBMITTED") || facilitator);
  return {
    ...page,
    can: {
      edit: editable,
      onBehalf: editable && !own,
      submit: editable && OPEN_FOR_SUBMIT.has(status),
      validate: open && facilitator && status === "SUBMITTED",
      reopen: open && facilitator && (status === "SUBMITTED" || status === "VALIDATED"),
    },
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = LoaderData["items"][number];

const OUTCOMES = ["salvata", "inviata", "validata", "riaperta", "evidenza", "evidenza-rimossa"] as const;

/** What a field shows: what was just posted (a refused save keeps it), else what is stored. */
function shownValue(item: Item, posted: Record<string, unknown> | undefined) {
  const a = item.answer;
  if (posted) {
    const str = (k: string) => (typeof posted[k] === "string" ? (posted[k] as string) : "");
    return {
      value: str("value"),
      raw: str("raw"),
      na: posted.na === "on",
      naReason: str("naReason"),
      note: str("note"),
    };
  }
  return {
    value: a?.value == null ? "" : String(a.value),
    raw: a?.rawNumber == null ? "" : String(a.rawNumber),
    na: a?.notApplicable ?? false,
    naReason: a?.naReason ?? "",
    note: a?.note ?? "",
  };
}

function ItemFields({
  item,
  errors,
  posted,
  disabled,
}: {
  item: Item;
  errors: Record<string, string[]>;
  posted: Record<string, unknown> | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const name = (field: string) => `answers.${item.code}.${field}`;
  const id = (field: string) => `${item.code}-${field}`;
  const shown = shownValue(item, posted);
  const errorsFor = (field: string) => errors[name(field)];
  const describedBy = (field: string) => (errorsFor(field)?.length ? `${id(field)}-error` : undefined);
  const numeric = item.kind === "COUNT" || item.kind === "PERCENT";
  const a = item.answer;
  return (
    <fieldset
      id={`item-${item.code}`}
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
      aria-describedby={item.help ? id("help") : undefined}
      data-testid={`item-${item.code}`}
    >
      <legend className="px-1 font-semibold">
        <span className="font-mono text-sm text-slate-700">{item.code}</span> {item.question}
      </legend>
      {item.help ? (
        <p id={id("help")} className="text-sm text-slate-700">
          {item.help}
        </p>
      ) : null}
      <p className="text-xs text-slate-700">
        {item.legalObligation ? <strong className="mr-2">{t("maturity.legalObligation")}</strong> : null}
        {item.deadline ? <span className="mr-2">{t("maturity.deadline", { date: item.deadline })}</span> : null}
        {item.references.length ? t("maturity.references", { list: item.references.join(" · ") }) : null}
      </p>
      {a?.sourceNote ? (
        <p className="rounded border border-amber-700 bg-amber-50 p-2 text-sm" data-testid={`prefill-${item.code}`}>
          {a.confirmed
            ? t("maturity.prefilledConfirmed", { source: a.sourceNote })
            : t("maturity.prefilled", { source: a.sourceNote })}
        </p>
      ) : null}
      {a?.source === "FACILITATED" && a.facilitatedReason ? (
        <p className="text-sm text-slate-700">{t("maturity.facilitatedAnswer", { reason: a.facilitatedReason })}</p>
      ) : null}
      {numeric ? (
        <div>
          <label htmlFor={id("raw")} className="block text-sm font-semibold">
            {t(item.kind === "PERCENT" ? "maturity.percent" : "maturity.count")}
          </label>
          {item.thresholds ? (
            <p id={id("thresholds")} className="text-sm text-slate-700">
              {t("maturity.thresholds", {
                list: item.thresholds.map((b, level) => `${level}: ≥ ${b}`).join(" · "),
              })}
            </p>
          ) : null}
          <input
            id={id("raw")}
            name={name("raw")}
            type="number"
            inputMode="decimal"
            min={0}
            max={item.kind === "PERCENT" ? 100 : undefined}
            step={item.kind === "PERCENT" ? "0.1" : "1"}
            defaultValue={shown.raw}
            disabled={disabled}
            aria-invalid={describedBy("raw") ? true : undefined}
            aria-describedby={
              [item.thresholds ? id("thresholds") : null, describedBy("raw")].filter(Boolean).join(" ") || undefined
            }
            className="mt-1 block w-40 rounded border border-slate-400 px-3 py-2"
          />
          <ErrorList id={describedBy("raw")} errors={errorsFor("raw")} />
        </div>
      ) : (
        <fieldset aria-describedby={describedBy("value")}>
          <legend className="text-sm font-semibold">{t("maturity.level")}</legend>
          <ul className="mt-1 space-y-1">
            {KIND_LEVELS[item.kind].map((level) => (
              <li key={level}>
                <label className="flex gap-2">
                  <input
                    type="radio"
                    name={name("value")}
                    value={level}
                    defaultChecked={shown.value === String(level)}
                    disabled={disabled}
                    className="mt-1"
                  />
                  <span>
                    <strong>{level}</strong> — {item.levelDescriptors[String(level)] ?? ""}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <ErrorList id={describedBy("value")} errors={errorsFor("value")} />
        </fieldset>
      )}
      {item.evidenceRequiredFrom !== null ? (
        <p className="text-sm text-slate-700">
          {t("maturity.evidenceRule", { level: item.evidenceRequiredFrom })}
          {item.evidenceHint ? ` ${item.evidenceHint}` : ""}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={name("na")} defaultChecked={shown.na} disabled={disabled} />
          {t("maturity.notApplicable")}
        </label>
        <div className="min-w-0 flex-1">
          <label htmlFor={id("naReason")} className="block text-sm font-semibold">
            {t("maturity.naReason")}
          </label>
          <input
            id={id("naReason")}
            name={name("naReason")}
            type="text"
            maxLength={REASON_MAX}
            defaultValue={shown.naReason}
            disabled={disabled}
            aria-invalid={describedBy("naReason") ? true : undefined}
            aria-describedby={describedBy("naReason")}
            className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
          />
          <ErrorList id={describedBy("naReason")} errors={errorsFor("naReason")} />
        </div>
      </div>
      <div>
        <label htmlFor={id("note")} className="block text-sm font-semibold">
          {t("maturity.note")}
        </label>
        <textarea
          id={id("note")}
          name={name("note")}
          rows={2}
          maxLength={NOTE_MAX}
          defaultValue={shown.note}
          disabled={disabled}
          aria-invalid={describedBy("note") ? true : undefined}
          aria-describedby={describedBy("note")}
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
        <ErrorList id={describedBy("note")} errors={errorsFor("note")} />
      </div>
    </fieldset>
  );
}

function EvidenceSection({
  item,
  base,
  dimension,
  editable,
  actionData,
}: {
  item: Item;
  base: string;
  dimension: string;
  editable: boolean;
  actionData: ActionData | undefined;
}) {
  const { t, i18n } = useTranslation();
  const evidence = item.answer?.evidence ?? [];
  const mine = actionData?.intent === "evidence" && actionData.itemCode === item.code;
  const errors = mine ? errorsOf(actionData.result) : {};
  const posted = mine ? (actionData.result.initialValue as Record<string, unknown> | undefined) : undefined;
  const id = (field: string) => `ev-${item.code}-${field}`;
  const err = (field: string) => (errors[field]?.length ? `${id(field)}-error` : undefined);
  const str = (k: string) => (typeof posted?.[k] === "string" ? (posted[k] as string) : "");
  if (!editable && evidence.length === 0) return null;
  return (
    <section
      aria-labelledby={id("title")}
      className="rounded-lg bg-white p-4 shadow-sm"
      data-testid={`evidence-${item.code}`}
    >
      <h3 id={id("title")} className="font-semibold">
        <span className="font-mono text-sm">{item.code}</span> {item.question}
      </h3>
      {evidence.length === 0 ? (
        <p className="text-sm">{t("maturity.noEvidence")}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {evidence.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-3 text-sm">
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold">
                {t(`maturity.evidenceKinds.${e.kind}`)}
              </span>
              {e.kind === "LINK" && e.url ? (
                <a href={e.url} className="text-brand-700 underline" rel="noopener noreferrer nofollow" target="_blank">
                  {e.title}
                </a>
              ) : e.kind === "FILE" ? (
                <a href={`${base}/prove/${e.id}`} className="text-brand-700 underline" download>
                  {e.title} ({e.fileName})
                </a>
              ) : (
                <span>
                  {e.title}
                  {e.kind === "ACT"
                    ? ` — n. ${e.actNumber}${e.actDate ? `, ${formatDate(e.actDate, i18n.language)}` : ""}`
                    : ""}
                  {e.kind === "TEXT" && e.text ? `: ${e.text}` : ""}
                </span>
              )}
              {editable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-evidence" />
                  <input type="hidden" name="dimension" value={dimension} />
                  <input type="hidden" name="evidenceId" value={e.id} />
                  <button type="submit" className="text-red-800 underline">
                    {t("maturity.removeEvidence", { title: e.title })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <details className="mt-3" open={mine}>
          <summary className="cursor-pointer font-semibold text-brand-700">{t("maturity.addEvidence")}</summary>
          <Form method="post" encType="multipart/form-data" className="mt-2 grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="add-evidence" />
            <input type="hidden" name="dimension" value={dimension} />
            <input type="hidden" name="itemCode" value={item.code} />
            <div>
              <label htmlFor={id("kind")} className="block text-sm font-semibold">
                {t("maturity.evidenceKind")}
              </label>
              <select
                id={id("kind")}
                name="kind"
                defaultValue={str("kind") || "LINK"}
                aria-describedby={err("kind")}
                className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
              >
                {EVIDENCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`maturity.evidenceKinds.${k}`)}
                  </option>
                ))}
              </select>
              <ErrorList id={err("kind")} errors={errors.kind} />
            </div>
            {(
              [
                ["title", "text"],
                ["url", "url"],
                ["actNumber", "text"],
                ["actDate", "date"],
              ] as const
            ).map(([field, type]) => (
              <div key={field}>
                <label htmlFor={id(field)} className="block text-sm font-semibold">
                  {t(`maturity.evidenceFields.${field}`)}
                </label>
                <input
                  id={id(field)}
                  name={field}
                  type={type}
                  defaultValue={str(field)}
                  aria-invalid={err(field) ? true : undefined}
                  aria-describedby={err(field)}
                  className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
                />
                <ErrorList id={err(field)} errors={errors[field]} />
              </div>
            ))}
            <div className="sm:col-span-2">
              <label htmlFor={id("text")} className="block text-sm font-semibold">
                {t("maturity.evidenceFields.text")}
              </label>
              <textarea
                id={id("text")}
                name="text"
                rows={2}
                defaultValue={str("text")}
                aria-invalid={err("text") ? true : undefined}
                aria-describedby={err("text")}
                className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
              />
              <ErrorList id={err("text")} errors={errors.text} />
            </div>
            <div className="sm:col-span-2">
              <label htmlFor={id("file")} className="block text-sm font-semibold">
                {t("maturity.evidenceFields.file")}
              </label>
              <p id={id("file-hint")} className="text-sm text-slate-700">
                {t("maturity.fileHint")}
              </p>
              <input
                id={id("file")}
                name="file"
                type="file"
                aria-invalid={err("file") ? true : undefined}
                aria-describedby={[id("file-hint"), err("file")].filter(Boolean).join(" ")}
                className="mt-1 block w-full"
              />
              <ErrorList id={err("file")} errors={errors.file} />
            </div>
            <p className="text-sm text-slate-700 sm:col-span-2">{t("maturity.evidenceFieldsHint")}</p>
            <ErrorList errors={errors[""]} />
            <div className="sm:col-span-2">
              <button type="submit" className={buttonClass}>
                {t("maturity.attach")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function StatusForms({ data, actionData }: { data: LoaderData; actionData: ActionData | undefined }) {
  const { t } = useTranslation();
  const { assessment } = data;
  const errors = actionData?.intent === "status" ? errorsOf(actionData.result) : {};
  if (!data.can.submit && !data.can.validate && !data.can.reopen) return null;
  return (
    <section aria-labelledby="status-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="status-title" className="text-lg font-semibold">
        {t("maturity.statusActions")}
      </h2>
      <ErrorList errors={errors[""]} />
      <div className="flex flex-wrap gap-4">
        {data.can.submit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="dimension" value={data.dimension.code} />
            <input type="hidden" name="version" value={assessment.version} />
            <p className="mb-2 max-w-prose text-sm">{t("maturity.submitHint")}</p>
            <button type="submit" className={buttonClass}>
              {t("maturity.submit")}
            </button>
          </Form>
        ) : null}
        {data.can.validate ? (
          <Form method="post">
            <input type="hidden" name="intent" value="validate" />
            <input type="hidden" name="dimension" value={data.dimension.code} />
            <input type="hidden" name="version" value={assessment.version} />
            <p className="mb-2 max-w-prose text-sm">{t("maturity.validateHint")}</p>
            <button type="submit" className={buttonClass}>
              {t("maturity.validate")}
            </button>
          </Form>
        ) : null}
        {data.can.reopen ? (
          <Form method="post" className="min-w-64 flex-1">
            <input type="hidden" name="intent" value="reopen" />
            <input type="hidden" name="dimension" value={data.dimension.code} />
            <input type="hidden" name="version" value={assessment.version} />
            <label htmlFor="reopen-reason" className="block text-sm font-semibold">
              {t("maturity.reopenReason")}
            </label>
            <textarea
              id="reopen-reason"
              name="reason"
              rows={2}
              maxLength={REASON_MAX}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? "reopen-reason-error" : undefined}
              className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
            />
            <ErrorList id={errors.reason ? "reopen-reason-error" : undefined} errors={errors.reason} />
            <button type="submit" className="mt-2 rounded border border-slate-700 px-4 py-2 font-semibold">
              {t("maturity.reopen")}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}

export default function AssessmentPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const { assessment, dimensions, dimension, items } = data;
  const saveErrors = actionData?.intent === "save" ? errorsOf(actionData.result) : {};
  const posted =
    actionData?.intent === "save"
      ? ((actionData.result.initialValue as { answers?: Record<string, Record<string, unknown>> } | undefined)
          ?.answers ?? {})
      : undefined;
  const outcome = params.get("esito");
  const base = `/maturita/${assessment.cycle.id}/${assessment.organisation.istatCode}`;
  return (
    <div className="space-y-4">
      <Breadcrumb
        trail={[
          { to: "/maturita", label: t("maturity.title") },
          { to: `/maturita/${assessment.cycle.id}`, label: assessment.cycle.title },
        ]}
        current={assessment.organisation.name}
      />
      <h1 className="text-2xl font-bold">{t("maturity.assessmentOf", { comune: assessment.organisation.name })}</h1>
      <p>
        {t("maturity.assessmentStatus")}:{" "}
        <strong data-testid="assessment-status">{t(`maturity.status.${assessment.status}`)}</strong>
        {assessment.maturityIndex !== null ? (
          <> · {t("maturity.indexIs", { index: formatNumber(assessment.maturityIndex, i18n.language) })}</>
        ) : null}{" "}
        ·{" "}
        <Link to={`${base}/profilo`} className="text-brand-700 underline">
          {t("maturity.profileLink")}
        </Link>
      </p>
      {assessment.status === "REOPENED" && assessment.reopenReason ? (
        <p className="rounded border border-amber-700 bg-amber-50 p-3" data-testid="reopen-reason">
          {t("maturity.reopenedBecause", { reason: assessment.reopenReason })}
        </p>
      ) : null}
      {!data.can.edit ? (
        <p className="rounded border border-slate-400 bg-slate-50 p-3" data-testid="read-only">
          {t(
            assessment.cycle.status !== "OPEN"
              ? "maturity.readOnlyCycle"
              : assessment.status === "VALIDATED"
                ? "maturity.readOnlyValidated"
                : assessment.status === "SUBMITTED"
                  ? "maturity.readOnlySubmitted"
                  : "maturity.readOnly",
          )}
        </p>
      ) : null}
      {outcome && (OUTCOMES as readonly string[]).includes(outcome) ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t(`maturity.outcomes.${outcome}`)}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <aside aria-labelledby="summary-title" className="lg:sticky lg:top-4 lg:self-start">
          <h2 id="summary-title" className="font-semibold">
            {t("maturity.dimensions")}
          </h2>
          <nav aria-label={t("maturity.dimensions")}>
            <ul className="mt-2 space-y-1" data-testid="dimension-tabs">
              {dimensions.map((d) => (
                <li key={d.code}>
                  <Link
                    to={`${base}?dimensione=${d.code}`}
                    aria-current={d.code === dimension.code ? "page" : undefined}
                    className={`block rounded px-2 py-1 underline ${d.code === dimension.code ? "bg-brand-50 font-semibold" : ""}`}
                  >
                    {d.code} — {d.title}
                    <span className="block text-sm text-slate-700">
                      {t("maturity.covered", { share: formatPercent(d.coverage, i18n.language) })}
                      {d.score !== null ? ` · ${formatNumber(d.score, i18n.language)}` : ""}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <div className="min-w-0 space-y-4">
          <h2 className="text-xl font-semibold">
            {dimension.code} — {dimension.title}
          </h2>
          {dimension.description ? <p className="max-w-prose">{dimension.description}</p> : null}
          <Form
            method="post"
            key={assessment.version}
            className="space-y-4"
            aria-label={t("maturity.dimensionForm", { dimension: dimension.title })}
          >
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="dimension" value={dimension.code} />
            <input type="hidden" name="version" value={assessment.version} />
            <ErrorList errors={saveErrors[""] ?? saveErrors.version} />
            {items.map((item) => (
              <ItemFields
                key={item.code}
                item={item}
                errors={saveErrors}
                posted={posted ? (posted[item.code] ?? {}) : undefined}
                disabled={!data.can.edit}
              />
            ))}
            {data.can.onBehalf ? (
              <div>
                <label htmlFor="reason" className="block text-sm font-semibold">
                  {t("maturity.onBehalfReason")}
                </label>
                <p id="reason-hint" className="text-sm text-slate-700">
                  {t("maturity.onBehalfHint")}
                </p>
                <input
                  id="reason"
                  name="reason"
                  type="text"
                  maxLength={REASON_MAX}
                  aria-describedby="reason-hint"
                  className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
                />
              </div>
            ) : null}
            {data.can.edit ? (
              <button type="submit" className={buttonClass}>
                {t("maturity.saveDimension", { dimension: dimension.code })}
              </button>
            ) : null}
          </Form>
          <h2 className="text-xl font-semibold">{t("maturity.evidence")}</h2>
          <p className="max-w-prose text-sm">{t("maturity.evidenceIntro")}</p>
          {items.map((item) => (
            <EvidenceSection
              key={item.code}
              item={item}
              base={base}
              dimension={dimension.code}
              editable={data.can.edit}
              actionData={actionData}
            />
          ))}
          <StatusForms data={data} actionData={actionData} />
        </div>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Assessment del comune — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

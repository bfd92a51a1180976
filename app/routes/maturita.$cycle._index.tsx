import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList } from "~/components/forms";
import { FigureTable } from "~/components/ui/figure-table";
import { parseId } from "~/domain/ids";
import { getCycleOverview } from "~/models/assessment-page.server";
import { facilitates, setCycleStatus } from "~/models/cycle.server";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import { notFound, readForm, unknownIntent } from "~/utils/http.server";

/** A cycle: one row per comune the user may read (a referent sees their own), with status, coverage, index. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "assessment:read:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const overview = (await getCycleOverview({ scope, cycleId })) ?? notFound();
  const manages = can(user.roles, "cycle:manage:phase2") && (await facilitates({ userId: user.id, cycleId }));
  return { ...overview, manages };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, actor } = await requireCapability(request, "cycle:manage:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  if (!(await facilitates({ userId: user.id, cycleId }))) notFound();
  const intent = (await readForm(request)).get("intent");
  if (intent !== "open" && intent !== "close") unknownIntent();
  const outcome = await setCycleStatus({ scope, actor, id: cycleId, status: intent === "open" ? "OPEN" : "CLOSED" });
  if (!outcome) notFound();
  if (!outcome.ok) return data({ message: outcome.message }, { status: 400 });
  return redirect(`/maturita/${cycleId}?esito=${intent === "open" ? "aperta" : "chiusa"}`);
}

const OUTCOMES = ["creata", "aperta", "chiusa"] as const;

export default function CyclePage() {
  const { cycle, rows, manages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const outcome = params.get("esito");
  return (
    <div className="space-y-4">
      <Breadcrumb trail={[{ to: "/maturita", label: t("maturity.title") }]} current={cycle.title} />
      <h1 className="text-2xl font-bold">{cycle.title}</h1>
      {outcome && (OUTCOMES as readonly string[]).includes(outcome) ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t(`maturity.outcomes.${outcome}`)}
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("maturity.area")}</dt>
        <dd>{cycle.area.name}</dd>
        <dt className="font-semibold">{t("maturity.edition")}</dt>
        <dd>{cycle.edition.code}</dd>
        <dt className="font-semibold">{t("maturity.period")}</dt>
        <dd>
          {formatDate(cycle.opensAt, i18n.language)} – {formatDate(cycle.closesAt, i18n.language)}
        </dd>
        <dt className="font-semibold">{t("maturity.cycleStatus")}</dt>
        <dd data-testid="cycle-status">{t(`maturity.cycleStatuses.${cycle.status}`)}</dd>
      </dl>
      <nav aria-label={t("maturity.cycleLinks")} className="flex flex-wrap gap-4">
        <Link to={`/maturita/${cycle.id}/area`} className="font-semibold text-brand-700 underline">
          {t("maturity.areaView")}
        </Link>
        <a href={`/maturita/${cycle.id}/esporta/risposte.csv`} className="text-brand-700 underline" download>
          {t("maturity.exportAnswers")} (CSV)
        </a>
        <a href={`/maturita/${cycle.id}/esporta/risposte.xlsx`} className="text-brand-700 underline" download>
          {t("maturity.exportAnswers")} (XLSX)
        </a>
        <a href={`/maturita/${cycle.id}/esporta/profili.csv`} className="text-brand-700 underline" download>
          {t("maturity.exportProfiles")} (CSV)
        </a>
        <a
          href={`/maturita/${cycle.id}/esporta/profili.xlsx`}
          className="text-brand-700 underline"
          download
          data-testid="export-profiles-xlsx"
        >
          {t("maturity.exportProfiles")} (XLSX)
        </a>
      </nav>
      {manages && cycle.status !== "CLOSED" ? (
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value={cycle.status === "DRAFT" ? "open" : "close"} />
          <button type="submit" className={buttonClass}>
            {t(cycle.status === "DRAFT" ? "maturity.openCycle" : "maturity.closeCycle")}
          </button>
          <ErrorList errors={actionData ? [actionData.message] : undefined} />
        </Form>
      ) : null}
      <FigureTable
        caption={t("maturity.statusTable")}
        testId="assessments-table"
        columns={[
          { label: t("maturity.comune") },
          { label: t("maturity.assessmentStatus") },
          { label: t("maturity.coverage"), numeric: true },
          { label: t("maturity.index"), numeric: true },
          { label: t("maturity.validatedBy") },
          { label: t("maturity.profile") },
        ]}
        rows={rows.map((r) => ({
          key: r.id,
          cells: [
            r.istat ? (
              <Link to={`/maturita/${cycle.id}/${r.istat}`} className="text-brand-700 underline">
                {r.comune}
              </Link>
            ) : (
              r.comune
            ),
            <span key="s" data-testid={`status-${r.istat}`}>
              {t(`maturity.status.${r.status}`)}
            </span>,
            formatPercent(r.coverage, i18n.language),
            r.maturityIndex === null ? "—" : formatNumber(r.maturityIndex, i18n.language),
            r.validatedBy
              ? `${r.validatedBy}${r.validatedAt ? `, ${formatDate(r.validatedAt, i18n.language)}` : ""}`
              : "—",
            r.istat ? (
              <Link to={`/maturita/${cycle.id}/${r.istat}/profilo`} className="text-brand-700 underline">
                {t("maturity.openProfile", { comune: r.comune })}
              </Link>
            ) : (
              "—"
            ),
          ],
        }))}
      />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Rilevazione della maturità digitale — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requireEdition } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FilterSelect } from "~/components/forms";
import { DataTable, dataTableFeatures } from "~/components/ui/data-table";
import { parseTableParams } from "~/domain/table-params";
import { RosterParamsSchema } from "~/domain/trainer-schema";
import { getRoster, rosterOrganisations } from "~/models/trainer.server";
import { badRequest } from "~/utils/http.server";
import { formatDate, formatHours } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition } = await requireEdition(request, params.id);
  const parsed = parseTableParams(RosterParamsSchema, new URL(request.url).searchParams);
  if (!parsed.ok) badRequest(parsed.errors);
  const [roster, organisations] = await Promise.all([
    getRoster({ edition, params: parsed.value }),
    rosterOrganisations({ edition }),
  ]);
  return {
    ...roster,
    organisations,
    params: parsed.value,
    editionId: edition.id,
    atRiskDays: edition.atRiskDays,
    phases: edition.phaseId ? 1 : null,
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const helper = createColumnHelper<typeof dataTableFeatures, Row>();
const SORTABLE = ["name", "organisation", "position", "progress", "attendance", "lastActivity", "status"] as const;

export default function RosterPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const lng = i18n.language;
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("name", {
          id: "name",
          header: () => t("edition.roster.name"),
          cell: (c) => (
            <Link to={`partecipanti/${c.row.original.personId}`} className="font-medium text-brand-700 underline">
              {c.getValue()}
            </Link>
          ),
        }),
        helper.accessor("organisation", { id: "organisation", header: () => t("edition.roster.organisation") }),
        helper.accessor("position", {
          id: "position",
          header: () => t("edition.roster.position"),
          cell: (c) => t(`people.positions.${c.getValue()}`),
        }),
        helper.accessor((r) => `${r.completedUnits}/${r.requiredUnits}`, {
          id: "progress",
          header: () => t("edition.roster.progress"),
          cell: (c) => (
            <span>
              {c.getValue()}
              {c.row.original.phases.length > 1 ? (
                <span className="block text-xs text-slate-600">{c.row.original.phases.join(" · ")}</span>
              ) : null}
            </span>
          ),
        }),
        helper.accessor((r) => `${formatHours(r.attendedMinutes, lng)} / ${formatHours(r.requiredMinutes, lng)}`, {
          id: "attendance",
          header: () => t("edition.roster.attendance"),
        }),
        helper.accessor((r) => `${r.quizzes.passed}/${r.quizzes.total}`, {
          id: "quizzes",
          header: () => t("edition.roster.quizzes"),
        }),
        helper.accessor("lastActivityAt", {
          id: "lastActivity",
          header: () => t("edition.roster.lastActivity"),
          cell: (c) => (c.getValue() ? formatDate(c.getValue()!, lng) : t("edition.roster.never")),
        }),
        helper.accessor("status", {
          id: "status",
          header: () => t("edition.roster.status"),
          cell: (c) => (
            <span>
              {t(`learner.status.${c.getValue()}`)}
              {c.row.original.atRisk ? (
                <span
                  className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900"
                  data-testid="at-risk"
                >
                  {t("edition.roster.atRisk")}
                </span>
              ) : null}
            </span>
          ),
        }),
      ]),
    [t, lng],
  );
  return (
    <div className="space-y-4">
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm" role="search">
        <input type="hidden" name="sort" value={d.params.sort} />
        <input type="hidden" name="dir" value={d.params.dir} />
        <input type="hidden" name="size" value={d.params.size} />
        <FilterSelect
          id="org"
          name="org"
          label={t("edition.roster.organisation")}
          value={d.params.org}
          allLabel={t("common.all")}
          options={d.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <FilterSelect
          id="position"
          name="position"
          label={t("edition.roster.position")}
          value={d.params.position}
          allLabel={t("common.all")}
          options={(["ADMINISTRATOR", "EMPLOYEE"] as const).map((p) => ({
            value: p,
            label: t(`people.positions.${p}`),
          }))}
        />
        <FilterSelect
          id="status"
          name="status"
          label={t("edition.roster.status")}
          value={d.params.status}
          allLabel={t("common.all")}
          options={(["NOT_STARTED", "IN_PROGRESS", "COMPLETED"] as const).map((st) => ({
            value: st,
            label: t(`learner.status.${st}`),
          }))}
        />
        <label className="flex items-center gap-2 py-2">
          <input type="checkbox" name="risk" value="1" defaultChecked={d.params.risk === "1"} className="h-4 w-4" />
          {t("edition.roster.onlyAtRisk")}
        </label>
        <button type="submit" className={buttonClass}>
          {t("common.filter")}
        </button>
        <Link to="." className="py-2 text-sm underline">
          {t("common.reset")}
        </Link>
      </Form>
      <p className="text-sm text-slate-700">{t("edition.roster.riskNote", { days: d.atRiskDays })}</p>
      <p className="text-sm text-slate-700" data-testid="roster-count">
        {t("people.count", { count: d.total })}
      </p>
      <DataTable
        caption={t("edition.tabs.roster")}
        columns={columns}
        data={d.rows}
        sortable={SORTABLE}
        state={{ sort: d.params.sort, dir: d.params.dir, page: d.params.page, size: d.params.size, total: d.total }}
        getRowId={(r) => String(r.personId)}
        testId="roster-table"
      />
      <section aria-labelledby="export-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="export-title" className="font-semibold">
          {t("edition.roster.export")}
        </h2>
        <ul className="mt-2 flex flex-wrap gap-4 text-sm">
          {[
            ["partecipanti.csv", t("edition.roster.rosterCsv")],
            ["partecipanti.xlsx", t("edition.roster.rosterXlsx")],
            ["presenze.csv", t("edition.roster.attendanceCsv")],
            ["presenze.xlsx", t("edition.roster.attendanceXlsx")],
          ].map(([file, label]) => (
            <li key={file}>
              <a
                href={`/edizioni/${d.editionId}/esporta/${file}?${searchParams.toString()}`}
                className="text-brand-700 underline"
                data-testid={`export-${file}`}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

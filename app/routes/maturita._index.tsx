import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/forms";
import { FigureTable } from "~/components/ui/figure-table";
import { listCycles } from "~/models/cycle.server";
import { formatDate } from "~/utils/format";

const STATUSES = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "REOPENED", "VALIDATED"] as const;

/** The assessment cycles in scope: facilitated, of the coordinator's areas, of the referent's area. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "assessment:read:phase2");
  const cycles = await listCycles({ scope });
  return { cycles, canCreate: can(user.roles, "cycle:manage:phase2") };
}

export default function MaturityHome() {
  const { cycles, canCreate } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("maturity.title")}</h1>
      <p className="max-w-prose">{t("maturity.intro")}</p>
      {canCreate ? (
        <p>
          <Link to="/maturita/nuova" className={buttonClass}>
            {t("maturity.newCycle")}
          </Link>
        </p>
      ) : null}
      {cycles.length === 0 ? (
        <p data-testid="no-cycles">{t("maturity.noCycles")}</p>
      ) : (
        <FigureTable
          caption={t("maturity.cycles")}
          testId="cycles-table"
          columns={[
            { label: t("maturity.cycle") },
            { label: t("maturity.cycleStatus") },
            { label: t("maturity.period") },
            ...STATUSES.map((s) => ({ label: t(`maturity.status.${s}`), numeric: true })),
          ]}
          rows={cycles.map((c) => ({
            key: c.id,
            cells: [
              <>
                <Link to={`/maturita/${c.id}`} className="text-brand-700 underline">
                  {c.title}
                </Link>
                <span className="block font-normal text-slate-600">{c.area.name}</span>
              </>,
              t(`maturity.cycleStatuses.${c.status}`),
              `${formatDate(c.opensAt, i18n.language)} – ${formatDate(c.closesAt, i18n.language)}`,
              ...STATUSES.map((s) => c.byStatus[s] ?? 0),
            ],
          }))}
        />
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Maturità digitale dei comuni — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FigureTable } from "~/components/ui/figure-table";
import { listTrainerEditions, pendingWork } from "~/models/trainer.server";
import { formatDate } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "edition:read:edition");
  const [editions, pending] = await Promise.all([listTrainerEditions({ scope }), pendingWork({ scope })]);
  return {
    editions: editions.map((e) => ({
      ...e,
      toGrade: pending.toGrade.get(e.id) ?? 0,
      withoutAttendance: pending.sessionsWithoutAttendance.get(e.id) ?? 0,
    })),
  };
}

export default function TrainerHome() {
  const { editions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("trainer.title")}</h1>
      {editions.length === 0 ? (
        <p className="mt-4">{t("trainer.noEditions")}</p>
      ) : (
        <div className="mt-4">
          <FigureTable
            caption={t("trainer.title")}
            testId="editions-table"
            columns={[
              { label: t("trainer.edition") },
              { label: t("trainer.module") },
              { label: t("trainer.dates") },
              { label: t("trainer.enrolled"), numeric: true },
              { label: t("trainer.sessions"), numeric: true },
              { label: t("trainer.completed"), numeric: true },
            ]}
            rows={editions.map((e) => ({
              key: e.id,
              cells: [
                <>
                  <Link to={`/edizioni/${e.id}`} className="text-brand-700 underline">
                    {e.code}
                  </Link>
                  <span className="block font-normal text-slate-600">{e.area}</span>
                  {e.toGrade + e.withoutAttendance > 0 ? (
                    <span className="mt-1 block text-xs font-semibold text-amber-900" data-testid={`pending-${e.code}`}>
                      {t("trainer.waiting", { grade: e.toGrade, sessions: e.withoutAttendance })}
                    </span>
                  ) : null}
                </>,
                <>
                  {e.module}
                  {e.phase ? <span className="block text-slate-600">{e.phase}</span> : null}
                </>,
                `${formatDate(e.startsOn, i18n.language)} – ${formatDate(e.endsOn, i18n.language)}`,
                e.enrolled,
                `${e.sessionsHeld} / ${e.sessionsPlanned}`,
                e.completed,
              ],
            }))}
          />
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Le mie edizioni — Capacitas" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

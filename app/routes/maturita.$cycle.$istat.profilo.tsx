import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireCapability } from "~/access/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, ErrorList, errorsOf } from "~/components/forms";
import { RadarChart } from "~/components/radar-chart";
import { FigureTable } from "~/components/ui/figure-table";
import { PrioritiesSchema } from "~/domain/assessment-form";
import { EVIDENCE_CAP_MESSAGE, levelBand, levelLabel } from "~/domain/assessment-scoring";
import { parseId } from "~/domain/ids";
import { getComuneProfile } from "~/models/area-profile.server";
import { findAssessmentId, parseIstat } from "~/models/assessment-page.server";
import { confirmPriorities } from "~/models/assessment.server";
import { formatDate, formatNumber } from "~/utils/format";
import { notFound, readForm } from "~/utils/http.server";

/**
 * "Profilo del comune", the restitution: the comune's seven dimensions against the area
 * median, every item with its score and evidence, the platform checklist and the proposed
 * priorities. Printable without JavaScript. Learners of the comune read it once validated.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCapability(request, "profile:read:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const istat = parseIstat(params.istat) ?? notFound();
  const found = (await findAssessmentId({ scope, cycleId, istat })) ?? notFound();
  const profile = (await getComuneProfile({ scope, id: found.id })) ?? notFound();
  const confirms =
    profile.status === "VALIDATED" &&
    can(user.roles, "assessment:fill:phase2") &&
    (scope.organisationId === found.organisationId || scope.facilitatorUserId !== null);
  return { profile, confirms, staff: can(user.roles, "assessment:read:phase2") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor } = await requireCapability(request, "assessment:fill:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const istat = parseIstat(params.istat) ?? notFound();
  const found = (await findAssessmentId({ scope, cycleId, istat })) ?? notFound();
  const submission = parseWithZod(await readForm(request), { schema: PrioritiesSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await confirmPriorities({ scope, actor, id: found.id, itemCodes: submission.value.items });
  if (!outcome) notFound();
  if (!outcome.ok) return data({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 400 });
  return redirect(`/maturita/${cycleId}/${istat}/profilo?esito=priorita`);
}

export default function ProfilePage() {
  const { profile, confirms, staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v, i18n.language));
  const errors = errorsOf(actionData?.result);
  const confirmed = new Set(profile.confirmedPriorities ?? profile.priorities.slice(0, 5).map((p) => p.itemCode));
  const byDimension = profile.dimensions.map((d) => ({
    ...d,
    items: profile.items.filter((i) => i.dimensionCode === d.dimensionCode),
  }));
  return (
    <article className="space-y-6">
      <nav aria-label="Breadcrumb" className="no-print text-sm">
        {staff ? (
          <>
            <Link to={`/maturita/${profile.cycle.id}`} className="underline">
              {profile.cycle.title}
            </Link>{" "}
            ›{" "}
            <Link to={`/maturita/${profile.cycle.id}/${profile.istat}`} className="underline">
              {profile.comune}
            </Link>{" "}
            ›{" "}
          </>
        ) : null}
        <span aria-current="page">{t("maturity.profile")}</span>
      </nav>
      <header>
        <h1 className="text-2xl font-bold">{t("maturity.profileOf", { comune: profile.comune })}</h1>
        <p>
          {profile.cycle.title} · {t(`maturity.status.${profile.status}`)}
          {profile.validatedAt ? ` ${formatDate(profile.validatedAt, i18n.language)}` : ""}
        </p>
        {profile.status !== "VALIDATED" ? (
          <p className="mt-2 rounded border border-amber-700 bg-amber-50 p-3" data-testid="provisional">
            {t("maturity.provisional")}
          </p>
        ) : null}
        <p className="mt-2 text-lg">
          {t("maturity.indexLabel")}: <strong data-testid="maturity-index">{n(profile.maturityIndex)}</strong> / 100
        </p>
      </header>
      {params.get("esito") === "priorita" ? (
        <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3" data-testid="outcome">
          {t("maturity.outcomes.priorita")}
        </p>
      ) : null}

      <section aria-labelledby="dimensions-title" className="space-y-3">
        <h2 id="dimensions-title" className="text-xl font-semibold">
          {t("maturity.dimensionsVsArea")}
        </h2>
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <RadarChart
            testId="radar"
            axes={profile.dimensions.map((d) => d.dimensionCode)}
            series={{ label: profile.comune, values: profile.dimensions.map((d) => d.score) }}
            reference={{ label: t("maturity.areaMedian"), values: profile.dimensions.map((d) => d.areaMedian) }}
            title={t("maturity.radarTitle", { comune: profile.comune })}
            description={t("maturity.radarDesc")}
          />
          <FigureTable
            caption={t("maturity.dimensionsVsArea")}
            testId="dimension-table"
            columns={[
              { label: t("maturity.dimension") },
              { label: t("maturity.score"), numeric: true },
              { label: t("maturity.levelBand") },
              { label: t("maturity.areaMedian"), numeric: true },
              { label: t("maturity.coverage"), numeric: true },
            ]}
            rows={profile.dimensions.map((d) => ({
              key: d.dimensionCode,
              cells: [
                `${d.dimensionCode} — ${d.title}`,
                n(d.score),
                d.score === null ? "—" : `${levelBand(d.score)} ${levelLabel(levelBand(d.score))}`,
                n(d.areaMedian),
                `${Math.round(d.coverage * 100)}%`,
              ],
            }))}
          />
        </div>
      </section>

      <section aria-labelledby="priorities-title" className="space-y-3">
        <h2 id="priorities-title" className="text-xl font-semibold">
          {t("maturity.priorities")}
        </h2>
        <p className="max-w-prose">{t("maturity.prioritiesIntro")}</p>
        {profile.priorities.length === 0 ? (
          <p>{t("maturity.noPriorities")}</p>
        ) : confirms ? (
          <Form method="post" className="space-y-2">
            <fieldset aria-describedby={errors.items ? "items-error" : undefined}>
              <legend className="font-semibold">{t("maturity.confirmPriorities")}</legend>
              <ul className="mt-2 space-y-1" data-testid="priorities">
                {profile.priorities.map((p) => (
                  <li key={p.itemCode}>
                    <label className="flex gap-2">
                      <input
                        type="checkbox"
                        name="items"
                        value={p.itemCode}
                        defaultChecked={confirmed.has(p.itemCode)}
                        className="mt-1"
                      />
                      <span>
                        <span className="font-mono text-sm">{p.itemCode}</span> {p.question} —{" "}
                        {t("maturity.priorityLine", { score: p.score, gap: n(p.gap), priority: n(p.priority) })}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <ErrorList id={errors.items ? "items-error" : undefined} errors={errors.items ?? errors[""]} />
            </fieldset>
            <button type="submit" className={`${buttonClass} no-print`}>
              {t("maturity.confirm")}
            </button>
          </Form>
        ) : (
          <ol className="list-decimal space-y-1 pl-6" data-testid="priorities">
            {profile.priorities.map((p) => (
              <li key={p.itemCode}>
                <span className="font-mono text-sm">{p.itemCode}</span> {p.question} —{" "}
                {t("maturity.priorityLine", { score: p.score, gap: n(p.gap), priority: n(p.priority) })}
                {profile.confirmedPriorities?.includes(p.itemCode) ? ` (${t("maturity.confirmedByComune")})` : ""}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="platforms-title" className="space-y-3">
        <h2 id="platforms-title" className="text-xl font-semibold">
          {t("maturity.platforms")}
        </h2>
        <FigureTable
          caption={t("maturity.platforms")}
          testId="platforms"
          columns={[{ label: t("maturity.platform") }, { label: t("maturity.platformState") }]}
          rows={profile.platforms.map((p) => ({
            key: p.itemCode,
            cells: [
              `${p.itemCode} — ${p.question}`,
              p.status === "NOT_APPLICABLE"
                ? t("maturity.na")
                : p.score === null
                  ? t("maturity.unanswered")
                  : t(`maturity.platformStates.${p.score}`, { defaultValue: String(p.score) }),
            ],
          }))}
        />
      </section>

      <section aria-labelledby="items-title" className="space-y-4">
        <h2 id="items-title" className="text-xl font-semibold">
          {t("maturity.itemsTitle")}
        </h2>
        {byDimension.map((d) => (
          <FigureTable
            key={d.dimensionCode}
            caption={`${d.dimensionCode} — ${d.title}`}
            testId={`items-${d.dimensionCode}`}
            columns={[
              { label: `${d.dimensionCode} — ${d.title}` },
              { label: t("maturity.score"), numeric: true },
              { label: t("maturity.evidenceAndNotes") },
            ]}
            rows={d.items.map((i) => ({
              key: i.itemCode,
              cells: [
                <>
                  <span className="font-mono text-xs">{i.itemCode}</span> {i.question}
                </>,
                i.status === "NOT_APPLICABLE" ? t("maturity.na") : i.score === null ? "—" : String(i.score),
                <>
                  {i.capped ? <strong className="block text-amber-900">{EVIDENCE_CAP_MESSAGE}</strong> : null}
                  {i.evidence.map((e) => `${t(`maturity.evidenceKinds.${e.kind}`)}: ${e.title}`).join("; ")}
                  {i.naReason ? <span className="block">{i.naReason}</span> : null}
                  {i.note ? <span className="block text-slate-700">{i.note}</span> : null}
                  {i.sourceNote ? <span className="block text-slate-700">{i.sourceNote}</span> : null}
                </>,
              ],
            }))}
          />
        ))}
      </section>
      <p className="no-print">{t("maturity.printHint")}</p>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Profilo digitale — ${data.profile.comune} — Capacitas` : "Profilo del comune — Capacitas" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

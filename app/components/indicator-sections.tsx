/** The indicator tables (and charts) shared by the dashboard and the printable report. */
import { useTranslation } from "react-i18next";
import { SimpleBarChart } from "~/components/bar-chart";
import { FigureTable } from "~/components/ui/figure-table";
import type { Indicators } from "~/models/indicators.server";
import { formatNumber, formatPercent } from "~/utils/format";

type Props = { ind: Indicators; charts?: boolean };

export function IndicatorSections({ ind, charts = true }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pct = (v: number | null) => (v === null ? "—" : formatPercent(v, lng));
  const num = (v: number | null) => (v === null ? "—" : formatNumber(v, lng));
  const p = ind.participants;
  const of = (count: number) => pct(p.total ? count / p.total : null);
  const tiles = [
    ["participants", p.total],
    ["bodies", p.bodiesSupported],
    ["sessions", ind.delivery.sessionsHeld],
    ["hoursDelivered", num(ind.delivery.hoursDelivered)],
    ["hoursAttended", num(ind.delivery.hoursAttended)],
    ["attendanceRate", pct(ind.delivery.attendanceRate)],
    ["certificates", ind.results.certificates],
    ["reaching", `${ind.delivery.reachingThreshold} (${pct(ind.delivery.reachingThresholdShare)})`],
  ] as const;
  const distribution = (title: string, rows: [string, number][], testId: string) => (
    <div>
      <h4 className="mt-4 font-semibold">{title}</h4>
      <FigureTable
        caption={title}
        testId={testId}
        columns={[
          { label: title },
          { label: t("indicators.participants.count"), numeric: true },
          { label: t("indicators.participants.share"), numeric: true },
        ]}
        rows={rows.map(([label, count]) => ({ key: label, cells: [label, count, of(count)] }))}
      />
    </div>
  );
  return (
    <div className="space-y-8">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {tiles.map(([key, value]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-sm text-slate-700">{t(`indicators.tiles.${key}`)}</dt>
            <dd className="text-2xl font-bold" data-testid={`tile-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="ind-participants">
        <h3 id="ind-participants" className="text-xl font-semibold">
          {t("indicators.participants.title")}
        </h3>
        {charts ? (
          <SimpleBarChart
            label={t("indicators.chart", { title: t("indicators.participants.byGender") })}
            data={Object.entries(p.byGender).map(([k, v]) => ({
              name: t(`indicators.participants.genders.${k}`),
              value: v,
            }))}
          />
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          {distribution(
            t("indicators.participants.byGender"),
            Object.entries(p.byGender).map(([k, v]) => [t(`indicators.participants.genders.${k}`), v]),
            "by-gender",
          )}
          {distribution(
            t("indicators.participants.byAge"),
            Object.entries(p.byAge).map(([k, v]) => [t(`indicators.participants.ages.${k}`), v]),
            "by-age",
          )}
          {distribution(
            t("indicators.participants.byEducation"),
            Object.entries(p.byEducation).map(([k, v]) => [t(`personForm.educations.${k}`), v]),
            "by-education",
          )}
          {distribution(
            t("indicators.participants.byPosition"),
            Object.entries(p.byPosition).map(([k, v]) => [t(`people.positions.${k}`), v]),
            "by-position",
          )}
        </div>
        <h4 className="mt-4 font-semibold">{t("indicators.participants.byBody")}</h4>
        <FigureTable
          caption={t("indicators.participants.byBody")}
          testId="by-body"
          columns={[
            { label: t("indicators.org") },
            { label: t("indicators.participants.count"), numeric: true },
            { label: t("indicators.participants.employees"), numeric: true },
            { label: t("indicators.participants.administrators"), numeric: true },
          ]}
          rows={p.bodies.map((b) => ({ key: b.id, cells: [b.name, b.people, b.employees, b.administrators] }))}
        />
      </section>

      <section aria-labelledby="ind-delivery">
        <h3 id="ind-delivery" className="text-xl font-semibold">
          {t("indicators.delivery.title")}
        </h3>
        <FigureTable
          caption={t("indicators.delivery.by")}
          testId="delivery"
          columns={[{ label: t("indicators.delivery.kind") }, { label: t("indicators.delivery.hours"), numeric: true }]}
          rows={[
            ...Object.entries(ind.delivery.hoursByKind).map(([k, v]) => ({
              key: `k-${k}`,
              cells: [t(`indicators.delivery.kinds.${k}`), num(v)],
            })),
            ...Object.entries(ind.delivery.hoursByMode).map(([k, v]) => ({
              key: `m-${k}`,
              cells: [t(`learner.modes.${k}`), num(v)],
            })),
          ]}
        />
      </section>

      <section aria-labelledby="ind-results" className="space-y-3">
        <h3 id="ind-results" className="text-xl font-semibold">
          {t("indicators.results.title")}
        </h3>
        <h4 className="font-semibold">{t("indicators.results.modules")}</h4>
        {charts ? (
          <SimpleBarChart
            label={t("indicators.chart", { title: t("indicators.results.modules") })}
            data={ind.results.modules.map((m) => ({ name: m.title, value: m.completed }))}
          />
        ) : null}
        <FigureTable
          caption={t("indicators.results.modules")}
          testId="modules"
          columns={[
            { label: t("indicators.module") },
            { label: t("indicators.results.enrolled"), numeric: true },
            { label: t("indicators.results.inProgress"), numeric: true },
            { label: t("indicators.results.completed"), numeric: true },
            { label: t("indicators.results.rate"), numeric: true },
          ]}
          rows={ind.results.modules.map((m) => ({
            key: m.id,
            cells: [m.title, m.enrolled, m.inProgress, m.completed, pct(m.rate)],
          }))}
        />
        <h4 className="font-semibold">{t("indicators.results.phases")}</h4>
        <FigureTable
          caption={t("indicators.results.phases")}
          testId="phases"
          columns={[
            { label: t("indicators.phase") },
            { label: t("indicators.results.enrolled"), numeric: true },
            { label: t("indicators.results.completed"), numeric: true },
            { label: t("indicators.results.rate"), numeric: true },
          ]}
          rows={ind.results.phases.map((ph) => ({
            key: ph.id,
            cells: [`${ph.module} — ${ph.title}`, ph.enrolled, ph.completed, pct(ph.rate)],
          }))}
        />
        <h4 className="font-semibold">{t("indicators.results.quizzes")}</h4>
        <FigureTable
          caption={t("indicators.results.quizzes")}
          testId="quizzes"
          columns={[
            { label: t("indicators.module") },
            { label: t("indicators.results.attempted"), numeric: true },
            { label: t("indicators.results.passed"), numeric: true },
            { label: t("indicators.results.rate"), numeric: true },
          ]}
          rows={ind.results.quizzes.map((q) => ({
            key: q.id,
            cells: [`${q.module} — ${q.title}`, q.attempted, q.passed, pct(q.rate)],
          }))}
        />
        <h4 className="font-semibold">{t("indicators.results.gains")}</h4>
        {ind.results.gains.length === 0 ? (
          <p>{t("indicators.results.noGains")}</p>
        ) : (
          <FigureTable
            caption={t("indicators.results.gains")}
            testId="gains"
            columns={[
              { label: t("indicators.results.competence") },
              { label: t("indicators.results.people"), numeric: true },
              { label: t("indicators.results.delta"), numeric: true },
              { label: t("indicators.results.movedUp"), numeric: true },
            ]}
            rows={ind.results.gains.map((g) => ({
              key: g.competenceId,
              cells: [`${g.code} ${g.title}`, g.people, num(g.meanDelta), `${g.movedUp} (${pct(g.movedUpShare)})`],
            }))}
          />
        )}
      </section>

      <section aria-labelledby="ind-satisfaction" className="space-y-3">
        <h3 id="ind-satisfaction" className="text-xl font-semibold">
          {t("indicators.satisfaction.title")}
        </h3>
        <p data-testid="response-rate">
          {t("indicators.satisfaction.rate", {
            rate: pct(ind.satisfaction.responseRate),
            count: ind.satisfaction.respondents,
          })}
        </p>
        <p className="text-sm text-slate-700">
          {t("indicators.satisfaction.hidden", { min: ind.satisfaction.minResponses })}
        </p>
        {ind.satisfaction.items.length === 0 ? (
          <p>{t("indicators.satisfaction.none")}</p>
        ) : (
          <>
            <FigureTable
              caption={t("indicators.satisfaction.dimension")}
              testId="dimensions"
              columns={[
                { label: t("indicators.satisfaction.dimension") },
                { label: t("indicators.satisfaction.responses"), numeric: true },
                { label: t("indicators.satisfaction.mean"), numeric: true },
              ]}
              rows={ind.satisfaction.dimensions.map((d) => ({
                key: d.dimension,
                cells: [d.dimension, d.responses, num(d.mean)],
              }))}
            />
            <FigureTable
              caption={t("indicators.satisfaction.item")}
              testId="items"
              columns={[
                { label: t("indicators.satisfaction.item") },
                { label: t("indicators.satisfaction.responses"), numeric: true },
                { label: t("indicators.satisfaction.mean"), numeric: true },
              ]}
              rows={ind.satisfaction.items.map((i) => ({
                key: i.itemId,
                cells: [`${i.module} — ${i.text}`, i.responses, num(i.mean)],
              }))}
            />
          </>
        )}
      </section>

      <section aria-labelledby="ind-hours">
        <h3 id="ind-hours" className="text-xl font-semibold">
          {t("indicators.hours.title")}
        </h3>
        <p data-testid="hours-per-employee">
          {ind.hoursPerEmployee.employees === 0
            ? t("indicators.hours.none")
            : t("indicators.hours.text", {
                year: ind.hoursPerEmployee.year,
                average: num(ind.hoursPerEmployee.average),
                target: ind.hoursPerEmployee.target,
                reaching: ind.hoursPerEmployee.reachingTarget,
                employees: ind.hoursPerEmployee.employees,
              })}
        </p>
      </section>
    </div>
  );
}

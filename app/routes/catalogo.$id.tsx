import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCapability } from "~/access/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import {
  ConformanceBadge,
  KindBadge,
  LicenceBadge,
  MaintenanceBadge,
  OriginBadge,
  PLATFORM_NAMES,
} from "~/components/catalogue-parts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseId } from "~/domain/ids";
import { PNRR_MEASURES } from "~/domain/publiccode/constants";
import { getSolution } from "~/models/catalogue.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "catalogue:read:phase2");
  const id = parseId(params.id) ?? notFound();
  const solution = (await getSolution({ id })) ?? notFound();
  return { solution };
}

type Solution = ReturnType<typeof useLoaderData<typeof loader>>["solution"];

/** Italian first, then English, then whatever the file has: the page says when it is not Italian. */
function languageOrder(texts: Record<string, unknown>): string[] {
  const langs = Object.keys(texts);
  const rank = (l: string) => (l === "it" ? 0 : l === "en" ? 1 : 2);
  return langs.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="font-semibold">{label}</dt>
      <dd className="sm:col-span-2">{children}</dd>
    </div>
  );
}

function Descriptions({ solution }: { solution: Solution }) {
  const { t } = useTranslation();
  const langs = languageOrder({ ...solution.shortDescription, ...solution.longDescription, ...solution.features });
  const [first, ...others] = langs;
  if (!first) return <p className="text-slate-700">{t("catalogue.detail.noDescription")}</p>;
  // The texts carry the file's language; the headings around them stay in the page's.
  const block = (lang: string) => (
    <div className="space-y-2">
      {solution.shortDescription[lang] ? (
        <p lang={lang} className="font-medium">
          {solution.shortDescription[lang]}
        </p>
      ) : null}
      {solution.longDescription[lang] ? (
        <p lang={lang} className="whitespace-pre-line">
          {solution.longDescription[lang]}
        </p>
      ) : null}
      {solution.features[lang]?.length ? (
        <>
          <h3 className="font-semibold">{t("catalogue.detail.features")}</h3>
          <ul lang={lang} className="list-disc pl-6">
            {solution.features[lang].map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
  return (
    <div className="space-y-3">
      {first !== "it" ? (
        <p className="rounded border border-amber-700 bg-amber-50 p-2 text-sm" data-testid="language-notice">
          {t("catalogue.detail.languageNotice", { lang: first })}
        </p>
      ) : null}
      {block(first)}
      {others.map((lang) => (
        <details key={lang}>
          <summary className="cursor-pointer text-sm underline">
            {t("catalogue.detail.otherLanguage", { lang })}
          </summary>
          <div className="mt-2">{block(lang)}</div>
        </details>
      ))}
    </div>
  );
}

export default function SolutionPage() {
  const { solution: s } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const record = s.record;
  const declared = (v: boolean | null) =>
    v === true
      ? t("catalogue.detail.platformYes")
      : v === false
        ? t("catalogue.detail.platformNo")
        : t("catalogue.detail.platformUnknown");
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ to: "/catalogo", label: t("catalogue.list.title") }]} current={s.localisedName ?? s.name} />
      <div>
        <h1 className="text-2xl font-bold">{s.localisedName ?? s.name}</h1>
        {s.localisedName && s.localisedName !== s.name ? <p className="text-slate-700">{s.name}</p> : null}
        <p className="mt-2 flex flex-wrap gap-2">
          <KindBadge kind={s.kind} />
          <OriginBadge origin={s.origin} />
          <LicenceBadge licence={s.license} osi={s.licenseOsi} />
          <MaintenanceBadge maintenance={s.maintenance} />
          <ConformanceBadge conformance={s.conformance} />
        </p>
      </div>

      <section aria-labelledby="description-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="description-title" className="mb-2 text-xl font-semibold">
          {t("catalogue.detail.description")}
        </h2>
        <Descriptions solution={s} />
      </section>

      <section aria-labelledby="facts-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="facts-title" className="mb-2 text-xl font-semibold">
          {t("catalogue.detail.facts")}
        </h2>
        <dl className="divide-y divide-slate-100 text-sm">
          <Field label={t("catalogue.fields.owner")}>
            {s.ownerName ?? "—"}
            {s.ownerIpa ? ` (IPA ${s.ownerIpa})` : ""}
            {s.ownerKind ? ` · ${t(`catalogue.owner.${s.ownerKind}`)}` : ""}
          </Field>
          <Field label={t("catalogue.fields.licence")}>
            <LicenceBadge licence={s.license} osi={s.licenseOsi} />
          </Field>
          <Field label={t("catalogue.fields.maintenance")}>
            <MaintenanceBadge maintenance={s.maintenance} />
            {s.maintenanceUntil ? (
              <span className="ml-2">
                {t(s.maintenanceActive === false ? "catalogue.detail.expiredOn" : "catalogue.detail.activeUntil", {
                  date: s.maintenanceUntil,
                })}
              </span>
            ) : null}
            <span className="ml-2">{t("catalogue.detail.contacts", { count: s.contactsCount })}</span>
          </Field>
          <Field label={t("catalogue.fields.status")}>
            {s.developmentStatus ? t(`catalogue.status.${s.developmentStatus}`) : "—"}
          </Field>
          <Field label={t("catalogue.fields.softwareType")}>{s.softwareType ?? "—"}</Field>
          <Field label={t("catalogue.fields.version")}>
            {s.softwareVersion ?? "—"}
            {s.releaseDate ? ` · ${t("catalogue.detail.releasedOn", { date: s.releaseDate })}` : ""}
          </Field>
          <Field label={t("catalogue.fields.categories")}>{s.categories.join(", ") || "—"}</Field>
          <Field label={t("catalogue.fields.scopes")}>{s.scopes.join(", ") || "—"}</Field>
          <Field label={t("catalogue.fields.runsOn")}>{s.platforms.join(", ") || "—"}</Field>
          <Field label={t("catalogue.fields.usedBy")}>
            {s.usedBy.length ? (
              <>
                {t("catalogue.detail.usedByCount", { count: s.usedByCount, comuni: s.usedByComuniCount })}
                <ul className="mt-1 list-disc pl-6">
                  {s.usedBy.map((u, i) => (
                    <li key={i}>{u}</li>
                  ))}
                </ul>
              </>
            ) : (
              t("catalogue.detail.usedByNone")
            )}
          </Field>
          <Field label={t("catalogue.fields.pnrr")}>
            {s.pnrrMeasures.length ? (
              <ul className="list-disc pl-6">
                {s.pnrrMeasures.map((m) => (
                  <li key={m}>
                    {m}
                    {m in PNRR_MEASURES ? ` — ${PNRR_MEASURES[m as keyof typeof PNRR_MEASURES]}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              "—"
            )}
            {s.pnrrBeneficiaries.length ? (
              <p className="mt-1">
                {t("catalogue.detail.beneficiaries")}: {s.pnrrBeneficiaries.join(", ")}
              </p>
            ) : null}
          </Field>
          <Field label={t("catalogue.fields.proprietary")}>{s.dependsOnProprietaryCount}</Field>
          {s.vitality !== null ? <Field label={t("catalogue.fields.vitality")}>{s.vitality}</Field> : null}
          <Field label={t("catalogue.fields.links")}>
            <ul className="space-y-1">
              {s.url ? <li className="break-all">{s.url}</li> : null}
              {s.landingUrl ? <li className="break-all">{s.landingUrl}</li> : null}
            </ul>
            <p className="mt-1 text-slate-700" data-testid="urls-unverified">
              {t("catalogue.detail.urlsUnverified")}
            </p>
          </Field>
        </dl>
      </section>

      <section aria-labelledby="platforms-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="platforms-title" className="mb-2 text-xl font-semibold">
          {t("catalogue.detail.platforms")}
        </h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2" data-testid="platform-checklist">
          {s.nationalPlatforms.map((p) => (
            <li key={p.id}>
              <span aria-hidden="true">{p.declared === true ? "✔" : p.declared === false ? "✘" : "?"}</span>{" "}
              <span className="font-semibold">{PLATFORM_NAMES[p.id]}</span>: {declared(p.declared)}
            </li>
          ))}
        </ul>
      </section>

      {s.goodPractice ? (
        <section aria-labelledby="practice-title" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="practice-title" className="mb-2 text-xl font-semibold">
            {t("catalogue.detail.goodPractice")}
          </h2>
          <dl className="divide-y divide-slate-100 text-sm">
            <Field label={t("catalogue.practice.programme")}>{s.goodPractice.programme}</Field>
            <Field label={t("catalogue.practice.ambito")}>{s.goodPractice.ambito}</Field>
            <Field label={t("catalogue.practice.enteCedente")}>{s.goodPractice.enteCedente}</Field>
            <Field label={t("catalogue.practice.entiRiusanti")}>{s.goodPractice.entiRiusanti.join(", ") || "—"}</Field>
            <Field label={t("catalogue.practice.problem")}>{s.goodPractice.problemSolved}</Field>
            <Field label={t("catalogue.practice.transfer")}>{s.goodPractice.transferStatus ?? "—"}</Field>
            <Field label="CUP">{s.goodPractice.cup ?? "—"}</Field>
            <Field label={t("catalogue.practice.funding")}>{s.goodPractice.fundingLine ?? "—"}</Field>
            <Field label={t("catalogue.practice.kit")}>
              <ul>
                {s.goodPractice.kitComponents.map((k) => (
                  <li key={k.component}>
                    <span aria-hidden="true">{k.present ? "✔" : "✘"}</span> {k.component}:{" "}
                    {k.present ? t("common.yes") : t("common.no")}
                  </li>
                ))}
              </ul>
            </Field>
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="conformance-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="conformance-title" className="mb-2 text-xl font-semibold">
          {t("catalogue.detail.conformanceTitle")}
        </h2>
        {record ? (
          <div className="space-y-3">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <ConformanceBadge conformance={record.conformance} />
              <span>{t(`catalogue.importStatus.${record.importStatus}`)}</span>
              <span>
                · {t("catalogue.detail.declaredVersion")}: {record.declaredVersion ?? "—"}
              </span>
              {record.detectedLegacyIt ? <span>· {t("catalogue.detail.legacyIt")}</span> : null}
              <span>
                · {record.sourceName}, {formatDateTime(record.createdAt, i18n.language)}
              </span>
            </p>
            {record.issues.length === 0 ? (
              <p>{t("catalogue.detail.noIssues")}</p>
            ) : (
              <div
                className="overflow-x-auto"
                tabIndex={0}
                role="region"
                aria-label={t("catalogue.detail.issuesCaption", { count: record.issues.length })}
              >
                <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="issues-table">
                  <caption className="text-left font-semibold">
                    {t("catalogue.detail.issuesCaption", { count: record.issues.length })}
                  </caption>
                  <thead className="bg-slate-100 text-left">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        {t("catalogue.issues.severity")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("catalogue.issues.key")}
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        {t("catalogue.issues.line")}
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        {t("catalogue.issues.column")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("catalogue.issues.message")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {record.issues.map((issue, i) => (
                      <tr key={i}>
                        <td className="px-3 py-2">{t(`catalogue.severity.${issue.severity}`)}</td>
                        <td className="break-all px-3 py-2 font-mono">{issue.key || t("catalogue.issues.file")}</td>
                        <td className="px-3 py-2 text-right">{issue.line || "—"}</td>
                        <td className="px-3 py-2 text-right">{issue.column || "—"}</td>
                        <td className="px-3 py-2">{issue.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <details>
              <summary className="cursor-pointer underline">{t("catalogue.detail.rawYaml")}</summary>
              {/* React escapes the text: a `<script>` in the file stays text. */}
              {/* A scrolling box is a focusable region, so the keyboard can scroll it (WCAG 2.1.1). */}
              <pre
                tabIndex={0}
                role="region"
                aria-label={t("catalogue.detail.rawYamlLabel")}
                className="mt-2 max-h-[32rem] overflow-auto rounded bg-slate-100 p-3 text-xs"
                data-testid="raw-yaml"
              >
                {record.rawYaml}
              </pre>
            </details>
          </div>
        ) : (
          <p>{t("catalogue.detail.noRecord")}</p>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.solution.localisedName ?? data?.solution.name ?? "Catalogo del riuso"} — Capacitas` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

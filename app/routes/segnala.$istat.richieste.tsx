import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ComuneNotFound, formatMonth } from "~/components/citizen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseId } from "~/domain/ids";
import { isPublishedRequestOf, pendingRequestCount, supportedOn } from "~/models/citizen-public.server";
import { listPublishedRequests, supportRequest } from "~/models/citizen-request.server";
import { ensureVoter, voterOf } from "~/utils/citizen-voter.server";
import { badRequest } from "~/utils/http.server";
import { readSmallForm } from "~/utils/small-form.server";
import { requireCitizenComune } from "./segnala.comune.server";

// Public page (no account): the comune's published requests — the moderators' summaries,
// never what a citizen wrote — and "Anche per me", one per browser per day (spec PHASE2 §5.2).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const comune = await requireCitizenComune(params.istat);
  const [published, pending, voter] = await Promise.all([
    listPublishedRequests({ organisationId: comune.id }),
    pendingRequestCount(comune.id),
    ensureVoter(request),
  ]);
  const supported = await supportedOn({ ...voter, requestIds: published.map((r) => r.id) });
  const search = new URL(request.url).searchParams;
  const counted = parseId(search.get("sostenuta"));
  const already = parseId(search.get("gia"));
  const capped = parseId(search.get("limite"));
  return data(
    {
      comune: { name: comune.name, istatCode: comune.istatCode },
      pending,
      outcome: counted
        ? { id: counted, counted: true, capped: false }
        : already
          ? { id: already, counted: false, capped: false }
          : capped
            ? { id: capped, counted: false, capped: true }
            : null,
      requests: published.map((r) => ({
        id: r.id,
        topic: r.topic,
        createdAt: r.createdAt,
        summary: r.publicSummary ?? "",
        supportCount: r.supportCount,
        need: r.need,
        supportedToday: supported.has(r.id),
      })),
    },
    voter.setCookie ? { headers: { "Set-Cookie": voter.setCookie } } : undefined,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const comune = await requireCitizenComune(params.istat);
  const id = parseId((await readSmallForm(request, 4 * 1024)).get("requestId"));
  if (id === null) badRequest({ requestId: ["Richiesta non valida."] });
  if (!(await isPublishedRequestOf({ id, organisationId: comune.id }))) {
    throw data({ message: "Richiesta non trovata.", reason: "request" }, { status: 404 });
  }
  const voter = await voterOf(request);
  const result = await supportRequest({ id, ...voter });
  if (!result) throw data({ message: "Richiesta non trovata.", reason: "request" }, { status: 404 });
  const outcome = result.counted ? "sostenuta" : result.capped ? "limite" : "gia";
  return redirect(`/segnala/${comune.istatCode}/richieste?${outcome}=${id}#richiesta-${id}`);
}

export default function PublishedRequests() {
  const { comune, pending, outcome, requests } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <nav aria-label={t("citizen.breadcrumb")} className="text-sm">
        <Link to="/segnala" className="underline">
          {t("citizen.home.title")}
        </Link>{" "}
        ›{" "}
        <Link to={`/segnala/${comune.istatCode}`} className="underline">
          {comune.name}
        </Link>{" "}
        › <span aria-current="page">{t("citizen.list.crumb")}</span>
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("citizen.list.title", { comune: comune.name })}</h1>
        <p>{t("citizen.list.intro")}</p>
        <p data-testid="pending-count">{t("citizen.list.pending", { count: pending })}</p>
        <p>
          <Link to={`/segnala/${comune.istatCode}`} className="font-semibold text-brand-700 underline">
            {t("citizen.list.newRequest", { comune: comune.name })}
          </Link>
        </p>
      </div>
      <section aria-labelledby="published-title" className="space-y-3">
        <h2 id="published-title" className="text-xl font-semibold">
          {t("citizen.list.published", { count: requests.length })}
        </h2>
        {requests.length === 0 ? <p>{t("citizen.list.none")}</p> : null}
        <ul className="space-y-3" data-testid="published-requests">
          {requests.map((r) => (
            <li key={r.id}>
              <article
                id={`richiesta-${r.id}`}
                aria-labelledby={`richiesta-${r.id}-title`}
                className="space-y-2 rounded-lg bg-white p-4 shadow-sm"
                data-testid="published-request"
              >
                <h3 id={`richiesta-${r.id}-title`} className="font-semibold">
                  {t(`citizen.topics.${r.topic}`)}
                  <span className="font-normal text-slate-700"> · {formatMonth(r.createdAt, i18n.language)}</span>
                </h3>
                <p id={`richiesta-${r.id}-summary`} data-testid="published-summary">
                  {r.summary}
                </p>
                {r.need ? (
                  <p className="text-sm">
                    {t("citizen.list.need", { title: r.need.title })}{" "}
                    <span className="font-semibold">({t(`citizen.needStatus.${r.need.status}`)})</span>
                  </p>
                ) : null}
                <div className="flex flex-wrap items-center gap-3">
                  <p className="text-sm" data-testid="support-count">
                    {t("citizen.list.supportCount", { count: r.supportCount })}
                  </p>
                  {r.supportedToday ? (
                    <p className="text-sm font-semibold text-brand-800">
                      <span aria-hidden="true">✓ </span>
                      {t("citizen.list.supportedToday")}
                    </p>
                  ) : (
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="requestId" value={r.id} />
                      <button
                        type="submit"
                        aria-describedby={`richiesta-${r.id}-summary`}
                        className="rounded border-2 border-brand-700 bg-white px-3 py-1.5 font-semibold text-brand-800 hover:bg-brand-50"
                      >
                        {t("citizen.list.support")}
                      </button>
                    </Form>
                  )}
                </div>
                {outcome?.id === r.id ? (
                  <p
                    role="status"
                    className="rounded border border-brand-600 bg-brand-50 p-2 text-sm"
                    data-testid="support-outcome"
                  >
                    {outcome.counted
                      ? t("citizen.list.counted")
                      : outcome.capped
                        ? t("citizen.list.cappedAddress")
                        : t("citizen.list.alreadyCounted")}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Richieste pubblicate — ${data.comune.name} — Capacitas` : "Richieste pubblicate — Capacitas",
  },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: ({ error }) =>
          (error.data as { reason?: string } | null)?.reason === "request" ? <RequestNotFound /> : <ComuneNotFound />,
      }}
    />
  );
}

function RequestNotFound() {
  const { t } = useTranslation();
  const { istat } = useParams();
  return (
    <div className="mx-auto max-w-2xl space-y-3">
      <p className="text-sm font-semibold text-slate-600">404</p>
      <h1 className="text-2xl font-bold">{t("citizen.notFound.requestTitle")}</h1>
      <p>{t("citizen.notFound.requestText")}</p>
      <p>
        <Link to={`/segnala/${istat}/richieste`} className="font-semibold text-brand-700 underline">
          {t("citizen.notFound.backToList")}
        </Link>
      </p>
    </div>
  );
}

import { DEMO_NEEDS } from "./phase2-needs";
import { DEMO_REQUESTS } from "./phase2-requests";

/**
 * The story of the demo's ICT phase 2 (the seed tells it, the browser tests rely on it): the
 * facilitators of the DARA team run "Rilevazione 2026" for the 18 comuni of the Oltrepò on
 * the phase-2 edition; by the seed's day each comune's assessment is in one of these states.
 */
export const PHASE2_CYCLE_TITLE = "Rilevazione 2026 — Oltrepò Pavese";
export const PHASE2_EDITION_CODE = "OLT-ICT-F2-2026";

export const ASSESSMENT_STATES = {
  "Godiasco Salice Terme": "VALIDATED",
  Zavattarello: "VALIDATED",
  "Ponte Nizza": "VALIDATED",
  Bagnaria: "VALIDATED",
  "Santa Margherita di Staffora": "VALIDATED",
  Romagnese: "VALIDATED",
  "Colli Verdi": "VALIDATED",
  Cecima: "VALIDATED",
  "Val di Nizza": "VALIDATED",
  "Brallo di Pregola": "SUBMITTED",
  "Montalto Pavese": "SUBMITTED",
  "Rocca Susella": "SUBMITTED",
  "Borgo Priolo": "REOPENED",
  Varzi: "IN_PROGRESS",
  Fortunago: "IN_PROGRESS",
  Montesegale: "IN_PROGRESS",
  "Borgoratto Mormorolo": "NOT_STARTED",
  Menconico: "NOT_STARTED",
} as const;

/** The facilitator of the DARA team (DEMO_ACCOUNTS.facilitator), an extra trainer of the phase-2 edition. */
export const PHASE2_FACILITATOR = {
  firstName: "Serena",
  lastName: "Bergamaschi",
  role: "Facilitatrice del team DARA per la transizione digitale",
} as const;

/**
 * Who is the referente comunale of each comune: an existing person of its staff, by the
 * first of these job titles the comune has (the seed's people come from faker, so the names
 * are not fixed here). Varzi and Godiasco Salice Terme log in as the demo accounts.
 */
export const REFERENT_ROLES = [
  ["Responsabile del servizio finanziario", "Istruttore amministrativo", "Vicesindaco", "Assessore"],
  ["Istruttore amministrativo", "Responsabile del servizio finanziario", "Assessore", "Vicesindaco"],
  ["Vicesindaco", "Assessore", "Responsabile del servizio finanziario", "Istruttore amministrativo"],
] as const;

/** Why the facilitator reopened Borgo Priolo's assessment (the items named are those still capped). */
export const BORGO_PRIOLO_REOPEN_REASON =
  "Alcune risposte alte non hanno ancora l'evidenza: allegate i documenti indicati e inviate di nuovo.";

export { DEMO_NEEDS, DEMO_REQUESTS };

const need = (key: string) => DEMO_NEEDS.find((n) => n.key === key)!;
const request = (key: string) => DEMO_REQUESTS.find((r) => r.key === key)!;
const summaryOf = (key: string) => {
  const o = request(key).outcome;
  return o.status === "APPROVED" ? o.summary : "";
};

/** A need of Varzi (and others) with a citizen's request linked, and the title it shows. */
export const PHASE2_NEED_TITLE = need("anagrafe").title;
/** The referent-proposed local need of Varzi. */
export const PHASE2_VARZI_LOCAL_NEED_TITLE = need("archivio-edilizio").title;
/** The need merged into PHASE2_NEED_TITLE, and the one discarded (with its reason). */
export const PHASE2_MERGED_NEED_TITLE = need("cie").title;
export const PHASE2_DISCARDED_NEED_TITLE = need("app-strade").title;

/** Published on Varzi's public list, linked to PHASE2_NEED_TITLE. */
export const PHASE2_VARZI_PUBLISHED_SUMMARY = summaryOf("varzi-cie");
/** What a citizen of Varzi wrote and nobody moderated yet (never public; find its receipt code by it). */
export const PHASE2_VARZI_RECEIVED_TEXT = request("varzi-tari-io").text;
/** A published request of Godiasco Salice Terme, linked to the TARI need. */
export const PHASE2_GODIASCO_PUBLISHED_SUMMARY = summaryOf("godiasco-tari");

/** How many citizens' requests the demo holds in each status, and per comune. */
export const PHASE2_REQUEST_COUNTS = DEMO_REQUESTS.reduce<Record<string, number>>(
  (acc, r) => ({ ...acc, [r.outcome.status]: (acc[r.outcome.status] ?? 0) + 1 }),
  {},
);
export function publishedRequestsOf(comune: string): number {
  return DEMO_REQUESTS.filter((r) => r.comune === comune && r.outcome.status === "APPROVED").length;
}

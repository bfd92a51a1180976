/**
 * The expected answers of every route file × handler × kind of user (the access matrix):
 * read by the matrix test, which fails for a route file without its row, and by the fuzz test.
 */
import type { callRoute } from "../support";
import type { createAccessFixture, Who } from "./access-fixture";

export type Handler = Parameters<typeof callRoute>[0];
export type RouteModule = { loader?: Handler; action?: Handler };
export type Fixture = Awaited<ReturnType<typeof createAccessFixture>>;
type Expect = Record<Who, number>;

/** How to call a route: its URL and params (from the fixture) and what each user gets. */
type Row = {
  path: (p: Fixture["params"]) => string;
  params?: (p: Fixture["params"]) => Record<string, string>;
  loader?: Expect;
  /** the action gets a harmless, invalid form: a 400 proves the guard let the request through */
  action?: Expect;
  form?: Record<string, string>;
  /** the action ends the session it carries: send a throwaway one */
  endsSession?: boolean;
};

// Answers: 302 = to the login page (anonymous) or a redirect; 403 = capability missing; 404 =
// the record is outside the user's scope (the same answer as a record that does not exist).
const anonymousOnly = (ok: number, others: number): Expect => ({
  anonymous: ok,
  learner: others,
  "trainer of the edition": others,
  "trainer of another edition": others,
  coordinator: others,
  "coordinator of another area": others,
  admin: others,
  referent: others,
  "referent of another comune": others,
});
const everyone = (status: number): Expect => anonymousOnly(status, status);
const loggedIn = (status: number): Expect => ({ ...everyone(status), anonymous: 302 });
const learnerOnly = (status: number): Expect => ({ ...loggedIn(403), learner: status });
const trainers = (status: number): Expect => ({
  ...loggedIn(403),
  "trainer of the edition": status,
  "trainer of another edition": status,
});
const editionTrainer = (status: number): Expect => ({
  ...loggedIn(403),
  "trainer of the edition": status,
  "trainer of another edition": 404,
});
const reporting = (status: number): Expect => ({
  ...loggedIn(403),
  coordinator: status,
  "coordinator of another area": status,
  admin: status,
});
const areaRecord = (status: number): Expect => ({ ...reporting(status), "coordinator of another area": 404 });
const adminOnly = (status: number): Expect => ({ ...loggedIn(403), admin: status });
// ICT phase 2: the trainer of the edition facilitates the fixture's cycle; the referents act
// for the fixture's comune and for a neighbour of the same area.
/** a phase-2 list: every phase-2 reader opens it and sees their part of it */
export const phase2List = (status: number): Expect => ({
  ...loggedIn(403),
  "trainer of the edition": status,
  "trainer of another edition": status,
  coordinator: status,
  "coordinator of another area": status,
  admin: status,
  referent: status,
  "referent of another comune": status,
});
/** a record of the fixture's comune: 404 for those whose scope does not hold it */
export const phase2Record = (status: number): Expect => ({
  ...phase2List(status),
  "trainer of another edition": 404,
  "coordinator of another area": 404,
  "referent of another comune": 404,
});
/** a record of the fixture's area (its cycle): the neighbour's referent holds it too */
export const phase2AreaRecord = (status: number): Expect => ({
  ...phase2Record(status),
  "referent of another comune": status,
});
/** what facilitators and referents do (propose needs, moderate citizens' requests): each in their scope */
export const phase2Proposers = (status: number): Expect => ({
  ...loggedIn(403),
  "trainer of the edition": status,
  "trainer of another edition": status,
  referent: status,
  "referent of another comune": status,
});

/** who fills a comune's assessment: its referent and the cycle's facilitator */
const phase2Filler = (status: number): Expect => ({
  ...loggedIn(403),
  "trainer of the edition": status,
  "trainer of another edition": 404,
  referent: status,
  "referent of another comune": 404,
});

const edition = (p: Fixture["params"]) => ({ id: p.editionId });
export const INVALID = { intent: "nulla" };

export const MATRIX: Record<string, Row> = {
  _index: { path: () => "/", loader: loggedIn(302) },
  admin: { path: () => "/admin", loader: adminOnly(200), action: adminOnly(400), form: INVALID },
  "attestati.$code.pdf": {
    path: (p) => `/attestati/${p.certificateCode}.pdf`,
    params: (p) => ({ code: p.certificateCode }),
    loader: learnerOnly(200),
  },
  // The catalogue is shared: every facilitator imports, and may open any batch; a batch that
  // does not exist is 404 for them (catalogue-import.test.ts opens real ones).
  "catalogo.importa._index": {
    path: () => "/catalogo/importa",
    loader: trainers(200),
    action: trainers(400),
    form: {},
  },
  "catalogo.importa.$batch": {
    path: () => "/catalogo/importa/99999999",
    params: () => ({ batch: "99999999" }),
    loader: trainers(404),
  },
  // The reuse catalogue is shared: every phase-2 reader opens the list and every card.
  "catalogo.$id": {
    path: (p) => `/catalogo/${p.solutionId}`,
    params: (p) => ({ id: p.solutionId }),
    loader: phase2List(200),
  },
  "catalogo._index": { path: () => "/catalogo", loader: phase2List(200) },
  "consegne.$id.file": {
    path: (p) => `/consegne/${p.submissionId}/file`,
    params: (p) => ({ id: p.submissionId }),
    loader: { ...loggedIn(404), learner: 200, "trainer of the edition": 200 },
  },
  "cruscotto._index": { path: () => "/cruscotto", loader: reporting(200) },
  "cruscotto.enti": { path: () => "/cruscotto/enti", loader: reporting(200) },
  "cruscotto.esporta.$file": {
    path: () => "/cruscotto/esporta/indicatori.xlsx",
    params: () => ({ file: "indicatori.xlsx" }),
    loader: reporting(200),
  },
  "cruscotto.persone": { path: () => "/cruscotto/persone", loader: reporting(200) },
  "cruscotto.report": { path: () => "/cruscotto/report", loader: reporting(200) },
  "edizioni._index": { path: () => "/edizioni", loader: trainers(200) },
  "edizioni.$id": { path: (p) => `/edizioni/${p.editionId}`, params: edition, loader: editionTrainer(200) },
  "edizioni.$id._index": { path: (p) => `/edizioni/${p.editionId}`, params: edition, loader: editionTrainer(200) },
  "edizioni.$id.consegne": {
    path: (p) => `/edizioni/${p.editionId}/consegne`,
    params: edition,
    loader: editionTrainer(200),
    action: editionTrainer(400),
    form: { intent: "review" },
  },
  "edizioni.$id.esporta.$file": {
    path: (p) => `/edizioni/${p.editionId}/esporta/partecipanti.csv`,
    params: (p) => ({ id: p.editionId, file: "partecipanti.csv" }),
    loader: editionTrainer(200),
  },
  "edizioni.$id.incontri._index": {
    path: (p) => `/edizioni/${p.editionId}/incontri`,
    params: edition,
    loader: editionTrainer(200),
  },
  "edizioni.$id.incontri.$sessionId": {
    path: (p) => `/edizioni/${p.editionId}/incontri/${p.sessionId}`,
    params: (p) => ({ id: p.editionId, sessionId: p.sessionId }),
    loader: editionTrainer(200),
    action: editionTrainer(400),
    form: INVALID,
  },
  "edizioni.$id.incontri.$sessionId.registro": {
    path: (p) => `/edizioni/${p.editionId}/incontri/${p.sessionId}/registro`,
    params: (p) => ({ id: p.editionId, sessionId: p.sessionId }),
    loader: editionTrainer(200),
  },
  "edizioni.$id.incontri.nuovo": {
    path: (p) => `/edizioni/${p.editionId}/incontri/nuovo`,
    params: edition,
    loader: editionTrainer(200),
    action: editionTrainer(400),
    form: { title: "" },
  },
  "edizioni.$id.matrice": {
    path: (p) => `/edizioni/${p.editionId}/matrice`,
    params: edition,
    loader: editionTrainer(200),
  },
  "edizioni.$id.partecipanti.$personId": {
    path: (p) => `/edizioni/${p.editionId}/partecipanti/${p.personId}`,
    params: (p) => ({ id: p.editionId, personId: p.personId }),
    loader: editionTrainer(200),
  },
  "gestione.edizioni._index": {
    path: () => "/gestione/edizioni",
    loader: reporting(200),
    action: reporting(400),
    form: { intent: "create" },
  },
  "gestione.edizioni.$id": {
    path: (p) => `/gestione/edizioni/${p.editionId}`,
    params: edition,
    loader: areaRecord(200),
    action: areaRecord(400),
    form: INVALID,
  },
  "fabbisogni._index": {
    path: () => "/fabbisogni",
    loader: phase2List(200),
    action: trainers(400),
    form: INVALID,
  },
  "fabbisogni.$id": {
    path: (p) => `/fabbisogni/${p.needId}`,
    params: (p) => ({ id: p.needId }),
    loader: phase2Record(200),
    // Managing needs is the facilitator's: a need outside their areas is 404 before any form.
    action: editionTrainer(400),
    form: INVALID,
  },
  "fabbisogni.esporta.$file": {
    path: () => "/fabbisogni/esporta/fabbisogni.csv",
    params: () => ({ file: "fabbisogni.csv" }),
    loader: phase2List(200),
  },
  "fabbisogni.nuovo": {
    path: () => "/fabbisogni/nuovo",
    loader: phase2Proposers(200),
    action: phase2Proposers(400),
    form: INVALID,
  },
  "fabbisogni.richieste": {
    path: () => "/fabbisogni/richieste",
    loader: phase2Proposers(200),
    action: phase2Proposers(400),
    form: INVALID,
  },
  healthz: { path: () => "/healthz", loader: everyone(200) },
  "i-miei-dati._index": { path: () => "/i-miei-dati", loader: loggedIn(200) },
  "i-miei-dati.$format": { path: () => "/i-miei-dati/json", params: () => ({ format: "json" }), loader: loggedIn(200) },
  "imposta-password.$token": {
    path: () => "/imposta-password/non-un-token-valido-di-certo",
    params: () => ({ token: "non-un-token-valido-di-certo" }),
    loader: everyone(200),
    action: everyone(400),
    form: { password: "x" },
  },
  lingua: { path: () => "/lingua", loader: everyone(302), action: everyone(400), form: { lng: "xx" } },
  login: { path: () => "/login", loader: anonymousOnly(200, 302), action: everyone(400), form: { email: "x" } },
  logout: { path: () => "/logout", loader: everyone(302), action: everyone(302), form: {}, endsSession: true },
  "maturita._index": { path: () => "/maturita", loader: phase2List(200) },
  "maturita.nuova": {
    path: () => "/maturita/nuova",
    loader: trainers(200),
    action: trainers(400),
    form: { title: "" },
  },
  "maturita.$cycle._index": {
    path: (p) => `/maturita/${p.cycleId}`,
    params: (p) => ({ cycle: p.cycleId }),
    loader: phase2AreaRecord(200),
    action: editionTrainer(400),
    form: INVALID,
  },
  "maturita.$cycle.$istat._index": {
    path: (p) => `/maturita/${p.cycleId}/${p.istat}`,
    params: (p) => ({ cycle: p.cycleId, istat: p.istat }),
    loader: phase2Record(200),
    action: phase2Filler(400),
    form: INVALID,
  },
  // The fixture's assessment is not validated: its learners cannot read the profile yet.
  "maturita.$cycle.$istat.profilo": {
    path: (p) => `/maturita/${p.cycleId}/${p.istat}/profilo`,
    params: (p) => ({ cycle: p.cycleId, istat: p.istat }),
    loader: { ...phase2Record(200), learner: 404 },
    action: phase2Filler(400),
    form: { items: "ORG-01" },
  },
  "maturita.$cycle.$istat.prove.$evidenceId": {
    path: (p) => `/maturita/${p.cycleId}/${p.istat}/prove/${p.evidenceId}`,
    params: (p) => ({ cycle: p.cycleId, istat: p.istat, evidenceId: p.evidenceId }),
    loader: phase2Record(200),
  },
  "maturita.$cycle.area": {
    path: (p) => `/maturita/${p.cycleId}/area`,
    params: (p) => ({ cycle: p.cycleId }),
    loader: phase2AreaRecord(200),
  },
  "maturita.$cycle.esporta.$file": {
    path: (p) => `/maturita/${p.cycleId}/esporta/risposte.csv`,
    params: (p) => ({ cycle: p.cycleId, file: "risposte.csv" }),
    loader: phase2AreaRecord(200),
  },
  "percorso._index": { path: () => "/percorso", loader: learnerOnly(200) },
  "percorso.$module._index": {
    path: (p) => `/percorso/${p.moduleSlug}`,
    params: (p) => ({ module: p.moduleSlug }),
    loader: learnerOnly(200),
    action: learnerOnly(400),
    form: INVALID,
  },
  "percorso.$module.$unit": {
    path: (p) => `/percorso/${p.moduleSlug}/${p.unitSlug}`,
    params: (p) => ({ module: p.moduleSlug, unit: p.unitSlug }),
    loader: learnerOnly(200),
    action: learnerOnly(400),
    form: INVALID,
  },
  "persone._index": { path: () => "/persone", loader: reporting(200) },
  "persone.$id": {
    path: (p) => `/persone/${p.personId}`,
    params: (p) => ({ id: p.personId }),
    loader: areaRecord(200),
    action: areaRecord(400),
    form: INVALID,
  },
  "persone.importa": { path: () => "/persone/importa", loader: reporting(200), action: reporting(400), form: {} },
  "persone.importa.modello.$format": {
    path: () => "/persone/importa/modello/csv",
    params: () => ({ format: "csv" }),
    loader: reporting(200),
  },
  // Without a batch of one's own there is nothing to report: 404 for those allowed to import.
  "persone.importa.stato": { path: () => "/persone/importa/stato", loader: reporting(404) },
  "persone.nuova": {
    path: () => "/persone/nuova",
    loader: reporting(200),
    action: reporting(400),
    form: { firstName: "" },
  },
  // The citizens' pages are public: no account, the same answer for everyone.
  "segnala._index": { path: () => "/segnala", loader: everyone(200) },
  "segnala.$istat._index": {
    path: (p) => `/segnala/${p.istat}`,
    params: (p) => ({ istat: p.istat }),
    loader: everyone(200),
    action: everyone(400),
    form: { topic: "" },
  },
  "segnala.$istat.richieste": {
    path: (p) => `/segnala/${p.istat}/richieste`,
    params: (p) => ({ istat: p.istat }),
    loader: everyone(200),
    action: everyone(400),
    form: { requestId: "x" },
  },
  "segnala.stato._index": { path: () => "/segnala/stato", loader: everyone(200) },
  "segnala.stato.$code": {
    path: (p) => `/segnala/stato/${p.receiptCode}`,
    params: (p) => ({ code: p.receiptCode }),
    loader: everyone(200),
  },
  "verifica._index": { path: () => "/verifica", loader: everyone(200) },
  "verifica.$code": {
    path: (p) => `/verifica/${p.certificateCode}`,
    params: (p) => ({ code: p.certificateCode }),
    loader: everyone(200),
  },
};

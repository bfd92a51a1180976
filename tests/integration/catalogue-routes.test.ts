// The reuse catalogue's screens (spec PHASE2 §5.3, §10): the 36 real publiccode.yml files of
// the demo go through the tested parser into the database, then the list's search, every
// filter, the sorts and the paging are read through the loader, bad params are a 400 with an
// Italian message, and the detail shows the card, the issues and the file as text.
import { beforeAll, describe, expect, it } from "vitest";
import * as detail from "~/routes/catalogo.$id";
import * as list from "~/routes/catalogo._index";
import { escapeLike } from "~/models/catalogue.server";
import { prisma } from "~/utils/db.server";
import { createCatalogueImport, insertCatalogueFixtures, insertPubliccode } from "../catalogue-support";
import { renderRoute } from "../render-route";
import { callRoute, createModuleFixture, createUserWithSession, makeRequest, payload } from "../support";

type Handler = Parameters<typeof callRoute>[0];
type Row = {
  id: number;
  name: string;
  kind: string;
  origin: string;
  license: string | null;
  maintenance: string | null;
  conformance: string | null;
  nationalPlatforms: string[];
  usedByCount: number;
  releaseDate: string | null;
  vitality: number | null;
  description: string | null;
};
type ListData = {
  rows: Row[];
  total: number;
  pages: number;
  facets: Record<string, { value: string; count: number }[]>;
};

let cookie = "";
let referentCookie = "";
let learnerCookie = "";
let ids: Record<string, number | null> = {};
let scriptId = 0;
const FILES = 36;

const get = (handler: Handler, path: string, c = cookie, params: Record<string, string> = {}) =>
  callRoute(handler, makeRequest(path, { cookie: c }), params);

async function search(query = "", c = cookie) {
  const { status, result } = await get(list.loader as Handler, `/catalogo${query}`, c);
  expect(status, query).toBe(200);
  return payload<ListData>(result);
}
const names = async (query: string) => (await search(query)).rows.map((r) => r.name);

async function badParams(query: string) {
  const { status, result } = await get(list.loader as Handler, `/catalogo${query}`);
  expect(status, query).toBe(400);
  return payload<{ errors: Record<string, string[]> }>(result).errors;
}

const id = (file: string) => {
  const value = ids[file];
  if (!value) throw new Error(`no solution for ${file}`);
  return value;
};

beforeAll(async () => {
  const fx = await createModuleFixture({ units: [{ slug: "laboratorio", kind: "LAB" }] });
  const trainer = await createUserWithSession(fx.comune.id, [{ role: "TRAINER" }], { position: "EXTERNAL" });
  const referent = await createUserWithSession(fx.comune.id, [{ role: "REFERENT", organisationId: fx.comune.id }]);
  const learner = await createUserWithSession(fx.comune.id, [{ role: "LEARNER" }]);
  cookie = trainer.cookie;
  referentCookie = referent.cookie;
  learnerCookie = learner.cookie;
  ({ ids } = await insertCatalogueFixtures());
  // Vitality comes from a Developers Italia export, not from the files: two cards get one.
  await prisma.solution.update({ where: { id: id("link-it__govpay.publiccode.yml") }, data: { vitality: 90 } });
  await prisma.solution.update({ where: { id: id("link-it__govway.publiccode.yml") }, data: { vitality: 40 } });
  // A file whose text carries markup and a LIKE wildcard: shown as text, searched literally.
  const { id: importId } = await createCatalogueImport("script.yml");
  scriptId = (await insertPubliccode(SCRIPT_FILE, { importId, sourceName: "script.yml" })).solutionId!;
}, 60_000);

const SCRIPT_FILE = `publiccodeYmlVersion: "0.4"
name: Prova <script>alert(1)</script>
url: "https://example.org/prova/script.git"
platforms: [web]
categories: [it-development]
developmentStatus: beta
softwareType: standalone/web
description:
  en:
    shortDescription: "Sconto del 100% garantito: <b>grassetto</b>"
    longDescription: "${"A long description that is long enough for the validator to accept it. ".repeat(3)}"
    features: [one]
legal:
  license: MIT
maintenance:
  type: none
localisation:
  localisationReady: false
  availableLanguages: [en]
`;

describe("the list", () => {
  it("shows every card of the catalogue, 25 a page, sorted by name", async () => {
    const first = await search();
    expect(first.total).toBe(FILES + 1);
    expect(first.rows).toHaveLength(25);
    expect(first.pages).toBe(2);
    const sorted = [...first.rows.map((r) => r.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(first.rows.map((r) => r.name)).toEqual(sorted);
    const second = await search("?page=2");
    expect(second.rows).toHaveLength(FILES + 1 - 25);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(FILES + 1);
    expect((await search("?page=3")).rows).toEqual([]);
    expect((await search("?size=10&page=4")).rows).toHaveLength(FILES + 1 - 30);
  });

  it("is the same for every phase-2 reader: the catalogue is shared", async () => {
    expect((await search("", referentCookie)).total).toBe(FILES + 1);
    const { status } = await get(list.loader as Handler, "/catalogo", learnerCookie);
    expect(status).toBe(403);
  });

  it("searches names and descriptions, in any case, with wildcards taken literally", async () => {
    expect(await names("?q=segnalazioni")).toEqual(["SIGEO"]);
    expect(await names("?q=SEGNALAZIONI")).toEqual(["SIGEO"]);
    expect(await names("?q=govpay")).toEqual(expect.arrayContaining(["GovPay", "GovPay Interaction Layer"]));
    expect(await names("?q=nessuna-parola-cos%C3%AC")).toEqual([]);
    // "100%" matches the one text that holds it, "%" alone is not "anything".
    expect(await names("?q=100%25")).toEqual(["Prova <script>alert(1)</script>"]);
    expect((await search("?q=%25%25%25")).total).toBe(0);
    expect((await search("?q=_")).total).toBeLessThan(FILES);
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
  });

  it("filters by national platform, from the stored JSON text", async () => {
    const pagopa = await search("?piattaforma=pagopa");
    expect(pagopa.rows.map((r) => r.name).sort()).toEqual(
      [
        "ComunicaPA",
        "Firma con IO",
        "Geoworks-Mi Configuration settings",
        "GovPay",
        "GovPay Interaction Layer",
        "GovWay",
        "SUAP-SUE Regione Marche CWOL",
      ].sort(),
    );
    expect(pagopa.rows.every((r) => r.nationalPlatforms.includes("pagopa"))).toBe(true);
    expect(await names("?piattaforma=io")).toEqual(["Firma con IO", "GovPay Interaction Layer"]);
    expect((await search("?piattaforma=pdnd")).total).toBe(0);
  });

  it("filters by category and scope as whole words of the JSON arrays", async () => {
    const gateways = await names("?categoria=payment-gateway");
    expect(gateways.sort()).toEqual(["GovPay", "GovPay Interaction Layer"]);
    // "management" is inside many category names but is no category: no partial match.
    expect((await search("?categoria=management")).total).toBe(0);
    const education = await names("?ambito=education");
    expect(education).toEqual(["giua@school"]);
  });

  it("filters by kind, origin, development status and software type", async () => {
    expect((await search("?tipo=SOFTWARE")).total).toBe(FILES + 1);
    expect((await search("?tipo=GOOD_PRACTICE")).total).toBe(0);
    const third = await search("?origine=OSS_THIRD_PARTY");
    // the eight of the demo without an IPA owner, and the script file
    expect(third.total).toBe(9);
    expect(third.rows.every((r) => r.origin === "OSS_THIRD_PARTY")).toBe(true);
    const development = await names("?stato=development");
    expect(development.sort()).toEqual(["CKAN for Italian Open Data", "Cosmo", "EPOLL", "UtenzePA"].sort());
    expect(await names("?tipoSoftware=configurationFiles")).toEqual(["Geoworks-Mi Configuration settings"]);
    expect((await names("?tipoSoftware=addon")).sort()).toEqual(["EPOLL", "Firma con IO"]);
  });

  it("filters by PNRR measure, owner type and used by comuni", async () => {
    expect(await names("?misura=1.4.3")).toEqual(["GovPay"]);
    expect((await names("?misura=1.4.1")).sort()).toEqual(
      ["PAT", "io-Comune - Il sito AgID per Comuni ed Enti Pubblici"].sort(),
    );
    expect((await names("?ente=REGIONE")).sort()).toEqual(["SUAP-SUE Regione Marche CWOL", "Stilo"].sort());
    expect((await search("?ente=COMUNE")).total).toBe(7);
    const comuni = await search("?comuni=si");
    expect(comuni.total).toBe(10);
    expect(comuni.rows.map((r) => r.name)).toContain("PiTre");
    expect(comuni.rows.map((r) => r.name)).not.toContain("Docsuite PA");
  });

  it("filters by maintenance: an active contract, an expired one, community, internal, none", async () => {
    const active = await search("?manutenzione=ACTIVE_CONTRACT");
    expect(active.rows.map((r) => r.name).sort()).toEqual(["Ge. Fo.- Gestionale Fondi", "GeoCity", "SEP"].sort());
    expect(active.rows.every((r) => r.maintenance === "ACTIVE_CONTRACT")).toBe(true);
    const expired = await search("?manutenzione=EXPIRED_CONTRACT");
    expect(expired.rows.map((r) => r.name)).toContain("PAT");
    expect(expired.rows.every((r) => r.maintenance === "EXPIRED_CONTRACT")).toBe(true);
    expect((await search("?manutenzione=COMMUNITY")).total).toBe(7);
    expect((await search("?manutenzione=INTERNAL")).total).toBe(14);
    // the two "none" of the demo and the script file
    expect((await search("?manutenzione=NONE")).total).toBe(3);
  });

  it("filters by licence, OSI approval, language and conformance", async () => {
    expect((await search("?licenza=EUPL-1.2")).total).toBe(13);
    expect(await names("?licenza=MPL-2.0")).toEqual(["Firma con IO"]);
    expect((await search("?licenza=EUPL")).total).toBe(0);
    // No OSI list is bundled (docs/publiccode-import.md): no card says yes or no yet.
    expect((await search("?osi=si")).total).toBe(0);
    await prisma.solution.update({ where: { id: id("pagopa__io-sign.publiccode.yml") }, data: { licenseOsi: true } });
    expect(await names("?osi=si")).toEqual(["Firma con IO"]);
    expect((await names("?lingua=de")).sort()).toEqual(["aitema|Rats RIS", "aitema|Termin"]);
    expect((await search("?lingua=it-IT")).total).toBe(3);
    const valid = await search("?conformita=VALID");
    expect(valid.rows.map((r) => r.name).sort()).toEqual(["ComunicaPA", "UtenzePA"]);
    const invalid = await search("?conformita=INVALID");
    expect(invalid.rows.every((r) => r.conformance === "INVALID")).toBe(true);
    expect(invalid.total).toBe(8);
    // Filters add up.
    expect(await names("?piattaforma=pagopa&ente=COMUNE&conformita=VALID")).toEqual(["ComunicaPA"]);
  });

  it("sorts by name, latest release, adopters and vitality, with the missing ones last", async () => {
    const byName = (await search("?sort=name&dir=desc")).rows.map((r) => r.name);
    // The database's order (binary on SQLite): lowercase names after the capitalised ones.
    expect(byName[0]).toBe("publiccode editor");
    const release = (await search("?sort=release&dir=desc&size=50")).rows;
    expect(release[0].name).toBe("ComunicaPA");
    expect(release.at(-1)?.releaseDate).toBeNull();
    const dates = release.map((r) => r.releaseDate).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort().reverse());
    const oldest = (await search("?sort=release&dir=asc&size=50")).rows;
    expect(oldest[0].releaseDate).toBe("2019-08-05");
    expect(oldest.at(-1)?.releaseDate).toBeNull();
    const adopters = (await search("?sort=usedBy&dir=desc")).rows;
    expect(adopters.slice(0, 3).map((r) => r.name)).toEqual([
      "PiTre",
      "PAT",
      "io-Comune - Il sito AgID per Comuni ed Enti Pubblici",
    ]);
    const vitality = (await search("?sort=vitality&dir=desc")).rows;
    expect(vitality.slice(0, 2).map((r) => r.name)).toEqual(["GovPay", "GovWay"]);
    expect((await search("?sort=vitality&dir=asc")).rows.slice(0, 2).map((r) => r.name)).toEqual(["GovWay", "GovPay"]);
  });

  it("offers only the values some card holds, with their counts", async () => {
    const { facets } = await search();
    expect(facets.licences).toContainEqual({ value: "EUPL-1.2", count: 13 });
    expect(facets.languages.map((l) => l.value)).toEqual(expect.arrayContaining(["it", "en", "de", "nl", "it-IT"]));
    expect(facets.categories).toContainEqual({ value: "payment-gateway", count: 2 });
    expect(facets.pnrrMeasures.map((m) => m.value)).toEqual(["1.2", "1.3.1", "1.4.1", "1.4.3"]);
  });

  it("answers 400 with an Italian message by each bad parameter", async () => {
    expect(await badParams("?piattaforma=%22pagopa%22%3Atrue")).toEqual({
      piattaforma: ["Piattaforma nazionale non valida."],
    });
    expect((await badParams("?categoria=a%25b")).categoria).toEqual(["Categoria non valida."]);
    expect((await badParams("?ambito=Local%20Authorities")).ambito).toEqual(["Ambito d'uso non valido."]);
    expect((await badParams("?page=0")).page).toEqual(["Il numero di pagina parte da 1."]);
    expect((await badParams("?page=abc")).page).toBeDefined();
    expect((await badParams("?sort=id")).sort).toEqual(["Colonna di ordinamento non valida."]);
    expect((await badParams("?licenza=EUPL%22%20OR%201%3D1")).licenza).toEqual([
      "Licenza non valida (identificativo SPDX).",
    ]);
    expect((await badParams(`?q=${"x".repeat(201)}`)).q).toEqual([
      "Il testo da cercare può avere al massimo 200 caratteri.",
    ]);
    const many = await badParams("?tipo=APP&conformita=OK&misura=9.9&manutenzione=x&osi=forse&comuni=no&lingua=IT");
    expect(Object.keys(many).sort()).toEqual([
      "comuni",
      "conformita",
      "lingua",
      "manutenzione",
      "misura",
      "osi",
      "tipo",
    ]);
    expect(many.misura).toEqual(["Misura PNRR non valida."]);
  });

  it("renders the list with its badges in words, and an empty state", async () => {
    const html = await render("/catalogo?piattaforma=io", list);
    expect(html).toContain("Firma con IO");
    expect(html).toContain("2 soluzioni");
    expect(html).toContain("Conforme con avvisi");
    expect(html).toContain("Riuso PA");
    expect(html).toContain("MPL-2.0");
    const empty = await render("/catalogo?piattaforma=pdnd", list);
    expect(empty).toContain("Nessuna soluzione corrisponde ai filtri scelti.");
    const paged = await render("/catalogo", list);
    expect(paged).toContain("Pagina 1 di 2");
    expect(paged).toContain('href="/catalogo?page=2"');
  });
});

/** The page's HTML as the server renders it, with the trainer's session. */
const render = async (path: string, route: { default: unknown; loader: unknown }) => {
  const { status, html } = await renderRoute(
    route,
    path.startsWith("/catalogo/") ? "/catalogo/:id" : "/catalogo",
    makeRequest(path, { cookie }),
  );
  expect(status).toBe(200);
  return html;
};

describe("the detail", () => {
  type Detail = {
    solution: {
      name: string;
      shortDescription: Record<string, string>;
      nationalPlatforms: { id: string; declared: boolean | null }[];
      maintenance: string | null;
      maintenanceUntil: string | null;
      maintenanceActive: boolean | null;
      usedBy: string[];
      pnrrMeasures: string[];
      record: {
        rawYaml: string;
        declaredVersion: string | null;
        conformance: string;
        importStatus: string;
        issues: { key: string; line: number; column: number; message: string; severity: string }[];
      } | null;
    };
  };
  const open = async (solutionId: number | string, c = cookie) => {
    const { status, result } = await get(detail.loader as Handler, `/catalogo/${solutionId}`, c, {
      id: String(solutionId),
    });
    return { status, data: status === 200 ? payload<Detail>(result).solution : null };
  };

  it("shows the normalised card with its latest record and issues", async () => {
    const { status, data } = await open(id("AgID__pat.publiccode.yml"));
    expect(status).toBe(200);
    expect(data?.name).toBe("PAT");
    expect(data?.nationalPlatforms.filter((p) => p.declared === true).map((p) => p.id)).toEqual([
      "spid",
      "cie",
      "anpr",
    ]);
    expect(data?.maintenance).toBe("EXPIRED_CONTRACT");
    expect(data?.maintenanceActive).toBe(false);
    expect(data?.usedBy.length).toBe(174);
    expect(data?.pnrrMeasures).toEqual(["1.2", "1.4.1"]);
    expect(data?.record?.declaredVersion).toBe("0.2");
    expect(data?.record?.conformance).toBe("VALID_WITH_WARNINGS");
    expect(data?.record?.issues).toHaveLength(9);
    for (const issue of data?.record?.issues ?? []) {
      expect(issue).toMatchObject({ key: expect.any(String), line: expect.any(Number), column: expect.any(Number) });
      expect(["error", "warning", "info"]).toContain(issue.severity);
    }
    expect(data?.record?.rawYaml).toContain("name: PAT");
  });

  it("is open to referents too, and closed to learners", async () => {
    expect((await open(id("AgID__pat.publiccode.yml"), referentCookie)).status).toBe(200);
    expect((await open(id("AgID__pat.publiccode.yml"), learnerCookie)).status).toBe(403);
  });

  it("answers 404 for odd and unknown ids", async () => {
    for (const odd of ["abc", "0", "-1", "1.0", "0x10", "99999999999999999999", "999999"]) {
      expect((await open(odd)).status, odd).toBe(404);
    }
  });

  it("keeps markup in the file as text", async () => {
    const { data } = await open(scriptId);
    expect(data?.name).toBe("Prova <script>alert(1)</script>");
    expect(data?.record?.rawYaml).toContain("<script>alert(1)</script>");
    const html = await render(`/catalogo/${scriptId}`, detail);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<b>grassetto</b>");
    expect(html).toContain("name: Prova &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Prova &lt;script&gt;alert(1)&lt;/script&gt;</h1>");
  });

  it("renders the card: Italian first or a notice, platforms, maintenance dates, issues, unverified URLs", async () => {
    const pat = await render(`/catalogo/${id("AgID__pat.publiccode.yml")}`, detail);
    expect(pat).toContain("<h1");
    expect(pat).toContain("Contratto scaduto");
    expect(pat).toContain("URL non verificati");
    expect(pat).toContain("9 segnalazioni");
    expect(pat).toMatch(/SPID<\/span>: (<!-- -->)?dichiarata/);
    expect(pat).toMatch(/PDND<\/span>: (<!-- -->)?non indicata/);
    expect(pat).toMatch(/1\.4\.1(<!-- -->)? — Esperienza del Cittadino nei servizi pubblici/);
    expect(pat).not.toContain('data-testid="language-notice"');
    const ckan = await render(`/catalogo/${id("italia__ckan-it.publiccode.yml")}`, detail);
    expect(ckan).toContain("Descrizione non disponibile in italiano: è mostrata nella lingua del file (en).");
    const geocity = await render(`/catalogo/${id("CSTSistemiSUD__GeoCity.publiccode.yml")}`, detail);
    expect(geocity).toContain("Contratto attivo");
    expect(geocity).toMatch(/contratto attivo fino al \d{4}-\d{2}-\d{2}/);
  });
});

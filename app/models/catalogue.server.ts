/**
 * Reading the reuse catalogue (PHASE2.md §3.3, §5.3): the search with its filters, sorts and
 * paging, the options of the filter selects, and one solution with its latest publiccode
 * record. The catalogue is shared: every phase-2 reader sees all of it, so no scope here.
 * Writes (the import) live in `catalogue-import.server.ts`.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { CatalogueParams } from "~/domain/catalogue-params";
import { NATIONAL_PLATFORMS, type NationalPlatform } from "~/domain/publiccode/constants";
import type { PubliccodeIssue } from "~/domain/publiccode/issues";
import { prisma } from "~/utils/db.server";

/** `%`, `_` and the escape character itself, made literal for `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The ids of the solutions whose name, localised name, descriptions or features hold the text.
 * Raw SQL because Prisma's `contains` is case-sensitive on PostgreSQL (and `mode: "insensitive"`
 * does not exist on SQLite): `LOWER(…) LIKE LOWER(?) ESCAPE '\'` reads the same on both.
 * The JSON columns are searched as text, so a language key such as `"it"` can match too. The
 * ids then go back to Prisma as an `IN` list: a catalogue holds a few thousand cards at most,
 * well under SQLite's and PostgreSQL's limits on bound values.
 */
async function idsMatching(text: string): Promise<number[]> {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT s."id" AS "id" FROM "Solution" s
    WHERE LOWER(s."name") LIKE ${pattern} ESCAPE '\\'
       OR LOWER(COALESCE(s."localisedName", '')) LIKE ${pattern} ESCAPE '\\'
       OR LOWER(s."shortDescription") LIKE ${pattern} ESCAPE '\\'
       OR LOWER(s."longDescription") LIKE ${pattern} ESCAPE '\\'
       OR LOWER(s."features") LIKE ${pattern} ESCAPE '\\'`;
  return rows.map((r) => Number(r.id));
}

/**
 * The filters as a Prisma `where`. The JSON-in-text columns (categories, scopes, national
 * platforms, PNRR measures, languages) are filtered with `contains` on their stored text: the
 * import writes them with `JSON.stringify` (no spaces), so an array element is `"slug"` with
 * its quotes and a platform is `"pagopa":true`. The values come from closed lists or strict
 * patterns (`catalogue-params.ts`) with no quote, `%` or `_` in them, so the match is exact and
 * no wildcard gets in.
 */
function whereOf(p: CatalogueParams, ids: number[] | null): Prisma.SolutionWhereInput {
  const and: Prisma.SolutionWhereInput[] = [];
  if (ids) and.push({ id: { in: ids } });
  if (p.tipo) and.push({ kind: p.tipo });
  if (p.origine) and.push({ origin: p.origine });
  if (p.categoria) and.push({ categories: { contains: JSON.stringify(p.categoria) } });
  if (p.ambito) and.push({ scopes: { contains: JSON.stringify(p.ambito) } });
  if (p.stato) and.push({ developmentStatus: p.stato });
  if (p.tipoSoftware) and.push({ softwareType: p.tipoSoftware });
  if (p.piattaforma) and.push({ nationalPlatforms: { contains: `${JSON.stringify(p.piattaforma)}:true` } });
  if (p.misura) and.push({ pnrrMeasures: { contains: JSON.stringify(p.misura) } });
  if (p.ente) and.push({ ownerKind: p.ente });
  if (p.manutenzione === "ACTIVE_CONTRACT") and.push({ maintenanceType: "contract", maintenanceActive: true });
  if (p.manutenzione === "EXPIRED_CONTRACT") and.push({ maintenanceType: "contract", maintenanceActive: false });
  if (p.manutenzione === "COMMUNITY") and.push({ maintenanceType: "community" });
  if (p.manutenzione === "INTERNAL") and.push({ maintenanceType: "internal" });
  if (p.manutenzione === "NONE") and.push({ maintenanceType: "none" });
  if (p.licenza) and.push({ license: p.licenza });
  if (p.osi) and.push({ licenseOsi: p.osi === "si" });
  if (p.lingua) and.push({ descriptionLanguages: { contains: JSON.stringify(p.lingua) } });
  if (p.comuni) and.push({ usedByComuniCount: { gt: 0 } });
  if (p.conformita) and.push({ conformance: p.conformita });
  return { AND: and };
}

function orderOf(p: CatalogueParams): Prisma.SolutionOrderByWithRelationInput[] {
  const dir = p.dir;
  // Missing dates and vitality go last whatever the direction: a card without them is no answer.
  const by: Prisma.SolutionOrderByWithRelationInput =
    p.sort === "release"
      ? { releaseDate: { sort: dir, nulls: "last" } }
      : p.sort === "usedBy"
        ? { usedByCount: dir }
        : p.sort === "vitality"
          ? { vitality: { sort: dir, nulls: "last" } }
          : { name: dir };
  return [by, { name: "asc" }, { id: "asc" }];
}

/** A JSON column read back; a damaged value reads as the empty default instead of a 500. */
export function readJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(fallback)) return (Array.isArray(value) ? value : fallback) as T;
    return (value && typeof value === "object" && !Array.isArray(value) ? value : fallback) as T;
  } catch {
    return fallback;
  }
}

/** The texts of a `{lang: text}` column, Italian first, then English, then the rest. */
export function pickLanguage(texts: Record<string, unknown>): { lang: string; text: string } | null {
  const langs = Object.keys(texts).filter((l) => typeof texts[l] === "string" && (texts[l] as string).trim());
  const lang = langs.find((l) => l === "it") ?? langs.find((l) => l === "en") ?? langs.sort()[0];
  return lang ? { lang, text: texts[lang] as string } : null;
}

const listSelect = {
  id: true,
  kind: true,
  origin: true,
  name: true,
  localisedName: true,
  shortDescription: true,
  developmentStatus: true,
  license: true,
  licenseOsi: true,
  maintenanceType: true,
  maintenanceActive: true,
  maintenanceUntil: true,
  releaseDate: true,
  usedByCount: true,
  vitality: true,
  conformance: true,
  nationalPlatforms: true,
  ownerName: true,
} satisfies Prisma.SolutionSelect;

/** The maintenance of a card in one word (the same values as the filter). */
export function maintenanceOf(type: string | null, active: boolean | null) {
  if (type === "contract") return active === false ? "EXPIRED_CONTRACT" : "ACTIVE_CONTRACT";
  if (type === "community") return "COMMUNITY";
  if (type === "internal") return "INTERNAL";
  if (type === "none") return "NONE";
  return null;
}

function platformsOf(text: string): NationalPlatform[] {
  const declared = readJson<Record<string, unknown>>(text, {});
  return NATIONAL_PLATFORMS.filter((p) => declared[p] === true);
}

/** One page of the catalogue; `page` past the end gives no rows (the screen links back). */
export async function searchSolutions({ query }: { query: CatalogueParams }) {
  const text = query.q?.trim();
  const ids = text ? await idsMatching(text) : null;
  const where = whereOf(query, ids);
  const [total, rows] = await Promise.all([
    prisma.solution.count({ where }),
    prisma.solution.findMany({
      where,
      select: listSelect,
      orderBy: orderOf(query),
      skip: (query.page - 1) * query.size,
      take: query.size,
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / query.size)),
    rows: rows.map(({ shortDescription, nationalPlatforms, maintenanceType, maintenanceActive, ...r }) => {
      const description = pickLanguage(readJson<Record<string, unknown>>(shortDescription, {}));
      return {
        ...r,
        description: description?.text ?? null,
        descriptionLang: description?.lang ?? null,
        maintenance: maintenanceOf(maintenanceType, maintenanceActive),
        nationalPlatforms: platformsOf(nationalPlatforms),
      };
    }),
  };
}

/**
 * The options of the selects that depend on the data (categories, scopes, licences, languages,
 * PNRR measures): only values some card holds, with how many hold them. The JSON arrays are
 * read in the application because SQLite and PostgreSQL unpack JSON differently; the columns
 * are small and the catalogue counts a few thousand cards at most.
 */
export async function catalogueFacets() {
  const rows = await prisma.solution.findMany({
    select: { categories: true, scopes: true, license: true, descriptionLanguages: true, pnrrMeasures: true },
  });
  const tally = (values: Iterable<string>, into: Map<string, number>) => {
    for (const v of new Set(values)) into.set(v, (into.get(v) ?? 0) + 1);
  };
  const maps = {
    categories: new Map<string, number>(),
    scopes: new Map<string, number>(),
    licences: new Map<string, number>(),
    languages: new Map<string, number>(),
    pnrrMeasures: new Map<string, number>(),
  };
  const strings = (text: string) => readJson<unknown[]>(text, []).filter((v): v is string => typeof v === "string");
  for (const r of rows) {
    tally(strings(r.categories), maps.categories);
    tally(strings(r.scopes), maps.scopes);
    if (r.license) tally([r.license], maps.licences);
    tally(strings(r.descriptionLanguages), maps.languages);
    tally(strings(r.pnrrMeasures), maps.pnrrMeasures);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
  return {
    categories: sorted(maps.categories),
    scopes: sorted(maps.scopes),
    licences: sorted(maps.licences),
    languages: sorted(maps.languages),
    pnrrMeasures: sorted(maps.pnrrMeasures),
  };
}

/** One solution as its card shows it, with its latest publiccode record and good practice; null when absent. */
export async function getSolution({ id }: { id: number }) {
  const s = await prisma.solution.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      origin: true,
      name: true,
      localisedName: true,
      shortDescription: true,
      longDescription: true,
      features: true,
      categories: true,
      scopes: true,
      platforms: true,
      nationalPlatforms: true,
      pnrrMeasures: true,
      pnrrBeneficiaries: true,
      developmentStatus: true,
      softwareType: true,
      license: true,
      licenseOsi: true,
      maintenanceType: true,
      maintenanceUntil: true,
      maintenanceActive: true,
      contactsCount: true,
      releaseDate: true,
      softwareVersion: true,
      url: true,
      landingUrl: true,
      ownerIpa: true,
      ownerName: true,
      ownerKind: true,
      usedBy: true,
      usedByCount: true,
      usedByComuniCount: true,
      dependsOnProprietaryCount: true,
      descriptionLanguages: true,
      vitality: true,
      conformance: true,
      updatedAt: true,
      records: {
        orderBy: { id: "desc" },
        take: 1,
        select: {
          id: true,
          sourceName: true,
          rawYaml: true,
          declaredVersion: true,
          detectedLegacyIt: true,
          importStatus: true,
          conformance: true,
          issues: true,
          createdAt: true,
        },
      },
      goodPractice: {
        select: {
          programme: true,
          ambito: true,
          enteCedente: true,
          entiRiusanti: true,
          cup: true,
          fundingLine: true,
          problemSolved: true,
          kitComponents: true,
          transferStatus: true,
          repositoryUrls: true,
          contacts: true,
          results: true,
          sourceUrl: true,
        },
      },
    },
  });
  if (!s) return null;
  const strings = (text: string) => readJson<unknown[]>(text, []).filter((v): v is string => typeof v === "string");
  const texts = (text: string) =>
    Object.fromEntries(
      Object.entries(readJson<Record<string, unknown>>(text, {})).filter(
        (e): e is [string, string] => typeof e[1] === "string",
      ),
    );
  const declared = readJson<Record<string, unknown>>(s.nationalPlatforms, {});
  const features = Object.fromEntries(
    Object.entries(readJson<Record<string, unknown>>(s.features, {})).map(([lang, list]) => [
      lang,
      Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : [],
    ]),
  );
  const record = s.records[0];
  const gp = s.goodPractice;
  return {
    ...s,
    records: undefined,
    shortDescription: texts(s.shortDescription),
    longDescription: texts(s.longDescription),
    features,
    categories: strings(s.categories),
    scopes: strings(s.scopes),
    platforms: strings(s.platforms),
    nationalPlatforms: NATIONAL_PLATFORMS.map((p) => ({
      id: p,
      declared: declared[p] === true ? true : declared[p] === false ? false : null,
    })),
    pnrrMeasures: strings(s.pnrrMeasures),
    pnrrBeneficiaries: strings(s.pnrrBeneficiaries),
    usedBy: strings(s.usedBy),
    descriptionLanguages: strings(s.descriptionLanguages),
    maintenance: maintenanceOf(s.maintenanceType, s.maintenanceActive),
    record: record
      ? {
          ...record,
          issues: readJson<unknown[]>(record.issues, []).filter(
            (i): i is PubliccodeIssue =>
              !!i && typeof i === "object" && typeof (i as PubliccodeIssue).message === "string",
          ),
        }
      : null,
    goodPractice: gp
      ? {
          ...gp,
          entiRiusanti: strings(gp.entiRiusanti),
          kitComponents: Object.entries(readJson<Record<string, unknown>>(gp.kitComponents, {})).map(
            ([component, present]) => ({ component, present: present === true }),
          ),
          repositoryUrls: strings(gp.repositoryUrls),
          contacts: strings(gp.contacts),
          results: strings(gp.results),
        }
      : null,
  };
}

/**
 * The official validator's rules, offline (PHASE2.md §6.2, §6.3): italia/publiccode-parser-go
 * v5 for versions 0 and 0.2–0.7, with `DisableExternalChecks` — no URL is fetched, no logo or
 * screenshot is opened, no oEmbed provider asked. Each rule names the tag or the check it mirrors
 * (`PublicCodeV0` struct tags, `validators/*.go`, `fields.go`), and each issue carries the key,
 * line and column the validator would report, with an Italian message.
 *
 * What cannot be checked here is left out on purpose and documented (docs/publiccode-import.md):
 * reachability of URLs, `url` being a code repository, image formats, files existing, videos.
 * IPA codes are checked against the registry the caller passes; without one only their form is
 * checked and an info issue says so.
 */
import type { Document, LineCounter, YAMLMap } from "yaml";
import { isBcp47LanguageTag } from "~/domain/publiccode/bcp47";
import {
  CATEGORIES,
  COUNTRY_EXTENSION_VERSIONS,
  DEVELOPMENT_STATUSES,
  ISO_3166_ALPHA2,
  LATEST_VERSION,
  LATEST_VERSION_TO_DECLARE,
  MAINTENANCE_TYPES,
  SCOPES,
  SOFTWARE_TYPES,
  SUPPORTED_VERSIONS,
  SUPPORTS_ALIASES,
} from "~/domain/publiccode/constants";
import type { Decoded, Description, ItalianSection, Organisation, PubliccodeV0 } from "~/domain/publiccode/decode";
import { issue, type PubliccodeIssue } from "~/domain/publiccode/issues";
import { locator, type Locator } from "~/domain/publiccode/positions";
import { checkSpdxExpression } from "~/domain/publiccode/spdx";
import { isScalar } from "yaml";

/** The iPA codes (IndicePA), looked up in lowercase: the validator compares them case-insensitively. */
export interface IpaRegistry {
  has(lowercaseCode: string): boolean;
}

export interface ConformanceOptions {
  ipa?: IpaRegistry;
}

export interface VersionInfo {
  /** As written (the text of the scalar), or null when absent or not a scalar. */
  declared: string | null;
  /** The version the file is read as (a supported one), or null when it is not supported at all. */
  effective: string | null;
  /** "1" or an unknown major: the file is BLOCKED. */
  unsupported: boolean;
}

export interface ConformanceResult {
  issues: PubliccodeIssue[];
  version: VersionInfo;
}

const CATEGORY_SET = new Set(CATEGORIES);
const SCOPE_SET = new Set(SCOPES);
const COUNTRY_SET = new Set(ISO_3166_ALPHA2);
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const CATEGORIES_DOC = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst";

export function checkConformance(
  parsed: { doc: Document.Parsed; root: YAMLMap.Parsed; lines: LineCounter },
  decoded: Decoded,
  options: ConformanceOptions = {},
): ConformanceResult {
  const loc = locator(parsed.root, parsed.lines);
  const out = new Report(loc);
  const version = checkVersion(parsed.root, loc, out);
  for (const error of decoded.errors) {
    // The version has its own wrong-type check above.
    if (error.top === "publiccodeYmlVersion") continue;
    const key = loc.keyAtLine(error.line);
    if (error.kind === "duplicate-key") {
      out.issues.push(
        issue(
          "info",
          "duplicate-key",
          key,
          `La chiave «${error.name}» compare più volte: vale l'ultima, come per il validatore ufficiale.`,
          [error.line, error.column],
        ),
      );
    } else if (error.kind === "wrong-type") {
      out.errorAt("wrong-type", key, "Tipo di valore errato per questo campo.", [error.line, 1]);
    } else {
      out.errorAt(
        "unknown-key",
        key,
        `Chiave sconosciuta «${error.name}»: non fa parte dello standard publiccode.yml.`,
        [error.line, 1],
      );
    }
  }
  checkStruct(decoded.official, out, options);
  checkFields(decoded.official, out, options);
  return { issues: out.issues, version };
}

class Report {
  issues: PubliccodeIssue[] = [];
  constructor(readonly loc: Locator) {}
  error(code: string, key: string, message: string) {
    this.issues.push(issue("error", code, key, message, this.loc.at(key)));
  }
  errorAt(code: string, key: string, message: string, position: readonly [number, number]) {
    this.issues.push(issue("error", code, key, message, position));
  }
  warning(code: string, key: string, message: string) {
    this.issues.push(issue("warning", code, key, message, this.loc.at(key)));
  }
  info(code: string, key: string, message: string) {
    this.issues.push(issue("info", code, key, message, this.loc.at(key)));
  }
}

// ───────────────────────────── publiccodeYmlVersion (§6.2) ─────────────────────────────

function checkVersion(root: YAMLMap.Parsed, loc: Locator, out: Report): VersionInfo {
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === "publiccodeYmlVersion");
  const node = pair?.value;
  if (!pair || node === null || node === undefined || (isScalar(node) && node.value === null)) {
    out.errorAt("required", "publiccodeYmlVersion", "Manca «publiccodeYmlVersion», obbligatorio.", [0, 0]);
    out.info("version-assumed", "publiccodeYmlVersion", "Senza versione dichiarata, il file è letto come 0.2.");
    return { declared: null, effective: "0.2", unsupported: false };
  }
  if (!isScalar(node) || typeof node.value !== "string") {
    // The validator wants a YAML string: an unquoted 0.4 is a number there ("wrong type").
    out.error(
      "wrong-type",
      "publiccodeYmlVersion",
      '«publiccodeYmlVersion» dev\'essere una stringa tra virgolette (per esempio "0.4").',
    );
    const text = isScalar(node) && typeof node.source === "string" ? node.source : null;
    if (text !== null && (SUPPORTED_VERSIONS as readonly string[]).includes(text)) {
      out.info(
        "version-coerced",
        "publiccodeYmlVersion",
        `La versione ${text}, scritta come numero, è letta come "${text}".`,
      );
      return { declared: text, effective: text, unsupported: false };
    }
    out.info("version-assumed", "publiccodeYmlVersion", "La versione non si legge: il file è letto come 0.2.");
    return { declared: text, effective: "0.2", unsupported: false };
  }
  const declared = node.value;
  if ((SUPPORTED_VERSIONS as readonly string[]).includes(declared)) {
    if (declared !== LATEST_VERSION_TO_DECLARE && !declared.startsWith(LATEST_VERSION)) {
      out.warning(
        "version-not-latest",
        "publiccodeYmlVersion",
        `La versione ${declared} non è la più recente: conviene dichiarare "${LATEST_VERSION_TO_DECLARE}" (il file è letto secondo la ${LATEST_VERSION}).`,
      );
    }
    return { declared, effective: declared, unsupported: false };
  }
  const supported = `versioni supportate: ${SUPPORTED_VERSIONS.join(", ")}`;
  const match = /^0\.([0-9]+)(?:\.[0-9]+)?$/.exec(declared);
  if (!match) {
    out.errorAt(
      "version-unsupported",
      "publiccodeYmlVersion",
      `La versione "${declared}" non è ancora supportata (${supported}).`,
      [0, 0],
    );
    return { declared, effective: null, unsupported: true };
  }
  // 0.1, 0.6, 0.2.9…: the nearest minor the validator knows (0.6 made no change to the standard).
  const minor = Number(match[1]);
  const nearest = minor <= 2 ? "0.2" : minor === 6 ? "0.5" : minor >= 7 ? "0.7" : `0.${minor}`;
  out.errorAt(
    "version-unsupported",
    "publiccodeYmlVersion",
    `La versione "${declared}" non esiste per il validatore ufficiale (${supported}): il file è letto come ${nearest}.`,
    [0, 0],
  );
  return { declared, effective: nearest, unsupported: false };
}

// ───────────────────────────── struct tags (go-playground/validator) ─────────────────────────────

function checkStruct(o: PubliccodeV0, out: Report, options: ConformanceOptions) {
  if (!o.name) out.error("required", "name", "Manca «name», il nome del software (obbligatorio).");
  if (!o.url) out.error("required", "url", "Manca «url», l'indirizzo del repository (obbligatorio).");
  else if (!isUrl(o.url)) out.error("url", "url", `«url» dev'essere un URL valido (è "${o.url}").`);
  httpUrl(out, "landingURL", o.landingURL);
  o.isBasedOn?.forEach((value, i) => {
    if (!isUrl(value)) out.error("url", `isBasedOn[${i}]`, `«isBasedOn» dev'essere un URL valido (è "${value}").`);
  });
  if (o.releaseDate !== undefined && !isIsoDate(o.releaseDate)) {
    out.error("date", "releaseDate", "«releaseDate» dev'essere una data nel formato AAAA-MM-GG.");
  }
  if (o.organisation) organisationUri(out, "organisation.uri", o.organisation, options);
  for (const field of ["inputTypes", "outputTypes"] as const) {
    o[field]?.forEach((value, i) => {
      if (!MIME.test(value)) out.error("mime-type", `${field}[${i}]`, `"${value}" non è un tipo MIME valido.`);
    });
  }
  if (!o.platforms || o.platforms.length === 0) {
    out.error("min-items", "platforms", "«platforms» deve elencare almeno una piattaforma (per esempio web).");
  }
  o.categories?.forEach((value, i) => {
    if (!CATEGORY_SET.has(value)) {
      out.error("category", `categories[${i}]`, `"${value}" non è una categoria dello standard (${CATEGORIES_DOC}).`);
    }
  });
  o.fundedBy?.forEach((funder, i) => organisationUri(out, `fundedBy[${i}].uri`, funder, options));
  httpUrl(out, "roadmap", o.roadmap);
  oneOf(out, "developmentStatus", o.developmentStatus, DEVELOPMENT_STATUSES);
  oneOf(out, "softwareType", o.softwareType, SOFTWARE_TYPES);
  o.supports?.forEach((entry, i) => supportsId(out, `supports[${i}].id`, entry.id));
  const audience = o.intendedAudience;
  audience?.scope?.forEach((value, i) => {
    if (!SCOPE_SET.has(value)) {
      out.error("scope", `intendedAudience.scope[${i}]`, `"${value}" non è un ambito (scope) dello standard.`);
    }
  });
  for (const field of ["countries", "unsupportedCountries"] as const) {
    audience?.[field]?.forEach((value, i) => {
      if (!isCountry(value)) {
        out.error(
          "country",
          `intendedAudience.${field}[${i}]`,
          `"${value}" non è un codice paese ISO 3166-1 alpha-2 (due lettere, per esempio IT).`,
        );
      }
    });
  }
  checkDescription(o.description, out);
  const licence = o.legal?.license;
  if (!licence) out.error("required", "legal.license", "Manca «legal.license», la licenza (obbligatoria).");
  else if (!checkSpdxExpression(licence).valid) {
    out.error(
      "licence",
      "legal.license",
      `"${licence}" non è un'espressione di licenza SPDX valida (https://spdx.org/licenses).`,
    );
  }
  checkMaintenance(o.maintenance, out);
  const localisation = o.localisation;
  if (localisation?.localisationReady === undefined) {
    out.error("required", "localisation.localisationReady", "Manca «localisation.localisationReady» (true o false).");
  }
  const languages = localisation?.availableLanguages;
  if (languages === undefined) {
    out.error("required", "localisation.availableLanguages", "Manca «localisation.availableLanguages».");
  } else if (languages.length === 0) {
    out.error("min-items", "localisation.availableLanguages", "«availableLanguages» deve elencare almeno una lingua.");
  } else {
    languages.forEach((value, i) => {
      if (!isBcp47LanguageTag(value)) {
        out.error(
          "language-tag",
          `localisation.availableLanguages[${i}]`,
          `"${value}" non è un tag di lingua BCP 47 (per esempio it, en-GB; non en_GB).`,
        );
      }
    });
  }
  for (const kind of ["open", "proprietary", "hardware"] as const) {
    o.dependsOn?.[kind]?.forEach((dependency, i) => {
      if (!dependency.name) out.error("required", `dependsOn.${kind}[${i}].name`, "Manca il nome della dipendenza.");
    });
  }
  for (const section of ["IT", "it"] as const) {
    const italian = o[section];
    if (!italian) continue;
    const extension = italian.countryExtensionVersion;
    if (extension !== undefined && !(COUNTRY_EXTENSION_VERSIONS as readonly string[]).includes(extension)) {
      out.error(
        "enum",
        `${section}.countryExtensionVersion`,
        `«countryExtensionVersion» dev'essere "0.2" o "1.0" (è "${extension}").`,
      );
    }
    const code = italian.riuso?.codiceIPA;
    if (code && ipaStatus(code, options) === "unknown") {
      out.error(
        "ipa-code",
        `${section}.riuso.codiceIPA`,
        `"${code}" non è un codice IPA dell'Indice delle Pubbliche Amministrazioni.`,
      );
    }
  }
}

function descriptionKey(language: string): string {
  // The validator writes map keys made of letters as `.en`, the others as `[en-GB]`.
  return /^[A-Za-z]+$/.test(language) ? `description.${language}` : `description[${language}]`;
}

function checkDescription(entries: [string, Description][] | undefined, out: Report) {
  if (!entries || entries.length === 0) {
    out.error("min-items", "description", "Manca «description»: serve almeno una lingua con le descrizioni.");
    return;
  }
  const invalid = entries.find(([language]) => !isBcp47LanguageTag(language));
  if (invalid) {
    out.error(
      "language-tag",
      "description",
      `"${invalid[0]}" non è un tag di lingua BCP 47 (per esempio it, en-GB; non en_GB): chiave di «description».`,
    );
    return;
  }
  for (const [language, description] of entries) {
    const key = descriptionKey(language);
    const generic = description.genericName;
    if (generic && graphemes(generic) > 35) {
      out.error(
        "max-length",
        `${key}.genericName`,
        `«genericName» supera i 35 caratteri (ne ha ${graphemes(generic)}).`,
      );
    }
    const short = description.shortDescription;
    if (!short) out.error("required", `${key}.shortDescription`, `Manca «shortDescription» in «${language}».`);
    else if (graphemes(short) > 150) {
      out.error(
        "max-length",
        `${key}.shortDescription`,
        `«shortDescription» supera i 150 caratteri (ne ha ${graphemes(short)}).`,
      );
    }
    const long = description.longDescription;
    if (!long) out.error("required", `${key}.longDescription`, `Manca «longDescription» in «${language}».`);
    else if (graphemes(long) < 150) {
      out.error(
        "min-length",
        `${key}.longDescription`,
        `«longDescription» deve avere almeno 150 caratteri (ne ha ${graphemes(long)}).`,
      );
    } else if (graphemes(long) > 10000) {
      out.error(
        "max-length",
        `${key}.longDescription`,
        `«longDescription» supera i 10000 caratteri (ne ha ${graphemes(long)}).`,
      );
    }
    httpUrl(out, `${key}.documentation`, description.documentation);
    httpUrl(out, `${key}.apiDocumentation`, description.apiDocumentation);
    if (!description.features || description.features.length === 0) {
      out.error("min-items", `${key}.features`, `«features» in «${language}» deve elencare almeno una funzionalità.`);
    }
    description.videos?.forEach((video, i) => httpUrl(out, `${key}.videos[${i}]`, video));
  }
}

function checkMaintenance(maintenance: PubliccodeV0["maintenance"], out: Report) {
  const type = maintenance?.type;
  oneOf(out, "maintenance.type", type, MAINTENANCE_TYPES);
  const contractors = maintenance?.contractors;
  if (type === "contract" && contractors === undefined) {
    out.error(
      "required-if",
      "maintenance.contractors",
      "Con «maintenance.type: contract» servono i «contractors» (chi ha il contratto e fino a quando).",
    );
  } else if (type !== "contract" && contractors !== undefined) {
    out.error(
      "excluded-unless",
      "maintenance.contractors",
      "I «contractors» si indicano solo con «maintenance.type: contract».",
    );
  } else {
    contractors?.forEach((contractor, i) => {
      const key = `maintenance.contractors[${i}]`;
      if (!contractor.name) out.error("required", `${key}.name`, "Manca il nome del manutentore.");
      email(out, `${key}.email`, contractor.email);
      httpUrl(out, `${key}.website`, contractor.website);
      if (!contractor.until) out.error("required", `${key}.until`, "Manca «until», la scadenza del contratto.");
      else if (!isIsoDate(contractor.until)) {
        out.error("date", `${key}.until`, "«until» dev'essere una data nel formato AAAA-MM-GG.");
      }
    });
  }
  const contacts = maintenance?.contacts;
  if ((type === "community" || type === "internal") && contacts === undefined) {
    out.error(
      "required-if",
      "maintenance.contacts",
      `Con «maintenance.type: ${type}» servono i «contacts» (chi risponde del software).`,
    );
  }
  contacts?.forEach((contact, i) => {
    const key = `maintenance.contacts[${i}]`;
    if (!contact.name) out.error("required", `${key}.name`, "Manca il nome del contatto.");
    email(out, `${key}.email`, contact.email);
  });
}

// ───────────────────────────── fields.go (checks beyond the tags) ─────────────────────────────

function checkFields(o: PubliccodeV0, out: Report, options: ConformanceOptions) {
  relativePathOrUrl(out, "logo", o.logo);
  if (o.monochromeLogo) {
    out.warning("deprecated", "monochromeLogo", "«monochromeLogo» è deprecato e sarà rimosso: usare «logo».");
    relativePathOrUrl(out, "monochromeLogo", o.monochromeLogo);
  }
  for (const field of ["countries", "unsupportedCountries"] as const) {
    o.intendedAudience?.[field]?.forEach((value, i) => {
      if (value === value.toLowerCase() && COUNTRY_SET.has(value.toUpperCase())) {
        out.warning(
          "deprecated-lowercase-country",
          `intendedAudience.${field}[${i}]`,
          `I codici paese minuscoli sono deprecati: scrivere "${value.toUpperCase()}".`,
        );
      }
    });
  }
  if (o.legal?.authorsFile !== undefined) {
    out.warning("deprecated", "legal.authorsFile", "«legal.authorsFile» è deprecato e sarà rimosso: si può togliere.");
    relativePathOrUrl(out, "legal.authorsFile", o.legal.authorsFile);
  }
  if (o.legal?.repoOwner !== undefined) {
    out.warning(
      "deprecated",
      "legal.repoOwner",
      "«legal.repoOwner» è deprecato e sarà rimosso: usare «organisation.name».",
    );
  }
  for (const field of ["inputTypes", "outputTypes"] as const) {
    if (o[field] !== undefined) {
      out.warning("deprecated", field, `«${field}» è deprecato e sarà rimosso: si può togliere.`);
    }
  }
  for (const [language, description] of o.description ?? []) {
    if (description.genericName) {
      out.warning(
        "deprecated",
        `description.${language}.genericName`,
        "«genericName» è deprecato e sarà rimosso: si può togliere.",
      );
    }
    description.screenshots?.forEach((value, i) =>
      relativePathOrUrl(out, `description.${language}.screenshots[${i}]`, value),
    );
  }
  let section: "IT" | "it" | null = o.IT ? "IT" : null;
  if (o.it) {
    out.warning("deprecated-lowercase-it", "it", "La sezione minuscola «it» è deprecata: va scritta «IT».");
    if (o.IT) out.error("duplicate-it", "it", "C'è già la sezione «IT»: la sezione «it» va tolta.");
    else section = "it";
  }
  const italian: ItalianSection | undefined = section ? o[section] : undefined;
  if (section && italian) {
    if (italian.conforme !== undefined) {
      out.warning(
        "deprecated",
        `${section}.conforme`,
        `«${section}.conforme» è deprecato e sarà rimosso: si può togliere.`,
      );
    }
    const code = italian.riuso?.codiceIPA;
    if (code) {
      const status = ipaStatus(code, options);
      if (status !== "unknown") {
        out.warning(
          "deprecated",
          `${section}.riuso.codiceIPA`,
          `«codiceIPA» è deprecato: usare «organisation.uri: urn:x-italian-pa:${code}».`,
        );
      }
      if (status === "unverified") {
        out.info("ipa-unverified", `${section}.riuso.codiceIPA`, ipaUnverified(code));
      }
    }
  }
}

// ───────────────────────────── the validators ─────────────────────────────

const MIME = /^ *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})\/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
const EMAIL =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,\-.:=@;$_!*'%/?#]+$/i;

interface UrlParts {
  scheme: string;
  host: string;
  opaque: string;
  fragment: string;
}

/** Go's url.Parse, for what the checks need: scheme, authority host, opaque part, fragment. */
function urlParts(value: string): UrlParts | null {
  // eslint-disable-next-line no-control-regex -- Go's url.Parse refuses control characters
  if (/[\s\u0000-\u001f\u007f]/.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) return null;
  const match = SCHEME.exec(value);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  let rest = match[2]!;
  const hash = rest.indexOf("#");
  const fragment = hash >= 0 ? rest.slice(hash + 1) : "";
  if (hash >= 0) rest = rest.slice(0, hash);
  if (rest.startsWith("//")) {
    const authority = rest.slice(2).split(/[/?]/)[0]!;
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    return { scheme, host, opaque: "", fragment };
  }
  if (rest.startsWith("/")) return { scheme, host: "", opaque: "", fragment };
  return { scheme, host: "", opaque: rest.split("?")[0]!, fragment };
}

/** go-playground `url`. */
export function isUrl(value: string): boolean {
  if (value.startsWith("file:/")) return true;
  const parts = urlParts(value);
  return parts !== null && !(parts.host === "" && parts.fragment === "" && parts.opaque === "");
}

/** go-playground `http_url`. */
export function isHttpUrl(value: string): boolean {
  const parts = isUrl(value) ? urlParts(value.toLowerCase()) : null;
  return parts !== null && parts.host !== "" && (parts.scheme === "http" || parts.scheme === "https");
}

export function isIsoDate(value: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCountry(value: string): boolean {
  const upper = value.toUpperCase();
  return (value === upper || value === value.toLowerCase()) && COUNTRY_SET.has(upper);
}

function graphemes(text: string): number {
  let count = 0;
  for (const _ of GRAPHEMES.segment(text)) count++;
  return count;
}

function httpUrl(out: Report, key: string, value: string | undefined) {
  if (value !== undefined && !isHttpUrl(value)) {
    out.error("http-url", key, `«${lastSegment(key)}» dev'essere un URL http:// o https:// (è "${value}").`);
  }
}

function email(out: Report, key: string, value: string | undefined) {
  if (value && !EMAIL.test(value)) out.error("email", key, `"${value}" non è un indirizzo email valido.`);
}

function oneOf(out: Report, key: string, value: string | undefined, allowed: readonly string[]) {
  const name = lastSegment(key);
  if (!value) out.error("required", key, `Manca «${key}», obbligatorio (uno tra: ${allowed.join(", ")}).`);
  else if (!allowed.includes(value)) {
    out.error("enum", key, `«${name}» dev'essere uno tra: ${allowed.join(", ")} (è "${value}").`);
  }
}

function relativePathOrUrl(out: Report, key: string, value: string | undefined) {
  if (!value) return;
  if (value.startsWith("/")) {
    out.error(
      "absolute-path",
      key,
      "È un percorso assoluto: servono un percorso relativo nel repository o un URL http(s).",
    );
  } else if (value.startsWith("file:")) {
    out.error("file-url", key, "È un URL file://: servono un percorso relativo nel repository o un URL http(s).");
  }
}

type IpaStatus = "known" | "unknown" | "unverified";

function ipaStatus(code: string, options: ConformanceOptions): IpaStatus {
  if (options.ipa) return options.ipa.has(code.toLowerCase()) ? "known" : "unknown";
  return /^[A-Za-z0-9_]{1,32}$/.test(code) ? "unverified" : "unknown";
}

function ipaUnverified(code: string): string {
  return `Il codice IPA "${code}" non è stato confrontato con l'Indice PA (elenco non caricato): ne è controllata solo la forma.`;
}

/** The validator's `organisation_uri`: a URI with a host, or a URN; `urn:x-italian-pa:` needs a known IPA code. */
function organisationUri(out: Report, key: string, organisation: Organisation, options: ConformanceOptions) {
  const uri = organisation.uri;
  if (!uri) {
    out.error(
      "required",
      key,
      "Manca «uri», l'identificativo dell'organizzazione (URL o urn:x-italian-pa:<codice IPA>).",
    );
    return;
  }
  const parts = urlParts(uri);
  const valid = parts !== null && (parts.scheme === "urn" ? URN.test(uri) : parts.host !== "");
  if (!valid) {
    out.error("uri", key, `"${uri}" non è un URI valido (per esempio urn:x-italian-pa:<codice IPA> o https://…).`);
    return;
  }
  if (parts.scheme === "urn" && parts.opaque.startsWith("x-italian-pa:")) {
    const code = parts.opaque.slice("x-italian-pa:".length);
    const status = ipaStatus(code, options);
    if (status === "unknown") {
      out.error(
        "ipa-code",
        key,
        `"${code}" non è un codice IPA: l'URI va scritto urn:x-italian-pa:<codice IPA> con un codice dell'Indice PA.`,
      );
    } else if (status === "unverified") out.info("ipa-unverified", key, ipaUnverified(code));
  }
}

/** 0.7 `supports[].id`: `alias:<known alias>` or a URI. */
function supportsId(out: Report, key: string, id: string | undefined) {
  if (!id) {
    out.error("required", key, "Manca «id» (alias:<nome> o un URI).");
    return;
  }
  if (id.startsWith("alias:")) {
    if (!(SUPPORTS_ALIASES as readonly string[]).includes(id.slice("alias:".length))) {
      out.error("unknown-alias", key, `"${id}" non è un alias noto (alias: ${SUPPORTS_ALIASES.join(", ")}).`);
    }
    return;
  }
  const parts = urlParts(id);
  if (parts === null || (parts.scheme === "urn" ? !URN.test(id) : parts.host === "" && parts.opaque === "")) {
    out.error("uri", key, `"${id}" non è né un alias (alias:<nome>) né un URI.`);
  }
}

function lastSegment(key: string): string {
  return key
    .split(".")
    .at(-1)!
    .replace(/\[[^\]]*\]$/, "");
}

/**
 * The catalogue card of one publiccode.yml (PHASE2.md §3.3 `Solution`, §6.4): what the
 * catalogue filters and the evaluation read, derived from the tolerant view of the file (every
 * well-typed value, whatever the conformance). The derivations:
 * - national platforms from `IT`/`it.piattaforme`, overlaid by the 0.7 `supports` aliases;
 * - origin by the Developers Italia rule (an `urn:x-italian-pa:` organisation or a codiceIPA
 *   makes it "software a riuso"), national for the seeded platforms, else third-party OSS;
 * - the PNRR tags lifted out of `features`;
 * - the licence canonicalised (SPDX), the language tags in BCP 47 form;
 * - the maintenance status from the contractors' `until` against `today` (passed in: pure);
 * - the repository URL normalised into the dedupe key.
 * Notes about what was changed or is worth knowing come back as `info` issues.
 */
import { normaliseLanguageTag, primaryLanguage } from "~/domain/publiccode/bcp47";
import type { IpaRegistry } from "~/domain/publiccode/conformance";
import {
  NATIONAL_PLATFORMS,
  PNRR_BENEFICIARIES,
  PNRR_MEASURES,
  SUPPORTS_ALIASES,
  type NationalPlatform,
} from "~/domain/publiccode/constants";
import type { PubliccodeV0 } from "~/domain/publiccode/decode";
import { issue, type PubliccodeIssue } from "~/domain/publiccode/issues";
import type { Position } from "~/domain/publiccode/positions";
import { checkSpdxExpression } from "~/domain/publiccode/spdx";

export type SolutionOrigin = "REUSE_PA" | "OSS_THIRD_PARTY" | "NATIONAL";
export type OwnerKind = "COMUNE" | "REGIONE" | "PROVINCIA" | "OTHER";
export type MaintenanceStatus = "ACTIVE_CONTRACT" | "EXPIRED_CONTRACT" | "INTERNAL" | "COMMUNITY" | "NONE" | "UNKNOWN";

export interface SolutionCard {
  kind: "SOFTWARE" | "NATIONAL_PLATFORM";
  origin: SolutionOrigin;
  name: string;
  localisedName: string | null;
  applicationSuite: string | null;
  /** The language shown first: `it`, else `en`, else the first one written. */
  displayLanguage: string | null;
  /** True when the card shows a language other than Italian (the page says so). */
  displayLanguageNotice: boolean;
  descriptionLanguages: string[];
  shortDescription: Record<string, string>;
  longDescription: Record<string, string>;
  /** Per language, without the PNRR tags. */
  features: Record<string, string[]>;
  categories: string[];
  scopes: string[];
  platforms: string[];
  /** true/false as declared, null when the file says nothing. */
  nationalPlatforms: Record<NationalPlatform, boolean | null>;
  /** 0.7 `supports` ids (`alias:gdpr`, URIs), unknown aliases left out. */
  supports: string[];
  pnrr: boolean;
  pnrrMeasures: string[];
  pnrrBeneficiaries: string[];
  developmentStatus: string | null;
  softwareType: string | null;
  /** Canonical SPDX expression, or the text as written when it is not one. */
  license: string | null;
  licenseValid: boolean;
  /** The licence ids the expression names (canonical). */
  licenses: string[];
  /** From the caller's OSI list; null without one. */
  licenseOsi: boolean | null;
  maintenanceType: string | null;
  maintenanceStatus: MaintenanceStatus;
  /** The latest valid contractor `until`. */
  maintenanceUntil: string | null;
  maintenanceActive: boolean | null;
  contractors: { name: string; until: string | null }[];
  contactsCount: number;
  releaseDate: string | null;
  softwareVersion: string | null;
  /** The dedupe key (§6.4). */
  url: string;
  /** `url` as written. */
  sourceUrl: string;
  /** Other URLs of the same software (a DI export's url and aliases), normalised, without `url`. */
  aliases: string[];
  landingUrl: string | null;
  roadmap: string | null;
  /** Never fetched (§6.1): every URL on the card is "non verificato". */
  urlsVerified: false;
  ownerIpa: string | null;
  ownerName: string | null;
  ownerKind: OwnerKind | null;
  usedBy: string[];
  usedByCount: number;
  /** usedBy entries naming a Comune (the "usata da comuni" filter). */
  usedByComuniCount: number;
  dependsOnProprietaryCount: number;
  availableLanguages: string[];
  vitality: number | null;
  declaredVersion: string | null;
  /** The version the file was read as. */
  version: string;
  /** The legacy lowercase `it:` section was read as `IT`. */
  detectedLegacyIt: boolean;
}

export interface NormaliseOptions {
  /** YYYY-MM-DD: the day against which contracts are active or expired. */
  today: string;
  ipa?: IpaRegistry;
  /** Whether an SPDX licence id is OSI-approved (not bundled: docs/publiccode-import.md). */
  osiApproved?: (licenceId: string) => boolean;
  /** A seeded national platform (SPID, pagoPA…): origin NATIONAL. */
  nationalPlatform?: boolean;
  aliases?: readonly string[];
  vitality?: number | null;
}

export interface NormaliseInput {
  file: PubliccodeV0;
  declaredVersion: string | null;
  version: string;
  at: (key: string) => Position;
}

export function normalisePubliccode(
  input: NormaliseInput,
  options: NormaliseOptions,
): { card: SolutionCard; issues: PubliccodeIssue[] } {
  const { file, at } = input;
  const issues: PubliccodeIssue[] = [];
  const info = (code: string, key: string, message: string) => issues.push(issue("info", code, key, message, at(key)));

  const italian = file.IT ?? file.it;
  const descriptions = (file.description ?? []).map(([language, description]) => {
    const tag = normaliseLanguageTag(language);
    if (tag !== language) info("language-normalised", "description", `La lingua «${language}» è letta come «${tag}».`);
    return [tag, description] as const;
  });
  const displayIndex = pickDisplayLanguage(descriptions.map(([tag]) => tag));
  const display = displayIndex === -1 ? undefined : descriptions[displayIndex];
  if (descriptions.length > 0 && !descriptions.some(([tag]) => ["it", "en"].includes(primaryLanguage(tag)))) {
    info("no-it-en-description", "description", "Non c'è una descrizione in italiano né in inglese.");
  }

  const pnrr = liftPnrr(descriptions, info);

  const licence = file.legal?.license?.trim() || null;
  const spdx = licence ? checkSpdxExpression(licence) : null;
  if (licence && spdx?.valid && spdx.canonical !== licence) {
    info(
      "licence-canonical",
      "legal.license",
      `La licenza «${licence}» è mostrata come «${spdx.canonical}» (forma SPDX canonica).`,
    );
  }
  const licences = spdx?.licences ?? [];
  const licenseOsi =
    options.osiApproved && spdx?.valid && licences.length > 0 ? licences.every((id) => options.osiApproved!(id)) : null;

  const maintenance = maintenanceOf(file, options.today);
  if (maintenance.status === "EXPIRED_CONTRACT") {
    info(
      "contract-expired",
      "maintenance.contractors",
      `Il contratto di manutenzione è scaduto il ${maintenance.until}.`,
    );
  }
  if (file.developmentStatus === "obsolete") {
    info("obsolete", "developmentStatus", "Il software è dichiarato obsoleto («developmentStatus: obsolete»).");
  }

  const owner = ownerOf(file, options.ipa);
  const url = normaliseRepositoryUrl(file.url ?? "") ?? "";
  const aliases = [...new Set((options.aliases ?? []).map((alias) => normaliseRepositoryUrl(alias)))].filter(
    (alias): alias is string => alias !== null && alias !== url,
  );
  const availableLanguages = (file.localisation?.availableLanguages ?? []).map((language) => {
    const tag = normaliseLanguageTag(language);
    if (tag !== language) {
      info("language-normalised", "localisation.availableLanguages", `La lingua «${language}» è letta come «${tag}».`);
    }
    return tag;
  });
  const usedBy = file.usedBy ?? [];

  const card: SolutionCard = {
    kind: options.nationalPlatform ? "NATIONAL_PLATFORM" : "SOFTWARE",
    origin: options.nationalPlatform ? "NATIONAL" : owner.reuse ? "REUSE_PA" : "OSS_THIRD_PARTY",
    name: (file.name ?? "").trim(),
    localisedName: display?.[1].localisedName?.trim() || null,
    applicationSuite: file.applicationSuite ?? null,
    displayLanguage: display?.[0] ?? null,
    displayLanguageNotice: display !== undefined && primaryLanguage(display[0]) !== "it",
    descriptionLanguages: descriptions.map(([tag]) => tag),
    shortDescription: perLanguage(descriptions, (d) => d.shortDescription?.trim()),
    longDescription: perLanguage(descriptions, (d) => d.longDescription?.trim()),
    features: Object.fromEntries(pnrr.features),
    categories: file.categories ?? [],
    scopes: file.intendedAudience?.scope ?? [],
    platforms: file.platforms ?? [],
    nationalPlatforms: nationalPlatformsOf(italian?.piattaforme, file.supports),
    supports: (file.supports ?? [])
      .map((entry) => entry.id ?? "")
      .filter((id) => id !== "" && (!id.startsWith("alias:") || isKnownAlias(id))),
    pnrr: pnrr.declared,
    pnrrMeasures: pnrr.measures,
    pnrrBeneficiaries: pnrr.beneficiaries,
    developmentStatus: file.developmentStatus ?? null,
    softwareType: file.softwareType ?? null,
    license: spdx?.valid ? spdx.canonical! : licence,
    licenseValid: spdx?.valid ?? false,
    licenses: licences,
    licenseOsi,
    maintenanceType: file.maintenance?.type ?? null,
    maintenanceStatus: maintenance.status,
    maintenanceUntil: maintenance.until,
    maintenanceActive: maintenance.active,
    contractors: (file.maintenance?.contractors ?? []).map((c) => ({
      name: c.name ?? "",
      until: c.until && isDay(c.until) ? c.until : null,
    })),
    contactsCount: file.maintenance?.contacts?.length ?? 0,
    releaseDate: file.releaseDate && isDay(file.releaseDate) ? file.releaseDate : null,
    softwareVersion: file.softwareVersion ?? null,
    url,
    sourceUrl: file.url ?? "",
    aliases,
    landingUrl: file.landingURL ?? null,
    roadmap: file.roadmap ?? null,
    urlsVerified: false,
    ownerIpa: owner.ipa,
    ownerName: owner.name,
    ownerKind: owner.kind,
    usedBy,
    usedByCount: usedBy.length,
    usedByComuniCount: usedBy.filter((name) => /\bcomune\b/i.test(name)).length,
    dependsOnProprietaryCount: file.dependsOn?.proprietary?.length ?? 0,
    availableLanguages,
    vitality: options.vitality ?? null,
    declaredVersion: input.declaredVersion,
    version: input.version,
    detectedLegacyIt: file.it !== undefined,
  };
  return { card, issues };
}

/**
 * The dedupe key of a repository URL (§6.4): host in lowercase without `www.`, no credentials,
 * query or fragment, no trailing `/` or `.git`, `http` read as `https`. Null when the text is
 * not an absolute URL with a host.
 */
export function normaliseRepositoryUrl(text: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    return null;
  }
  if (parsed.hostname === "") return null;
  const protocol = parsed.protocol === "http:" ? "https:" : parsed.protocol;
  const host = parsed.host.toLowerCase().replace(/^www\./, "");
  let path = parsed.pathname;
  for (;;) {
    const trimmed = path.replace(/\/+$/, "").replace(/\.git$/i, "");
    if (trimmed === path) break;
    path = trimmed;
  }
  return `${protocol}//${host}${path}`;
}

function pickDisplayLanguage(tags: string[]): number {
  const it = tags.findIndex((tag) => primaryLanguage(tag) === "it");
  if (it !== -1) return it;
  const en = tags.findIndex((tag) => primaryLanguage(tag) === "en");
  return en !== -1 ? en : tags.length > 0 ? 0 : -1;
}

function perLanguage<T>(
  descriptions: readonly (readonly [string, PubliccodeV0Description])[],
  pick: (d: PubliccodeV0Description) => T | undefined,
): Record<string, T> {
  const entries: [string, T][] = [];
  for (const [tag, description] of descriptions) {
    const value = pick(description);
    if (value !== undefined && value !== "") entries.push([tag, value]);
  }
  return Object.fromEntries(entries);
}

type PubliccodeV0Description = NonNullable<PubliccodeV0["description"]>[number][1];

function liftPnrr(
  descriptions: readonly (readonly [string, PubliccodeV0Description])[],
  info: (code: string, key: string, message: string) => void,
) {
  const measures = new Set<string>();
  const beneficiaries = new Set<string>();
  const malformed = new Set<string>();
  let declared = false;
  const features: [string, string[]][] = [];
  const beneficiaryByCase = new Map(PNRR_BENEFICIARIES.map((name) => [name.toLowerCase(), name as string]));
  for (const [tag, description] of descriptions) {
    const kept: string[] = [];
    for (const feature of description.features ?? []) {
      const text = feature.trim();
      if (!/^PNRR(\/|$)/i.test(text)) {
        kept.push(feature);
        continue;
      }
      const [, kind, value] = /^PNRR(?:\/([^/]+)\/(.+))?$/i.exec(text) ?? [];
      if (text.toUpperCase() === "PNRR") declared = true;
      else if (kind?.toLowerCase() === "misura" && value && Object.hasOwn(PNRR_MEASURES, value.trim())) {
        measures.add(value.trim());
      } else if (kind?.toLowerCase() === "beneficiari" && value && beneficiaryByCase.has(value.trim().toLowerCase())) {
        beneficiaries.add(beneficiaryByCase.get(value.trim().toLowerCase())!);
      } else malformed.add(text);
    }
    features.push([tag, kept]);
  }
  for (const text of malformed) {
    info(
      "pnrr-tag",
      "description",
      `Il tag «${text}» non è un tag PNRR riconosciuto (PNRR, PNRR/Misura/<numero>, PNRR/Beneficiari/<nome>): è ignorato.`,
    );
  }
  return {
    declared: declared || measures.size > 0 || beneficiaries.size > 0,
    measures: [...measures].sort(),
    beneficiaries: PNRR_BENEFICIARIES.filter((name) => beneficiaries.has(name)),
    features,
  };
}

function isKnownAlias(id: string): boolean {
  return (SUPPORTS_ALIASES as readonly string[]).includes(id.slice("alias:".length));
}

function nationalPlatformsOf(
  piattaforme: NonNullable<PubliccodeV0["IT"]>["piattaforme"],
  supports: PubliccodeV0["supports"],
): Record<NationalPlatform, boolean | null> {
  const platforms = Object.fromEntries(NATIONAL_PLATFORMS.map((p) => [p, null])) as Record<
    NationalPlatform,
    boolean | null
  >;
  for (const key of ["spid", "cie", "anpr", "pagopa", "io"] as const) {
    const value = piattaforme?.[key];
    if (value !== undefined) platforms[key] = value;
  }
  for (const entry of supports ?? []) {
    const alias = entry.id?.startsWith("alias:") ? entry.id.slice("alias:".length) : "";
    if ((NATIONAL_PLATFORMS as readonly string[]).includes(alias)) platforms[alias as NationalPlatform] = true;
  }
  return platforms;
}

function isDay(text: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function maintenanceOf(file: PubliccodeV0, today: string) {
  const type = file.maintenance?.type;
  const untils = (file.maintenance?.contractors ?? [])
    .map((c) => c.until ?? "")
    .filter(isDay)
    .sort();
  const until = untils.at(-1) ?? null;
  let status: MaintenanceStatus = "UNKNOWN";
  let active: boolean | null = null;
  if (type === "contract" && until !== null) {
    // A contract runs to the end of its `until` day.
    active = until >= today;
    status = active ? "ACTIVE_CONTRACT" : "EXPIRED_CONTRACT";
  } else if (type === "internal" || type === "community") {
    // Declared maintained, by the owner or by a community with contacts: no end date to pass.
    active = true;
    status = type === "internal" ? "INTERNAL" : "COMMUNITY";
  } else if (type === "none") {
    active = false;
    status = "NONE";
  }
  return { status, active, until };
}

function ownerOf(file: PubliccodeV0, registry: IpaRegistry | undefined) {
  const italian = file.IT ?? file.it;
  const uri = file.organisation?.uri?.trim() ?? "";
  const urnCode = /^urn:x-italian-pa:(.+)$/i.exec(uri)?.[1]?.trim();
  const legacyCode = italian?.riuso?.codiceIPA?.trim() || undefined;
  const reuse = urnCode !== undefined || legacyCode !== undefined;
  const candidate = (urnCode ?? legacyCode)?.toLowerCase();
  // An invalid code is kept in the file and shown raw, never used as the owner.
  const ipa =
    candidate && /^[a-z0-9_]{1,32}$/.test(candidate) && (!registry || registry.has(candidate)) ? candidate : null;
  const repoOwner = file.legal?.repoOwner?.trim();
  const name =
    file.organisation?.name?.trim() || (repoOwner && !/^[a-z][a-z0-9+.-]*:\/\//i.test(repoOwner) ? repoOwner : null);
  const kind: OwnerKind | null =
    ipa === null
      ? null
      : ipa.startsWith("c_")
        ? "COMUNE"
        : ipa.startsWith("r_")
          ? "REGIONE"
          : ipa.startsWith("p_")
            ? "PROVINCIA"
            : "OTHER";
  return { reuse, ipa, name: name || null, kind };
}

/**
 * BCP 47 language tags (`description` keys, `localisation.availableLanguages`), checked like the
 * validator's strict check (`validators/bcp47.go`: the RFC 5646 grammar, POSIX `en_GB` refused,
 * a primary language subtag that must exist and be canonical, so `ita` and `iw` are refused for
 * `it` and `he`) and normalised for the card (`pt_BR` → `pt-BR`, `it-it` → `it-IT`).
 *
 * The registries come from the runtime's Unicode data (`Intl`, no package): known languages,
 * scripts and regions. Variant and extension subtags are checked for form only, where the Go
 * code also checks the IANA prefix of a variant; no real publiccode.yml uses one.
 */
const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const SCRIPT_NAMES = new Intl.DisplayNames(["en"], { type: "script", fallback: "none" });
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

const M49_REGIONS = new Set(
  "001 002 003 005 009 011 013 014 015 017 018 019 021 029 030 034 035 039 053 054 057 061 142 143 145 150 151 154 155 202 419".split(
    " ",
  ),
);

const TAG = new RegExp(
  [
    "^(",
    "EN-GB-OED|I-AMI|I-BNN|I-DEFAULT|I-ENOCHIAN|I-HAK|I-KLINGON|I-LUX|I-MINGO|I-NAVAJO|I-PWN|I-TAO|I-TAY|I-TSU|",
    "SGN-BE-FR|SGN-BE-NL|SGN-CH-DE|",
    "ART-LOJBAN|CEL-GAULISH|NO-BOK|NO-NYN|ZH-GUOYU|ZH-HAKKA|ZH-MIN|ZH-MIN-NAN|ZH-XIANG|",
    "X-[A-Z0-9]{1,8}",
    ")$|^",
    "((?:[A-Z]{2,3}(?:-[A-Z]{3}){0,3})|[A-Z]{4}|[A-Z]{5,8})",
    "(?:-([A-Z]{4}))?",
    "(?:-([A-Z]{2}|[0-9]{3}))?",
    "(?:-((?:[A-Z0-9]{5,8}|[0-9][A-Z0-9]{3})(?:-(?:[A-Z0-9]{5,8}|[0-9][A-Z0-9]{3}))*))?",
    "(?:-((?:[A-WYZ0-9](?:-[A-Z0-9]{2,8})+)(?:-(?:[A-WYZ0-9](?:-[A-Z0-9]{2,8})+))*))?",
    "(?:-X(?:-[A-Z0-9]{1,8})+)?",
    "$",
  ].join(""),
);

function known(names: Intl.DisplayNames, code: string): boolean {
  try {
    return names.of(code) !== undefined;
  } catch {
    return false;
  }
}

/** Whether the primary language subtag exists and is already canonical (`it`, not `ita`). */
function knownLanguage(subtag: string): boolean {
  const lower = subtag.toLowerCase();
  if (!known(LANGUAGE_NAMES, lower)) return false;
  try {
    return new Intl.Locale(lower).language === lower;
  } catch {
    return false;
  }
}

export function isBcp47LanguageTag(tag: string): boolean {
  const match = TAG.exec(tag.toUpperCase());
  if (!match) return false;
  const [, grandfathered, language, script, region] = match;
  if (grandfathered) return true;
  if (!language || language.length >= 4) return false;
  const [base, ...extlangs] = language.split("-");
  if (!knownLanguage(base!)) return false;
  if (extlangs.some((e) => !/^[A-Z]{3}$/.test(e))) return false;
  if (script && !known(SCRIPT_NAMES, script[0] + script.slice(1).toLowerCase())) return false;
  if (region) {
    if (/^[0-9]{3}$/.test(region)) return M49_REGIONS.has(region);
    if (!known(REGION_NAMES, region)) return false;
  }
  return true;
}

/** The tag in canonical case, `_` read as `-`; the input trimmed when it cannot be read. */
export function normaliseLanguageTag(tag: string): string {
  const candidate = tag.trim().replace(/_/g, "-");
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? candidate;
  } catch {
    return candidate;
  }
}

/** The primary language subtag, lowercase (`it` for `it-IT`). */
export function primaryLanguage(tag: string): string {
  return normaliseLanguageTag(tag).split("-")[0]!.toLowerCase();
}

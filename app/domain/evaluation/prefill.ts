/**
 * What a catalogue card can prefill in an evaluation (spec PHASE2 §7.3, §7.4 "prefill",
 * §5.3 card fields), and saying so: every prefilled value names the card field it comes
 * from and explains itself in Italian. The LG (fase 2.2) says the same: some quality
 * parameters "possono essere rinvenuti nella scheda del software presente su Developers
 * Italia", and compliance is checked "almeno dichiarata".
 *
 * - gates: licence (OSI or not), development status, and the compliance declarations
 *   (IT.conforme, deprecated, or `supports`) — the latter only as suggestions: the
 *   evaluator confirms each aspect before the gate can pass;
 * - scores: MAINT (maintenance and vitality), ADOPT (PA reuse), PLAT (national platforms
 *   and accessibility), with the spec's 0–4 guidance;
 * - hints without a score: OPEN (proprietary dependencies) and TERR (kit di riuso).
 * FIT and TCO are never prefilled: they are computed from the evaluation's own inputs.
 *
 * Pure: `today` is a value (YYYY-MM-DD).
 */
import { addMonths } from "~/domain/assessment-scoring";
import { isCalendarDate } from "~/domain/dates";
import {
  EvaluationInputError,
  PLATFORM_LABELS,
  REQUIRED_PLATFORMS,
  type Level,
  type Prefill,
  type PrefilledCompliance,
  type RequiredPlatform,
  type Stage,
} from "~/domain/evaluation/schema";

/** The card fields the prefill reads (Solution, its publiccode facts and its GoodPractice, §3.3). */
export type CatalogueCard = {
  origin?: "REUSE_PA" | "OSS_THIRD_PARTY" | "NATIONAL" | "MARKET" | "UNKNOWN" | null;
  /** SPDX expression. */
  license?: string | null;
  licenseOsi?: boolean | null;
  developmentStatus?: string | null;
  maintenanceType?: "internal" | "contract" | "community" | "none" | null;
  /** The latest `contractors[].until`, YYYY-MM-DD. */
  maintenanceUntil?: string | null;
  contactsCount?: number | null;
  releaseDate?: string | null;
  /** Developers Italia vitality index, 0–100. */
  vitality?: number | null;
  usedBy?: readonly string[] | null;
  usedByCount?: number | null;
  /** OCPA good practice: the reusing bodies. */
  entiRiusanti?: readonly string[] | null;
  nationalPlatforms?: Partial<
    Record<"spid" | "cie" | "anpr" | "pagopa" | "io" | "pdnd" | "send", boolean | null>
  > | null;
  /** publiccode.yml 0.7 `supports[].id`: `alias:gdpr`, `alias:spid`, … or a URI. */
  supports?: readonly string[] | null;
  /** The deprecated `IT.conforme` section, as declared. */
  itConforme?: {
    lineeGuidaDesign?: boolean | null;
    modelloInteroperabilita?: boolean | null;
    misureMinimeSicurezza?: boolean | null;
    gdpr?: boolean | null;
  } | null;
  /** Mandatory `dependsOn.proprietary` entries. */
  dependsOnProprietaryCount?: number | null;
  /** OCPA kit di riuso checklist (§5.3): component → present. */
  kitComponents?: Record<string, boolean> | null;
};

/** Which card fields feed which gate or criterion: what the screen says can be prefilled. */
export const PREFILL_FIELDS = {
  license: ["license", "licenseOsi"],
  status: ["developmentStatus"],
  compliance: ["itConforme", "supports"],
  MAINT: ["maintenanceType", "maintenanceUntil", "contactsCount", "releaseDate", "vitality"],
  ADOPT: ["usedBy", "usedByCount", "entiRiusanti"],
  PLAT: ["nationalPlatforms", "supports", "itConforme.lineeGuidaDesign"],
  OPEN: ["dependsOnProprietaryCount"],
  TERR: ["kitComponents"],
} as const;

/** §7.4 MAINT: a release within 18 months is recent. */
export const RECENT_RELEASE_MONTHS = 18;
/** §7.4 MAINT 4: vitality ≥ 60 … */
export const HIGH_VITALITY = 60;
/** … or several maintainers (contacts). */
export const SEVERAL_MAINTAINERS = 2;

const DEPRECATED = "chiave deprecata del publiccode.yml";

/** The stage a card suggests (§3.3 origin → §7.2 stage); null: the evaluator chooses. */
export function suggestedStage(origin: CatalogueCard["origin"]): Stage | null {
  switch (origin) {
    case "REUSE_PA":
      return "REUSE_PA";
    case "OSS_THIRD_PARTY":
      return "OSS";
    case "MARKET":
      return "OTHER";
    // A national platform is adopted, not reused or bought: the evaluator says which stage.
    default:
      return null;
  }
}

function assertDay(what: string, day: string | null | undefined): void {
  if (day != null && !isCalendarDate(day)) throw new EvaluationInputError(`${what} is not a date: ${day}`);
}

function itDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

function hasAlias(card: CatalogueCard, alias: string): boolean {
  return (card.supports ?? []).some((id) => id.trim().toLowerCase() === `alias:${alias}`);
}

// ---------------------------------------------------------------------------------------
// Gates

function prefillLicense(card: CatalogueCard, prefill: Prefill): void {
  const name = card.license?.trim() || null;
  if (card.licenseOsi === true) {
    prefill.gates.license = {
      value: "YES",
      field: "licenseOsi",
      source: `Scheda: licenza ${name ?? "indicata"}, approvata OSI.`,
    };
  } else if (card.licenseOsi === false) {
    prefill.gates.license = {
      value: "NO",
      field: "licenseOsi",
      source: `Scheda: licenza ${name ?? "indicata"}, non approvata OSI.`,
    };
  } else {
    prefill.missing.push(
      name ? `Licenza: la scheda non dice se ${name} è approvata OSI.` : "Licenza: non indicata nella scheda.",
    );
  }
}

const STATUS_PASS = ["development", "beta", "stable"];
const STATUS_FAIL = ["concept", "obsolete"];

function prefillStatus(card: CatalogueCard, prefill: Prefill): void {
  const status = card.developmentStatus?.trim().toLowerCase() || null;
  if (status && STATUS_PASS.includes(status)) {
    prefill.gates.status = {
      value: "YES",
      field: "developmentStatus",
      source: `Scheda: stato di sviluppo «${status}».`,
    };
  } else if (status && STATUS_FAIL.includes(status)) {
    prefill.gates.status = {
      value: "NO",
      field: "developmentStatus",
      source: `Scheda: stato di sviluppo «${status}», escluso dal vincolo.`,
    };
  } else {
    prefill.missing.push("Stato di sviluppo: non indicato nella scheda.");
  }
}

function declared(field: string, source: string): PrefilledCompliance {
  return { value: "YES", basis: "DECLARED", field, source };
}

/** Declarations only: a `false` or a missing key says nothing about compliance, so it prefills nothing. */
function prefillCompliance(card: CatalogueCard, prefill: Prefill): void {
  const c = card.itConforme ?? {};
  if (c.modelloInteroperabilita === true) {
    prefill.compliance.interoperability = declared(
      "IT.conforme.modelloInteroperabilita",
      `Dichiarata nel publiccode.yml (IT.conforme.modelloInteroperabilita, ${DEPRECATED}).`,
    );
  }
  if (hasAlias(card, "gdpr")) {
    prefill.compliance.gdpr = declared("supports", "Dichiarata nel publiccode.yml (supports: alias:gdpr).");
  } else if (c.gdpr === true) {
    prefill.compliance.gdpr = declared(
      "IT.conforme.gdpr",
      `Dichiarata nel publiccode.yml (IT.conforme.gdpr, ${DEPRECATED}).`,
    );
  }
  if (c.misureMinimeSicurezza === true) {
    prefill.compliance.security = declared(
      "IT.conforme.misureMinimeSicurezza",
      `Dichiarata nel publiccode.yml (IT.conforme.misureMinimeSicurezza, ${DEPRECATED}).`,
    );
  }
  // publiccode.yml 0.2 renamed `accessibile` to `lineeGuidaDesign`: the design guidelines
  // include the accessibility requirements.
  if (c.lineeGuidaDesign === true) {
    prefill.compliance.accessibility = declared(
      "IT.conforme.lineeGuidaDesign",
      `Dichiarata conforme alle Linee guida di design, che comprendono l'accessibilità (IT.conforme.lineeGuidaDesign, ${DEPRECATED}).`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Scores

/**
 * §7.4 MAINT: 0 type none or contract expired · 1 community without recent release ·
 * 2 active, last release >18 months · 3 active, release ≤18 months · 4 as 3 + vitality ≥ 60
 * or several maintainers. A release date the card does not give is not recent.
 */
export function maintenanceScore(card: CatalogueCard, today: string): { value: Level; source: string } | null {
  assertDay("today", today);
  assertDay("maintenanceUntil", card.maintenanceUntil);
  assertDay("releaseDate", card.releaseDate);
  const type = card.maintenanceType ?? null;
  if (type === null) return null;
  if (type === "none") return { value: 0, source: "Scheda: nessuna manutenzione (maintenance.type: none)." };
  if (type === "contract") {
    if (!card.maintenanceUntil) return null;
    if (card.maintenanceUntil < today) {
      return { value: 0, source: `Scheda: contratto di manutenzione scaduto il ${itDate(card.maintenanceUntil)}.` };
    }
  }
  const since = addMonths(today, -RECENT_RELEASE_MONTHS);
  const release = card.releaseDate ?? null;
  const recent = release !== null && release >= since;
  const releaseText = release ? `ultimo rilascio il ${itDate(release)}` : "data dell'ultimo rilascio non indicata";
  const kind = {
    internal: "manutenzione interna",
    community: "manutenzione della comunità",
    contract: `contratto di manutenzione fino al ${itDate(card.maintenanceUntil ?? today)}`,
  }[type];
  if (!recent) {
    return type === "community"
      ? { value: 1, source: `Scheda: ${kind}, nessun rilascio negli ultimi 18 mesi (${releaseText}).` }
      : { value: 2, source: `Scheda: ${kind}, nessun rilascio negli ultimi 18 mesi (${releaseText}).` };
  }
  const contacts = card.contactsCount ?? 0;
  const vitality = card.vitality ?? null;
  if (vitality !== null && !Number.isFinite(vitality)) throw new EvaluationInputError(`vitality is ${vitality}`);
  if ((vitality !== null && vitality >= HIGH_VITALITY) || contacts >= SEVERAL_MAINTAINERS) {
    const why = vitality !== null && vitality >= HIGH_VITALITY ? `vitalità ${vitality}` : `${contacts} manutentori`;
    return { value: 4, source: `Scheda: ${kind}, ${releaseText}, ${why}.` };
  }
  return { value: 3, source: `Scheda: ${kind}, ${releaseText}.` };
}

/**
 * §7.4 ADOPT: 0 none known · 1 one PA · 2 two to four · 3 five or more · 4 five or more incl.
 * comuni of similar size. The card cannot tell a comune's size, so the prefill stops at 3
 * and says that 4 is the evaluator's call. PAs are counted once across `usedBy` and the OCPA
 * enti riusanti (names compared without case or surrounding spaces).
 */
export function adoptionScore(card: CatalogueCard): { value: Level; source: string; count: number } | null {
  const names = new Set(
    [...(card.usedBy ?? []), ...(card.entiRiusanti ?? [])].map((n) => n.trim().toLowerCase()).filter(Boolean),
  );
  const known = card.usedBy != null || card.entiRiusanti != null || card.usedByCount != null;
  if (!known) return null;
  const count = Math.max(names.size, card.usedByCount ?? 0);
  const value: Level = count === 0 ? 0 : count === 1 ? 1 : count <= 4 ? 2 : 3;
  const counted = count === 0 ? "nessuna PA utilizzatrice nota" : count === 1 ? "1 PA la usa" : `${count} PA la usano`;
  const four = value === 3 ? " Vale 4 se tra queste ci sono comuni di dimensione simile: lo valuta chi compila." : "";
  return { value, count, source: `Scheda: ${counted} (usedBy, enti riusanti).${four}` };
}

/** Whether the card says a platform is supported (IT.piattaforme/`supports` as normalised, or an alias). */
function platformSupported(card: CatalogueCard, platform: RequiredPlatform): boolean {
  const p = card.nationalPlatforms ?? {};
  const one = (key: "spid" | "cie" | "anpr" | "pagopa" | "io" | "pdnd" | "send") =>
    p[key] === true || hasAlias(card, key);
  switch (platform) {
    case "SPID_CIE":
      return one("spid") && one("cie");
    case "PAGOPA":
      return one("pagopa");
    case "IO":
      return one("io");
    case "ANPR":
      return one("anpr");
    case "PDND":
      return one("pdnd");
    case "SEND":
      return one("send");
  }
}

/**
 * §7.4 PLAT: the share of what the need asks for that the card declares — each required
 * platform, plus accessibility — times 4, rounded half up. SPID/CIE counts only with both
 * (CAD art. 64 c. 2-quater). With no platform required, accessibility alone decides (0 or 4).
 */
export function platformScore(
  card: CatalogueCard,
  requiredPlatforms: readonly RequiredPlatform[],
): { value: Level; source: string } {
  const required = REQUIRED_PLATFORMS.filter((p) => requiredPlatforms.includes(p));
  const supported = required.filter((p) => platformSupported(card, p));
  const accessible = card.itConforme?.lineeGuidaDesign === true;
  const n = required.length + 1;
  const k = supported.length + (accessible ? 1 : 0);
  const value = Math.floor((8 * k + n) / (2 * n)) as Level;
  const parts: string[] = [];
  if (required.length > 0) {
    const missing = required.filter((p) => !supported.includes(p)).map((p) => PLATFORM_LABELS[p]);
    parts.push(
      `piattaforme richieste supportate ${supported.length} su ${required.length}` +
        (missing.length > 0 ? ` (mancano o non dichiarate: ${missing.join(", ")})` : ""),
    );
  } else {
    parts.push("nessuna piattaforma richiesta dal fabbisogno");
  }
  parts.push(accessible ? "accessibilità dichiarata" : "accessibilità non dichiarata");
  return { value, source: `Scheda: ${parts.join("; ")}.` };
}

// ---------------------------------------------------------------------------------------

/** Everything a card can prefill, each value with its source, and what it could not. */
export function prefillFromCard(
  card: CatalogueCard,
  options: { today: string; requiredPlatforms: readonly RequiredPlatform[] },
): Prefill {
  const prefill: Prefill = { gates: {}, compliance: {}, scores: {}, hints: {}, missing: [] };
  prefillLicense(card, prefill);
  prefillStatus(card, prefill);
  prefillCompliance(card, prefill);

  const maint = maintenanceScore(card, options.today);
  if (maint) {
    prefill.scores.MAINT = { ...maint, field: "maintenanceType" };
  } else {
    prefill.missing.push(
      card.maintenanceType === "contract"
        ? "Manutenzione: la scheda non dice fino a quando vale il contratto."
        : "Manutenzione: tipo non indicato nella scheda.",
    );
  }

  const adopt = adoptionScore(card);
  if (adopt) prefill.scores.ADOPT = { value: adopt.value, source: adopt.source, field: "usedBy" };
  else prefill.missing.push("Adozione: la scheda non indica le PA che la usano.");

  const plat = platformScore(card, options.requiredPlatforms);
  prefill.scores.PLAT = { ...plat, field: "nationalPlatforms" };

  const deps = card.dependsOnProprietaryCount;
  if (deps != null) {
    prefill.hints.OPEN = {
      field: "dependsOnProprietaryCount",
      source:
        deps === 0
          ? "Scheda: nessuna dipendenza proprietaria obbligatoria dichiarata."
          : `Scheda: ${deps} ${deps === 1 ? "dipendenza proprietaria obbligatoria dichiarata" : "dipendenze proprietarie obbligatorie dichiarate"} (dependsOn.proprietary).`,
    };
  }
  const kit = card.kitComponents;
  if (kit && Object.keys(kit).length > 0) {
    const total = Object.keys(kit).length;
    const present = Object.values(kit).filter(Boolean).length;
    prefill.hints.TERR = { field: "kitComponents", source: `Kit di riuso: ${present} componenti su ${total}.` };
  }
  return prefill;
}

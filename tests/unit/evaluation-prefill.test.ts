import { describe, expect, it } from "vitest";
import {
  adoptionScore,
  EvaluationInputError,
  maintenanceScore,
  platformScore,
  prefillFromCard,
  PrefillSchema,
  suggestedStage,
  type CatalogueCard,
  type Level,
  type RequiredPlatform,
} from "~/domain/evaluation";

const today = "2026-12-04"; // 18 months before: 2025-06-04

describe("MAINT from the card (0 none/expired · 1 community, no recent release · 2 active, old release · 3 active, release ≤ 18 months · 4 + vitality ≥ 60 or several maintainers)", () => {
  it.each<[string, CatalogueCard, Level | null]>([
    ["type none", { maintenanceType: "none" }, 0],
    [
      "contract expired yesterday",
      { maintenanceType: "contract", maintenanceUntil: "2026-12-03", releaseDate: "2026-10-01" },
      0,
    ],
    [
      "contract ending today is still active",
      { maintenanceType: "contract", maintenanceUntil: "2026-12-04", releaseDate: "2026-10-01" },
      3,
    ],
    ["contract without an end date", { maintenanceType: "contract" }, null],
    [
      "community, release one day too old",
      { maintenanceType: "community", releaseDate: "2025-06-03", contactsCount: 3 },
      1,
    ],
    [
      "community, release exactly 18 months ago",
      { maintenanceType: "community", releaseDate: "2025-06-04", contactsCount: 1 },
      3,
    ],
    ["community, no release date", { maintenanceType: "community", contactsCount: 1 }, 1],
    [
      "internal, old release",
      { maintenanceType: "internal", releaseDate: "2024-01-01", contactsCount: 5, vitality: 90 },
      2,
    ],
    ["contract active, no release date", { maintenanceType: "contract", maintenanceUntil: "2027-06-30" }, 2],
    [
      "internal, recent, vitality 60",
      { maintenanceType: "internal", releaseDate: "2026-09-01", contactsCount: 1, vitality: 60 },
      4,
    ],
    [
      "internal, recent, vitality 59, 2 maintainers",
      { maintenanceType: "internal", releaseDate: "2026-09-01", contactsCount: 2, vitality: 59 },
      4,
    ],
    [
      "internal, recent, vitality 59, 1 maintainer",
      { maintenanceType: "internal", releaseDate: "2026-09-01", contactsCount: 1, vitality: 59 },
      3,
    ],
    ["type not given", { releaseDate: "2026-09-01" }, null],
  ])("%s → %s", (_what, card, value) => {
    expect(maintenanceScore(card, today)?.value ?? null).toBe(value);
  });

  it("says why", () => {
    expect(maintenanceScore({ maintenanceType: "contract", maintenanceUntil: "2026-11-30" }, today)?.source).toBe(
      "Scheda: contratto di manutenzione scaduto il 30/11/2026.",
    );
    expect(
      maintenanceScore(
        { maintenanceType: "internal", releaseDate: "2026-09-01", contactsCount: 1, vitality: 72 },
        today,
      )?.source,
    ).toBe("Scheda: manutenzione interna, ultimo rilascio il 01/09/2026, vitalità 72.");
  });

  it("refuses dates that cannot come from the catalogue", () => {
    expect(() => maintenanceScore({ maintenanceType: "internal", releaseDate: "2026-02-30" }, today)).toThrow(
      EvaluationInputError,
    );
    expect(() => maintenanceScore({ maintenanceType: "internal" }, "oggi")).toThrow(EvaluationInputError);
  });
});

describe("ADOPT from the card (0 none · 1 one PA · 2 two to four · 3 five or more; 4 is the evaluator's)", () => {
  it.each<[string, CatalogueCard, Level | null, number | null]>([
    ["nothing said", {}, null, null],
    ["an empty list", { usedBy: [] }, 0, 0],
    ["one comune", { usedBy: ["Comune di Sondrio"] }, 1, 1],
    ["the same PA twice", { usedBy: ["Comune di Sondrio", " comune di sondrio"] }, 1, 1],
    ["four", { usedBy: ["A", "B", "C", "D"] }, 2, 4],
    // usedBy 3 + OCPA enti riusanti 3, one in both: 5 distinct PAs
    ["usedBy and enti riusanti counted once", { usedBy: ["A", "B", "C"], entiRiusanti: ["C", "D", "E"] }, 3, 5],
    ["usedByCount larger than the names listed", { usedBy: ["A", "B"], usedByCount: 7 }, 3, 7],
  ])("%s → %s", (_what, card, value, count) => {
    const result = adoptionScore(card);
    expect(result?.value ?? null).toBe(value);
    expect(result?.count ?? null).toBe(count);
  });

  it("stops at 3 and says that 4 needs comuni of similar size", () => {
    expect(adoptionScore({ usedByCount: 12 })?.source).toBe(
      "Scheda: 12 PA la usano (usedBy, enti riusanti). Vale 4 se tra queste ci sono comuni di dimensione simile: lo valuta chi compila.",
    );
  });
});

describe("PLAT from the card: share of the required platforms (+ accessibility) × 4, rounded", () => {
  it.each<[string, CatalogueCard, RequiredPlatform[], Level]>([
    // n = required + 1 (accessibility); k = supported + accessible; round(4k/n)
    ["nothing required, accessible: 1/1", { itConforme: { lineeGuidaDesign: true } }, [], 4],
    ["nothing required, not accessible: 0/1", {}, [], 0],
    // SPID without CIE does not count (CAD art. 64 c. 2-quater): IO + accessibility = 2/3 → 2,67 → 3
    [
      "SPID only, IO, accessible",
      { nationalPlatforms: { spid: true, cie: false, io: true }, itConforme: { lineeGuidaDesign: true } },
      ["SPID_CIE", "IO"],
      3,
    ],
    [
      "SPID and CIE, IO, accessible: 3/3",
      { nationalPlatforms: { spid: true, cie: true, io: true }, itConforme: { lineeGuidaDesign: true } },
      ["SPID_CIE", "IO"],
      4,
    ],
    // an alias of publiccode.yml 0.7 `supports` counts: 1/2 → 2
    ["pagoPA by alias, not accessible", { supports: ["alias:pagopa"] }, ["PAGOPA"], 2],
    // 3 of 6 + accessibility = 4/7 → 2,29 → 2
    [
      "half the platforms",
      { nationalPlatforms: { spid: true, cie: true, pagopa: true, io: true }, itConforme: { lineeGuidaDesign: true } },
      ["SPID_CIE", "PAGOPA", "IO", "ANPR", "PDND", "SEND"],
      2,
    ],
    // 0 of 6 + accessibility = 1/7 → 0,57 → 1
    [
      "none of six, accessible",
      { itConforme: { lineeGuidaDesign: true } },
      ["SPID_CIE", "PAGOPA", "IO", "ANPR", "PDND", "SEND"],
      1,
    ],
  ])("%s → %i", (_what, card, required, value) => {
    expect(platformScore(card, required).value).toBe(value);
  });

  it("names what is missing", () => {
    expect(platformScore({ nationalPlatforms: { spid: true, io: true } }, ["SPID_CIE", "IO"]).source).toBe(
      "Scheda: piattaforme richieste supportate 1 su 2 (mancano o non dichiarate: SPID e CIE); accessibilità non dichiarata.",
    );
  });
});

describe("prefillFromCard", () => {
  const card: CatalogueCard = {
    origin: "REUSE_PA",
    license: "EUPL-1.2",
    licenseOsi: true,
    developmentStatus: "stable",
    maintenanceType: "internal",
    contactsCount: 1,
    releaseDate: "2026-05-10",
    vitality: 45,
    usedBy: ["Comune di Chiavenna", "Comune di Morbegno"],
    entiRiusanti: ["Comune di Tirano"],
    nationalPlatforms: { spid: true, cie: true, io: false },
    supports: ["alias:gdpr", "alias:spid"],
    itConforme: { modelloInteroperabilita: true, misureMinimeSicurezza: false, lineeGuidaDesign: true },
    dependsOnProprietaryCount: 0,
    kitComponents: {
      sourceCode: true,
      techDocs: true,
      userManual: true,
      orgModel: false,
      acts: true,
      training: false,
      data: true,
      communication: false,
      indicators: false,
    },
  };

  it("gives every value with the card field it comes from and an Italian sentence", () => {
    const prefill = prefillFromCard(card, { today, requiredPlatforms: ["SPID_CIE", "IO"] });
    expect(prefill).toEqual({
      gates: {
        license: { value: "YES", field: "licenseOsi", source: "Scheda: licenza EUPL-1.2, approvata OSI." },
        status: { value: "YES", field: "developmentStatus", source: "Scheda: stato di sviluppo «stable»." },
      },
      compliance: {
        interoperability: {
          value: "YES",
          basis: "DECLARED",
          field: "IT.conforme.modelloInteroperabilita",
          source:
            "Dichiarata nel publiccode.yml (IT.conforme.modelloInteroperabilita, chiave deprecata del publiccode.yml).",
        },
        // `supports` (0.7) is read before the deprecated IT.conforme.
        gdpr: {
          value: "YES",
          basis: "DECLARED",
          field: "supports",
          source: "Dichiarata nel publiccode.yml (supports: alias:gdpr).",
        },
        accessibility: {
          value: "YES",
          basis: "DECLARED",
          field: "IT.conforme.lineeGuidaDesign",
          source:
            "Dichiarata conforme alle Linee guida di design, che comprendono l'accessibilità (IT.conforme.lineeGuidaDesign, chiave deprecata del publiccode.yml).",
        },
        // misureMinimeSicurezza: false is not a declaration of anything: no prefill.
      },
      scores: {
        // release 10/05/2026 ≥ 04/06/2025, 1 maintainer, vitality 45 → 3
        MAINT: {
          value: 3,
          field: "maintenanceType",
          source: "Scheda: manutenzione interna, ultimo rilascio il 10/05/2026.",
        },
        // 2 usedBy + 1 ente riusante = 3 PAs → 2
        ADOPT: { value: 2, field: "usedBy", source: "Scheda: 3 PA la usano (usedBy, enti riusanti)." },
        // SPID+CIE yes, IO no, accessible: 2/3 → 3
        PLAT: {
          value: 3,
          field: "nationalPlatforms",
          source:
            "Scheda: piattaforme richieste supportate 1 su 2 (mancano o non dichiarate: App IO); accessibilità dichiarata.",
        },
      },
      hints: {
        OPEN: {
          field: "dependsOnProprietaryCount",
          source: "Scheda: nessuna dipendenza proprietaria obbligatoria dichiarata.",
        },
        TERR: { field: "kitComponents", source: "Kit di riuso: 5 componenti su 9." },
      },
      missing: [],
    });
    // What is stored can be read back.
    expect(PrefillSchema.parse(prefill)).toEqual(prefill);
  });

  it("says what the card could not prefill", () => {
    const prefill = prefillFromCard({ license: "LicenseRef-Fornitore" }, { today, requiredPlatforms: [] });
    expect(prefill.gates).toEqual({});
    expect(prefill.compliance).toEqual({});
    expect(prefill.scores.MAINT).toBeUndefined();
    expect(prefill.scores.ADOPT).toBeUndefined();
    expect(prefill.missing).toEqual([
      "Licenza: la scheda non dice se LicenseRef-Fornitore è approvata OSI.",
      "Stato di sviluppo: non indicato nella scheda.",
      "Manutenzione: tipo non indicato nella scheda.",
      "Adozione: la scheda non indica le PA che la usano.",
    ]);
  });

  it.each<[string, CatalogueCard, "YES" | "NO"]>([
    ["a licence not approved by OSI", { license: "LicenseRef-X", licenseOsi: false }, "NO"],
    ["status concept", { developmentStatus: "concept" }, "NO"],
    ["status obsolete", { developmentStatus: "obsolete" }, "NO"],
    ["status beta", { developmentStatus: "beta" }, "YES"],
    ["status development", { developmentStatus: "development" }, "YES"],
  ])("%s → %s", (_what, c, value) => {
    const prefill = prefillFromCard(c, { today, requiredPlatforms: [] });
    expect(prefill.gates.license?.value ?? prefill.gates.status?.value).toBe(value);
  });

  it("never prefills FIT or TCO: they come from the evaluation's own inputs", () => {
    const prefill = prefillFromCard(card, { today, requiredPlatforms: [] });
    expect(Object.keys(prefill.scores).sort()).toEqual(["ADOPT", "MAINT", "PLAT"]);
  });

  it("counts proprietary dependencies as a hint for OPEN", () => {
    expect(prefillFromCard({ dependsOnProprietaryCount: 2 }, { today, requiredPlatforms: [] }).hints.OPEN?.source).toBe(
      "Scheda: 2 dipendenze proprietarie obbligatorie dichiarate (dependsOn.proprietary).",
    );
  });
});

describe("suggestedStage", () => {
  it.each([
    ["REUSE_PA", "REUSE_PA"],
    ["OSS_THIRD_PARTY", "OSS"],
    ["MARKET", "OTHER"],
    ["NATIONAL", null],
    ["UNKNOWN", null],
    [null, null],
  ] as const)("%s → %s", (origin, stage) => {
    expect(suggestedStage(origin)).toBe(stage);
  });
});

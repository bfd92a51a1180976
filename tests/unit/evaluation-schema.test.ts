import { describe, expect, it } from "vitest";
import {
  CandidateInputSchema,
  ComplianceAnswerSchema,
  CriteriaSchema,
  CriterionSetSchema,
  DEFAULT_CRITERIA,
  EvaluationInputSchema,
  FinaliseSchema,
  GateAnswerSchema,
  ImpossibilityNoteSchema,
  STAGES,
  stageOrder,
  TcoInputSchema,
  WEIGHT_TOTAL,
} from "~/domain/evaluation";
import { need, reuse } from "./evaluation-fixtures";

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((i) => i.message);
}

describe("criteria and weights", () => {
  it("default to the spec's seven criteria, summing to 100", () => {
    expect(DEFAULT_CRITERIA.map((c) => [c.code, c.weight])).toEqual([
      ["FIT", 30],
      ["TCO", 15],
      ["MAINT", 15],
      ["ADOPT", 10],
      ["PLAT", 10],
      ["OPEN", 10],
      ["TERR", 10],
    ]);
    expect(DEFAULT_CRITERIA.reduce((s, c) => s + c.weight, 0)).toBe(WEIGHT_TOTAL);
    expect(CriteriaSchema.safeParse(DEFAULT_CRITERIA).success).toBe(true);
  });

  const edit = (changes: Record<string, number>) =>
    DEFAULT_CRITERIA.map((c) => ({ ...c, weight: changes[c.code] ?? c.weight }));

  it.each<[string, unknown, string[]]>([
    ["edited, still 100", edit({ FIT: 25, TERR: 15 }), []],
    ["a criterion at 0, still 100", edit({ OPEN: 0, FIT: 40 }), []],
    ["summing to 105", edit({ FIT: 35 }), ["I pesi devono sommare a 100: ora sommano a 105."]],
    ["a negative weight", edit({ FIT: -5, TCO: 50 }), ["Il peso è un numero intero da 0 a 100."]],
    [
      "a decimal weight",
      edit({ FIT: 29.5, TCO: 15.5 }),
      ["Il peso è un numero intero da 0 a 100.", "Il peso è un numero intero da 0 a 100."],
    ],
    [
      "a missing criterion",
      DEFAULT_CRITERIA.slice(0, 6).map((c) => (c.code === "FIT" ? { ...c, weight: 40 } : c)),
      ["Manca il criterio «Sostenibilità per il territorio»."],
    ],
    [
      "a criterion twice",
      [...DEFAULT_CRITERIA.slice(0, 6), { ...DEFAULT_CRITERIA[0]!, weight: 10 }],
      [
        "Il criterio «Copertura dei requisiti» compare due volte.",
        "Manca il criterio «Sostenibilità per il territorio».",
      ],
    ],
  ])("%s", (_what, criteria, expected) => {
    expect(messages(CriteriaSchema.safeParse(criteria))).toEqual(expected);
  });

  it("a criterion set needs a name", () => {
    expect(messages(CriterionSetSchema.safeParse({ name: " ", criteria: DEFAULT_CRITERIA }))).toEqual([
      "Almeno 3 caratteri.",
    ]);
    expect(
      CriterionSetSchema.parse({ name: "Comunità Montana 2027", criteria: DEFAULT_CRITERIA }).criteria,
    ).toHaveLength(7);
  });
});

describe("gate answers", () => {
  it.each<[unknown, string[]]>([
    [{ answer: "YES" }, []],
    [{ answer: "UNKNOWN" }, []],
    [{ answer: "NO" }, ["Spiega perché il vincolo non è rispettato."]],
    [{ answer: "NO", note: "  " }, ["Spiega perché il vincolo non è rispettato."]],
    [{ answer: "NO", note: "Licenza d'uso proprietaria." }, []],
    [{ answer: "NA" }, ["Spiega perché il vincolo non si applica."]],
    [{ answer: "FORSE" }, ["Rispondi sì, no, da verificare o non applicabile."]],
  ])("%j", (answer, expected) => {
    expect(messages(GateAnswerSchema.safeParse(answer))).toEqual(expected);
  });

  it.each<[unknown, string[]]>([
    [{ answer: "YES", basis: "DECLARED" }, []],
    [{ answer: "YES", basis: "VERIFIED" }, []],
    [{ answer: "YES" }, ["Indica se la conformità è dichiarata o verificata."]],
    [{ answer: "NO" }, ["Spiega perché la soluzione non è conforme."]],
    [{ answer: "UNKNOWN" }, []],
    [{ answer: "NA" }, ["Rispondi sì, no o da verificare."]],
  ])("compliance %j", (answer, expected) => {
    expect(messages(ComplianceAnswerSchema.safeParse(answer))).toEqual(expected);
  });

  it("'non applicabile' is only for the status of an OTHER candidate (a development from scratch)", () => {
    const na = { answer: "NA", note: "Non c'è ancora software." };
    expect(
      CandidateInputSchema.safeParse({ solutionId: 1, name: "X", stage: "OTHER", gates: { status: na } }).success,
    ).toBe(true);
    expect(
      messages(CandidateInputSchema.safeParse({ solutionId: 1, name: "X", stage: "OSS", gates: { status: na } })),
    ).toEqual(["Lo stato di sviluppo si valuta per ogni software a riuso o open source."]);
    expect(
      messages(CandidateInputSchema.safeParse({ solutionId: 1, name: "X", stage: "REUSE_PA", gates: { license: na } })),
    ).toEqual(["Per il riuso e l'open source la licenza OSI è sempre un vincolo: rispondi sì, no o da verificare."]);
  });
});

describe("candidates", () => {
  it("come in three stages, in the legal order", () => {
    expect(STAGES).toEqual(["REUSE_PA", "OSS", "OTHER"]);
    expect(STAGES.map(stageOrder)).toEqual([0, 1, 2]);
    expect(messages(CandidateInputSchema.safeParse({ solutionId: 1, name: "X", stage: "SAAS" }))).toEqual([
      "Scegli la fase: riuso PA, open source di terzi o altre soluzioni.",
    ]);
  });

  it("default to nothing answered and no TCO", () => {
    expect(CandidateInputSchema.parse({ solutionId: 1, name: "X", stage: "OSS" })).toEqual({
      solutionId: 1,
      name: "X",
      stage: "OSS",
      coverage: [],
      gates: {},
      compliance: {},
      scores: {},
      scoreNotes: {},
      tco: null,
      monthsToProduction: null,
      prefill: null,
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["a score of 5", { scores: { MAINT: 5 } }, ["Dai un punteggio intero da 0 a 4."]],
    ["a score of 2.5", { scores: { OPEN: 2.5 } }, ["Dai un punteggio intero da 0 a 4."]],
    ["negative months", { monthsToProduction: -1 }, ["I mesi non possono essere negativi."]],
    ["a coverage answer that does not exist", { coverage: ["PARTLY"] }, ["Indica se il requisito è coperto."]],
  ])("refuse %s", (_what, extra, expected) => {
    expect(messages(CandidateInputSchema.safeParse({ solutionId: 1, name: "X", stage: "OSS", ...extra }))).toEqual(
      expected,
    );
  });

  it("ignore a score for a computed criterion (FIT and TCO are never typed in)", () => {
    const parsed = CandidateInputSchema.parse({
      solutionId: 1,
      name: "X",
      stage: "OSS",
      scores: { FIT: 4, TCO: 4, MAINT: 2 },
    });
    expect(parsed.scores).toEqual({ MAINT: 2 });
  });
});

describe("TCO form", () => {
  it("treats an empty field as 0 and covers 5 years", () => {
    expect(TcoInputSchema.parse({ licence: 1_000 })).toEqual({
      years: 5,
      licence: 1_000,
      hardware: 0,
      setup: 0,
      customisation: 0,
      integration: 0,
      migration: 0,
      training: 0,
      hostingPerYear: 0,
      maintenancePerYear: 0,
      exit: 0,
    });
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ training: -10 }, ["L'importo non può essere negativo."]],
    [{ training: 10.5 }, ["Indica l'importo in euro, senza decimali."]],
    [{ training: "dieci" }, ["Indica l'importo in euro, senza decimali."]],
    [{ training: 100_000_001 }, ["L'importo è troppo alto."]],
    [{ years: 3 }, ["Il TCO si calcola su 5 anni."]],
  ])("%j", (input, expected) => {
    expect(messages(TcoInputSchema.safeParse(input))).toEqual(expected);
  });
});

describe("an evaluation", () => {
  it("defaults to the default criteria", () => {
    expect(EvaluationInputSchema.parse({ need }).criteria).toEqual(DEFAULT_CRITERIA);
  });

  it("refuses the same solution twice, and more coverage answers than requirements", () => {
    const result = EvaluationInputSchema.safeParse({
      need,
      candidates: [reuse, { ...reuse, coverage: [...reuse.coverage, "COVERED"] }],
    });
    expect(messages(result)).toEqual([
      "«Prenota Comune» è già tra i candidati.",
      "Ci sono più risposte che requisiti del fabbisogno.",
    ]);
  });

  it("refuses a platform twice and more than 20 candidates", () => {
    expect(messages(EvaluationInputSchema.safeParse({ need, requiredPlatforms: ["IO", "IO"] }))).toEqual([
      "Ogni piattaforma va indicata una volta sola.",
    ]);
    const many = Array.from({ length: 21 }, (_, i) => ({ solutionId: i + 1, name: `S${i}`, stage: "OSS" }));
    expect(messages(EvaluationInputSchema.safeParse({ need, candidates: many }))).toEqual(["Al massimo 20 candidati."]);
  });

  it("needs a real impossibility note when it has one", () => {
    expect(messages(ImpossibilityNoteSchema.safeParse("Nessuna."))).toEqual([
      "Scrivi perché nessuna soluzione a riuso o open source soddisfa le esigenze almeno in larga misura (almeno 20 caratteri).",
    ]);
    expect(EvaluationInputSchema.parse({ need }).impossibilityNote).toBeNull();
    expect(EvaluationInputSchema.safeParse({ need, impossibilityNote: "Troppo breve" }).success).toBe(false);
  });

  it("needs a rationale to finalise", () => {
    expect(messages(FinaliseSchema.safeParse({ rationale: "  ok  " }))).toEqual([
      "Scrivi la motivazione della scelta (almeno 20 caratteri).",
    ]);
    expect(messages(FinaliseSchema.safeParse({}))).toEqual([
      "Scrivi la motivazione della scelta (almeno 20 caratteri).",
    ]);
    expect(FinaliseSchema.parse({ rationale: "Copre tutti i requisiti ed è già in uso in tre comuni." })).toEqual({
      rationale: "Copre tutti i requisiti ed è già in uso in tre comuni.",
      recommendedSolutionId: null,
    });
  });
});

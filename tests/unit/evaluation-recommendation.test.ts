import { describe, expect, it } from "vitest";
import {
  checkFinalise,
  checkRecommendation,
  evaluate,
  groupByStage,
  hasImpossibilityNote,
  type EvaluationResult,
} from "~/domain/evaluation";
import { example, obsolete, oss, reuse, saas } from "./evaluation-fixtures";

const NOTE = "Prenota Comune non copre gli avvisi su App IO e Agenda Aperta non ha comuni utilizzatori in Lombardia.";
const RATIONALE = "Prenota Comune è prima in classifica, è a riuso ed è già usata da comuni vicini.";

describe("the worked example of docs/evaluation-method.md", () => {
  const result = evaluate(example());
  const byId = (id: number) => result.candidates.find((c) => c.solutionId === id)!;

  it("computes each TCO and compares with the cheapest candidate still in the running", () => {
    // A 6.000 + 5 × 3.400 + 500 = 23.500 · B 7.500 + 5 × 3.500 + 1.000 = 26.000
    // C 1.000 + 5 × 3.600 + 2.000 = 21.000 · D 5.000 + 5 × 2.000 = 15.000 (excluded)
    expect(result.candidates.map((c) => c.tcoTotal)).toEqual([23_500, 26_000, 21_000, 15_000]);
    // D is excluded, so the reference is C's 21.000, not D's 15.000.
    expect(result.minTco).toBe(21_000);
  });

  it("excludes the obsolete candidate, although it is the cheapest, and never ranks it", () => {
    const d = byId(obsolete.solutionId);
    expect(d.status).toBe("EXCLUDED");
    expect(d.gates.find((g) => g.code === "status")).toMatchObject({ outcome: "FAIL", origin: "PREFILL" });
    expect(d.excludedReason).toBe(
      "Stato di sviluppo (non «concept» né «obsolete»): Scheda: stato di sviluppo «obsolete», escluso dal vincolo.",
    );
    expect(d.rank).toBeNull();
    expect(d.weightedScore).toBeNull();
    expect(d.scores.find((s) => s.code === "TCO")!.score).toBeNull();
    expect(result.ranking.map((c) => c.solutionId)).not.toContain(obsolete.solutionId);
  });

  it("scores FIT and TCO from the inputs and the rest from the evaluator", () => {
    const scores = (id: number) => Object.fromEntries(byId(id).scores.map((s) => [s.code, s.score]));
    // A: SHOULD 3 of 4 (75 %) → FIT 3; 4 × 21.000/23.500 = 3,57 → TCO 4
    expect(scores(reuse.solutionId)).toEqual({ FIT: 3, TCO: 4, MAINT: 3, ADOPT: 3, PLAT: 3, OPEN: 4, TERR: 4 });
    // B: 4 of 4 → 4; 4 × 21.000/26.000 = 3,23 → 3
    expect(scores(oss.solutionId)).toEqual({ FIT: 4, TCO: 3, MAINT: 4, ADOPT: 1, PLAT: 4, OPEN: 3, TERR: 2 });
    // C: 4 of 4 → 4; the cheapest → 4
    expect(scores(saas.solutionId)).toEqual({ FIT: 4, TCO: 4, MAINT: 4, ADOPT: 2, PLAT: 4, OPEN: 1, TERR: 2 });
    expect(byId(reuse.solutionId).scores[1]).toMatchObject({
      origin: "COMPUTED",
      source: "4 × 21.000 € (TCO più basso) / 23.500 €, arrotondato.",
    });
    expect(byId(reuse.solutionId).scores[0]!.source).toBe("Requisiti desiderabili coperti: 3 su 4 (75%).");
  });

  it("ranks A, C, B by weighted score", () => {
    // A 90+60+45+30+30+40+40 = 335 → 83,75 · C 120+60+60+20+40+10+20 = 330 → 82,50 · B 120+45+60+10+40+30+20 = 325 → 81,25
    expect(result.ranking.map((c) => [c.name, c.weightedScore, c.rank])).toEqual([
      ["Prenota Comune", 83.75, 1],
      ["Sportello Cloud", 82.5, 2],
      ["Agenda Aperta", 81.25, 3],
    ]);
    expect(result.suggestedSolutionId).toBe(reuse.solutionId);
  });

  it("flags the ranking as not stable (the SaaS wins with FIT +20 % and OPEN −20 %)", () => {
    expect(result.sensitivity!.variants).toHaveLength(14);
    expect(result.sensitivity!.stable).toBe(false);
    expect(result.sensitivity!.variants.filter((v) => !v.holds).map((v) => `${v.criterion} ${v.direction}`)).toEqual([
      "FIT UP",
      "OPEN DOWN",
    ]);
  });

  it("shows MUST coverage by customisation in A's gate", () => {
    expect(byId(reuse.solutionId).gates.find((g) => g.code === "mustCoverage")!.reason).toBe(
      "Tutti i 2 requisiti obbligatori coperti, 1 con personalizzazione.",
    );
  });
});

describe("a candidate failing a gate cannot be ranked", () => {
  it.each([
    ["over budget", { tco: { licence: 31_000 } }, "budget"],
    ["too slow", { monthsToProduction: 7 }, "time"],
    ["a MUST not covered", { coverage: ["NOT_COVERED", "COVERED"] }, "mustCoverage"],
    ["licence not OSI", { gates: { license: { answer: "NO", note: "Licenza non OSI." } } }, "license"],
    [
      "not GDPR compliant",
      { compliance: { ...oss.compliance, gdpr: { answer: "NO", note: "Server fuori dall'UE." } } },
      "compliance",
    ],
  ])("%s", (_what, change, gate) => {
    const result = evaluate(example({ candidates: [{ ...oss, ...change }, saas] }));
    const b = result.candidates[0]!;
    expect(b.status).toBe("EXCLUDED");
    expect(b.gates.find((g) => g.code === gate)!.outcome).toBe("FAIL");
    expect(b.rank).toBeNull();
    expect(result.ranking.map((c) => c.solutionId)).toEqual([saas.solutionId]);
    expect(result.sensitivity!.variants.every((v) => v.ranking.every((r) => r.solutionId !== oss.solutionId))).toBe(
      true,
    );
  });

  it("nor can one still pending, which is listed with its reasons", () => {
    const result = evaluate(
      example({ candidates: [{ ...oss, tco: null, scores: { MAINT: 4 }, compliance: {} }, saas] }),
    );
    const b = result.candidates[0]!;
    expect(b.status).toBe("PENDING");
    expect(b.rank).toBeNull();
    expect(b.pendingReasons).toEqual([
      "Conformità dichiarata o verificata: Da confermare: Interoperabilità (linee guida dell'art. 73 CAD); " +
        "Protezione dei dati personali (GDPR); Misure minime di sicurezza ICT per le PA; Accessibilità (legge 4/2004).",
      "TCO entro il tetto di spesa (T_bilancio): Compila il TCO.",
      "Punteggi da completare: Costo totale a 5 anni, Adozione da altre PA, Integrazione piattaforme e conformità, " +
        "Apertura e interoperabilità, Sostenibilità per il territorio.",
    ]);
  });

  it("a pending candidate fully scored shows a provisional score, still without a rank", () => {
    // B with the licence gate "da verificare", against A only: the min TCO is A's 23.500, so B's
    // TCO is 4 × 23.500 / 26.000 = 3,62 → 4, and 120 + 60 + 60 + 10 + 40 + 30 + 20 = 340 → 85.
    const result = evaluate(
      example({ candidates: [{ ...oss, gates: { ...oss.gates, license: { answer: "UNKNOWN" } } }, reuse] }),
    );
    expect(result.candidates[0]).toMatchObject({ status: "PENDING", weightedScore: 85, rank: null });
    expect(result.ranking.map((c) => c.solutionId)).toEqual([reuse.solutionId]);
  });

  it("a prefilled score counts until the evaluator changes it", () => {
    const prefill = {
      scores: { ADOPT: { value: 2, field: "usedBy", source: "Scheda: 3 PA la usano (usedBy, enti riusanti)." } },
    };
    const withPrefill = evaluate(
      example({ candidates: [{ ...oss, scores: { ...oss.scores, ADOPT: undefined }, prefill }] }),
    );
    expect(withPrefill.candidates[0]!.scores.find((s) => s.code === "ADOPT")).toMatchObject({
      score: 2,
      origin: "PREFILLED",
      source: "Scheda: 3 PA la usano (usedBy, enti riusanti).",
    });
    const entered = evaluate(example({ candidates: [{ ...oss, prefill }] }));
    expect(entered.candidates[0]!.scores.find((s) => s.code === "ADOPT")).toMatchObject({
      score: 1,
      origin: "ENTERED",
    });
  });
});

describe("groups by stage", () => {
  it("list REUSE_PA, OSS, OTHER in this order, whatever the order of the candidates", () => {
    const result = evaluate(example({ candidates: [saas, obsolete, oss, reuse] }));
    expect(
      groupByStage(result.candidates).map((g) => [g.stage, g.label, g.candidates.map((c) => c.solutionId)]),
    ).toEqual([
      ["REUSE_PA", "Soluzioni a riuso della PA", [1]],
      ["OSS", "Soluzioni open source di terzi", [4, 2]],
      ["OTHER", "Altre soluzioni (cloud/SaaS, software proprietario, sviluppo ex novo)", [3]],
    ]);
  });

  it("keep the empty stages, so the document shows that nothing was found there", () => {
    expect(groupByStage([{ stage: "OTHER" as const }]).map((g) => g.candidates.length)).toEqual([0, 0, 1]);
  });
});

describe("reuse before open source before other at equal merit", () => {
  it("the ties rule decides the suggested candidate", () => {
    // Give B exactly A's scores (both 335 points): the reuse candidate stays first.
    const twin = { ...oss, coverage: reuse.coverage, tco: reuse.tco, scores: reuse.scores, gates: { ...oss.gates } };
    const result = evaluate(example({ candidates: [twin, reuse] }));
    expect(result.ranking.map((c) => [c.solutionId, c.weightedScore, c.rank])).toEqual([
      [reuse.solutionId, 83.75, 1],
      [oss.solutionId, 83.75, 2],
    ]);
    expect(result.suggestedSolutionId).toBe(reuse.solutionId);
  });
});

describe("the impossibility-note rule", () => {
  const result = evaluate(example());

  it.each<[string, number, string | null, boolean]>([
    ["reuse, no note", reuse.solutionId, null, true],
    ["open source, no note", oss.solutionId, null, true],
    ["other, no note", saas.solutionId, null, false],
    ["other, a note too short", saas.solutionId, "Non va bene.", false],
    ["other, blank note", saas.solutionId, "                         ", false],
    ["other, with the note", saas.solutionId, NOTE, true],
  ])("%s → %s", (_what, id, note, ok) => {
    const check = checkRecommendation(result, { recommendedSolutionId: id, impossibilityNote: note });
    expect(check.ok).toBe(ok);
    if (!ok) {
      expect(check.fieldErrors.impossibilityNote).toEqual([
        "Per raccomandare una soluzione che non è a riuso né open source serve l'accertamento dell'impossibilità: " +
          "scrivi perché nessuna soluzione a riuso o open source soddisfa le esigenze almeno in larga misura.",
      ]);
    }
  });

  it("warns when the note contradicts a reuse or open source candidate that passes every gate", () => {
    const check = checkRecommendation(result, { recommendedSolutionId: saas.solutionId, impossibilityNote: NOTE });
    expect(check.warnings).toEqual([
      "L'accertamento dell'impossibilità dice che nessuna soluzione a riuso o open source va bene, ma «Prenota Comune», " +
        "«Agenda Aperta» supera tutti i vincoli: controlla che la nota lo spieghi.",
      "«Sportello Cloud» è al 2° posto; prima in classifica è «Prenota Comune»: spiega la scelta nella motivazione.",
    ]);
  });

  it("an OTHER candidate alone in the ranking still needs the note", () => {
    const onlyOther = evaluate(example({ candidates: [{ ...reuse, monthsToProduction: 12 }, saas] }));
    expect(onlyOther.suggestedSolutionId).toBe(saas.solutionId);
    expect(checkRecommendation(onlyOther, { recommendedSolutionId: saas.solutionId, impossibilityNote: null }).ok).toBe(
      false,
    );
    const check = checkRecommendation(onlyOther, { recommendedSolutionId: saas.solutionId, impossibilityNote: NOTE });
    expect(check).toEqual({ ok: true, fieldErrors: {}, warnings: [] });
  });

  it("hasImpossibilityNote", () => {
    expect(hasImpossibilityNote(null)).toBe(false);
    expect(hasImpossibilityNote(undefined)).toBe(false);
    expect(hasImpossibilityNote("  breve  ")).toBe(false);
    expect(hasImpossibilityNote(NOTE)).toBe(true);
  });
});

describe("checkRecommendation", () => {
  const result = evaluate(example());

  it("refuses an excluded candidate, with the reason", () => {
    expect(
      checkRecommendation(result, { recommendedSolutionId: obsolete.solutionId, impossibilityNote: null }),
    ).toEqual({
      ok: false,
      fieldErrors: {
        recommendedSolutionId: [
          "«Vecchio Calendario» non supera i vincoli e non può essere raccomandata. " +
            "Stato di sviluppo (non «concept» né «obsolete»): Scheda: stato di sviluppo «obsolete», escluso dal vincolo.",
        ],
      },
      warnings: [],
    });
  });

  it("refuses a pending candidate and one that is not a candidate", () => {
    const pending = evaluate(example({ candidates: [{ ...reuse, tco: null }] }));
    expect(
      checkRecommendation(pending, { recommendedSolutionId: reuse.solutionId, impossibilityNote: null }).fieldErrors,
    ).toEqual({
      recommendedSolutionId: ["«Prenota Comune» ha ancora vincoli o punteggi da completare: non è in classifica."],
    });
    expect(checkRecommendation(result, { recommendedSolutionId: 999, impossibilityNote: null }).fieldErrors).toEqual({
      recommendedSolutionId: ["La soluzione scelta non è tra i candidati della valutazione."],
    });
  });

  it("warns that the first of an unstable ranking loses some variants", () => {
    expect(checkRecommendation(result, { recommendedSolutionId: reuse.solutionId, impossibilityNote: null })).toEqual({
      ok: true,
      fieldErrors: {},
      warnings: ["Classifica non stabile: in 2 varianti dei pesi su 14 «Prenota Comune» non è prima."],
    });
  });

  it("warns on a choice below the first place", () => {
    const check = checkRecommendation(result, { recommendedSolutionId: oss.solutionId, impossibilityNote: null });
    expect(check.ok).toBe(true);
    expect(check.warnings).toEqual([
      "«Agenda Aperta» è al 3° posto; prima in classifica è «Prenota Comune»: spiega la scelta nella motivazione.",
    ]);
  });

  it("accepts no recommendation", () => {
    expect(checkRecommendation(result, { recommendedSolutionId: null, impossibilityNote: null })).toEqual({
      ok: true,
      fieldErrors: {},
      warnings: [],
    });
  });
});

describe("checkFinalise", () => {
  const finalise = (result: EvaluationResult, options: Partial<Parameters<typeof checkFinalise>[1]> = {}) =>
    checkFinalise(result, {
      rationale: RATIONALE,
      recommendedSolutionId: reuse.solutionId,
      impossibilityNote: null,
      ...options,
    });

  it("passes with a rationale and a ranked recommendation", () => {
    expect(finalise(evaluate(example()))).toMatchObject({ ok: true, fieldErrors: {} });
  });

  it("needs a rationale", () => {
    expect(finalise(evaluate(example()), { rationale: "Perché sì." }).fieldErrors).toEqual({
      rationale: ["Scrivi la motivazione della scelta (almeno 20 caratteri)."],
    });
  });

  it("needs every candidate decided", () => {
    const result = evaluate(
      example({ candidates: [reuse, { ...oss, monthsToProduction: null }, { ...saas, tco: null }] }),
    );
    expect(finalise(result).fieldErrors).toEqual({
      candidates: [
        "Completa vincoli e punteggi di «Agenda Aperta», «Sportello Cloud» prima di chiudere la valutazione.",
      ],
    });
  });

  it("needs at least one candidate", () => {
    expect(finalise(evaluate(example({ candidates: [] })), { recommendedSolutionId: null }).fieldErrors).toEqual({
      candidates: ["Aggiungi almeno un candidato prima di chiudere la valutazione."],
    });
  });

  it("applies the impossibility-note rule", () => {
    expect(finalise(evaluate(example()), { recommendedSolutionId: saas.solutionId }).ok).toBe(false);
    expect(finalise(evaluate(example()), { recommendedSolutionId: saas.solutionId, impossibilityNote: NOTE }).ok).toBe(
      true,
    );
  });

  it("may close without a recommendation when nothing passes, and says so", () => {
    const nothing = evaluate(example({ candidates: [obsolete] }));
    expect(finalise(nothing, { recommendedSolutionId: null })).toEqual({
      ok: true,
      fieldErrors: {},
      warnings: ["Nessun candidato supera tutti i vincoli: la valutazione si chiude senza una soluzione raccomandata."],
    });
  });
});

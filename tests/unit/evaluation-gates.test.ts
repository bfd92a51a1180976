import { describe, expect, it } from "vitest";
import {
  budgetGate,
  complianceAspects,
  complianceGate,
  evaluateGates,
  exclusionReason,
  GATE_CODES,
  gatesVerdict,
  licenseGate,
  mustCoverageGate,
  NeedSnapshotSchema,
  statusGate,
  timeGate,
  type GateOutcome,
} from "~/domain/evaluation";
import { candidate, need, reuse } from "./evaluation-fixtures";

const osiYes = { value: "YES", field: "licenseOsi", source: "Scheda: licenza MIT, approvata OSI." } as const;
const osiNo = { value: "NO", field: "licenseOsi", source: "Scheda: licenza proprietaria, non approvata OSI." } as const;

describe("licence gate (OSI, for REUSE_PA and OSS only)", () => {
  it.each<[string, Record<string, unknown>, GateOutcome, string]>([
    [
      "OTHER: not a gate",
      { stage: "OTHER", gates: { license: { answer: "NO", note: "Licenza d'uso." } } },
      "NA",
      "RULE",
    ],
    ["reuse, card says OSI", { stage: "REUSE_PA", prefill: { gates: { license: osiYes } } }, "PASS", "PREFILL"],
    ["OSS, card says not OSI", { stage: "OSS", prefill: { gates: { license: osiNo } } }, "FAIL", "PREFILL"],
    ["OSS, nothing known", { stage: "OSS" }, "UNKNOWN", "RULE"],
    [
      "the answer wins over the card",
      {
        stage: "OSS",
        gates: { license: { answer: "YES", note: "Verificata: è AGPL-3.0." } },
        prefill: { gates: { license: osiNo } },
      },
      "PASS",
      "ANSWER",
    ],
    [
      "an explicit 'da verificare' wins over the card",
      { stage: "OSS", gates: { license: { answer: "UNKNOWN" } }, prefill: { gates: { license: osiYes } } },
      "UNKNOWN",
      "ANSWER",
    ],
    [
      "answered no",
      { stage: "REUSE_PA", gates: { license: { answer: "NO", note: "Licenza non OSI." } } },
      "FAIL",
      "ANSWER",
    ],
  ])("%s → %s", (_what, input, outcome, origin) => {
    const gate = licenseGate(candidate({ solutionId: 9, name: "X", ...input }));
    expect(gate).toMatchObject({ code: "license", outcome, origin });
  });

  it("keeps the card's sentence and the evaluator's note", () => {
    expect(
      licenseGate(candidate({ solutionId: 9, name: "X", stage: "OSS", prefill: { gates: { license: osiYes } } }))
        .reason,
    ).toBe("Scheda: licenza MIT, approvata OSI.");
    expect(
      licenseGate(
        candidate({
          solutionId: 9,
          name: "X",
          stage: "OSS",
          gates: { license: { answer: "NO", note: "È una licenza d'uso." } },
        }),
      ).note,
    ).toBe("È una licenza d'uso.");
  });
});

describe("development status gate (not concept/obsolete)", () => {
  const stable = { value: "YES", field: "developmentStatus", source: "Scheda: stato di sviluppo «stable»." } as const;
  const concept = { value: "NO", field: "developmentStatus", source: "Scheda: stato «concept»." } as const;
  it.each<[string, Record<string, unknown>, GateOutcome]>([
    ["card stable", { stage: "OSS", prefill: { gates: { status: stable } } }, "PASS"],
    ["card concept", { stage: "REUSE_PA", prefill: { gates: { status: concept } } }, "FAIL"],
    ["nothing known", { stage: "OSS" }, "UNKNOWN"],
    ["a SaaS answered yes", { stage: "OTHER", gates: { status: { answer: "YES" } } }, "PASS"],
    [
      "a development from scratch: not applicable, with a note",
      { stage: "OTHER", gates: { status: { answer: "NA", note: "Sviluppo ex novo." } } },
      "NA",
    ],
  ])("%s → %s", (_what, input, outcome) => {
    expect(statusGate(candidate({ solutionId: 9, name: "X", ...input })).outcome).toBe(outcome);
  });
});

describe("compliance gate (interoperability, GDPR, security, accessibility; declared or verified)", () => {
  const yes = { answer: "YES", basis: "DECLARED" } as const;
  const declaredGdpr = {
    value: "YES",
    basis: "DECLARED",
    field: "supports",
    source: "Dichiarata nel publiccode.yml (supports: alias:gdpr).",
  } as const;
  it.each<[string, Record<string, unknown>, GateOutcome]>([
    [
      "all four confirmed",
      {
        compliance: {
          interoperability: yes,
          gdpr: { answer: "YES", basis: "VERIFIED" },
          security: yes,
          accessibility: yes,
        },
      },
      "PASS",
    ],
    ["one not answered", { compliance: { interoperability: yes, gdpr: yes, security: yes } }, "UNKNOWN"],
    [
      "one da verificare",
      { compliance: { interoperability: yes, gdpr: yes, security: yes, accessibility: { answer: "UNKNOWN" } } },
      "UNKNOWN",
    ],
    ["one no (beats the open ones)", { compliance: { gdpr: { answer: "NO", note: "Dati fuori dall'UE." } } }, "FAIL"],
    // The card's declaration is a suggestion: "confirmed by the evaluator".
    [
      "declared on the card only",
      {
        compliance: { interoperability: yes, security: yes, accessibility: yes },
        prefill: { compliance: { gdpr: declaredGdpr } },
      },
      "UNKNOWN",
    ],
  ])("%s → %s", (_what, input, outcome) => {
    expect(complianceGate(candidate({ solutionId: 9, name: "X", stage: "OSS", ...input })).outcome).toBe(outcome);
  });

  it("says which aspects wait for confirmation, and which the card already declares", () => {
    const c = candidate({
      solutionId: 9,
      name: "X",
      stage: "OSS",
      compliance: { interoperability: yes, security: yes, accessibility: yes },
      prefill: { compliance: { gdpr: declaredGdpr } },
    });
    expect(complianceGate(c).reason).toBe(
      "Da confermare: Protezione dei dati personali (GDPR) (dichiarata nella scheda, da confermare).",
    );
    expect(complianceAspects(c).map((a) => [a.aspect, a.outcome, a.basis])).toEqual([
      ["interoperability", "PASS", "DECLARED"],
      ["gdpr", "UNKNOWN", null],
      ["security", "PASS", "DECLARED"],
      ["accessibility", "PASS", "DECLARED"],
    ]);
  });

  it("names the basis of each aspect when it passes", () => {
    expect(complianceGate(candidate(reuse)).reason).toBe(
      "Conforme. Interoperabilità (linee guida dell'art. 73 CAD): dichiarata; Protezione dei dati personali (GDPR): verificata; " +
        "Misure minime di sicurezza ICT per le PA: dichiarata; Accessibilità (legge 4/2004): verificata.",
    );
  });
});

describe("MUST coverage gate", () => {
  const snapshot = NeedSnapshotSchema.parse(need); // R1, R2 MUST; R3–R6 SHOULD
  it.each<[string, string[], Record<string, unknown> | null, GateOutcome]>([
    ["both MUST covered", ["COVERED", "COVERED"], null, "PASS"],
    ["one not covered", ["COVERED", "NOT_COVERED"], null, "FAIL"],
    ["one unanswered (shorter list)", ["COVERED"], null, "UNKNOWN"],
    ["one da verificare", ["UNKNOWN", "COVERED"], null, "UNKNOWN"],
    ["not covered beats da verificare", ["UNKNOWN", "NOT_COVERED"], null, "FAIL"],
    ["by customisation, costed", ["COVERED", "CUSTOMISATION"], { customisation: 3_000 }, "PASS"],
    ["by customisation, not costed yet", ["COVERED", "CUSTOMISATION"], { customisation: 0 }, "UNKNOWN"],
    ["by customisation, no TCO yet", ["COVERED", "CUSTOMISATION"], null, "UNKNOWN"],
    // SHOULD requirements never decide the gate.
    ["a SHOULD not covered", ["COVERED", "COVERED", "NOT_COVERED", "NOT_COVERED"], null, "PASS"],
  ])("%s → %s", (_what, coverage, tco, outcome) => {
    const c = candidate({ solutionId: 9, name: "X", stage: "OSS", coverage, tco });
    expect(mustCoverageGate(snapshot, c).outcome).toBe(outcome);
  });

  it("does not apply to a need without MUST requirements", () => {
    const onlyShould = NeedSnapshotSchema.parse({ requirements: [{ text: "Promemoria", level: "SHOULD" }] });
    expect(mustCoverageGate(onlyShould, candidate({ solutionId: 9, name: "X", stage: "OSS" })).outcome).toBe("NA");
  });

  it("quotes the requirements that fail", () => {
    const c = candidate({ solutionId: 9, name: "X", stage: "OSS", coverage: ["NOT_COVERED", "COVERED"] });
    expect(mustCoverageGate(snapshot, c).reason).toBe("Non coperti: «Accesso con SPID e CIE».");
  });
});

describe("budget gate (TCO ≤ T_bilancio) and time gate (months ≤ T_tempi)", () => {
  it.each<[number | null, number | null, GateOutcome]>([
    [30_000, 23_500, "PASS"],
    [30_000, 30_000, "PASS"], // the spec's ≤: spending exactly the budget is within it
    [30_000, 30_001, "FAIL"],
    [30_000, null, "UNKNOWN"],
    [null, 1_000_000, "NA"],
  ])("cap %s, TCO %s → %s", (budgetCap, total, outcome) => {
    expect(budgetGate({ budgetCap }, total).outcome).toBe(outcome);
  });

  it("writes the comparison", () => {
    expect(budgetGate({ budgetCap: 30_000 }, 31_000).reason).toBe(
      "Supera il tetto di spesa: TCO 31.000 €, tetto 30.000 €.",
    );
    expect(timeGate({ timeCapMonths: 6 }, 7).reason).toBe("Tempi troppo lunghi: 7 mesi, massimo 6.");
  });

  it.each<[number | null, number | null, GateOutcome]>([
    [6, 4, "PASS"],
    [6, 6, "PASS"],
    [6, 7, "FAIL"],
    [6, 0, "PASS"],
    [6, null, "UNKNOWN"],
    [null, 36, "NA"],
  ])("cap %s months, %s months → %s", (timeCapMonths, months, outcome) => {
    expect(timeGate({ timeCapMonths }, months).outcome).toBe(outcome);
  });
});

describe("all gates together", () => {
  it("are six, in the spec's order", () => {
    const gates = evaluateGates(NeedSnapshotSchema.parse(need), candidate(reuse), 23_500);
    expect(gates.map((g) => g.code)).toEqual([...GATE_CODES]);
    expect(gates.map((g) => g.outcome)).toEqual(["PASS", "PASS", "PASS", "PASS", "PASS", "PASS"]);
  });

  it.each<[GateOutcome[], "PASS" | "FAIL" | "UNKNOWN"]>([
    [["PASS", "NA", "PASS"], "PASS"],
    [["PASS", "UNKNOWN", "NA"], "UNKNOWN"],
    [["UNKNOWN", "FAIL", "PASS"], "FAIL"],
    [["NA", "NA"], "PASS"],
  ])("verdict of %j is %s", (outcomes, verdict) => {
    expect(gatesVerdict(outcomes.map((outcome) => ({ outcome })))).toBe(verdict);
  });

  it("an excluded candidate's reason lists every failed gate", () => {
    const c = candidate({ ...reuse, monthsToProduction: 9 });
    const gates = evaluateGates(NeedSnapshotSchema.parse(need), c, 40_000);
    expect(exclusionReason(gates)).toBe(
      "TCO entro il tetto di spesa (T_bilancio): Supera il tetto di spesa: TCO 40.000 €, tetto 30.000 €. · " +
        "Messa in produzione entro i tempi (T_tempi): Tempi troppo lunghi: 9 mesi, massimo 6.",
    );
    expect(exclusionReason(evaluateGates(NeedSnapshotSchema.parse(need), candidate(reuse), 23_500))).toBeNull();
  });
});

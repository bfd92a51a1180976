/**
 * The gates of a candidate (spec PHASE2 §7.3): pass/fail checks, each of which excludes the
 * candidate when it fails. They follow the LG fase 2.2 (declared compliance, S_TCO within
 * T_bilancio, S_tempi within T_tempi, "eventuali altri vincoli ostativi"), fase 2.4 (an
 * OSI-approved licence) and macro-fase 1 (requirements "tra indispensabili e non").
 *
 * Outcomes: PASS, FAIL, NA (the gate does not apply) and UNKNOWN (not answered yet, or the
 * numbers it needs are missing). A candidate with a FAIL is excluded; one with an UNKNOWN is
 * pending: neither is ranked.
 *
 * NOTE: the spec writes `TCO ≤ T_bilancio` and `monthsToProduction ≤ T_tempi`, the LG
 * "S_TCO < T_bilancio" and "S_tempi < T_tempi". We follow the spec: spending exactly the
 * budget is within it (docs/evaluation-method.md, "Decisions").
 */
import {
  COMPLIANCE_ASPECTS,
  COMPLIANCE_BASIS_LABELS,
  COMPLIANCE_LABELS,
  GATE_CODES,
  GATE_LABELS,
  type CandidateInput,
  type ComplianceAspect,
  type ComplianceBasis,
  type GateAnswer,
  type GateCode,
  type NeedSnapshot,
  type PrefilledGate,
} from "~/domain/evaluation/schema";
import { formatEuro } from "~/domain/evaluation/tco";

export type GateOutcome = "PASS" | "FAIL" | "NA" | "UNKNOWN";

/** Where an outcome comes from: the evaluator's answer, the card, the numbers, or the rule itself. */
export type GateOrigin = "ANSWER" | "PREFILL" | "COMPUTED" | "RULE";

export type GateResult = {
  code: GateCode;
  label: string;
  outcome: GateOutcome;
  origin: GateOrigin;
  /** Why, in Italian, for the screen and the evaluation document. */
  reason: string;
  /** The evaluator's note, if any. */
  note: string | null;
};

export type ComplianceAspectResult = {
  aspect: ComplianceAspect;
  label: string;
  outcome: "PASS" | "FAIL" | "UNKNOWN";
  basis: ComplianceBasis | null;
  /** The card's declaration, shown until the evaluator confirms it (it never passes alone). */
  declared: string | null;
  note: string | null;
};

function result(code: GateCode, outcome: GateOutcome, origin: GateOrigin, reason: string, note?: string | null) {
  return { code, label: GATE_LABELS[code], outcome, origin, reason, note: note ?? null } satisfies GateResult;
}

const ANSWER_OUTCOME = { YES: "PASS", NO: "FAIL", UNKNOWN: "UNKNOWN", NA: "NA" } as const;

/** An answered gate, else the card's value, else unknown. */
function answeredGate(
  code: "license" | "status",
  answer: GateAnswer | undefined,
  prefilled: PrefilledGate | undefined,
  unknownReason: string,
): GateResult {
  if (answer) {
    const reason = {
      YES: "Rispettato, secondo chi valuta.",
      NO: "Non rispettato, secondo chi valuta.",
      UNKNOWN: "Da verificare.",
      NA: "Non applicabile, secondo chi valuta.",
    }[answer.answer];
    return result(code, ANSWER_OUTCOME[answer.answer], "ANSWER", reason, answer.note);
  }
  if (prefilled) return result(code, ANSWER_OUTCOME[prefilled.value], "PREFILL", prefilled.source);
  return result(code, "UNKNOWN", "RULE", unknownReason);
}

/** §7.3 licence OSI-approved, for REUSE_PA/OSS (LG fase 2.4); not a gate for OTHER. */
export function licenseGate(candidate: Pick<CandidateInput, "stage" | "gates" | "prefill">): GateResult {
  if (candidate.stage === "OTHER") {
    return result("license", "NA", "RULE", "Vale solo per le soluzioni a riuso e open source.");
  }
  return answeredGate(
    "license",
    candidate.gates.license,
    candidate.prefill?.gates.license,
    "Licenza da verificare: la scheda non dice se è approvata OSI.",
  );
}

/** §7.3 developmentStatus not `concept`/`obsolete`. */
export function statusGate(candidate: Pick<CandidateInput, "gates" | "prefill">): GateResult {
  return answeredGate(
    "status",
    candidate.gates.status,
    candidate.prefill?.gates.status,
    "Stato di sviluppo da verificare: la scheda non lo indica.",
  );
}

/**
 * §7.3 declared or verified compliance: interoperability, GDPR, security, accessibility
 * (LG fase 2.2). The card's declarations are prefilled but never pass by themselves: the
 * evaluator confirms each aspect ("confirmed by the evaluator").
 */
export function complianceAspects(candidate: Pick<CandidateInput, "compliance" | "prefill">): ComplianceAspectResult[] {
  return COMPLIANCE_ASPECTS.map((aspect) => {
    const answer = candidate.compliance[aspect];
    const declared = candidate.prefill?.compliance[aspect]?.source ?? null;
    const outcome = answer ? ({ YES: "PASS", NO: "FAIL", UNKNOWN: "UNKNOWN" } as const)[answer.answer] : "UNKNOWN";
    return {
      aspect,
      label: COMPLIANCE_LABELS[aspect],
      outcome,
      basis: answer?.answer === "YES" ? (answer.basis ?? null) : null,
      declared,
      note: answer?.note ?? null,
    };
  });
}

export function complianceGate(candidate: Pick<CandidateInput, "compliance" | "prefill">): GateResult {
  const aspects = complianceAspects(candidate);
  const failed = aspects.filter((a) => a.outcome === "FAIL");
  if (failed.length > 0) {
    return result(
      "compliance",
      "FAIL",
      "ANSWER",
      `Non conforme: ${failed.map((a) => a.label).join("; ")}.`,
      failed
        .map((a) => a.note)
        .filter(Boolean)
        .join(" ") || null,
    );
  }
  const open = aspects.filter((a) => a.outcome === "UNKNOWN");
  if (open.length > 0) {
    const pending = open.map((a) => (a.declared ? `${a.label} (dichiarata nella scheda, da confermare)` : a.label));
    return result("compliance", "UNKNOWN", "ANSWER", `Da confermare: ${pending.join("; ")}.`);
  }
  const bases = aspects.map((a) => `${a.label}: ${COMPLIANCE_BASIS_LABELS[a.basis!]}`);
  return result("compliance", "PASS", "ANSWER", `Conforme. ${bases.join("; ")}.`);
}

/**
 * §7.3 every MUST requirement covered, possibly with customisation (costed): a requirement
 * covered only by customisation needs a customisation cost in the TCO form, otherwise the
 * gate waits for it.
 */
export function mustCoverageGate(
  need: Pick<NeedSnapshot, "requirements">,
  candidate: Pick<CandidateInput, "coverage" | "tco">,
): GateResult {
  const musts = need.requirements
    .map((r, index) => ({ text: r.text, level: r.level, coverage: candidate.coverage[index] ?? "UNKNOWN" }))
    .filter((r) => r.level === "MUST");
  if (musts.length === 0) return result("mustCoverage", "NA", "RULE", "Il fabbisogno non ha requisiti obbligatori.");
  const missing = musts.filter((r) => r.coverage === "NOT_COVERED");
  if (missing.length > 0) {
    return result("mustCoverage", "FAIL", "COMPUTED", `Non coperti: ${missing.map((r) => `«${r.text}»`).join("; ")}.`);
  }
  const open = musts.filter((r) => r.coverage === "UNKNOWN");
  if (open.length > 0) {
    return result(
      "mustCoverage",
      "UNKNOWN",
      "COMPUTED",
      `Da verificare: ${open.map((r) => `«${r.text}»`).join("; ")}.`,
    );
  }
  const customised = musts.filter((r) => r.coverage === "CUSTOMISATION");
  if (customised.length > 0 && !(candidate.tco && candidate.tco.customisation > 0)) {
    return result(
      "mustCoverage",
      "UNKNOWN",
      "COMPUTED",
      `Coperti con personalizzazione, che va stimata nel TCO: ${customised.map((r) => `«${r.text}»`).join("; ")}.`,
    );
  }
  const how = customised.length > 0 ? `, ${customised.length} con personalizzazione` : "";
  return result("mustCoverage", "PASS", "COMPUTED", `Tutti i ${musts.length} requisiti obbligatori coperti${how}.`);
}

/** §7.3 TCO ≤ T_bilancio (the 5-year total against the need's budget cap). */
export function budgetGate(need: Pick<NeedSnapshot, "budgetCap">, total: number | null): GateResult {
  if (need.budgetCap === null) return result("budget", "NA", "RULE", "Il fabbisogno non fissa un tetto di spesa.");
  if (total === null) return result("budget", "UNKNOWN", "COMPUTED", "Compila il TCO.");
  const comparison = `TCO ${formatEuro(total)}, tetto ${formatEuro(need.budgetCap)}.`;
  return total <= need.budgetCap
    ? result("budget", "PASS", "COMPUTED", comparison)
    : result("budget", "FAIL", "COMPUTED", `Supera il tetto di spesa: ${comparison}`);
}

/** §7.3 monthsToProduction ≤ T_tempi. */
export function timeGate(need: Pick<NeedSnapshot, "timeCapMonths">, months: number | null): GateResult {
  if (need.timeCapMonths === null) return result("time", "NA", "RULE", "Il fabbisogno non fissa un tempo massimo.");
  if (months === null) return result("time", "UNKNOWN", "COMPUTED", "Indica i mesi per la messa in produzione.");
  const comparison = `${months} mesi, massimo ${need.timeCapMonths}.`;
  return months <= need.timeCapMonths
    ? result("time", "PASS", "COMPUTED", comparison)
    : result("time", "FAIL", "COMPUTED", `Tempi troppo lunghi: ${comparison}`);
}

/** All six gates, in the spec's order. */
export function evaluateGates(need: NeedSnapshot, candidate: CandidateInput, total: number | null): GateResult[] {
  const byCode: Record<GateCode, GateResult> = {
    license: licenseGate(candidate),
    status: statusGate(candidate),
    compliance: complianceGate(candidate),
    mustCoverage: mustCoverageGate(need, candidate),
    budget: budgetGate(need, total),
    time: timeGate(need, candidate.monthsToProduction),
  };
  return GATE_CODES.map((code) => byCode[code]);
}

/** FAIL if any gate fails (it excludes), else UNKNOWN if any is open, else PASS. */
export function gatesVerdict(gates: readonly Pick<GateResult, "outcome">[]): "PASS" | "FAIL" | "UNKNOWN" {
  if (gates.some((g) => g.outcome === "FAIL")) return "FAIL";
  if (gates.some((g) => g.outcome === "UNKNOWN")) return "UNKNOWN";
  return "PASS";
}

/** The excludedReason of §3.4: each failed gate with its reason (and note). */
export function exclusionReason(gates: readonly GateResult[]): string | null {
  const failed = gates.filter((g) => g.outcome === "FAIL");
  if (failed.length === 0) return null;
  return failed.map((g) => `${g.label}: ${g.reason}${g.note ? ` ${g.note}` : ""}`).join(" · ");
}

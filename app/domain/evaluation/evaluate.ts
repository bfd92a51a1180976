/**
 * The whole comparative evaluation of one need, from validated inputs to the result the
 * screen and the "Documento di valutazione comparativa" show (spec PHASE2 §7): TCO, gates,
 * criterion scores, status, weighted score, ranking and sensitivity. Pure and deterministic:
 * the prefill was computed (with its date) when each candidate was added, and is an input.
 *
 * A candidate is
 * - EXCLUDED when a gate fails: it is never ranked, scored or recommended (§12);
 * - PENDING while a gate is "da verificare" or a score is missing: not ranked yet;
 * - RANKED otherwise.
 */
import {
  CRITERION_CODES,
  STAGE_LABELS,
  type CandidateInput,
  type CriterionCode,
  type EvaluationInput,
  type Level,
  type Prefill,
  type Stage,
} from "~/domain/evaluation/schema";
import {
  complianceAspects,
  evaluateGates,
  exclusionReason,
  gatesVerdict,
  type ComplianceAspectResult,
  type GateResult,
} from "~/domain/evaluation/gates";
import {
  fitScore,
  rankEntries,
  tcoScore,
  weightedPoints,
  weightedScore,
  weightsOf,
  winnerOf,
  type FitResult,
  type Scores,
  type Weights,
} from "~/domain/evaluation/scoring";
import { sensitivity, type Sensitivity } from "~/domain/evaluation/sensitivity";
import { computeTco, formatEuro, type TcoResult } from "~/domain/evaluation/tco";

export type ScoreOrigin = "COMPUTED" | "ENTERED" | "PREFILLED";

export type CriterionScore = {
  code: CriterionCode;
  label: string;
  weight: number;
  score: Level | null;
  origin: ScoreOrigin | null;
  /** How it was computed, or the card field it was prefilled from (Italian). */
  source: string | null;
  /** The evaluator's evidence. */
  note: string | null;
};

export type CandidateStatus = "RANKED" | "EXCLUDED" | "PENDING";

export type CandidateResult = {
  solutionId: number;
  name: string;
  stage: Stage;
  stageLabel: string;
  tco: TcoResult | null;
  tcoTotal: number | null;
  monthsToProduction: number | null;
  gates: GateResult[];
  compliance: ComplianceAspectResult[];
  verdict: "PASS" | "FAIL" | "UNKNOWN";
  fit: FitResult;
  scores: CriterionScore[];
  status: CandidateStatus;
  /** Why a PENDING candidate is not ranked yet (Italian). */
  pendingReasons: string[];
  /** §3.4 excludedReason: the failed gates. */
  excludedReason: string | null;
  /** 0–100, two decimals; null when excluded or not fully scored (provisional while pending). */
  weightedScore: number | null;
  rank: number | null;
  prefillMissing: string[];
  hints: Prefill["hints"];
};

export type EvaluationResult = {
  weights: Weights;
  /** The lowest TCO among the candidates not excluded (the TCO criterion's reference). */
  minTco: number | null;
  /** Every candidate, in the order given. */
  candidates: CandidateResult[];
  /** The RANKED candidates, best first. */
  ranking: CandidateResult[];
  /** The single first of the ranking, or null (no ranked candidate, or a tie for first). */
  suggestedSolutionId: number | null;
  /** Over the ranked candidates; null when none is ranked. */
  sensitivity: Sensitivity | null;
};

function fitSource(fit: FitResult): string {
  if (fit.should === 0) return "Il fabbisogno non ha requisiti desiderabili: copertura piena.";
  if (fit.score === null)
    return `Requisiti desiderabili da verificare (coperti finora ${fit.covered} su ${fit.should}).`;
  return `Requisiti desiderabili coperti: ${fit.covered} su ${fit.should} (${String(fit.percent).replace(".", ",")}%).`;
}

function criterionScores(
  input: EvaluationInput,
  candidate: CandidateInput,
  fit: FitResult,
  tco: { total: number | null; min: number | null; excluded: boolean },
): CriterionScore[] {
  return CRITERION_CODES.map((code) => {
    const criterion = input.criteria.find((c) => c.code === code)!;
    const base = { code, label: criterion.label, weight: criterion.weight, note: candidate.scoreNotes[code] ?? null };
    if (code === "FIT") return { ...base, score: fit.score, origin: "COMPUTED", source: fitSource(fit) };
    if (code === "TCO") {
      if (tco.excluded || tco.total === null || tco.min === null) {
        const source = tco.excluded ? "Candidato escluso dai vincoli." : "Compila il TCO.";
        return { ...base, score: null, origin: null, source };
      }
      return {
        ...base,
        score: tcoScore(tco.total, tco.min),
        origin: "COMPUTED",
        source: `4 × ${formatEuro(tco.min)} (TCO più basso) / ${formatEuro(tco.total)}, arrotondato.`,
      };
    }
    const entered = candidate.scores[code];
    if (entered !== undefined) return { ...base, score: entered, origin: "ENTERED", source: null };
    const prefilled =
      code === "MAINT" || code === "ADOPT" || code === "PLAT" ? candidate.prefill?.scores[code] : undefined;
    if (prefilled) return { ...base, score: prefilled.value, origin: "PREFILLED", source: prefilled.source };
    return { ...base, score: null, origin: null, source: null };
  });
}

/** The full evaluation. `input` has been parsed with `EvaluationInputSchema`. */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const weights = weightsOf(input.criteria);

  const first = input.candidates.map((candidate) => {
    const tco = candidate.tco ? computeTco(candidate.tco) : null;
    const gates = evaluateGates(input.need, candidate, tco?.total ?? null);
    return { candidate, tco, gates, verdict: gatesVerdict(gates) };
  });

  // §7.4 TCO: "min TCO among candidates" — those still in the comparison: an excluded
  // candidate's price must not lower everyone else's score.
  const compared = first.filter((f) => f.verdict !== "FAIL" && f.tco !== null).map((f) => f.tco!.total);
  const minTco = compared.length > 0 ? Math.min(...compared) : null;

  const candidates: CandidateResult[] = first.map(({ candidate, tco, gates, verdict }) => {
    const fit = fitScore(input.need, candidate.coverage);
    const excluded = verdict === "FAIL";
    const scores = criterionScores(input, candidate, fit, { total: tco?.total ?? null, min: minTco, excluded });
    const complete = scores.every((s) => s.score !== null);

    const pendingReasons: string[] = [];
    if (!excluded) {
      for (const g of gates) if (g.outcome === "UNKNOWN") pendingReasons.push(`${g.label}: ${g.reason}`);
      const missing = scores.filter((s) => s.score === null).map((s) => s.label);
      if (missing.length > 0) pendingReasons.push(`Punteggi da completare: ${missing.join(", ")}.`);
    }
    const status: CandidateStatus = excluded ? "EXCLUDED" : pendingReasons.length > 0 ? "PENDING" : "RANKED";
    const full = complete && !excluded ? (Object.fromEntries(scores.map((s) => [s.code, s.score])) as Scores) : null;

    return {
      solutionId: candidate.solutionId,
      name: candidate.name,
      stage: candidate.stage,
      stageLabel: STAGE_LABELS[candidate.stage],
      tco,
      tcoTotal: tco?.total ?? null,
      monthsToProduction: candidate.monthsToProduction,
      gates,
      compliance: complianceAspects(candidate),
      verdict,
      fit,
      scores,
      status,
      pendingReasons,
      excludedReason: exclusionReason(gates),
      weightedScore: full ? weightedScore(full, weights) : null,
      rank: null,
      prefillMissing: candidate.prefill?.missing ?? [],
      hints: candidate.prefill?.hints ?? {},
    };
  });

  const rankedInputs = candidates
    .filter((c) => c.status === "RANKED")
    .map((c) => ({
      result: c,
      solutionId: c.solutionId,
      stage: c.stage,
      tcoTotal: c.tcoTotal!,
      scores: Object.fromEntries(c.scores.map((s) => [s.code, s.score])) as Scores,
    }));
  const ranked = rankEntries(rankedInputs.map((r) => ({ ...r, points: weightedPoints(r.scores, weights) })));
  for (const r of ranked) r.result.rank = r.rank;

  return {
    weights,
    minTco,
    candidates,
    ranking: ranked.map((r) => r.result),
    suggestedSolutionId: winnerOf(ranked),
    sensitivity: rankedInputs.length > 0 ? sensitivity(rankedInputs, weights) : null,
  };
}

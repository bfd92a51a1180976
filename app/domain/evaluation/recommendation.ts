/**
 * Which candidate may be recommended, and when an evaluation may be finalised (spec PHASE2
 * §7.2, §7.6, §12):
 *
 * - only a RANKED candidate can be recommended: one failing a gate is never ranked;
 * - an OTHER candidate (cloud/SaaS, proprietary, custom) only with an "accertamento
 *   impossibilità" note: LG fase 2.7, a written reason why no reuse or open source solution
 *   meets the needs "almeno in larga misura", kept on file; CAD art. 68 c. 1-ter allows a
 *   proprietary licence only when the comparison shows that impossibility "motivatamente";
 * - at equal merit reuse is preferred to open source, and open source to the rest: that is
 *   the ranking's tie rule (§7.5), so the suggested candidate already follows it;
 * - finalising needs a rationale and no candidate still pending.
 *
 * Errors block; warnings are shown and printed, and leave the choice to the evaluator.
 */
import { FinaliseSchema, ImpossibilityNoteSchema, STAGES, STAGE_LABELS, type Stage } from "~/domain/evaluation/schema";
import type { CandidateResult, EvaluationResult } from "~/domain/evaluation/evaluate";

export type CheckResult = {
  ok: boolean;
  /** Conform's shape: field name → messages. */
  fieldErrors: Record<string, string[]>;
  warnings: string[];
};

export type StageGroup<T> = { stage: Stage; label: string; candidates: T[] };

/** §7.6 "the candidates per stage": the three stages in the legal order, empty ones included. */
export function groupByStage<T extends { stage: Stage }>(candidates: readonly T[]): StageGroup<T>[] {
  return STAGES.map((stage) => ({
    stage,
    label: STAGE_LABELS[stage],
    candidates: candidates.filter((c) => c.stage === stage),
  }));
}

/** Whether a text is a valid impossibility note (LG fase 2.7). */
export function hasImpossibilityNote(note: string | null | undefined): boolean {
  return note != null && ImpossibilityNoteSchema.safeParse(note).success;
}

function add(errors: Record<string, string[]>, field: string, message: string) {
  (errors[field] ??= []).push(message);
}

function quoted(list: readonly CandidateResult[]): string {
  return list.map((c) => `«${c.name}»`).join(", ");
}

/** Can `recommendedSolutionId` be recommended? null (no recommendation) always can. */
export function checkRecommendation(
  result: EvaluationResult,
  options: { recommendedSolutionId: number | null; impossibilityNote: string | null | undefined },
): CheckResult {
  const fieldErrors: Record<string, string[]> = {};
  const warnings: string[] = [];
  const id = options.recommendedSolutionId;
  if (id === null) return { ok: true, fieldErrors, warnings };

  const chosen = result.candidates.find((c) => c.solutionId === id);
  if (!chosen) {
    add(fieldErrors, "recommendedSolutionId", "La soluzione scelta non è tra i candidati della valutazione.");
    return { ok: false, fieldErrors, warnings };
  }
  if (chosen.status === "EXCLUDED") {
    add(
      fieldErrors,
      "recommendedSolutionId",
      `«${chosen.name}» non supera i vincoli e non può essere raccomandata. ${chosen.excludedReason}`,
    );
  } else if (chosen.status === "PENDING") {
    add(
      fieldErrors,
      "recommendedSolutionId",
      `«${chosen.name}» ha ancora vincoli o punteggi da completare: non è in classifica.`,
    );
  }
  if (chosen.stage === "OTHER") {
    if (!hasImpossibilityNote(options.impossibilityNote)) {
      add(
        fieldErrors,
        "impossibilityNote",
        "Per raccomandare una soluzione che non è a riuso né open source serve l'accertamento dell'impossibilità: " +
          "scrivi perché nessuna soluzione a riuso o open source soddisfa le esigenze almeno in larga misura.",
      );
    } else {
      const fitting = result.ranking.filter((c) => c.stage !== "OTHER");
      if (fitting.length > 0) {
        warnings.push(
          `L'accertamento dell'impossibilità dice che nessuna soluzione a riuso o open source va bene, ma ${quoted(fitting)} ` +
            "supera tutti i vincoli: controlla che la nota lo spieghi.",
        );
      }
    }
  }
  if (chosen.status === "RANKED") {
    const firsts = result.ranking.filter((c) => c.rank === 1);
    if (chosen.rank !== 1) {
      warnings.push(
        `«${chosen.name}» è al ${chosen.rank}° posto; prima in classifica è ${quoted(firsts)}: spiega la scelta nella motivazione.`,
      );
    } else if (firsts.length > 1) {
      const others = firsts.filter((c) => c.solutionId !== chosen.solutionId);
      warnings.push(
        `«${chosen.name}» è prima a pari merito con ${quoted(others)}: spiega la scelta nella motivazione.`,
      );
    }
    const s = result.sensitivity;
    if (s && !s.stable && s.baseWinnerId === chosen.solutionId) {
      const lost = s.variants.filter((v) => !v.holds).length;
      warnings.push(
        `Classifica non stabile: in ${lost} varianti dei pesi su ${s.variants.length} «${chosen.name}» non è prima.`,
      );
    }
  }
  return { ok: Object.keys(fieldErrors).length === 0, fieldErrors, warnings };
}

/** §7.6 finalise: a rationale, every candidate decided, and a recommendation that holds. */
export function checkFinalise(
  result: EvaluationResult,
  options: { rationale: string; recommendedSolutionId: number | null; impossibilityNote: string | null | undefined },
): CheckResult {
  const fieldErrors: Record<string, string[]> = {};
  const warnings: string[] = [];
  const parsed = FinaliseSchema.safeParse({
    rationale: options.rationale,
    recommendedSolutionId: options.recommendedSolutionId,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(fieldErrors, String(issue.path[0] ?? "rationale"), issue.message);
  }
  if (result.candidates.length === 0) {
    add(fieldErrors, "candidates", "Aggiungi almeno un candidato prima di chiudere la valutazione.");
  }
  const pending = result.candidates.filter((c) => c.status === "PENDING");
  if (pending.length > 0) {
    add(
      fieldErrors,
      "candidates",
      `Completa vincoli e punteggi di ${quoted(pending)} prima di chiudere la valutazione.`,
    );
  }
  const recommendation = checkRecommendation(result, options);
  for (const [field, messages] of Object.entries(recommendation.fieldErrors)) {
    for (const m of messages) add(fieldErrors, field, m);
  }
  warnings.push(...recommendation.warnings);
  if (options.recommendedSolutionId === null) {
    warnings.push(
      result.ranking.length > 0
        ? "Nessuna soluzione raccomandata, anche se ci sono candidati in classifica."
        : "Nessun candidato supera tutti i vincoli: la valutazione si chiude senza una soluzione raccomandata.",
    );
  }
  return { ok: Object.keys(fieldErrors).length === 0, fieldErrors, warnings };
}

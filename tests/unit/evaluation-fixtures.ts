// The worked example of docs/evaluation-method.md ("Esempio"), shared by the evaluation
// tests: a booking system for the anagrafe counters of the area's comuni.
import {
  CandidateInputSchema,
  EvaluationInputSchema,
  type CandidateInput,
  type EvaluationInput,
} from "~/domain/evaluation";

export const need = {
  title: "Prenotare gli appuntamenti allo sportello anagrafe",
  requirements: [
    { text: "Accesso con SPID e CIE", level: "MUST" },
    { text: "Calendario per ufficio e per comune", level: "MUST" },
    { text: "Promemoria via e-mail", level: "SHOULD" },
    { text: "Esportazione degli appuntamenti in CSV", level: "SHOULD" },
    { text: "Un'unica installazione per più comuni", level: "SHOULD" },
    { text: "Avvisi sull'App IO", level: "SHOULD" },
  ],
  budgetCap: 30_000,
  timeCapMonths: 6,
} as const;

const allYes = {
  interoperability: { answer: "YES", basis: "DECLARED" },
  gdpr: { answer: "YES", basis: "VERIFIED" },
  security: { answer: "YES", basis: "DECLARED" },
  accessibility: { answer: "YES", basis: "VERIFIED" },
} as const;

/** A: reuse, one MUST by customisation, 3 of 4 SHOULD. TCO 23.500 €. */
export const reuse = {
  solutionId: 1,
  name: "Prenota Comune",
  stage: "REUSE_PA",
  coverage: ["COVERED", "CUSTOMISATION", "COVERED", "COVERED", "COVERED", "NOT_COVERED"],
  compliance: allYes,
  scores: { MAINT: 3, ADOPT: 3, PLAT: 3, OPEN: 4, TERR: 4 },
  tco: {
    setup: 2_000,
    customisation: 3_000,
    training: 1_000,
    hostingPerYear: 2_400,
    maintenancePerYear: 1_000,
    exit: 500,
  },
  monthsToProduction: 4,
  prefill: {
    gates: {
      license: { value: "YES", field: "licenseOsi", source: "Scheda: licenza EUPL-1.2, approvata OSI." },
      status: { value: "YES", field: "developmentStatus", source: "Scheda: stato di sviluppo «stable»." },
    },
  },
} as const;

/** B: third-party open source, every requirement. TCO 26.000 €. */
export const oss = {
  solutionId: 2,
  name: "Agenda Aperta",
  stage: "OSS",
  coverage: ["COVERED", "COVERED", "COVERED", "COVERED", "COVERED", "COVERED"],
  gates: { license: { answer: "YES" }, status: { answer: "YES", note: "Versione beta in uso da due anni." } },
  compliance: allYes,
  scores: { MAINT: 4, ADOPT: 1, PLAT: 4, OPEN: 3, TERR: 2 },
  tco: {
    setup: 4_000,
    integration: 2_000,
    training: 1_500,
    hostingPerYear: 2_500,
    maintenancePerYear: 1_000,
    exit: 1_000,
  },
  monthsToProduction: 5,
} as const;

/** C: a SaaS on the market, every requirement. TCO 21.000 €. */
export const saas = {
  solutionId: 3,
  name: "Sportello Cloud",
  stage: "OTHER",
  coverage: ["COVERED", "COVERED", "COVERED", "COVERED", "COVERED", "COVERED"],
  gates: { status: { answer: "YES", note: "Servizio in esercizio." } },
  compliance: allYes,
  scores: { MAINT: 4, ADOPT: 2, PLAT: 4, OPEN: 1, TERR: 2 },
  tco: { setup: 500, training: 500, hostingPerYear: 3_600, exit: 2_000 },
  monthsToProduction: 2,
} as const;

/** D: open source declared obsolete on its card: excluded, although the cheapest. TCO 15.000 €. */
export const obsolete = {
  solutionId: 4,
  name: "Vecchio Calendario",
  stage: "OSS",
  coverage: ["COVERED", "COVERED", "COVERED", "COVERED", "COVERED", "COVERED"],
  compliance: allYes,
  scores: { MAINT: 1, ADOPT: 4, PLAT: 4, OPEN: 4, TERR: 4 },
  tco: { setup: 5_000, hostingPerYear: 2_000 },
  monthsToProduction: 1,
  prefill: {
    gates: {
      license: { value: "YES", field: "licenseOsi", source: "Scheda: licenza GPL-3.0-or-later, approvata OSI." },
      status: {
        value: "NO",
        field: "developmentStatus",
        source: "Scheda: stato di sviluppo «obsolete», escluso dal vincolo.",
      },
    },
  },
} as const;

export function candidate(input: Record<string, unknown>): CandidateInput {
  return CandidateInputSchema.parse(input);
}

export function example(extra: Record<string, unknown> = {}): EvaluationInput {
  return EvaluationInputSchema.parse({
    need,
    requiredPlatforms: ["SPID_CIE", "IO"],
    candidates: [reuse, oss, saas, obsolete],
    ...extra,
  });
}

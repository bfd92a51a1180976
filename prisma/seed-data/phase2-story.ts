/**
 * The story of the demo's ICT phase 2 (the seed tells it, the browser tests rely on it): the
 * facilitators of the DARA team run "Rilevazione 2026" for the 18 comuni of the Oltrepò on
 * the phase-2 edition; by the seed's day each comune's assessment is in one of these states.
 */
export const PHASE2_CYCLE_TITLE = "Rilevazione 2026 — Oltrepò Pavese";
export const PHASE2_EDITION_CODE = "OLT-ICT-F2-2026";

export const ASSESSMENT_STATES = {
  "Godiasco Salice Terme": "VALIDATED",
  Zavattarello: "VALIDATED",
  "Ponte Nizza": "VALIDATED",
  Bagnaria: "VALIDATED",
  "Santa Margherita di Staffora": "VALIDATED",
  Romagnese: "VALIDATED",
  "Colli Verdi": "VALIDATED",
  Cecima: "VALIDATED",
  "Val di Nizza": "VALIDATED",
  "Brallo di Pregola": "SUBMITTED",
  "Montalto Pavese": "SUBMITTED",
  "Rocca Susella": "SUBMITTED",
  "Borgo Priolo": "REOPENED",
  Varzi: "IN_PROGRESS",
  Fortunago: "IN_PROGRESS",
  Montesegale: "IN_PROGRESS",
  "Borgoratto Mormorolo": "NOT_STARTED",
  Menconico: "NOT_STARTED",
} as const;

/** Demo accounts of the seed (README lists them); the browser tests log in as these. */
export const DEMO_PASSWORD = "Capacitas-Demo-2026";
export const DEMO_ACCOUNTS = {
  admin: "admin@capacitas.example",
  coordinator: "coordinatrice@capacitas.example",
  coordinatorOther: "coordinatore.valchiavenna@capacitas.example",
  trainer: "formatore@capacitas.example",
  trainerOther: "formatrice@capacitas.example",
  learner: "dipendente@capacitas.example",
  administrator: "sindaco@capacitas.example",
  /** ICT phase 2: a facilitator of the DARA team, trainer of the phase-2 edition */
  facilitator: "facilitatrice@capacitas.example",
  /** the referente comunale of Varzi (assessment in progress) */
  referent: "referente.varzi@capacitas.example",
  /** the referente comunale of Godiasco Salice Terme (assessment validated) */
  referentOther: "referente.godiasco@capacitas.example",
} as const;

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
} as const;

/** Shared by the e2e fixture script and the specs. */
export const E2E_LEARNERS = { js: "e2e.js@capacitas.example", nojs: "e2e.nojs@capacitas.example" } as const;
export const E2E_CHECK_IN_CODE = "E2EK7Q";
/** Editions of the trainer test: one learner each, everything done but the seminar and the lab's review. */
export const E2E_TRAINER_EDITIONS = {
  js: { code: "E2E-TR-JS", learner: "e2e.trainer.js@capacitas.example", name: "Paola Repetti" },
  nojs: { code: "E2E-TR-NOJS", learner: "e2e.trainer.nojs@capacitas.example", name: "Roberto Zanardi" },
} as const;

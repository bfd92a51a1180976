/** Shared by the e2e fixture script and the specs. */
export const E2E_LEARNERS = { js: "e2e.js@capacitas.example", nojs: "e2e.nojs@capacitas.example" } as const;
export const E2E_CHECK_IN_CODE = "E2EK7Q";

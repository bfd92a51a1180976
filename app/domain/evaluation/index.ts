/**
 * Comparative evaluation of solutions for a need (spec PHASE2 §7; CAD art. 68–69; AgID
 * "Linee guida su acquisizione e riuso di software per le pubbliche amministrazioni").
 * Pure functions, no I/O: docs/evaluation-method.md gives the method and a worked example.
 */
export * from "~/domain/evaluation/schema";
export * from "~/domain/evaluation/tco";
export * from "~/domain/evaluation/gates";
export * from "~/domain/evaluation/scoring";
export * from "~/domain/evaluation/sensitivity";
export * from "~/domain/evaluation/prefill";
export * from "~/domain/evaluation/evaluate";
export * from "~/domain/evaluation/recommendation";

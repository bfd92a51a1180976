/** Password length limits, shared by the form (browser) and the server (docs/security.md 2.1). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The service's own words: the public demo password is "Capacitas-Demo-2026", and the name
// of the service plus a year is what a guesser tries right after it.
const SERVICE_WORDS = ["capacitas", "demo"];
const LOOK_ALIKES: Record<string, string> = { a: "a@4", e: "e3", i: "i1!", o: "o0", s: "s$5", t: "t7" };
const word = (w: string) => [...w].map((c) => `[${LOOK_ALIKES[c] ?? c}]`).join("");
// Nothing but service words, with digits, symbols or spaces before, between and after them.
const SERVICE_PASSWORD = new RegExp(`^[^a-z]*(?:(?:${SERVICE_WORDS.map(word).join("|")})[^a-z]*)+$`);

/**
 * True for the demo password and its close variants: only the service's words ("capacitas",
 * "demo") and digits or symbols, in any case, look-alikes included ("capacitas2026!",
 * "CAPACITAS-DEMO", "C4p4c1t4s-D3m0-2026").
 */
export function isServicePassword(password: string): boolean {
  return SERVICE_PASSWORD.test(password.toLowerCase());
}

/** Password length limits, shared by the form (browser) and the server (docs/security.md 2.1). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * Structured logs: one JSON line per event. Security events never carry passwords,
 * cookies or tokens (docs/security.md, "Audit and logs").
 */
type Fields = Record<string, string | number | boolean | null | undefined>;

const silent = () => process.env.LOG_LEVEL === "silent";

export function logEvent(event: string, fields: Fields = {}) {
  if (silent()) return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}

export function logSecurity(event: string, fields: Fields = {}) {
  logEvent(`security.${event}`, fields);
}

export function logError(error: unknown, fields: Fields = {}) {
  if (silent()) return;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), event: "error", message, stack, ...fields })}\n`,
  );
}

/** Something a client did wrong that an operator may want to see (no stack). */
export function logWarning(event: string, fields: Fields = {}) {
  if (silent()) return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: "warn", event, ...fields })}\n`);
}

/**
 * The login throttle's policy: how many failures go through at once, and how long each
 * further one waits (docs/decisions/014-login-throttling.md, ASVS 2.2.1). Pure numbers; the
 * counting lives in app/access/login.server.ts.
 */

/** A lane of the throttle: failures counted in a window, then a growing wait before each next try. */
export type BackoffPolicy = {
  /** attempts that go through without waiting, within the window */
  free: number;
  /** seconds from the first failure after which the count starts again */
  windowSeconds: number;
  /** the longest wait between two attempts */
  maxWaitSeconds: number;
};

export const LOGIN_THROTTLE = {
  /** One account from one address: the guesser's own lane, reset by a success. */
  pair: { free: 5, windowSeconds: 24 * 60 * 60, maxWaitSeconds: 15 * 60 },
  /** One account from every address that has never logged in to it: distributed guessing. */
  account: { free: 30, windowSeconds: 60 * 60, maxWaitSeconds: 60 },
  /** One address against every account it has never logged in to: password spraying. */
  ip: { free: 100, windowSeconds: 15 * 60, maxWaitSeconds: 60 },
  /** How long a successful login makes its (email, address) pair known. */
  knownPairDays: 90,
} as const satisfies Record<"pair" | "account" | "ip", BackoffPolicy> & { knownPairDays: number };

/**
 * Seconds the next attempt must wait after the `attempt`-th one in the window (0 while the
 * attempts are free): 1, 2, 4, 8 … doubling up to the lane's cap.
 */
export function backoffSeconds(attempt: number, policy: BackoffPolicy): number {
  if (attempt < policy.free) return 0;
  return Math.min(2 ** Math.min(attempt - policy.free, 30), policy.maxWaitSeconds);
}

/** The Italian message of a throttled login, rounded up to whole seconds or minutes. */
export function throttledMessage(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  if (seconds < 60) return `Troppi tentativi: riprova tra ${seconds} ${seconds === 1 ? "secondo" : "secondi"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Troppi tentativi: riprova tra ${minutes} ${minutes === 1 ? "minuto" : "minuti"}.`;
}

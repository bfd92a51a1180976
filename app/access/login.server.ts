/**
 * Login: checks the credentials and slows guessing down without locking the owner out
 * (docs/decisions/014-login-throttling.md, ASVS 2.2.1).
 */
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { backoffSeconds, LOGIN_THROTTLE, type BackoffPolicy } from "~/domain/login-throttle";
import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/http.server";
import { logSecurity } from "~/utils/logger.server";
import { dummyHash, verifyPassword } from "~/utils/password.server";
import type { RoleName } from "./capabilities";

export type LoginResult =
  | { ok: true; userId: number; roles: RoleName[] }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * One lane of the throttle, on two rows of `RateLimit` per key: the attempts counted in the
 * lane's window, and the wait the last attempt set for the next one. Every write is an
 * atomic increment, so parallel requests cannot all slip through one free slot.
 * NOTE: rate-limiter-flexible reads the clock itself (`new Date()`, `Date.now()` in its
 * lib/RateLimiterPrisma.js), so this module does too and tests move it with `vi.setSystemTime`.
 */
class Backoff {
  private readonly attempts: RateLimiterPrisma;
  private readonly wait: RateLimiterPrisma;

  constructor(
    readonly lane: string,
    private readonly policy: BackoffPolicy,
    clearExpired = false,
  ) {
    // One limiter sweeping expired rows (every 5 minutes, the whole table) is enough.
    const store = { storeClient: prisma, tableName: "rateLimit", clearExpiredByTimeout: clearExpired };
    this.attempts = new RateLimiterPrisma({
      ...store,
      keyPrefix: `login:${lane}:attempts`,
      points: policy.free,
      duration: policy.windowSeconds,
    });
    this.wait = new RateLimiterPrisma({
      ...store,
      keyPrefix: `login:${lane}:wait`,
      points: 1,
      duration: policy.maxWaitSeconds,
    });
  }

  /** Milliseconds left before the key may try again (0: it may). Counts nothing. */
  async waiting(key: string): Promise<number> {
    const wait = await this.wait.get(key);
    return wait ? Math.max(wait.msBeforeNext, 0) : 0;
  }

  /**
   * Counts an attempt. Past the free ones, the attempt takes the wait slot and sets the
   * wait for the next one; when the slot is taken (a parallel request won it) the count is
   * given back and the milliseconds left are returned. 0: go ahead.
   */
  async reserve(key: string): Promise<number> {
    const { consumedPoints } = await this.attempts.penalty(key);
    const waitSeconds = backoffSeconds(consumedPoints, this.policy);
    if (waitSeconds === 0) return 0;
    try {
      await this.wait.consume(key, 1, { customDuration: waitSeconds });
      return 0;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await this.attempts.reward(key);
      return Math.max(error.msBeforeNext, 1);
    }
  }

  /** Gives back a counted attempt (the login succeeded, or another lane refused it). */
  async release(key: string): Promise<void> {
    await this.attempts.reward(key);
  }

  /** Forgets the key: its count and its wait. */
  async reset(key: string): Promise<void> {
    await Promise.all([this.attempts.delete(key), this.wait.delete(key)]);
  }
}

const lanes = {
  pair: new Backoff("pair", LOGIN_THROTTLE.pair, true),
  account: new Backoff("account", LOGIN_THROTTLE.account),
  ip: new Backoff("ip", LOGIN_THROTTLE.ip),
};

type Hold = { backoff: Backoff; key: string };

/** True when this (email, address) pair has logged in within the last `knownPairDays`. */
async function isKnownPair(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_THROTTLE.knownPairDays * 24 * 60 * 60 * 1000);
  const row = await prisma.loginAttempt.findFirst({
    where: { email, ip, success: true, createdAt: { gte: since } },
    select: { id: true },
  });
  return row !== null;
}

/**
 * Takes an attempt in every lane, or none: a running wait in any lane answers at once
 * (nothing counted); a lane that refuses during the reservation gives back the others.
 * NOTE: a wait slot already taken stays taken (only a race gets here). The pair goes first,
 * so such a leftover slows that pair alone, never the account or the address.
 */
async function reserveLanes(holds: Hold[]): Promise<{ lane: string; waitMs: number } | null> {
  const waits = await Promise.all(holds.map((h) => h.backoff.waiting(h.key)));
  const longest = Math.max(...waits);
  if (longest > 0) return { lane: holds[waits.indexOf(longest)].backoff.lane, waitMs: longest };
  const taken: Hold[] = [];
  for (const hold of holds) {
    const waitMs = await hold.backoff.reserve(hold.key);
    if (waitMs > 0) {
      await Promise.all(taken.map((h) => h.backoff.release(h.key)));
      return { lane: hold.backoff.lane, waitMs };
    }
    taken.push(hold);
  }
  return null;
}

/**
 * Checks the credentials. The answer and its timing are the same whether or not the
 * account exists. Failures are slowed down per (email, address) pair, per account and per
 * address, with growing waits and never a lockout; a pair that has logged in before skips
 * the account and address lanes, so the owner gets in while someone else guesses
 * (docs/decisions/014-login-throttling.md).
 */
export async function verifyLogin(request: Request, emailInput: string, password: string): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const ip = clientIp(request);
  const pair: Hold = { backoff: lanes.pair, key: `${ip} ${email}` };
  const wide: Hold[] = (await isKnownPair(email, ip))
    ? []
    : [
        { backoff: lanes.account, key: email },
        { backoff: lanes.ip, key: ip },
      ];

  const refused = await reserveLanes([pair, ...wide]);
  if (refused) {
    // Still spend the hashing time, so a throttled answer times like any other.
    await verifyPassword(await dummyHash(), password);
    const retryAfterSeconds = Math.ceil(refused.waitMs / 1000);
    logSecurity("login.throttled", { ip, lane: refused.lane, retryAfterSeconds });
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, active: true, passwordHash: true, roles: { select: { role: true } } },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  const success = Boolean(user && user.active && user.passwordHash && valid);
  const now = new Date();
  await prisma.loginAttempt.create({ data: { email, ip, success, createdAt: now } });
  if (!success || !user) {
    logSecurity("login.failed", { ip });
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([pair.backoff.reset(pair.key), ...wide.map((h) => h.backoff.release(h.key))]);
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  logSecurity("login.ok", { userId: user.id, ip });
  return { ok: true, userId: user.id, roles: [...new Set(user.roles.map((r: { role: Role }) => r.role as RoleName))] };
}

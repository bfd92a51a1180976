/**
 * Login: checks the credentials and throttles failures (docs/security.md 2.2.1).
 */
import type { Role } from "~/generated/prisma/client";
import type { RoleName } from "~/access/capabilities";
import { prisma } from "./db.server";
import { clientIp } from "./http.server";
import { logSecurity } from "./logger.server";
import { dummyHash, verifyPassword } from "./password.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type LoginResult =
  { ok: true; userId: number; roles: RoleName[] } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks the credentials. The answer and its timing are the same whether or not the
 * account exists; failures are throttled per account and per IP (docs/security.md 2.2.1).
 */
export async function verifyLogin(
  request: Request,
  emailInput: string,
  password: string,
  now = new Date(),
): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const ip = clientIp(request);
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    prisma.loginAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    prisma.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP) {
    // Still spend the hashing time, so throttling is not an oracle either.
    await verifyPassword(await dummyHash(), password);
    logSecurity("login.throttled", { ip, byAccount, byIp });
    return { ok: false, reason: "throttled" };
  }

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, active: true, passwordHash: true, roles: { select: { role: true } } },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  const success = Boolean(user && user.active && user.passwordHash && valid);
  await prisma.loginAttempt.create({ data: { email, ip, success, createdAt: now } });
  if (!success || !user) {
    logSecurity("login.failed", { ip });
    return { ok: false, reason: "invalid" };
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  logSecurity("login.ok", { userId: user.id, ip });
  return { ok: true, userId: user.id, roles: [...new Set(user.roles.map((r: { role: Role }) => r.role as RoleName))] };
}

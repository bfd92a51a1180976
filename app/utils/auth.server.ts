/**
 * Login, the current user and the guards every loader and action starts with.
 * Guards that throw are named require…; lookups that may return null get….
 */
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { memoPerRequest } from "./request-memo.server";
import { clientIp } from "./http.server";
import { logSecurity } from "./logger.server";
import { dummyHash, verifyPassword } from "./password.server";
import { can, type Capability, type RoleName } from "./permissions";
import { getLiveSession } from "./session.server";

export type CurrentUser = {
  id: number;
  email: string;
  personId: number;
  firstName: string;
  lastName: string;
  locale: string;
  roles: RoleName[];
  /** areas a coordinator role covers (empty for others) */
  coordinatorAreaIds: number[];
};

/** The logged-in user, or null (looked up once per HTTP request). */
export function getUser(request: Request): Promise<CurrentUser | null> {
  return memoPerRequest(request, "user", () => lookUpUser(request));
}

async function lookUpUser(request: Request): Promise<CurrentUser | null> {
  const session = await getLiveSession(request);
  if (!session) return null;
  const user = await prisma.user.findUnique({
    where: { id: session.userId },
    select: {
      id: true,
      email: true,
      locale: true,
      personId: true,
      person: { select: { firstName: true, lastName: true } },
      roles: { select: { role: true, areaId: true } },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    personId: user.personId,
    firstName: user.person.firstName,
    lastName: user.person.lastName,
    locale: user.locale,
    roles: [...new Set(user.roles.map((r) => r.role as RoleName))],
    coordinatorAreaIds: user.roles.filter((r) => r.role === "COORDINATOR" && r.areaId !== null).map((r) => r.areaId!),
  };
}

/** The logged-in user; otherwise redirects to the login page, coming back here after. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The logged-in user holding the capability; 403 otherwise (logged as a security event). */
export async function requireCapability(request: Request, capability: Capability): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user.roles, capability)) {
    logSecurity("forbidden", { userId: user.id, capability, path: new URL(request.url).pathname });
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/**
 * The areas a user may report on: every area for an admin, the assigned ones for a
 * coordinator. Use inside the query: `where: { areaId: areaFilter(user) }`.
 */
export function areaFilter(user: CurrentUser): { in: number[] } | undefined {
  if (user.roles.includes("ADMIN")) return undefined;
  return { in: user.coordinatorAreaIds };
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type LoginResult =
  { ok: true; userId: number; roles: RoleName[] } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks the credentials. The answer and its timing are the same whether or not the
 * account exists; failures are throttled per account and per IP (SECURITY.md 2.2.1).
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

/** Only same-site relative paths are accepted as a place to go back to after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** The logged-in learner with their position (the audience their content is chosen by). */
export async function requireLearner(request: Request) {
  const user = await requireCapability(request, "progress:read:own");
  const person = await prisma.person.findUniqueOrThrow({ where: { id: user.personId }, select: { position: true } });
  return { user, learner: { personId: user.personId, userId: user.id, position: person.position } };
}

/**
 * Database sessions behind a signed cookie that holds only the session id.
 * Idle timeout and absolute lifetime are enforced on every read (docs/security.md, 3.x).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { prisma } from "./db.server";
import { cookieIsSecure, getEnv } from "./env.server";

export const SESSION_IDLE_MS = 4 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * The signing secret: SESSION_SECRET, or a random one generated on first start and kept
 * in data/ (outside git), so that the demo works on a fresh machine without setup.
 */
function sessionSecrets(): string[] {
  const env = getEnv();
  if (env.SESSION_SECRET) return env.SESSION_SECRET.split(",").map((s) => s.trim());
  const file = path.resolve("data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return [readFileSync(file, "utf8").trim()];
}

/** The current signing secret, for other signed values of the app (tokens, daily keys). */
export function signingSecret(): string {
  return sessionSecrets()[0]!;
}

let cookie: ReturnType<typeof createCookie> | undefined;

/** The session cookie: `__Host-` prefixed and Secure when served over https. */
export function sessionCookie() {
  if (cookie) return cookie;
  const secure = cookieIsSecure(getEnv());
  cookie = createCookie(secure ? "__Host-capacitas_session" : "capacitas_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: sessionSecrets(),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  return cookie;
}

/** Creates a session row and returns the Set-Cookie header value. */
export async function createSession(userId: number, request: Request, now = new Date()) {
  const id = randomBytes(32).toString("base64url");
  await prisma.authSession.create({
    data: {
      id,
      userId,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      lastSeenAt: now,
      ip: request.headers.get("x-client-ip")?.slice(0, 64) ?? null,
      userAgent: request.headers.get("user-agent")?.slice(0, 255) ?? null,
    },
  });
  return { id, setCookie: await sessionCookie().serialize(id) };
}

/** The session id from the request's cookie, if the signature holds. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The live session of the request, or null; expired sessions are deleted. */
export async function getLiveSession(request: Request, now = new Date()) {
  const id = await readSessionId(request);
  if (!id) return null;
  const session = await prisma.authSession.findUnique({
    where: { id },
    select: { id: true, userId: true, expiresAt: true, lastSeenAt: true, user: { select: { active: true } } },
  });
  if (!session) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS;
  if (session.expiresAt <= now || idle || !session.user.active) {
    await prisma.authSession.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.authSession.update({ where: { id }, data: { lastSeenAt: now } });
  }
  return session;
}

/** Deletes the request's session and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request) {
  const id = await readSessionId(request);
  if (id) await prisma.authSession.deleteMany({ where: { id } });
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

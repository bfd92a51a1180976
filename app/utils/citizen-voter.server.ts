/**
 * "Anche per me" is counted once per browser per day (spec PHASE2 §5.2: signed cookie + IP
 * hash). The public list gives a browser without one a signed cookie naming it for the day
 * (a random id, gone at midnight in Rome: a technical cookie, no profile across days). A
 * press is counted under the day's hash of that id; a press without a valid cookie of the
 * day (cookies refused, or a client that never opened the page) under the day's hash of the
 * client address, so dropping the cookie does not count twice from one connection; and
 * every press carries the address hash, which caps the presses from one address.
 */
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { cookieIsSecure, getEnv } from "./env.server";
import { clientIp } from "./http.server";
import { signingSecret } from "./session.server";
import { dailyHash } from "./signing.server";
import { instantToZoned, zonedToInstant } from "./time";

let cookie: ReturnType<typeof createCookie> | undefined;
function voterCookie() {
  cookie ??= createCookie("capacitas_voter", {
    httpOnly: true,
    sameSite: "lax",
    secure: cookieIsSecure(getEnv()),
    path: "/segnala",
    secrets: [signingSecret()],
  });
  return cookie;
}

/** The browser's id for `day` from its cookie, or null (none, forged, or of another day). */
async function voterIdOf(request: Request, day: string): Promise<string | null> {
  const value: unknown = await voterCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "string") return null;
  const [cookieDay, id] = value.split(":");
  return cookieDay === day && id && /^[\w-]{16,64}$/.test(id) ? id : null;
}

/** The day's voter hash of this browser (or connection), and the day it is for. */
export async function voterOf(request: Request, now = new Date()) {
  const day = instantToZoned(now).date;
  const id = await voterIdOf(request, day);
  const addressHash = dailyHash(day, `ip:${clientIp(request)}`);
  return { day, voterHash: id ? dailyHash(day, `browser:${id}`) : addressHash, addressHash };
}

/**
 * For the list page: the voter as `voterOf` sees it now (what was supported today shows as
 * such), and the Set-Cookie that names the browser for the rest of the day when it has no
 * valid cookie yet (null when it has one).
 */
export async function ensureVoter(request: Request, now = new Date()) {
  const voter = await voterOf(request, now);
  const { day } = voter;
  if (await voterIdOf(request, day)) return { ...voter, setCookie: null };
  const id = randomBytes(18).toString("base64url");
  const [y, m, d] = day.split("-").map(Number);
  const tomorrow = instantToZoned(new Date(Date.UTC(y!, m! - 1, d! + 1, 12))).date;
  const maxAge = Math.max(60, Math.ceil((zonedToInstant(tomorrow, "00:00").getTime() - now.getTime()) / 1000));
  return { ...voter, setCookie: await voterCookie().serialize(`${day}:${id}`, { maxAge }) };
}

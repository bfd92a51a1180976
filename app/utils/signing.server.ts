/**
 * Small signed values that need no database row: the start time of a public form (a form
 * sent sooner than a person could fill it is a robot's) and the day's key that turns a
 * client address into a hash nobody can reverse tomorrow (docs/phase2.md, citizens).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { signingSecret } from "./session.server";

const mac = (purpose: string, value: string) =>
  createHmac("sha256", signingSecret()).update(`${purpose}:${value}`).digest("base64url");

/** `value.signature`, for `purpose` only. */
export function sign(purpose: string, value: string): string {
  return `${value}.${mac(purpose, value)}`;
}

/** The value of a token signed for `purpose`, or null when it is not one. */
export function unsign(purpose: string, token: string | undefined | null): string | null {
  if (!token) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = token.slice(0, dot);
  const expected = Buffer.from(mac(purpose, value));
  const given = Buffer.from(token.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

/** The form's start token: when the page was served. */
export function formStartToken(now: Date): string {
  return sign("form-start", String(now.getTime()));
}

/** Milliseconds between the page and its submission; null for a missing or forged token. */
export function formFillMs(token: string | undefined | null, now: Date): number | null {
  const value = unsign("form-start", token);
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return now.getTime() - Number(value);
}

/** A client address hashed with the day's key (YYYY-MM-DD): stable for a day, unlinkable after. */
export function dailyHash(day: string, clientIp: string): string {
  const key = createHmac("sha256", signingSecret()).update(`daily:${day}`).digest();
  return createHmac("sha256", key).update(clientIp).digest("base64url");
}

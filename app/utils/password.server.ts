import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

import { isServicePassword, PASSWORD_MAX, PASSWORD_MIN } from "~/domain/password-policy";
import { BREACHED_PASSWORDS } from "./breached-passwords.server";

export { PASSWORD_MAX, PASSWORD_MIN };

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// NOTE: Algorithm is an ambient const enum (unusable with isolatedModules); 2 = Argon2id.
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Lower case, letters and digits only: "Password-1234" and "password 1234" are "password1234". */
const plain = (password: string) => password.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

const common = new Set<string>([...dictionary.passwords, ...BREACHED_PASSWORDS].map(plain));

/** A listed password, however written ("Password-1234"). */
const isListed = (password: string) => common.has(plain(password));

/** A listed word with only digits around it ("Sunshine2026!", "2026roma"). */
function isListedWordWithDigits(password: string): boolean {
  const p = plain(password);
  const word = p.replace(/^\d+|\d+$/g, "");
  return word.length >= 4 && word !== p && common.has(word);
}

/** argon2id hash in PHC string format. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Constant-time verification; false on a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the account does not exist, so timing reveals nothing. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("capacitas-dummy-password-for-timing");
  return dummy;
}

/** Italian reason the password is refused, or null when acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `La password deve avere almeno ${PASSWORD_MIN} caratteri.`;
  if (password.length > PASSWORD_MAX) return `La password può avere al massimo ${PASSWORD_MAX} caratteri.`;
  const lower = password.toLowerCase();
  if (isServicePassword(password))
    return "Questa password è quella della demo o si basa sul nome del servizio: scegline un'altra.";
  if (isListed(password)) return "Questa password è troppo comune: scegline un'altra.";
  if (new Set(lower).size < 4) return "La password è troppo ripetitiva: scegline un'altra.";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return "La password non può contenere il tuo indirizzo email.";
  if (isListedWordWithDigits(password)) return "Questa password è troppo comune: scegline un'altra.";
  return null;
}

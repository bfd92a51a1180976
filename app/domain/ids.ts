/** Ids in URLs and forms: decimal digits only, a safe integer ≥ 1. Anything else is no id. */
import { z } from "zod";

const DIGITS = /^[1-9][0-9]{0,15}$/;

/** The id, or null (hex, signs, decimals, exponents, spaces, leading zeros, too large). */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !DIGITS.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

/** A form field or search param holding an id. */
export const IdField = (message = "Identificativo non valido.") =>
  z.string({ error: message }).transform((raw, ctx) => {
    const id = parseId(raw);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });

/**
 * Ids of database rows as they arrive in a URL or a form, read with one rule everywhere.
 * NOTE: `Number()` and `z.coerce.number()` accept "0x1F", "217.0", "1e2" and " 31", so
 * several spellings reached one row, and a 20-digit id reached Prisma as 1e20 (a 500).
 * Here an id is written exactly one way: the decimal digits of a safe integer ≥ 1.
 */
import { z } from "zod";

/** The Italian message of a malformed id (forms that name the field pass their own). */
export const ID_MESSAGE = "Identificativo non valido.";

const DECIMAL_ID = /^[1-9][0-9]*$/;

/** The id a text carries (decimal digits, no sign, no leading zero, no space, safe integer ≥ 1), else null. */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !DECIMAL_ID.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * A form field or search param that carries an id, parsed with `parseId`; the output is a
 * number. One message for a missing and a malformed value, as the field shows only one.
 * Under Conform an empty value is absent, so `.optional()` keeps "— all —" as no filter.
 */
export function idField(message: string = ID_MESSAGE) {
  return z.string({ error: message }).transform((raw, ctx) => {
    const id = parseId(raw);
    if (id === null) {
      ctx.issues.push({ code: "custom", message, input: raw });
      return z.NEVER;
    }
    return id;
  });
}

/** An id field with the generic message. */
export const IdField = idField();

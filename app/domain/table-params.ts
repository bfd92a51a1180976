/**
 * Search params of a server-side table (sort, direction, page, page size and filters),
 * validated with zod. Empty values count as absent, so an empty filter field in a GET
 * form means "no filter". Bad values are reported per field, in Italian.
 */
import { z } from "zod";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export function tableParamsSchema<S extends string, F extends z.ZodRawShape>(options: {
  sortKeys: readonly [S, ...S[]];
  defaultSort: NoInfer<S>;
  filters: F;
}) {
  return z.object({
    sort: z.enum(options.sortKeys, { error: "Colonna di ordinamento non valida." }).default(options.defaultSort),
    dir: z.enum(["asc", "desc"], { error: "Direzione di ordinamento non valida (asc o desc)." }).default("asc"),
    page: z.coerce
      .number({ error: "Il numero di pagina deve essere un numero." })
      .int("Il numero di pagina deve essere intero.")
      .min(1, "Il numero di pagina parte da 1.")
      .max(100_000, "Numero di pagina troppo grande.")
      .default(1),
    size: z.coerce
      .number({ error: "Le righe per pagina devono essere un numero." })
      .refine(
        (n) => (PAGE_SIZES as readonly number[]).includes(n),
        `Righe per pagina ammesse: ${PAGE_SIZES.join(", ")}.`,
      )
      .default(25),
    ...options.filters,
  });
}

export type ParamErrors = Record<string, string[]>;

/** Parses URL search params; unknown keys are ignored, repeated keys take the first value. */
export function parseTableParams<T extends z.ZodType>(
  schema: T,
  searchParams: URLSearchParams,
): { ok: true; value: z.infer<T> } | { ok: false; errors: ParamErrors } {
  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) {
    if (value.trim() !== "" && !(key in raw)) raw[key] = value.trim();
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: ParamErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "(params)";
    (errors[key] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}

/** Filters of the coordinator's dashboard, exports and report (all in the URL). */
import { z } from "zod";

const id = (label: string) =>
  z.coerce
    .number({ error: `${label} non valido.` })
    .int(`${label} non valido.`)
    .positive(`${label} non valido.`)
    .optional();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Data non valida (aaaa-mm-gg).")
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, "Data inesistente.");

export const IndicatorFiltersSchema = z
  .object({
    area: id("Area"),
    org: id("Ente"),
    module: id("Modulo"),
    phase: id("Fase"),
    position: z.enum(["ADMINISTRATOR", "EMPLOYEE"], { error: "Ruolo non valido." }).optional(),
    gender: z.enum(["F", "M", "NON_BINARY", "NOT_STATED"], { error: "Genere non valido." }).optional(),
    from: day.optional(),
    to: day.optional(),
    year: z.coerce
      .number({ error: "Anno non valido." })
      .int("Anno non valido.")
      .min(2000, "Anno non valido.")
      .max(2100, "Anno non valido.")
      .optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "La data finale deve seguire quella iniziale.",
  });

export type IndicatorFilters = z.infer<typeof IndicatorFiltersSchema>;

/** Groups with fewer answers than this are not shown (anonymity of the satisfaction survey). */
export const SATISFACTION_MIN_RESPONSES = 5;
/** National target of training hours per employee per year. */
export const HOURS_TARGET_PER_EMPLOYEE = 40;

/** Age band of a person in a reference year (ESF+ common indicators). */
export function ageBand(birthYear: number | null, year: number): "UNDER_30" | "30_54" | "55_PLUS" | "UNKNOWN" {
  if (!birthYear) return "UNKNOWN";
  const age = year - birthYear;
  return age < 30 ? "UNDER_30" : age <= 54 ? "30_54" : "55_PLUS";
}

/** The query string for the same filters (links to exports and the report). */
export function filtersToSearch(filters: IndicatorFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.toString();
}

/** Sortable columns of the person × modules view. */
export const PERSON_VIEW_SORTS = ["name", "organisation", "completed", "hours"] as const;

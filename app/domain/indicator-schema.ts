/** Filters of the coordinator's dashboard, exports and report (all in the URL). */
import { z } from "zod";
import { calendarDate, yearField } from "~/domain/dates";
import { idField } from "~/domain/ids";

// "Data non valida" rather than "Inserisci…": these are filters in the URL, reported in a list.
const day = calendarDate("Data non valida (gg/mm/aaaa).");

export const IndicatorFiltersSchema = z
  .object({
    area: idField("Area non valida.").optional(),
    org: idField("Ente non valido.").optional(),
    module: idField("Modulo non valido.").optional(),
    phase: idField("Fase non valida.").optional(),
    position: z.enum(["ADMINISTRATOR", "EMPLOYEE"], { error: "Ruolo non valido." }).optional(),
    gender: z.enum(["F", "M", "NON_BINARY", "NOT_STATED"], { error: "Genere non valido." }).optional(),
    from: day.optional(),
    to: day.optional(),
    year: yearField({ min: 2000, max: 2100, message: "Anno non valido.", rangeMessage: "Anno non valido." }).optional(),
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

/**
 * The 5-year Total Cost of Ownership of a candidate (spec PHASE2 §3.4 and §7.4 TCO; LG
 * §2.7 "Total Cost of Ownership" and Allegato A: initial, recurring and exit costs).
 *
 * One-off costs fall in year 1, hosting/SaaS and maintenance every year, the exit cost at
 * the end of year 5. Amounts are whole euros and are summed as they are: neither the spec
 * nor the LG asks for discounting, so a euro in year 5 counts as a euro in year 1.
 */
import {
  EvaluationInputError,
  TCO_ITEMS,
  TCO_ONE_OFF,
  TCO_YEARLY,
  TCO_YEARS,
  type TcoInput,
  type TcoItem,
} from "~/domain/evaluation/schema";

export type TcoYear = {
  /** 1..5 */
  year: number;
  /** Licences, hardware, setup, customisation, integration, migration, training: year 1 only. */
  oneOff: number;
  hosting: number;
  maintenance: number;
  /** Year 5 only. */
  exit: number;
  total: number;
};

export type TcoResult = {
  years: TcoYear[];
  /** Each item over the five years (a yearly item × 5). */
  byItem: Record<TcoItem, number>;
  oneOff: number;
  recurring: number;
  exit: number;
  total: number;
};

function assertAmounts(input: TcoInput): void {
  if (input.years !== TCO_YEARS)
    throw new EvaluationInputError(`the TCO covers ${TCO_YEARS} years, got ${input.years}`);
  for (const item of TCO_ITEMS) {
    const v = input[item];
    if (!Number.isSafeInteger(v) || v < 0)
      throw new EvaluationInputError(`TCO ${item} must be whole euros ≥ 0, got ${v}`);
  }
}

/** The TCO table: per year and in total. */
export function computeTco(input: TcoInput): TcoResult {
  assertAmounts(input);
  const oneOff = TCO_ONE_OFF.reduce((sum, item) => sum + input[item], 0);
  const years: TcoYear[] = [];
  for (let year = 1; year <= TCO_YEARS; year++) {
    const row = {
      year,
      oneOff: year === 1 ? oneOff : 0,
      hosting: input.hostingPerYear,
      maintenance: input.maintenancePerYear,
      exit: year === TCO_YEARS ? input.exit : 0,
    };
    years.push({ ...row, total: row.oneOff + row.hosting + row.maintenance + row.exit });
  }
  const byItem = Object.fromEntries(
    TCO_ITEMS.map((item) => [
      item,
      (TCO_YEARLY as readonly string[]).includes(item) ? input[item] * TCO_YEARS : input[item],
    ]),
  ) as Record<TcoItem, number>;
  const recurring = (input.hostingPerYear + input.maintenancePerYear) * TCO_YEARS;
  return {
    years,
    byItem,
    oneOff,
    recurring,
    exit: input.exit,
    total: years.reduce((sum, y) => sum + y.total, 0),
  };
}

/** The 5-year total, or null while the TCO form has not been filled. */
export function tcoTotal(input: TcoInput | null): number | null {
  return input === null ? null : computeTco(input).total;
}

/** Whole euros the Italian way, "12.500 €" (no locale data needed, so the same everywhere). */
export function formatEuro(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} €`;
}

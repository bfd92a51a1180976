import { data } from "@remix-run/node";
import { IndicatorFiltersSchema, type IndicatorFilters } from "~/domain/indicator-schema";
import { parseTableParams } from "~/domain/table-params";
import type { AreaScope } from "~/models/dashboard.server";
import { areaFilter, requireCapability } from "~/utils/auth.server";

/**
 * Guard of every reporting route: a coordinator (their areas) or an admin (all), with the
 * filters parsed from the URL — bad ones answer 400 with Italian messages. An area filter
 * outside the user's areas yields an empty scope, never another area's data.
 */
export async function requireReporting(
  request: Request,
): Promise<{ scope: AreaScope; filters: IndicatorFilters; search: URLSearchParams }> {
  const user = await requireCapability(request, "report:read:area");
  const search = new URL(request.url).searchParams;
  const parsed = parseTableParams(IndicatorFiltersSchema, search);
  if (!parsed.ok) throw data({ errors: parsed.errors }, { status: 400 });
  return { scope: areaFilter(user)?.in ?? null, filters: parsed.value, search };
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/access/guards.server";
import { collectMyData, myDataCsv } from "~/models/my-data.server";
import { invariantResponse } from "~/utils/http.server";

/** Downloads everything held about the logged-in person, as JSON or CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireUser(request);
  invariantResponse(params.format === "json" || params.format === "csv");
  const data = await collectMyData({ scope });
  const stamp = new Date().toISOString().slice(0, 10);
  const headers = {
    "Cache-Control": "private, no-store",
    "Content-Disposition": `attachment; filename="i-miei-dati-${stamp}.${params.format}"`,
  };
  if (params.format === "json") {
    return new Response(JSON.stringify(data, null, 2), {
      headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
    });
  }
  return new Response(myDataCsv(data), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
}

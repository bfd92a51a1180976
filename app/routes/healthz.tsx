import { databaseAnswers } from "~/utils/health.server";
import { logError } from "~/utils/logger.server";

const HEADERS = { "Content-Type": "text/plain", "Cache-Control": "no-store" };

/** Health check: answers 200 only when the database answers a query. */
export async function loader() {
  if (await databaseAnswers()) return new Response("ok", { headers: HEADERS });
  logError("the database does not answer", { route: "healthz" });
  return new Response("database unavailable", { status: 503, headers: HEADERS });
}

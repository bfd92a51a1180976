import { prisma } from "~/utils/db.server";
import { logError } from "~/utils/logger.server";

/** Health check: answers 200 only when the database answers a query. */
export async function loader() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch (error) {
    logError(error, { route: "healthz" });
    return new Response("database unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
    });
  }
}

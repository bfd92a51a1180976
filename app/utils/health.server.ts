/** The health check: the database answers a query. */
import { prisma } from "./db.server";

/** Whether the database answers (the health route's 200 or 503). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

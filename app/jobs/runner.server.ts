/**
 * Scheduled jobs (docs/decisions/016-scheduled-jobs.md): a table of jobs with their next run,
 * a runner in the server process that claims a due job with one conditional UPDATE, and a
 * row per run. Mail, reminders and retention jobs register here.
 */
import { prisma } from "~/utils/db.server";
import { logError, logEvent } from "~/utils/logger.server";
import { purgeCitizenContacts } from "./citizen-contact-purge.server";
import { nextRunAfter, type Schedule } from "./schedule.server";

export type Job = { name: string; schedule: Schedule; run: (now: Date) => Promise<Record<string, number>> };

/** The app's jobs. */
export const JOBS: readonly Job[] = [
  { name: "citizen-contact-purge", schedule: { dailyAt: "03:15" }, run: purgeCitizenContacts },
];

/**
 * Runs every job that is due at `now`, each at most once: the claim moves `nextRunAt`
 * forward only if it still holds the value read, so a second runner (or a second call at
 * the same instant) finds nothing to do. A failing job is recorded and does not stop the
 * others. Returns what ran.
 */
export async function runDueJobs({ now = new Date(), jobs = JOBS }: { now?: Date; jobs?: readonly Job[] } = {}) {
  const ran: { name: string; status: "OK" | "FAILED"; detail: string }[] = [];
  for (const job of jobs) {
    const row = await prisma.scheduledJob.upsert({
      where: { name: job.name },
      create: { name: job.name, nextRunAt: nextRunAfter(job.schedule, now) },
      update: {},
      select: { nextRunAt: true },
    });
    if (row.nextRunAt > now) continue;
    const claimed = await prisma.scheduledJob.updateMany({
      where: { name: job.name, nextRunAt: row.nextRunAt },
      data: { nextRunAt: nextRunAfter(job.schedule, now), lastStartedAt: now },
    });
    if (claimed.count !== 1) continue;
    const run = await prisma.jobRun.create({ data: { jobName: job.name, startedAt: now, status: "RUNNING" } });
    let status: "OK" | "FAILED" = "OK";
    let detail: string;
    try {
      detail = JSON.stringify(await job.run(now));
    } catch (error) {
      status = "FAILED";
      detail = error instanceof Error ? error.message.slice(0, 500) : String(error);
      logError(error, { job: job.name });
    }
    const finishedAt = new Date();
    await prisma.jobRun.update({ where: { id: run.id }, data: { status, detail, finishedAt } });
    await prisma.scheduledJob.update({
      where: { name: job.name },
      data: { lastFinishedAt: finishedAt, lastStatus: status, lastDetail: detail },
    });
    logEvent("job.run", { job: job.name, status, detail });
    ran.push({ name: job.name, status, detail });
  }
  return ran;
}

/**
 * Checks for due jobs every `intervalMs` in the background, never two passes at once, never
 * keeping the process alive. `stop()` waits for a pass in progress.
 */
export function startJobRunner({ intervalMs = 60_000 }: { intervalMs?: number } = {}) {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueJobs()
      .catch((error) => logError(error, { job: "runner" }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

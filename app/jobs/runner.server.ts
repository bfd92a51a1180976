/**
 * The scheduled-job runner: one table row per job (`ScheduledJob`), claimed by a conditional
 * UPDATE before it runs, one `JobRun` row per run. In process, on a timer; the server starts
 * it at boot (app/entry.server.tsx). See docs/decisions/016-scheduled-jobs.md.
 */
import type { Actor } from "~/access/scope.server";
import { Prisma } from "~/generated/prisma/client";
import { dbReady, prisma } from "~/utils/db.server";
import { logError, logEvent } from "~/utils/logger.server";
import { JOBS } from "./registry.server";
import { checkSchedule, nextRunAfter, type Schedule } from "./schedule";

/** What a job gets: the instant it runs for, and the system actor for its audit rows. */
export type JobContext = { now: Date; actor: Actor };

/** Counts and other short facts about a run, stored as JSON in `JobRun.detail`. */
export type JobDetail = Record<string, string | number | boolean | null>;

/** A job: a schedule with a name, and the work. */
export type Job = Schedule & { run: (context: JobContext) => Promise<JobDetail | void> };

/** How one claimed run went. */
export type JobOutcome = { name: string; status: "OK" | "FAILED"; detail: string };

/** The actor of every write a job makes: nobody, for the audit log. */
export const SYSTEM_ACTOR: Actor = { userId: null, roles: [], requestId: null };

/** Throws on duplicate names or a schedule no clock can follow: a mistake in the registry. */
export function checkJobs(jobs: readonly Job[]): void {
  const names = new Set<string>();
  for (const job of jobs) {
    checkSchedule(job);
    if (names.has(job.name)) throw new Error(`Two scheduled jobs are named ${job.name}`);
    names.add(job.name);
  }
}

/** `JobRun.detail` and `ScheduledJob.lastDetail` hold at most this many characters. */
const DETAIL_LIMIT = 500;

/**
 * The `nextRunAt` of every job's row, creating the missing rows with the job's first run
 * (never immediately: a new job waits for its schedule). A row another instance creates at
 * the same moment is left to it until the next tick.
 */
async function readSchedule(jobs: readonly Job[], now: Date): Promise<Map<string, Date>> {
  const rows = await prisma.scheduledJob.findMany({
    where: { name: { in: jobs.map((j) => j.name) } },
    select: { name: true, nextRunAt: true },
  });
  const nextRunAt = new Map(rows.map((r) => [r.name, r.nextRunAt]));
  for (const job of jobs) {
    if (nextRunAt.has(job.name)) continue;
    try {
      await prisma.scheduledJob.create({ data: { name: job.name, nextRunAt: nextRunAfter(job, now) } });
      logEvent("job.scheduled", { job: job.name });
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  return nextRunAt;
}

/** Runs one claimed job and records the run; never throws for the job's own failure. */
async function runClaimed(job: Job, now: Date): Promise<JobOutcome> {
  const started = Date.now();
  let outcome: JobOutcome;
  try {
    const result = await job.run({ now, actor: SYSTEM_ACTOR });
    outcome = { name: job.name, status: "OK", detail: JSON.stringify(result ?? {}).slice(0, DETAIL_LIMIT) };
  } catch (error) {
    logError(error, { job: job.name });
    const message = error instanceof Error ? error.message : String(error);
    outcome = { name: job.name, status: "FAILED", detail: message.slice(0, DETAIL_LIMIT) };
  }
  const ms = Date.now() - started;
  // `now` is the instant the run is for (tests pin it); the duration is the real one.
  const finishedAt = new Date(now.getTime() + ms);
  await prisma.$transaction([
    prisma.jobRun.create({
      data: { jobName: job.name, startedAt: now, finishedAt, status: outcome.status, detail: outcome.detail },
    }),
    prisma.scheduledJob.update({
      where: { name: job.name },
      data: { lastFinishedAt: finishedAt, lastStatus: outcome.status, lastDetail: outcome.detail },
    }),
  ]);
  logEvent("job.finished", { job: job.name, status: outcome.status, ms, detail: outcome.detail });
  return outcome;
}

/**
 * Runs, one after the other, the jobs whose `nextRunAt` is at or before `now`. Each is
 * claimed first by one conditional UPDATE (`nextRunAt` moves to the next run only where it
 * still holds the value read): the runner that changes the row runs the job, any other
 * skips it. A job that throws is recorded as FAILED and the others still run; nothing
 * escapes. A job overdue by several periods runs once, then waits for its next schedule.
 * Returns the runs it made.
 */
export async function runDueJobs({ now, jobs }: { now: Date; jobs: readonly Job[] }): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  let schedule: Map<string, Date>;
  try {
    checkJobs(jobs);
    await dbReady;
    schedule = await readSchedule(jobs, now);
  } catch (error) {
    logError(error, { during: "jobs.schedule" });
    return outcomes;
  }
  for (const job of jobs) {
    const due = schedule.get(job.name);
    if (!due || due.getTime() > now.getTime()) continue;
    try {
      const { count } = await prisma.scheduledJob.updateMany({
        where: { name: job.name, nextRunAt: due },
        data: { nextRunAt: nextRunAfter(job, now), lastStartedAt: now },
      });
      if (count !== 1) {
        logEvent("job.claimed_elsewhere", { job: job.name });
        continue;
      }
      outcomes.push(await runClaimed(job, now));
    } catch (error) {
      logError(error, { job: job.name, during: "jobs.claim_or_record" });
    }
  }
  return outcomes;
}

/** A started runner; `stop()` clears the timer and waits for the run in progress. */
export type JobRunner = { stop: () => Promise<void> };

/**
 * Calls `runDueJobs` every `intervalMs` on an unref'd timer (it never keeps the process
 * alive), skipping a tick while the previous one is still running. `clock` gives the
 * instant of each tick (tests pin it).
 */
export function startJobRunner({
  intervalMs = 60_000,
  jobs = JOBS,
  clock = () => new Date(),
}: { intervalMs?: number; jobs?: readonly Job[]; clock?: () => Date } = {}): JobRunner {
  checkJobs(jobs);
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = runDueJobs({ now: clock(), jobs })
      .catch((error) => logError(error, { during: "jobs.tick" }))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  logEvent("jobs.started", { intervalMs, jobs: jobs.map((j) => j.name).join(",") });
  return {
    async stop() {
      if (!stopped) logEvent("jobs.stopped");
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

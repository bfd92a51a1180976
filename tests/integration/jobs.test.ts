// The scheduled jobs (docs/decisions/016-scheduled-jobs.md): the runner's claim, its records
// and its failures, and the first jobs. Every run gets its `now`; no real timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JOBS } from "~/jobs/registry.server";
import { runDueJobs, startJobRunner, type Job } from "~/jobs/runner.server";
import { prisma } from "~/utils/db.server";
import { createArea } from "../support";

const DAY = 24 * 60 * 60 * 1000;
/** 03:15 in Rome (CEST), when the purge runs. */
const NOW = new Date("2026-05-10T01:15:00.000Z");
const purgeJob = JOBS.find((j) => j.name === "citizen-contact-purge")!;

let organisationId: number;
let receipt = 0;

beforeEach(async () => {
  await prisma.jobRun.deleteMany();
  await prisma.scheduledJob.deleteMany();
  await prisma.citizenSupport.deleteMany();
  await prisma.citizenRequest.deleteMany();
  organisationId ??= (await createArea()).comune.id;
});

afterEach(() => {
  vi.useRealTimers();
});

/** A citizen's request with the given retention fields. */
function citizenRequest(data: {
  contactEmail?: string | null;
  contactPurgeAt?: Date | null;
  ipHash?: string | null;
  createdAt: Date;
}) {
  return prisma.citizenRequest.create({
    data: {
      organisationId,
      topic: "SITO_WEB",
      text: "Vorrei pagare la mensa scolastica online.",
      receiptCode: `R${String(++receipt).padStart(9, "0")}`,
      contactConsent: Boolean(data.contactEmail),
      ...data,
    },
    select: { id: true },
  });
}

/** A job row due at `nextRunAt`, as a previous tick would have left it. */
function scheduled(name: string, nextRunAt: Date) {
  return prisma.scheduledJob.create({ data: { name, nextRunAt } });
}

/** A job that counts its runs and returns the count as its detail. */
function countingJob(name: string, every = 5): Job & { runs: Date[] } {
  const runs: Date[] = [];
  return {
    name,
    every,
    runs,
    async run({ now }) {
      runs.push(now);
      return { runs: runs.length };
    },
  };
}

const runsOf = (jobName: string) =>
  prisma.jobRun.findMany({
    where: { jobName },
    orderBy: { id: "asc" },
    select: { status: true, detail: true, startedAt: true, finishedAt: true },
  });

describe("citizen-contact-purge", () => {
  it("is scheduled at the next 03:15 in Rome when first seen, and runs then", async () => {
    const hourBefore = new Date(NOW.getTime() - 60 * 60 * 1000);
    expect(await runDueJobs({ now: hourBefore, jobs: [purgeJob] })).toEqual([]);
    expect(await prisma.scheduledJob.findUnique({ where: { name: purgeJob.name } })).toMatchObject({
      nextRunAt: NOW,
      lastStartedAt: null,
    });
    expect(await runDueJobs({ now: NOW, jobs: [purgeJob] })).toMatchObject([{ name: purgeJob.name, status: "OK" }]);
  });

  it("purges contacts whose date has come and address hashes older than 30 days, and keeps the others", async () => {
    const recent = new Date(NOW.getTime() - DAY);
    const past = await citizenRequest({
      contactEmail: "a@example.it",
      contactPurgeAt: new Date(NOW.getTime() - DAY),
      ipHash: "h1",
      createdAt: recent,
    });
    const exactlyNow = await citizenRequest({
      contactEmail: "b@example.it",
      contactPurgeAt: NOW,
      ipHash: "h2",
      createdAt: recent,
    });
    const justAfter = await citizenRequest({
      contactEmail: "c@example.it",
      contactPurgeAt: new Date(NOW.getTime() + 1),
      createdAt: recent,
    });
    const noDate = await citizenRequest({ contactEmail: "d@example.it", createdAt: recent });
    const thirtyDays = await citizenRequest({ ipHash: "h3", createdAt: new Date(NOW.getTime() - 30 * DAY) });
    const underThirty = await citizenRequest({ ipHash: "h4", createdAt: new Date(NOW.getTime() - 30 * DAY + 1) });
    const older = await citizenRequest({ ipHash: "h5", createdAt: new Date(NOW.getTime() - 90 * DAY) });
    // "Anche per me" rows: the one of 30 days ago goes, yesterday's stays; the count is the request's.
    await prisma.citizenSupport.createMany({
      data: [
        {
          requestId: older.id,
          voterHash: "b1",
          addressHash: "a1",
          day: "2026-04-10",
          createdAt: new Date(NOW.getTime() - 30 * DAY),
        },
        {
          requestId: older.id,
          voterHash: "b2",
          addressHash: "a1",
          day: "2026-05-09",
          createdAt: new Date(NOW.getTime() - DAY),
        },
      ],
    });
    const lastAudit = await prisma.auditLog.aggregate({ _max: { id: true } });
    await scheduled(purgeJob.name, NOW);

    const outcomes = await runDueJobs({ now: NOW, jobs: [purgeJob] });

    const detail = { contactsPurged: 2, ipHashesPurged: 2, supportHashesPurged: 1 };
    expect(outcomes).toEqual([{ name: purgeJob.name, status: "OK", detail: JSON.stringify(detail) }]);
    const rows = await prisma.citizenRequest.findMany({
      select: { id: true, contactEmail: true, contactConsent: true, ipHash: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(past.id)).toMatchObject({ contactEmail: null, contactConsent: false, ipHash: "h1" });
    expect(byId.get(exactlyNow.id)).toMatchObject({ contactEmail: null, contactConsent: false, ipHash: "h2" });
    expect(byId.get(justAfter.id)).toMatchObject({ contactEmail: "c@example.it", contactConsent: true });
    expect(byId.get(noDate.id)).toMatchObject({ contactEmail: "d@example.it", contactConsent: true });
    expect(byId.get(thirtyDays.id)?.ipHash).toBeNull();
    expect(byId.get(underThirty.id)?.ipHash).toBe("h4");
    expect(byId.get(older.id)?.ipHash).toBeNull();
    expect(await prisma.citizenSupport.findMany({ select: { voterHash: true } })).toEqual([{ voterHash: "b2" }]);

    const [run] = await runsOf(purgeJob.name);
    expect(run).toMatchObject({ status: "OK", detail: JSON.stringify(detail), startedAt: NOW });
    expect(run!.finishedAt!.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
    expect(await prisma.scheduledJob.findUnique({ where: { name: purgeJob.name } })).toMatchObject({
      nextRunAt: new Date("2026-05-11T01:15:00.000Z"),
      lastStartedAt: NOW,
      lastStatus: "OK",
      lastDetail: JSON.stringify(detail),
    });

    const audits = await prisma.auditLog.findMany({
      where: { id: { gt: lastAudit._max.id ?? 0 } },
      select: { actorId: true, action: true, entity: true, after: true, requestId: true },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: null, action: "citizen.retention_purge", entity: "CitizenRequest" });
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({
      ...detail,
      contactPurgeAtUpTo: NOW.toISOString(),
      createdUpTo: new Date(NOW.getTime() - 30 * DAY).toISOString(),
    });
  });

  it("changes nothing and writes no audit row when nothing is due, yet records the run", async () => {
    await citizenRequest({
      contactEmail: "e@example.it",
      contactPurgeAt: new Date(NOW.getTime() + DAY),
      createdAt: NOW,
    });
    const lastAudit = await prisma.auditLog.aggregate({ _max: { id: true } });
    await scheduled(purgeJob.name, NOW);

    expect(await runDueJobs({ now: NOW, jobs: [purgeJob] })).toEqual([
      {
        name: purgeJob.name,
        status: "OK",
        detail: JSON.stringify({ contactsPurged: 0, ipHashesPurged: 0, supportHashesPurged: 0 }),
      },
    ]);
    expect(await prisma.auditLog.count({ where: { id: { gt: lastAudit._max.id ?? 0 } } })).toBe(0);
    expect(await runsOf(purgeJob.name)).toHaveLength(1);
  });
});

describe("outbox-delivery", () => {
  it("runs every 5 minutes and sends nothing without SMTP_URL", async () => {
    const job = JOBS.find((j) => j.name === "outbox-delivery")!;
    const now = new Date("2026-05-10T10:05:00.000Z");
    await scheduled(job.name, now);
    expect(await runDueJobs({ now, jobs: [job] })).toEqual([
      { name: job.name, status: "OK", detail: JSON.stringify({ sent: 0 }) },
    ]);
    expect((await prisma.scheduledJob.findUnique({ where: { name: job.name } }))?.nextRunAt).toEqual(
      new Date("2026-05-10T10:10:00.000Z"),
    );
  });
});

describe("the runner", () => {
  it("runs a job once for one due instant, also when two runners tick at once (the claim)", async () => {
    const job = countingJob("counting");
    await scheduled(job.name, NOW);

    const [first, second] = await Promise.all([
      runDueJobs({ now: NOW, jobs: [job] }),
      runDueJobs({ now: NOW, jobs: [job] }),
    ]);
    expect([...first!, ...second!]).toHaveLength(1);
    expect(await runDueJobs({ now: NOW, jobs: [job] })).toEqual([]);
    expect(job.runs).toEqual([NOW]);
    expect(await runsOf(job.name)).toHaveLength(1);
  });

  it("records a job that throws as FAILED with its message, and still runs the next one", async () => {
    const failing: Job = {
      name: "failing",
      every: 5,
      run: async () => {
        throw new Error("SMTP refused the connection");
      },
    };
    const next = countingJob("after-the-failure");
    await scheduled(failing.name, NOW);
    await scheduled(next.name, NOW);

    expect(await runDueJobs({ now: NOW, jobs: [failing, next] })).toEqual([
      { name: "failing", status: "FAILED", detail: "SMTP refused the connection" },
      { name: "after-the-failure", status: "OK", detail: JSON.stringify({ runs: 1 }) },
    ]);
    expect(await runsOf("failing")).toMatchObject([{ status: "FAILED", detail: "SMTP refused the connection" }]);
    expect(await runsOf("after-the-failure")).toMatchObject([{ status: "OK" }]);
    // A failed run waits for its next schedule like any other.
    expect(await prisma.scheduledJob.findUnique({ where: { name: "failing" } })).toMatchObject({
      lastStatus: "FAILED",
      nextRunAt: new Date(NOW.getTime() + 5 * 60 * 1000),
    });
  });

  it("does not run a job before its time", async () => {
    const job = countingJob("not-yet");
    await scheduled(job.name, new Date(NOW.getTime() + 1));
    expect(await runDueJobs({ now: NOW, jobs: [job] })).toEqual([]);
    expect(job.runs).toEqual([]);
    expect(await runsOf(job.name)).toEqual([]);
  });

  it("moves nextRunAt to the next mark of the schedule, and runs an overdue job once", async () => {
    const job = countingJob("every-five");
    const nextRunAt = async () => (await prisma.scheduledJob.findUnique({ where: { name: job.name } }))?.nextRunAt;

    await runDueJobs({ now: new Date("2026-05-10T10:02:00.000Z"), jobs: [job] });
    expect(await nextRunAt()).toEqual(new Date("2026-05-10T10:05:00.000Z"));
    expect(job.runs).toEqual([]);

    await runDueJobs({ now: new Date("2026-05-10T10:05:00.000Z"), jobs: [job] });
    expect(await nextRunAt()).toEqual(new Date("2026-05-10T10:10:00.000Z"));

    // The server was down for an hour and a half: one run, then the next mark after now.
    await runDueJobs({ now: new Date("2026-05-10T11:37:00.000Z"), jobs: [job] });
    expect(await nextRunAt()).toEqual(new Date("2026-05-10T11:40:00.000Z"));
    expect(job.runs).toEqual([new Date("2026-05-10T10:05:00.000Z"), new Date("2026-05-10T11:37:00.000Z")]);
  });

  it("refuses two jobs with one name and lets nothing escape", async () => {
    const job = countingJob("twice");
    expect(() => startJobRunner({ jobs: [job, job] })).toThrow(/twice/);
    expect(await runDueJobs({ now: NOW, jobs: [job, job] })).toEqual([]);
  });
});

describe("startJobRunner", () => {
  it("ticks on its interval without overlapping itself, and stop() waits for the run in progress", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let release: () => void = () => {};
    let started = 0;
    const slow: Job = {
      name: "slow",
      every: 1,
      run: () => {
        started++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    await scheduled(slow.name, NOW);
    // Each tick is one minute later, so the job is due on every tick.
    let minutes = 0;
    const clock = () => new Date(NOW.getTime() + minutes++ * 60_000);
    const runner = startJobRunner({ intervalMs: 1000, jobs: [slow], clock });

    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(started).toBe(1));
    // Ticks while the job runs are skipped.
    await vi.advanceTimersByTimeAsync(3000);
    expect(started).toBe(1);
    release();
    await vi.waitFor(async () => expect(await runsOf("slow")).toHaveLength(1));

    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(started).toBe(2));
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await runsOf("slow")).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(2);
  });
});

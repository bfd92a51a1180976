// Scheduled jobs: claimed once, recorded per run, a failure does not stop the others; the
// first job purges citizens' contacts and address hashes on schedule.
import { describe, expect, it, vi } from "vitest";
import { purgeCitizenContacts } from "~/jobs/citizen-contact-purge.server";
import { runDueJobs, startJobRunner, type Job } from "~/jobs/runner.server";
import { nextRunAfter } from "~/jobs/schedule.server";
import { prisma } from "~/utils/db.server";
import { createArea } from "../support";

describe("schedules", () => {
  it.each([
    ["before today's run", "2026-11-02T01:00:00Z", "2026-11-02T02:15:00.000Z"],
    ["after today's run", "2026-11-02T03:00:00Z", "2026-11-03T02:15:00.000Z"],
    ["exactly at the run", "2026-11-02T02:15:00Z", "2026-11-03T02:15:00.000Z"],
    ["summer time", "2026-07-01T12:00:00Z", "2026-07-02T01:15:00.000Z"],
    ["the night summer time starts", "2026-03-28T12:00:00Z", "2026-03-29T01:15:00.000Z"],
    ["the night summer time ends", "2026-10-24T12:00:00Z", "2026-10-25T02:15:00.000Z"],
  ])("daily at 03:15 Rome, %s", (_w, from, next) => {
    expect(nextRunAfter({ dailyAt: "03:15" }, new Date(from)).toISOString()).toBe(next);
  });

  it("every N minutes", () => {
    expect(nextRunAfter({ everyMinutes: 5 }, new Date("2026-11-02T10:00:00Z")).toISOString()).toBe(
      "2026-11-02T10:05:00.000Z",
    );
  });
});

describe("the runner", () => {
  const job = (name: string, run: Job["run"]): Job => ({ name, schedule: { everyMinutes: 60 }, run });

  it("runs a due job once per schedule, records it, and moves the next run", async () => {
    const run = vi.fn(async () => ({ done: 1 }));
    const jobs = [job("prova-ok", run)];
    const t0 = new Date("2026-11-02T10:00:00Z");
    expect(await runDueJobs({ now: t0, jobs })).toEqual([]); // first sight: scheduled for 11:00
    const t1 = new Date("2026-11-02T11:00:00Z");
    const [a, b] = await Promise.all([runDueJobs({ now: t1, jobs }), runDueJobs({ now: t1, jobs })]);
    expect([...a, ...b]).toEqual([{ name: "prova-ok", status: "OK", detail: '{"done":1}' }]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(await runDueJobs({ now: new Date("2026-11-02T11:30:00Z"), jobs })).toEqual([]);
    const row = await prisma.scheduledJob.findUniqueOrThrow({ where: { name: "prova-ok" } });
    expect(row).toMatchObject({ lastStatus: "OK", nextRunAt: new Date("2026-11-02T12:00:00Z") });
    expect(
      await prisma.jobRun.findMany({ where: { jobName: "prova-ok" }, select: { status: true, detail: true } }),
    ).toEqual([{ status: "OK", detail: '{"done":1}' }]);
  });

  it("records a failing job as FAILED with its message, and the next job still runs", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const jobs = [
      job("prova-ko", async () => {
        throw new Error("disco pieno");
      }),
      job("prova-dopo", async () => ({ n: 2 })),
    ];
    const t0 = new Date("2026-11-03T10:00:00Z");
    await runDueJobs({ now: t0, jobs });
    const ran = await runDueJobs({ now: new Date("2026-11-03T11:00:00Z"), jobs });
    expect(ran).toEqual([
      { name: "prova-ko", status: "FAILED", detail: "disco pieno" },
      { name: "prova-dopo", status: "OK", detail: '{"n":2}' },
    ]);
  });

  it("the background runner stops without leaving a pass behind", async () => {
    vi.useFakeTimers();
    try {
      const runner = startJobRunner({ intervalMs: 1000 });
      await runner.stop();
      vi.advanceTimersByTime(5000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the citizens' contact purge", () => {
  it("removes e-mails whose purge date has passed (exactly now included) and address hashes older than 30 days", async () => {
    const { comune } = await createArea();
    const now = new Date("2026-11-02T03:15:00Z");
    let n = 0;
    const make = (o: { contactPurgeAt?: Date | null; createdAt: Date }) =>
      prisma.citizenRequest.create({
        data: {
          organisationId: comune.id,
          topic: "ALTRO",
          text: "Vorrei ricevere gli avvisi del comune sull'app IO.",
          receiptCode: `P${String(++n).padStart(9, "0")}`,
          contactEmail: "cittadino@example.org",
          contactConsent: true,
          contactPurgeAt: o.contactPurgeAt ?? null,
          ipHash: "hash-del-giorno",
          createdAt: o.createdAt,
        },
      });
    const due = await make({ contactPurgeAt: now, createdAt: new Date("2026-10-20T09:00:00Z") });
    const later = await make({
      contactPurgeAt: new Date("2027-12-31T00:00:00Z"),
      createdAt: new Date("2026-09-01T09:00:00Z"),
    });
    expect(await purgeCitizenContacts(now)).toEqual({ contacts: 1, addressHashes: 1 });
    const rows = await prisma.citizenRequest.findMany({
      where: { id: { in: [due.id, later.id] } },
      select: { id: true, contactEmail: true, contactConsent: true, ipHash: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { id: due.id, contactEmail: null, contactConsent: false, ipHash: "hash-del-giorno" },
      { id: later.id, contactEmail: "cittadino@example.org", contactConsent: true, ipHash: null },
    ]);
    expect(await prisma.auditLog.count({ where: { action: "citizen_request.purge" } })).toBe(1);
    expect(await purgeCitizenContacts(now)).toEqual({ contacts: 0, addressHashes: 0 });
  });

  it("runs on its schedule through the runner", async () => {
    const first = await runDueJobs({ now: new Date("2026-11-04T12:00:00Z") });
    expect(first.map((r) => r.name)).not.toContain("citizen-contact-purge");
    const ran = await runDueJobs({ now: new Date("2026-11-05T02:15:00Z") });
    expect(ran).toEqual([expect.objectContaining({ name: "citizen-contact-purge", status: "OK" })]);
  });
});

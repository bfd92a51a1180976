/**
 * The app's scheduled jobs, run by runner.server.ts. A new job is an entry here with a
 * unique name (its `ScheduledJob` row), a schedule (schedule.ts) and a `run` that returns
 * counts for `JobRun.detail`.
 */
import { ipHashCutoff } from "~/domain/citizen-retention";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { deliverOutbox } from "~/utils/mail.server";
import type { Job, JobContext } from "./runner.server";

/**
 * PHASE2 §5.2, "Retention": removes the contact e-mail (and the consent that went with it)
 * of requests whose `contactPurgeAt` has come, the address hash of requests older than 30
 * days, and the "Anche per me" rows older than 30 days (their browser and address hashes;
 * the count stays on the request); one transaction with one audit row, when anything changed.
 */
export async function purgeCitizenContacts({ now, actor }: JobContext) {
  const cutoff = ipHashCutoff(now);
  return prisma.$transaction(async (tx) => {
    const contacts = await tx.citizenRequest.updateMany({
      where: { contactPurgeAt: { lte: now }, OR: [{ contactEmail: { not: null } }, { contactConsent: true }] },
      data: { contactEmail: null, contactConsent: false },
    });
    const ipHashes = await tx.citizenRequest.updateMany({
      where: { createdAt: { lte: cutoff }, ipHash: { not: null } },
      data: { ipHash: null },
    });
    const supports = await tx.citizenSupport.deleteMany({ where: { createdAt: { lte: cutoff } } });
    const detail = {
      contactsPurged: contacts.count,
      ipHashesPurged: ipHashes.count,
      supportHashesPurged: supports.count,
    };
    if (contacts.count > 0 || ipHashes.count > 0 || supports.count > 0) {
      await audit(tx, actor, {
        action: "citizen.retention_purge",
        entity: "CitizenRequest",
        entityId: "*",
        after: { ...detail, contactPurgeAtUpTo: now.toISOString(), createdUpTo: cutoff.toISOString() },
      });
    }
    return detail;
  });
}

/** Sends what the outbox holds (a no-op without SMTP_URL): what a request's `sendOutboxSoon` missed. */
export async function deliverPendingMail() {
  return deliverOutbox(prisma);
}

/** Every job the runner knows, in the order it runs them when several are due. */
export const JOBS: readonly Job[] = [
  { name: "citizen-contact-purge", dailyAt: "03:15", run: purgeCitizenContacts },
  { name: "outbox-delivery", every: 5, run: deliverPendingMail },
];

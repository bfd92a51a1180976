/**
 * Retention of citizens' requests (docs/phase2.md, spec PHASE2 §5.2): the contact e-mail
 * goes when its purge date passes (12 months after the cycle closes, or once the request is
 * closed), the day-keyed address hash after 30 days. One transaction, one audit row.
 */
import { IP_HASH_DAYS } from "~/domain/citizen-request";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";

const SYSTEM = { userId: null, requestId: null };

export async function purgeCitizenContacts(now: Date) {
  return prisma.$transaction(async (tx) => {
    const contacts = await tx.citizenRequest.updateMany({
      where: { contactPurgeAt: { lte: now }, contactEmail: { not: null } },
      data: { contactEmail: null, contactConsent: false },
    });
    const hashes = await tx.citizenRequest.updateMany({
      where: {
        createdAt: { lte: new Date(now.getTime() - IP_HASH_DAYS * 24 * 60 * 60 * 1000) },
        ipHash: { not: null },
      },
      data: { ipHash: null },
    });
    const counts = { contacts: contacts.count, addressHashes: hashes.count };
    if (counts.contacts + counts.addressHashes > 0) {
      await audit(tx, SYSTEM, {
        action: "citizen_request.purge",
        entity: "CitizenRequest",
        entityId: "*",
        after: counts,
      });
    }
    return counts;
  });
}

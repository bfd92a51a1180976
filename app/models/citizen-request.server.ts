/**
 * Citizens' requests (docs/phase2.md): pre-moderated. What a citizen wrote is read only by
 * the moderators in scope (facilitators of the area, the comune's referent); the public sees
 * a request only once approved, and then only the summary a moderator wrote.
 */
import { citizenRequestWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import {
  personalDataWarnings,
  publicStatus,
  REJECT_REASONS,
  SUMMARY_MAX,
  type PersonalDataKind,
} from "~/domain/citizen-request";
import { audit } from "~/utils/audit.server";
import { prisma, transactionWithRetry } from "~/utils/db.server";

export type Moderation =
  | { action: "approve"; summary: string; confirmPersonalData?: boolean }
  | { action: "reject"; rejectReason: keyof typeof REJECT_REASONS }
  | { action: "spam" };

export type ModerationResult =
  | { ok: true }
  | { ok: false; reason: "summary-required"; message: string }
  | { ok: false; reason: "personal-data"; message: string; warnings: PersonalDataKind[] }
  | { ok: false; reason: "already-moderated"; message: string };

/**
 * Approves (with the summary to publish), rejects with a reason, or marks as spam a request
 * still waiting. An approval whose summary looks like it holds personal data is refused
 * until the moderator confirms it does not. Null when the request is out of scope (404).
 */
export async function moderateRequest({
  scope,
  actor,
  id,
  moderation,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  moderation: Moderation;
}): Promise<ModerationResult | null> {
  const summary = moderation.action === "approve" ? moderation.summary.trim() : null;
  if (moderation.action === "approve") {
    if (!summary) {
      return {
        ok: false,
        reason: "summary-required",
        message: "Scrivi il riassunto da pubblicare: il testo del cittadino non è mai pubblico.",
      };
    }
    if (summary.length > SUMMARY_MAX) {
      return { ok: false, reason: "summary-required", message: `Il riassunto ha al massimo ${SUMMARY_MAX} caratteri.` };
    }
    const warnings = personalDataWarnings(summary);
    if (warnings.length > 0 && !moderation.confirmPersonalData) {
      return {
        ok: false,
        reason: "personal-data",
        warnings,
        message: "Il riassunto sembra contenere dati personali: toglili, oppure conferma che non lo sono.",
      };
    }
  }
  return prisma.$transaction(async (tx) => {
    const request = await tx.citizenRequest.findFirst({
      where: { AND: [{ id }, citizenRequestWhere(scope)] },
      select: { id: true, status: true },
    });
    if (!request) return null;
    const now = actor.now ?? new Date();
    const data =
      moderation.action === "approve"
        ? { status: "APPROVED" as const, publicSummary: summary, rejectReason: null }
        : moderation.action === "reject"
          ? { status: "REJECTED" as const, rejectReason: moderation.rejectReason, publicSummary: null }
          : { status: "SPAM" as const, rejectReason: null, publicSummary: null };
    // Only a waiting request is moderated: two moderators at once cannot both decide.
    const { count } = await tx.citizenRequest.updateMany({
      where: { id, status: "RECEIVED" },
      data: { ...data, moderatedById: actor.userId, moderatedAt: now },
    });
    if (count === 0) {
      return {
        ok: false as const,
        reason: "already-moderated" as const,
        message: "Questa richiesta è già stata moderata: ricarica la pagina.",
      };
    }
    await audit(tx, actor, {
      action: `citizen_request.${moderation.action}`,
      entity: "CitizenRequest",
      entityId: id,
      before: { status: request.status },
      after: data,
    });
    return { ok: true as const };
  });
}

/** What the public list of a comune shows: approved summaries only, never the citizen's text. */
export function listPublishedRequests({ organisationId }: { organisationId: number }) {
  return prisma.citizenRequest.findMany({
    where: { organisationId, status: "APPROVED", publicSummary: { not: null } },
    select: {
      id: true,
      topic: true,
      createdAt: true,
      publicSummary: true,
      supportCount: true,
      need: { select: { title: true, status: true } },
    },
    orderBy: [{ supportCount: "desc" }, { createdAt: "desc" }],
  });
}

/** The status page of a receipt code: the state in words, and the summary once published. */
export async function requestStatusByCode(code: string) {
  const r = await prisma.citizenRequest.findUnique({
    where: { receiptCode: code },
    select: {
      status: true,
      rejectReason: true,
      publicSummary: true,
      createdAt: true,
      organisation: { select: { name: true } },
      need: { select: { title: true } },
    },
  });
  if (!r) return null;
  return {
    comune: r.organisation.name,
    receivedAt: r.createdAt,
    status: publicStatus({ status: r.status, rejectReason: r.rejectReason, needTitle: r.need?.title }),
    summary: r.status === "APPROVED" ? r.publicSummary : null,
  };
}

/**
 * "Anche per me": one per browser per day. The support row and the count move together;
 * a second press the same day changes nothing. Only a published request can be supported.
 */
export async function supportRequest({ id, voterHash, day }: { id: number; voterHash: string; day: string }) {
  // Two presses at once: the second run sees the first one's row and counts nothing.
  return transactionWithRetry(async (tx) => {
    const published = await tx.citizenRequest.findFirst({ where: { id, status: "APPROVED" }, select: { id: true } });
    if (!published) return null;
    const existing = await tx.citizenSupport.findUnique({
      where: { requestId_voterHash_day: { requestId: id, voterHash, day } },
      select: { id: true },
    });
    if (existing) return { counted: false };
    await tx.citizenSupport.create({ data: { requestId: id, voterHash, day } });
    await tx.citizenRequest.update({ where: { id }, data: { supportCount: { increment: 1 } } });
    return { counted: true };
  });
}

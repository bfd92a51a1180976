/**
 * Citizens' requests (docs/phase2.md): pre-moderated. What a citizen wrote is read only by
 * the moderators in scope (facilitators of the area, the comune's referent); the public sees
 * a request only once approved, and then only the summary a moderator wrote.
 */
import { randomBytes } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { citizenRequestWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import {
  hasLinks,
  LIMIT_PER_DAY,
  LIMIT_PER_HOUR,
  MIN_FILL_MS,
  receiptCode,
  type CitizenRequestInput,
  personalDataWarnings,
  publicStatus,
  REJECT_REASONS,
  SUMMARY_MAX,
  type PersonalDataKind,
} from "~/domain/citizen-request";
import { closesRequest, contactPurgeAt } from "~/domain/citizen-retention";
import { audit } from "~/utils/audit.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma, transactionWithRetry } from "~/utils/db.server";
import { logSecurity } from "~/utils/logger.server";
import { dailyHash, formFillMs } from "~/utils/signing.server";
import { instantToZoned } from "~/utils/time";

/** Per client-address hash: 5 requests an hour, 20 a day (spec PHASE2 §5.2). */
const limits = [
  { points: LIMIT_PER_HOUR, duration: 60 * 60, keyPrefix: "citizen:hour" },
  { points: LIMIT_PER_DAY, duration: 24 * 60 * 60, keyPrefix: "citizen:day" },
].map((o) => new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimit", ...o }));

export type SubmitResult =
  | { ok: true; receiptCode: string }
  | { ok: false; reason: "too-fast"; message: string }
  | { ok: false; reason: "rate-limited"; message: string; retryAfterSeconds: number };

/**
 * A citizen's request from the public form (already parsed). The honeypot answers like a
 * success and writes nothing; a form sent faster than a person fills it is refused with a
 * message; more than 5 an hour or 20 a day from one address hash are refused (429). The
 * address is stored only as the day's hash. Null when the comune is not one of the programme.
 */
export async function submitCitizenRequest({
  organisationId,
  input,
  clientIp,
  now = new Date(),
}: {
  organisationId: number;
  input: CitizenRequestInput;
  clientIp: string;
  now?: Date;
}): Promise<SubmitResult | null> {
  const comune = await prisma.organisation.findFirst({
    where: { id: organisationId, kind: "COMUNE", active: true },
    select: { id: true, areaId: true },
  });
  if (!comune) return null;
  const day = instantToZoned(now).date;
  const ipHash = dailyHash(day, clientIp);
  if (input.website) {
    logSecurity("citizen_request.honeypot", { organisationId });
    return { ok: true, receiptCode: receiptCode(randomBytes(10)) };
  }
  const fill = formFillMs(input.startedAt, now);
  if (fill === null || fill < MIN_FILL_MS) {
    return {
      ok: false,
      reason: "too-fast",
      message: "Il modulo è stato inviato troppo in fretta: rileggi la richiesta e inviala di nuovo.",
    };
  }
  for (const limiter of limits) {
    try {
      await limiter.consume(ipHash);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.ceil(error.msBeforeNext / 1000);
      logSecurity("citizen_request.rate_limited", { organisationId, retryAfterSeconds });
      return {
        ok: false,
        reason: "rate-limited",
        retryAfterSeconds,
        message: "Da questa connessione sono arrivate molte richieste: riprova più tardi.",
      };
    }
  }
  const cycle = await prisma.assessmentCycle.findFirst({
    where: { areaId: comune.areaId, status: { in: ["DRAFT", "OPEN"] } },
    orderBy: { closesAt: "desc" },
    select: { closesAt: true },
  });
  for (let attempt = 0; ; attempt++) {
    const code = receiptCode(randomBytes(10));
    try {
      await prisma.citizenRequest.create({
        data: {
          organisationId,
          topic: input.topic,
          text: input.text,
          currentContact: input.currentContact ?? null,
          ageBand: input.ageBand ?? null,
          contactEmail: input.contactEmail ?? null,
          contactConsent: Boolean(input.contactEmail && input.contactConsent),
          contactPurgeAt: input.contactEmail
            ? contactPurgeAt({ createdAt: now, cycleClosesAt: cycle?.closesAt ?? null, closedAt: null })
            : null,
          receiptCode: code,
          held: hasLinks(input.text),
          ipHash,
          createdAt: now,
        },
      });
      return { ok: true, receiptCode: code };
    } catch (error) {
      // 32¹⁰ codes: a collision is rare; try another one.
      const collision = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collision || attempt >= 2) throw error;
    }
  }
}

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
    // A request closed without publication keeps no contact: the purge job takes it next.
    const purge = closesRequest(data.status) ? { contactPurgeAt: now } : {};
    // Only a waiting request is moderated: two moderators at once cannot both decide.
    const { count } = await tx.citizenRequest.updateMany({
      where: { id, status: "RECEIVED" },
      data: { ...data, ...purge, moderatedById: actor.userId, moderatedAt: now },
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

/**
 * The status page of a receipt code: the state in words (and as a value, for the page to
 * mark and translate it), and the summary once published.
 */
export async function requestStatusByCode(code: string) {
  const r = await prisma.citizenRequest.findUnique({
    where: { receiptCode: code },
    select: {
      status: true,
      rejectReason: true,
      publicSummary: true,
      createdAt: true,
      organisation: { select: { name: true, istatCode: true } },
      need: { select: { title: true } },
    },
  });
  if (!r) return null;
  return {
    comune: r.organisation.name,
    istatCode: r.organisation.istatCode,
    receivedAt: r.createdAt,
    state: r.status,
    rejectReason: r.status === "REJECTED" ? r.rejectReason : null,
    needTitle: r.need?.title ?? null,
    status: publicStatus({ status: r.status, rejectReason: r.rejectReason, needTitle: r.need?.title }),
    summary: r.status === "APPROVED" ? r.publicSummary : null,
  };
}

/** Presses of one request from one address in a day, whatever the cookies (a family, a library share an address). */
export const MAX_SUPPORTS_PER_ADDRESS = 5;

/**
 * "Anche per me": one per browser per day, and at most MAX_SUPPORTS_PER_ADDRESS from one
 * address (a client that drops its cookie before every press is not counted again and again).
 * The support row and the count move together; a refused press changes nothing. Only a
 * published request can be supported.
 */
export async function supportRequest({
  id,
  voterHash,
  day,
  addressHash = null,
}: {
  id: number;
  voterHash: string;
  day: string;
  addressHash?: string | null;
}) {
  // Two presses at once: the second run sees the first one's row and counts nothing.
  return transactionWithRetry(async (tx) => {
    const published = await tx.citizenRequest.findFirst({ where: { id, status: "APPROVED" }, select: { id: true } });
    if (!published) return null;
    const existing = await tx.citizenSupport.findUnique({
      where: { requestId_voterHash_day: { requestId: id, voterHash, day } },
      select: { id: true },
    });
    if (existing) return { counted: false, capped: false };
    if (addressHash) {
      const fromAddress = await tx.citizenSupport.count({ where: { requestId: id, addressHash, day } });
      if (fromAddress >= MAX_SUPPORTS_PER_ADDRESS) return { counted: false, capped: true };
    }
    await tx.citizenSupport.create({ data: { requestId: id, voterHash, addressHash, day } });
    await tx.citizenRequest.update({ where: { id }, data: { supportCount: { increment: 1 } } });
    return { counted: true, capped: false };
  });
}

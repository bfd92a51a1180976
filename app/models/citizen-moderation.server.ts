/**
 * The moderation queue of citizens' requests (spec PHASE2 §5.2, "Moderation"): what the
 * moderators in scope (facilitators of the area, the comune's referent) read — the
 * citizen's own text included, which no other page shows — and the merge of a duplicate.
 * Approve, reject and spam are `moderateRequest`; links to needs are in need.server.ts.
 */
import { citizenRequestWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import type { Topic } from "~/domain/citizen-request";
import { QUEUE_PAGE_SIZE, type RequestStatus } from "~/domain/moderation-schema";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";

export type QueueQuery = {
  organisationId?: number;
  /** null: every status */
  status: RequestStatus | null;
  topic?: Topic;
  page: number;
};

/**
 * One page of the queue in scope with the filters: waiting requests oldest first (the
 * 10-working-day target runs from arrival), other states newest first; the number of
 * matching requests, and how many are waiting in the moderator's scope (with the comune
 * filter, not the others: the count is the queue's).
 */
export async function listModerationQueue({ scope, query }: { scope: Phase2Scope; query: QueueQuery }) {
  const where: Prisma.CitizenRequestWhereInput = {
    AND: [
      citizenRequestWhere(scope),
      query.organisationId ? { organisationId: query.organisationId } : {},
      query.status ? { status: query.status } : {},
      query.topic ? { topic: query.topic } : {},
    ],
  };
  const [rows, total, pending] = await Promise.all([
    prisma.citizenRequest.findMany({
      where,
      select: {
        id: true,
        createdAt: true,
        topic: true,
        channel: true,
        text: true,
        currentContact: true,
        status: true,
        held: true,
        rejectReason: true,
        publicSummary: true,
        moderatedAt: true,
        supportCount: true,
        mergedIntoId: true,
        need: { select: { id: true, title: true } },
        organisation: { select: { id: true, name: true, areaId: true } },
      },
      orderBy:
        query.status === "RECEIVED" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
    }),
    prisma.citizenRequest.count({ where }),
    prisma.citizenRequest.count({
      where: {
        AND: [
          citizenRequestWhere(scope),
          { status: "RECEIVED" },
          query.organisationId ? { organisationId: query.organisationId } : {},
        ],
      },
    }),
  ]);
  return { rows, total, pending, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/**
 * The comuni whose requests the moderator reads (the queue's comune filter): those of the
 * areas the facilitator runs cycles in, and the referent's own (as `citizenRequestWhere`).
 */
export function moderatedComuni({ scope }: { scope: Phase2Scope }) {
  const or: Prisma.OrganisationWhereInput[] = [];
  if (scope.facilitatorUserId !== null) {
    or.push({
      area: { assessmentCycles: { some: { edition: { trainers: { some: { userId: scope.facilitatorUserId } } } } } },
    });
  }
  if (scope.organisationId !== null) or.push({ id: scope.organisationId });
  if (or.length === 0) return Promise.resolve([]);
  return prisma.organisation.findMany({
    where: { kind: "COMUNE", OR: or },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/**
 * The requests a request of these comuni may be merged into: of the same comune, waiting
 * or published, in scope.
 */
export function mergeTargets({ scope, organisationIds }: { scope: Phase2Scope; organisationIds: number[] }) {
  return prisma.citizenRequest.findMany({
    where: {
      AND: [
        citizenRequestWhere(scope),
        { organisationId: { in: organisationIds }, status: { in: ["RECEIVED", "APPROVED"] } },
      ],
    },
    select: { id: true, organisationId: true, topic: true, createdAt: true, publicSummary: true },
    orderBy: { id: "asc" },
  });
}

export type MergeRequestResult = { ok: true } | { ok: false; message: string };

/**
 * Merges a waiting request into an equal one of the same comune (waiting or published): it
 * becomes MERGED pointing at it, its contact is purged at the next run (a merged request is
 * closed), and its citizen's status page says so. Null when either is out of scope.
 */
export async function mergeRequest({
  scope,
  actor,
  id,
  targetId,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  targetId: number;
}): Promise<MergeRequestResult | null> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.citizenRequest.findMany({
      where: { AND: [{ id: { in: [id, targetId] } }, citizenRequestWhere(scope)] },
      select: { id: true, status: true, organisationId: true },
    });
    const request = found.find((r) => r.id === id);
    const target = found.find((r) => r.id === targetId);
    if (!request || !target) return null;
    if (id === targetId) return { ok: false, message: "Una richiesta non si unisce a sé stessa." };
    if (target.organisationId !== request.organisationId) {
      return { ok: false, message: "Si uniscono solo richieste dello stesso comune." };
    }
    if (target.status !== "RECEIVED" && target.status !== "APPROVED") {
      return { ok: false, message: "Scegli una richiesta in attesa o pubblicata." };
    }
    const now = actor.now ?? new Date();
    // Only a waiting request is merged: two moderators at once cannot both decide.
    const { count } = await tx.citizenRequest.updateMany({
      where: { id, status: "RECEIVED" },
      data: {
        status: "MERGED",
        mergedIntoId: targetId,
        publicSummary: null,
        rejectReason: null,
        contactPurgeAt: now,
        moderatedById: actor.userId,
        moderatedAt: now,
      },
    });
    if (count === 0) return { ok: false, message: "Questa richiesta è già stata moderata: ricarica la pagina." };
    await audit(tx, actor, {
      action: "citizen_request.merge",
      entity: "CitizenRequest",
      entityId: id,
      before: { status: request.status },
      after: { status: "MERGED", mergedIntoId: targetId },
    });
    return { ok: true };
  });
}

/**
 * A request a need may be created from (in scope, waiting or published, not yet linked):
 * what the new-need form shows of it — never the citizen's text, which stays in the queue.
 */
export function linkableRequest({ scope, id }: { scope: Phase2Scope; id: number }) {
  return prisma.citizenRequest.findFirst({
    where: { AND: [{ id }, citizenRequestWhere(scope), { status: { in: ["RECEIVED", "APPROVED"] }, needId: null }] },
    select: {
      id: true,
      topic: true,
      createdAt: true,
      publicSummary: true,
      supportCount: true,
      organisation: { select: { id: true, name: true } },
    },
  });
}

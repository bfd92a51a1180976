/**
 * The needs register (docs/phase2.md, spec PHASE2 §5.1). A need's sharing and priority are
 * derived from its affected comuni and the cycle's weights, and rewritten with every change
 * of them; a merge keeps every source and every comune; nothing is deleted.
 */
import { citizenRequestWhere, needWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import {
  DEFAULT_PRIORITY_WEIGHTS,
  needPriority,
  PriorityWeightsSchema,
  sharedGaps,
  sharing,
  type PriorityWeights,
} from "~/domain/assessment-scoring";
import {
  RequirementSchema,
  type NeedInput,
  type NeedScope,
  type NeedSourceKind,
  type NeedStatus,
} from "~/domain/need-schema";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/utils/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { validatedItemScores } from "./assessment-scores.server";

export type NeedRefusal = { ok: false; field?: keyof NeedInput; message: string };

/** The comuni of the area (the denominator of sharing). */
async function comuniOfArea(tx: Tx, areaId: number) {
  return tx.organisation.findMany({ where: { areaId, kind: "COMUNE", active: true }, select: { id: true } });
}

/** The weights of the area's latest cycle, or the spec's defaults. */
async function weightsOf(tx: Tx, areaId: number): Promise<PriorityWeights> {
  const cycle = await tx.assessmentCycle.findFirst({
    where: { areaId },
    orderBy: { opensAt: "desc" },
    select: { priorityWeights: true },
  });
  const parsed = cycle?.priorityWeights ? PriorityWeightsSchema.safeParse(JSON.parse(cycle.priorityWeights)) : null;
  return parsed?.success ? parsed.data : DEFAULT_PRIORITY_WEIGHTS;
}

/** Sharing and priority of a need touching `n` of the area's comuni. */
async function derived(tx: Tx, areaId: number, n: number, impact: number, feasibility: number) {
  const total = (await comuniOfArea(tx, areaId)).length;
  const weights = await weightsOf(tx, areaId);
  return {
    sharing: sharing(n, Math.max(total, n)),
    priority: needPriority({ impact, feasibility, n, total: Math.max(total, n) }, weights),
    scope: n > 1 ? ("SHARED" as const) : ("LOCAL" as const),
  };
}

/**
 * Records a need of one area. A referent may only record needs of their own comune; the
 * comuni named must all be of the area. With `citizenRequestId` the need comes from that
 * citizen's request (in scope, waiting or published, not yet linked, its comune among the
 * need's): the source names it and the request points at the need. Null when the area or
 * the request is out of scope.
 */
export async function createNeed({
  scope,
  actor,
  areaId,
  input,
  citizenRequestId,
}: {
  scope: Phase2Scope;
  actor: Actor;
  areaId: number;
  input: NeedInput;
  citizenRequestId?: number;
}): Promise<{ ok: true; id: number } | NeedRefusal | null> {
  return prisma.$transaction(async (tx) => {
    const inScope =
      scope.facilitatorUserId !== null &&
      (await tx.assessmentCycle.count({
        where: { areaId, edition: { trainers: { some: { userId: scope.facilitatorUserId } } } },
      })) > 0;
    const asReferent =
      scope.organisationId !== null &&
      (await tx.organisation.count({ where: { id: scope.organisationId, areaId } })) > 0;
    if (!inScope && !asReferent) return null;
    const organisationIds = [...new Set(input.organisationIds)];
    if (!inScope && organisationIds.some((id) => id !== scope.organisationId)) {
      return { ok: false, field: "organisationIds", message: "Puoi indicare solo il tuo comune." };
    }
    const comuni = new Set((await comuniOfArea(tx, areaId)).map((o) => o.id));
    if (organisationIds.some((id) => !comuni.has(id))) {
      return { ok: false, field: "organisationIds", message: "Scegli comuni dell'area." };
    }
    const dimension = input.dimensionCode
      ? await tx.assessmentDimension.findFirst({
          where: { code: input.dimensionCode, framework: { active: true } },
          orderBy: { id: "desc" },
          select: { id: true },
        })
      : null;
    if (input.dimensionCode && !dimension) {
      return { ok: false, field: "dimensionCode", message: "Scegli una dimensione dell'elenco." };
    }
    if (citizenRequestId !== undefined) {
      const request = await tx.citizenRequest.findFirst({
        where: { AND: [{ id: citizenRequestId }, citizenRequestWhere(scope)] },
        select: { status: true, needId: true, organisationId: true, organisation: { select: { areaId: true } } },
      });
      if (!request) return null;
      const refusal = linkRefusal(request, { status: "OPEN", areaId });
      if (refusal) return { ok: false, message: refusal };
      if (!organisationIds.includes(request.organisationId)) {
        return {
          ok: false,
          field: "organisationIds",
          message: "Il comune della richiesta deve essere tra quelli interessati.",
        };
      }
    }
    const need = await tx.need.create({
      data: {
        areaId,
        title: input.title,
        description: input.description,
        status: "OPEN",
        dimensionId: dimension?.id ?? null,
        impact: input.impact,
        feasibility: input.feasibility,
        ...(await derived(tx, areaId, organisationIds.length, input.impact, input.feasibility)),
        requirements: JSON.stringify(input.requirements),
        budgetCapEuro: input.budgetCapEuro ?? null,
        timeCapMonths: input.timeCapMonths ?? null,
        createdById: actor.userId ?? 0,
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
        sources: {
          create: [
            {
              kind: citizenRequestId === undefined ? input.sourceKind : "CITIZEN_REQUEST",
              note: input.sourceNote ?? null,
              citizenRequestId: citizenRequestId ?? null,
              createdById: actor.userId,
            },
          ],
        },
      },
      select: { id: true },
    });
    if (citizenRequestId !== undefined) {
      await tx.citizenRequest.update({ where: { id: citizenRequestId }, data: { needId: need.id } });
    }
    await audit(tx, actor, {
      action: "need.create",
      entity: "Need",
      entityId: need.id,
      after: { ...input, organisationIds, citizenRequestId },
    });
    return { ok: true, id: need.id };
  });
}

/**
 * Merges duplicates into one need: the target takes every source and every comune, its
 * sharing and priority are recomputed, the others become MERGED pointing at it. Needs in a
 * plan are never merged away. Null when any need is out of scope.
 */
export async function mergeNeeds({
  scope,
  actor,
  targetId,
  mergedIds,
}: {
  scope: Phase2Scope;
  actor: Actor;
  targetId: number;
  mergedIds: number[];
}): Promise<{ ok: true } | NeedRefusal | null> {
  const ids = [...new Set(mergedIds)].filter((id) => id !== targetId);
  if (ids.length === 0) return { ok: false, message: "Scegli almeno un fabbisogno da unire." };
  return prisma.$transaction(async (tx) => {
    const needs = await tx.need.findMany({
      where: { AND: [{ id: { in: [targetId, ...ids] } }, needWhere(scope)] },
      select: { id: true, areaId: true, status: true, impact: true, feasibility: true, organisations: true },
    });
    const target = needs.find((n) => n.id === targetId);
    if (!target || needs.length !== ids.length + 1) return null;
    if (needs.some((n) => n.areaId !== target.areaId))
      return { ok: false, message: "Si uniscono fabbisogni della stessa area." };
    if (needs.some((n) => n.status === "MERGED" || n.status === "DISCARDED")) {
      return { ok: false, message: "Un fabbisogno già unito o scartato non si unisce di nuovo." };
    }
    if (needs.some((n) => n.id !== targetId && n.status === "IN_PLAN")) {
      return { ok: false, message: "Un fabbisogno già nel piano non si unisce a un altro." };
    }
    await tx.needSource.updateMany({ where: { needId: { in: ids } }, data: { needId: targetId } });
    await tx.citizenRequest.updateMany({ where: { needId: { in: ids } }, data: { needId: targetId } });
    const comuni = new Set(needs.flatMap((n) => n.organisations.map((o) => o.organisationId)));
    const have = new Set(target.organisations.map((o) => o.organisationId));
    await tx.needOrganisation.createMany({
      data: [...comuni].filter((id) => !have.has(id)).map((organisationId) => ({ needId: targetId, organisationId })),
    });
    await tx.need.updateMany({ where: { id: { in: ids } }, data: { status: "MERGED", mergedIntoId: targetId } });
    await tx.need.update({
      where: { id: targetId },
      data: {
        ...(await derived(tx, target.areaId, comuni.size, target.impact, target.feasibility)),
        version: { increment: 1 },
      },
    });
    await audit(tx, actor, {
      action: "need.merge",
      entity: "Need",
      entityId: targetId,
      after: { merged: ids, comuni: [...comuni] },
    });
    return { ok: true };
  });
}

/** Discards a need with a reason; a need in the plan cannot be discarded. */
export async function discardNeed({
  scope,
  actor,
  id,
  reason,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  reason: string;
}): Promise<{ ok: true } | NeedRefusal | null> {
  if (!reason.trim()) return { ok: false, message: "Indica perché il fabbisogno viene scartato." };
  return prisma.$transaction(async (tx) => {
    const need = await tx.need.findFirst({ where: { AND: [{ id }, needWhere(scope)] }, select: { status: true } });
    if (!need) return null;
    if (need.status === "IN_PLAN")
      return { ok: false, message: "Un fabbisogno inserito nel piano non si può scartare." };
    if (need.status === "MERGED" || need.status === "DISCARDED") {
      return { ok: false, message: "Questo fabbisogno è già stato unito o scartato." };
    }
    await tx.need.update({
      where: { id },
      data: { status: "DISCARDED", discardReason: reason.trim(), version: { increment: 1 } },
    });
    await audit(tx, actor, {
      action: "need.discard",
      entity: "Need",
      entityId: id,
      before: { status: need.status },
      after: { status: "DISCARDED", reason: reason.trim() },
    });
    return { ok: true };
  });
}

export type NeedFilters = {
  organisationId?: number;
  dimensionCode?: string;
  sourceKind?: NeedSourceKind;
  status?: NeedStatus;
  scope?: NeedScope;
};

/**
 * Needs in scope that this actor may see: a need the app proposed from a shared gap names
 * the comuni that scored low, which referents see only anonymised (the area view), so a
 * PROPOSED need is seen through the facilitator's or coordinator's part of the scope only.
 */
function visibleNeedWhere(scope: Phase2Scope): Prisma.NeedWhereInput {
  return {
    AND: [needWhere(scope), { OR: [{ status: { not: "PROPOSED" } }, needWhere({ ...scope, organisationId: null })] }],
  };
}

/** The statuses the register shows when no status is asked for: the needs still alive. */
const LIVE: NeedStatus[] = ["PROPOSED", "OPEN", "IN_PLAN"];

/** The register in scope, by priority, with the filters of the screen (and of its export). */
export function listNeeds({ scope, filters = {} }: { scope: Phase2Scope; filters?: NeedFilters }) {
  return prisma.need.findMany({
    where: {
      AND: [
        visibleNeedWhere(scope),
        filters.status ? { status: filters.status } : { status: { in: LIVE } },
        filters.organisationId ? { organisations: { some: { organisationId: filters.organisationId } } } : {},
        filters.dimensionCode ? { dimension: { code: filters.dimensionCode } } : {},
        filters.sourceKind ? { sources: { some: { kind: filters.sourceKind } } } : {},
        filters.scope ? { scope: filters.scope } : {},
      ],
    },
    select: {
      id: true,
      areaId: true,
      title: true,
      status: true,
      scope: true,
      impact: true,
      feasibility: true,
      sharing: true,
      priority: true,
      budgetCapEuro: true,
      timeCapMonths: true,
      dimension: { select: { code: true } },
      organisations: {
        select: { organisation: { select: { id: true, name: true } } },
        orderBy: { organisation: { name: "asc" } },
      },
      sources: { select: { kind: true } },
    },
    orderBy: [{ priority: "desc" }, { id: "asc" }],
  });
}

/**
 * The register's rows (the screen and its exports show the same): each need with its
 * comuni by name and its sources counted by kind.
 */
export async function needRegister({ scope, filters = {} }: { scope: Phase2Scope; filters?: NeedFilters }) {
  const needs = await listNeeds({ scope, filters });
  return needs.map(({ organisations, sources, dimension, ...n }) => {
    const kinds = new Map<NeedSourceKind, number>();
    for (const s of sources) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
    return {
      ...n,
      dimension: dimension?.code ?? null,
      comuni: organisations.map((o) => o.organisation.name),
      sources: [...kinds].map(([kind, count]) => ({ kind, count })),
    };
  });
}

/** The comuni named by the needs in scope (the register's comune filter). */
export function comuniOfNeeds({ scope }: { scope: Phase2Scope }) {
  return prisma.organisation.findMany({
    where: { needs: { some: { need: visibleNeedWhere(scope) } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The dimensions of the active instrument (filters and the new-need form). */
export function needDimensions() {
  return prisma.assessmentDimension.findMany({
    where: { framework: { active: true } },
    select: { code: true, title: true },
    orderBy: { order: "asc" },
    distinct: ["code"],
  });
}

/**
 * The priority formula of each area: the weights of its latest cycle and the number of its
 * comuni (the denominator of sharing), as the screen shows them.
 */
export async function priorityFormulas({ areaIds }: { areaIds: number[] }) {
  const areas = await prisma.area.findMany({
    where: { id: { in: [...new Set(areaIds)] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return Promise.all(
    areas.map(async (area) => ({
      areaId: area.id,
      area: area.name,
      weights: await weightsOf(prisma, area.id),
      comuni: (await comuniOfArea(prisma, area.id)).length,
    })),
  );
}

/**
 * The comuni a need may be recorded for, by area: those of the areas the facilitator runs
 * cycles in, and the referent's own comune (createNeed checks the same).
 */
export async function comuniForNewNeed({ scope }: { scope: Phase2Scope }) {
  const or: Prisma.OrganisationWhereInput[] = [];
  if (scope.facilitatorUserId !== null) {
    or.push({
      area: { assessmentCycles: { some: { edition: { trainers: { some: { userId: scope.facilitatorUserId } } } } } },
    });
  }
  if (scope.organisationId !== null) or.push({ id: scope.organisationId });
  if (or.length === 0) return [];
  const comuni = await prisma.organisation.findMany({
    where: { kind: "COMUNE", active: true, OR: or },
    select: { id: true, name: true, area: { select: { id: true, name: true } } },
    orderBy: [{ area: { name: "asc" } }, { name: "asc" }],
  });
  const areas = new Map<number, { areaId: number; area: string; comuni: { id: number; name: string }[] }>();
  for (const c of comuni) {
    const group = areas.get(c.area.id) ?? { areaId: c.area.id, area: c.area.name, comuni: [] };
    group.comuni.push({ id: c.id, name: c.name });
    areas.set(c.area.id, group);
  }
  return [...areas.values()];
}

/** The area of a comune (the new-need form names comuni, the model takes their area). */
export async function areaOfComune(organisationId: number) {
  const comune = await prisma.organisation.findFirst({
    where: { id: organisationId, kind: "COMUNE" },
    select: { areaId: true },
  });
  return comune?.areaId ?? null;
}

/**
 * One need with its traceability: comuni, sources (each with its kind, the assessment item
 * of a gap, the citizen's request — its public summary only, never the citizen's text),
 * requirements, constraints, the priority's parts, merges. Null when out of scope.
 */
export async function getNeed({ scope, id }: { scope: Phase2Scope; id: number }) {
  const need = await prisma.need.findFirst({
    where: { AND: [{ id }, visibleNeedWhere(scope)] },
    select: {
      id: true,
      areaId: true,
      title: true,
      description: true,
      status: true,
      scope: true,
      impact: true,
      feasibility: true,
      sharing: true,
      priority: true,
      requirements: true,
      budgetCapEuro: true,
      timeCapMonths: true,
      discardReason: true,
      createdAt: true,
      area: { select: { name: true } },
      dimension: { select: { code: true, title: true } },
      mergedInto: { select: { id: true, title: true } },
      merged: { select: { id: true, title: true }, orderBy: { id: "asc" } },
      organisations: {
        select: { organisation: { select: { id: true, name: true } } },
        orderBy: { organisation: { name: "asc" } },
      },
      sources: {
        select: {
          id: true,
          kind: true,
          note: true,
          createdAt: true,
          assessmentItem: { select: { code: true, question: true } },
          citizenRequest: {
            select: {
              id: true,
              topic: true,
              status: true,
              publicSummary: true,
              supportCount: true,
              createdAt: true,
              organisation: { select: { name: true } },
            },
          },
        },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!need) return null;
  const { sources, requirements, ...rest } = need;
  const [formula] = await priorityFormulas({ areaIds: [need.areaId] });
  return {
    ...rest,
    requirements: parseRequirements(requirements),
    sources: sources.map(({ citizenRequest: r, ...s }) => ({
      ...s,
      // The citizen's text stays in the moderation queue: here only what may be published.
      citizenRequest: r
        ? {
            id: r.id,
            topic: r.topic,
            comune: r.organisation.name,
            createdAt: r.createdAt,
            supportCount: r.supportCount,
            publicSummary: r.status === "APPROVED" ? r.publicSummary : null,
            published: r.status === "APPROVED",
          }
        : null,
    })),
    formula: formula!,
  };
}

/** Stored requirements (JSON written by createNeed); anything unreadable counts as none. */
function parseRequirements(json: string): { text: string; level: "MUST" | "SHOULD" }[] {
  try {
    const parsed = RequirementSchema.array().safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Accepts a need the app proposed from a shared gap: it opens, with the impact and
 * feasibility the facilitator sets (the proposal's are placeholders), and its priority is
 * recomputed. Only a PROPOSED need is accepted, once. Null when out of scope.
 */
export async function acceptProposedNeed({
  scope,
  actor,
  id,
  impact,
  feasibility,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  impact: number;
  feasibility: number;
}): Promise<{ ok: true } | NeedRefusal | null> {
  return prisma.$transaction(async (tx) => {
    const need = await tx.need.findFirst({
      where: { AND: [{ id }, visibleNeedWhere(scope)] },
      select: { status: true, areaId: true, _count: { select: { organisations: true } } },
    });
    if (!need) return null;
    const n = Math.max(1, need._count.organisations);
    const { count } = await tx.need.updateMany({
      where: { id, status: "PROPOSED" },
      data: {
        status: "OPEN",
        impact,
        feasibility,
        ...(await derived(tx, need.areaId, n, impact, feasibility)),
        version: { increment: 1 },
      },
    });
    if (count === 0) return { ok: false, message: "Questo fabbisogno è già stato accettato o scartato." };
    await audit(tx, actor, {
      action: "need.accept",
      entity: "Need",
      entityId: id,
      before: { status: need.status },
      after: { status: "OPEN", impact, feasibility },
    });
    return { ok: true };
  });
}

/**
 * Links a citizen's request (waiting or published, not yet linked) to a need: a
 * CITIZEN_REQUEST source, the request's comune among the need's comuni (sharing and
 * priority recomputed), and the citizen's status page then names the need. Null when the
 * request or the need is out of scope.
 */
export async function linkRequestToNeed({
  scope,
  actor,
  requestId,
  needId,
}: {
  scope: Phase2Scope;
  actor: Actor;
  requestId: number;
  needId: number;
}): Promise<{ ok: true } | NeedRefusal | null> {
  return prisma.$transaction(async (tx) => {
    const request = await tx.citizenRequest.findFirst({
      where: { AND: [{ id: requestId }, citizenRequestWhere(scope)] },
      select: { status: true, needId: true, organisationId: true, organisation: { select: { areaId: true } } },
    });
    const need = await tx.need.findFirst({
      where: { AND: [{ id: needId }, visibleNeedWhere(scope)] },
      select: {
        status: true,
        areaId: true,
        impact: true,
        feasibility: true,
        organisations: { select: { organisationId: true } },
      },
    });
    if (!request || !need) return null;
    const refusal = linkRefusal(request, need);
    if (refusal) return { ok: false, message: refusal };
    await tx.needSource.create({
      data: { needId, kind: "CITIZEN_REQUEST", citizenRequestId: requestId, createdById: actor.userId },
    });
    await tx.citizenRequest.update({ where: { id: requestId }, data: { needId } });
    const comuni = new Set(need.organisations.map((o) => o.organisationId));
    if (!comuni.has(request.organisationId)) {
      await tx.needOrganisation.create({ data: { needId, organisationId: request.organisationId } });
      comuni.add(request.organisationId);
      await tx.need.update({
        where: { id: needId },
        data: {
          ...(await derived(tx, need.areaId, comuni.size, need.impact, need.feasibility)),
          version: { increment: 1 },
        },
      });
    }
    await audit(tx, actor, {
      action: "citizen_request.link",
      entity: "CitizenRequest",
      entityId: requestId,
      after: { needId, comuni: [...comuni] },
    });
    return { ok: true };
  });
}

/** Why a request cannot feed this need, or null when it can. */
function linkRefusal(
  request: { status: string; needId: number | null; organisation: { areaId: number } },
  need: { status: string; areaId: number },
): string | null {
  if (request.needId !== null) return "Questa richiesta è già collegata a un fabbisogno.";
  if (request.status !== "RECEIVED" && request.status !== "APPROVED") {
    return "Si collegano solo richieste in attesa o pubblicate.";
  }
  if (need.status !== "OPEN" && need.status !== "IN_PLAN") return "Scegli un fabbisogno aperto o nel piano.";
  if (need.areaId !== request.organisation.areaId) return "Scegli un fabbisogno dell'area del comune.";
  return null;
}

/** The needs a request of these areas may be linked to (open or in the plan, in scope). */
export function linkableNeeds({ scope, areaIds }: { scope: Phase2Scope; areaIds: number[] }) {
  return prisma.need.findMany({
    where: { AND: [visibleNeedWhere(scope), { areaId: { in: areaIds }, status: { in: ["OPEN", "IN_PLAN"] } }] },
    select: { id: true, title: true, areaId: true },
    orderBy: [{ priority: "desc" }, { id: "asc" }],
  });
}

/** Impact and feasibility of a proposed need until the facilitator sets them. */
const PROPOSED_SCORE = 3;

/**
 * The shared gaps of a cycle (items where at least the cycle's threshold of the area's
 * comuni score ≤ 1 on validated assessments) as PROPOSED shared needs, in the caller's
 * transaction (after a validation). A gap already proposed is updated, not repeated; a need
 * the facilitator accepted or discarded is left as they decided.
 */
export async function proposeSharedGapNeeds(tx: Tx, { cycleId, actor }: { cycleId: number; actor: Actor }) {
  const cycle = await tx.assessmentCycle.findUniqueOrThrow({
    where: { id: cycleId },
    select: { areaId: true, sharedGapThreshold: true },
  });
  const total = (await comuniOfArea(tx, cycle.areaId)).length;
  const scores = await validatedItemScores(tx, cycleId);
  const gaps = sharedGaps(new Map(scores.map((s) => [s.itemCode, s.perComune])), {
    totalComuni: Math.max(total, ...scores.map((s) => s.perComune.size)),
    threshold: cycle.sharedGapThreshold,
  });
  const items = new Map(
    (
      await tx.assessmentItem.findMany({
        where: { id: { in: scores.map((s) => s.itemId) } },
        select: { id: true, code: true, question: true, dimensionId: true },
      })
    ).map((i) => [i.code, i]),
  );
  let proposed = 0;
  for (const gap of gaps) {
    const item = items.get(gap.itemCode)!;
    const existing = await tx.needSource.findFirst({
      where: { kind: "ASSESSMENT_GAP", assessmentItemId: item.id, need: { cycleId } },
      select: { need: { select: { id: true, status: true } } },
    });
    const n = gap.organisationIds.length;
    const derivedNow = await derived(tx, cycle.areaId, n, PROPOSED_SCORE, PROPOSED_SCORE);
    const description = `${n} comuni su ${total} hanno un punteggio pari o inferiore a 1 (Iniziale) sulla domanda ${item.code}: «${item.question}»`;
    if (existing) {
      if (existing.need.status !== "PROPOSED") continue;
      await tx.needOrganisation.deleteMany({ where: { needId: existing.need.id } });
      await tx.needOrganisation.createMany({
        data: gap.organisationIds.map((organisationId) => ({ needId: existing.need.id, organisationId })),
      });
      await tx.need.update({
        where: { id: existing.need.id },
        data: { ...derivedNow, description, version: { increment: 1 } },
      });
      continue;
    }
    const need = await tx.need.create({
      data: {
        areaId: cycle.areaId,
        cycleId,
        status: "PROPOSED",
        title: `Divario condiviso ${item.code}`,
        description,
        dimensionId: item.dimensionId,
        impact: PROPOSED_SCORE,
        feasibility: PROPOSED_SCORE,
        ...derivedNow,
        createdById: actor.userId ?? 0,
        organisations: { create: gap.organisationIds.map((organisationId) => ({ organisationId })) },
        sources: { create: [{ kind: "ASSESSMENT_GAP", assessmentItemId: item.id, createdById: actor.userId }] },
      },
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "need.propose",
      entity: "Need",
      entityId: need.id,
      after: { item: item.code, comuni: gap.organisationIds },
    });
    proposed++;
  }
  return { gaps: gaps.length, proposed };
}

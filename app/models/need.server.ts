/**
 * The needs register (docs/phase2.md, spec PHASE2 §5.1). A need's sharing and priority are
 * derived from its affected comuni and the cycle's weights, and rewritten with every change
 * of them; a merge keeps every source and every comune; nothing is deleted.
 */
import { needWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import {
  DEFAULT_PRIORITY_WEIGHTS,
  needPriority,
  PriorityWeightsSchema,
  sharedGaps,
  sharing,
  type PriorityWeights,
} from "~/domain/assessment-scoring";
import type { NeedInput } from "~/domain/need-schema";
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
 * comuni named must all be of the area. Null when the area is out of scope.
 */
export async function createNeed({
  scope,
  actor,
  areaId,
  input,
}: {
  scope: Phase2Scope;
  actor: Actor;
  areaId: number;
  input: NeedInput;
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
        sources: { create: [{ kind: input.sourceKind, note: input.sourceNote ?? null, createdById: actor.userId }] },
      },
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "need.create",
      entity: "Need",
      entityId: need.id,
      after: { ...input, organisationIds },
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

/** The register in scope, by priority, with the traceability to sources. */
export function listNeeds({ scope }: { scope: Phase2Scope }) {
  return prisma.need.findMany({
    where: { AND: [needWhere(scope), { status: { in: ["PROPOSED", "OPEN", "IN_PLAN"] } }] },
    select: {
      id: true,
      title: true,
      status: true,
      scope: true,
      impact: true,
      feasibility: true,
      sharing: true,
      priority: true,
      organisations: { select: { organisation: { select: { id: true, name: true } } } },
      sources: { select: { kind: true, note: true, citizenRequestId: true, assessmentItemId: true } },
    },
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

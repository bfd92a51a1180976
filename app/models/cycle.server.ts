/**
 * Assessment cycles (docs/phase2.md): a facilitator opens one for the area of a phase-2
 * edition they train; every comune of the area gets its assessment in the same transaction,
 * and opening the cycle prefills what phase 1 already knows.
 */
import { cycleWhere, type Actor, type Phase2Scope } from "~/access/scope.server";
import { PHASE2_SLUG, type CycleInput } from "~/domain/cycle-schema";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { zonedToInstant } from "~/utils/time";
import { prefillAssessment } from "./assessment-prefill.server";

export type CycleRefusal = { ok: false; field?: keyof CycleInput; message: string };

/** Creates a cycle (DRAFT) on the active framework, with one assessment per comune of the area. */
export async function createCycle({
  scope,
  actor,
  input,
}: {
  scope: Phase2Scope;
  actor: Actor;
  input: CycleInput;
}): Promise<{ ok: true; id: number; assessments: number } | CycleRefusal> {
  if (scope.facilitatorUserId === null) return { ok: false, message: "Solo un facilitatore apre una rilevazione." };
  return prisma.$transaction(async (tx) => {
    const edition = await tx.edition.findFirst({
      where: {
        id: input.editionId,
        trainers: { some: { userId: scope.facilitatorUserId! } },
        phase: { slug: PHASE2_SLUG },
      },
      select: { id: true, areaId: true },
    });
    if (!edition) return { ok: false, field: "editionId", message: "Scegli un'edizione della fase 2 che conduci." };
    const framework = await tx.assessmentFramework.findFirst({
      where: { active: true },
      orderBy: { publishedAt: "desc" },
      select: { id: true },
    });
    if (!framework) return { ok: false, message: "Nessuno strumento di assessment attivo: sincronizza i contenuti." };
    const comuni = await tx.organisation.findMany({
      where: { areaId: edition.areaId, kind: "COMUNE", active: true },
      select: { id: true },
      orderBy: { name: "asc" },
    });
    const cycle = await tx.assessmentCycle.create({
      data: {
        areaId: edition.areaId,
        editionId: edition.id,
        frameworkId: framework.id,
        title: input.title,
        opensAt: zonedToInstant(input.opensOn, "00:00"),
        closesAt: zonedToInstant(input.closesOn, "23:59"),
        sharedGapThreshold: input.sharedGapThreshold,
        priorityWeights: input.priorityWeights ? JSON.stringify(input.priorityWeights) : null,
        createdById: actor.userId ?? 0,
      },
      select: { id: true },
    });
    await tx.assessment.createMany({ data: comuni.map((c) => ({ cycleId: cycle.id, organisationId: c.id })) });
    await audit(tx, actor, {
      action: "cycle.create",
      entity: "AssessmentCycle",
      entityId: cycle.id,
      after: { ...input, comuni: comuni.length },
    });
    return { ok: true, id: cycle.id, assessments: comuni.length };
  });
}

/** Opens a draft cycle or closes an open one; null when out of scope. */
export async function setCycleStatus({
  scope,
  actor,
  id,
  status,
}: {
  scope: Phase2Scope;
  actor: Actor;
  id: number;
  status: "OPEN" | "CLOSED";
}) {
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.assessmentCycle.findFirst({
      where: { AND: [{ id }, cycleWhere(scope)] },
      select: { status: true },
    });
    if (!cycle) return null;
    const from = status === "OPEN" ? "DRAFT" : "OPEN";
    if (cycle.status !== from) {
      return {
        ok: false as const,
        message:
          status === "OPEN" ? "Si apre solo una rilevazione in bozza." : "Si chiude solo una rilevazione aperta.",
      };
    }
    const now = actor.now ?? new Date();
    await tx.assessmentCycle.update({
      where: { id },
      data: { status, ...(status === "CLOSED" ? { closedAt: now } : {}) },
    });
    // Opening prefills what the app already knows (phase-1 training), for the referents to confirm.
    let prefilled = 0;
    if (status === "OPEN") {
      for (const a of await tx.assessment.findMany({ where: { cycleId: id }, select: { id: true } })) {
        prefilled += (await prefillAssessment(tx, { assessmentId: a.id, actor })).length;
      }
    }
    await audit(tx, actor, {
      action: `cycle.${status.toLowerCase()}`,
      entity: "AssessmentCycle",
      entityId: id,
      before: { status: cycle.status },
      after: { status },
    });
    return { ok: true as const, prefilled };
  });
}

/** The cycles in scope, newest first, with the count of assessments per status. */
export async function listCycles({ scope }: { scope: Phase2Scope }) {
  const cycles = await prisma.assessmentCycle.findMany({
    where: cycleWhere(scope),
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      area: { select: { name: true } },
      assessments: { select: { status: true } },
    },
    orderBy: { opensAt: "desc" },
  });
  return cycles.map(({ assessments, ...c }) => ({
    ...c,
    byStatus: assessments.reduce<Record<string, number>>(
      (acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }),
      {},
    ),
  }));
}

/** The phase-2 editions this facilitator trains: where they may open a cycle. */
export function phase2EditionsOf({ scope }: { scope: Phase2Scope }) {
  if (scope.facilitatorUserId === null) return Promise.resolve([]);
  return prisma.edition.findMany({
    where: { trainers: { some: { userId: scope.facilitatorUserId } }, phase: { slug: PHASE2_SLUG } },
    select: { id: true, code: true, title: true, area: { select: { name: true } } },
    orderBy: { code: "asc" },
  });
}

/** Whether this user facilitates the cycle (trains its phase-2 edition). */
export async function facilitates({ userId, cycleId }: { userId: number; cycleId: number }) {
  return (
    (await prisma.assessmentCycle.count({ where: { id: cycleId, edition: { trainers: { some: { userId } } } } })) > 0
  );
}

/**
 * Editions and enrolment as a coordinator manages them: scoped to the coordinator's areas
 * (`AreaScope`; every area for an admin) in every query. Every enrolment change writes its
 * audit rows and passes through the progress pipeline in the same transaction; someone
 * enrolled after sessions took place gets "not expected" attendance rows for those sessions.
 */
import type { Prisma } from "~/generated/prisma/client";
import { areaWhere, editionWhere, organisationWhere, type Actor, type AreaScope } from "~/access/scope.server";
import type { BulkEnrolInput, EditionCreateInput } from "~/domain/enrolment-schema";
import { recordProgress } from "~/models/progress.server";
import { audit, auditMany } from "~/utils/audit.server";
import { inSlices, prisma, type Tx } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/http.server";
import { zonedToInstant } from "~/utils/time";
import { EDITION_SUMMARY, editionSummary } from "./selects.server";

/** Who may take a module: administrators and employees, within the module's audience. */
export function audiencePositions(audience: "ALL" | "ADMINISTRATOR" | "EMPLOYEE"): ("ADMINISTRATOR" | "EMPLOYEE")[] {
  return audience === "ALL" ? ["ADMINISTRATOR", "EMPLOYEE"] : [audience];
}

// ───────────────────────────── editions ─────────────────────────────

/** The editions page: every edition in the actor's areas with its counts. */
export async function listManagedEditions({ scope }: { scope: AreaScope }) {
  const editions = await prisma.edition.findMany({
    where: editionWhere(scope),
    orderBy: [{ startsOn: "desc" }, { code: "asc" }],
    select: {
      ...EDITION_SUMMARY,
      _count: { select: { enrolments: { where: { status: "ACTIVE" } }, trainers: true } },
    },
  });
  return editions.map((e) => ({
    ...editionSummary(e),
    enrolled: e._count.enrolments,
    trainers: e._count.trainers,
  }));
}

/** What the new-edition form offers: active modules with their phases, and the actor's areas. */
export async function editionFormOptions({ scope }: { scope: AreaScope }) {
  const [modules, areas] = await Promise.all([
    prisma.module.findMany({
      where: { archivedAt: null },
      orderBy: { position: "asc" },
      select: {
        id: true,
        title: true,
        phases: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, title: true } },
      },
    }),
    prisma.area.findMany({ where: areaWhere(scope), orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { modules, areas };
}

/** What the database says against a new edition: area in scope, module and phase, a free code. */
export async function editionProblems({ scope, input }: { scope: AreaScope; input: EditionCreateInput }) {
  const [area, module, taken] = await Promise.all([
    prisma.area.findFirst({ where: { AND: [{ id: input.areaId }, areaWhere(scope)] }, select: { id: true } }),
    prisma.module.findFirst({
      where: { id: input.moduleId, archivedAt: null },
      select: { id: true, phases: { where: { archivedAt: null }, select: { id: true } } },
    }),
    prisma.edition.findUnique({ where: { code: input.code }, select: { id: true } }),
  ]);
  const fieldErrors: FieldErrors = {};
  if (!area) fieldErrors.areaId = ["Area non valida o fuori dalle tue aree."];
  if (!module) fieldErrors.moduleId = ["Modulo non valido."];
  else if (input.phaseId && !module.phases.some((p) => p.id === input.phaseId))
    fieldErrors.phaseId = ["La fase scelta non appartiene al modulo."];
  if (taken) fieldErrors.code = ["Esiste già un'edizione con questo codice."];
  return fieldErrors;
}

/** Creates an edition in one of the actor's areas (audited). */
export async function createEdition({
  scope,
  actor,
  input,
}: {
  scope: AreaScope;
  actor: Actor;
  input: EditionCreateInput;
}): Promise<{ ok: true; id: number } | { ok: false; fieldErrors: FieldErrors }> {
  const fieldErrors = await editionProblems({ scope, input });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const created = await prisma.$transaction(async (tx) => {
    const edition = await tx.edition.create({
      data: {
        code: input.code,
        title: input.title,
        moduleId: input.moduleId,
        phaseId: input.phaseId ?? null,
        areaId: input.areaId,
        startsOn: zonedToInstant(input.startsOn, "00:00"),
        endsOn: zonedToInstant(input.endsOn, "00:00"),
      },
      select: {
        id: true,
        code: true,
        title: true,
        moduleId: true,
        phaseId: true,
        areaId: true,
        startsOn: true,
        endsOn: true,
      },
    });
    await audit(tx, actor, {
      action: "edition.create",
      entity: "Edition",
      entityId: edition.id,
      after: edition,
    });
    return edition;
  });
  return { ok: true, id: created.id };
}

/** The edition if it is in the actor's areas, else null (the caller answers 404). */
export function findManagedEdition({ id, scope }: { id: number; scope: AreaScope }) {
  return prisma.edition.findFirst({
    where: { id, ...editionWhere(scope) },
    select: { ...EDITION_SUMMARY, areaId: true, module: { select: { title: true, audience: true } } },
  });
}
export type ManagedEdition = NonNullable<Awaited<ReturnType<typeof findManagedEdition>>>;

/** Where a person may be enrolled into the edition: active, in its area, in the module's audience. */
function eligibleWhere(scope: AreaScope, edition: ManagedEdition): Prisma.PersonWhereInput {
  return {
    active: true,
    anonymisedAt: null,
    position: { in: audiencePositions(edition.module.audience) },
    organisation: { AND: [organisationWhere(scope), { areaId: edition.areaId }] },
    enrolments: { none: { editionId: edition.id } },
  };
}

/** The edition page: enrolments (active and withdrawn), trainers, and what the forms offer. */
export async function getEditionPage({ scope, edition }: { scope: AreaScope; edition: ManagedEdition }) {
  const [enrolments, eligible, organisations, trainers, candidates, sessions] = await Promise.all([
    prisma.enrolment.findMany({
      where: { editionId: edition.id },
      orderBy: [{ status: "asc" }, { person: { lastName: "asc" } }, { person: { firstName: "asc" } }],
      select: {
        status: true,
        enrolledAt: true,
        withdrawnAt: true,
        person: {
          select: {
            id: true,
            firstName: true,
            lastName: true,
            active: true,
            position: true,
            organisation: { select: { name: true } },
            moduleProgress: { where: { moduleId: edition.moduleId }, select: { status: true } },
          },
        },
      },
    }),
    prisma.person.findMany({
      where: eligibleWhere(scope, edition),
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      select: { id: true, firstName: true, lastName: true, organisation: { select: { name: true } } },
    }),
    prisma.organisation.findMany({
      where: { AND: [organisationWhere(scope), { areaId: edition.areaId, active: true }] },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    prisma.editionTrainer.findMany({
      where: { editionId: edition.id },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, email: true, person: { select: { firstName: true, lastName: true } } } } },
    }),
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: "TRAINER" } }, trainerOf: { none: { editionId: edition.id } } },
      orderBy: [{ person: { lastName: "asc" } }, { person: { firstName: "asc" } }],
      select: { id: true, person: { select: { firstName: true, lastName: true } } },
    }),
    prisma.session.count({ where: { editionId: edition.id, cancelledAt: null } }),
  ]);
  return {
    enrolments: enrolments.map((e) => ({
      personId: e.person.id,
      name: `${e.person.lastName} ${e.person.firstName}`,
      organisation: e.person.organisation.name,
      position: e.person.position,
      personActive: e.person.active,
      status: e.status,
      enrolledAt: e.enrolledAt.toISOString(),
      withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
      completion: e.person.moduleProgress[0]?.status ?? "NOT_STARTED",
    })),
    eligible: eligible.map((p) => ({ id: p.id, label: `${p.lastName} ${p.firstName} — ${p.organisation.name}` })),
    organisations,
    trainers: trainers.map((t) => ({
      id: t.user.id,
      name: `${t.user.person.lastName} ${t.user.person.firstName}`,
      email: t.user.email,
    })),
    candidates: candidates.map((u) => ({ id: u.id, name: `${u.person.lastName} ${u.person.firstName}` })),
    sessions,
  };
}

// ───────────────────────────── enrolment ─────────────────────────────

/**
 * Sessions of the edition that already took place (not cancelled) get a NOT_EXPECTED row for
 * each of these people that has none, with an audit row each. `after`: only sessions that
 * ended after this moment (a re-enrolment covers the time the person was withdrawn).
 */
async function markPastSessionsNotExpected(
  tx: Tx,
  {
    actor,
    editionId,
    personIds,
    now,
    after,
  }: { actor: Actor; editionId: number; personIds: number[]; now: Date; after?: Date },
) {
  const past = await tx.session.findMany({
    where: { editionId, cancelledAt: null, endsAt: { lte: now, ...(after ? { gt: after } : {}) } },
    select: { id: true },
  });
  if (past.length === 0 || personIds.length === 0) return 0;
  const existing = await inSlices(personIds, (slice) =>
    tx.attendance.findMany({
      where: { sessionId: { in: past.map((s) => s.id) }, personId: { in: slice } },
      select: { sessionId: true, personId: true },
    }),
  );
  const has = new Set(existing.map((a) => `${a.sessionId}:${a.personId}`));
  const data = past.flatMap((s) =>
    personIds
      .filter((p) => !has.has(`${s.id}:${p}`))
      .map((personId) => ({
        sessionId: s.id,
        personId,
        status: "NOT_EXPECTED" as const,
        minutes: 0,
        recordedById: actor.userId,
      })),
  );
  if (data.length === 0) return 0;
  const created = await inSlices(data, (slice) =>
    tx.attendance.createManyAndReturn({ data: slice, select: { id: true } }),
  );
  await auditMany(
    tx,
    actor,
    created.map((a) => ({
      action: "attendance.record",
      entity: "Attendance",
      entityId: a.id,
      before: null,
      after: { status: "NOT_EXPECTED", minutes: 0, mode: null },
    })),
  );
  return created.length;
}

/**
 * Enrols people into an edition inside the caller's transaction: people already enrolled
 * (in any status) are skipped, never duplicated. Writes the audit rows, the NOT_EXPECTED rows
 * for sessions already held and recomputes each person's stored completion. Returns the ids
 * of the people enrolled now.
 */
export async function enrolInTransaction(
  tx: Tx,
  {
    actor,
    edition,
    personIds,
  }: { actor: Actor & { now: Date }; edition: { id: number; moduleId: number }; personIds: readonly number[] },
): Promise<number[]> {
  const { now } = actor;
  const wanted = [...new Set(personIds)];
  if (wanted.length === 0) return [];
  const already = await inSlices(wanted, (slice) =>
    tx.enrolment.findMany({ where: { editionId: edition.id, personId: { in: slice } }, select: { personId: true } }),
  );
  const skip = new Set(already.map((e) => e.personId));
  const toEnrol = wanted.filter((id) => !skip.has(id));
  if (toEnrol.length === 0) return [];
  const created = await inSlices(toEnrol, (slice) =>
    tx.enrolment.createManyAndReturn({
      data: slice.map((personId) => ({ editionId: edition.id, personId, enrolledAt: now })),
      select: { id: true, editionId: true, personId: true, status: true, enrolledAt: true },
    }),
  );
  await auditMany(
    tx,
    actor,
    created.map((e) => ({ action: "enrolment.create", entity: "Enrolment", entityId: e.id, after: e })),
  );
  await markPastSessionsNotExpected(tx, { actor, editionId: edition.id, personIds: toEnrol, now });
  for (const personId of toEnrol) {
    await recordProgress(tx, { personId, moduleId: edition.moduleId, actor, activityAt: null });
  }
  return toEnrol;
}

const CLOSED = "L'edizione è chiusa: non accetta iscrizioni.";

export type EnrolResult = { ok: true; count: number } | { ok: false; status: 400 | 404; fieldErrors: FieldErrors };

/** What every change to one edition's enrolment or trainers takes. */
type EditionChange = { scope: AreaScope; actor: Actor; edition: ManagedEdition };

const withNow = (actor: Actor) => ({ ...actor, now: actor.now ?? new Date() });

/**
 * Enrols one person. Someone outside the actor's areas is "not found" (404); someone the actor
 * manages who cannot be enrolled here gets the reason (400).
 */
export async function enrolOne({
  scope,
  actor,
  edition,
  personId,
}: EditionChange & { personId: number }): Promise<EnrolResult> {
  const person = await prisma.person.findFirst({
    where: { id: personId, anonymisedAt: null, organisation: organisationWhere(scope) },
    select: {
      id: true,
      active: true,
      position: true,
      organisation: { select: { areaId: true } },
      enrolments: { where: { editionId: edition.id }, select: { status: true } },
    },
  });
  if (!person) return { ok: false, status: 404, fieldErrors: {} };
  const problem =
    edition.status === "CLOSED"
      ? CLOSED
      : !person.active
        ? "La persona è disattivata: riattivala prima di iscriverla."
        : person.organisation.areaId !== edition.areaId
          ? "La persona appartiene a un ente di un'altra area."
          : person.position === "EXTERNAL" || !audiencePositions(edition.module.audience).includes(person.position)
            ? "Il modulo non è rivolto al ruolo di questa persona."
            : person.enrolments[0]?.status === "ACTIVE"
              ? "La persona è già iscritta a questa edizione."
              : person.enrolments[0]
                ? "La persona si era ritirata: usa «Reiscrivi» nell'elenco degli iscritti."
                : null;
  if (problem) return { ok: false, status: 400, fieldErrors: { personId: [problem] } };
  const enrolled = await prisma.$transaction(
    (tx) => enrolInTransaction(tx, { actor: withNow(actor), edition, personIds: [person.id] }),
    { timeout: 20_000 },
  );
  return { ok: true, count: enrolled.length };
}

/** Enrols every eligible person of an organisation and/or position, in one transaction. */
export async function bulkEnrol({
  scope,
  actor,
  edition,
  input,
}: EditionChange & { input: BulkEnrolInput }): Promise<EnrolResult> {
  if (edition.status === "CLOSED") return { ok: false, status: 400, fieldErrors: { organisationId: [CLOSED] } };
  if (input.organisationId) {
    const organisation = await prisma.organisation.findFirst({
      where: { AND: [organisationWhere(scope), { id: input.organisationId }] },
      select: { areaId: true },
    });
    if (!organisation) return { ok: false, status: 404, fieldErrors: {} };
    if (organisation.areaId !== edition.areaId)
      return { ok: false, status: 400, fieldErrors: { organisationId: ["Scegli un ente dell'area dell'edizione."] } };
  }
  const where: Prisma.PersonWhereInput = {
    AND: [
      eligibleWhere(scope, edition),
      input.organisationId ? { organisationId: input.organisationId } : {},
      input.position ? { position: input.position } : {},
    ],
  };
  const enrolled = await prisma.$transaction(
    async (tx) => {
      const people = await tx.person.findMany({ where, select: { id: true } });
      return enrolInTransaction(tx, { actor: withNow(actor), edition, personIds: people.map((p) => p.id) });
    },
    { timeout: 120_000 },
  );
  return { ok: true, count: enrolled.length };
}

/** Withdraws an active enrolment: kept with status WITHDRAWN, never deleted. False if none. */
export async function withdraw({
  scope,
  actor,
  edition,
  personId,
}: EditionChange & { personId: number }): Promise<boolean> {
  const now = actor.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findFirst({
      where: { editionId: edition.id, personId, status: "ACTIVE", edition: editionWhere(scope) },
      select: { id: true },
    });
    if (!enrolment) return false;
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { status: "WITHDRAWN", withdrawnAt: now },
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "enrolment.withdraw",
      entity: "Enrolment",
      entityId: enrolment.id,
      before: { status: "ACTIVE", withdrawnAt: null },
      after: { status: "WITHDRAWN", withdrawnAt: now },
    });
    await recordProgress(tx, { personId, moduleId: edition.moduleId, actor: { ...actor, now }, activityAt: null });
    return true;
  });
}

/**
 * Re-activates a withdrawn enrolment of an active person. Sessions held while the person was
 * withdrawn get NOT_EXPECTED rows. False if there is no such enrolment.
 */
export async function reenrol({
  scope,
  actor,
  edition,
  personId,
}: EditionChange & { personId: number }): Promise<boolean> {
  const now = actor.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findFirst({
      where: {
        editionId: edition.id,
        personId,
        status: "WITHDRAWN",
        edition: editionWhere(scope),
        person: { active: true, organisation: organisationWhere(scope) },
      },
      select: { id: true, withdrawnAt: true },
    });
    if (!enrolment) return false;
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { status: "ACTIVE", withdrawnAt: null },
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "enrolment.reenrol",
      entity: "Enrolment",
      entityId: enrolment.id,
      before: { status: "WITHDRAWN", withdrawnAt: enrolment.withdrawnAt },
      after: { status: "ACTIVE", withdrawnAt: null },
    });
    await markPastSessionsNotExpected(tx, {
      actor,
      editionId: edition.id,
      personIds: [personId],
      now,
      after: enrolment.withdrawnAt ?? undefined,
    });
    await recordProgress(tx, { personId, moduleId: edition.moduleId, actor: { ...actor, now }, activityAt: null });
    return true;
  });
}

// ───────────────────────────── trainers ─────────────────────────────

/**
 * Assigns a trainer (an active user holding the TRAINER role) to the edition. Trainers are
 * not enrolled, so no completion changes; the assignment is audited.
 */
export async function addTrainer({
  actor,
  edition,
  trainerUserId,
}: EditionChange & { trainerUserId: number }): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  const trainer = await prisma.user.findFirst({
    where: {
      id: trainerUserId,
      active: true,
      roles: { some: { role: "TRAINER" } },
      trainerOf: { none: { editionId: edition.id } },
    },
    select: { id: true },
  });
  if (!trainer)
    return { ok: false, fieldErrors: { userId: ["Scegli un formatore dell'elenco che non sia già assegnato."] } };
  await prisma.$transaction(async (tx) => {
    await tx.editionTrainer.create({
      data: { editionId: edition.id, userId: trainer.id },
      select: { editionId: true },
    });
    await audit(tx, actor, {
      action: "edition.trainer.add",
      entity: "Edition",
      entityId: edition.id,
      after: { trainerUserId: trainer.id },
    });
  });
  return { ok: true };
}

/** Removes a trainer from the edition (the link only; their records stay). False if not assigned. */
export async function removeTrainer({
  scope,
  actor,
  edition,
  trainerUserId,
}: EditionChange & { trainerUserId: number }): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.editionTrainer.deleteMany({
      where: { editionId: edition.id, userId: trainerUserId, edition: editionWhere(scope) },
    });
    if (removed.count === 0) return false;
    await audit(tx, actor, {
      action: "edition.trainer.remove",
      entity: "Edition",
      entityId: edition.id,
      before: { trainerUserId },
    });
    return true;
  });
}

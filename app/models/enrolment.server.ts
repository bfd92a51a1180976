/**
 * Editions and enrolment as a coordinator manages them: scoped to the coordinator's areas
 * in every query (an admin sees all). Every enrolment change writes its audit rows and
 * recomputes the person's stored completion in the same transaction; someone enrolled after
 * sessions took place gets "not expected" attendance rows for those sessions there too.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { BulkEnrolInput, EditionCreateInput } from "~/domain/enrolment-schema";
import { afterProgressEvent } from "~/models/learning.server";
import { organisationScope } from "~/models/person.server";
import { audit } from "~/utils/audit.server";
import type { CurrentUser } from "~/utils/auth.server";
import { prisma, type Tx } from "~/utils/db.server";
import { zonedToInstant } from "~/utils/time";

export type Meta = { requestId: string | null; now?: Date };

/** Editions the actor manages: those of their areas (all for an admin). */
export function editionScope(user: CurrentUser): Prisma.EditionWhereInput {
  return user.roles.includes("ADMIN") ? {} : { areaId: { in: user.coordinatorAreaIds } };
}

function areaScope(user: CurrentUser): Prisma.AreaWhereInput {
  return user.roles.includes("ADMIN") ? {} : { id: { in: user.coordinatorAreaIds } };
}

/** Who may take a module: administrators and employees, within the module's audience. */
export function audiencePositions(audience: "ALL" | "ADMINISTRATOR" | "EMPLOYEE"): ("ADMINISTRATOR" | "EMPLOYEE")[] {
  return audience === "ALL" ? ["ADMINISTRATOR", "EMPLOYEE"] : [audience];
}

/** SQLite limits the parameters of one statement: long `in` lists are queried in slices. */
export const SLICE = 500;

/** Runs a query per slice of the ids (in order) and concatenates the results. */
export async function inSlices<T, R>(items: readonly T[], query: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(...(await query(items.slice(i, i + SLICE))));
  return out;
}

type AuditEntry = { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown };

/** Many audit rows in one statement, in the same format as `audit()` (for bulk changes). */
export async function auditMany(tx: Tx, actorId: number, requestId: string | null, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += SLICE) await auditSlice(tx, actorId, requestId, entries.slice(i, i + SLICE));
}

async function auditSlice(tx: Tx, actorId: number, requestId: string | null, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({
    data: entries.map((e) => ({
      actorId,
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      requestId,
    })),
  });
}

// ───────────────────────────── editions ─────────────────────────────

/** The editions page: every edition in the actor's areas with its counts. */
export async function listManagedEditions(user: CurrentUser) {
  const editions = await prisma.edition.findMany({
    where: editionScope(user),
    orderBy: [{ startsOn: "desc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      title: true,
      status: true,
      startsOn: true,
      endsOn: true,
      module: { select: { title: true } },
      phase: { select: { title: true } },
      area: { select: { name: true } },
      _count: { select: { enrolments: { where: { status: "ACTIVE" } }, trainers: true } },
    },
  });
  return editions.map((e) => ({
    id: e.id,
    code: e.code,
    title: e.title,
    status: e.status,
    startsOn: e.startsOn.toISOString(),
    endsOn: e.endsOn.toISOString(),
    module: e.module.title,
    phase: e.phase?.title ?? null,
    area: e.area.name,
    enrolled: e._count.enrolments,
    trainers: e._count.trainers,
  }));
}

/** What the new-edition form offers: active modules with their phases, and the actor's areas. */
export async function editionFormOptions(user: CurrentUser) {
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
    prisma.area.findMany({ where: areaScope(user), orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { modules, areas };
}

export type FieldErrors = Record<string, string[]>;

/** Creates an edition in one of the actor's areas (audited). */
export async function createEdition(
  user: CurrentUser,
  input: EditionCreateInput,
  meta: Meta,
): Promise<{ ok: true; id: number } | { ok: false; fieldErrors: FieldErrors }> {
  const [area, module, taken] = await Promise.all([
    prisma.area.findFirst({ where: { AND: [{ id: input.areaId }, areaScope(user)] }, select: { id: true } }),
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
  if (Object.keys(fieldErrors).length > 0 || !area || !module) return { ok: false, fieldErrors };
  const created = await prisma.$transaction(async (tx) => {
    const edition = await tx.edition.create({
      data: {
        code: input.code,
        title: input.title,
        moduleId: module.id,
        phaseId: input.phaseId ?? null,
        areaId: area.id,
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
    await audit(tx, {
      actorId: user.id,
      action: "edition.create",
      entity: "Edition",
      entityId: edition.id,
      after: edition,
      requestId: meta.requestId,
    });
    return edition;
  });
  return { ok: true, id: created.id };
}

/** The edition if it is in the actor's areas, else null (the caller answers 404). */
export function findManagedEdition(user: CurrentUser, editionId: number) {
  if (!Number.isInteger(editionId) || editionId <= 0) return Promise.resolve(null);
  return prisma.edition.findFirst({
    where: { id: editionId, ...editionScope(user) },
    select: {
      id: true,
      code: true,
      title: true,
      status: true,
      startsOn: true,
      endsOn: true,
      areaId: true,
      moduleId: true,
      module: { select: { title: true, audience: true } },
      phase: { select: { title: true } },
      area: { select: { name: true } },
    },
  });
}
export type ManagedEdition = NonNullable<Awaited<ReturnType<typeof findManagedEdition>>>;

/** Where a person may be enrolled into the edition: active, in its area, in the module's audience. */
function eligibleWhere(user: CurrentUser, edition: ManagedEdition): Prisma.PersonWhereInput {
  return {
    active: true,
    anonymisedAt: null,
    position: { in: audiencePositions(edition.module.audience) },
    organisation: { AND: [organisationScope(user), { areaId: edition.areaId }] },
    enrolments: { none: { editionId: edition.id } },
  };
}

/** The edition page: enrolments (active and withdrawn), trainers, and what the forms offer. */
export async function getEditionPage(user: CurrentUser, edition: ManagedEdition) {
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
      where: eligibleWhere(user, edition),
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      select: { id: true, firstName: true, lastName: true, organisation: { select: { name: true } } },
    }),
    prisma.organisation.findMany({
      where: { AND: [organisationScope(user), { areaId: edition.areaId, active: true }] },
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
  actorId: number,
  editionId: number,
  personIds: number[],
  now: Date,
  requestId: string | null,
  after?: Date,
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
        recordedById: actorId,
      })),
  );
  if (data.length === 0) return 0;
  const created = await inSlices(data, (slice) =>
    tx.attendance.createManyAndReturn({ data: slice, select: { id: true } }),
  );
  await auditMany(
    tx,
    actorId,
    requestId,
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
  actorId: number,
  edition: { id: number; moduleId: number },
  personIds: readonly number[],
  meta: { requestId: string | null; now: Date },
): Promise<number[]> {
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
      data: slice.map((personId) => ({ editionId: edition.id, personId, enrolledAt: meta.now })),
      select: { id: true, editionId: true, personId: true, status: true, enrolledAt: true },
    }),
  );
  await auditMany(
    tx,
    actorId,
    meta.requestId,
    created.map((e) => ({ action: "enrolment.create", entity: "Enrolment", entityId: e.id, after: e })),
  );
  await markPastSessionsNotExpected(tx, actorId, edition.id, toEnrol, meta.now, meta.requestId);
  for (const personId of toEnrol) {
    await afterProgressEvent(tx, personId, edition.moduleId, actorId, {
      requestId: meta.requestId,
      now: meta.now,
      activityAt: null,
    });
  }
  return toEnrol;
}

const CLOSED = "L'edizione è chiusa: non accetta iscrizioni.";

export type EnrolResult = { ok: true; count: number } | { ok: false; status: 400 | 404; fieldErrors: FieldErrors };

/**
 * Enrols one person. Someone outside the actor's areas is "not found" (404); someone the actor
 * manages who cannot be enrolled here gets the reason (400).
 */
export async function enrolOne(
  user: CurrentUser,
  edition: ManagedEdition,
  personId: number,
  meta: Meta,
): Promise<EnrolResult> {
  const now = meta.now ?? new Date();
  const person = await prisma.person.findFirst({
    where: { id: personId, anonymisedAt: null, organisation: organisationScope(user) },
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
    (tx) => enrolInTransaction(tx, user.id, edition, [person.id], { requestId: meta.requestId, now }),
    { timeout: 20_000 },
  );
  return { ok: true, count: enrolled.length };
}

/** Enrols every eligible person of an organisation and/or position, in one transaction. */
export async function bulkEnrol(
  user: CurrentUser,
  edition: ManagedEdition,
  input: BulkEnrolInput,
  meta: Meta,
): Promise<EnrolResult> {
  const now = meta.now ?? new Date();
  if (edition.status === "CLOSED") return { ok: false, status: 400, fieldErrors: { organisationId: [CLOSED] } };
  if (input.organisationId) {
    const organisation = await prisma.organisation.findFirst({
      where: { AND: [organisationScope(user), { id: input.organisationId }] },
      select: { areaId: true },
    });
    if (!organisation) return { ok: false, status: 404, fieldErrors: {} };
    if (organisation.areaId !== edition.areaId)
      return { ok: false, status: 400, fieldErrors: { organisationId: ["Scegli un ente dell'area dell'edizione."] } };
  }
  const where: Prisma.PersonWhereInput = {
    AND: [
      eligibleWhere(user, edition),
      input.organisationId ? { organisationId: input.organisationId } : {},
      input.position ? { position: input.position } : {},
    ],
  };
  const enrolled = await prisma.$transaction(
    async (tx) => {
      const people = await tx.person.findMany({ where, select: { id: true } });
      return enrolInTransaction(
        tx,
        user.id,
        edition,
        people.map((p) => p.id),
        { requestId: meta.requestId, now },
      );
    },
    { timeout: 120_000 },
  );
  return { ok: true, count: enrolled.length };
}

/** Withdraws an active enrolment: kept with status WITHDRAWN, never deleted. False if none. */
export async function withdraw(
  user: CurrentUser,
  edition: ManagedEdition,
  personId: number,
  meta: Meta,
): Promise<boolean> {
  const now = meta.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findFirst({
      where: { editionId: edition.id, personId, status: "ACTIVE", edition: editionScope(user) },
      select: { id: true },
    });
    if (!enrolment) return false;
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { status: "WITHDRAWN", withdrawnAt: now },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "enrolment.withdraw",
      entity: "Enrolment",
      entityId: enrolment.id,
      before: { status: "ACTIVE", withdrawnAt: null },
      after: { status: "WITHDRAWN", withdrawnAt: now },
      requestId: meta.requestId,
    });
    await afterProgressEvent(tx, personId, edition.moduleId, user.id, {
      requestId: meta.requestId,
      now,
      activityAt: null,
    });
    return true;
  });
}

/**
 * Re-activates a withdrawn enrolment of an active person. Sessions held while the person was
 * withdrawn get NOT_EXPECTED rows. False if there is no such enrolment.
 */
export async function reenrol(
  user: CurrentUser,
  edition: ManagedEdition,
  personId: number,
  meta: Meta,
): Promise<boolean> {
  const now = meta.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findFirst({
      where: {
        editionId: edition.id,
        personId,
        status: "WITHDRAWN",
        edition: editionScope(user),
        person: { active: true, organisation: organisationScope(user) },
      },
      select: { id: true, withdrawnAt: true },
    });
    if (!enrolment) return false;
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { status: "ACTIVE", withdrawnAt: null },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "enrolment.reenrol",
      entity: "Enrolment",
      entityId: enrolment.id,
      before: { status: "WITHDRAWN", withdrawnAt: enrolment.withdrawnAt },
      after: { status: "ACTIVE", withdrawnAt: null },
      requestId: meta.requestId,
    });
    await markPastSessionsNotExpected(
      tx,
      user.id,
      edition.id,
      [personId],
      now,
      meta.requestId,
      enrolment.withdrawnAt ?? undefined,
    );
    await afterProgressEvent(tx, personId, edition.moduleId, user.id, {
      requestId: meta.requestId,
      now,
      activityAt: null,
    });
    return true;
  });
}

// ───────────────────────────── trainers ─────────────────────────────

/**
 * Assigns a trainer (an active user holding the TRAINER role) to the edition. Trainers are
 * not enrolled, so no completion changes; the assignment is audited.
 */
export async function addTrainer(
  user: CurrentUser,
  edition: ManagedEdition,
  userId: number,
  meta: Meta,
): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  const trainer = await prisma.user.findFirst({
    where: {
      id: userId,
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
    await audit(tx, {
      actorId: user.id,
      action: "edition.trainer.add",
      entity: "Edition",
      entityId: edition.id,
      after: { trainerUserId: trainer.id },
      requestId: meta.requestId,
    });
  });
  return { ok: true };
}

/** Removes a trainer from the edition (the link only; their records stay). False if not assigned. */
export async function removeTrainer(
  user: CurrentUser,
  edition: ManagedEdition,
  userId: number,
  meta: Meta,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.editionTrainer.deleteMany({
      where: { editionId: edition.id, userId, edition: editionScope(user) },
    });
    if (removed.count === 0) return false;
    await audit(tx, {
      actorId: user.id,
      action: "edition.trainer.remove",
      entity: "Edition",
      entityId: edition.id,
      before: { trainerUserId: userId },
      requestId: meta.requestId,
    });
    return true;
  });
}

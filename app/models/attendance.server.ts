/**
 * Sessions and the attendance register, for the trainers of the edition only. Saving the
 * register writes, in one transaction, only the rows that changed — each with an audit
 * row (before/after) — and recomputes the completions they affect.
 */
import { randomInt } from "node:crypto";
import { editionWhere, type Actor, type EditionScope } from "~/access/scope.server";
import type { SessionFormInput } from "~/domain/trainer-schema";
import { recordEditionProgress, recordProgress, syncUnitWithAttendance } from "~/models/progress.server";
import { SESSION_WHEN_WHERE } from "~/models/selects.server";
import type { TrainerEdition } from "~/models/trainer.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/http.server";
import { zonedToInstant } from "~/utils/time";
export type AttendanceStatusValue = "PRESENT" | "ABSENT" | "JUSTIFIED" | "NOT_EXPECTED";
export type AttendanceRowInput = {
  personId: number;
  status: AttendanceStatusValue;
  minutes: number;
  mode: "PRESENCE" | "ONLINE" | null;
};

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A 6-character check-in code without look-alike characters. */
export function newCheckInCode() {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** A session of the edition in scope (one the trainer runs), or null. */
export function findTrainerSession({ id, scope }: { id: number; scope: EditionScope }) {
  return prisma.session.findFirst({
    where: { id, editionId: scope.editionId, edition: editionWhere(scope) },
    select: {
      ...SESSION_WHEN_WHERE,
      editionId: true,
      checkInCode: true,
      cancelledAt: true,
      unitId: true,
      unit: { select: { title: true, kind: true } },
    },
  });
}
export type TrainerSession = NonNullable<Awaited<ReturnType<typeof findTrainerSession>>>;

/** Sessions of the edition with how many attendance rows each has. */
export function listSessions({ scope }: { scope: EditionScope }) {
  return prisma.session.findMany({
    where: { editionId: scope.editionId },
    orderBy: { startsAt: "asc" },
    select: { ...SESSION_WHEN_WHERE, cancelledAt: true, _count: { select: { attendances: true } } },
  });
}

/** Seminar and lab units the edition can schedule sessions for. */
export function schedulableUnits({ edition }: { edition: Pick<TrainerEdition, "moduleId" | "phaseId"> }) {
  return prisma.unit.findMany({
    where: {
      archivedAt: null,
      kind: { in: ["SEMINAR", "LAB"] },
      phase: { moduleId: edition.moduleId, archivedAt: null, ...(edition.phaseId ? { id: edition.phaseId } : {}) },
    },
    orderBy: [{ phase: { position: "asc" } }, { position: "asc" }],
    select: { id: true, title: true, kind: true },
  });
}

function sessionData(input: SessionFormInput) {
  return {
    title: input.title,
    unitId: input.unitId ?? null,
    startsAt: zonedToInstant(input.date, input.start),
    endsAt: zonedToInstant(input.date, input.end),
    mode: input.mode,
    place: input.mode === "ONLINE" ? null : (input.place ?? null),
    link: input.mode === "PRESENCE" ? null : (input.link ?? null),
  };
}

/** What the database says against a session form: the activity must be schedulable in the edition. */
export async function sessionProblems({
  edition,
  input,
}: {
  edition: Pick<TrainerEdition, "moduleId" | "phaseId">;
  input: Pick<SessionFormInput, "unitId">;
}): Promise<FieldErrors> {
  if (!input.unitId || (await schedulableUnits({ edition })).some((u) => u.id === input.unitId)) return {};
  return { unitId: ["Attività non valida per questa edizione."] };
}

/** Creates a session (with its check-in code) in the edition in scope. */
export async function createSession({
  actor,
  edition,
  input,
}: {
  actor: Actor;
  edition: TrainerEdition;
  input: SessionFormInput;
}): Promise<{ ok: true; id: number } | { ok: false; fieldErrors: FieldErrors }> {
  const fieldErrors = await sessionProblems({ edition, input });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const session = await prisma.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: { editionId: edition.id, ...sessionData(input), checkInCode: newCheckInCode() },
      select: { id: true, title: true, startsAt: true, endsAt: true },
    });
    await audit(tx, actor, {
      action: "session.create",
      entity: "Session",
      entityId: created.id,
      after: created,
    });
    await recordEditionProgress(tx, { editionId: edition.id, actor });
    return created;
  });
  return { ok: true, id: session.id };
}

/** Edits a session; schedule changes move every learner's scheduled hours in the same transaction. */
export async function updateSession({
  actor,
  edition,
  session,
  input,
}: {
  actor: Actor;
  edition: TrainerEdition;
  session: TrainerSession;
  input: SessionFormInput;
}): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  const fieldErrors = await sessionProblems({ edition, input });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  await prisma.$transaction(async (tx) => {
    const fields = { title: true, startsAt: true, endsAt: true, mode: true, place: true, link: true, unitId: true };
    const before = await tx.session.findUniqueOrThrow({ where: { id: session.id }, select: fields });
    const after = await tx.session.update({ where: { id: session.id }, data: sessionData(input), select: fields });
    await audit(tx, actor, {
      action: "session.update",
      entity: "Session",
      entityId: session.id,
      before,
      after,
    });
    await recordEditionProgress(tx, { editionId: session.editionId, actor });
  });
  return { ok: true };
}

/** Cancels a session (kept, marked cancelled): it no longer counts towards scheduled hours. */
export async function cancelSession({ actor, session }: { actor: Actor; session: TrainerSession }) {
  const now = actor.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    const changed = await tx.session.updateMany({
      where: { id: session.id, cancelledAt: null },
      data: { cancelledAt: now },
    });
    if (changed.count === 0) return;
    await audit(tx, actor, {
      action: "session.cancel",
      entity: "Session",
      entityId: session.id,
      before: { cancelledAt: null },
      after: { cancelledAt: now },
    });
    await recordEditionProgress(tx, { editionId: session.editionId, actor });
  });
}

/** The register: every active enrolment with its recorded attendance (or a suggestion). */
export async function getRegister({ session }: { session: TrainerSession }) {
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId: session.editionId, status: "ACTIVE" },
    orderBy: [{ person: { lastName: "asc" } }, { person: { firstName: "asc" } }],
    select: {
      enrolledAt: true,
      person: {
        select: {
          id: true,
          firstName: true,
          lastName: true,
          position: true,
          organisation: { select: { name: true } },
          attendances: {
            where: { sessionId: session.id },
            select: { status: true, minutes: true, mode: true, selfCheckIn: true, checkInAt: true },
          },
        },
      },
    },
  });
  return enrolments.map((e) => {
    const a = e.person.attendances[0] ?? null;
    return {
      personId: e.person.id,
      name: `${e.person.lastName} ${e.person.firstName}`,
      organisation: e.person.organisation.name,
      position: e.person.position,
      enrolledLater: e.enrolledAt > session.endsAt,
      recorded: a ? { status: a.status, minutes: a.minutes, mode: a.mode, selfCheckIn: a.selfCheckIn } : null,
    };
  });
}

/**
 * Saves the register. Every person must be enrolled in the edition (else nothing is
 * written). Unchanged rows write nothing — not even an audit row.
 */
export async function saveAttendance({
  actor,
  session,
  rows,
}: {
  actor: Actor;
  session: TrainerSession;
  rows: AttendanceRowInput[];
}) {
  const userId = actor.userId;
  const enrolled = await prisma.enrolment.findMany({
    where: { editionId: session.editionId, status: "ACTIVE", personId: { in: rows.map((r) => r.personId) } },
    select: { personId: true },
  });
  const allowed = new Set(enrolled.map((e) => e.personId));
  if (rows.some((r) => !allowed.has(r.personId))) return { ok: false as const, changed: 0 };
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: session.editionId },
    select: { moduleId: true },
  });
  const changed = await prisma.$transaction(async (tx) => {
    let count = 0;
    for (const row of rows) {
      const before = await tx.attendance.findUnique({
        where: { sessionId_personId: { sessionId: session.id, personId: row.personId } },
        select: { id: true, status: true, minutes: true, mode: true },
      });
      if (before && before.status === row.status && before.minutes === row.minutes && before.mode === row.mode)
        continue;
      const saved = await tx.attendance.upsert({
        where: { sessionId_personId: { sessionId: session.id, personId: row.personId } },
        create: {
          sessionId: session.id,
          personId: row.personId,
          status: row.status,
          minutes: row.minutes,
          mode: row.mode,
          recordedById: userId,
        },
        update: { status: row.status, minutes: row.minutes, mode: row.mode, recordedById: userId },
        select: { id: true },
      });
      await audit(tx, actor, {
        action: "attendance.record",
        entity: "Attendance",
        entityId: saved.id,
        before: before ? { status: before.status, minutes: before.minutes, mode: before.mode } : null,
        after: { status: row.status, minutes: row.minutes, mode: row.mode },
      });
      if (session.unitId) {
        await syncUnitWithAttendance(tx, { personId: row.personId, unitId: session.unitId, at: session.startsAt });
      }
      await recordProgress(tx, {
        personId: row.personId,
        moduleId: edition.moduleId,
        actor,
        activityAt: row.status === "PRESENT" ? session.startsAt : null,
      });
      count++;
    }
    return count;
  });
  return { ok: true as const, changed };
}

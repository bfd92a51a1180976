/**
 * Sessions and the attendance register, for the trainers of the edition only. Saving the
 * register writes, in one transaction, only the rows that changed — each with an audit
 * row (before/after) — and recomputes the completions they affect.
 */
import { randomInt } from "node:crypto";
import type { SessionFormInput } from "~/domain/trainer-schema";
import { afterProgressEvent } from "~/models/learning.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { zonedToInstant } from "~/utils/time";

type Meta = { requestId: string | null; now?: Date };
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

export { CHECK_IN_OPENS_MINUTES as CHECK_IN_WINDOW_MINUTES } from "~/models/learning.server";

export const sessionMinutes = (s: { startsAt: Date; endsAt: Date }) =>
  Math.max(0, Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000));

/** A session of an edition the trainer runs, or null. */
export function findTrainerSession(userId: number, editionId: number, sessionId: number) {
  if (!Number.isInteger(sessionId) || sessionId <= 0) return Promise.resolve(null);
  return prisma.session.findFirst({
    where: { id: sessionId, editionId, edition: { trainers: { some: { userId } } } },
    select: {
      id: true,
      editionId: true,
      title: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      place: true,
      link: true,
      checkInCode: true,
      cancelledAt: true,
      unitId: true,
      unit: { select: { title: true, kind: true } },
    },
  });
}
export type TrainerSession = NonNullable<Awaited<ReturnType<typeof findTrainerSession>>>;

/** Sessions of the edition with how many attendance rows each has. */
export function listSessions(editionId: number) {
  return prisma.session.findMany({
    where: { editionId },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      place: true,
      cancelledAt: true,
      _count: { select: { attendances: true } },
    },
  });
}

/** Seminar and lab units the edition can schedule sessions for. */
export function schedulableUnits(editionId: number, moduleId: number, phaseId: number | null) {
  return prisma.unit.findMany({
    where: {
      archivedAt: null,
      kind: { in: ["SEMINAR", "LAB"] },
      phase: { moduleId, archivedAt: null, ...(phaseId ? { id: phaseId } : {}) },
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

/** Creates a session (with its check-in code) in an edition the trainer runs. */
export async function createSession(
  userId: number,
  editionId: number,
  moduleId: number,
  phaseId: number | null,
  input: SessionFormInput,
  meta: Meta,
) {
  if (input.unitId) {
    const units = await schedulableUnits(editionId, moduleId, phaseId);
    if (!units.some((u) => u.id === input.unitId))
      return { ok: false as const, fieldErrors: { unitId: ["Attività non valida per questa edizione."] } };
  }
  const session = await prisma.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: { editionId, ...sessionData(input), checkInCode: newCheckInCode() },
      select: { id: true, title: true, startsAt: true, endsAt: true },
    });
    await audit(tx, {
      actorId: userId,
      action: "session.create",
      entity: "Session",
      entityId: created.id,
      after: created,
      requestId: meta.requestId,
    });
    await refreshEditionCompletion(tx, editionId, userId, meta);
    return created;
  });
  return { ok: true as const, id: session.id };
}

/** Edits a session; schedule changes move every learner's scheduled hours in the same transaction. */
export async function updateSession(
  userId: number,
  session: TrainerSession,
  moduleId: number,
  phaseId: number | null,
  input: SessionFormInput,
  meta: Meta,
) {
  if (input.unitId) {
    const units = await schedulableUnits(session.editionId, moduleId, phaseId);
    if (!units.some((u) => u.id === input.unitId))
      return { ok: false as const, fieldErrors: { unitId: ["Attività non valida per questa edizione."] } };
  }
  await prisma.$transaction(async (tx) => {
    const before = await tx.session.findUniqueOrThrow({
      where: { id: session.id },
      select: { title: true, startsAt: true, endsAt: true, mode: true, place: true, link: true, unitId: true },
    });
    const after = await tx.session.update({
      where: { id: session.id },
      data: sessionData(input),
      select: { title: true, startsAt: true, endsAt: true, mode: true, place: true, link: true, unitId: true },
    });
    await audit(tx, {
      actorId: userId,
      action: "session.update",
      entity: "Session",
      entityId: session.id,
      before,
      after,
      requestId: meta.requestId,
    });
    await refreshEditionCompletion(tx, session.editionId, userId, meta);
  });
  return { ok: true as const };
}

/** Cancels a session (kept, marked cancelled): it no longer counts towards scheduled hours. */
export async function cancelSession(userId: number, session: TrainerSession, meta: Meta) {
  const now = meta.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    const changed = await tx.session.updateMany({
      where: { id: session.id, cancelledAt: null },
      data: { cancelledAt: now },
    });
    if (changed.count === 0) return;
    await audit(tx, {
      actorId: userId,
      action: "session.cancel",
      entity: "Session",
      entityId: session.id,
      before: { cancelledAt: null },
      after: { cancelledAt: now },
      requestId: meta.requestId,
    });
    await refreshEditionCompletion(tx, session.editionId, userId, meta);
  });
}

/** Scheduled hours changed for everybody in the edition: recompute their stored completion. */
async function refreshEditionCompletion(tx: Tx, editionId: number, actorId: number, meta: Meta) {
  const edition = await tx.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { moduleId: true, enrolments: { where: { status: "ACTIVE" }, select: { personId: true } } },
  });
  for (const e of edition.enrolments) {
    await afterProgressEvent(tx, e.personId, edition.moduleId, actorId, { ...meta, activityAt: null });
  }
}

/** The register: every active enrolment with its recorded attendance (or a suggestion). */
export async function getRegister(session: TrainerSession) {
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
export async function saveAttendance(userId: number, session: TrainerSession, rows: AttendanceRowInput[], meta: Meta) {
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
      await audit(tx, {
        actorId: userId,
        action: "attendance.record",
        entity: "Attendance",
        entityId: saved.id,
        before: before ? { status: before.status, minutes: before.minutes, mode: before.mode } : null,
        after: { status: row.status, minutes: row.minutes, mode: row.mode },
        requestId: meta.requestId,
      });
      if (session.unitId) await syncAttendanceUnit(tx, row.personId, session.unitId, session.startsAt);
      await afterProgressEvent(tx, row.personId, edition.moduleId, userId, {
        ...meta,
        activityAt: row.status === "PRESENT" ? session.startsAt : null,
      });
      count++;
    }
    return count;
  });
  return { ok: true as const, changed };
}

/**
 * A seminar (or a lab with nothing to hand in) is done when the learner was present at
 * one of its sessions; a corrected register can undo it (the row is kept, never deleted).
 */
async function syncAttendanceUnit(tx: Tx, personId: number, unitId: number, at: Date) {
  const unit = await tx.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { kind: true, acceptsText: true, acceptsFile: true },
  });
  if (!(unit.kind === "SEMINAR" || (unit.kind === "LAB" && !unit.acceptsText && !unit.acceptsFile))) return;
  const present = await tx.attendance.count({
    where: { personId, status: "PRESENT", session: { unitId, cancelledAt: null } },
  });
  const existing = await tx.progress.findUnique({
    where: { personId_unitId: { personId, unitId } },
    select: { status: true },
  });
  if (present > 0 && existing?.status !== "COMPLETED") {
    await tx.progress.upsert({
      where: { personId_unitId: { personId, unitId } },
      create: { personId, unitId, status: "COMPLETED", startedAt: at, completedAt: at },
      update: { status: "COMPLETED", completedAt: at },
    });
  } else if (present === 0 && existing?.status === "COMPLETED") {
    await tx.progress.update({
      where: { personId_unitId: { personId, unitId } },
      data: { status: "NOT_STARTED", completedAt: null },
    });
  }
}

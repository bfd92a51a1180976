/**
 * The progress pipeline: the one way a learner's completion changes. Every event that can
 * change it — a lesson marked, a quiz graded, a lab handed in or reviewed, a survey answered,
 * a check-in, a register saved, a session scheduled or cancelled, an enrolment, a change of
 * position — calls `recordProgress` inside its own transaction, which recomputes the stored
 * completion (ModuleProgress, PhaseProgress), issues the certificate the first time the
 * module is complete, and writes the audit rows. Stored figures are never stale
 * (docs/product.md, "Lessons from the systems people use"). The rules are in
 * `~/domain/completion`.
 */
import { randomInt } from "node:crypto";
import type { Actor } from "~/access/scope.server";
import {
  completedByAttendance,
  computeModuleCompletion,
  sessionMinutes,
  type ModuleCompletion,
} from "~/domain/completion";
import { audit } from "~/utils/audit.server";
import type { Tx } from "~/utils/db.server";

export type ProgressEvent = {
  personId: number;
  moduleId: number;
  /** who caused the event (the learner, a trainer, a coordinator) */
  actor: Actor;
  /** when the learner was active: now by default; null when someone else acted */
  activityAt?: Date | null;
};

/**
 * Records a progress event in the caller's transaction: recomputes the learner's stored
 * completion of the module, and on the first completion writes its audit row and issues the
 * certificate. Completion is monotonic: a certificate may already rest on it.
 */
export async function recordProgress(
  tx: Tx,
  event: ProgressEvent,
  // The demo seed passes its own seeded generator, so the demo is the same at every run.
  { newCode = newCertificateCode }: { newCode?: () => string } = {},
): Promise<ModuleCompletion> {
  const { personId, moduleId, actor } = event;
  const now = actor.now ?? new Date();
  const before = await tx.moduleProgress.findUnique({
    where: { personId_moduleId: { personId, moduleId } },
    select: { status: true },
  });
  const activityAt = event.activityAt === undefined ? now : (event.activityAt ?? undefined);
  const completion = await recomputeModuleProgress(tx, personId, moduleId, { now, activityAt });
  if (completion.status === "COMPLETED" && before?.status !== "COMPLETED") {
    await audit(tx, actor, {
      action: "module.complete",
      entity: "ModuleProgress",
      entityId: `${personId}:${moduleId}`,
      before: { status: before?.status ?? "NOT_STARTED" },
      after: { status: "COMPLETED" },
    });
  }
  if (completion.status === "COMPLETED")
    await issueCertificateOnce(tx, { personId, moduleId, actor, now, code: newCode });
  return completion;
}

/** The scheduled hours of an edition changed: records the event for every active learner. */
export async function recordEditionProgress(tx: Tx, { editionId, actor }: { editionId: number; actor: Actor }) {
  const edition = await tx.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { moduleId: true, enrolments: { where: { status: "ACTIVE" }, select: { personId: true } } },
  });
  for (const e of edition.enrolments) {
    await recordProgress(tx, { personId: e.personId, moduleId: edition.moduleId, actor, activityAt: null });
  }
}

/**
 * A unit done by presence (`completedByAttendance`) follows the attendance: completed once
 * the learner was present at one of its sessions, back to not started when a corrected
 * register leaves no presence (the row is kept, never deleted). Other units are untouched.
 */
export async function syncUnitWithAttendance(
  tx: Tx,
  { personId, unitId, at }: { personId: number; unitId: number; at: Date },
) {
  const unit = await tx.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { kind: true, acceptsText: true, acceptsFile: true, archivedAt: true },
  });
  if (unit.archivedAt || !completedByAttendance(unit)) return;
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

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A certificate verification code: 10 characters without look-alikes (about 50 bits). */
export function newCertificateCode() {
  return Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

async function issueCertificateOnce(
  tx: Tx,
  {
    personId,
    moduleId,
    actor,
    now,
    code,
  }: { personId: number; moduleId: number; actor: Actor; now: Date; code: () => string },
) {
  const existing = await tx.certificate.findUnique({
    where: { personId_moduleId: { personId, moduleId } },
    select: { id: true },
  });
  if (existing) return;
  const stored = await tx.moduleProgress.findUniqueOrThrow({
    where: { personId_moduleId: { personId, moduleId } },
    select: { attendedMinutes: true },
  });
  const certificate = await tx.certificate.create({
    data: { code: code(), personId, moduleId, attendedMinutes: stored.attendedMinutes, issuedAt: now },
    select: { id: true, code: true },
  });
  await audit(tx, actor, {
    action: "certificate.issue",
    entity: "Certificate",
    entityId: certificate.id,
    after: certificate,
  });
}

/** Recomputes and stores one learner's completion of one module. */
async function recomputeModuleProgress(
  tx: Tx,
  personId: number,
  moduleId: number,
  options: { now: Date; activityAt?: Date },
): Promise<ModuleCompletion> {
  const { now } = options;
  const [person, module, progress, sessions] = await Promise.all([
    tx.person.findUniqueOrThrow({ where: { id: personId }, select: { position: true } }),
    tx.module.findUniqueOrThrow({
      where: { id: moduleId },
      select: {
        id: true,
        audience: true,
        attendanceThreshold: true,
        phases: {
          select: {
            id: true,
            archivedAt: true,
            units: { select: { id: true, required: true, audience: true, archivedAt: true } },
          },
        },
      },
    }),
    tx.progress.findMany({
      where: { personId, unit: { phase: { moduleId } } },
      select: { unitId: true, status: true, startedAt: true, completedAt: true },
    }),
    tx.session.findMany({
      where: {
        cancelledAt: null,
        edition: { moduleId, enrolments: { some: { personId, status: "ACTIVE" } } },
      },
      select: {
        startsAt: true,
        endsAt: true,
        attendances: { where: { personId }, select: { status: true, minutes: true } },
      },
    }),
  ]);

  let scheduledMinutes = 0;
  let attendedMinutes = 0;
  for (const s of sessions) {
    const a = s.attendances[0];
    if (a?.status === "NOT_EXPECTED") continue;
    scheduledMinutes += sessionMinutes(s);
    if (a?.status === "PRESENT") attendedMinutes += a.minutes;
  }

  const completion = computeModuleCompletion(
    {
      id: module.id,
      audience: module.audience,
      attendanceThreshold: module.attendanceThreshold,
      phases: module.phases.map((p) => ({
        id: p.id,
        archived: p.archivedAt !== null,
        units: p.units.map((u) => ({
          id: u.id,
          required: u.required,
          audience: u.audience,
          archived: u.archivedAt !== null,
        })),
      })),
    },
    {
      position: person.position,
      unitStatus: new Map(progress.map((p) => [p.unitId, p.status])),
      scheduledMinutes,
      attendedMinutes,
    },
  );

  for (const phase of completion.phases) {
    const previous = await tx.phaseProgress.findUnique({
      where: { personId_phaseId: { personId, phaseId: phase.phaseId } },
      select: { status: true, completedAt: true },
    });
    const status = previous?.status === "COMPLETED" ? "COMPLETED" : phase.status;
    const completedAt = previous?.completedAt ?? (status === "COMPLETED" ? now : null);
    await tx.phaseProgress.upsert({
      where: { personId_phaseId: { personId, phaseId: phase.phaseId } },
      create: {
        personId,
        phaseId: phase.phaseId,
        requiredUnits: phase.requiredUnits,
        completedUnits: phase.completedUnits,
        status,
        completedAt,
      },
      update: { requiredUnits: phase.requiredUnits, completedUnits: phase.completedUnits, status, completedAt },
    });
  }

  const previous = await tx.moduleProgress.findUnique({
    where: { personId_moduleId: { personId, moduleId } },
    select: { status: true, completedAt: true, lastActivityAt: true },
  });
  // Once complete, always complete: a certificate may already rest on it.
  const status = previous?.status === "COMPLETED" ? "COMPLETED" : completion.status;
  const completedAt = previous?.completedAt ?? (status === "COMPLETED" ? now : null);
  // The learner's own moments (started, completed), not when a row was last written: a
  // trainer's correction is not the learner's activity.
  const latestProgress = progress.reduce<Date | null>((m, p) => {
    const at = p.status === "NOT_STARTED" ? null : (p.completedAt ?? p.startedAt);
    return at && (!m || at > m) ? at : m;
  }, null);
  const candidates = [previous?.lastActivityAt, options.activityAt, latestProgress].filter((d): d is Date => !!d);
  const lastActivityAt = candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : null;
  const data = {
    requiredUnits: completion.requiredUnits,
    completedUnits: completion.completedUnits,
    scheduledMinutes,
    attendedMinutes,
    status,
    completedAt,
    lastActivityAt,
  };
  await tx.moduleProgress.upsert({
    where: { personId_moduleId: { personId, moduleId } },
    create: { personId, moduleId, ...data },
    update: data,
  });
  return { ...completion, status };
}

/**
 * Stored completion (ModuleProgress, PhaseProgress). Called inside the transaction of the
 * event that changes it (lesson marked, quiz passed, lab accepted, attendance saved), so
 * the stored figures are never stale (PRODUCT.md, "Lessons from the systems people use").
 */
import { computeModuleCompletion, type ModuleCompletion } from "~/domain/completion";
import type { Tx } from "~/utils/db.server";

const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

/** Recomputes and stores one learner's completion of one module. Completion is monotonic. */
export async function recomputeModuleProgress(
  tx: Tx,
  personId: number,
  moduleId: number,
  options: { now?: Date; activityAt?: Date } = {},
): Promise<ModuleCompletion> {
  const now = options.now ?? new Date();
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
    scheduledMinutes += minutesBetween(s.startsAt, s.endsAt);
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

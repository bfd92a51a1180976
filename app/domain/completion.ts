/**
 * Completion rules (docs/product.md, "Completion"), each written once. Pure: no I/O,
 * unit-tested. A phase is complete when the required units meant for the learner's
 * audience are done; a module when all its phases are and attended minutes reach the
 * module's threshold of the scheduled minutes. Sessions count by their length; a learner
 * checks in on their own within a window around the session.
 */

export type AudienceValue = "ALL" | "ADMINISTRATOR" | "EMPLOYEE";
export type LearnerAudience = "ADMINISTRATOR" | "EMPLOYEE" | "EXTERNAL";
export type UnitProgressStatus = "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED" | "PASSED" | "FAILED";
export type CompletionStatusValue = "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED";

export type UnitForCompletion = {
  id: number;
  required: boolean;
  audience: AudienceValue;
  archived: boolean;
};

export type PhaseForCompletion = { id: number; archived: boolean; units: UnitForCompletion[] };

export type ModuleForCompletion = {
  id: number;
  audience: AudienceValue;
  attendanceThreshold: number;
  phases: PhaseForCompletion[];
};

export type LearnerRecords = {
  position: LearnerAudience;
  unitStatus: ReadonlyMap<number, UnitProgressStatus>;
  /** minutes of the non-cancelled sessions the learner was expected at */
  scheduledMinutes: number;
  /** minutes attended (status present) */
  attendedMinutes: number;
};

export type PhaseCompletion = {
  phaseId: number;
  requiredUnits: number;
  completedUnits: number;
  status: CompletionStatusValue;
};

export type ModuleCompletion = {
  moduleId: number;
  requiredUnits: number;
  completedUnits: number;
  attendanceMet: boolean;
  /** minutes still to attend to reach the threshold (0 when met) */
  minutesMissing: number;
  phases: PhaseCompletion[];
  status: CompletionStatusValue;
};

/** Whether content meant for `audience` is meant for this learner. */
export function isForLearner(audience: AudienceValue, position: LearnerAudience): boolean {
  return audience === "ALL" || audience === position;
}

/** A unit counts as done once completed or passed; a failed quiz is not done. */
export function isDone(status: UnitProgressStatus | undefined): boolean {
  return status === "COMPLETED" || status === "PASSED";
}

/** Whole minutes from `from` to `to` (never negative). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}

/** A session's length in minutes: what it adds to the scheduled hours. */
export function sessionMinutes(session: { startsAt: Date; endsAt: Date }): number {
  return minutesBetween(session.startsAt, session.endsAt);
}

/** Self check-in opens this many minutes before a session starts, and closes at its end. */
export const CHECK_IN_OPENS_MINUTES = 15;

/** Whether a learner may check in on their own at this moment. */
export function isCheckInOpen(session: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  const opens = session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000;
  return now.getTime() >= opens && now <= session.endsAt;
}

/**
 * Minutes credited for a self check-in: from the moment of check-in (or the start, if
 * earlier) to the end of the session.
 */
export function checkInMinutes(session: { startsAt: Date; endsAt: Date }, now: Date): number {
  return minutesBetween(now > session.startsAt ? now : session.startsAt, session.endsAt);
}

/**
 * A seminar, or a lab with nothing to hand in, is done by being present at one of its
 * sessions (and undone when a corrected register leaves no presence).
 */
export function completedByAttendance(unit: { kind: string; acceptsText: boolean; acceptsFile: boolean }): boolean {
  return unit.kind === "SEMINAR" || (unit.kind === "LAB" && !unit.acceptsText && !unit.acceptsFile);
}

/** Minutes needed to meet the threshold, rounded up to whole minutes. */
export function requiredAttendanceMinutes(scheduledMinutes: number, threshold: number): number {
  return Math.max(0, Math.ceil(scheduledMinutes * threshold - 1e-9));
}

export function computeModuleCompletion(module: ModuleForCompletion, learner: LearnerRecords): ModuleCompletion {
  const phases: (PhaseCompletion & { touched: boolean })[] = module.phases
    .filter((p) => !p.archived)
    .map((phase) => {
      const counted = phase.units.filter(
        (u) => !u.archived && u.required && isForLearner(u.audience, learner.position),
      );
      const completedUnits = counted.filter((u) => isDone(learner.unitStatus.get(u.id))).length;
      const touched = phase.units.some((u) => {
        const s = learner.unitStatus.get(u.id);
        return s !== undefined && s !== "NOT_STARTED";
      });
      // A phase with nothing required for this learner is complete by definition.
      const status: CompletionStatusValue =
        completedUnits === counted.length ? "COMPLETED" : touched ? "IN_PROGRESS" : "NOT_STARTED";
      return { phaseId: phase.id, requiredUnits: counted.length, completedUnits, status, touched };
    });

  const requiredUnits = phases.reduce((n, p) => n + p.requiredUnits, 0);
  const completedUnits = phases.reduce((n, p) => n + p.completedUnits, 0);
  const needed = requiredAttendanceMinutes(learner.scheduledMinutes, module.attendanceThreshold);
  const minutesMissing = Math.max(0, needed - learner.attendedMinutes);
  const attendanceMet = minutesMissing === 0;
  const allPhasesDone = phases.length > 0 && phases.every((p) => p.status === "COMPLETED");
  const anyActivity = learner.attendedMinutes > 0 || phases.some((p) => p.touched);

  const status: CompletionStatusValue =
    allPhasesDone && attendanceMet ? "COMPLETED" : anyActivity ? "IN_PROGRESS" : "NOT_STARTED";
  return {
    moduleId: module.id,
    requiredUnits,
    completedUnits,
    attendanceMet,
    minutesMissing,
    phases: phases.map(({ touched: _touched, ...p }) => p),
    status,
  };
}

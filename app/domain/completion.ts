/**
 * Completion rules (PRODUCT.md, "Completion"). Pure: no I/O, unit-tested.
 * A phase is complete when the required units meant for the learner's audience are done;
 * a module when all its phases are and attended minutes reach the module's threshold of
 * the scheduled minutes.
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

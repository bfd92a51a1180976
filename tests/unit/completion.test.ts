import { describe, expect, it } from "vitest";
import {
  computeModuleCompletion,
  requiredAttendanceMinutes,
  type ModuleForCompletion,
  type UnitProgressStatus,
} from "~/domain/completion";

const unit = (id: number, extra: Partial<ModuleForCompletion["phases"][number]["units"][number]> = {}) => ({
  id,
  required: true,
  audience: "ALL" as const,
  archived: false,
  ...extra,
});

const module = (phases: ModuleForCompletion["phases"], threshold = 0.75): ModuleForCompletion => ({
  id: 1,
  audience: "ALL",
  attendanceThreshold: threshold,
  phases,
});

const learner = (
  status: Record<number, UnitProgressStatus>,
  scheduledMinutes = 0,
  attendedMinutes = 0,
  position: "EMPLOYEE" | "ADMINISTRATOR" = "EMPLOYEE",
) => ({
  position,
  unitStatus: new Map(Object.entries(status).map(([k, v]) => [Number(k), v])),
  scheduledMinutes,
  attendedMinutes,
});

describe("computeModuleCompletion", () => {
  const onePhase = module([{ id: 10, archived: false, units: [unit(1), unit(2), unit(3, { required: false })] }]);

  it("is not started without any record", () => {
    const c = computeModuleCompletion(onePhase, learner({}));
    expect(c.status).toBe("NOT_STARTED");
    expect(c.requiredUnits).toBe(2);
    expect(c.completedUnits).toBe(0);
  });

  it("ignores optional units and completes when required units are done and there are no sessions", () => {
    const c = computeModuleCompletion(onePhase, learner({ 1: "COMPLETED", 2: "PASSED" }));
    expect(c.status).toBe("COMPLETED");
    expect(c.phases[0]).toMatchObject({ requiredUnits: 2, completedUnits: 2, status: "COMPLETED" });
  });

  it("does not count a failed quiz as done", () => {
    const c = computeModuleCompletion(onePhase, learner({ 1: "COMPLETED", 2: "FAILED" }));
    expect(c.status).toBe("IN_PROGRESS");
    expect(c.completedUnits).toBe(1);
  });

  it("requires the attendance threshold of the scheduled minutes (75 % by default)", () => {
    const done = { 1: "COMPLETED", 2: "COMPLETED" } as const;
    expect(computeModuleCompletion(onePhase, learner(done, 400, 299)).status).toBe("IN_PROGRESS");
    expect(computeModuleCompletion(onePhase, learner(done, 400, 299)).minutesMissing).toBe(1);
    expect(computeModuleCompletion(onePhase, learner(done, 400, 300)).status).toBe("COMPLETED");
  });

  it("uses the module's own threshold", () => {
    const strict = module(onePhase.phases, 0.9);
    const done = { 1: "COMPLETED", 2: "COMPLETED" } as const;
    expect(computeModuleCompletion(strict, learner(done, 600, 500)).status).toBe("IN_PROGRESS");
    expect(computeModuleCompletion(strict, learner(done, 600, 540)).status).toBe("COMPLETED");
  });

  it("counts only the units meant for the learner's audience", () => {
    const m = module([
      {
        id: 10,
        archived: false,
        units: [unit(1), unit(2, { audience: "ADMINISTRATOR" }), unit(3, { audience: "EMPLOYEE" })],
      },
    ]);
    const employee = computeModuleCompletion(m, learner({ 1: "COMPLETED", 3: "COMPLETED" }));
    expect(employee.requiredUnits).toBe(2);
    expect(employee.status).toBe("COMPLETED");
    const mayor = computeModuleCompletion(m, learner({ 1: "COMPLETED", 3: "COMPLETED" }, 0, 0, "ADMINISTRATOR"));
    expect(mayor.requiredUnits).toBe(2);
    expect(mayor.status).toBe("IN_PROGRESS");
  });

  it("needs both phases for a two-phase module", () => {
    const ict = module([
      { id: 10, archived: false, units: [unit(1), unit(2)] },
      { id: 11, archived: false, units: [unit(3)] },
    ]);
    const firstOnly = computeModuleCompletion(ict, learner({ 1: "COMPLETED", 2: "PASSED" }));
    expect(firstOnly.phases.map((p) => p.status)).toEqual(["COMPLETED", "NOT_STARTED"]);
    expect(firstOnly.status).toBe("IN_PROGRESS");
    expect(computeModuleCompletion(ict, learner({ 1: "COMPLETED", 2: "PASSED", 3: "COMPLETED" })).status).toBe(
      "COMPLETED",
    );
  });

  it("leaves archived units and phases out of the count", () => {
    const m = module([
      { id: 10, archived: false, units: [unit(1), unit(2, { archived: true })] },
      { id: 11, archived: true, units: [unit(3)] },
    ]);
    const c = computeModuleCompletion(m, learner({ 1: "COMPLETED" }));
    expect(c.requiredUnits).toBe(1);
    expect(c.phases).toHaveLength(1);
    expect(c.status).toBe("COMPLETED");
  });
});

describe("requiredAttendanceMinutes", () => {
  it("rounds up to whole minutes", () => {
    expect(requiredAttendanceMinutes(210, 0.75)).toBe(158);
    expect(requiredAttendanceMinutes(840, 0.75)).toBe(630);
    expect(requiredAttendanceMinutes(0, 0.75)).toBe(0);
  });
});

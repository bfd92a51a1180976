import { describe, expect, it } from "vitest";
import { checkSchedule, nextRunAfter, type Schedule } from "~/jobs/schedule";

const every = (minutes: number): Schedule => ({ name: "test", every: minutes });
const daily = (time: string): Schedule => ({ name: "test", dailyAt: time });

describe("nextRunAfter", () => {
  it.each([
    // interval schedules: aligned to the clock, strictly after `from`
    ["every 5 min, between two marks", every(5), "2026-06-10T10:02:30.000Z", "2026-06-10T10:05:00.000Z"],
    ["every 5 min, exactly on a mark", every(5), "2026-06-10T10:05:00.000Z", "2026-06-10T10:10:00.000Z"],
    ["every 5 min, across midnight", every(5), "2026-12-31T23:58:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["every 60 min on the spring change", every(60), "2026-03-29T00:30:00.000Z", "2026-03-29T01:00:00.000Z"],
    ["every 60 min on the autumn change", every(60), "2026-10-25T00:59:59.999Z", "2026-10-25T01:00:00.000Z"],
    ["every 1440 min: UTC midnight", every(1440), "2026-06-10T10:00:00.000Z", "2026-06-11T00:00:00.000Z"],

    // daily at 03:15 in Rome
    ["03:15, later the same day (CET)", daily("03:15"), "2026-01-15T00:00:00.000Z", "2026-01-15T02:15:00.000Z"],
    ["03:15, already passed today (CEST)", daily("03:15"), "2026-07-15T12:00:00.000Z", "2026-07-16T01:15:00.000Z"],
    ["03:15, exactly at the run", daily("03:15"), "2026-07-15T01:15:00.000Z", "2026-07-16T01:15:00.000Z"],
    ["03:15, past midnight in UTC only", daily("03:15"), "2026-07-15T22:30:00.000Z", "2026-07-16T01:15:00.000Z"],
    ["03:15, the day before the spring change", daily("03:15"), "2026-03-28T02:15:00.000Z", "2026-03-29T01:15:00.000Z"],
    ["03:15, on the spring change (CEST)", daily("03:15"), "2026-03-29T00:00:00.000Z", "2026-03-29T01:15:00.000Z"],
    ["03:15, the day after the spring change", daily("03:15"), "2026-03-29T01:15:00.000Z", "2026-03-30T01:15:00.000Z"],
    ["03:15, the day before the autumn change", daily("03:15"), "2026-10-24T01:15:00.000Z", "2026-10-25T02:15:00.000Z"],
    ["03:15, on the autumn change (CET)", daily("03:15"), "2026-10-25T00:30:00.000Z", "2026-10-25T02:15:00.000Z"],
    ["03:15, the day after the autumn change", daily("03:15"), "2026-10-25T02:15:00.000Z", "2026-10-26T02:15:00.000Z"],

    // a time the clock skips or repeats
    ["02:30 skipped in spring: 03:30", daily("02:30"), "2026-03-28T12:00:00.000Z", "2026-03-29T01:30:00.000Z"],
    ["02:30 the day after the spring change", daily("02:30"), "2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"],
    ["02:30 twice in autumn: once, CET", daily("02:30"), "2026-10-24T12:00:00.000Z", "2026-10-25T01:30:00.000Z"],
    ["02:30 after its autumn run: tomorrow", daily("02:30"), "2026-10-25T01:30:00.000Z", "2026-10-26T01:30:00.000Z"],
    ["00:00 in Rome", daily("00:00"), "2026-07-15T22:00:00.000Z", "2026-07-16T22:00:00.000Z"],
  ])("%s", (_what, schedule, from, expected) => {
    expect(nextRunAfter(schedule, new Date(from)).toISOString()).toBe(expected);
  });

  it("is 23 hours from run to run across the spring change and 25 across the autumn one", () => {
    const hours = (from: string) =>
      (nextRunAfter(daily("03:15"), new Date(from)).getTime() - new Date(from).getTime()) / 3_600_000;
    expect(hours("2026-03-28T02:15:00.000Z")).toBe(23);
    expect(hours("2026-10-24T01:15:00.000Z")).toBe(25);
  });

  it.each([
    ["zero minutes", every(0)],
    ["a fraction of a minute", every(2.5)],
    ["more than a day", every(1441)],
    ["a time that is not HH:mm", daily("3:15")],
    ["an hour that does not exist", daily("24:00")],
  ])("refuses %s", (_what, schedule) => {
    expect(() => checkSchedule(schedule)).toThrow(RangeError);
    expect(() => nextRunAfter(schedule, new Date())).toThrow(RangeError);
  });
});

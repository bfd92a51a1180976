import { describe, expect, it } from "vitest";
import { instantToZoned, zonedToInstant } from "~/utils/time";

describe("Europe/Rome times", () => {
  it("converts winter and summer wall-clock times", () => {
    expect(zonedToInstant("2026-11-26", "09:30").toISOString()).toBe("2026-11-26T08:30:00.000Z");
    expect(zonedToInstant("2026-07-15", "09:30").toISOString()).toBe("2026-07-15T07:30:00.000Z");
    expect(instantToZoned(new Date("2026-07-15T07:30:00Z"))).toEqual({ date: "2026-07-15", time: "09:30" });
    expect(instantToZoned(new Date("2026-12-31T23:30:00Z"))).toEqual({ date: "2027-01-01", time: "00:30" });
  });

  it("handles the day of the daylight-saving change", () => {
    expect(zonedToInstant("2026-03-29", "10:00").toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(zonedToInstant("2026-10-25", "10:00").toISOString()).toBe("2026-10-25T09:00:00.000Z");
  });
});

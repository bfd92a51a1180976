// The moderation target of a citizen's request: 10 working days, Italian national holidays out.
import { describe, expect, it } from "vitest";
import { addWorkingDays, isItalianHoliday } from "~/domain/working-days";

describe("working days", () => {
  it("knows the fixed holidays, Easter Monday and San Francesco from 2026", () => {
    expect(isItalianHoliday("2026-12-08")).toBe(true);
    expect(isItalianHoliday("2026-04-06")).toBe(true); // Easter 2026 is 5 April
    expect(isItalianHoliday("2027-03-29")).toBe(true); // Easter 2027 is 28 March
    expect(isItalianHoliday("2025-04-21")).toBe(true); // Easter 2025 is 20 April
    expect(isItalianHoliday("2026-10-04")).toBe(true);
    expect(isItalianHoliday("2025-10-04")).toBe(false);
    expect(isItalianHoliday("2026-11-26")).toBe(false);
  });

  it("skips weekends and holidays", () => {
    // Thursday 26 November 2026 + 10: 27, 30 Nov, 1, 2, 3, 4, 7, 9, 10, 11 Dec (8 Dec is a holiday).
    expect(addWorkingDays("2026-11-26", 10)).toBe("2026-12-11");
    // Across Christmas and New Year: 23, 24, 28, 29, 30, 31 Dec, 4, 5, 7, 8 Jan.
    expect(addWorkingDays("2026-12-22", 10)).toBe("2027-01-08");
    // A request sent on Saturday: Monday is the first working day.
    expect(addWorkingDays("2026-11-28", 1)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-26", 0)).toBe("2026-11-26");
  });
});

import { describe, expect, it } from "vitest";
import {
  CalendarDate,
  DATE_MESSAGE,
  TIME_MESSAGE,
  TimeOfDay,
  calendarDate,
  isCalendarDate,
  isTimeOfDay,
  yearField,
} from "~/domain/dates";

describe("isCalendarDate", () => {
  it("accepts days that exist", () => {
    for (const day of [
      "2026-01-01",
      "2026-01-31",
      "2026-04-30",
      "2026-12-31",
      "2026-02-28",
      "1900-01-01",
      "2100-12-31",
    ]) {
      expect(isCalendarDate(day), day).toBe(true);
    }
  });

  it("refuses the zero date and zero months or days", () => {
    for (const day of ["0000-00-00", "2026-00-10", "2026-01-00"]) expect(isCalendarDate(day), day).toBe(false);
  });

  it("refuses days past the end of their month", () => {
    for (const day of [
      "2026-02-30",
      "2026-02-29",
      "2026-04-31",
      "2026-06-31",
      "2026-09-31",
      "2026-11-31",
      "2026-01-32",
    ]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });

  it("refuses month 13", () => {
    expect(isCalendarDate("2026-13-01")).toBe(false);
  });

  it("knows leap years (every 4, not every 100, every 400)", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2100-02-29")).toBe(false);
  });

  it("refuses years outside 1900–2100", () => {
    for (const day of ["1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"])
      expect(isCalendarDate(day), day).toBe(false);
  });

  it("refuses any other spelling", () => {
    for (const day of [
      "2026-1-5",
      "2026-01-5",
      "26-01-05",
      "02026-01-05",
      "+2026-01-05",
      "05/01/2026",
      "2026/01/05",
      "20260105",
      " 2026-01-05",
      "2026-01-05 ",
      "2026-01-05T00:00",
      "2026-01-05Z",
      "",
    ]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
    for (const value of [20260105, null, undefined, new Date(2026, 0, 5)]) expect(isCalendarDate(value)).toBe(false);
  });
});

describe("CalendarDate", () => {
  it("keeps the text of a real day", () => {
    expect(CalendarDate.parse("2028-02-29")).toBe("2028-02-29");
  });

  it("refuses an impossible or missing day with one Italian message", () => {
    for (const raw of ["0000-00-00", "2026-02-30", "2026-13-01", "2027-02-29", "2026-1-5", undefined]) {
      const r = CalendarDate.safeParse(raw);
      expect(
        r.error?.issues.map((i) => i.message),
        String(raw),
      ).toEqual([DATE_MESSAGE]);
    }
    expect(DATE_MESSAGE).toBe("Inserisci una data valida (gg/mm/aaaa).");
  });

  it("carries the field's own message", () => {
    expect(calendarDate("Inserisci la data di fine.").safeParse("2026-02-30").error?.issues[0].message).toBe(
      "Inserisci la data di fine.",
    );
  });
});

describe("TimeOfDay", () => {
  it("accepts 00:00 to 23:59", () => {
    for (const t of ["00:00", "09:30", "12:00", "19:59", "23:59"]) {
      expect(isTimeOfDay(t), t).toBe(true);
      expect(TimeOfDay.parse(t)).toBe(t);
    }
  });

  it("refuses anything else with one Italian message", () => {
    for (const t of ["24:00", "23:60", "9:30", "09:3", "0930", "09:30:00", " 09:30", "09.30", "-1:00", "", undefined]) {
      expect(isTimeOfDay(t), String(t)).toBe(false);
      expect(
        TimeOfDay.safeParse(t).error?.issues.map((i) => i.message),
        String(t),
      ).toEqual([TIME_MESSAGE]);
    }
  });
});

describe("yearField", () => {
  const year = yearField({ min: 1926, max: 2010, message: "Anno?", rangeMessage: "Fuori misura." });

  it("reads four digits as a number", () => {
    expect(year.parse("1975")).toBe(1975);
  });

  it("refuses other spellings of a number", () => {
    for (const raw of ["1975.0", "0x7B7", "1.975e3", " 1975", "+1975", "975", "01975", "", undefined]) {
      expect(
        year.safeParse(raw).error?.issues.map((i) => i.message),
        String(raw),
      ).toEqual(["Anno?"]);
    }
  });

  it("refuses years out of range with the range message", () => {
    expect(year.safeParse("1850").error?.issues.map((i) => i.message)).toEqual(["Fuori misura."]);
    expect(year.safeParse("2011").error?.issues.map((i) => i.message)).toEqual(["Fuori misura."]);
  });
});

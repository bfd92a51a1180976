/**
 * Working days in Italy (Monday to Friday but the national holidays), for the citizens'
 * moderation target: "within 10 working days" (spec PHASE2 §5.2). A comune's patron saint
 * is not counted: the target is a promise to the citizen, so it errs on the early side.
 */

/** Easter Sunday of a year (Gregorian calendar; the anonymous algorithm), as [month, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const FIXED = ["01-01", "01-06", "04-25", "05-01", "06-02", "08-15", "11-01", "12-08", "12-25", "12-26"];

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Whether a calendar date ("YYYY-MM-DD") is a national holiday in Italy. */
export function isItalianHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (FIXED.includes(monthDay)) return true;
  // San Francesco d'Assisi is a national holiday again from 2026.
  if (year >= 2026 && monthDay === "10-04") return true;
  const [m, d] = easter(year);
  const easterMonday = new Date(Date.UTC(year, m - 1, d + 1));
  return iso(easterMonday) === date;
}

/** The calendar date `n` working days after `date` (both "YYYY-MM-DD"). */
export function addWorkingDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!));
  let left = n;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isItalianHoliday(iso(day))) left--;
  }
  return iso(day);
}

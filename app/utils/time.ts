/** Wall-clock times in the programme's time zone (Europe/Rome) ↔ instants. */
import { isCalendarDate, isTimeOfDay } from "~/domain/dates";

export const PROGRAMME_TZ = "Europe/Rome";

function partsIn(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour"), min: get("minute"), s: get("second") };
}

/**
 * The instant of a local date ("2026-11-26") and time ("09:30") in Europe/Rome. The caller
 * passes checked values (`CalendarDate`, `TimeOfDay`): anything else is a programming error,
 * refused here rather than rolled over (2026-02-30 would otherwise become 2 March).
 */
export function zonedToInstant(date: string, time: string, timeZone = PROGRAMME_TZ): Date {
  if (!isCalendarDate(date) || !isTimeOfDay(time))
    throw new RangeError(`Not a calendar date and time: ${date} ${time}`);
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const wanted = Date.UTC(y, m - 1, d, h, min);
  // Two passes settle the offset, also across a daylight-saving change.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(guess), timeZone);
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** The local date ("YYYY-MM-DD") and time ("HH:mm") of an instant in Europe/Rome. */
export function instantToZoned(instant: Date, timeZone = PROGRAMME_TZ) {
  const p = partsIn(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${p.y}-${pad(p.m)}-${pad(p.d)}`, time: `${pad(p.h)}:${pad(p.min)}` };
}

/** SQLite stores Prisma DateTimes as ISO text with "+00:00": compare in the same format. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** When a scheduled job runs next: every N minutes, or daily at a time in Europe/Rome. */
import { instantToZoned, zonedToInstant } from "~/utils/time";

export type Schedule = { everyMinutes: number } | { dailyAt: string };

/** The next day after a calendar date ("2026-10-25" → "2026-10-26"). */
function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The first run strictly after `from`. Daily times follow Rome's clock across DST changes. */
export function nextRunAfter(schedule: Schedule, from: Date): Date {
  if ("everyMinutes" in schedule) return new Date(from.getTime() + schedule.everyMinutes * 60_000);
  const today = instantToZoned(from).date;
  const candidate = zonedToInstant(today, schedule.dailyAt);
  return candidate > from ? candidate : zonedToInstant(nextDay(today), schedule.dailyAt);
}

/**
 * When a scheduled job runs: every N minutes, or once a day at a wall-clock time in the
 * programme's time zone (Europe/Rome). Pure: the runner (runner.server.ts) asks for the next
 * instant and stores it in `ScheduledJob.nextRunAt` (docs/decisions/016-scheduled-jobs.md).
 */
import { isTimeOfDay } from "~/domain/dates";
import { instantToZoned, PROGRAMME_TZ, zonedToInstant } from "~/utils/time";

/** Every `every` minutes, on the multiples of that period since the Unix epoch (UTC). */
export type EverySchedule = { name: string; every: number };
/** Once a day at `dailyAt` ("HH:mm") in Europe/Rome. */
export type DailySchedule = { name: string; dailyAt: string };
export type Schedule = EverySchedule | DailySchedule;

const MINUTE = 60_000;

/** Throws on a schedule no clock can follow (a programming error in the registry). */
export function checkSchedule(schedule: Schedule): void {
  if ("every" in schedule) {
    if (!Number.isInteger(schedule.every) || schedule.every < 1 || schedule.every > 24 * 60)
      throw new RangeError(`${schedule.name}: "every" must be whole minutes from 1 to 1440, not ${schedule.every}`);
  } else if (!isTimeOfDay(schedule.dailyAt)) {
    throw new RangeError(`${schedule.name}: "dailyAt" must be HH:mm, not ${schedule.dailyAt}`);
  }
}

/** The day after a calendar date ("2026-03-29" → "2026-03-30"). */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The first instant strictly after `from` at which the schedule fires. Interval schedules
 * are aligned to the clock (every 5 minutes: :00, :05, …), so every instance of the app
 * computes the same instant. Daily schedules follow Rome's clock across daylight saving: on
 * the day the clock skips an hour, a time inside the gap runs at the same minutes of the
 * next hour (02:30 → 03:30 CEST); on the day an hour repeats, a time inside it runs once, at
 * its second occurrence (02:30 CET).
 */
export function nextRunAfter(schedule: Schedule, from: Date): Date {
  checkSchedule(schedule);
  if ("every" in schedule) {
    const period = schedule.every * MINUTE;
    return new Date((Math.floor(from.getTime() / period) + 1) * period);
  }
  const today = instantToZoned(from, PROGRAMME_TZ).date;
  const candidate = zonedToInstant(today, schedule.dailyAt, PROGRAMME_TZ);
  if (candidate.getTime() > from.getTime()) return candidate;
  return zonedToInstant(nextDay(today), schedule.dailyAt, PROGRAMME_TZ);
}

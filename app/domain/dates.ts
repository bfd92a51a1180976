/**
 * Calendar dates, times of day and years typed into forms and URLs, checked by arithmetic.
 * NOTE: the text is later turned into an instant with `Date.UTC` (app/utils/time.ts), which
 * rolls over instead of refusing: "2026-02-30" became 2 March and "0000-00-00" 30 November
 * 1899. So only days that exist in the Gregorian calendar pass, in a sane range of years.
 */
import { z } from "zod";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** Read next to a date input, which shows the day as gg/mm/aaaa whatever it sends. */
export const DATE_MESSAGE = "Inserisci una data valida (gg/mm/aaaa).";
export const TIME_MESSAGE = "Inserisci un'ora valida (hh:mm).";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;

function isLeapYear(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether a text is a day that exists, written YYYY-MM-DD, with a year from 1900 to 2100. */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== "string") return false;
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return (
    year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Whether a text is a time of day written HH:mm, from 00:00 to 23:59. */
export function isTimeOfDay(text: unknown): text is string {
  return typeof text === "string" && HOUR_MINUTE.test(text);
}

/**
 * A date field (YYYY-MM-DD, as a date input sends it) that must be a real day; the output
 * stays the text. One message for a missing and an impossible date.
 */
export function calendarDate(message: string = DATE_MESSAGE) {
  return z.string({ error: message }).refine(isCalendarDate, message);
}

/** A date field with the generic message. */
export const CalendarDate = calendarDate();

/** A time field (HH:mm, as a time input sends it); the output stays the text. */
export function timeOfDay(message: string = TIME_MESSAGE) {
  return z.string({ error: message }).refine(isTimeOfDay, message);
}

/** A time field with the generic message. */
export const TimeOfDay = timeOfDay();

/**
 * A year written with four digits, as a number between `min` and `max`. `message` is shown
 * for text that is not a year ("1975.0", "0x7B7", "1.975e3"), `rangeMessage` for a year
 * outside the bounds; the bounds stay on the number, so the input gets them as min and max.
 */
export function yearField(options: { min: number; max: number; message: string; rangeMessage: string }) {
  return z
    .string({ error: options.message })
    .regex(/^\d{4}$/, options.message)
    .transform(Number)
    .pipe(z.number().min(options.min, options.rangeMessage).max(options.max, options.rangeMessage));
}

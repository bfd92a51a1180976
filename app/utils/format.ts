/** Locale-aware formatting (dates in Europe/Rome, the programme's time zone). */
import { PROGRAMME_TZ } from "./time";

// Intl formatters are expensive to build and immutable: one per locale and style.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `d:${locale}:${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: PROGRAMME_TZ })));
  return f;
}
function numberFormatter(locale: string, options: Intl.NumberFormatOptions) {
  const key = `n:${locale}:${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatDate(iso: string | Date, locale: string) {
  return dateFormatter(locale, { dateStyle: "medium" }).format(new Date(iso));
}

export function formatDateTime(iso: string | Date, locale: string) {
  return dateFormatter(locale, { dateStyle: "full", timeStyle: "short" }).format(new Date(iso));
}

export function formatTime(iso: string | Date, locale: string) {
  return dateFormatter(locale, { timeStyle: "short" }).format(new Date(iso));
}

export function formatHours(minutes: number, locale: string) {
  return numberFormatter(locale, { maximumFractionDigits: 1 }).format(minutes / 60);
}

export function formatPercent(share: number, locale: string) {
  return numberFormatter(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

export function formatNumber(value: number, locale: string) {
  return numberFormatter(locale, { maximumFractionDigits: 1 }).format(value);
}

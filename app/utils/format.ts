/** Locale-aware formatting (dates in Europe/Rome, the programme's time zone). */
const TZ = "Europe/Rome";

export function formatDate(iso: string | Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: TZ }).format(new Date(iso));
}

export function formatDateTime(iso: string | Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: TZ }).format(new Date(iso));
}

export function formatTime(iso: string | Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: TZ }).format(new Date(iso));
}

export function formatHours(minutes: number, locale: string) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60);
}

export function formatPercent(share: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/**
 * How long a citizen's request keeps personal data (PHASE2 §5.2, "Retention"; the purge job
 * is app/jobs/registry.server.ts). Pure dates: the citizen form sets `contactPurgeAt` with
 * `contactPurgeAt()` at submit and again at moderation; the job removes what is due.
 */
import { addMonths as addCalendarMonths } from "~/domain/assessment-scoring";

/** The contact e-mail is kept at most this many months after the cycle closes. */
export const CONTACT_RETENTION_MONTHS = 12;

/** The per-address rate-limit hash is kept this many days after the request. */
export const IP_HASH_RETENTION_DAYS = 30;

type CitizenRequestStatus = "RECEIVED" | "APPROVED" | "REJECTED" | "SPAM" | "MERGED";

/**
 * Statuses that close a request, so its contact e-mail goes at once. An APPROVED request
 * stays open: it closes when the need it feeds is done (a later issue).
 */
export const CLOSING_STATUSES: readonly CitizenRequestStatus[] = ["REJECTED", "SPAM", "MERGED"];

/** Whether moderating a request to this status closes it. */
export function closesRequest(status: CitizenRequestStatus): boolean {
  return CLOSING_STATUSES.includes(status);
}

/** The same instant `months` later by the UTC calendar; 29 February → 28 February. */
export function addMonths(date: Date, months: number): Date {
  const iso = date.toISOString();
  return new Date(`${addCalendarMonths(iso.slice(0, 10), months)}${iso.slice(10)}`);
}

/**
 * When the contact e-mail of a request is purged: 12 months after its cycle closes or when
 * the request is closed, whichever comes first. `cycleClosesAt` is the `closesAt` of the
 * area's cycle the request arrived in (null when no cycle was open: the 12 months then run
 * from the request); a cycle that closed before the request counts from the request, so a
 * late request never loses its contact on arrival. `closedAt` is when moderation closed the
 * request (`closesRequest`), or null while it is open.
 */
export function contactPurgeAt(input: { createdAt: Date; cycleClosesAt: Date | null; closedAt: Date | null }): Date {
  const { createdAt, cycleClosesAt, closedAt } = input;
  const start = cycleClosesAt && cycleClosesAt.getTime() > createdAt.getTime() ? cycleClosesAt : createdAt;
  const byRetention = addMonths(start, CONTACT_RETENTION_MONTHS);
  return closedAt && closedAt.getTime() < byRetention.getTime() ? closedAt : byRetention;
}

/** Requests created at or before this instant lose their address hash. */
export function ipHashCutoff(now: Date): Date {
  return new Date(now.getTime() - IP_HASH_RETENTION_DAYS * 24 * 60 * 60 * 1000);
}

/** What lists and headings show of an edition and of a session, selected the same way everywhere. */
import type { Prisma } from "~/generated/prisma/client";

export const EDITION_SUMMARY = {
  id: true,
  code: true,
  title: true,
  status: true,
  startsOn: true,
  endsOn: true,
  moduleId: true,
  phaseId: true,
  module: { select: { title: true } },
  phase: { select: { title: true } },
  area: { select: { name: true } },
} as const satisfies Prisma.EditionSelect;

type EditionSummaryRow = Prisma.EditionGetPayload<{ select: typeof EDITION_SUMMARY }>;

/** The summary as the page receives it (dates as ISO strings, names flattened). */
export function editionSummary(e: EditionSummaryRow) {
  return {
    id: e.id,
    code: e.code,
    title: e.title,
    status: e.status,
    startsOn: e.startsOn.toISOString(),
    endsOn: e.endsOn.toISOString(),
    module: e.module.title,
    phase: e.phase?.title ?? null,
    area: e.area.name,
  };
}

/** What anyone is shown of a session: title, when, how and where. */
export const SESSION_WHEN_WHERE = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  mode: true,
  place: true,
  link: true,
} as const satisfies Prisma.SessionSelect;

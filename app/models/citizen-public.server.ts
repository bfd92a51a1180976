/**
 * The reads of the citizens' public pages (/segnala, docs/phase2.md): which comuni take
 * requests, one comune by its ISTAT code, how many requests wait for a moderator, which
 * published requests a browser already supported today. Nothing here reads a citizen's text.
 */
import { prisma } from "~/utils/db.server";

/** A comune of the programme that takes requests: active, with an ISTAT code. */
const publicComune = { kind: "COMUNE", active: true, istatCode: { not: null } } as const;

/** The comuni that take requests, grouped by area (areas and comuni by name). */
export async function listCitizenComuni() {
  const comuni = await prisma.organisation.findMany({
    where: publicComune,
    select: { name: true, istatCode: true, area: { select: { id: true, name: true } } },
    orderBy: [{ area: { name: "asc" } }, { name: "asc" }],
  });
  const areas = new Map<number, { name: string; comuni: { name: string; istatCode: string }[] }>();
  for (const c of comuni) {
    const area = areas.get(c.area.id) ?? { name: c.area.name, comuni: [] };
    area.comuni.push({ name: c.name, istatCode: c.istatCode! });
    areas.set(c.area.id, area);
  }
  return [...areas.values()];
}

/** The comune with this ISTAT code, if it takes requests; null otherwise. */
export function findCitizenComune(istatCode: string) {
  return prisma.organisation.findFirst({
    where: { ...publicComune, istatCode },
    select: { id: true, name: true, istatCode: true },
  });
}

/** Requests of the comune still waiting for a moderator (the public list shows the count). */
export function pendingRequestCount(organisationId: number) {
  return prisma.citizenRequest.count({ where: { organisationId, status: "RECEIVED" } });
}

/** Whether a published request belongs to the comune: "Anche per me" is pressed on its list. */
export async function isPublishedRequestOf({ id, organisationId }: { id: number; organisationId: number }) {
  const found = await prisma.citizenRequest.findFirst({
    where: { id, organisationId, status: "APPROVED", publicSummary: { not: null } },
    select: { id: true },
  });
  return found !== null;
}

/** Of the given requests, those this voter already supported on this day. */
export async function supportedOn({
  voterHash,
  day,
  requestIds,
}: {
  voterHash: string;
  day: string;
  requestIds: number[];
}) {
  if (requestIds.length === 0) return new Set<number>();
  const rows = await prisma.citizenSupport.findMany({
    where: { voterHash, day, requestId: { in: requestIds } },
    select: { requestId: true },
  });
  return new Set(rows.map((r) => r.requestId));
}

/** The logged-in user, looked up once per HTTP request from the session cookie. */
import type { LearnerAudience } from "~/domain/completion";
import { prisma } from "~/utils/db.server";
import { memoPerRequest } from "~/utils/request-memo.server";
import { getLiveSession } from "~/utils/session.server";
import type { RoleName } from "./capabilities";

export type CurrentUser = {
  id: number;
  email: string;
  personId: number;
  firstName: string;
  lastName: string;
  /** the person's position: which content a learner sees */
  position: LearnerAudience;
  locale: string;
  roles: RoleName[];
  /** areas a coordinator role covers (empty for others) */
  coordinatorAreaIds: number[];
  /** the one organisation a municipal referent acts for (null for others) */
  referentOrganisationId: number | null;
  /** the organisation the person works for: a learner reads its validated phase-2 profile */
  organisationId: number;
};

/** The logged-in user, or null (looked up once per HTTP request). */
export function getUser(request: Request): Promise<CurrentUser | null> {
  return memoPerRequest(request, "user", () => lookUpUser(request));
}

async function lookUpUser(request: Request): Promise<CurrentUser | null> {
  const session = await getLiveSession(request);
  if (!session) return null;
  const user = await prisma.user.findUnique({
    where: { id: session.userId },
    select: {
      id: true,
      email: true,
      locale: true,
      personId: true,
      person: { select: { firstName: true, lastName: true, position: true, organisationId: true } },
      roles: { select: { role: true, areaId: true, organisationId: true } },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    personId: user.personId,
    firstName: user.person.firstName,
    lastName: user.person.lastName,
    position: user.person.position,
    locale: user.locale,
    roles: [...new Set(user.roles.map((r) => r.role as RoleName))],
    coordinatorAreaIds: user.roles
      .filter((r) => r.role === "COORDINATOR" && r.areaId !== null)
      .map((r) => r.areaId as number),
    referentOrganisationId: user.roles.find((r) => r.role === "REFERENT")?.organisationId ?? null,
    organisationId: user.person.organisationId,
  };
}

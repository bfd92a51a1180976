/** People and accounts, scoped to the actor's areas in every query. */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import type { PeopleParams, PersonCreateInput } from "~/domain/person-schema";
import { audit } from "~/utils/audit.server";
import type { CurrentUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { queueMail } from "~/utils/mail.server";
import type { RoleName } from "~/utils/permissions";

/** Organisation filter for the actor: every organisation for an admin, their areas' for a coordinator. */
function organisationScope(user: CurrentUser): Prisma.OrganisationWhereInput {
  return user.roles.includes("ADMIN") ? {} : { areaId: { in: user.coordinatorAreaIds } };
}

/** One page of people in the actor's scope, filtered and sorted by the database. */
export async function listPeople(user: CurrentUser, params: PeopleParams) {
  const where: Prisma.PersonWhereInput = {
    organisation: organisationScope(user),
    anonymisedAt: null,
    ...(params.org ? { organisationId: params.org } : {}),
    ...(params.position ? { position: params.position } : {}),
    ...(params.q
      ? {
          OR: [
            { firstName: { contains: params.q } },
            { lastName: { contains: params.q } },
            { email: { contains: params.q } },
          ],
        }
      : {}),
  };
  const dir = params.dir;
  const orderBy: Prisma.PersonOrderByWithRelationInput[] = {
    name: [{ lastName: dir }, { firstName: dir }],
    organisation: [{ organisation: { name: dir } }, { lastName: "asc" as const }],
    position: [{ position: dir }, { lastName: "asc" as const }],
    email: [{ email: dir }],
  }[params.sort];
  const [total, rows] = await Promise.all([
    prisma.person.count({ where }),
    prisma.person.findMany({
      where,
      orderBy: [...orderBy, { id: "asc" }],
      skip: (params.page - 1) * params.size,
      take: params.size,
      select: {
        id: true,
        firstName: true,
        lastName: true,
        email: true,
        position: true,
        role: true,
        office: true,
        organisation: { select: { name: true } },
        user: { select: { active: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((p) => ({
      id: p.id,
      name: `${p.lastName} ${p.firstName}`,
      email: p.email ?? "",
      position: p.position,
      office: [p.role, p.office].filter(Boolean).join(" — "),
      organisation: p.organisation.name,
      account: Boolean(p.user?.active),
    })),
  };
}

/** Organisations the actor may pick, for filters and forms. */
export function listScopedOrganisations(user: CurrentUser) {
  return prisma.organisation.findMany({
    where: { ...organisationScope(user), active: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}

/** Roles the actor may grant: coordinators enrol learners; admins grant any role. */
export function grantableRoles(user: CurrentUser): RoleName[] {
  return user.roles.includes("ADMIN") ? ["LEARNER", "TRAINER", "COORDINATOR", "ADMIN"] : ["LEARNER"];
}

export const PASSWORD_LINK_DAYS = 7;

/** SHA-256 of a one-time token: only the hash is stored. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export type CreatePersonResult =
  | { ok: true; personId: number; name: string; token: string | null }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Creates a person and, when asked, their account with roles, a one-time password link
 * and the outbox message — all in one transaction, with audit rows.
 */
export async function createPerson(
  actor: CurrentUser,
  input: PersonCreateInput,
  meta: { requestId: string | null; origin: string; now?: Date },
): Promise<CreatePersonResult> {
  const now = meta.now ?? new Date();
  const organisation = await prisma.organisation.findFirst({
    where: { id: input.organisationId, ...organisationScope(actor) },
    select: { id: true, areaId: true },
  });
  if (!organisation) return { ok: false, fieldErrors: { organisationId: ["Ente non valido o fuori dalle tue aree."] } };
  const allowed = grantableRoles(actor);
  const refused = input.roles.filter((r) => !allowed.includes(r));
  if (input.createAccount && refused.length > 0) {
    return { ok: false, fieldErrors: { roles: ["Non puoi assegnare questo ruolo."] } };
  }
  if (input.email) {
    const taken = await prisma.person.findFirst({
      where: { OR: [{ email: input.email }, { user: { email: input.email } }] },
      select: { id: true },
    });
    const takenUser = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken || takenUser) return { ok: false, fieldErrors: { email: ["Questa email è già registrata."] } };
  }

  const token = input.createAccount ? randomBytes(32).toString("base64url") : null;
  const person = await prisma.$transaction(async (tx) => {
    const created = await tx.person.create({
      data: {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        organisationId: organisation.id,
        position: input.position,
        role: input.role || null,
        office: input.office || null,
        gender: input.gender,
        birthYear: input.birthYear ?? null,
        educationLevel: input.educationLevel,
      },
      select: { id: true, firstName: true, lastName: true, email: true, organisationId: true, position: true },
    });
    await audit(tx, { actorId: actor.id, action: "person.create", entity: "Person", entityId: created.id, after: created, requestId: meta.requestId });
    if (input.createAccount && input.email && token) {
      const user = await tx.user.create({ data: { email: input.email, personId: created.id }, select: { id: true } });
      const roles = [...new Set(input.roles)].map((role) => ({
        userId: user.id,
        role,
        areaId: role === "COORDINATOR" ? organisation.areaId : null,
      }));
      await tx.roleAssignment.createMany({ data: roles });
      await audit(tx, { actorId: actor.id, action: "role.grant", entity: "User", entityId: user.id, after: roles, requestId: meta.requestId });
      await tx.passwordToken.create({
        data: {
          tokenHash: hashToken(token),
          purpose: "SET_PASSWORD",
          userId: user.id,
          createdById: actor.id,
          expiresAt: new Date(now.getTime() + PASSWORD_LINK_DAYS * 24 * 3600 * 1000),
        },
      });
      await queueMail(tx, {
        to: input.email,
        subject: "Capacitas: imposta la tua password",
        body: `Buongiorno ${created.firstName},\n\nè stato creato il tuo account su Capacitas. Per scegliere la password apri questo collegamento (valido ${PASSWORD_LINK_DAYS} giorni):\n\n${meta.origin}/imposta-password/${token}\n`,
      });
    }
    return created;
  });
  return { ok: true, personId: person.id, name: `${person.firstName} ${person.lastName}`, token };
}

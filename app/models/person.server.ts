/** People and accounts, scoped to the actor's areas in every query. */
import { createHash, randomBytes } from "node:crypto";
import { can, type RoleName } from "~/access/capabilities";
import { editionWhere, organisationWhere, personWhere, type Actor, type AreaScope } from "~/access/scope.server";
import type { PeopleParams, PersonCreateInput, PersonUpdateInput } from "~/domain/person-schema";
import type { Prisma } from "~/generated/prisma/client";
import { recordProgress } from "~/models/progress.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/http.server";
import { queueMail } from "~/utils/mail.server";

/** One page of people in the actor's scope, filtered and sorted by the database. */
export async function listPeople({ scope, params }: { scope: AreaScope; params: PeopleParams }) {
  const where: Prisma.PersonWhereInput = {
    ...personWhere(scope),
    // Deactivated people are kept (their records count) but hidden unless asked for.
    ...(params.inactive ? {} : { active: true }),
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
        active: true,
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
      active: p.active,
    })),
  };
}

/** Organisations the actor may pick, for filters and forms. */
export function listScopedOrganisations({ scope }: { scope: AreaScope }) {
  return prisma.organisation.findMany({
    where: { ...organisationWhere(scope), active: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}

/** Roles the actor may grant: coordinators enrol learners; admins grant any role. */
export function grantableRoles(actor: Pick<Actor, "roles">): RoleName[] {
  return can(actor.roles, "role:grant:all") ? ["LEARNER", "TRAINER", "COORDINATOR", "ADMIN"] : ["LEARNER"];
}

export const PASSWORD_LINK_DAYS = 7;

/** SHA-256 of a one-time token: only the hash is stored. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export type CreatePersonResult =
  { ok: true; personId: number; name: string; token: string | null } | { ok: false; fieldErrors: FieldErrors };

/** The message with the one-time link that lets a new account holder choose a password. */
export function accountInvitation(firstName: string, origin: string, token: string) {
  return {
    subject: "Capacitas: imposta la tua password",
    body: `Buongiorno ${firstName},\n\nè stato creato il tuo account su Capacitas. Per scegliere la password apri questo collegamento (valido ${PASSWORD_LINK_DAYS} giorni):\n\n${origin}/imposta-password/${token}\n`,
  };
}

const OUT_OF_SCOPE: FieldErrors = { organisationId: ["Ente non valido o fuori dalle tue aree."] };
const EMAIL_TAKEN: FieldErrors = { email: ["Questa email è già registrata."] };

/** Whether the organisation is one of the scope's. */
async function organisationInScope(scope: AreaScope, id: number) {
  return (await prisma.organisation.count({ where: { id, ...organisationWhere(scope) } })) > 0;
}

/** Whether an e-mail is held by a person or an account other than `exceptPersonId`'s. */
async function emailTaken(email: string, exceptPersonId?: number) {
  const [person, user] = await Promise.all([
    prisma.person.findFirst({
      where: { email, ...(exceptPersonId ? { id: { not: exceptPersonId } } : {}) },
      select: { id: true },
    }),
    prisma.user.findFirst({
      where: { email, ...(exceptPersonId ? { personId: { not: exceptPersonId } } : {}) },
      select: { id: true },
    }),
  ]);
  return Boolean(person || user);
}

/** What the database says against a new person: organisation in scope, roles the actor grants, a free e-mail. */
export async function newPersonProblems({
  scope,
  actor,
  input,
}: {
  scope: AreaScope;
  actor: Actor;
  input: PersonCreateInput;
}): Promise<FieldErrors> {
  if (!(await organisationInScope(scope, input.organisationId))) return OUT_OF_SCOPE;
  const allowed = grantableRoles(actor);
  if (input.createAccount && input.roles.some((r) => !allowed.includes(r))) {
    return { roles: ["Non puoi assegnare questo ruolo."] };
  }
  if (input.email && (await emailTaken(input.email))) return EMAIL_TAKEN;
  return {};
}

/**
 * Creates a person and, when asked, their account with roles, a one-time password link
 * and the outbox message — all in one transaction, with audit rows.
 */
export async function createPerson({
  scope,
  actor,
  input,
  origin,
}: {
  scope: AreaScope;
  actor: Actor;
  input: PersonCreateInput;
  /** the public address the invitation links to */
  origin: string;
}): Promise<CreatePersonResult> {
  const now = actor.now ?? new Date();
  const fieldErrors = await newPersonProblems({ scope, actor, input });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: input.organisationId },
    select: { id: true, areaId: true },
  });
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
    await audit(tx, actor, {
      action: "person.create",
      entity: "Person",
      entityId: created.id,
      after: created,
    });
    if (input.createAccount && input.email && token) {
      const user = await tx.user.create({ data: { email: input.email, personId: created.id }, select: { id: true } });
      const roles = [...new Set(input.roles)].map((role) => ({
        userId: user.id,
        role,
        areaId: role === "COORDINATOR" ? organisation.areaId : null,
      }));
      await tx.roleAssignment.createMany({ data: roles });
      await audit(tx, actor, {
        action: "role.grant",
        entity: "User",
        entityId: user.id,
        after: roles,
      });
      await tx.passwordToken.create({
        data: {
          tokenHash: hashToken(token),
          purpose: "SET_PASSWORD",
          userId: user.id,
          createdById: actor.userId,
          expiresAt: new Date(now.getTime() + PASSWORD_LINK_DAYS * 24 * 3600 * 1000),
        },
      });
      await queueMail(tx, { to: input.email, ...accountInvitation(created.firstName, origin, token) });
    }
    return created;
  });
  return { ok: true, personId: person.id, name: `${person.firstName} ${person.lastName}`, token };
}

// ───────────────────────────── editing and deactivation (/persone/:id) ─────────────────────────────

/** The person if in scope (their organisation is in the coordinator's areas), else null. */
export function findManagedPerson({ id, scope }: { id: number; scope: AreaScope }) {
  return prisma.person.findFirst({
    where: { id, ...personWhere(scope) },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      organisationId: true,
      position: true,
      role: true,
      office: true,
      gender: true,
      birthYear: true,
      educationLevel: true,
      active: true,
      deactivatedAt: true,
      organisation: { select: { name: true } },
      user: {
        select: {
          id: true,
          email: true,
          active: true,
          lastLoginAt: true,
          passwordSetAt: true,
          roles: { select: { role: true } },
        },
      },
      enrolments: {
        where: { edition: editionWhere(scope) },
        orderBy: { enrolledAt: "desc" },
        select: {
          status: true,
          enrolledAt: true,
          withdrawnAt: true,
          edition: { select: { id: true, code: true, title: true } },
        },
      },
    },
  });
}
export type ManagedPerson = NonNullable<Awaited<ReturnType<typeof findManagedPerson>>>;

/** Whether the actor may act on the person's account (email, deactivation): only accounts whose roles they could grant. */
export function canManageAccount(actor: Pick<Actor, "roles">, person: Pick<ManagedPerson, "user">) {
  const allowed = grantableRoles(actor);
  return (person.user?.roles ?? []).every((r) => allowed.includes(r.role as RoleName));
}

const PERSON_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "organisationId",
  "position",
  "role",
  "office",
  "gender",
  "birthYear",
  "educationLevel",
] as const;

/**
 * Saves the edit form: organisation within the actor's areas, email unique (and copied to the
 * account, which logs in with it). Writes only when something changed, with an audit row of
 * the changed fields; a change of position changes which units are required, so the stored
 * completion of the person's active enrolments is recomputed in the same transaction.
 */
/** What the database says against the edit form: organisation in scope, e-mail rules of the account. */
export async function personUpdateProblems({
  scope,
  actor,
  person,
  input,
}: {
  scope: AreaScope;
  actor: Actor;
  person: ManagedPerson;
  input: PersonUpdateInput;
}): Promise<FieldErrors> {
  if (!(await organisationInScope(scope, input.organisationId))) return OUT_OF_SCOPE;
  const email = input.email ?? null;
  if (email === person.email) return {};
  if (person.user && !email) {
    return { email: ["La persona ha un account: l'email serve per accedere e non può restare vuota."] };
  }
  if (person.user && !canManageAccount(actor, person)) {
    return { email: ["Non puoi cambiare l'email di un account con ruoli che non gestisci."] };
  }
  if (email && (await emailTaken(email, person.id))) return EMAIL_TAKEN;
  return {};
}

export async function updatePerson({
  scope,
  actor,
  person,
  input,
}: {
  scope: AreaScope;
  actor: Actor;
  person: ManagedPerson;
  input: PersonUpdateInput;
}): Promise<{ ok: true; changed: boolean } | { ok: false; fieldErrors: FieldErrors }> {
  const now = actor.now ?? new Date();
  const fieldErrors = await personUpdateProblems({ scope, actor, person, input });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const email = input.email ?? null;
  const next = {
    firstName: input.firstName,
    lastName: input.lastName,
    email,
    organisationId: input.organisationId,
    position: input.position,
    role: input.role || null,
    office: input.office || null,
    gender: input.gender,
    birthYear: input.birthYear ?? null,
    educationLevel: input.educationLevel,
  };
  const changedFields = PERSON_FIELDS.filter((f) => next[f] !== person[f]);
  if (changedFields.length === 0) return { ok: true, changed: false };
  await prisma.$transaction(
    async (tx) => {
      await tx.person.update({ where: { id: person.id }, data: next, select: { id: true } });
      if (person.user && email && email !== person.user.email) {
        await tx.user.update({ where: { id: person.user.id }, data: { email }, select: { id: true } });
      }
      await audit(tx, actor, {
        action: "person.update",
        entity: "Person",
        entityId: person.id,
        before: Object.fromEntries(changedFields.map((f) => [f, person[f]])),
        after: Object.fromEntries(changedFields.map((f) => [f, next[f]])),
      });
      if (next.position !== person.position) {
        const modules = await tx.enrolment.findMany({
          where: { personId: person.id, status: "ACTIVE" },
          distinct: ["editionId"],
          select: { edition: { select: { moduleId: true } } },
        });
        for (const moduleId of new Set(modules.map((m) => m.edition.moduleId))) {
          await recordProgress(tx, { personId: person.id, moduleId, actor: { ...actor, now }, activityAt: null });
        }
      }
    },
    { timeout: 20_000 },
  );
  return { ok: true, changed: true };
}

/**
 * Deactivates (or reactivates) a person: the person and their account are kept with every
 * record, the account stops working and its sessions are ended. Audited. Nobody deactivates
 * themselves, and a coordinator cannot deactivate an account holding roles they cannot grant.
 */
export async function setPersonActive({
  actor,
  person,
  active,
}: {
  actor: Actor;
  person: ManagedPerson;
  active: boolean;
}): Promise<{ ok: true; changed: boolean } | { ok: false; message: string }> {
  const now = actor.now ?? new Date();
  if (!active && person.user !== null && person.user.id === actor.userId) {
    return { ok: false, message: "Non puoi disattivare la tua stessa scheda." };
  }
  if (!canManageAccount(actor, person))
    return { ok: false, message: "Non puoi cambiare lo stato di un account con ruoli che non gestisci." };
  const changed = await prisma.$transaction(async (tx) => {
    const updated = await tx.person.updateMany({
      where: { id: person.id, active: !active },
      data: { active, deactivatedAt: active ? null : now },
    });
    if (updated.count === 0) return false;
    if (person.user) {
      await tx.user.update({ where: { id: person.user.id }, data: { active }, select: { id: true } });
      if (!active) await tx.authSession.deleteMany({ where: { userId: person.user.id } });
    }
    await audit(tx, actor, {
      action: active ? "person.reactivate" : "person.deactivate",
      entity: "Person",
      entityId: person.id,
      before: { active: !active, deactivatedAt: person.deactivatedAt, accountActive: person.user?.active ?? null },
      after: { active, deactivatedAt: active ? null : now, accountActive: person.user ? active : null },
    });
    return true;
  });
  return { ok: true, changed };
}

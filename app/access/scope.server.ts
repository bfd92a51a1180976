/**
 * Scopes: what part of the data an actor may see or change, as typed values. A guard
 * (`guards.server.ts`) turns the request into a scope; models put the scope into the
 * `where` of every query through the clauses below, each written once. A foreign id then
 * matches no row: the caller answers 404 and nothing is read or written.
 */
import { Prisma } from "~/generated/prisma/client";
import type { LearnerAudience } from "~/domain/completion";
import type { RoleName } from "./capabilities";

/** A learner's own records. */
export type OwnScope = { kind: "own"; personId: number; userId: number; position: LearnerAudience };

/** The editions assigned to a trainer (every one of them). */
export type TrainerScope = { kind: "trainer"; userId: number };

/** One edition, run by this trainer (the guard has checked the assignment). */
export type EditionScope = { kind: "edition"; userId: number; editionId: number };

/** A coordinator's areas; `areaIds: null` means every area (admin). */
export type AreaScope = { kind: "area"; areaIds: number[] | null };

/** One organisation (phase 2: the municipal referent of one comune). */
export type OrganisationScope = { kind: "organisation"; organisationId: number };

/** Everything (system administration). */
export type AllScope = { kind: "all" };

/**
 * ICT phase 2 (docs/phase2.md): the union of what each role granting the capability covers.
 * A part a role does not contribute is `null` (or `[]` for the areas).
 */
export type Phase2Scope = {
  kind: "phase2";
  /** as facilitator: the cycles of the phase-2 editions this user trains */
  facilitatorUserId: number | null;
  /** as coordinator: these areas; `null` = every area (admin) */
  areaIds: number[] | null;
  /** as municipal referent: this organisation */
  organisationId: number | null;
  /** as learner (`profile:read:phase2` only): the validated assessments of this organisation */
  learnerOrganisationId: number | null;
};

export type Scope = OwnScope | TrainerScope | EditionScope | AreaScope | OrganisationScope | AllScope | Phase2Scope;

/**
 * Who acts in a write: the user (null for the system: the demo seed, a scheduled job), the
 * roles they act with (what they may grant), and the request that carried it — for the
 * audit rows. `now` pins the clock in tests and seeds.
 */
export type Actor = { userId: number | null; roles: readonly RoleName[]; requestId: string | null; now?: Date };

// ───────────────────────────── where-clauses ─────────────────────────────

/** Editions in scope: the trainer's, one of them, or those of the coordinator's areas. */
export function editionWhere(scope: TrainerScope | EditionScope | AreaScope): Prisma.EditionWhereInput {
  switch (scope.kind) {
    case "trainer":
      return { trainers: { some: { userId: scope.userId } } };
    case "edition":
      return { id: scope.editionId, trainers: { some: { userId: scope.userId } } };
    case "area":
      return scope.areaIds === null ? {} : { areaId: { in: scope.areaIds } };
  }
}

/** The area scope in raw SQL, on a column that holds an area id (e.g. `ed."areaId"`). */
export function areaSql(scope: AreaScope, column: Prisma.Sql): Prisma.Sql {
  if (scope.areaIds === null) return Prisma.sql`1 = 1`;
  return scope.areaIds.length ? Prisma.sql`${column} IN (${Prisma.join(scope.areaIds)})` : Prisma.sql`1 = 0`;
}

/** Areas in scope. */
export function areaWhere(scope: AreaScope): Prisma.AreaWhereInput {
  return scope.areaIds === null ? {} : { id: { in: scope.areaIds } };
}

/** Organisations in scope: those of the coordinator's areas, or the referent's one. */
export function organisationWhere(scope: AreaScope | OrganisationScope): Prisma.OrganisationWhereInput {
  if (scope.kind === "organisation") return { id: scope.organisationId };
  return scope.areaIds === null ? {} : { areaId: { in: scope.areaIds } };
}

/** People in scope: those of the organisations in scope (never anonymised ones). */
export function personWhere(scope: AreaScope | OrganisationScope): Prisma.PersonWhereInput {
  return { anonymisedAt: null, organisation: organisationWhere(scope) };
}

/** The learner's module: active, meant for them, and one they are actively enrolled in. */
export function enrolledModuleWhere(scope: OwnScope, slug: string): Prisma.ModuleWhereInput {
  return {
    slug,
    archivedAt: null,
    audience: { in: audiencesFor(scope.position) },
    editions: { some: { enrolments: { some: { personId: scope.personId, status: "ACTIVE" } } } },
  };
}

/** The content audiences a learner of this position sees. */
export function audiencesFor(position: LearnerAudience): ("ALL" | "ADMINISTRATOR" | "EMPLOYEE")[] {
  return position === "EXTERNAL" ? ["ALL"] : ["ALL", position];
}

/** Sessions of the editions the learner is actively enrolled in. */
export function ownSessionWhere(scope: OwnScope): Prisma.SessionWhereInput {
  return { edition: { enrolments: { some: { personId: scope.personId, status: "ACTIVE" } } } };
}

// ───────────────────────────── phase 2 ─────────────────────────────

/**
 * The OR of the parts of a phase-2 scope; a scope with no part matches nothing. NOTE: not
 * `{ OR: [] }`, which Prisma reads as no condition at all: `id IN ()` is false for sure.
 */
function anyOf<W extends { id?: unknown }>(
  scope: Phase2Scope,
  parts: {
    facilitator: (userId: number) => W;
    area: (ids: number[]) => W;
    organisation: (id: number) => W;
    /** only where learners read (the validated profile): without it the learner part adds nothing */
    learner?: (organisationId: number) => W;
  },
): W | { OR: W[] } | null {
  if (scope.areaIds === null) return null;
  const or: W[] = [];
  if (scope.facilitatorUserId !== null) or.push(parts.facilitator(scope.facilitatorUserId));
  if (scope.areaIds.length) or.push(parts.area(scope.areaIds));
  if (scope.organisationId !== null) or.push(parts.organisation(scope.organisationId));
  if (scope.learnerOrganisationId !== null && parts.learner) or.push(parts.learner(scope.learnerOrganisationId));
  return or.length > 0 ? { OR: or } : ({ id: { in: [] } } as W);
}

/** The cycles a facilitator runs: those of the editions they train. */
function facilitatedCycles(userId: number): Prisma.AssessmentCycleWhereInput {
  return { edition: { trainers: { some: { userId } } } };
}

/** Assessment cycles in scope: facilitated, in the coordinator's areas, of the referent's area, or (learner) with the comune's assessment validated. */
export function cycleWhere(scope: Phase2Scope): Prisma.AssessmentCycleWhereInput {
  return (
    anyOf<Prisma.AssessmentCycleWhereInput>(scope, {
      facilitator: facilitatedCycles,
      area: (ids) => ({ areaId: { in: ids } }),
      organisation: (id) => ({ area: { organisations: { some: { id } } } }),
      learner: (id) => ({ assessments: { some: { organisationId: id, status: "VALIDATED" } } }),
    }) ?? {}
  );
}

/** Assessments in scope: of a facilitated cycle, of the coordinator's areas, the referent's comune's, or (learner) the comune's validated one. */
export function assessmentWhere(scope: Phase2Scope): Prisma.AssessmentWhereInput {
  return (
    anyOf<Prisma.AssessmentWhereInput>(scope, {
      facilitator: (userId) => ({ cycle: facilitatedCycles(userId) }),
      area: (ids) => ({ cycle: { areaId: { in: ids } } }),
      organisation: (id) => ({ organisationId: id }),
      learner: (id) => ({ organisationId: id, status: "VALIDATED" }),
    }) ?? {}
  );
}

/** Needs in scope: of an area the user facilitates or coordinates, or affecting the referent's comune. */
export function needWhere(scope: Phase2Scope): Prisma.NeedWhereInput {
  return (
    anyOf<Prisma.NeedWhereInput>(scope, {
      facilitator: (userId) => ({ area: { assessmentCycles: { some: facilitatedCycles(userId) } } }),
      area: (ids) => ({ areaId: { in: ids } }),
      organisation: (id) => ({ organisations: { some: { organisationId: id } } }),
    }) ?? {}
  );
}

/** Citizens' requests in scope: of the comuni of a facilitated or coordinated area, or the referent's comune. */
export function citizenRequestWhere(scope: Phase2Scope): Prisma.CitizenRequestWhereInput {
  return (
    anyOf<Prisma.CitizenRequestWhereInput>(scope, {
      facilitator: (userId) => ({ organisation: { area: { assessmentCycles: { some: facilitatedCycles(userId) } } } }),
      area: (ids) => ({ organisation: { areaId: { in: ids } } }),
      organisation: (id) => ({ organisationId: id }),
    }) ?? {}
  );
}

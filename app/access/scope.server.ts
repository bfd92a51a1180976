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

export type Scope = OwnScope | TrainerScope | EditionScope | AreaScope | OrganisationScope | AllScope;

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

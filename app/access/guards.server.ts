/**
 * The guards. Every loader and every action starts with one (Remix runs nested loaders in
 * parallel, so a parent's check protects no child). A guard reads the session, checks the
 * capability, and returns `{ user, scope, actor }`: the scope goes into every model query,
 * the actor into every audit row. Guards for one record (`requireEdition`, …) also load it
 * within the scope; a malformed or foreign id answers 404 before or instead of any read.
 * Failures are the same everywhere: 302 to the login page, 403 with the capability, 404.
 */
import { redirect } from "@remix-run/node";
import { IndicatorFiltersSchema, type IndicatorFilters } from "~/domain/indicator-schema";
import { parseId } from "~/domain/ids";
import { parseTableParams } from "~/domain/table-params";
import { findTrainerSession, type TrainerSession } from "~/models/attendance.server";
import { findManagedEdition, type ManagedEdition } from "~/models/enrolment.server";
import { findManagedPerson, type ManagedPerson } from "~/models/person.server";
import { findTrainerEdition, type TrainerEdition } from "~/models/trainer.server";
import { badRequest, forbidden, notFound, requestIdOf } from "~/utils/http.server";
import { logSecurity } from "~/utils/logger.server";
import { memoPerRequest } from "~/utils/request-memo.server";
import { can, CAPABILITIES, type Capability, type RoleName } from "./capabilities";
import type { Actor, AllScope, AreaScope, EditionScope, OwnScope, Phase2Scope, TrainerScope } from "./scope.server";
import { getUser, type CurrentUser } from "./user.server";

export type { CurrentUser };

/** The scope a capability grants, from the last part of its name. */
export type ScopeFor<C extends Capability> = C extends `${string}:own`
  ? OwnScope
  : C extends `${string}:edition`
    ? TrainerScope
    : C extends `${string}:area`
      ? AreaScope
      : C extends `${string}:phase2`
        ? Phase2Scope
        : AllScope;

/** What a guard hands to the loader or action. */
export type Access<S> = { user: CurrentUser; scope: S; actor: Actor };

type EditionCapability = Extract<Capability, `${string}:edition`>;
type AreaCapability = Extract<Capability, `${string}:area`>;

/** The actor of this request, for audit rows. */
function actorOf(request: Request, user: CurrentUser): Actor {
  return { userId: user.id, roles: user.roles, requestId: requestIdOf(request) };
}

function ownScope(user: CurrentUser): OwnScope {
  return { kind: "own", personId: user.personId, userId: user.id, position: user.position };
}

/** The scope of a capability for this user (the user is known to hold it). */
function scopeFor<C extends Capability>(user: CurrentUser, capability: C): ScopeFor<C> {
  const kind = capability.slice(capability.lastIndexOf(":") + 1);
  const scope =
    kind === "own"
      ? ownScope(user)
      : kind === "edition"
        ? ({ kind: "trainer", userId: user.id } satisfies TrainerScope)
        : kind === "area"
          ? ({
              kind: "area",
              areaIds: user.roles.includes("ADMIN") ? null : user.coordinatorAreaIds,
            } satisfies AreaScope)
          : kind === "phase2"
            ? phase2Scope(user, CAPABILITIES[capability])
            : ({ kind: "all" } satisfies AllScope);
  return scope as ScopeFor<C>;
}

/** The parts of a phase-2 scope this user holds through the roles that grant the capability. */
function phase2Scope(user: CurrentUser, granting: readonly RoleName[]): Phase2Scope {
  const through = (role: RoleName) => granting.includes(role) && user.roles.includes(role);
  return {
    kind: "phase2",
    facilitatorUserId: through("TRAINER") ? user.id : null,
    areaIds: through("ADMIN") ? null : through("COORDINATOR") ? user.coordinatorAreaIds : [],
    organisationId: through("REFERENT") ? user.referentOrganisationId : null,
    learnerOrganisationId: through("LEARNER") ? user.organisationId : null,
  };
}

/** Any logged-in user, acting on their own records; otherwise to the login page and back. */
export async function requireUser(request: Request): Promise<Access<OwnScope>> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return { user, scope: ownScope(user), actor: actorOf(request, user) };
}

/** A logged-in user holding the capability, with the scope it grants; 403 otherwise (logged). */
export async function requireCapability<C extends Capability>(
  request: Request,
  capability: C,
): Promise<Access<ScopeFor<C>>> {
  const { user, actor } = await requireUser(request);
  if (!can(user.roles, capability)) {
    logSecurity("forbidden", { userId: user.id, capability, path: new URL(request.url).pathname });
    forbidden(capability);
  }
  return { user, scope: scopeFor(user, capability), actor };
}

/** A learner, on their own records. */
export function requireLearner(request: Request) {
  return requireCapability(request, "progress:read:own");
}

/** A trainer of this edition, with the edition; 403 for non-trainers, 404 for other editions. */
export async function requireEdition(
  request: Request,
  rawId: string | undefined,
  capability: EditionCapability = "edition:read:edition",
): Promise<Access<EditionScope> & { edition: TrainerEdition }> {
  const { user, scope, actor } = await requireCapability(request, capability);
  const id = parseId(rawId) ?? notFound();
  // The edition layout and the page both guard with this: one lookup per request.
  const edition =
    (await memoPerRequest(request, `edition:${user.id}:${id}`, () => findTrainerEdition({ id, scope }))) ?? notFound();
  return { user, actor, edition, scope: { kind: "edition", userId: user.id, editionId: edition.id } };
}

/** A session of an edition the user trains, with both. */
export async function requireEditionSession(
  request: Request,
  params: { id?: string; sessionId?: string },
  capability: EditionCapability = "edition:read:edition",
): Promise<Access<EditionScope> & { edition: TrainerEdition; session: TrainerSession }> {
  const access = await requireEdition(request, params.id, capability);
  const id = parseId(params.sessionId) ?? notFound();
  const session = (await findTrainerSession({ id, scope: access.scope })) ?? notFound();
  return { ...access, session };
}

/** An edition in the coordinator's areas (any for an admin), with the edition. */
export async function requireManagedEdition(
  request: Request,
  rawId: string | undefined,
  capability: AreaCapability = "enrolment:manage:area",
): Promise<Access<AreaScope> & { edition: ManagedEdition }> {
  const access = await requireCapability(request, capability);
  const id = parseId(rawId) ?? notFound();
  const edition = (await findManagedEdition({ id, scope: access.scope })) ?? notFound();
  return { ...access, edition };
}

/** A person of an organisation in the coordinator's areas, with the person. */
export async function requireManagedPerson(
  request: Request,
  rawId: string | undefined,
): Promise<Access<AreaScope> & { person: ManagedPerson }> {
  const access = await requireCapability(request, "person:update:area");
  const id = parseId(rawId) ?? notFound();
  const person = (await findManagedPerson({ id, scope: access.scope })) ?? notFound();
  return { ...access, person };
}

/**
 * Every reporting route: a coordinator (their areas) or an admin (all), with the filters
 * parsed from the URL — bad ones answer 400 with Italian messages. An area filter outside
 * the user's areas yields an empty population, never another area's data.
 */
export async function requireReporting(
  request: Request,
): Promise<Access<AreaScope> & { filters: IndicatorFilters; search: URLSearchParams }> {
  const access = await requireCapability(request, "report:read:area");
  const search = new URL(request.url).searchParams;
  const parsed = parseTableParams(IndicatorFiltersSchema, search);
  if (!parsed.ok) badRequest(parsed.errors);
  return { ...access, filters: parsed.value, search };
}

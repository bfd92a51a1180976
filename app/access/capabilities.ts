/**
 * The capability registry: one table drives the server guards (`guards.server.ts`), what
 * the UI shows (navigation, buttons) and the access-matrix test. The last part of a name is
 * the scope the guard hands to the models (`scope.server.ts`): `:own` = the learner's
 * records, `:edition` = editions assigned to the trainer, `:area` = the coordinator's areas
 * (every area for an admin), `:phase2` = ICT phase 2, the union of what each granting role
 * covers (`Phase2Scope`), `:all` = everything. Shared by server and browser.
 */
export const ROLES = ["LEARNER", "TRAINER", "COORDINATOR", "ADMIN", "REFERENT"] as const;
export type RoleName = (typeof ROLES)[number];

export const CAPABILITIES = {
  "progress:read:own": ["LEARNER"],
  "edition:read:edition": ["TRAINER"],
  "attendance:record:edition": ["TRAINER"],
  "submission:review:edition": ["TRAINER"],
  "report:read:area": ["COORDINATOR", "ADMIN"],
  "person:read:area": ["COORDINATOR", "ADMIN"],
  "person:create:area": ["COORDINATOR", "ADMIN"],
  "person:update:area": ["COORDINATOR", "ADMIN"],
  "enrolment:manage:area": ["COORDINATOR", "ADMIN"],
  "edition:manage:area": ["COORDINATOR", "ADMIN"],
  "role:grant:all": ["ADMIN"],
  "account:read:all": ["ADMIN"],
  "content:sync:all": ["ADMIN"],
  // ICT phase 2 (docs/phase2.md): facilitators are the trainers of a phase-2 edition.
  "assessment:read:phase2": ["TRAINER", "COORDINATOR", "ADMIN", "REFERENT"],
  // the restitution of one comune: learners of that comune read it once validated
  "profile:read:phase2": ["TRAINER", "COORDINATOR", "ADMIN", "REFERENT", "LEARNER"],
  "assessment:fill:phase2": ["REFERENT", "TRAINER"],
  "assessment:validate:phase2": ["TRAINER"],
  "cycle:manage:phase2": ["TRAINER"],
  "need:read:phase2": ["TRAINER", "COORDINATOR", "ADMIN", "REFERENT"],
  "need:propose:phase2": ["TRAINER", "REFERENT"],
  "need:manage:phase2": ["TRAINER"],
  "citizen:moderate:phase2": ["TRAINER", "REFERENT"],
  // the reuse catalogue is shared by the programme (not per area): holding these is the scope
  "catalogue:read:phase2": ["TRAINER", "COORDINATOR", "ADMIN", "REFERENT"],
  "catalogue:manage:phase2": ["TRAINER"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Capability = keyof typeof CAPABILITIES;

/** The scope a capability acts in: the last part of its name. */
export type ScopeKindOf<C extends Capability> = C extends `${string}:${infer K}` ? K : never;

/** The scope kind of a capability, at run time. */
export function scopeKindOf<C extends Capability>(capability: C): ScopeKindOf<C> {
  return capability.slice(capability.lastIndexOf(":") + 1) as ScopeKindOf<C>;
}

/** Whether any of the roles grants the capability. */
export function can(roles: readonly RoleName[], capability: Capability): boolean {
  const allowed: readonly RoleName[] = CAPABILITIES[capability];
  return roles.some((r) => allowed.includes(r));
}

/** Where each role lands after login, in order of precedence for people with several roles. */
export const ROLE_HOMES: readonly { role: RoleName; path: string }[] = [
  { role: "COORDINATOR", path: "/cruscotto" },
  { role: "TRAINER", path: "/edizioni" },
  { role: "REFERENT", path: "/maturita" },
  { role: "LEARNER", path: "/percorso" },
  { role: "ADMIN", path: "/admin" },
];

/** The home of a user with these roles. */
export function homeFor(roles: readonly RoleName[]): string {
  return ROLE_HOMES.find((h) => roles.includes(h.role))?.path ?? "/percorso";
}

/** Navigation entries, each shown only to those holding its capability. */
export const NAVIGATION: readonly { to: string; labelKey: string; capability: Capability }[] = [
  { to: "/percorso", labelKey: "nav.learnerHome", capability: "progress:read:own" },
  { to: "/edizioni", labelKey: "nav.trainerHome", capability: "edition:read:edition" },
  { to: "/cruscotto", labelKey: "nav.coordinatorHome", capability: "report:read:area" },
  { to: "/persone", labelKey: "nav.people", capability: "person:read:area" },
  { to: "/gestione/edizioni", labelKey: "nav.manageEditions", capability: "edition:manage:area" },
  { to: "/maturita", labelKey: "nav.maturity", capability: "assessment:read:phase2" },
  { to: "/fabbisogni", labelKey: "nav.needs", capability: "need:read:phase2" },
  { to: "/catalogo", labelKey: "nav.catalogue", capability: "catalogue:read:phase2" },
  { to: "/admin", labelKey: "nav.admin", capability: "account:read:all" },
  { to: "/i-miei-dati", labelKey: "myData.link", capability: "progress:read:own" },
];

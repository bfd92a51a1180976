/** Helpers for integration tests: people, accounts with sessions, requests, route calls. */
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadContent, syncContent } from "~/models/content.server";
import { loadFrameworks, syncFrameworks } from "~/models/assessment-framework.server";
import { prisma } from "~/utils/db.server";
import type { RoleName } from "~/access/capabilities";
import type { Actor, EditionScope, OwnScope } from "~/access/scope.server";
import { createSession } from "~/utils/session.server";

export const ORIGIN = "http://capacitas.test";

/** A learner acting on their own records (what `requireLearner` hands to the models). */
export function asLearner(scope: OwnScope, requestId = "test"): { scope: OwnScope; actor: Actor } {
  return { scope, actor: { userId: scope.userId, roles: ["LEARNER"], requestId } };
}

/** A trainer acting on one of their editions (what `requireEdition` hands to the models). */
export function asTrainer(
  userId: number,
  editionId: number,
  requestId = "test",
): { scope: EditionScope; actor: Actor } {
  return { scope: { kind: "edition", userId, editionId }, actor: { userId, roles: ["TRAINER"], requestId } };
}

let counter = 0;

/** Loads the real programme from content/ into the test database. */
export async function syncDefaultContent() {
  const loaded = await loadContent(path.resolve("content"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return syncContent(prisma, loaded.content);
}

/** Loads only the assessment instrument of content/assessment/ (quicker than the whole programme). */
export async function syncAssessmentFrameworks() {
  const { frameworks, errors } = await loadFrameworks(path.resolve("content"), (f) => f);
  if (errors.length) throw new Error(JSON.stringify(errors));
  const counts = { created: 0, updated: 0, archived: 0, unchanged: 0 };
  await prisma.$transaction((tx) => syncFrameworks(tx, frameworks, counts));
  return counts;
}

/** An area with a comunità montana and one comune. */
export async function createArea(name = `Area ${++counter}`) {
  const area = await prisma.area.create({ data: { slug: `area-${counter}-${Date.now()}`, name, region: "Lombardia" } });
  const cm = await prisma.organisation.create({
    data: { name: `Comunità Montana ${name}`, kind: "COMUNITA_MONTANA", areaId: area.id },
  });
  const comune = await prisma.organisation.create({
    data: { name: `Comune di ${name}`, kind: "COMUNE", areaId: area.id, parentId: cm.id },
  });
  return { area, cm, comune };
}

type PersonOptions = {
  organisationId: number;
  position?: "ADMINISTRATOR" | "EMPLOYEE" | "EXTERNAL";
  firstName?: string;
  lastName?: string;
  email?: string;
};

export async function createPerson(o: PersonOptions) {
  const n = ++counter;
  return prisma.person.create({
    data: {
      firstName: o.firstName ?? `Nome${n}`,
      lastName: o.lastName ?? `Cognome${n}`,
      email: o.email ?? `persona${n}@test.example`,
      position: o.position ?? "EMPLOYEE",
      organisationId: o.organisationId,
    },
  });
}

/** A user with roles and a live session; returns the Cookie header to send. */
export async function createUserWithSession(
  organisationId: number,
  roles: { role: RoleName; areaId?: number; organisationId?: number }[],
  person: Partial<PersonOptions> = {},
) {
  const p = await createPerson({ organisationId, ...person });
  const user = await prisma.user.create({
    data: {
      email: p.email!,
      personId: p.id,
      roles: {
        create: roles.map((r) => ({
          role: r.role,
          areaId: r.areaId ?? null,
          organisationId: r.organisationId ?? null,
        })),
      },
    },
  });
  const { setCookie } = await createSession(user.id, new Request(ORIGIN));
  return { user, person: p, cookie: setCookie.split(";")[0] };
}

/**
 * A GET or POST request to the app, with the session cookie when given; `ip` is the client
 * address as the server hands it to Remix (`x-client-ip`, set by server.js).
 */
export function makeRequest(
  pathname: string,
  options: { cookie?: string; method?: string; form?: Record<string, string | string[]>; ip?: string } = {},
) {
  const headers = new Headers({ Origin: ORIGIN });
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.ip) headers.set("x-client-ip", options.ip);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form)) for (const item of [v].flat()) body.append(k, item);
  }
  return new Request(`${ORIGIN}${pathname}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/**
 * Calls a loader or action the way Remix does and returns the HTTP status: thrown
 * Responses and `data()` results count like returned ones.
 */
export async function callRoute(handler: Handler, request: Request, params: Record<string, string> = {}) {
  try {
    const result = await handler({ request, params, context: {} } as LoaderFunctionArgs & ActionFunctionArgs);
    return { status: statusOf(result) ?? 200, result };
  } catch (thrown) {
    const status = statusOf(thrown);
    if (status === undefined) throw thrown;
    return { status, result: thrown };
  }
}

function statusOf(value: unknown): number | undefined {
  if (value instanceof Response) return value.status;
  if (
    value &&
    typeof value === "object" &&
    "type" in value &&
    (value as { type: string }).type === "DataWithResponseInit"
  ) {
    return (value as { init?: { status?: number } }).init?.status ?? 200;
  }
  return undefined;
}

/** The payload of a `data()` result (or of a plain returned object). */
export function payload<T = unknown>(result: unknown): T {
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    (result as { type: string }).type === "DataWithResponseInit"
  ) {
    return (result as unknown as { data: T }).data;
  }
  return result as T;
}

type UnitSpec = {
  slug: string;
  kind: "LESSON" | "SEMINAR" | "LAB" | "QUIZ" | "SURVEY";
  required?: boolean;
  audience?: "ALL" | "ADMINISTRATOR" | "EMPLOYEE";
  passMark?: number;
  maxAttempts?: number;
  acceptsText?: boolean;
  acceptsFile?: boolean;
};

/**
 * A small programme in the database: one module, one phase, the given units, an edition
 * in a new area with a trainer, and (optionally) sessions. Quizzes get two questions
 * (q1: option "b" is right; q2: true), surveys a Likert item and a comment.
 */
export async function createModuleFixture(options: {
  units: UnitSpec[];
  threshold?: number;
  sessions?: { startsAt: Date; endsAt: Date; unitSlug?: string; code?: string }[];
}) {
  const n = ++counter;
  const { area, comune } = await createArea(`Fixture ${n}`);
  const programme = await prisma.programme.upsert({
    where: { slug: "programma-test" },
    create: { slug: "programma-test", title: "Programma di prova", description: "Programma usato dai test." },
    update: {},
  });
  const module = await prisma.module.create({
    data: {
      programmeId: programme.id,
      slug: `modulo-${n}`,
      position: n,
      title: `Modulo di prova ${n}`,
      summary: "Sommario.",
      attendanceThreshold: options.threshold ?? 0.75,
    },
  });
  const phase = await prisma.phase.create({
    data: { moduleId: module.id, slug: "percorso", position: 0, title: "Percorso" },
  });
  const units: Record<string, { id: number; slug: string }> = {};
  for (const [position, u] of options.units.entries()) {
    const unit = await prisma.unit.create({
      data: {
        phaseId: phase.id,
        slug: u.slug,
        position,
        kind: u.kind,
        title: `Unità ${u.slug}`,
        durationMinutes: 30,
        required: u.required ?? true,
        audience: u.audience ?? "ALL",
        body: `# ${u.slug}\n\nTesto dell'unità <script>alert(1)</script>.`,
        passMark: u.kind === "QUIZ" ? (u.passMark ?? 60) : null,
        maxAttempts: u.kind === "QUIZ" ? (u.maxAttempts ?? 2) : null,
        acceptsText: u.acceptsText ?? u.kind === "LAB",
        acceptsFile: u.acceptsFile ?? u.kind === "LAB",
      },
    });
    units[u.slug] = unit;
    if (u.kind === "QUIZ") {
      await prisma.question.createMany({
        data: [
          {
            unitId: unit.id,
            key: "q1",
            position: 0,
            type: "SINGLE",
            text: "Domanda uno?",
            options: JSON.stringify([
              { id: "a", text: "A", correct: false },
              { id: "b", text: "B", correct: true },
            ]),
            feedback: "La risposta giusta è B.",
          },
          {
            unitId: unit.id,
            key: "q2",
            position: 1,
            type: "TRUE_FALSE",
            text: "Domanda due?",
            options: JSON.stringify([
              { id: "vero", text: "Vero", correct: true },
              { id: "falso", text: "Falso", correct: false },
            ]),
          },
        ],
      });
    }
    if (u.kind === "SURVEY") {
      await prisma.surveyItem.createMany({
        data: [
          { unitId: unit.id, key: "s1", position: 0, type: "LIKERT", dimension: "Contenuti", text: "Utile?" },
          { unitId: unit.id, key: "s2", position: 1, type: "TEXT", dimension: "Commenti", text: "Commenti" },
        ],
      });
    }
  }
  const trainerPerson = await createPerson({ organisationId: comune.id, position: "EXTERNAL" });
  const trainer = await prisma.user.create({
    data: { email: trainerPerson.email!, personId: trainerPerson.id, roles: { create: [{ role: "TRAINER" }] } },
  });
  const edition = await prisma.edition.create({
    data: {
      code: `ED-${n}`,
      title: `Edizione ${n}`,
      moduleId: module.id,
      areaId: area.id,
      startsOn: new Date("2026-01-01"),
      endsOn: new Date("2026-12-31"),
      status: "OPEN",
      trainers: { create: [{ userId: trainer.id }] },
    },
  });
  const sessions = [];
  for (const s of options.sessions ?? []) {
    sessions.push(
      await prisma.session.create({
        data: {
          editionId: edition.id,
          unitId: s.unitSlug ? units[s.unitSlug].id : null,
          title: "Incontro",
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          mode: "PRESENCE",
          place: "Sala consiliare",
          checkInCode: s.code ?? "ABC234",
        },
      }),
    );
  }
  /** A learner enrolled in the edition, with a session cookie. */
  async function enrolLearner(position: "EMPLOYEE" | "ADMINISTRATOR" = "EMPLOYEE") {
    const l = await createUserWithSession(comune.id, [{ role: "LEARNER" }], { position });
    await prisma.enrolment.create({ data: { editionId: edition.id, personId: l.person.id } });
    const learner: OwnScope = { kind: "own", personId: l.person.id, userId: l.user.id, position };
    return { ...l, learner };
  }
  return { area, comune, module, phase, units, edition, sessions, trainer, enrolLearner };
}

/**
 * The field errors of an action's 400 reply, in the app's one error shape (Conform's
 * `SubmissionResult`, under `result`, or under `checkIn.result` for a check-in form).
 */
export function replyErrors(result: unknown): Record<string, string[]> {
  const body = payload<{
    result?: { error?: Record<string, string[] | null> };
    checkIn?: { result?: { error?: Record<string, string[] | null> } };
  }>(result);
  const error = body.result?.error ?? body.checkIn?.result?.error ?? {};
  return Object.fromEntries(Object.entries(error).filter((e): e is [string, string[]] => Array.isArray(e[1])));
}

/**
 * A cycle of an area on an edition, over a minimal framework with no items: for phase-2
 * tests about scopes, needs and citizens, which need a cycle but not the instrument.
 */
export async function createCycleFixture(o: {
  areaId: number;
  editionId: number;
  createdById: number;
  status?: "DRAFT" | "OPEN" | "CLOSED";
}) {
  const framework = await prisma.assessmentFramework.upsert({
    where: { code_version: { code: "prova", version: "1.0.0" } },
    create: { code: "prova", version: "1.0.0", title: "Prova", sourceNote: "—", levels: "{}", contentHash: "x" },
    update: {},
  });
  return prisma.assessmentCycle.create({
    data: {
      areaId: o.areaId,
      editionId: o.editionId,
      frameworkId: framework.id,
      title: "Rilevazione 2026",
      opensAt: new Date("2026-09-01"),
      closesAt: new Date("2026-12-31"),
      status: o.status ?? "DRAFT",
      createdById: o.createdById,
    },
  });
}

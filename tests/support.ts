/** Helpers for integration tests: people, accounts with sessions, requests, route calls. */
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadContent, syncContent } from "~/models/content.server";
import { prisma } from "~/utils/db.server";
import type { RoleName } from "~/utils/permissions";
import { createSession } from "~/utils/session.server";

export const ORIGIN = "http://capacitas.test";

let counter = 0;

/** Loads the real programme from content/ into the test database. */
export async function syncDefaultContent() {
  const loaded = await loadContent(path.resolve("content"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return syncContent(prisma, loaded.content);
}

/** An area with a comunità montana and one comune. */
export async function createArea(name = `Area ${++counter}`) {
  const area = await prisma.area.create({ data: { slug: `area-${counter}-${Date.now()}`, name, region: "Lombardia" } });
  const cm = await prisma.organisation.create({ data: { name: `Comunità Montana ${name}`, kind: "COMUNITA_MONTANA", areaId: area.id } });
  const comune = await prisma.organisation.create({ data: { name: `Comune di ${name}`, kind: "COMUNE", areaId: area.id, parentId: cm.id } });
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
  roles: { role: RoleName; areaId?: number }[],
  person: Partial<PersonOptions> = {},
) {
  const p = await createPerson({ organisationId, ...person });
  const user = await prisma.user.create({
    data: {
      email: p.email!,
      personId: p.id,
      roles: { create: roles.map((r) => ({ role: r.role, areaId: r.areaId ?? null })) },
    },
  });
  const { setCookie } = await createSession(user.id, new Request(ORIGIN));
  return { user, person: p, cookie: setCookie.split(";")[0] };
}

/** A GET or POST request to the app, with the session cookie when given. */
export function makeRequest(
  pathname: string,
  options: { cookie?: string; method?: string; form?: Record<string, string | string[]> } = {},
) {
  const headers = new Headers({ Origin: ORIGIN });
  if (options.cookie) headers.set("Cookie", options.cookie);
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
  if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") {
    return (value as { init?: { status?: number } }).init?.status ?? 200;
  }
  return undefined;
}

/** The payload of a `data()` result (or of a plain returned object). */
export function payload<T = unknown>(result: unknown): T {
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    return (result as unknown as { data: T }).data;
  }
  return result as T;
}

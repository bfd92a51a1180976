/**
 * HTTP answers that loaders and actions throw, and what they read off the request. One
 * shape per status, so the error boundary can render every failure the same way.
 */
import { data } from "@remix-run/node";
import { logWarning } from "./logger.server";

/** Field errors, keyed by field name ("" = the whole form), the shape Conform uses. */
export type FieldErrors = Record<string, string[]>;

/** Throws an HTTP answer (404 by default) with the message when the condition does not hold. */
export function invariantResponse(
  condition: unknown,
  message = "Pagina non trovata.",
  init: ResponseInit = { status: 404 },
): asserts condition {
  if (!condition) throw data({ message }, init);
}

/** Throws a 404: the record does not exist or is outside the actor's scope (the same answer). */
export function notFound(message = "Pagina non trovata."): never {
  throw data({ message }, { status: 404 });
}

/** Throws a 403 naming the capability that was missing (Epic Stack's shape). */
export function forbidden(requiredCapability: string, message = "Non hai i permessi per questa pagina."): never {
  throw data({ message, requiredCapability }, { status: 403 });
}

/** Throws a 400 whose body carries the field errors for the page to show. */
export function badRequest(errors: FieldErrors): never {
  throw data({ errors }, { status: 400 });
}

/**
 * The form of a POST. A body the server cannot read (a truncated stream, a content type that
 * is not a form) is the client's fault: 400 with an Italian message, logged as a warning.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    unreadableBody(request, error);
  }
}

/** Throws the 400 for a body the server cannot read, logged as a warning with the reason. */
export function unreadableBody(request: Request, reason: unknown): never {
  const message = "Il modulo inviato non è leggibile: ricarica la pagina e riprova.";
  logWarning("http.unreadable_body", {
    path: new URL(request.url).pathname,
    requestId: requestIdOf(request),
    reason: reason instanceof Error ? reason.message.slice(0, 200) : String(reason).slice(0, 200),
  });
  throw data({ message }, { status: 400 });
}

/** The request id set by the server for this request (logs and audit rows share it). */
export function requestIdOf(request: Request): string | null {
  return request.headers.get("x-request-id");
}

/** The client's address as seen by the server (first hop of X-Forwarded-For when trusted). */
export function clientIp(request: Request): string {
  return request.headers.get("x-client-ip") ?? "unknown";
}

/** Only same-site relative paths are accepted as a place to go back to after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** Throws a 400 for a form whose `intent` names no action of the page. */
export function unknownIntent(): never {
  throw data({ message: "Azione non valida." }, { status: 400 });
}

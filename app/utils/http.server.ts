import { data } from "@remix-run/node";

/** Throws an HTTP response (e.g. 404) when the condition does not hold. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) {
    throw new Response(message, {
      statusText: message,
      ...init,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers },
    });
  }
}

/** Throws a 403. */
export function forbidden(message = "Forbidden"): never {
  throw new Response(message, { status: 403, statusText: message });
}

/** Throws a 404. */
export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404, statusText: message });
}

/** Throws a 400 whose body carries the field errors for the page to show. */
export function badRequest(errors: Record<string, string[]>): never {
  throw data({ errors }, { status: 400 });
}

/** The client's address as seen by the server (first hop of X-Forwarded-For when trusted). */
export function clientIp(request: Request): string {
  return request.headers.get("x-client-ip") ?? "unknown";
}

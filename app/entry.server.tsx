import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import i18n from "~/i18n";
import i18next from "~/i18next.server";
import { startJobRunner, type JobRunner } from "~/jobs/runner.server";
import { resources } from "~/locales";
import { prisma } from "~/utils/db.server";
import { getEnv, jobsEnabled } from "~/utils/env.server";
import { logError, logEvent, logWarning } from "~/utils/logger.server";

const ABORT_DELAY = 5_000;

declare global {
  var __jobRunner: JobRunner | undefined;
}

// Production refuses to boot on a bad environment (APP_URL missing…), not on the first mail.
const env = getEnv();

// The scheduled jobs (docs/decisions/016-scheduled-jobs.md): production, or JOBS=on; never
// tests. A dev-server reload replaces the runner rather than adding a second one.
if (jobsEnabled(env)) {
  void globalThis.__jobRunner?.stop();
  globalThis.__jobRunner = startJobRunner();
}

/** Called by server.js when shutdown begins: no job starts after it, the running one finishes. */
export async function stopJobs() {
  await globalThis.__jobRunner?.stop();
}

/** Called by server.js on shutdown, once requests are done: the jobs stop first. */
export async function disconnectDatabase() {
  await stopJobs();
  await prisma.$disconnect();
}

/**
 * Errors Remix saw. A client asking for what is not there (404) is news at info level, a
 * client doing what the page does not allow (405 and other 4xx) a warning; neither has a
 * stack. Only what the server got wrong is logged as an error.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const fields = {
    requestId: request.headers.get("x-request-id"),
    method: request.method,
    path: new URL(request.url).pathname,
  };
  if (isRouteErrorResponse(error) && error.status < 500) {
    if (error.status === 404) logEvent("http.not_found", fields);
    else logWarning(`http.${error.status}`, { ...fields, reason: error.statusText });
    return;
  }
  logError(error, fields);
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const instance = createInstance();
  const lng = await i18next.getLocale(request);
  await instance.use(initReactI18next).init({ ...i18n, lng, resources });

  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-store");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(error, { requestId: request.headers.get("x-request-id") });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

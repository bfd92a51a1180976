// The checks every request passes before Remix sees it (docs/security.md, "The door").
// Plain JavaScript: server.js imports it without a build, and the tests mount it on a
// throwaway Express app (tests/integration/server-door.test.ts).

/** Forms post; links get. Nothing in the app answers another method. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

function warn(event, req, res, fields = {}) {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stdout.write(
    `${JSON.stringify({
      time: new Date().toISOString(),
      level: "warn",
      event,
      method: req.method,
      path: req.path,
      requestId: res.locals.requestId,
      ...fields,
    })}\n`,
  );
}

/** PUT, DELETE, PATCH, OPTIONS… answer 405 with `Allow`, before any loader or action runs. */
export function refuseOtherMethods(req, res, next) {
  if (ALLOWED_METHODS.includes(req.method)) return next();
  warn("http.method_not_allowed", req, res);
  res
    .status(405)
    .set("Allow", ALLOWED_METHODS.join(", "))
    .type("text/plain; charset=utf-8")
    .send("Metodo non consentito: le pagine di Capacitas si leggono con GET e si inviano con POST.");
}

/**
 * Cross-origin writes are refused before any action runs (docs/security.md 4.2.2): a browser
 * says where a form comes from in `Origin` and `Sec-Fetch-Site`.
 */
export function refuseCrossOriginWrites(req, res, next) {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const origin = req.headers.origin;
  let foreign = req.headers["sec-fetch-site"] === "cross-site" || origin === "null";
  if (origin && origin !== "null") {
    try {
      foreign ||= new URL(origin).host !== req.headers.host;
    } catch {
      foreign = true;
    }
  }
  if (!foreign) return next();
  warn("security.cross_origin_refused", req, res);
  res.status(403).type("text/plain; charset=utf-8").send("Richiesta da un'altra origine rifiutata.");
}

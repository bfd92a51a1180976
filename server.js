// The HTTP server: Express around the Remix request handler. It owns what must happen
// before any loader or action runs (docs/security.md, "The door"): request id, client
// address, security headers with a per-request CSP nonce, refusal of other methods and of
// cross-origin writes (server/door.js), compression for slow links, and a graceful shutdown.
// See docs/decisions/003-express-server.md.
import { randomBytes, randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { refuseCrossOriginWrites, refuseOtherMethods } from "./server/door.js";

const MODE = process.env.NODE_ENV === "production" ? "production" : "development";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";

const viteDevServer =
  MODE === "production"
    ? undefined
    : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build")
  : await import("./build/server/index.js");

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

app.use((req, res, next) => {
  res.locals.requestId = randomUUID();
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", res.locals.requestId);
  // Loaders read the client address from here; never trust a client-sent value.
  req.headers["x-client-ip"] = req.ip ?? "unknown";
  req.headers["x-request-id"] = res.locals.requestId;
  next();
});

app.use((req, res, next) => {
  const https = req.secure || process.env.APP_URL?.startsWith("https:");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (MODE === "production") {
    // Vite's dev server injects inline scripts without a nonce: the CSP is enforced on the
    // production build, which the e2e tests exercise.
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${res.locals.cspNonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ].join("; "),
    );
  }
  next();
});

app.use(refuseOtherMethods);
app.use(refuseCrossOriginWrites);

app.use(compression());

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

app.all(
  "*",
  createRequestHandler({
    build,
    mode: MODE,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, requestId: res.locals.requestId }),
  }),
);

const server = app.listen(PORT, HOST, () => {
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      event: "server.listening",
      url: `http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`,
      mode: MODE,
    }),
  );
});

// Graceful shutdown: stop the scheduled jobs and accepting, let in-flight requests and a
// running job finish, close the database.
let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(JSON.stringify({ time: new Date().toISOString(), event: "server.shutdown", signal }));
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  const entry = (async () => (typeof build === "function" ? await build() : build).entry.module)();
  // No scheduled job starts once shutdown begins; a running one finishes before the database closes.
  const jobsStopped = entry.then((mod) => mod.stopJobs?.());
  jobsStopped.catch(() => {}); // awaited, and reported, below
  server.close(async () => {
    try {
      await jobsStopped;
      await (await entry).disconnectDatabase?.();
    } catch (error) {
      console.error(JSON.stringify({ time: new Date().toISOString(), event: "error", message: String(error) }));
    } finally {
      process.exit(0);
    }
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

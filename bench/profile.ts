/**
 * Where a page's time goes. Renders one URL through the production build (build/server),
 * in this process, on the bench database, with Prisma's query log on; prints the time of
 * every SQL query and SQLite's EXPLAIN QUERY PLAN of the slow ones. run.ts calls it for
 * each page (--json) after the load test; by hand:
 *
 *   npx tsx bench/profile.ts /cruscotto coordinator [--repeat 2] [--min-ms 5] [--json] [--dump queries.json]
 *
 * The app's db.server keeps its client in globalThis.__prisma: putting a client with the
 * query log there before the build is imported makes every loader use it, without touching
 * app/. The first rendering warms the page cache; the last one is reported.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { createCookie, createRequestHandler, type ServerBuild } from "@remix-run/node";
import Database from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { BENCH_ACCOUNTS, DATABASE_URL, DAY, DB_FILE, ROOT, SESSION_SECRET, isoText } from "./lib";

/** `ms`: Prisma's duration (queries of one Promise.all queue on the single connection, so
 * they overlap); `aloneMs`: the same statement re-run alone on better-sqlite3. */
export type QueryProfile = { ms: number; aloneMs: number | null; rows: number | null; sql: string; plan: string[] };
export type PageProfile = {
  path: string;
  as: string;
  status: number;
  bytes: number;
  totalMs: number;
  sqlMs: number;
  queries: QueryProfile[];
};

const args = process.argv.slice(2);
const positional = args.filter(
  (a, i) => !a.startsWith("--") && !["--repeat", "--min-ms", "--dump"].includes(args[i - 1]),
);
const dumpFile = args.includes("--dump") ? args[args.indexOf("--dump") + 1] : undefined;
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};
const urlPath = positional[0];
const as = (positional[1] ?? "anonymous") as keyof typeof BENCH_ACCOUNTS | "anonymous";
if (!urlPath?.startsWith("/") || !(as === "anonymous" || as in BENCH_ACCOUNTS)) {
  console.error(
    `usage: npx tsx bench/profile.ts /path [${Object.keys(BENCH_ACCOUNTS).join("|")}|anonymous] [--repeat N] [--min-ms MS] [--json]`,
  );
  process.exit(1);
}
const REPEAT = Math.max(1, option("--repeat", 2));
const MIN_MS = option("--min-ms", 5);

process.env.NODE_ENV = "production";
process.env.DATABASE_URL = DATABASE_URL;
process.env.SESSION_SECRET = SESSION_SECRET;
process.env.LOG_LEVEL = "silent";
process.env.APP_URL = "http://localhost"; // plain http: the unprefixed cookie

const client = new PrismaClient({
  adapter: new PrismaBetterSQLite3({ url: DATABASE_URL, timeout: 5000 }),
  log: [{ emit: "event", level: "query" }],
});
let log: { ms: number; sql: string; params: string }[] = [];
client.$on("query", (e) => log.push({ ms: e.duration, sql: e.query, params: e.params }));
// The app's pragmas (app/utils/db.server.ts, preparePragmas).
const ready = (async () => {
  await client.$queryRaw`PRAGMA journal_mode = WAL`;
  await client.$queryRaw`PRAGMA busy_timeout = 5000`;
  await client.$executeRaw`PRAGMA foreign_keys = ON`;
  await client.$executeRaw`PRAGMA synchronous = NORMAL`;
})();
globalThis.__prisma = { client: client as unknown as NonNullable<typeof globalThis.__prisma>["client"], ready };
await ready;

const build = (await import(pathToFileURL(path.join(ROOT, "build", "server", "index.js")).href)) as ServerBuild;
const handler = createRequestHandler(build, "production");

const headers: Record<string, string> = {};
const sqlite = new Database(DB_FILE);
if (as !== "anonymous") {
  const user = sqlite.prepare(`SELECT id FROM "User" WHERE email = ?`).get(BENCH_ACCOUNTS[as]) as
    { id: number } | undefined;
  if (!user) throw new Error(`bench account missing: ${BENCH_ACCOUNTS[as]}`);
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  sqlite
    .prepare(
      `INSERT INTO "AuthSession" (id, userId, createdAt, lastSeenAt, expiresAt, userAgent) VALUES (?, ?, ?, ?, ?, 'bench-profile')`,
    )
    .run(id, user.id, isoText(now), isoText(now), isoText(now + DAY));
  headers.cookie = (await createCookie("capacitas_session", { secrets: [SESSION_SECRET] }).serialize(id)).split(";")[0];
}

let profile: PageProfile | undefined;
for (let i = 0; i < REPEAT; i++) {
  log = [];
  const started = performance.now();
  const res = await handler(new Request(`http://127.0.0.1${urlPath}`, { headers }));
  const bytes = (await res.arrayBuffer()).byteLength;
  const totalMs = performance.now() - started;
  profile = {
    path: urlPath,
    as,
    status: res.status,
    bytes,
    totalMs,
    sqlMs: log.reduce((s, q) => s + q.ms, 0),
    queries: [],
  };
  if (i === REPEAT - 1 && dumpFile) writeFileSync(dumpFile, JSON.stringify(log, null, 1));
  if (i === REPEAT - 1) {
    profile.queries = [...log]
      .sort((a, b) => b.ms - a.ms)
      .map((q) => {
        let plan: string[] = [];
        let aloneMs: number | null = null;
        let rows: number | null = null;
        if (q.ms >= MIN_MS) {
          try {
            const params = JSON.parse(q.params) as unknown[];
            const depth = new Map<number, number>();
            plan = (
              sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...params) as {
                id: number;
                parent: number;
                detail: string;
              }[]
            ).map((r) => {
              const d = r.parent === 0 ? 0 : (depth.get(r.parent) ?? 0) + 1;
              depth.set(r.id, d);
              return `${"  ".repeat(d)}${r.detail}`;
            });
            const stmt = sqlite.prepare(q.sql);
            const t = performance.now();
            rows = stmt.reader ? stmt.all(...params).length : 0;
            aloneMs = performance.now() - t;
          } catch (error) {
            plan = [`(no plan: ${(error as Error).message})`];
          }
        }
        return { ms: q.ms, aloneMs, rows, sql: q.sql.replace(/\s+/g, " ").trim(), plan };
      })
      .sort((a, b) => (b.aloneMs ?? -1) - (a.aloneMs ?? -1) || b.ms - a.ms);
  }
}
if (as !== "anonymous") sqlite.prepare(`DELETE FROM "AuthSession" WHERE userAgent = 'bench-profile'`).run();
sqlite.close();
await client.$disconnect();

const p = profile!;
if (args.includes("--json")) {
  process.stdout.write(`${JSON.stringify(p)}\n`);
} else {
  console.log(
    `${p.path} as ${p.as}: ${p.status}, ${(p.bytes / 1024).toFixed(0)} kB in ${p.totalMs.toFixed(1)} ms; ${p.queries.length} queries, ${p.sqlMs.toFixed(1)} ms in SQL`,
  );
  for (const q of p.queries) {
    const alone = q.aloneMs === null ? "" : ` (alone ${q.aloneMs.toFixed(1)} ms, ${q.rows} rows)`;
    console.log(`${q.ms.toFixed(1).padStart(7)} ms${alone}  ${q.sql.slice(0, 200)}${q.sql.length > 200 ? "…" : ""}`);
    for (const line of q.plan) console.log(`            ${line}`);
  }
}
process.exit(0);

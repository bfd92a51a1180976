/**
 * `npm run bench` (docs/performance.md): the synthetic dataset (bench/generate.ts, skipped
 * when bench/.tmp/bench.db exists unless --fresh), the production server on it, and
 * autocannon against each page on 127.0.0.1 only. Prints p50/p95/req/s and the ratio of
 * each p95 to the baseline's, the server's memory, and rewrites the "Latest run" section
 * of docs/performance.md. Bounded: everything stops after MAX_MINUTES.
 *
 *   npm run bench [-- --fresh] [--build] [--duration 10] [--no-docs]
 *   npm run bench -- --only learner,edition [--cpu-prof]   (partial: docs not written)
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import {
  BENCH_ACCOUNTS,
  DATABASE_URL,
  DAY,
  DB_FILE,
  META_FILE,
  ROOT,
  SESSION_SECRET,
  TMP,
  isoText,
  type BenchMeta,
} from "./lib";

const MAX_MINUTES = 9.5;
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const DURATION = option("--duration", 10);
const ONLY = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
/** Partial or profiled runs do not overwrite the recorded results. */
const WRITE_DOCS = !flag("--no-docs") && !ONLY && !flag("--cpu-prof");
const HOST = "127.0.0.1";
const DOC = path.join(ROOT, "docs", "performance.md");
const SERVER_LOG = path.join(TMP, "server.log");
const t0 = Date.now();
const log = (message: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

/** The server child, once started: killed on the way out whatever happens. */
const child: { server?: ChildProcess } = {};
let stopping = false;
const deadline = setTimeout(() => {
  console.error(`[bench] over ${MAX_MINUTES} minutes: stopping.`);
  child.server?.kill("SIGKILL");
  process.exit(2);
}, MAX_MINUTES * 60_000);
deadline.unref();
process.on("exit", () => child.server?.kill("SIGKILL"));

// ─────────────────────────── dataset and build ───────────────────────────

if (flag("--fresh") || !existsSync(DB_FILE) || !existsSync(META_FILE)) {
  log(flag("--fresh") ? "--fresh: regenerating the dataset" : "no dataset yet: generating it");
  execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["bench/generate.ts"], { cwd: ROOT, stdio: "inherit" });
} else {
  log(`dataset: reusing ${path.relative(ROOT, DB_FILE)} (npm run bench -- --fresh to rebuild it)`);
}
const meta = JSON.parse(readFileSync(META_FILE, "utf8")) as BenchMeta;
// Migrations added since the dataset was generated (cheap when there are none).
try {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL },
    stdio: ["ignore", "ignore", "pipe"],
  });
} catch (error) {
  throw new Error(
    `prisma migrate deploy failed on the bench database (npm run bench -- --fresh rebuilds it): ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`,
  );
}

if (flag("--build") || !existsSync(path.join(ROOT, "build", "server", "index.js"))) {
  log("building the app (remix vite:build)");
  execFileSync(path.join(ROOT, "node_modules", ".bin", "remix"), ["vite:build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

// ─────────────────────────── sessions: one row + signed cookie per account ───────────────────────────

const cookie = createCookie("capacitas_session", { secrets: [SESSION_SECRET] });
const cookies: Record<keyof typeof BENCH_ACCOUNTS, string> = { learner: "", trainer: "", coordinator: "" };
{
  const db = new Database(DB_FILE);
  try {
    const now = Date.now();
    for (const role of Object.keys(BENCH_ACCOUNTS) as (keyof typeof BENCH_ACCOUNTS)[]) {
      const user = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(BENCH_ACCOUNTS[role]) as
        { id: number } | undefined;
      if (!user) throw new Error(`bench account missing: ${BENCH_ACCOUNTS[role]} (npm run bench -- --fresh)`);
      db.prepare(`DELETE FROM "AuthSession" WHERE userId = ?`).run(user.id);
      const id = randomBytes(32).toString("base64url");
      db.prepare(
        `INSERT INTO "AuthSession" (id, userId, createdAt, lastSeenAt, expiresAt, userAgent) VALUES (?, ?, ?, ?, ?, 'bench')`,
      ).run(id, user.id, isoText(now), isoText(now), isoText(now + DAY));
      cookies[role] = (await cookie.serialize(id)).split(";")[0];
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

// ─────────────────────────── the production server and its memory ───────────────────────────

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
const PORT = await freePort();
const BASE = `http://${HOST}:${PORT}`;
const logFd = openSync(SERVER_LOG, "w");
const PROF_DIR = path.join(TMP, "prof");
const nodeArgs = flag("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${PROF_DIR}`] : [];
const server = spawn(process.execPath, [...nodeArgs, "server.js"], {
  cwd: ROOT,
  // APP_URL is plain http on loopback, so the cookie is the unprefixed `capacitas_session`.
  env: {
    ...process.env,
    APP_URL: BASE,
    NODE_ENV: "production",
    HOST,
    PORT: String(PORT),
    DATABASE_URL,
    SESSION_SECRET,
    LOG_LEVEL: "silent",
  },
  stdio: ["ignore", logFd, logFd],
});
child.server = server;
const pid = server.pid!;
server.on("exit", (code, signal) => {
  if (!stopping) {
    console.error(
      `[bench] the server stopped on its own (code ${code}, signal ${signal}); see ${path.relative(ROOT, SERVER_LOG)}`,
    );
    process.exit(1);
  }
});

function memory(): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}
/** CPU time (in clock ticks, 1/100 s) of the whole machine, of the server and of this process. */
function cpuTicks() {
  const machine = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = machine.reduce((a, b) => a + b, 0) - (machine[3] ?? 0) - (machine[4] ?? 0); // minus idle and iowait
  let serverTicks = 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    serverTicks = Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    // gone
  }
  const self = process.cpuUsage();
  return { at: performance.now(), busy, server: serverTicks, self: (self.user + self.system) / 10_000 };
}
/** Share of the machine's CPU used by other processes (other people's tests…) between two snapshots. */
function otherLoad(a: ReturnType<typeof cpuTicks>, b: ReturnType<typeof cpuTicks>) {
  const capacity = ((b.at - a.at) / 1000) * 100 * os.cpus().length;
  const other = b.busy - a.busy - (b.server - a.server) - (b.self - a.self);
  return capacity > 0 ? Math.max(0, Math.min(1, other / capacity)) : 0;
}

/** RSS sampled every 200 ms; `phasePeak` is reset at the start of each measurement and
 * `trace`, when set, collects the samples of one download. */
const rss = { current: 0, peak: 0, phasePeak: 0, atStart: 0, trace: null as number[] | null };
const sampler = setInterval(() => {
  const m = memory();
  if (!m) return;
  rss.current = m.rss;
  rss.peak = Math.max(rss.peak, m.rss);
  rss.phasePeak = Math.max(rss.phasePeak, m.rss);
  rss.trace?.push(m.rss);
}, 200);

for (let i = 0; ; i++) {
  try {
    const res = await fetch(`${BASE}/healthz`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (i > 150) throw new Error(`the server did not answer /healthz in 30 s; see ${SERVER_LOG}`);
  await sleep(200);
}
// A shared machine: give other people's work up to a minute to calm down before measuring.
for (let waited = 0; ; waited += 5) {
  const a = cpuTicks();
  await sleep(3000);
  const busy = otherLoad(a, cpuTicks());
  if (busy < 0.25 || waited >= 60) {
    if (waited > 0) log(`other processes now take ${(busy * 100).toFixed(0)} % of the CPU: measuring`);
    break;
  }
  if (waited === 0)
    log(`other processes take ${(busy * 100).toFixed(0)} % of the CPU: waiting up to a minute for a quieter machine`);
  await sleep(2000);
}
rss.atStart = memory()?.rss ?? 0;
log(`server up on ${BASE} (pid ${pid}, RSS ${(rss.atStart / MB).toFixed(0)} MB)`);

// ─────────────────────────── targets ───────────────────────────

type Account = keyof typeof BENCH_ACCOUNTS | "anonymous";
type Target = {
  key: string;
  label: string;
  path: string;
  as: Account;
  connections: number;
  /** max ratio of its p95 to the baseline's p95 */
  maxRatio?: number;
  export?: boolean;
  reference?: boolean;
};
const edition = meta.bigEdition;
const allTargets: Target[] = [
  {
    key: "healthz",
    label: "/healthz (reference: no rendering)",
    path: "/healthz",
    as: "anonymous",
    connections: 10,
    reference: true,
  },
  { key: "baseline", label: "Baseline: /login (anonymous)", path: "/login", as: "anonymous", connections: 10 },
  { key: "learner", label: "Learner home /percorso", path: "/percorso", as: "learner", connections: 10, maxRatio: 2 },
  {
    key: "edition",
    label: `Trainer edition table /edizioni/${edition.id} (${edition.enrolled.toLocaleString("en")} learners)`,
    path: `/edizioni/${edition.id}`,
    as: "trainer",
    connections: 10,
    maxRatio: 5,
  },
  {
    key: "dashboard",
    label: "Coordinator dashboard /cruscotto",
    path: "/cruscotto",
    as: "coordinator",
    connections: 10,
    maxRatio: 5,
  },
  {
    key: "fullExport",
    label: "Full CSV export /cruscotto/esporta/persone-moduli.csv",
    path: "/cruscotto/esporta/persone-moduli.csv",
    as: "coordinator",
    connections: 2,
    export: true,
  },
  {
    key: "editionExport",
    label: `Attendance CSV export /edizioni/${edition.id}/esporta/presenze.csv`,
    path: `/edizioni/${edition.id}/esporta/presenze.csv`,
    as: "trainer",
    connections: 2,
    export: true,
  },
];
const only = ONLY ? new Set(["baseline", ...ONLY.split(",")]) : null;
const targets = allTargets.filter((t) => !only || only.has(t.key));
/** Like a browser: compressed responses accepted (server.js compresses what it sends). */
const BROWSER_HEADERS = { accept: "text/html,application/xhtml+xml,*/*;q=0.8", "accept-encoding": "gzip, deflate, br" };
const headersOf = (t: Target): Record<string, string> =>
  t.as === "anonymous" ? { ...BROWSER_HEADERS } : { ...BROWSER_HEADERS, cookie: cookies[t.as] };

type Download = {
  status: number;
  bytes: number;
  rows: number;
  seconds: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  /** highest RSS in the second half of the download minus the highest in the first half */
  secondHalfGrowth: number;
};
type Measure = {
  target: Target;
  available: boolean;
  status?: number;
  note?: string;
  /** "load": autocannon; "sequential": one request at a time (a single request took over SLOW_MS) */
  mode?: "load" | "sequential";
  /** sequential mode: latency of /healthz sent while one of its requests was running */
  healthzDuring?: number;
  /** p95 of the baseline measured just before this target (the ratio's denominator) */
  pairedBaselineP95?: number;
  /** share of the machine's CPU taken by other processes while this target was measured */
  otherLoad?: number;
  probeMs?: number;
  requests?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  rps?: number;
  non2xx?: number;
  errors?: number;
  rssPeak?: number;
  download?: Download;
};

/** A request slower than this alone is not load-tested: 10 connections would queue for minutes. */
const SLOW_MS = 2000;
/** Time given to the sequential measurement of a slow target (at least one request). */
const SLOW_BUDGET_MS = 40_000;
const REQUEST_TIMEOUT_MS = 180_000;

/** One GET, body read to the end; the server's RSS is sampled meanwhile. */
async function timedGet(t: Target): Promise<Download> {
  const rssBefore = memory()?.rss ?? 0;
  rss.phasePeak = rssBefore;
  rss.trace = [];
  const started = performance.now();
  const res = await fetch(BASE + t.path, {
    headers: headersOf(t),
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  let bytes = 0;
  let rows = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) rows++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rssPeak = Math.max(rss.phasePeak, memory()?.rss ?? 0);
  const trace = rss.trace;
  rss.trace = null;
  const half = Math.floor(trace.length / 2);
  const secondHalfGrowth =
    trace.length >= 4 ? Math.max(0, Math.max(...trace.slice(half)) - Math.max(...trace.slice(0, half))) : 0;
  return {
    status: res.status,
    bytes,
    rows: Math.max(0, rows - 1),
    seconds,
    rssBefore,
    rssPeak,
    rssAfter: rssPeak,
    secondHalfGrowth,
  };
}

/** The last error message the server logged (its stderr goes to SERVER_LOG), if any. */
function serverError(): string | null {
  const lines = readFileSync(SERVER_LOG, "utf8")
    .split("\n")
    .map((l) => l.trim());
  let i = lines.length - 1;
  while (i >= 0 && !/^\w*Error\b|^Error:/.test(lines[i])) i--;
  if (i < 0) return null;
  const message = lines
    .slice(i, i + 6)
    .filter((l) => l && !l.startsWith("at ") && !/^\w*Error:?$/.test(l))
    .join(" ");
  return (message || lines[i]).slice(0, 200);
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const remainingMs = () => MAX_MINUTES * 60_000 - (Date.now() - t0);

async function measure(t: Target, quiet = false): Promise<Measure> {
  if (remainingMs() < 90_000) return { target: t, available: false, note: "skipped: out of time budget" };
  // First request: a probe (for an export, the full download with the server's memory).
  if (t.export) await sleep(1000);
  const probe = await timedGet(t);
  if (t.export) {
    await sleep(1000);
    probe.rssAfter = memory()?.rss ?? 0;
  }
  if (probe.status !== 200) {
    const note = probe.status === 404 ? "not available (404)" : `answered ${probe.status}`;
    log(`${t.label}: ${note}`);
    return { target: t, available: false, status: probe.status, note };
  }
  const result: Measure = {
    target: t,
    available: true,
    status: 200,
    probeMs: probe.seconds * 1000,
    download: t.export ? probe : undefined,
  };

  if (probe.seconds * 1000 > SLOW_MS) {
    // Too slow for the load test: a few requests one after the other.
    const n = Math.max(1, Math.min(5, Math.floor(SLOW_BUDGET_MS / (probe.seconds * 1000))));
    const latencies: number[] = [];
    rss.phasePeak = rss.current;
    const started = performance.now();
    let non2xx = 0;
    for (let i = 0; i < n; i++) {
      const pending = timedGet(t);
      if (i === 0) {
        // Does the rest of the app wait meanwhile? /healthz, sent 300 ms into the request.
        await sleep(300);
        const h = performance.now();
        await (await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).arrayBuffer();
        result.healthzDuring = performance.now() - h;
      }
      const r = await pending;
      latencies.push(r.seconds * 1000);
      if (r.status !== 200) non2xx++;
    }
    latencies.sort((a, b) => a - b);
    Object.assign(result, {
      mode: "sequential",
      requests: n,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      rps: n / ((performance.now() - started) / 1000),
      non2xx,
      errors: 0,
      rssPeak: rss.phasePeak,
    });
  } else {
    // Warm-up: a few requests, not recorded.
    await autocannon({
      url: BASE + t.path,
      connections: 2,
      amount: t.export ? 4 : 40,
      timeout: REQUEST_TIMEOUT_MS / 1000,
      headers: headersOf(t),
    });
    const latencies: number[] = [];
    let non2xx = 0;
    rss.phasePeak = rss.current;
    const run = autocannon({
      url: BASE + t.path,
      connections: t.connections,
      duration: DURATION,
      timeout: REQUEST_TIMEOUT_MS / 1000,
      headers: headersOf(t),
    });
    run.on("response", (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
    const r = await run;
    latencies.sort((a, b) => a - b);
    Object.assign(result, {
      mode: "load",
      requests: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      rps: latencies.length / r.duration,
      non2xx,
      errors: r.errors + r.timeouts,
      rssPeak: rss.phasePeak,
    });
  }
  const sequentialText = ` (sequential, ${result.requests} requests: one alone took ${fmt(result.probeMs, 0)} ms; /healthz sent meanwhile took ${fmt(result.healthzDuring, 0)} ms)`;
  const failures = result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : "";
  const summary = `p50 ${fmt(result.p50)} ms, p95 ${fmt(result.p95)} ms, ${fmt(result.rps)} req/s${result.mode === "sequential" ? sequentialText : ""}${failures}`;
  log(`${quiet ? `  (paired baseline) ${t.label}` : t.label}: ${summary}`);
  return result;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits));

const results: Measure[] = [];
const baselineTarget = targets.find((t) => t.key === "baseline")!;
for (const t of targets) {
  // Each target with a ratio to meet gets its own baseline run just before it, so that
  // a change in the machine's load (other people's work) touches both sides alike.
  const paired =
    t.maxRatio !== undefined && remainingMs() > 120_000
      ? await measure(baselineTarget, true).catch(() => undefined)
      : undefined;
  const before = cpuTicks();
  const r = await measure(t).catch(async (error: Error): Promise<Measure> => {
    await sleep(500); // the server logs the cause after the connection breaks
    const cause = serverError();
    log(`${t.label}: failed (${error.message}${cause ? `; server: ${cause}` : ""})`);
    return {
      target: t,
      available: false,
      note: `**failed**: ${error.message}${cause ? ` — server log: “${cause}”` : ""}`,
    };
  });
  r.otherLoad = otherLoad(before, cpuTicks());
  if (paired?.p95) r.pairedBaselineP95 = paired.p95;
  results.push(r);
}

stopping = true;
clearInterval(sampler);
const final = memory();
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));

// ─────────────────────────── report ───────────────────────────

const baseline = results.find((r) => r.target.key === "baseline")!;
/** p95 over the baseline run just before the target (paired) and over the first baseline run. */
const ratio = (r: Measure) =>
  r.p95 !== undefined && r.pairedBaselineP95 ? r.p95 / r.pairedBaselineP95 : firstRatio(r);
const firstRatio = (r: Measure) => (r.p95 !== undefined && baseline.p95 ? r.p95 / baseline.p95 : undefined);
/** 2: met against both baselines, 1: against one only (borderline), 0: missed. */
const metCount = (r: Measure) =>
  [ratio(r), firstRatio(r)].filter((x) => x !== undefined && x <= r.target.maxRatio!).length;
const busiest = Math.max(0, ...results.map((r) => r.otherLoad ?? 0));
const loadNote =
  busiest > 0.15
    ? `⚠ The machine was not idle: other processes took up to ${(busiest * 100).toFixed(0)} % of its CPU while a target was measured (column "other load"). Latencies are inflated and ratios less reliable; rerun on an idle machine to confirm.`
    : `The machine was otherwise idle (other processes: at most ${(busiest * 100).toFixed(0)} % of the CPU during any target).`;
/** An export "in constant memory": one full download grows the server's RSS by less than this. */
const CONSTANT_MEMORY_MB = 64;
const mb = (bytes: number) => (bytes / MB).toFixed(0);
function verdict(r: Measure): string {
  if (!r.available) return r.note ?? "not available";
  if (r.non2xx || r.errors) return `NO: ${r.non2xx} non-2xx, ${r.errors} errors`;
  if (r.target.maxRatio !== undefined) {
    const met = metCount(r);
    return met === 2
      ? `yes (≤ ${r.target.maxRatio}×)`
      : met === 1
        ? `borderline: ≤ ${r.target.maxRatio}× against one baseline only`
        : `**NO** (target ≤ ${r.target.maxRatio}×)`;
  }
  if (r.download) {
    const growth = (r.download.rssPeak - r.download.rssBefore) / MB;
    const text = `+${growth.toFixed(0)} MB RSS for ${(r.download.bytes / MB).toFixed(1)} MB sent`;
    return growth <= CONSTANT_MEMORY_MB ? `constant memory: yes (${text})` : `constant memory: **NO** (${text})`;
  }
  return r.target.reference ? "reference" : "baseline";
}

const rows = results.map((r) => ({
  target: r.target.label + (r.mode === "sequential" ? ` ⁽ˢ⁾` : ""),
  first: r.probeMs !== undefined ? fmt(r.probeMs, 0) : "—",
  p50: r.available ? fmt(r.p50) : "—",
  p95: r.available ? fmt(r.p95) : "—",
  rps: r.available ? fmt(r.rps) : "—",
  ratio:
    r.target.key === "baseline"
      ? "1.00×"
      : !r.available
        ? "—"
        : r.pairedBaselineP95
          ? `${fmt(ratio(r), 2)}× (of ${fmt(r.pairedBaselineP95, 0)}) · ${fmt(firstRatio(r), 2)}× (of ${fmt(baseline.p95, 0)})`
          : `${fmt(firstRatio(r), 2)}×`,
  met: verdict(r),
  load: r.otherLoad === undefined ? "—" : `${(r.otherLoad * 100).toFixed(0)} %`,
  rss: r.rssPeak ? mb(Math.max(r.rssPeak, r.download?.rssPeak ?? 0)) : "—",
}));
console.log("");
console.table(
  rows.map((r) => ({
    target: r.target,
    "first ms": r.first,
    "p50 ms": r.p50,
    "p95 ms": r.p95,
    "req/s": r.rps,
    "p95/baseline": r.ratio,
    "target met": r.met.replace(/\*\*/g, ""),
    "peak RSS MB": r.rss,
    "other load": r.load,
  })),
);
console.log(loadNote);
const peak = Math.max(rss.peak, final?.hwm ?? 0);
const sequential = results.filter((r) => r.mode === "sequential");
const sequentialNote = sequential.length
  ? `⁽ˢ⁾ measured one request at a time (${sequential.map((r) => `${r.target.key}: ${r.requests}`).join(", ")} requests): a single request took more than ${SLOW_MS / 1000} s, so ${DURATION} s of 10 connections would only queue requests for minutes. ` +
    `Worse, the SQLite driver is synchronous: while one of these requests runs, the whole server waits — /healthz sent 300 ms into it answered after ${sequential.map((r) => `${fmt(r.healthzDuring, 0)} ms (${r.target.key})`).join(", ")}, against ${fmt(results.find((r) => r.target.key === "healthz")?.p50, 0)} ms (p50 under load) otherwise.`
  : "";
if (sequentialNote) console.log(sequentialNote);
console.log(`Server memory: RSS ${mb(rss.atStart)} MB after start, peak ${mb(peak)} MB over the run.`);
const downloadLines = results
  .filter((r) => r.download)
  .map((r) => {
    const d = r.download!;
    return `${r.target.label}: one full download of ${(d.bytes / MB).toFixed(1)} MB (${d.rows.toLocaleString("en")} rows) in ${d.seconds.toFixed(2)} s; server RSS ${mb(d.rssBefore)} MB before, ${mb(d.rssPeak)} MB peak during (+${mb(d.secondHalfGrowth)} MB in the second half of the download), ${mb(d.rssAfter)} MB after; peak during the repeated requests ${r.rssPeak ? mb(r.rssPeak) : "—"} MB.`;
  });
for (const line of downloadLines) console.log(line);

// Where the time goes, for each missed target: its SQL (Prisma query log, re-run alone, plans).
type QueryProfile = { ms: number; aloneMs: number | null; rows: number | null; sql: string; plan: string[] };
type PageProfile = { status: number; totalMs: number; sqlMs: number; queries: QueryProfile[] };
const missed = results.filter((r) => r.available && r.target.maxRatio !== undefined && metCount(r) < 2);
const profiles = new Map<string, PageProfile>();
if (WRITE_DOCS) {
  for (const r of missed) {
    if (remainingMs() < 60_000) break;
    log(`profiling the SQL of ${r.target.path} (bench/profile.ts)`);
    try {
      const out = execFileSync(
        path.join(ROOT, "node_modules", ".bin", "tsx"),
        [
          "bench/profile.ts",
          r.target.path,
          r.target.as,
          "--repeat",
          (r.probeMs ?? 0) > SLOW_MS ? "1" : "3",
          "--min-ms",
          "0",
          "--json",
        ],
        {
          cwd: ROOT,
          encoding: "utf8",
          timeout: Math.min(150_000, remainingMs() - 30_000),
          stdio: ["ignore", "pipe", "ignore"],
        },
      );
      profiles.set(r.target.key, JSON.parse(out.trim().split("\n").pop()!) as PageProfile);
    } catch (error) {
      log(`profile of ${r.target.path} failed: ${(error as Error).message.split("\n")[0]}`);
    }
  }
}

/** The part of a statement that tells queries apart: the final SELECT of a WITH, else the start. */
function shortSql(sql: string) {
  const i = sql.lastIndexOf(") SELECT ");
  const text = sql.startsWith("WITH") && i > 0 ? `WITH … ${sql.slice(i + 2)}` : sql;
  return (text.length > 150 ? `${text.slice(0, 150)}…` : text).replace(/`/g, "").replace(/\|/g, "\\|");
}

if (WRITE_DOCS) {
  const commit = (() => {
    try {
      const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
      const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "server.js", "prisma"], {
        cwd: ROOT,
        encoding: "utf8",
      }).trim()
        ? " plus uncommitted changes in app/ or prisma/"
        : "";
      return sha + dirty;
    } catch {
      return "unknown";
    }
  })();
  const sqliteVersion = (() => {
    const db = new Database(":memory:");
    const v = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
    db.close();
    return v;
  })();
  const c = meta.counts;
  const n = (k: string) => (c[k] ?? 0).toLocaleString("en");
  const table = [
    "| target | first request ms | p50 ms | p95 ms | req/s | p95 / baseline p95 | target met | peak RSS MB | other load |",
    "|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.first} | ${r.p50} | ${r.p95} | ${r.rps} | ${r.ratio} | ${r.met} | ${r.rss} | ${r.load} |`,
    ),
  ];
  const gaps = missed.map(
    (r) =>
      `- ${r.target.label}: p95 ${fmt(r.p95, 0)} ms = ${fmt(ratio(r), 1)}× the paired baseline's ${fmt(r.pairedBaselineP95 ?? baseline.p95, 0)} ms and ${fmt(firstRatio(r), 1)}× the first baseline's ${fmt(baseline.p95, 0)} ms; target ≤ ${r.target.maxRatio}×${metCount(r) === 1 ? " (met against one of them only)" : ""}.`,
  );
  const profileBlocks = missed.flatMap((r) => {
    const p = profiles.get(r.target.key);
    if (!p) return [];
    const top = p.queries.filter((q) => q.aloneMs !== null).slice(0, 4);
    const aloneTotal = p.queries.reduce((s, q) => s + (q.aloneMs ?? 0), 0);
    return [
      "",
      `**${r.target.path}**, one request rendered in-process on the same data${(r.probeMs ?? 0) > SLOW_MS ? "" : " (third rendering, warm)"}: ${fmt(p.totalMs, 0)} ms, ${p.queries.length} SQL queries which, re-run alone, take ${fmt(aloneTotal, 0)} ms together` +
        (aloneTotal < p.totalMs * 0.3
          ? ` — **the time is not in SQLite** but around it (Prisma's per-query work, rendering; see the analysis). Slowest:`
          : ". Slowest:"),
      "",
      "| ms (alone) | rows | query |",
      "|---:|---:|---|",
      ...top.map((q) => `| ${fmt(q.aloneMs ?? undefined, 1)} | ${q.rows ?? "—"} | \`${shortSql(q.sql)}\` |`),
      "",
      ...(top[0]?.plan.length ? ["Plan of the slowest (`EXPLAIN QUERY PLAN`):", "", "```", ...top[0].plan, "```"] : []),
    ];
  });
  const section = [
    "<!-- bench:latest:start (written by bench/run.ts: do not edit by hand) -->",
    "## Latest run",
    "",
    `- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; code: commit ${commit}, production build in \`build/\`.`,
    `- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM; Node ${process.version}; SQLite ${sqliteVersion}.`,
    `- Dataset (generated ${meta.generatedAt.slice(0, 16).replace("T", " ")} UTC in ${meta.seconds} s): ${n("Person")} people (${meta.learners.toLocaleString("en")} learners) in ${n("Organisation")} organisations; ${n("Edition")} editions, ${n("Session")} sessions, ${n("Enrolment")} enrolments, ${n("Attendance")} attendance records; ${n("Unit")} units, **${n("Progress")} progress rows**, ${n("ModuleProgress")} module and ${n("PhaseProgress")} phase progress rows; ${n("QuizAttempt")} quiz attempts, ${n("LabSubmission")} lab submissions, ${n("SurveyResponse")} survey responses (${n("SurveyAnswer")} answers), ${n("Certificate")} certificates. The trainer's edition ${edition.code} has ${edition.enrolled.toLocaleString("en")} active learners.`,
    `- Load: autocannon from the same machine to ${HOST} only, ${DURATION} s per target after a short warm-up; 10 connections for pages, 2 for exports; browser-like \`Accept-Encoding\`; p50/p95 over every response.`,
    "",
    ...table,
    "",
    '"First request": the probe, alone, before any warm-up (caches cold: a memoised page shows its real computation here). Ratios: the target\'s p95 over the p95 of a baseline run made just before it, then over the first baseline run (in brackets, the baselines\' p95 in ms); the baseline itself slows down once heavier pages have grown the server\'s heap, so a target counts as met only against both. "Peak RSS": the server\'s highest RSS while the target was measured. "Other load": the CPU share other processes of the machine took meanwhile.',
    "",
    loadNote,
    "",
    ...(sequentialNote ? [sequentialNote, ""] : []),
    `Server memory: ${mb(rss.atStart)} MB RSS after start, **peak ${mb(peak)} MB** over the whole run (kernel high-water mark included).`,
    "",
    ...downloadLines.map((l) => `- ${l}`),
    ...(gaps.length ? ["", "Targets missed:", "", ...gaps] : ["", "Every latency target met."]),
    ...(profileBlocks.length
      ? ["", "### Where the time goes (automatic, for the targets not clearly met)", ...profileBlocks]
      : []),
    "<!-- bench:latest:end -->",
  ].join("\n");
  const current = existsSync(DOC) ? readFileSync(DOC, "utf8") : "# Performance\n\n";
  const re = /<!-- bench:latest:start[\s\S]*?<!-- bench:latest:end -->/;
  writeFileSync(DOC, re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}\n`);
  log(`results written to ${path.relative(ROOT, DOC)}`);
}
log("done");
process.exit(0);
